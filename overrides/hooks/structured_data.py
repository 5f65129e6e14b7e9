"""Add schema.org JSON-LD to the pages whose front matter asks for it
(``structured_data: contacts``), from the contacts ``page_data.py`` read."""

from __future__ import annotations

from typing import Any

from _bridge import reported
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from sitebuild.structured_data import FRONT_MATTER_KEY, with_structured_data


@reported
def on_post_page(html: str, *, page: Page, config: MkDocsConfig, **_: Any) -> str:
    kind = page.meta.get(FRONT_MATTER_KEY)
    if kind is None:
        return html
    return with_structured_data(html, kind, config.extra["contacts"], f"docs/{page.file.src_uri}")
