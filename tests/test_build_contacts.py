"""The contacts file is the one place the guichet unique's phones and emails
live: a mistake in it must stop the build with a message naming the file and
the field, never reach visitors as a dead ``tel:`` link.

Each broken case runs a real ``mkdocs build --strict`` against a broken copy
of the file (pointed to by ``$CLAUSE_SOCIALE_CONTACTS_FILE``).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
import yaml

from scripts.build import build_site
from sitebuild.contacts import CONTACTS_FILE, CONTACTS_FILE_ENV, Contact, contacts_file, load_contacts


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
}


@pytest.mark.parametrize("case", BROKEN_FILES, ids=list(BROKEN_FILES))
def test_broken_contacts_file_stops_the_build_naming_the_file_and_the_field(
    tmp_path: Path, case: str
) -> None:
    text, field, problem = BROKEN_FILES[case]
    result = build_with_contacts(tmp_path, text)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"{tmp_path / 'contacts.yml'}: {field}" in output, output
    assert problem in output, output
    assert not (tmp_path / "site" / "memo" / "contacts" / "index.html").exists()


def test_a_valid_copy_of_the_contacts_file_builds(tmp_path: Path) -> None:
    """The broken cases fail because of the breakage, not because of the override itself."""
    result = build_with_contacts(tmp_path, CONTACTS_FILE.read_text(encoding="utf-8"))
    assert result.returncode == 0, result.stdout + result.stderr


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
