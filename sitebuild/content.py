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

from .accessibility import load_statement
from .contacts import check_package_contacts, load_contacts
from .errors import BuildError
from .french_dates import format_date_fr
from .legal_pages import LEGAL_PAGES, footer_links
from .licences import load_licences
from .paths import FRAGMENTS, ROOT
from .privacy import load_browser_storage
from .publisher import load_site_info
from .site_map import site_map


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


def template_context(nav: list[Any] | None = None) -> dict[str, Any]:
    """What every page template sees, read afresh from the data and the rules.

    ``nav`` is the navigation as ``mkdocs.yml`` writes it (default: read from
    there), for the site map. Stops the build if the rules package's copy of
    the contacts is stale: the self-check and the commune search route
    visitors with that copy.
    """
    check_package_contacts()
    eligibility = fresh_eligibility()
    accessibility = load_statement()
    territory = importlib.import_module("eligibility.territory")
    return {
        "contacts": load_contacts(),
        # The pages every French public site carries: the publisher's details
        # (a build for publication stops without them), the accessibility
        # statement and its grid, what the browser keeps, what is reused under
        # a licence, the site map made from the navigation.
        "site": load_site_info(),
        "accessibility": accessibility,
        "legal_pages": {page.source: page for page in LEGAL_PAGES},
        "footer_links": footer_links(accessibility.label),
        "browser_storage": load_browser_storage(),
        "licences": load_licences(),
        "site_map": site_map(nav),
        "format_date_fr": format_date_fr,
        "criteria": eligibility.CRITERIA,
        "questions": eligibility.QUESTIONS,
        "parameters": importlib.import_module("eligibility.parameters"),
        # The buyers' insertion-hours estimator: its fields, formula and worked
        # example; numbers written the French way.
        "hours": importlib.import_module("eligibility.hours"),
        "typography": importlib.import_module("eligibility.typography"),
        # Legal facts as dated parameters (thresholds, the reform's dates) and
        # the buyers' check "must my contract provide a social condition?".
        "law": importlib.import_module("eligibility.law"),
        "obligation": importlib.import_module("eligibility.obligation"),
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
    """Jinja2 for page sources: fragments as includes, undefined names are errors.

    ``legal_article`` (``eligibility.law.article``) is a global, not page
    context, so that the Légifrance macro sees it from every page and fragment
    that imports it.
    """
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(fragments),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(default_for_string=False, default=True),
        keep_trailing_newline=True,
    )
    env.globals["legal_article"] = importlib.import_module("eligibility.law").article
    return env


def render(environment: jinja2.Environment, source: str, where: str, **context: Any) -> str:
    """The page source ``source`` (of the page ``where``) rendered with ``context``."""
    try:
        return environment.from_string(source).render(**context)
    except jinja2.TemplateError as error:
        raise BuildError(f"{where}: template error: {error}") from None
