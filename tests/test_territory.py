"""Whom a visitor calls first, from the commune: ``eligibility.territory``.

The routes are checked against an oracle computed here, independently, from
the npm package's own JSON (``@etalab/decoupage-administratif``, pinned in
package-lock.json): every one of the Aude's 442 entries (433 current
communes, 8 communes déléguées, 1 commune associée), with the reading that
CA Carcassonne Agglo (SIREN 200035715) calls Carcassonne Agglo, CA Le Grand
Narbonne (241100593) calls Le Grand Narbonne, and every other commune the
Département. Then the postal codes that straddle a boundary, the communes
déléguées, bad codes, and the search: a table of what visitors type, and
Hypothesis properties (any text gives a list, never an exception).
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eligibility import InvalidAnswer
from eligibility.territory import (
    MAX_HITS,
    communes,
    communes_by_contact,
    contact_for,
    contacts,
    find_communes,
    normalise,
    route_note,
    service_for,
)

ROOT = Path(__file__).resolve().parent.parent
NPM_DATA = ROOT / "node_modules" / "@etalab" / "decoupage-administratif" / "data"

ORACLE = {"200035715": "Carcassonne Agglo", "241100593": "Le Grand Narbonne"}
REST = "Département de l'Aude"
STRADDLING = {"11170", "11200", "11220", "11250", "11290", "11510", "11600", "11700"}
"""The Aude's postal codes covering communes of two services (REFERENCES, "Territory")."""

FAST = settings(max_examples=300, deadline=None)


# --- the oracle, from the npm package itself ------------------------------------------


@pytest.fixture(scope="module")
def npm_aude() -> list[dict]:
    """The Aude's records in the package's communes.json, each with the service the oracle gives it."""
    if not (NPM_DATA / "communes.json").is_file():
        pytest.skip(f"{NPM_DATA} missing: run `npm ci` (make test does) to check the routes against the package")
    records = [r for r in json.loads((NPM_DATA / "communes.json").read_text(encoding="utf-8"))
               if r.get("departement") == "11" and r["type"] != "arrondissement-municipal"]
    member_of = {member["code"]: epci["code"]
                 for epci in json.loads((NPM_DATA / "epci.json").read_text(encoding="utf-8"))
                 for member in epci["membres"]}
    for record in records:
        current = record["code"] if record["type"] == "commune-actuelle" else record["chefLieu"]
        record["expected"] = ORACLE.get(member_of[current], REST)
        record["epci"] = member_of[current]
    return records


def test_the_package_has_the_aude_the_references_describe(npm_aude: list[dict]) -> None:
    kinds = Counter(r["type"] for r in npm_aude)
    assert kinds == {"commune-actuelle": 433, "commune-deleguee": 8, "commune-associee": 1}
    current = [r for r in npm_aude if r["type"] == "commune-actuelle"]
    assert Counter(r["expected"] for r in current) == {"Carcassonne Agglo": 83, "Le Grand Narbonne": 37, REST: 313}
    assert len({r["epci"] for r in current if r["expected"] == REST}) == 8


def test_the_rules_know_every_entry_of_the_aude_and_no_other(npm_aude: list[dict]) -> None:
    known = {(c.code, c.name) for c in communes()}
    assert known == {(r["code"], r["nom"]) for r in npm_aude}
    assert len(communes()) == 442


def test_every_one_of_the_442_entries_routes_as_the_oracle_says(npm_aude: list[dict]) -> None:
    wrong = []
    for record in npm_aude:
        (entry,) = [c for c in communes() if (c.code, c.name) == (record["code"], record["nom"])]
        if contact_for(entry).organisation != record["expected"]:
            wrong.append((record["code"], record["nom"], contact_for(entry).organisation, record["expected"]))
        if service_for(record["code"]).organisation != record["expected"]:
            wrong.append((record["code"], "service_for", service_for(record["code"]).organisation))
        hits = find_communes(record["nom"])
        assert hits and hits[0] == entry, record["nom"]  # its exact name finds it first
    assert wrong == []


def test_the_api_named_in_the_brief() -> None:
    assert service_for("11264").organisation == "Le Grand Narbonne"  # Névian
    assert service_for("11203").organisation == REST  # Lézignan-Corbières
    assert service_for("11069").organisation == "Carcassonne Agglo"  # Carcassonne
    assert service_for("11262").organisation == "Le Grand Narbonne"  # Narbonne
    hit = find_communes("lezignan")[0]
    assert (hit.code, hit.name, hit.postal_codes) == ("11203", "Lézignan-Corbières", ("11200",))


def test_service_for_returns_the_contact_record_of_the_contacts_file() -> None:
    import yaml

    data = yaml.safe_load((ROOT / "data" / "contacts.yml").read_text(encoding="utf-8"))["contacts"]
    record = service_for("11264")
    (source,) = [c for c in data if c["organisation"] == record.organisation]
    assert (record.id, record.service, record.phone, record.email) == (
        source["id"], source["service"], source["phone"], source["email"])
    assert record in contacts()


# --- postal codes cannot route ---------------------------------------------------------


def test_exactly_the_eight_straddling_postal_codes_cover_two_services(npm_aude: list[dict]) -> None:
    by_code: dict[str, set[str]] = {}
    for record in npm_aude:
        for postal_code in record.get("codesPostaux", []):
            by_code.setdefault(postal_code, set()).add(record["expected"])
    assert len(by_code) == 48
    assert {code for code, services in by_code.items() if len(services) > 1} == STRADDLING
    for postal_code in STRADDLING:
        services = {contact_for(c).organisation for c in find_communes(postal_code)}
        assert services == by_code[postal_code], postal_code


def test_a_postal_code_gives_every_commune_that_has_it(npm_aude: list[dict]) -> None:
    for postal_code in {p for r in npm_aude for p in r.get("codesPostaux", [])}:
        expected = {r["code"] for r in npm_aude if postal_code in r.get("codesPostaux", [])}
        found = find_communes(postal_code)
        assert {c.code for c in found} == expected, postal_code
        assert len(found) <= MAX_HITS


def test_11200_is_nevian_for_le_grand_narbonne_and_lezignan_for_the_departement() -> None:
    hits = {c.name: contact_for(c).organisation for c in find_communes("11200")}
    assert hits["Névian"] == "Le Grand Narbonne"
    assert hits["Lézignan-Corbières"] == REST
    assert len(hits) == 23


# --- communes déléguées and associée ----------------------------------------------------

DELEGUEES = {
    # name: (code, commune nouvelle)
    "Brenac": ("11050", "Quillan"),
    "Conilhac-de-la-Montagne": ("11097", "Roquetaillade-et-Conilhac"),
    "Fa": ("11131", "Val-du-Faby"),
    "Gueytes-et-Labastide": ("11171", "Val de Lambronne"),
    "Montlaur": ("11251", "Val-de-Dagne"),
    "Pradelles-en-Val": ("11298", "Val-de-Dagne"),
    "Roquetaillade": ("11323", "Roquetaillade-et-Conilhac"),
    "Rouvenac": ("11329", "Val-du-Faby"),
    "Saint-Just-de-Bélengard": ("11349", "Escueillens-et-Saint-Just-de-Bélengard"),
}


@pytest.mark.parametrize("name", DELEGUEES)
def test_a_commune_deleguee_or_associee_goes_with_its_commune_nouvelle(name: str) -> None:
    code, nouvelle = DELEGUEES[name]
    (entry,) = [c for c in communes() if c.name == name]
    (parent,) = [c for c in communes() if c.name == nouvelle]
    assert entry.code == code and entry.kind in ("deleguee", "associee") and parent.kind == "actuelle"
    assert contact_for(entry) == contact_for(parent) == service_for(code)
    assert entry.postal_codes == ()  # the source gives them none
    assert nouvelle in entry.description and nouvelle in entry.label


@pytest.mark.parametrize("code", ["11131", "11251", "11323"])
def test_a_code_shared_by_a_commune_nouvelle_and_a_commune_deleguee_routes_once(code: str) -> None:
    shared = [c for c in communes() if c.code == code]
    assert sorted(c.kind for c in shared) == ["actuelle", "deleguee"]
    assert {contact_for(c) for c in shared} == {service_for(code)}


# --- bad codes ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "says"),
    [
        (11264, "en texte"),
        (None, "en texte"),
        (["11264"], "en texte"),
        ("34172", "n'est pas celui d'une commune de l'Aude"),  # Montpellier
        ("2A004", "n'est pas celui d'une commune de l'Aude"),  # Ajaccio
        ("11999", "Aucune commune de l'Aude"),
        ("11403", "Aucune commune de l'Aude"),  # an old code absorbed by Limoux: no record of its own
        ("", "Aucune commune de l'Aude"),
        (" 11264", "Aucune commune de l'Aude"),
        ("Névian", "Aucune commune de l'Aude"),
        ("112", "Aucune commune de l'Aude"),
    ],
)
def test_anything_but_the_insee_code_of_a_commune_of_the_aude_is_refused_in_french(code: object, says: str) -> None:
    with pytest.raises(InvalidAnswer) as caught:
        service_for(code)
    assert caught.value.field == "commune"
    assert says in caught.value.message
    assert caught.value.message.endswith(".")


# --- the search ----------------------------------------------------------------------------

SEARCH_TABLE = [
    # (what a visitor types, the names expected first, in order)
    ("lezignan", ["Lézignan-Corbières"]),
    ("LÉZIGNAN-CORBIÈRES", ["Lézignan-Corbières"]),
    ("lezignan corbieres", ["Lézignan-Corbières"]),
    ("Narbonne", ["Narbonne"]),
    ("nevian", ["Névian"]),
    ("cuxac d'aude", ["Cuxac-d'Aude"]),
    ("cuxac daude", []),  # an apostrophe separates words; glued, they are another word
    ("Cuxac’Aude", []),
    ("st hilaire", ["Saint-Hilaire"]),
    ("ST-HILAIRE", ["Saint-Hilaire"]),
    ("Saint Hilaire", ["Saint-Hilaire"]),
    ("ste valiere", ["Sainte-Valière"]),
    ("Ste-Colombe", ["Sainte-Colombe-sur-Guette", "Sainte-Colombe-sur-l'Hers"]),
    ("sainte colombe sur l hers", ["Sainte-Colombe-sur-l'Hers"]),
    ("val de lambronne", ["Val de Lambronne"]),
    ("val-de-lambronne", ["Val de Lambronne"]),
    ("palme", ["La Palme"]),  # a later word
    ("la palme", ["La Palme"]),
    ("roquetaillade", ["Roquetaillade", "Roquetaillade-et-Conilhac"]),  # exact, then prefix
    ("fa", ["Fa", "Fabrezan", "Fajac-en-Val", "Fajac-la-Relenque", "Fanjeaux"]),
    ("bages", ["Bages"]),
    ("  carcassonne  ", ["Carcassonne"]),
    ("11430", ["Gruissan"]),
    ("11 430", []),
    ("1143", []),
    ("11100", ["Bages", "Montredon-des-Corbières", "Narbonne"]),  # by name
    ("paris", []),
    ("", []),
    ("   ", []),
    ("-'-", []),
]


@pytest.mark.parametrize(("query", "first"), SEARCH_TABLE, ids=[repr(q) for q, _ in SEARCH_TABLE])
def test_search_table(query: str, first: list[str]) -> None:
    names = [c.name for c in find_communes(query)]
    assert names[: len(first)] == first
    if not first:
        assert names == []


def test_ranking_is_exact_then_prefix_then_a_later_word() -> None:
    keys = [c.key for c in find_communes("cuxac")]
    assert keys == ["cuxac cabardes", "cuxac d aude"]  # two prefixes, by name
    keys = [c.key for c in find_communes("corbieres")]
    assert keys[0] == "corbieres"  # exact
    later = [k for k in keys[1:] if not k.startswith("corbieres")]
    assert later and all(" corbieres" in k for k in later)
    assert keys[1:] == sorted(keys[1:])  # no other name starts so: every later-word match, by name


def test_a_query_matching_many_gives_a_few_dozen_at_most() -> None:
    assert len(find_communes("s")) == MAX_HITS == 30
    assert max(len(find_communes(p)) for c in communes() for p in c.postal_codes) <= MAX_HITS


@pytest.mark.parametrize("query", [None, 11264, ["Névian"], {"q": 1}, b"nevian", 3.5])
def test_a_query_that_is_not_text_matches_nothing(query: object) -> None:
    assert find_communes(query) == []


NAMES = [c.name for c in communes()]


def strip_accents(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))


@FAST
@given(st.text(max_size=40))
def test_any_text_gives_a_short_list_and_never_an_exception(query: str) -> None:
    hits = find_communes(query)
    assert isinstance(hits, list) and len(hits) <= MAX_HITS
    assert len(set(hits)) == len(hits)


@FAST
@given(st.sampled_from(NAMES), st.sampled_from([str.upper, str.lower, strip_accents, str.title]),
       st.sampled_from(["-", " ", "  ", "'"]))
def test_case_accents_hyphens_and_apostrophes_do_not_count(name: str, change, separator: str) -> None:
    typed = change(name).replace("-", separator).replace("'", separator)
    assert find_communes(typed)[0].name == name


@FAST
@given(st.sampled_from([n for n in NAMES if n.startswith(("Saint-", "Sainte-"))]))
def test_st_and_ste_are_saint_and_sainte(name: str) -> None:
    short = name.replace("Sainte-", "Ste-", 1).replace("Saint-", "St-", 1)
    assert find_communes(short)[0].name == name
    assert find_communes(short.lower().replace("-", " "))[0].name == name


@FAST
@given(st.sampled_from(NAMES), st.integers(1, 38))
def test_every_hit_of_a_name_start_starts_or_has_a_word_starting_so(name: str, length: int) -> None:
    query = normalise(name)[:length].strip()
    hits = find_communes(query)
    assert hits, query
    for hit in hits:
        assert hit.key.startswith(query) or f" {query}" in hit.key
    ranks = [0 if h.key == query else 1 if h.key.startswith(query) else 2 for h in hits]
    assert ranks == sorted(ranks)


# --- what the pages say ------------------------------------------------------------------


def test_the_note_names_the_commune_and_its_service_and_the_other_two_doors() -> None:
    (nevian,) = [c for c in communes() if c.name == "Névian"]
    (lezignan,) = [c for c in communes() if c.name == "Lézignan-Corbières"]
    assert route_note(nevian).startswith("Pour Névian, votre contact est : Le Grand Narbonne (Névian en fait partie).")
    assert route_note(lezignan).startswith(
        "Pour Lézignan-Corbières, votre contact est : Département de l'Aude (Lézignan-Corbières n'est ni dans "
        "Carcassonne Agglo ni dans Le Grand Narbonne)."
    )
    for note in (route_note(nevian), route_note(lezignan)):
        assert note.endswith("Les deux autres services peuvent aussi vous répondre ou vous orienter.")


def test_the_lists_by_service_cover_every_commune_once() -> None:
    lists = communes_by_contact()
    assert [contact for contact, _ in lists] == list(contacts())
    listed = [c for _, found in lists for c in found]
    assert len(listed) == len(set(listed)) == len(communes()) and set(listed) == set(communes())
    sizes = {contact.organisation: sum(c.kind == "actuelle" for c in found) for contact, found in lists}
    assert sizes == {"Carcassonne Agglo": 83, "Le Grand Narbonne": 37, REST: 313}
