"""Pages as Jinja2 templates fed with the project's data: no page retypes a fact.

A page writes ``{{ contacts[0].phone }}`` or ``{% include "contact-cards.html" %}``
and the values come from their one source: ``data/contacts.yml`` for the
contacts, the ``eligibility`` package for the publics, the questions, the
estimator and the communes of each service. Fragments live in
``overrides/fragments/``.

Nothing here depends on MkDocs: :func:`render` takes a page's Markdown text
and returns it rendered, so any build tool that can transform a page's source
before it is converted can use it (``overrides/hooks/page_data.py`` does it
for MkDocs).
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any

import jinja2

from .contacts import check_package_contacts, load_contacts
from .errors import BuildError
from .paths import FRAGMENTS, ROOT


def fresh_eligibility() -> Any:
    """Import ``eligibility`` anew, so that a live preview shows edits to the rules.

    A preview server keeps its Python process between rebuilds, and Python
    keeps the first ``eligibility`` it imported: dropping the cached modules
    here is what makes the next rebuild read the edited files.
    """
    if str(ROOT) not in sys.path:  # started from a console script, not `python -m`
        sys.path.insert(0, str(ROOT))
    for name in [n for n in sys.modules if n == "eligibility" or n.startswith("eligibility.")]:
        del sys.modules[name]
    return importlib.import_module("eligibility")


def template_context() -> dict[str, Any]:
    """What every page template sees, read afresh from the data and the rules.

    Stops the build if the rules package's copy of the contacts is stale: the
    self-check and the commune search route visitors with that copy.
    """
    check_package_contacts()
    eligibility = fresh_eligibility()
    territory = importlib.import_module("eligibility.territory")
    return {
        "contacts": load_contacts(),
        "criteria": eligibility.CRITERIA,
        "questions": eligibility.QUESTIONS,
        "parameters": importlib.import_module("eligibility.parameters"),
        # The buyers' insertion-hours estimator: its fields, formula and worked
        # example; numbers written the French way.
        "hours": importlib.import_module("eligibility.hours"),
        "typography": importlib.import_module("eligibility.typography"),
        # The self-check form: the exclusive "none" benefits box and the
        # questions shown before any answer.
        "none_of_these": importlib.import_module("eligibility.questions").NONE_OF_THESE,
        "first_paint_questions": eligibility.applicable_questions({}),
        # The communes of the Aude and the service each calls first: the lists
        # shown without JavaScript, by contact id (contact-cards' data-contact).
        "territory": territory,
        "communes_of": {contact.id: found for contact, found in territory.communes_by_contact()},
    }


def environment(fragments: Path = FRAGMENTS) -> jinja2.Environment:
    """Jinja2 for page sources: fragments as includes, undefined names are errors."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(fragments),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(default_for_string=False, default=True),
        keep_trailing_newline=True,
    )


def render(environment: jinja2.Environment, source: str, where: str, **context: Any) -> str:
    """The page source ``source`` (of the page ``where``) rendered with ``context``."""
    try:
        return environment.from_string(source).render(**context)
    except jinja2.TemplateError as error:
        raise BuildError(f"{where}: template error: {error}") from None
