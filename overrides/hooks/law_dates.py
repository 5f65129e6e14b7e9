"""Warn, at each build, about the dated legal parameters whose last period has
ended (``sitebuild.law_dates``).

The warning goes through MkDocs' log, so under ``mkdocs build --strict`` (``make
site``, the tests, CI) it stops the build: a release must not state as today's
law thresholds whose period is over. ``mkdocs serve`` and a plain ``mkdocs
build`` print it and go on, so that the update can be previewed.
"""

from __future__ import annotations

from typing import Any

from _bridge import reported
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger

from sitebuild.law_dates import build_date, ended_series_warnings

log = get_plugin_logger("law_dates")


@reported
def on_config(config: MkDocsConfig, **_: Any) -> MkDocsConfig:
    for message in ended_series_warnings(build_date()):
        log.warning(message)
    return config
