"""Give the theme the pages that run the rules (``sitebuild.runtime_pages``) and
the folder their runtime is served from (``sitebuild.pyodide_bundle``)."""

from __future__ import annotations

from typing import Any

from _bridge import reported
from jinja2 import Environment
from mkdocs.structure.pages import Page

from sitebuild.errors import BuildError
from sitebuild.pyodide_bundle import RuntimeBundle
from sitebuild.runtime_pages import BY_SOURCE, COMPONENT, RuntimePage


def runtime_page(page: Page) -> RuntimePage:
    """The runtime page being rendered; a page on the runtime template must be in the list."""
    found = BY_SOURCE.get(page.file.src_uri)
    if found is None:
        raise BuildError(f"docs/{page.file.src_uri}: uses runtime-page.html but is not in "
                         "sitebuild/runtime_pages.py's RUNTIME_PAGES")
    return found


@reported
def on_env(env: Environment, **_: Any) -> Environment:
    env.globals["runtime_page"] = reported(runtime_page)
    env.globals["runtime_component"] = COMPONENT
    env.globals["runtime_hash"] = RuntimeBundle().served_hash()  # the bundle is made here if need be
    return env
