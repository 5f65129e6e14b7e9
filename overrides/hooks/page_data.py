"""Render each Markdown page as a Jinja2 template fed with the project's data.

Pages never retype a fact: they write ``{{ contact.phone }}`` or
``{% include "contact-cards.html" %}`` and the values come from their one
source — ``data/contacts.yml`` for the contacts, the ``eligibility`` package
for the criteria and questions. Fragments live in ``overrides/fragments/``.

A malformed contacts file stops the build with a message naming the file and
the field.

Under ``mkdocs serve`` every rebuild calls ``on_config`` again, but Python
would keep the first ``eligibility`` it imported: :func:`fresh_eligibility`
drops it from ``sys.modules`` so that an edit to a criterion shows on the next
reload, like an edit to ``data/contacts.yml`` does (both folders are in
``watch:``). ``$CLAUSE_SOCIALE_CONTACTS_FILE`` points the build at another
contacts file (tests of broken files, previews).
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

ROOT = Path(__file__).resolve().parents[2]
CONTACTS_FILE = ROOT / "data" / "contacts.yml"
# Lets a test (or a preview of new contacts) build against another file without
# copying the project; unset in normal use.
CONTACTS_FILE_ENV = "CLAUSE_SOCIALE_CONTACTS_FILE"
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


def contacts_file() -> Path:
    """The contacts file to read: ``$CLAUSE_SOCIALE_CONTACTS_FILE`` if set, else ``data/contacts.yml``."""
    override = os.environ.get(CONTACTS_FILE_ENV)
    return Path(override) if override else CONTACTS_FILE


def fresh_eligibility() -> Any:
    """Import ``eligibility`` anew, so that ``mkdocs serve`` shows edits to the rules.

    MkDocs loads this hook once per process and calls ``on_config`` on every
    rebuild; dropping the cached modules here is what makes the rebuild read
    the edited files.
    """
    if str(ROOT) not in sys.path:  # `mkdocs` started from its console script, not `python -m`
        sys.path.insert(0, str(ROOT))
    for name in [n for n in sys.modules if n == "eligibility" or n.startswith("eligibility.")]:
        del sys.modules[name]
    return importlib.import_module("eligibility")


def template_context() -> dict[str, Any]:
    """What every page template sees."""
    eligibility = fresh_eligibility()
    return {
        "contacts": load_contacts(contacts_file()),
        "criteria": eligibility.CRITERIA,
        "questions": eligibility.QUESTIONS,
        "parameters": importlib.import_module("eligibility.parameters"),
        # The buyers' insertion-hours estimator (docs/maitres-ouvrage/): its
        # fields, formula and worked example; numbers written the French way.
        "hours": importlib.import_module("eligibility.hours"),
        "typography": importlib.import_module("eligibility.typography"),
        # The self-check form (fragments/selfcheck-form.html): the exclusive
        # "none" benefits box and the questions shown before any answer.
        "none_of_these": importlib.import_module("eligibility.questions").NONE_OF_THESE,
        "first_paint_questions": eligibility.applicable_questions({}),
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
