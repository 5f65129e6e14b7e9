"""Firefox and WebKit beside Chromium, with what this machine has.

For each engine, in this order: Playwright's own build when it is installed (a
developer's machine with internet), driven like Chromium; else Debian's
package (``firefox-esr`` over WebDriver BiDi, support.engines.bidi;
``webkit2gtk-driver`` through Selenium, support.engines.webkit), seen
through the same Page API (support.engines.page); else nothing, and
:func:`why_not` says why in one line.

Whatever drives it, an :class:`EngineTab` gives the tests one page and what
went wrong in it: console errors, uncaught errors, CSP violations, and the
requests that left the site.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playwright.sync_api import Playwright

from scripts.static_server import serve

from ..browser import CspViolations, RequestRecorder, foreign_urls
from . import bidi, webkit
from .base import Backend
from .page import EnginePage

ENGINES = ("firefox", "webkit")


def playwright_build(playwright: Playwright, engine: str) -> Any | None:
    """Playwright's own browser for the engine, when it is installed."""
    browser_type = getattr(playwright, engine)
    return browser_type if Path(browser_type.executable_path).exists() else None


def why_not(playwright: Playwright, engine: str) -> str | None:
    """Why the engine cannot run on this machine, or None when it can."""
    if playwright_build(playwright, engine):
        return None
    if engine == "firefox":
        return None if bidi.firefox_executable() else (
            "no Firefox: neither Playwright's build nor Debian's firefox-esr is installed")
    reason = webkit.missing()
    return None if reason is None else f"no WebKit: neither Playwright's build nor Debian's WebKitGTK ({reason})"


@dataclass
class EngineTab:
    """One tab of one engine on the built site, and what went wrong in it."""

    engine: str
    driven_by: str
    page: Any
    """A Playwright Page, or an EnginePage with the same API."""
    site_url: str
    backend: Backend | None = None
    csp: CspViolations | None = None
    recorder: RequestRecorder | None = None
    console_errors: list[str] | None = None

    def clear(self) -> None:
        if self.backend:
            self.backend.collect()
            self.backend.complaints.clear()
            self.backend.requests.clear()
        else:
            assert self.csp and self.recorder and self.console_errors is not None
            self.csp.messages.clear()
            self.recorder.clear()
            self.console_errors.clear()

    def problems(self) -> list[str]:
        """Console and uncaught errors, CSP violations and requests leaving the site, since ``clear``."""
        if self.backend:
            self.backend.collect()
            found = [f"{complaint.kind}: {complaint.text}" for complaint in self.backend.complaints]
            requests = self.backend.requests
        else:
            assert self.csp and self.recorder and self.console_errors is not None
            found = [f"csp: {message}" for message in self.csp.messages] + self.console_errors
            requests = self.recorder.requests
        return found + [f"request leaving the site: {url}" for url in foreign_urls(requests, self.site_url)]


@contextmanager
def open_tab(playwright: Playwright, engine: str, site_dir: Path, site_url: str) -> Iterator[EngineTab]:
    """A tab of ``engine`` on the built site, by the first way :func:`why_not` allows."""
    build = playwright_build(playwright, engine)
    if build:
        browser = build.launch()
        context = browser.new_context(locale="fr-FR", base_url=site_url + "/")
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda message: errors.append(f"error: {message.text}") if message.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(f"error: {error}"))
        tab = EngineTab(engine, f"Playwright's {engine} {browser.version}", page, site_url,
                        csp=CspViolations(page), recorder=RequestRecorder(context), console_errors=errors)
        try:
            yield tab
        finally:
            browser.close()
        return
    with ExitStack() as stack:
        backend: Backend
        if engine == "firefox":
            server, url = serve(site_dir)
            stack.callback(server.shutdown)
            backend = bidi.FirefoxBackend(bidi.firefox_executable() or "")
            driven_by = f"Debian's {backend.version} over WebDriver BiDi"
        else:
            backend = webkit.WebKitBackend(site_dir)  # serves the site itself, as the browser's proxy
            url = backend.site_url
            driven_by = f"Debian's {backend.version} through WebKitWebDriver"
        stack.callback(backend.close)
        yield EngineTab(engine, driven_by, EnginePage(backend, url + "/"), url, backend=backend)
