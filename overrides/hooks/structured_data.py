"""Describe the guichet unique's services to search engines as schema.org JSON-LD.

A page opts in with ``structured_data: contacts`` in its front matter (the
contacts page does). The block is generated from the contacts that
``page_data.py`` validated from ``data/contacts.yml`` and left in
``config.extra["contacts"]``, so it can never drift from the cards the
visitor reads.

It is a ``<script type="application/ld+json">`` data block: browsers never run
it, so the strict Content-Security-Policy (``script-src 'self'`` + hashes)
does not need to allow it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, Protocol

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

FRONT_MATTER_KEY = "structured_data"


class ContactLike(Protocol):
    organisation: str
    service: str
    phone: str
    email: str

    @property
    def tel(self) -> str: ...


def contacts_graph(contacts: Iterable[ContactLike]) -> dict[str, Any]:
    """One GovernmentOrganization per contact, each with its ContactPoint."""
    return {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "GovernmentOrganization",
                "name": contact.organisation,
                "contactPoint": {
                    "@type": "ContactPoint",
                    "contactType": contact.service,
                    "telephone": contact.tel,
                    "email": contact.email,
                },
            }
            for contact in contacts
        ],
    }


def script_block(data: dict[str, Any]) -> str:
    """The JSON-LD as a data block, safe inside HTML (no ``</script>`` can close it early)."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">\n{text}\n</script>\n'


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    wanted = page.meta.get(FRONT_MATTER_KEY)
    if wanted is None:
        return output
    if wanted != "contacts":
        raise PluginError(
            f"docs/{page.file.src_uri}: {FRONT_MATTER_KEY}: unknown value {wanted!r} (expected 'contacts')"
        )
    contacts = config.extra.get("contacts")
    if not contacts:
        raise PluginError("structured_data.py: no contacts in config.extra (page_data.py must run first)")
    head_end = output.find("</head>")
    if head_end < 0:
        raise PluginError(f"docs/{page.file.src_uri}: no </head> to put the JSON-LD in")
    return output[:head_end] + script_block(contacts_graph(contacts)) + output[head_end:]
