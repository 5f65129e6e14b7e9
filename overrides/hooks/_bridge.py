"""What the hooks share: the project's packages importable, and the build's
errors reported the way MkDocs reports a plugin's.

``python -m mkdocs`` (the Makefile, the tests) has the repository on
``sys.path``; the ``mkdocs`` console script does not. MkDocs puts this folder
on ``sys.path`` while it runs a hook file, so each hook imports this module
before the project's packages. Once a package is imported, its submodules are
found through the package itself, whatever ``sys.path`` holds later.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = str(Path(__file__).resolve().parents[2])
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from sitebuild.errors import BuildError  # noqa: E402 - needs the path above


def reported[**P, R](event: Callable[P, R]) -> Callable[P, R]:
    """The hook ``event`` with a :class:`BuildError` shown as MkDocs shows a plugin's
    error: one line naming the file at fault, and the build stops."""

    @functools.wraps(event)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return event(*args, **kwargs)
        except BuildError as error:
            raise PluginError(str(error)) from None

    return run
