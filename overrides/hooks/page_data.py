"""Render each Markdown page as a Jinja2 template fed with the project's data
(``sitebuild.content``), read again on every rebuild of ``mkdocs serve``; and
hand the theme what its footer and error page show (``sitebuild.legal_pages``)."""

from __future__ import annotations

from typing import Any

from _bridge import reported
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from sitebuild import content
from sitebuild.legal_pages import SITE_MAP

_state: dict[str, Any] = {}


@reported
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _state["context"] = content.template_context(config.nav)
    _state["environment"] = content.environment()
    config.extra["contacts"] = _state["context"]["contacts"]
    # The footer's links (overrides/partials/site-info.html), the statement's showing the status.
    config.extra["footer_links"] = _state["context"]["footer_links"]
    config.extra["site_map_url"] = SITE_MAP.url  # the error page's way back (overrides/404.html)
    return config


@reported
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, **_: Any) -> str:
    return content.render(_state["environment"], markdown, f"docs/{page.file.src_uri}",
                          page=page, config=config, **_state["context"])
