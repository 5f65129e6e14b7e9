"""The small MkDocs hooks, on their own: what they change and what they leave alone."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from _hooks import load_hook





external_links = load_hook("external_links")
structured_data = load_hook("structured_data")
page_data = load_hook("page_data")


def test_outbound_link_gets_rel_external_class_and_visible_cue() -> None:
    html = '<p><a href="http://aude.fr" class="aude-fr-link">Ou vous renseigner sur aude.fr</a></p>'
    assert external_links.mark_external_links(html, "127.0.0.1") == (
        '<p><a href="http://aude.fr" class="aude-fr-link external-link" rel="external">'
        'Ou vous renseigner sur aude.fr <span class="external-link__cue">(site externe)</span></a></p>'
    )


def test_existing_rel_is_kept_and_completed() -> None:
    html = '<a rel="noopener" href="https://example.org/x">x</a>'
    assert 'rel="noopener external"' in external_links.mark_external_links(html, "127.0.0.1")


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
    assert external_links.mark_external_links(html, "127.0.0.1") == html


def test_marking_twice_adds_the_cue_once() -> None:
    once = external_links.mark_external_links('<a href="//aude.fr">aude.fr</a>', "127.0.0.1")
    assert external_links.mark_external_links(once, "127.0.0.1") == once
    assert once.count("(site externe)") == 1


def test_json_ld_block_cannot_be_closed_by_the_data() -> None:
    block = structured_data.script_block({"name": "</script><script>alert(1)</script> & co"})
    body = block.removeprefix('<script type="application/ld+json">\n').removesuffix("\n</script>\n")
    assert "<" not in body and ">" not in body
    assert json.loads(body) == {"name": "</script><script>alert(1)</script> & co"}


def test_json_ld_graph_has_one_government_organization_per_contact() -> None:
    contacts = page_data.load_contacts()
    graph = structured_data.contacts_graph(contacts)["@graph"]
    assert [node["name"] for node in graph] == [c.organisation for c in contacts]
    assert {node["@type"] for node in graph} == {"GovernmentOrganization"}
    assert [node["contactPoint"]["telephone"] for node in graph] == [c.tel for c in contacts]


def test_contact_tel_is_the_international_form_of_the_printed_number() -> None:
    contact = page_data.Contact("O", "S", "04 68 10 56 40", "a@b.fr")
    assert contact.tel == "+33468105640"


def test_contacts_file_can_be_pointed_elsewhere_for_a_preview(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / "contacts.yml"
    monkeypatch.setenv(page_data.CONTACTS_FILE_ENV, str(other))
    assert page_data.contacts_file() == other
    monkeypatch.delenv(page_data.CONTACTS_FILE_ENV)
    assert page_data.contacts_file() == page_data.CONTACTS_FILE


def _eligibility_modules() -> dict[str, ModuleType]:
    return {n: m for n, m in sys.modules.items() if n == "eligibility" or n.startswith("eligibility.")}


def test_rules_are_reimported_fresh_for_live_reload() -> None:
    before = _eligibility_modules()
    try:
        first = page_data.fresh_eligibility()
        second = page_data.fresh_eligibility()
        assert first is not second
        assert [c.id for c in first.CRITERIA] == [c.id for c in second.CRITERIA]
    finally:  # other tests keep the modules they imported (isinstance checks, errors)
        for name in _eligibility_modules():
            del sys.modules[name]
        sys.modules.update(before)
