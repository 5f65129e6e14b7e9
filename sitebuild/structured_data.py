"""Describe the guichet unique's services to search engines as schema.org JSON-LD.

The block is made from the same :class:`~sitebuild.contacts.Contact` records
as the cards the visitor reads, so the two can never drift apart. A page opts
in with ``structured_data: contacts`` in its front matter (the contacts page
does; ``overrides/hooks/structured_data.py`` reads it).

Each organisation's ``areaServed`` (schema.org: AdministrativeArea on
Organization, hence on GovernmentOrganization) is its own territory, from the
same contacts file: the intercommunality (EPCI) it lists, named and
identified by its SIREN, or, for the service of the rest of the Aude, the
département. There is no schema.org type for a French EPCI; a plain
AdministrativeArea with a name says it without inventing one.

It is a ``<script type="application/ld+json">`` data block: browsers never
run it, so the strict Content-Security-Policy needs no hash for it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from .contacts import Contact, package_territory
from .errors import BuildError

FRONT_MATTER_KEY = "structured_data"
KINDS = ("contacts",)
"""The values ``structured_data`` may take."""


def area_served(contact: Contact, territory: dict[str, Any]) -> dict[str, Any] | list[dict[str, Any]]:
    """The contact's territory as schema.org AdministrativeArea(s)."""
    if contact.rest_of_the_aude:
        return {"@type": "AdministrativeArea", "name": territory["departement"]["name"]}
    areas = [
        {
            "@type": "AdministrativeArea",
            "name": territory["epci"][siren],
            "identifier": {"@type": "PropertyValue", "propertyID": "SIREN", "value": siren},
        }
        for siren in contact.epci
    ]
    return areas[0] if len(areas) == 1 else areas


def contacts_graph(contacts: Iterable[Contact], territory: dict[str, Any] | None = None) -> dict[str, Any]:
    """One GovernmentOrganization per contact, each with its ContactPoint and area served."""
    territory = package_territory() if territory is None else territory
    return {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "GovernmentOrganization",
                "name": contact.organisation,
                "areaServed": area_served(contact, territory),
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


def with_structured_data(html: str, kind: object, contacts: Iterable[Contact], where: str) -> str:
    """``html`` with the JSON-LD of ``kind`` (a page's ``structured_data``) before ``</head>``."""
    if kind not in KINDS:
        raise BuildError(f"{where}: {FRONT_MATTER_KEY}: unknown value {kind!r} (expected one of {KINDS})")
    head_end = html.find("</head>")
    if head_end < 0:
        raise BuildError(f"{where}: no </head> to put the JSON-LD in")
    return html[:head_end] + script_block(contacts_graph(contacts)) + html[head_end:]
