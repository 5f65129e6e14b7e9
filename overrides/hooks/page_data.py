"""Render each Markdown page as a Jinja2 template fed with the project's data
(``sitebuild.content``), read again on every rebuild of ``mkdocs serve``."""

from __future__ import annotations

from typing import Any

from _bridge import reported
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from sitebuild import content

_state: dict[str, Any] = {}


@reported
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _state["context"] = content.template_context()
    _state["environment"] = content.environment()
    config.extra["contacts"] = _state["context"]["contacts"]
    return config


@reported
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, **_: Any) -> str:
    return content.render(_state["environment"], markdown, f"docs/{page.file.src_uri}",
                          page=page, config=config, **_state["context"])
