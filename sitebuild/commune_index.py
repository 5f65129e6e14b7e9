"""The commune search's index, written into the built site for the content pages.

The contacts page and the buyer pages answer "which service for my commune?"
without Pyodide: content pages stay light. So the build writes, once, what the
Python rules say about every commune (``eligibility.territory``): its name,
the label a list of hits shows, its postal codes and the id of the service it
calls first, in the order the rules rank ties, with each service's sentence.
``docs/assets/commune-search/commune-index.js`` searches it the way
:func:`eligibility.territory.find_communes` does (a test proves they agree).

The page fetches it when the visitor first goes to the search field, not
with the page.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Any

INDEX = "assets/commune-search/communes.json"
"""Where the index lives in the site, next to the script that reads it."""


def index_data(territory: Any = None) -> dict[str, Any]:
    """The index: ``{"max_hits", "notes": {contact id: sentence}, "communes": [row, …]}``.

    A row is ``[code, name, label, postal codes (space-separated), contact id]``;
    rows come in the rules' tie order, so that a stable sort by rank gives the
    same order as ``find_communes``.
    """
    territory = territory or importlib.import_module("eligibility.territory")
    return {
        "max_hits": territory.MAX_HITS,
        "notes": {contact.id: territory.note_template(contact) for contact in territory.contacts()},
        "communes": [
            [c.code, c.name, c.label, " ".join(c.postal_codes), territory.contact_for(c).id]
            for c in territory.communes()
        ],
    }


def write_index(site_dir: Path, territory: Any = None) -> Path:
    """Write the index into ``site_dir`` (compact JSON); returns its path."""
    path = site_dir / INDEX
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(index_data(territory), ensure_ascii=False, separators=(",", ":"))
    path.write_text(text + "\n", encoding="utf-8")
    return path
