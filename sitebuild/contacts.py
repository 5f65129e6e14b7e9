"""The guichet unique's contacts, read and checked from ``data/contacts.yml``.

That file is the only place the memo's phones and emails live: pages, the
contact cards, the self-check's result and the JSON-LD are all rendered from
the :class:`Contact` records this module returns. A mistake in the file must
not reach visitors as a dead ``tel:`` link, so it stops the build with a
message naming the file and the field.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import BuildError
from .paths import DATA

CONTACTS_FILE = DATA / "contacts.yml"

CONTACTS_FILE_ENV = "CLAUSE_SOCIALE_CONTACTS_FILE"
"""Points the build at another contacts file (a preview, a test of a broken file)."""

PHONE = re.compile(r"0[1-9](?: \d\d){4}")
"""As printed in the memo: ten digits in pairs, starting with 0."""

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
FIELDS = ("organisation", "service", "phone", "email")


@dataclass(frozen=True)
class Contact:
    """One service of the guichet unique, as the memo prints it."""

    organisation: str
    service: str
    phone: str
    email: str

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


def load_contacts(path: Path | None = None) -> tuple[Contact, ...]:
    """The contacts of ``path`` (default :func:`contacts_file`), checked field by field."""
    path = contacts_file() if path is None else path
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BuildError(f"{path}: file not found") from None
    except yaml.YAMLError as error:
        raise BuildError(f"{path}: not valid YAML: {error}") from None
    if not isinstance(data, dict) or not isinstance(data.get("contacts"), list) or not data["contacts"]:
        raise _fail(path, "contacts", "expected a non-empty list of contacts")
    contacts = []
    for index, entry in enumerate(data["contacts"]):
        where = f"contacts[{index}]"
        if not isinstance(entry, dict):
            raise _fail(path, where, "expected a mapping with " + ", ".join(FIELDS))
        unknown = set(entry) - set(FIELDS)
        if unknown:
            raise _fail(path, f"{where}.{sorted(unknown)[0]}", "unknown field")
        for field in FIELDS:
            value = entry.get(field)
            if not isinstance(value, str) or not value.strip():
                raise _fail(path, f"{where}.{field}", "missing or empty (expected text)")
        if not PHONE.fullmatch(entry["phone"]):
            raise _fail(path, f"{where}.phone", f"{entry['phone']!r} is not a French number like '04 68 10 56 40'")
        if not EMAIL.fullmatch(entry["email"]):
            raise _fail(path, f"{where}.email", f"{entry['email']!r} is not an email address")
        contacts.append(Contact(**{field: entry[field].strip() for field in FIELDS}))
    return tuple(contacts)
