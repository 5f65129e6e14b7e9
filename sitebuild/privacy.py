"""What the site keeps in the visitor's browser, read from ``data/browser-storage.yml``.

The personal data page lists these entries, and a browser test checks that
browsing the site writes exactly them: so the page cannot promise less than
the code does.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .data_files import read_yaml, required_text
from .errors import BuildError
from .paths import DATA

BROWSER_STORAGE_FILE = DATA / "browser-storage.yml"
STORAGES = ("sessionStorage", "localStorage")
TEXTS = ("key", "what", "why", "erased")


@dataclass(frozen=True)
class StoredEntry:
    key: str
    storage: str
    page: str | None
    """The page that writes it (relative to ``docs/``), or ``None`` for every page."""
    what: str
    why: str
    erased: str
    """When it goes away (how the visitor erases it)."""
    prefixed: bool = False
    """The key is written after the site's path and a dot (Material's convention)."""

    def key_for(self, site_path: str) -> str:
        """The key as the browser holds it, for a site served at ``site_path`` (``/`` or ``/x/``)."""
        return f"{site_path}.{self.key}" if self.prefixed else self.key


def load_browser_storage(path: Path = BROWSER_STORAGE_FILE) -> tuple[StoredEntry, ...]:
    data = read_yaml(path)
    entries = data.get("entries") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        raise BuildError(f"{path}: entries: expected the list of what the site keeps in the browser")
    found = []
    for index, entry in enumerate(entries):
        where = f"{path}: entries[{index}]"
        if not isinstance(entry, dict):
            raise BuildError(f"{where}: expected a mapping")
        for field in TEXTS:
            required_text(entry.get(field), f"{where}.{field}")
        if entry.get("storage") not in STORAGES:
            raise BuildError(f"{where}.storage: expected one of {', '.join(STORAGES)}")
        found.append(StoredEntry(
            key=entry["key"].strip(),
            storage=entry["storage"],
            page=entry.get("page") or None,
            what=" ".join(entry["what"].split()),
            why=" ".join(entry["why"].split()),
            erased=" ".join(entry["erased"].split()),
            prefixed=bool(entry.get("prefixed", False)),
        ))
    return tuple(found)
