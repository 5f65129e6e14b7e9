"""Mark the page content's outbound links (``sitebuild.links``): ``rel="external"``
and a visible « (site externe) »."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from _bridge import reported
from mkdocs.config.defaults import MkDocsConfig

from sitebuild.links import mark_external_links


@reported
def on_page_content(html: str, *, config: MkDocsConfig, **_: Any) -> str:
    return mark_external_links(html, urlsplit(config.site_url or "").hostname)
