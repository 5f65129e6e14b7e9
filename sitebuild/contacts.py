"""The guichet unique's contacts, read and checked from ``data/contacts.yml``.

That file is the only place the memo's phones and emails live, and the only
place that says which service a commune's visitor calls first: pages, the
contact cards, the self-check's result, the commune search and the JSON-LD
are all rendered from the :class:`Contact` records this module returns. A
mistake in the file must not reach visitors as a dead ``tel:`` link or a
commune without a service, so it stops the build with a message naming the
file and the field.

The rules package (``eligibility``) must work from its wheel alone, so it
ships a copy of these records, ``eligibility/data/contacts.json``, written by
``scripts/package_data.py`` from this file (:func:`package_contacts_json`);
the build refuses a stale copy (:func:`check_package_contacts`).
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .data_files import read_yaml, required_text
from .errors import BuildError
from .paths import DATA, PACKAGE_DATA

CONTACTS_FILE = DATA / "contacts.yml"

CONTACTS_FILE_ENV = "CLAUSE_SOCIALE_CONTACTS_FILE"
"""Points the build at another contacts file (a preview, a test of a broken file)."""

PACKAGE_CONTACTS = PACKAGE_DATA / "contacts.json"
"""The rules package's copy of ``data/contacts.yml``."""

PACKAGE_COMMUNES = PACKAGE_DATA / "communes.json"
"""The Aude's communes and their EPCI (scripts/package_data.py): the EPCI a contact may name."""

PHONE = re.compile(r"0[1-9](?: \d\d){4}")
"""As printed in the memo: ten digits in pairs, starting with 0."""

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
CONTACT_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SIREN = re.compile(r"\d{9}")

TEXT_FIELDS = ("id", "organisation", "service", "phone", "email")
"""Required, as text."""

OPTIONAL_FIELDS = ("epci", "rest_of_the_aude", "email_note")
FIELDS = (*TEXT_FIELDS, *OPTIONAL_FIELDS)


@dataclass(frozen=True)
class Contact:
    """One service of the guichet unique, as the memo prints it, and the communes it is first for.

    ``epci``: the SIREN of the intercommunalities (EPCI) whose communes call
    this service first; ``rest_of_the_aude``: the service for every other
    commune of the Aude (exactly one contact). The memo does not say how the
    three services share the Aude: this is the site's reading, presented as
    the natural first contact, never as the only door.
    """

    organisation: str
    service: str
    phone: str
    email: str
    id: str = ""
    epci: tuple[str, ...] = ()
    rest_of_the_aude: bool = False
    email_note: str = ""
    """Said under the address on the card (e.g. what to do if a message comes back)."""

    @property
    def tel(self) -> str:
        """International form for ``tel:`` links (+33, leading 0 dropped): dials from anywhere."""
        return "+33" + self.phone.replace(" ", "")[1:]


def contacts_file() -> Path:
    """``$CLAUSE_SOCIALE_CONTACTS_FILE`` if set, else ``data/contacts.yml``."""
    override = os.environ.get(CONTACTS_FILE_ENV)
    return Path(override) if override else CONTACTS_FILE


def _fail(path: Path, where: str, problem: str) -> BuildError:
    return BuildError(f"{path}: {where}: {problem}")


def package_territory(communes_file: Path = PACKAGE_COMMUNES) -> dict[str, Any]:
    """The rules package's communes data: its ``departement`` and its ``epci`` (SIREN: name)."""
    try:
        data = json.loads(communes_file.read_text(encoding="utf-8"))
        return {"departement": data["departement"], "epci": data["epci"]}
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise BuildError(f"{communes_file}: cannot read the Aude's EPCI ({error}): run "
                         "`.venv/bin/python scripts/package_data.py`") from None


def aude_epci(communes_file: Path = PACKAGE_COMMUNES) -> dict[str, str]:
    """The EPCI of the Aude's communes (SIREN: name), from the rules package's data."""
    return package_territory(communes_file)["epci"]


def _epci_list(path: Path, where: str, value: object, known: dict[str, str]) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise _fail(path, where, "expected a non-empty list of EPCI SIREN numbers, like [200035715]")
    sirens = []
    for index, item in enumerate(value):
        siren = str(item) if isinstance(item, (int, str)) and not isinstance(item, bool) else ""
        if not SIREN.fullmatch(siren):
            raise _fail(path, f"{where}[{index}]", f"{item!r} is not a SIREN number (nine digits)")
        if siren not in known:
            raise _fail(path, f"{where}[{index}]", f"{siren} is not the EPCI of any commune of the Aude")
        sirens.append(siren)
    return tuple(sirens)


def _contact(path: Path, where: str, entry: object, known: dict[str, str]) -> Contact:
    if not isinstance(entry, dict):
        raise _fail(path, where, "expected a mapping with " + ", ".join(TEXT_FIELDS))
    unknown = set(entry) - set(FIELDS)
    if unknown:
        raise _fail(path, f"{where}.{sorted(map(str, unknown))[0]}", "unknown field")
    for field in TEXT_FIELDS:
        required_text(entry.get(field), f"{path}: {where}.{field}")
    if not CONTACT_ID.fullmatch(entry["id"]):
        raise _fail(path, f"{where}.id", f"{entry['id']!r} is not an identifier like 'grand-narbonne'")
    if not PHONE.fullmatch(entry["phone"]):
        raise _fail(path, f"{where}.phone", f"{entry['phone']!r} is not a French number like '04 68 10 56 40'")
    if not EMAIL.fullmatch(entry["email"]):
        raise _fail(path, f"{where}.email", f"{entry['email']!r} is not an email address")
    note = entry.get("email_note", "")
    if not isinstance(note, str) or ("email_note" in entry and not note.strip()):
        raise _fail(path, f"{where}.email_note", "empty or not text (leave it out instead)")
    rest = entry.get("rest_of_the_aude", False)
    if not isinstance(rest, bool):
        raise _fail(path, f"{where}.rest_of_the_aude", f"{rest!r} is not true or false")
    if rest and "epci" in entry:
        raise _fail(path, f"{where}.epci", "the service for the rest of the Aude lists no EPCI")
    if not rest and "epci" not in entry:
        raise _fail(path, f"{where}.epci", "missing: list the EPCI whose communes call this service first, "
                    "or set rest_of_the_aude: true")
    epci = _epci_list(path, f"{where}.epci", entry["epci"], known) if "epci" in entry else ()
    return Contact(
        **{field: entry[field].strip() for field in TEXT_FIELDS},
        epci=epci,
        rest_of_the_aude=rest,
        email_note=note.strip(),
    )


def load_contacts(path: Path | None = None, communes_file: Path = PACKAGE_COMMUNES) -> tuple[Contact, ...]:
    """The contacts of ``path`` (default :func:`contacts_file`), checked field by field.

    The EPCI they name are checked against the Aude's, from ``communes_file``.
    """
    path = contacts_file() if path is None else path
    data = read_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("contacts"), list) or not data["contacts"]:
        raise _fail(path, "contacts", "expected a non-empty list of contacts")
    known = aude_epci(communes_file)
    contacts: list[Contact] = []
    routed: dict[str, int] = {}
    for index, entry in enumerate(data["contacts"]):
        where = f"contacts[{index}]"
        contact = _contact(path, where, entry, known)
        if contact.id in {c.id for c in contacts}:
            raise _fail(path, f"{where}.id", f"{contact.id!r} is already the id of another contact")
        for position, siren in enumerate(contact.epci):
            if siren in routed:
                raise _fail(path, f"{where}.epci[{position}]",
                            f"{siren} is already listed by contacts[{routed[siren]}]")
            routed[siren] = index
        contacts.append(contact)
    rest = [index for index, contact in enumerate(contacts) if contact.rest_of_the_aude]
    if len(rest) != 1:
        where = "contacts" if not rest else f"contacts[{rest[1]}].rest_of_the_aude"
        raise _fail(path, where, "exactly one contact must have rest_of_the_aude: true (the service for the "
                    f"communes of the other EPCI); found {len(rest)}")
    return tuple(contacts)


def package_contacts_data(contacts: tuple[Contact, ...]) -> dict[str, Any]:
    """The records as the rules package reads them (``eligibility.territory``)."""
    return {
        "source": "data/contacts.yml (copie écrite par scripts/package_data.py)",
        "contacts": [
            {
                "id": c.id,
                "organisation": c.organisation,
                "service": c.service,
                "phone": c.phone,
                "email": c.email,
                "email_note": c.email_note,
                "epci": list(c.epci),
                "rest_of_the_aude": c.rest_of_the_aude,
            }
            for c in contacts
        ],
    }


def package_contacts_json(contacts: tuple[Contact, ...]) -> str:
    """``eligibility/data/contacts.json``'s text for ``contacts``."""
    return json.dumps(package_contacts_data(contacts), ensure_ascii=False, indent=2) + "\n"


def check_package_contacts(source: Path = CONTACTS_FILE, copy: Path = PACKAGE_CONTACTS) -> None:
    """Stop the build if the rules package's copy of the contacts is not ``source``'s.

    Checked against ``data/contacts.yml`` itself, not a preview file
    (``$CLAUSE_SOCIALE_CONTACTS_FILE``): the package ships the real one.
    """
    expected = package_contacts_json(load_contacts(source))
    try:
        current = copy.read_text(encoding="utf-8")
    except FileNotFoundError:
        current = None
    if current != expected:
        raise BuildError(f"{copy}: out of date with {source}: run `.venv/bin/python scripts/package_data.py`")
