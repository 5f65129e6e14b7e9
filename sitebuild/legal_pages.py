"""The four pages every French public site carries, linked from every page's
footer in this order: the accessibility statement (its link reads the status,
« Accessibilité : non conforme »), the legal notice, personal data and the
site map.

They stay out of the main menu (``not_in_nav`` in ``mkdocs.yml``); the site
map lists them after the menu's pages (:mod:`sitebuild.site_map`).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LegalPage:
    source: str
    """The Markdown page, relative to ``docs/``."""
    title: str
    """Its heading, its title in the site map and its footer link (but the statement's, which shows the status)."""

    @property
    def url(self) -> str:
        """Its address relative to the site (MkDocs' directory URLs)."""
        return self.source.removesuffix(".md") + "/"


ACCESSIBILITY = LegalPage("accessibilite.md", "Déclaration d'accessibilité")
LEGAL_NOTICE = LegalPage("mentions-legales.md", "Mentions légales")
PERSONAL_DATA = LegalPage("donnees-personnelles.md", "Données personnelles")
SITE_MAP = LegalPage("plan-du-site.md", "Plan du site")

LEGAL_PAGES = (ACCESSIBILITY, LEGAL_NOTICE, PERSONAL_DATA, SITE_MAP)


@dataclass(frozen=True)
class FooterLink:
    label: str
    url: str


def footer_links(status_label: str) -> tuple[FooterLink, ...]:
    """The footer's links: the statement's reads ``status_label``, the others their page's title."""
    return tuple(
        FooterLink(status_label if page is ACCESSIBILITY else page.title, page.url) for page in LEGAL_PAGES
    )
