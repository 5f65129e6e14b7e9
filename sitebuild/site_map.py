"""The site map (« Plan du site »), made from the navigation at build time.

It lists the menu's sections and pages as ``mkdocs.yml`` declares them, then
the pages that stay out of the menu (:data:`sitebuild.legal_pages.LEGAL_PAGES`),
as a nested Markdown list of links to the pages' sources: the site map
follows every change of the menu, and the generator checks each link like any
other. Titles come from the navigation, so each one must have its title there.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import BuildError
from .legal_pages import LEGAL_PAGES, SITE_MAP, LegalPage
from .paths import ROOT

MKDOCS_YML = ROOT / "mkdocs.yml"
INFORMATION_SECTION = "Informations sur le site"


@dataclass(frozen=True)
class Entry:
    title: str
    source: str | None = None
    """The page, relative to ``docs/``; ``None`` for a section."""
    children: tuple[Entry, ...] = ()

    def pages(self) -> list[Entry]:
        """This entry if it is a page, then the pages under it, in order."""
        return ([self] if self.source else []) + [page for child in self.children for page in child.pages()]


class _TolerantLoader(yaml.SafeLoader):
    """Reads ``mkdocs.yml`` without MkDocs: its ``!ENV`` and other tags become plain values."""


_TolerantLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def nav_from_config(path: Path = MKDOCS_YML) -> list[Any]:
    """The ``nav`` of a ``mkdocs.yml``, as written."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_TolerantLoader)  # a SafeLoader
    nav = data.get("nav") if isinstance(data, dict) else None
    if not isinstance(nav, list):
        raise BuildError(f"{path}: nav: expected the list of the site's pages")
    return nav


def _entry(item: Any) -> Entry:
    if not isinstance(item, dict) or len(item) != 1:
        raise BuildError(f"mkdocs.yml: nav: {item!r}: give each page a title (« Title: page.md ») for the site map")
    ((title, value),) = item.items()
    if isinstance(value, str):
        return Entry(str(title), value)
    if isinstance(value, list):
        return Entry(str(title), None, tuple(_entry(child) for child in value))
    raise BuildError(f"mkdocs.yml: nav: {title!r}: expected a page or a list of pages")


def _legal_entry(page: LegalPage) -> Entry:
    return Entry(page.title, page.source)


@dataclass(frozen=True)
class SiteMap:
    entries: tuple[Entry, ...]

    def pages(self) -> list[Entry]:
        """Every page the site map links to, in its order."""
        return [page for entry in self.entries for page in entry.pages()]

    def markdown(self, page: str = SITE_MAP.source) -> str:
        """The nested list, with links relative to the page ``page`` that shows it."""
        base = posixpath.dirname(page)
        lines: list[str] = []

        def add(entry: Entry, depth: int) -> None:
            title = re.sub(r"([\\\[\]*_`])", r"\\\1", entry.title)
            if entry.source:
                target = posixpath.relpath(entry.source, base or ".")
                lines.append(f"{'    ' * depth}- [{title}]({target})")
            else:
                lines.append(f"{'    ' * depth}- {title}")
            for child in entry.children:
                add(child, depth + 1)

        for entry in self.entries:
            add(entry, 0)
        return "\n".join(lines) + "\n"


def site_map(nav: list[Any] | None = None) -> SiteMap:
    """The site map of ``nav`` (default: ``mkdocs.yml``'s), then the pages out of the menu but itself."""
    nav = nav_from_config() if nav is None else nav
    information = tuple(_legal_entry(page) for page in LEGAL_PAGES if page is not SITE_MAP)
    return SiteMap((*(_entry(item) for item in nav), Entry(INFORMATION_SECTION, None, information)))
