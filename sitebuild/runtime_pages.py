"""The pages that run the Python rules in the browser, in one list.

Each runtime page is a Markdown page with ``template: runtime-page.html`` that
includes a form built on the runtime form shell
(``overrides/fragments/runtime-form.html``), plus a small script (and
stylesheet) of its own built on ``docs/assets/runtime/runtime-form.js``. The
theme template reads this list to load that script; the tests read it to run
every runtime behaviour (loading, failing, offline, accessibility) on every
page. Adding a runtime page means one fragment, one script and one entry here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RuntimePage:
    """One page that asks ``eligibility.protocol`` something through the worker."""

    name: str
    """The form's name: its wrapper's id, the prefix of its ids, and its
    ``performance.mark("<name>-ready")``."""

    source: str
    """The page's Markdown file, relative to ``docs/``."""

    script: str
    """Its module script, relative to ``docs/``."""

    stylesheet: str
    """Its own stylesheet, relative to ``docs/``, on top of the runtime form's."""

    @property
    def path(self) -> str:
        """The page's URL path relative to the site root (``auto-evaluation/``)."""
        source = self.source.removesuffix(".md")
        return source.removesuffix("index") if source.endswith("index") else source + "/"

    @property
    def html(self) -> str:
        """The built page's file, relative to the site (``auto-evaluation/index.html``)."""
        return self.path + "index.html"


RUNTIME_PAGES: tuple[RuntimePage, ...] = (
    RuntimePage("selfcheck", "auto-evaluation/index.md",
                "assets/selfcheck/selfcheck.js", "assets/selfcheck/selfcheck.css"),
    RuntimePage("estimator", "maitres-ouvrage/estimer-les-heures.md",
                "assets/estimator/estimator.js", "assets/estimator/estimator.css"),
    RuntimePage("obligation", "maitres-ouvrage/mon-marche.md",
                "assets/obligation/obligation.js", "assets/obligation/obligation.css"),
)

BY_SOURCE = {page.source: page for page in RUNTIME_PAGES}

COMPONENT = "assets/runtime"
"""The shared runtime component under ``docs/``: the worker, its client, the form base."""
