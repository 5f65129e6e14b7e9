"""The contacts file is the one place the guichet unique's phones and emails
live: a mistake in it must stop the build with a message naming the file and
the field, never reach visitors as a dead ``tel:`` link.

Each broken case is read by the build's own loader; one of them, and a valid
copy, also go through a real ``mkdocs build --strict`` (the file pointed to by
``$CLAUSE_SOCIALE_CONTACTS_FILE``), proving that the message reaches the
build's output and stops it.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
import yaml

from scripts.build import build_site
from sitebuild.contacts import CONTACTS_FILE, CONTACTS_FILE_ENV, Contact, contacts_file, load_contacts
from sitebuild.errors import BuildError


def build_with_contacts(tmp_path: Path, contacts_text: str) -> subprocess.CompletedProcess[str]:
    """Strict build of the working tree, with ``contacts_text`` as the contacts file."""
    contacts = tmp_path / "contacts.yml"
    contacts.write_text(contacts_text, encoding="utf-8")
    environment = {**os.environ, CONTACTS_FILE_ENV: str(contacts), "NO_MKDOCS_2_WARNING": "1"}
    return build_site(tmp_path / "site", env=environment)


def broken(edit) -> str:
    data = yaml.safe_load(CONTACTS_FILE.read_text(encoding="utf-8"))
    edit(data)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _drop(data: dict, index: int, field: str) -> None:
    del data["contacts"][index][field]


def _set(data: dict, index: int, field: str, value: object) -> None:
    data["contacts"][index][field] = value


BROKEN_FILES = {
    "missing field": (broken(lambda d: _drop(d, 1, "email")), "contacts[1].email", "missing"),
    "empty field": (broken(lambda d: _set(d, 0, "service", "  ")), "contacts[0].service", "missing or empty"),
    "bad phone": (
        broken(lambda d: _set(d, 0, "phone", "04 68 10 56")),
        "contacts[0].phone",
        "not a French number",
    ),
    "phone as a number": (broken(lambda d: _set(d, 2, "phone", 468105640)), "contacts[2].phone", "text"),
    "bad email": (
        broken(lambda d: _set(d, 2, "email", "l.michaud-legrandnarbonne.com")),
        "contacts[2].email",
        "not an email address",
    ),
    "unknown field": (broken(lambda d: _set(d, 0, "fax", "x")), "contacts[0].fax", "unknown field"),
    "not a list": ("contacts:\n  organisation: Carcassonne Agglo\n", "contacts", "expected a non-empty list"),
    "empty list": ("contacts: []\n", "contacts", "expected a non-empty list"),
    "not a mapping": ("contacts:\n  - Carcassonne Agglo\n", "contacts[0]", "expected a mapping"),
    "not YAML": ("contacts: [\n", "", "not valid YAML"),
    # Which service a commune calls first: epci / rest_of_the_aude, and the ids pages use.
    "missing id": (broken(lambda d: _drop(d, 0, "id")), "contacts[0].id", "missing"),
    "bad id": (broken(lambda d: _set(d, 0, "id", "Carcassonne Agglo")), "contacts[0].id", "not an identifier"),
    "same id twice": (broken(lambda d: _set(d, 2, "id", "carcassonne-agglo")), "contacts[2].id", "already the id"),
    "epci not a list": (broken(lambda d: _set(d, 0, "epci", 200035715)), "contacts[0].epci", "non-empty list"),
    "epci not a SIREN": (broken(lambda d: _set(d, 0, "epci", [20003571])), "contacts[0].epci[0]", "not a SIREN"),
    "epci of no commune of the Aude": (
        broken(lambda d: _set(d, 2, "epci", [200000000])),
        "contacts[2].epci[0]",
        "not the EPCI of any commune of the Aude",
    ),
    "epci listed twice": (
        broken(lambda d: _set(d, 2, "epci", [200035715])),
        "contacts[2].epci[0]",
        "already listed by contacts[0]",
    ),
    "a service for no commune": (broken(lambda d: _drop(d, 1, "rest_of_the_aude")), "contacts[1].epci", "missing"),
    "no service for the rest of the Aude": (
        broken(lambda d: (_drop(d, 1, "rest_of_the_aude"), _set(d, 1, "epci", [200071926]))),
        "contacts",
        "exactly one contact must have rest_of_the_aude",
    ),
    "two services for the rest of the Aude": (
        broken(lambda d: (_drop(d, 2, "epci"), _set(d, 2, "rest_of_the_aude", True))),
        "contacts[2].rest_of_the_aude",
        "exactly one contact",
    ),
    "the rest of the Aude with an EPCI": (
        broken(lambda d: _set(d, 1, "epci", [200071926])),
        "contacts[1].epci",
        "lists no EPCI",
    ),
    "rest of the Aude not true or false": (
        broken(lambda d: _set(d, 1, "rest_of_the_aude", "oui")),
        "contacts[1].rest_of_the_aude",
        "not true or false",
    ),
    "empty email note": (broken(lambda d: _set(d, 1, "email_note", " ")), "contacts[1].email_note", "empty"),
}


@pytest.mark.parametrize("case", BROKEN_FILES, ids=list(BROKEN_FILES))
def test_a_broken_contacts_file_is_refused_naming_the_file_and_the_field(tmp_path: Path, case: str) -> None:
    text, field, problem = BROKEN_FILES[case]
    contacts = tmp_path / "contacts.yml"
    contacts.write_text(text, encoding="utf-8")
    with pytest.raises(BuildError) as caught:
        load_contacts(contacts)
    assert str(caught.value).startswith(f"{contacts}: {field}"), caught.value
    assert problem in str(caught.value)


@pytest.mark.slow
def test_a_broken_contacts_file_stops_the_build_naming_the_file_and_the_field(tmp_path: Path) -> None:
    text, field, problem = BROKEN_FILES["bad phone"]
    result = build_with_contacts(tmp_path, text)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"{tmp_path / 'contacts.yml'}: {field}" in output, output
    assert problem in output, output
    assert not (tmp_path / "site" / "memo" / "contacts" / "index.html").exists()


@pytest.mark.slow
def test_a_valid_copy_of_the_contacts_file_builds(tmp_path: Path) -> None:
    """The broken cases fail because of the breakage, not because of the override itself."""
    result = build_with_contacts(tmp_path, CONTACTS_FILE.read_text(encoding="utf-8"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_contacts_file_routes_each_agglomeration_and_the_rest_of_the_aude() -> None:
    contacts = {contact.id: contact for contact in load_contacts(CONTACTS_FILE)}
    assert contacts["carcassonne-agglo"].epci == ("200035715",)
    assert contacts["grand-narbonne"].epci == ("241100593",)
    assert contacts["departement-aude"].rest_of_the_aude and contacts["departement-aude"].epci == ()
    assert "même service" in contacts["departement-aude"].email_note  # the memo's address may bounce


def test_contact_tel_is_the_international_form_of_the_printed_number() -> None:
    contact = Contact("O", "S", "04 68 10 56 40", "a@b.fr")
    assert contact.tel == "+33468105640"


def test_contacts_file_can_be_pointed_elsewhere_for_a_preview(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / "contacts.yml"
    other.write_text(CONTACTS_FILE.read_text(encoding="utf-8").replace("Service insertion", "Service essai"))
    monkeypatch.setenv(CONTACTS_FILE_ENV, str(other))
    assert contacts_file() == other
    assert load_contacts()[1].service == "Service essai"
    monkeypatch.delenv(CONTACTS_FILE_ENV)
    assert contacts_file() == CONTACTS_FILE
