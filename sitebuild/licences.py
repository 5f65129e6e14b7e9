"""What the site reuses under an open licence, read from ``data/licences.yml``,
for the legal notice's credits.

An entry may depend on an npm package (the communes data): it is credited
only while ``package.json`` has that package, so the page never credits a
source the site does not use, and credits it as soon as it does.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .data_files import read_yaml, required_text
from .errors import BuildError
from .paths import DATA
from .pins import PACKAGE_JSON, npm_dependencies, with_versions

LICENCES_FILE = DATA / "licences.yml"
TEXTS = ("what", "page", "author", "title", "updated", "licence")


@dataclass(frozen=True)
class Reused:
    what: str
    page: str
    """The page that shows it, relative to ``docs/``."""
    author: str
    title: str
    updated: str
    licence: str
    url: str | None = None


@dataclass(frozen=True)
class Licences:
    reused: tuple[Reused, ...]
    licence_url: str


def load_licences(path: Path = LICENCES_FILE, package_json: Path = PACKAGE_JSON) -> Licences:
    data = read_yaml(path)
    entries = data.get("reused") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not isinstance(data.get("licence_url"), str):
        raise BuildError(f"{path}: expected reused (a list) and licence_url")
    dependencies = npm_dependencies(package_json)
    reused = []
    for index, entry in enumerate(entries):
        where = f"{path}: reused[{index}]"
        if not isinstance(entry, dict):
            raise BuildError(f"{where}: expected a mapping")
        for field in TEXTS:
            required_text(entry.get(field), f"{where}.{field}")
        if entry.get("requires_npm") and entry["requires_npm"] not in dependencies:
            continue
        texts = {field: with_versions(" ".join(entry[field].split()), f"{where}.{field}", package_json=package_json)
                 for field in TEXTS}
        reused.append(Reused(**texts, url=entry.get("url")))
    return Licences(tuple(reused), data["licence_url"])
