"""After every other step (the search index included): valid HTML, each page's
Content-Security-Policy, ``_headers``, the Pyodide runtime, and precompressed
siblings except under ``mkdocs serve`` (``sitebuild.finish``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from _bridge import reported
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from sitebuild.finish import finish_site
from sitebuild.pyodide_bundle import RuntimeBundle

_command = {"name": "build"}


def on_startup(*, command: str, **_: Any) -> None:
    _command["name"] = command


@reported
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    RuntimeBundle().check_present()  # before the pages are rendered, not after
    return config


@event_priority(-100)
@reported
def on_post_build(*, config: MkDocsConfig, **_: Any) -> None:
    finish_site(Path(config.site_dir), site_url=config.site_url, compress=_command["name"] != "serve")
