"""The build turns every page of ``docs/`` into a page of the site, with the
project's data rendered in, outbound links marked and JSON-LD where asked;
bad input stops it with a message naming the page."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest
import yaml

from scripts.build import build_site
from sitebuild import content, links, structured_data
from sitebuild.contacts import load_contacts
from sitebuild.errors import BuildError
from sitebuild.page_scripts import COMMUNE_SEARCH_SCRIPT, with_page_scripts
from sitebuild.runtime_pages import RUNTIME_PAGES
from support.built_html import parse_file
from support.site import DOCS, built_pages, copy_project, expected_pages

# --- every page -----------------------------------------------------------------


def test_the_build_writes_every_page_of_docs_and_nothing_else(site_dir: Path) -> None:
    """The pages the tests parametrize at collection time are exactly the pages built."""
    assert expected_pages() == built_pages(site_dir)
    assert (site_dir / "assets" / "stylesheets" / "site.css").is_file()


@pytest.mark.parametrize("page", sorted(DOCS.rglob("*.md")), ids=lambda p: str(p.relative_to(DOCS)))
def test_every_front_matter_is_valid_yaml(page: Path) -> None:
    # MkDocs silently renders a broken front matter as page text (e.g. an
    # unquoted " : " in a description), so the build alone does not catch it.
    text = page.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        return
    front_matter = text.split("---\n", 2)[1]
    assert isinstance(yaml.safe_load(front_matter), dict)


def test_a_template_error_names_the_page() -> None:
    environment = content.environment()
    with pytest.raises(BuildError, match=r"^docs/x\.md: template error: .*'nowhere' is undefined"):
        content.render(environment, "{{ nowhere.phone }}", "docs/x.md")


# --- the runtime pages' list -------------------------------------------------------


def front_matter(page: Path) -> dict:
    text = page.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n", 2)[1]) if text.startswith("---\n") else {}


def test_the_pages_on_the_runtime_template_are_exactly_the_listed_ones() -> None:
    on_template = sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md")
                         if front_matter(p).get("template") == "runtime-page.html")
    assert on_template == sorted(page.source for page in RUNTIME_PAGES)
    for page in RUNTIME_PAGES:
        assert (DOCS / page.script).is_file() and (DOCS / page.stylesheet).is_file(), page


@pytest.mark.slow
def test_a_page_on_the_runtime_template_missing_from_the_list_stops_the_build(tmp_path: Path) -> None:
    def add_page(project: Path) -> None:
        (project / "docs" / "essai.md").write_text("---\ntemplate: runtime-page.html\n---\n# Essai\n")

    project = copy_project(tmp_path / "project", add_page)
    result = build_site(tmp_path / "site", project=project)
    assert result.returncode != 0
    assert "docs/essai.md: uses runtime-page.html but is not in sitebuild/runtime_pages.py" in result.stderr


# --- outbound links -------------------------------------------------------------------


def test_outbound_link_gets_rel_external_class_and_visible_cue() -> None:
    html = '<p><a href="http://aude.fr" class="aude-fr-link">Ou vous renseigner sur aude.fr</a></p>'
    assert links.mark_external_links(html, "127.0.0.1") == (
        '<p><a href="http://aude.fr" class="aude-fr-link external-link" rel="external">'
        'Ou vous renseigner sur aude.fr <span class="external-link__cue">(site externe)</span></a></p>'
    )


def test_existing_rel_is_kept_and_completed() -> None:
    html = '<a rel="noopener" href="https://example.org/x">x</a>'
    assert 'rel="noopener external"' in links.mark_external_links(html, "127.0.0.1")


@pytest.mark.parametrize(
    "href",
    [
        "../contacts/",
        "#minimum_social",
        "tel:+33468105640",
        "mailto:a@b.fr",
        "http://127.0.0.1:8000/memo/",
        "/memo/",
    ],
)
def test_links_inside_the_site_and_tel_mailto_are_left_alone(href: str) -> None:
    html = f'<a href="{href}">lien</a>'
    assert links.mark_external_links(html, "127.0.0.1") == html


def test_marking_twice_adds_the_cue_once() -> None:
    once = links.mark_external_links('<a href="//aude.fr">aude.fr</a>', "127.0.0.1")
    assert links.mark_external_links(once, "127.0.0.1") == once
    assert once.count("(site externe)") == 1


# --- JSON-LD ---------------------------------------------------------------------------


def test_json_ld_block_cannot_be_closed_by_the_data() -> None:
    block = structured_data.script_block({"name": "</script><script>alert(1)</script> & co"})
    body = block.removeprefix('<script type="application/ld+json">\n').removesuffix("\n</script>\n")
    assert "<" not in body and ">" not in body
    assert json.loads(body) == {"name": "</script><script>alert(1)</script> & co"}


def test_json_ld_graph_has_one_government_organization_per_contact() -> None:
    contacts = load_contacts()
    graph = structured_data.contacts_graph(contacts)["@graph"]
    assert [node["name"] for node in graph] == [c.organisation for c in contacts]
    assert {node["@type"] for node in graph} == {"GovernmentOrganization"}
    assert [node["contactPoint"]["telephone"] for node in graph] == [c.tel for c in contacts]


def test_json_ld_says_the_area_each_organisation_serves_from_the_contacts_file() -> None:
    graph = structured_data.contacts_graph(load_contacts())["@graph"]
    areas = {node["name"]: node["areaServed"] for node in graph}
    assert areas == {
        "Carcassonne Agglo": {
            "@type": "AdministrativeArea",
            "name": "CA Carcassonne Agglo",
            "identifier": {"@type": "PropertyValue", "propertyID": "SIREN", "value": "200035715"},
        },
        "Département de l'Aude": {"@type": "AdministrativeArea", "name": "Aude"},
        "Le Grand Narbonne": {
            "@type": "AdministrativeArea",
            "name": "CA Le Grand Narbonne",
            "identifier": {"@type": "PropertyValue", "propertyID": "SIREN", "value": "241100593"},
        },
    }


def test_json_ld_goes_before_the_end_of_head_and_an_unknown_kind_is_refused() -> None:
    html = "<html><head><title>t</title></head><body></body></html>"
    with_block = structured_data.with_structured_data(html, "contacts", load_contacts(), "docs/x.md")
    assert re.search(r'<script type="application/ld\+json">.*</script>\n</head>', with_block, re.S)
    with pytest.raises(BuildError, match=r"docs/x\.md: structured_data: unknown value 'map'"):
        structured_data.with_structured_data(html, "map", load_contacts(), "docs/x.md")


# --- the scripts of the reusable fragments ----------------------------------------------------


def test_exactly_the_pages_with_the_commune_search_load_its_script_from_the_site(site_dir: Path) -> None:
    loading = {}
    for page in built_pages(site_dir):
        document = parse_file(site_dir / page)
        has_fragment = any("data-commune-search" in element.attrs for element in document.iter())
        head = document.find("head")
        sources = [e.attrs["src"] for e in head.find_all("script", type="module") if "src" in e.attrs]
        ours = [src for src in sources if src.endswith(COMMUNE_SEARCH_SCRIPT.rsplit("/", 1)[-1])]
        assert bool(ours) == has_fragment, page
        if ours:
            (src,) = ours
            assert (site_dir / page).parent.joinpath(src).resolve() == (site_dir / COMMUNE_SEARCH_SCRIPT).resolve()
            loading[page] = src
    assert loading == {
        "memo/contacts/index.html": f"../../{COMMUNE_SEARCH_SCRIPT}",
        "maitres-ouvrage/estimer-les-heures/index.html": f"../../{COMMUNE_SEARCH_SCRIPT}",
        "maitres-ouvrage/index.html": f"../{COMMUNE_SEARCH_SCRIPT}",
        "maitres-ouvrage/mon-marche/index.html": f"../../{COMMUNE_SEARCH_SCRIPT}",
    }


def test_a_page_without_the_fragment_is_left_as_it_is() -> None:
    html = '<html><head></head><body><p data-commune="x">Névian</p></body></html>'
    assert with_page_scripts(html, "x.js") == html
    marked = with_page_scripts(html.replace("<p", '<div data-commune-search><p'), "x.js")
    assert '<script type="module" src="x.js"></script>\n</head>' in marked


# --- a live preview shows edits to the rules -------------------------------------------


def _eligibility_modules() -> dict[str, ModuleType]:
    return {n: m for n, m in sys.modules.items() if n == "eligibility" or n.startswith("eligibility.")}


def test_rules_are_reimported_fresh_for_live_reload() -> None:
    before = _eligibility_modules()
    try:
        first = content.fresh_eligibility()
        second = content.fresh_eligibility()
        assert first is not second
        assert [c.id for c in first.CRITERIA] == [c.id for c in second.CRITERIA]
    finally:  # other tests keep the modules they imported (isinstance checks, errors)
        for name in _eligibility_modules():
            del sys.modules[name]
        sys.modules.update(before)
