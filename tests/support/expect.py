"""One ``expect`` for every engine: Playwright's own for its pages, the same
assertions polled over WebDriver for the others (support.engines.page)."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect as playwright_expect

from .engines.page import EngineExpectation, EngineLocator


def expect(target: Any, message: str | None = None) -> Any:
    if isinstance(target, EngineLocator):
        return EngineExpectation(target)
    return playwright_expect(target, message)
