"""What the browser tests observe and do the same way on every page.

- :func:`run_axe` / :func:`axe_report`: axe-core restricted to the WCAG 2.0 /
  2.1 A and AA rules, with a failure message listing rule ids and targets;
- :class:`CspViolations`: every CSP complaint Chromium makes while a page (and
  its workers) run;
- :class:`RequestRecorder`: every request a page (or its workers) makes, and
  those leaving the site's origin;
- :class:`HeldWheel`: the rules' wheel held back, so that a page can be used
  while its runtime is still loading;
- :func:`horizontal_overflow`, :func:`settle`, :func:`use_scheme`,
  :func:`expect_error_at`, :func:`load_and_settle`.

No ``page.wait_for_function`` anywhere: it needs ``eval``, which the site's
strict policy forbids. Waits are on locators, or polled from Python.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import BrowserContext, ConsoleMessage, Locator, Page, Request, Route, Worker, expect

READY_TIMEOUT_MS = 60_000
"""How long a runtime page may take to say ready or error on a loaded test machine."""

# axe-core tags for WCAG 2.0 and 2.1, levels A and AA (RGAA 4 maps onto them).
# Best practices and WCAG 2.2 rules are left out on purpose: the gate is the
# legal target, nothing stricter and nothing looser.
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": list(WCAG_TAGS)}, "resultTypes": ["violations"]}

_axe = Axe()


def run_axe(page: Page) -> list[dict]:
    """axe-core's violations of the WCAG 2.0/2.1 A and AA rules on the page as it is now."""
    return _axe.run(page, options=AXE_OPTIONS).response["violations"]


def axe_report(violations: list[dict], where: str) -> str:
    """A readable failure message: one line per rule, then its targets."""
    lines = [f"{where}: {len(violations)} WCAG A/AA rule(s) violated"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation.get('impact')}): {violation['help']}")
        for node in violation["nodes"][:10]:
            summary = node.get("failureSummary", "").replace("\n", " ")
            lines.append(f"    {' > '.join(map(str, node['target']))}: {summary}")
    return "\n".join(lines)


# --- observers ------------------------------------------------------------------


def _is_csp_message(text: str) -> bool:
    return "Content Security Policy" in text or "Content-Security-Policy" in text


class CspViolations:
    """Everything Chromium says about the CSP on a page and its workers.

    Chromium reports each blocked load or script, and each ignored or invalid
    directive, as a console message naming the Content Security Policy;
    Playwright forwards those (page and worker) as console events. Attach
    before ``goto``.
    """

    def __init__(self, page: Page) -> None:
        self.messages: list[str] = []
        page.on("console", self._on_console)
        page.on("worker", self._on_worker)

    def _on_console(self, message: ConsoleMessage) -> None:
        if _is_csp_message(message.text):
            self.messages.append(message.text)

    def _on_worker(self, worker: Worker) -> None:
        worker.on("console", self._on_console)

    def report(self, where: str) -> str:
        return f"{where}: Chromium reported CSP violations:\n" + "\n".join(f"- {m}" for m in self.messages)


_LOCAL_SCHEMES = {"data", "blob", "about"}
"""Schemes the browser serves without any network traffic."""


class RequestRecorder:
    """Every request a page and its workers make. Attach before ``goto``.

    ``clear()`` then ``requests == []`` proves a later step is silent (e.g.
    answering the quiz once the runtime is loaded).
    """

    def __init__(self, page: Page | BrowserContext) -> None:
        self.requests: list[str] = []
        page.on("request", self._on_request)

    def _on_request(self, request: Request) -> None:
        self.requests.append(request.url)

    def clear(self) -> None:
        self.requests.clear()

    def foreign(self, site_url: str) -> list[str]:
        """Requests to any other origin than the site's (local schemes aside)."""
        return foreign_urls(self.requests, site_url)


def foreign_urls(urls: list[str], site_url: str) -> list[str]:
    """The URLs of any other origin than the site's (local schemes aside)."""
    site = urlsplit(site_url)
    return [
        url
        for url in urls
        if urlsplit(url).scheme not in _LOCAL_SCHEMES
        and (urlsplit(url).scheme, urlsplit(url).netloc) != (site.scheme, site.netloc)
    ]


class HeldRequest:
    """Holds back the first request for ``url`` (a glob), so that a test can use a
    page in the state it is in before that file arrives, then lets it through."""

    def __init__(self, context: BrowserContext, url: str, what: str) -> None:
        self.routes: list[Route] = []
        self.what = what
        context.route(url, lambda route: self.routes.append(route))

    def release(self, page: Page) -> None:
        for _ in range(600):
            if self.routes:
                break
            page.wait_for_timeout(50)
        assert self.routes, f"the page never asked for {self.what}"
        self.routes[0].continue_()


class HeldWheel(HeldRequest):
    """Holds the eligibility wheel's download back, so that a test can use a page
    while its runtime is still loading (the worker asks for the wheel once Pyodide
    has read its lock file), then lets it through."""

    def __init__(self, context: BrowserContext) -> None:
        super().__init__(context, "**/pyodide/*/eligibility-*.whl", "the eligibility wheel")


# --- the page as it is now --------------------------------------------------------


def expect_error_at(control: Locator, slot: Locator, message: str) -> None:
    """The package's message in the field's error slot, and the field marked invalid,
    described by that slot and focused (runtime-form.js)."""
    expect(slot).to_be_visible()
    expect(slot).to_have_text(message)
    slot_id = slot.get_attribute("id")
    assert slot_id, "the error slot has no id to be described by"
    expect(control).to_have_attribute("aria-invalid", "true")
    expect(control).to_have_attribute("aria-describedby", re.compile(rf"(^|\s){re.escape(slot_id)}(\s|$)"))
    expect(control).to_be_focused()


def horizontal_overflow(page: Page) -> int:
    """CSS pixels the page reaches past the viewport sideways (0 when it reflows).

    Counts both the document's scroll width and the right edge of the widest
    element of the article, so content cut off by an ``overflow: hidden``
    ancestor (which would not make the page scroll) is caught too.
    """
    return page.evaluate(
        """() => {
            const root = document.documentElement;
            let right = Math.max(root.scrollWidth, document.body.scrollWidth);
            for (const el of document.querySelectorAll("article *")) {
                const box = el.getBoundingClientRect();
                if (box.width) right = Math.max(right, Math.ceil(box.right));
            }
            return right - root.clientWidth;
        }"""
    )


_SETTLE = """async () => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
    for (let round = 0; round < 20; round++) {
        await frame();
        await frame();
        const running = document.getAnimations().filter((animation) => animation.playState === "running"
            && Number.isFinite(animation.effect?.getComputedTiming().endTime));
        if (!running.length) return;
        await Promise.all(running.map((animation) => animation.finished.catch(() => null)));
    }
    throw new Error("animations never settled");
}"""


def settle(page: Page) -> None:
    """Move the pointer out of the way and wait until no CSS transition runs.

    Half-way through a transition axe measures a blend of two colours and
    reports a contrast failure no visitor sees: Material's "back to top"
    button fading in after a focus jump scrolled the page, a button whose
    hover colour is changing. The two frames let scroll handlers start their
    transitions first.
    """
    page.mouse.move(0, 0)
    page.evaluate(_SETTLE)


def use_scheme(page: Page, scheme: str) -> None:
    """Switch Material's palette to the light or dark scheme with its own toggle,
    as a visitor would (the choice the ``prefers-color-scheme`` media query makes)."""
    palette = page.locator("[data-md-component=palette]")
    option = palette.locator(f'input[data-md-color-media="(prefers-color-scheme: {scheme})"]')
    target = option.get_attribute("data-md-color-scheme")
    body = page.locator("body")
    if body.get_attribute("data-md-color-scheme") != target:
        palette.locator(f'label[for="{option.get_attribute("id")}"]').click()
        expect(body).to_have_attribute("data-md-color-scheme", target or "")
    settle(page)


def dark_scheme_of(html: str) -> str | None:
    """The Material colour scheme a page's palette picks for a dark preference."""
    marker = 'data-md-color-media="(prefers-color-scheme: dark)" data-md-color-scheme="'
    start = html.find(marker)
    return html[start + len(marker) : html.index('"', start + len(marker))] if start >= 0 else None


def load_and_settle(page: Page, url: str) -> str | None:
    """Load a page until its network is idle; on a runtime page, also until its
    runtime has started or failed, so the worker's and Pyodide's loads are
    covered too. Returns the runtime's state (``ready`` / ``error``), or None
    on other pages.

    Contract with the runtime form: its ``[data-runtime]`` wrapper says
    ``loading`` until the runtime answers, then ``ready`` or ``error``.
    """
    page.goto(url, wait_until="load")
    runtime = page.locator("[data-runtime]")
    if not runtime.count():
        page.wait_for_load_state("networkidle")
        return None
    expect(runtime).to_have_attribute("data-runtime", re.compile(r"^(ready|error)$"), timeout=READY_TIMEOUT_MS)
    return runtime.get_attribute("data-runtime")
