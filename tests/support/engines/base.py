"""What every engine's backend gives the neutral page (support.engines.page):
navigate, run a script, click an element and press keys for real, and what the
page did wrong or fetched meanwhile."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PROBE = Path(__file__).with_name("probe.js").read_text(encoding="utf-8").strip().removesuffix(";")
"""The listeners installed before the page's own scripts (probe.js)."""


def first_existing(override: str, candidates: tuple[str, ...]) -> str | None:
    """The program named by the environment variable ``override``, else the first
    of ``candidates`` that exists."""
    for candidate in (os.environ.get(override), *candidates):
        if candidate and Path(candidate).exists():
            return candidate
    return None


class EngineError(RuntimeError):
    """The browser or its driver failed (not the page under test)."""


@dataclass(frozen=True)
class Complaint:
    """One thing the page did wrong: ``kind`` is ``error`` or ``csp``."""

    kind: str
    text: str


@dataclass
class Backend:
    """One browser with one tab. Subclasses drive it over their protocol."""

    engine = ""
    version: str = ""
    requests: list[str] = field(default_factory=list)
    """Every URL the tab (and, where the engine reports it, its workers) fetched."""
    complaints: list[Complaint] = field(default_factory=list)

    def goto(self, url: str) -> None:
        raise NotImplementedError

    def reload(self) -> None:
        raise NotImplementedError

    def call(self, function: str, argument: Any = None) -> Any:
        """Run ``function`` (JavaScript source taking one JSON argument) in the page; its JSON result."""
        raise NotImplementedError

    def click(self, function: str, argument: Any) -> None:
        """Click, with the engine's real pointer input, the element ``function(argument)`` returns."""
        raise NotImplementedError

    def press(self, key: str) -> None:
        """Press one key (Playwright's name for it) on the focused element."""
        raise NotImplementedError

    def type(self, text: str) -> None:
        """Type ``text`` key by key on the focused element."""
        raise NotImplementedError

    def collect(self) -> None:
        """Bring in what the page recorded itself (engines without events)."""

    def close(self) -> None:
        raise NotImplementedError
