"""The pages every French public site carries, and the footer that leads to them.

- Every page's footer says « Accessibilité : <status> » (the status from
  data/rgaa.yml) and links to the statement, the legal notice, personal data
  and the site map, always in this order (RGAA 12.4); the footer comes from
  a copy of Material's copyright partial that differs by one line only.
- The site map is made from the navigation and reaches every page (RGAA 12.3).
- The legal notice credits the memo's authors and what is reused under a licence;
  the personal data page lists what the browser keeps (its truth is checked in
  Chromium by test_browser_storage.py); a preview build says what is to complete
  (what a build for publication requires: test_build_publisher.py).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import material
import pytest
import yaml
from playwright.sync_api import Page, expect

from sitebuild.accessibility import load_statement
from sitebuild.errors import BuildError
from sitebuild.legal_pages import LEGAL_PAGES, SITE_MAP
from sitebuild.licences import load_licences
from sitebuild.privacy import load_browser_storage
from sitebuild.site_map import INFORMATION_SECTION, Entry, nav_from_config, site_map
from support.built_html import Element, article, parse_file
from support.site import ROOT, built_pages, built_target, expected_pages, page_path

MATERIAL_COPYRIGHT = Path(material.__file__).parent / "templates" / "partials" / "copyright.html"
OUR_COPYRIGHT = ROOT / "overrides" / "partials" / "copyright.html"
OUR_LINE = '  {% include "partials/site-info.html" %}\n'
MEMO_AUTHORS = ("Carcassonne Agglo", "Département de l'Aude", "Le Grand Narbonne")
TO_COMPLETE = "à compléter par l'éditeur du site"


def page_file(site_dir: Path, source: str) -> Path:
    return site_dir / page_path(ROOT / "docs" / source)


# --- the footer -----------------------------------------------------------------


def test_every_footer_states_the_accessibility_status_and_links_the_four_pages(site_dir: Path) -> None:
    statement = load_statement()
    expected_labels = [f"Accessibilité : {statement.status}", *(page.title for page in LEGAL_PAGES[1:])]
    expected_targets = [page_path(ROOT / "docs" / page.source) for page in LEGAL_PAGES]
    pages = [page for page in built_pages(site_dir) if not page.startswith("pyodide/")]
    assert "404.html" in pages and "auto-evaluation/index.html" in pages
    for page in pages:
        footer = parse_file(site_dir / page).find("footer", cls="md-footer")
        links = footer.find("nav", cls="site-info").find_all("a")
        assert [a.text for a in links] == expected_labels, page
        targets = [built_target(page, a.attrs["href"]) for a in links]
        assert targets == expected_targets, page
        current = [a.text for a in links if a.attrs.get("aria-current") == "page"]
        assert current == ([label for label, target in zip(expected_labels, expected_targets, strict=True)
                            if target == page]), page


@pytest.mark.browser
def test_on_paper_the_legal_notice_keeps_its_content_and_drops_the_footer(page: Page) -> None:
    page.goto(LEGAL_PAGES[1].url)
    page.emulate_media(media="print")
    expect(page.locator("article h1")).to_be_visible()
    expect(page.locator(".md-footer")).to_be_hidden()
    after = page.locator("article a.external-link").first.evaluate("a => getComputedStyle(a, '::after').content")
    assert "https://" in after  # paper has no links: the address is printed


def test_the_home_page_shows_the_mention_the_rgaa_requires(site_dir: Path) -> None:
    footer = parse_file(site_dir / "index.html").find("footer")
    assert footer.find("a", href="accessibilite/").text == "Accessibilité : non conforme"


def _without_leading_comment(template: str) -> str:
    return template.split("-#}\n", 1)[1] if template.startswith("{#-") else template


def test_our_copyright_partial_is_materials_plus_the_footer_links_only() -> None:
    ours = _without_leading_comment(OUR_COPYRIGHT.read_text(encoding="utf-8"))
    upstream = _without_leading_comment(MATERIAL_COPYRIGHT.read_text(encoding="utf-8"))
    assert ours.count(OUR_LINE) == 1
    assert ours.replace(OUR_LINE, "") == upstream


def test_the_legal_pages_are_built_but_stay_out_of_the_menu(site_dir: Path) -> None:
    menu = json.dumps(nav_from_config())
    for page in LEGAL_PAGES:
        assert page.source not in menu
        assert (site_dir / page_path(ROOT / "docs" / page.source)).is_file()
        assert article(page_file(site_dir, page.source)).find("h1").text == page.title


# --- the site map -----------------------------------------------------------------


def test_the_site_map_links_every_page_under_its_title(site_dir: Path) -> None:
    content = article(page_file(site_dir, SITE_MAP.source))
    plan = page_path(ROOT / "docs" / SITE_MAP.source)
    links = content.find_all("a")
    targets = [built_target(plan, a.attrs["href"]) for a in links]
    assert sorted(targets) == sorted(set(expected_pages()) - {"404.html", plan}), "the site map misses pages"
    for a, target in zip(links, targets, strict=True):
        document = parse_file(site_dir / target)
        active = document.find("nav", cls="md-nav--primary").find_all("a", cls="md-nav__link--active")
        title = active[0].text if active else document.find("article").find("h1").text
        assert a.text == title, f"{target}: listed as {a.text!r}, its title is {title!r}"


def test_the_site_map_follows_the_navigation_then_lists_the_legal_pages() -> None:
    nav = [{"Accueil": "index.md"}, {"Rubrique": [{"Une page": "a/b.md"}, {"Autre": "c.md"}]}]
    made = site_map(nav)
    assert made.entries[:2] == (Entry("Accueil", "index.md"),
                                Entry("Rubrique", None, (Entry("Une page", "a/b.md"), Entry("Autre", "c.md"))))
    assert made.entries[2].title == INFORMATION_SECTION
    assert [e.source for e in made.entries[2].children] == [p.source for p in LEGAL_PAGES if p is not SITE_MAP]
    assert made.markdown().splitlines()[:4] == [
        "- [Accueil](index.md)", "- Rubrique", "    - [Une page](a/b.md)", "    - [Autre](c.md)",
    ]
    assert made.markdown("x/plan.md").splitlines()[0] == "- [Accueil](../index.md)"


def test_a_menu_entry_without_a_title_stops_the_build() -> None:
    with pytest.raises(BuildError, match="give each page a title"):
        site_map(["index.md"])


# --- the legal notice ------------------------------------------------------------------


def test_the_legal_notice_names_the_memos_authors_and_credits_what_is_reused(site_dir: Path) -> None:
    content = article(page_file(site_dir, "mentions-legales.md"))
    text = content.text
    assert f"écrit par {', '.join(MEMO_AUTHORS)}" in text
    licences = load_licences()
    for item in licences.reused:
        assert item.author in text and item.updated in text
    hrefs = [a.attrs["href"] for a in content.find_all("a")]
    assert "https://www.etalab.gouv.fr/licence-ouverte-open-licence/" in hrefs
    assert "loi n° 2004-575 du 21 juin 2004 pour la confiance dans l'économie numérique" in text


def test_the_communes_data_is_credited_while_the_site_uses_it(tmp_path: Path) -> None:
    package = "@etalab/decoupage-administratif"
    package_json = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    pinned = {**package_json.get("dependencies", {}), **package_json.get("devDependencies", {})}[package]
    credited = [item for item in load_licences().reused if "decoupage-administratif" in item.title]
    assert len(credited) == 1
    assert credited[0].page == "memo/contacts.md" and credited[0].author == "Etalab"
    assert credited[0].updated == f"version {pinned}" and credited[0].licence.startswith("Licence Ouverte")
    for key in ("dependencies", "devDependencies"):
        package_json.get(key, {}).pop(package, None)
    without = tmp_path / "package.json"
    without.write_text(json.dumps(package_json), encoding="utf-8")
    assert not [item for item in load_licences(package_json=without).reused if "decoupage-administratif" in item.title]


def test_a_preview_build_says_it_republishes_the_memo_and_what_is_to_complete(site_dir: Path) -> None:
    for source in ("mentions-legales.md", "donnees-personnelles.md", "accessibilite.md"):
        content = article(page_file(site_dir, source))
        notice = content.find("div", cls="preview-notice").text
        assert "Ce site n'est pas encore publié." in notice
        assert f"Il republie le mémo « La clause sociale d'insertion » de {', '.join(MEMO_AUTHORS)}." in notice
        assert content.find_all("em", cls="to-complete"), source
        assert all(em.text == TO_COMPLETE for em in content.find_all("em", cls="to-complete"))
    notice = article(page_file(site_dir, "mentions-legales.md"))
    fields = [li.text for li in notice.find_all("li")][:7]
    assert fields == [f"{name} : {TO_COMPLETE}" for name in ("nom", "adresse", "téléphone", "e-mail",
                                                             "nom", "adresse", "téléphone")]


# --- personal data -------------------------------------------------------------------------


def _entries(content: Element) -> list[Element]:
    """The list items that start with a bold « what »: one per stored entry."""
    return [li for li in content.find_all("li")
            if li.children and isinstance(li.children[0], Element) and li.children[0].tag == "strong"]


def test_the_personal_data_page_lists_what_the_browser_keeps_and_how_to_erase_it(site_dir: Path) -> None:
    content = article(page_file(site_dir, "donnees-personnelles.md"))
    listed = _entries(content)
    stored = load_browser_storage()
    assert len(listed) == len(stored)
    for item, entry in zip(listed, stored, strict=True):
        assert item.find("strong").text == entry.what
        assert item.find("code").text == entry.storage
        assert f"Effacement : {entry.erased}" in item.text
    text = content.text
    assert "Il ne dépose aucun cookie, ne mesure pas son audience et ne charge rien depuis un autre site." in text
    assert "C'est la lecture du site." in text
    assert "https://www.cnil.fr/" in [a.attrs["href"] for a in content.find_all("a")]


@pytest.mark.parametrize(
    ("change", "problem"),
    [({"storage": "cookie"}, "storage: expected one of sessionStorage, localStorage"),
     ({"erased": " "}, "erased: missing or empty")],
    ids=["cookie", "no way to erase"],
)
def test_a_storage_entry_the_page_cannot_explain_stops_the_build(tmp_path: Path, change: dict, problem: str) -> None:
    data = yaml.safe_load((ROOT / "data" / "browser-storage.yml").read_text(encoding="utf-8"))
    data["entries"][0].update(change)
    path = tmp_path / "browser-storage.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(BuildError, match=re.escape(f"entries[0].{problem}")):
        load_browser_storage(path)
