"""Mark links that leave the site, for every visitor and for the privacy promise.

The site makes no third-party request; the only way out is a plain link the
visitor chooses to follow (the memo's link to aude.fr). Such a link gets
``rel="external"`` and the class ``external-link``, and its text ends with a
visible « (site externe) » so that sighted users, screen-reader users (the cue
is part of the link's accessible name, RGAA criterion 6.1) and printed copies
all know they are leaving. The print stylesheet also prints its address.

Only the page content needs it (``overrides/hooks/external_links.py`` hands
it over): the theme around it has no outbound link.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

CUE = "(site externe)"
CUE_CLASS = "external-link__cue"
LINK_CLASS = "external-link"

# Markdown output: anchors never nest, so an anchor runs to the next </a>.
ANCHOR = re.compile(r"<a\b(?P<attrs>[^>]*)>(?P<body>.*?)</a>", re.DOTALL | re.IGNORECASE)
ATTRIBUTE = re.compile(r"""\s(?P<name>[\w:-]+)\s*=\s*(?P<quote>["'])(?P<value>.*?)(?P=quote)""", re.DOTALL)


def is_outbound(href: str, site_host: str | None) -> bool:
    """True for an absolute http(s) or protocol-relative URL to another host."""
    parts = urlsplit(html.unescape(href).strip())
    if parts.scheme not in ("http", "https", ""):
        return False  # tel:, mailto:, …
    if not parts.netloc:
        return False  # relative link inside the site
    return parts.hostname != site_host


def _with_token(attrs: str, name: str, token: str) -> str:
    """Add ``token`` to the space-separated attribute ``name`` (creating it if absent)."""
    for match in ATTRIBUTE.finditer(attrs):
        if match.group("name").lower() == name:
            tokens = match.group("value").split()
            if token in tokens:
                return attrs
            value = " ".join([*tokens, token])
            start, end = match.span("value")
            return attrs[:start] + value + attrs[end:]
    return f'{attrs} {name}="{token}"'


def mark_external_links(content: str, site_host: str | None) -> str:
    """Rewrite every outbound anchor of ``content``; leave the others untouched."""

    def rewrite(match: re.Match[str]) -> str:
        attrs, body = match.group("attrs"), match.group("body")
        hrefs = [m.group("value") for m in ATTRIBUTE.finditer(attrs) if m.group("name").lower() == "href"]
        href = hrefs[0] if hrefs else None
        if href is None or not is_outbound(href, site_host) or CUE_CLASS in body:
            return match.group(0)
        attrs = _with_token(attrs, "rel", "external")
        attrs = _with_token(attrs, "class", LINK_CLASS)
        return f'<a{attrs}>{body} <span class="{CUE_CLASS}">{CUE}</span></a>'

    return ANCHOR.sub(rewrite, content)
