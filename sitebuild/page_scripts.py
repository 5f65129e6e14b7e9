"""Give each page the script of the reusable fragments it includes.

A page that includes the commune search (``overrides/fragments/commune-search.html``,
whose wrapper carries ``data-commune-search``) needs its module script; the
page's author should not have to remember it. So the build adds the script to
the head of exactly the pages whose HTML has the fragment. A module script
from the site itself: the strict Content-Security-Policy needs no hash for it,
and it runs once the page is parsed.
"""

from __future__ import annotations

import re

COMMUNE_SEARCH_SCRIPT = "assets/commune-search/commune-search.js"
"""The commune search's script, relative to the site's root."""

_MARKER = re.compile(r"<[^>]+\sdata-commune-search[\s=>]")


def has_commune_search(html: str) -> bool:
    return _MARKER.search(html) is not None


def with_page_scripts(html: str, script_url: str) -> str:
    """``html`` with the commune search's script (at ``script_url``, relative to the
    page) before ``</head>``, if the page has the fragment; else unchanged."""
    if not has_commune_search(html):
        return html
    head_end = html.find("</head>")
    if head_end < 0:
        return html
    tag = f'<script type="module" src="{script_url}"></script>\n'
    return html[:head_end] + tag + html[head_end:]
