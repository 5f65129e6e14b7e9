"""Add the commune search's script to the pages that include the fragment
(``sitebuild.page_scripts``), at the right relative address."""

from __future__ import annotations

from typing import Any

from _bridge import reported
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from sitebuild.page_scripts import COMMUNE_SEARCH_SCRIPT, with_page_scripts


@reported
def on_post_page(html: str, *, page: Page, config: MkDocsConfig, **_: Any) -> str:
    return with_page_scripts(html, get_relative_url(COMMUNE_SEARCH_SCRIPT, page.url))
