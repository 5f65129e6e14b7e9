"""The RGAA criteria that the accessibility statement's grid (data/rgaa.yml)
says the suite checks on every built page, and nowhere else: the doctype
(8.1), the language (8.3, 8.4), the page titles (8.5, 8.6), two ways to
navigate and the same search everywhere (12.1, 12.5), the zones of the page
(12.6), the link to the content (12.7). The footer and the site map (12.3,
12.4) are in test_legal_pages.py.

And the non-conformities the statement lists, checked to be still there: when
one is fixed, this fails, and the statement must say so.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from sitebuild.legal_pages import SITE_MAP
from support.built_html import Element, parse_file
from support.site import built_pages, built_target

SITE_NAME = "La clause sociale d'insertion dans l'Aude"
ERROR_PAGE = "404.html"


def pages(site_dir: Path) -> dict[str, Element]:
    return {page: parse_file(site_dir / page) for page in built_pages(site_dir) if not page.startswith("pyodide/")}


def test_every_page_starts_with_the_html5_doctype(site_dir: Path) -> None:
    for page in pages(site_dir):
        head = (site_dir / page).read_text(encoding="utf-8")[:40]
        assert re.match(r"\s*<!doctype html>\s*<html\b", head, re.IGNORECASE), f"{page}: {head!r}"


def test_every_page_is_declared_in_french(site_dir: Path) -> None:
    for page, document in pages(site_dir).items():
        assert document.find("html").attrs.get("lang") == "fr", page


def test_every_page_has_its_own_title_then_the_sites_name(site_dir: Path) -> None:
    titles = {page: document.find("title").text for page, document in pages(site_dir).items()}
    assert titles.pop("index.html") == SITE_NAME
    assert titles[ERROR_PAGE] == f"Page introuvable - {SITE_NAME}"
    for page, title in titles.items():
        own, separator, site = title.rpartition(" - ")
        assert separator and site == SITE_NAME and own.strip(), f"{page}: {title!r}"
    owns = [title.rpartition(" - ")[0] for title in titles.values()]
    assert len(set(owns)) == len(owns), f"two pages share a title: {sorted(owns)}"


def _components(header: Element) -> list[str]:
    return [e.attrs["data-md-component"] for e in header.iter() if "data-md-component" in e.attrs]


def test_every_page_offers_the_menu_the_search_and_the_site_map(site_dir: Path) -> None:
    """Menu, search engine and site map on every page (12.1); the search in the
    same place of the header, in the same order of its parts (12.5)."""
    orders = {}
    for page, document in pages(site_dir).items():
        menu = document.find("nav", cls="md-nav--primary")
        assert len(menu.find_all("a")) >= 5, f"{page}: no main menu"
        header = document.find("header", cls="md-header")
        search = header.find("form", cls="md-search__form")
        assert search.find("input", name="query").attrs.get("aria-label"), page
        orders[page] = _components(header)
        footer = document.find("footer", cls="md-footer")
        targets = [built_target(page, a.attrs["href"]) for a in footer.find_all("a")]
        assert f"{SITE_MAP.url}index.html" in targets, f"{page}: no link to the site map in the footer"
    assert "search" in orders["index.html"]
    assert len({tuple(order) for order in orders.values()}) == 1, orders


def _ancestors_by_tag(document: Element) -> dict[int, list[str]]:
    """For each element (by id()), the tags of its ancestors."""
    found: dict[int, list[str]] = {}

    def walk(element: Element, above: list[str]) -> None:
        found[id(element)] = above
        for child in element.children:
            if isinstance(child, Element):
                walk(child, [*above, element.tag])

    walk(document, [])
    return found


def test_every_page_has_its_header_menu_content_and_footer_zones(site_dir: Path) -> None:
    """One banner (header), one main, one contentinfo (footer), each a landmark:
    none inside another, nor inside an article, aside, nav or section (where
    header and footer would lose their role)."""
    sectioning = {"article", "aside", "main", "nav", "section", "header", "footer"}
    for page, document in pages(site_dir).items():
        ancestors = _ancestors_by_tag(document)
        for tag in ("header", "main", "footer"):
            zones = [e for e in document.find_all(tag) if not sectioning & set(ancestors[id(e)])]
            assert len(zones) == 1, f"{page}: {len(zones)} top-level <{tag}>"
        assert document.find("nav", cls="md-nav--primary").attrs.get("aria-label"), page


def test_every_page_starts_with_the_same_link_to_its_content(site_dir: Path) -> None:
    texts = set()
    for page, document in pages(site_dir).items():
        if page == ERROR_PAGE:
            continue  # the known non-conformity below
        first = document.find("body").find("a")
        assert "md-skip" in first.classes, f"{page}: the first link is {first.attrs}"
        texts.add(first.text)
        target = first.attrs["href"].removeprefix("#")
        assert document.find("article").find_all(id=target), f"{page}: #{target} is not in the content"
    assert texts == {"Aller au contenu"}


@pytest.mark.browser
def test_the_link_to_the_content_shows_when_focused_and_works(page: Page) -> None:
    page.goto("memo/publics/")
    skip = page.locator(".md-skip")
    expect(skip).to_have_css("opacity", "0")  # Material hides it until it is reached
    page.keyboard.press("Tab")
    expect(skip).to_be_focused()
    expect(skip).to_have_css("opacity", "1")
    expect(skip).to_be_in_viewport()
    box = skip.bounding_box()
    assert box and box["width"] > 20 and box["height"] > 10, box
    target = skip.get_attribute("href")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(target) + "$"))
    expect(page.locator(f"article {target}")).to_be_in_viewport()


def test_the_known_non_conformities_are_still_there(site_dir: Path) -> None:
    """1.2: the theme's icons have no aria-hidden; 12.7: the error page has no
    link to its content. When one is fixed, update data/rgaa.yml."""
    home = parse_file(site_dir / "index.html")
    icons = home.find("header", cls="md-header").find_all("svg")
    assert icons and not [svg for svg in icons if svg.attrs.get("aria-hidden") == "true"]
    assert not parse_file(site_dir / ERROR_PAGE).find_all("a", cls="md-skip")
