"""Render each Markdown page as a Jinja2 template fed with the project's data.

Pages never retype a fact: they write ``{{ contact.phone }}`` or
``{% include "contact-cards.html" %}`` and the values come from their one
source — ``data/contacts.yml`` for the contacts, the ``eligibility`` package
for the criteria and questions. Fragments live in ``overrides/fragments/``.

A malformed contacts file stops the build with a message naming the file and
the field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

import eligibility
from eligibility import parameters

ROOT = Path(__file__).resolve().parents[2]
CONTACTS_FILE = ROOT / "data" / "contacts.yml"
FRAGMENTS = ROOT / "overrides" / "fragments"

# As printed in the memo: ten digits in pairs, starting with 0.
PHONE = re.compile(r"0[1-9](?: \d\d){4}")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
CONTACT_FIELDS = ("organisation", "service", "phone", "email")


@dataclass(frozen=True)
class Contact:
    organisation: str
    service: str
    phone: str
    email: str

    @property
    def tel(self) -> str:
        """International form for tel: links (+33, leading 0 dropped)."""
        return "+33" + self.phone.replace(" ", "")[1:]


def _fail(path: Path, where: str, problem: str) -> PluginError:
    return PluginError(f"{path}: {where}: {problem}")


def load_contacts(path: Path = CONTACTS_FILE) -> tuple[Contact, ...]:
    """Read and check the contacts file; raise PluginError naming file and field."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PluginError(f"{path}: file not found") from None
    except yaml.YAMLError as error:
        raise PluginError(f"{path}: not valid YAML: {error}") from None
    if not isinstance(data, dict) or not isinstance(data.get("contacts"), list) or not data["contacts"]:
        raise _fail(path, "contacts", "expected a non-empty list of contacts")
    contacts = []
    for index, entry in enumerate(data["contacts"]):
        where = f"contacts[{index}]"
        if not isinstance(entry, dict):
            raise _fail(path, where, "expected a mapping with " + ", ".join(CONTACT_FIELDS))
        unknown = set(entry) - set(CONTACT_FIELDS)
        if unknown:
            raise _fail(path, f"{where}.{sorted(unknown)[0]}", "unknown field")
        for field in CONTACT_FIELDS:
            value = entry.get(field)
            if not isinstance(value, str) or not value.strip():
                raise _fail(path, f"{where}.{field}", "missing or empty (expected text)")
        if not PHONE.fullmatch(entry["phone"]):
            raise _fail(path, f"{where}.phone", f"{entry['phone']!r} is not a French number like '04 68 10 56 40'")
        if not EMAIL.fullmatch(entry["email"]):
            raise _fail(path, f"{where}.email", f"{entry['email']!r} is not an email address")
        contacts.append(Contact(**{f: entry[f].strip() for f in CONTACT_FIELDS}))
    return tuple(contacts)


def template_context() -> dict[str, Any]:
    """What every page template sees."""
    return {
        "contacts": load_contacts(),
        "criteria": eligibility.CRITERIA,
        "questions": eligibility.QUESTIONS,
        "parameters": parameters,
    }


_env: jinja2.Environment | None = None
_context: dict[str, Any] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _env, _context
    _env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(FRAGMENTS),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(default_for_string=False, default=True),
        keep_trailing_newline=True,
    )
    _context = template_context()
    config.extra["contacts"] = _context["contacts"]
    return config


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    assert _env is not None
    try:
        template = _env.from_string(markdown)
        return template.render(page=page, config=config, **_context)
    except jinja2.TemplateError as error:
        raise PluginError(f"docs/{page.file.src_uri}: template error: {error}") from None
