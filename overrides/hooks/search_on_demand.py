"""Give the theme the filter that makes Material's search worker a stand-in
loaded on demand (``sitebuild.search_on_demand``), used by ``overrides/main.html``."""

from __future__ import annotations

from typing import Any

from _bridge import reported
from jinja2 import Environment

from sitebuild.search_on_demand import search_on_demand


@reported
def on_env(env: Environment, **_: Any) -> Environment:
    env.filters["search_on_demand"] = search_on_demand
    return env
