"""The site builds strictly, and bad build input stops it with a clear message.

The contacts file is the one place the guichet unique's phones and emails
live; a mistake in it must not reach visitors as a dead tel: link. Each case
runs a real ``mkdocs build --strict`` against a broken copy of the file
(pointed to by ``$CLAUSE_SOCIALE_CONTACTS_FILE``, read by
``overrides/hooks/page_data.py``) and checks that the message names the file
and the field.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
import yaml

from scripts.build import build_site

ROOT = Path(__file__).resolve().parent.parent
CONTACTS = ROOT / "data" / "contacts.yml"
CONTACTS_FILE_ENV = "CLAUSE_SOCIALE_CONTACTS_FILE"

NAV_PAGES = (
    "index.html",
    "memo/clause-sociale/index.html",
    "memo/publics/index.html",
    "memo/interet/index.html",
    "memo/guichet-unique/index.html",
    "memo/contacts/index.html",
    "memo/aller-plus-loin/index.html",
    "memo/imprimer/index.html",
    "auto-evaluation/index.html",
)


def test_site_builds_strictly_with_every_page(site_dir: Path) -> None:
    missing = [page for page in NAV_PAGES if not (site_dir / page).is_file()]
    assert missing == []
    assert (site_dir / "assets" / "stylesheets" / "site.css").is_file()


def build_with_contacts(tmp_path: Path, contacts_text: str) -> subprocess.CompletedProcess[str]:
    """Strict build of the working tree, with ``contacts_text`` as the contacts file."""
    contacts = tmp_path / "contacts.yml"
    contacts.write_text(contacts_text, encoding="utf-8")
    return build_site(tmp_path / "site", env={**os.environ, CONTACTS_FILE_ENV: str(contacts), "NO_MKDOCS_2_WARNING": "1"})


def broken(edit) -> str:  # noqa: ANN001 - a small local callback
    data = yaml.safe_load(CONTACTS.read_text(encoding="utf-8"))
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
    result = build_with_contacts(tmp_path, CONTACTS.read_text(encoding="utf-8"))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("page", sorted((ROOT / "docs").rglob("*.md")), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_front_matter_is_valid_yaml(page: Path) -> None:
    # MkDocs silently renders a broken front matter as page text (e.g. an
    # unquoted " : " in a description), so the build alone does not catch it.
    text = page.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        return
    front_matter = text.split("---\n", 2)[1]
    assert isinstance(yaml.safe_load(front_matter), dict)
