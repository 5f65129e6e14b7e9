"""What every runtime page does with its runtime, in real Chromium, on every
page of ``sitebuild.runtime_pages.RUNTIME_PAGES`` (``support.runtime_pages``
says what is particular to each).

- The form is usable at first paint and while Python loads; the page says when
  it is ready (``data-runtime``, ``performance.mark("<name>-ready")``).
- A slow runtime shows the facts as text meanwhile; a broken one (wasm
  aborted, worker missing, lock file broken or vouching for another wheel, a
  tampered wheel, no WebAssembly) is explained within 10 seconds of the
  navigation, with the facts and the contacts.
- Once loaded, the page works offline and makes no request at all; loading it
  requests nothing from another origin and breaks no CSP rule.
- axe finds no WCAG 2.0/2.1 A or AA violation in any state, light or dark; no
  state scrolls sideways at 320 px or at 200 % zoom; the result prints without
  the form; without JavaScript the form is there and a message explains.

The 10 seconds are a promise to visitors, so they are a deadline counted from
the navigation here, not a performance measurement. Speed: one ready page and
one failed page per runtime page for the state gates, moved from state to
state as a visitor would.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from playwright.sync_api import Browser, BrowserContext, Page, Route, expect

from sitebuild.pyodide_bundle import LOCK_FILE, RUNTIME_FILES
from sitebuild.runtime_pages import COMPONENT
from support.browser import (
    READY_TIMEOUT_MS,
    CspViolations,
    HeldWheel,
    RequestRecorder,
    axe_report,
    horizontal_overflow,
    run_axe,
    settle,
    use_scheme,
)
from support.runtime_pages import RuntimeDriver, drivers, state_cases
from support.site import CONTACTS_FILE, RUNTIME_GLOB, runtime_dir

pytestmark = pytest.mark.browser

DRIVERS = drivers()
PHONES = [contact["phone"] for contact in yaml.safe_load(CONTACTS_FILE.read_text(encoding="utf-8"))["contacts"]]
WORKER = f"/{COMPONENT}/worker.mjs"

VIEWPORTS = {
    "320px": {"width": 320, "height": 640},
    "zoom-200%": {"width": 640, "height": 360},  # a 1280 px window at 200 %
}


def by_name(driver: RuntimeDriver) -> str:
    return driver.name


def open_page(page: Page, driver: RuntimeDriver, state: str = "ready") -> None:
    page.goto(driver.page.path)
    expect(page.locator(driver.root)).to_have_attribute("data-runtime", state, timeout=READY_TIMEOUT_MS)


def submit(page: Page, driver: RuntimeDriver) -> None:
    page.locator(f"{driver.root} form button[type=submit]").click()


def expect_facts_and_contacts(page: Page, driver: RuntimeDriver, when: str) -> None:
    """The fallback, as text: its ``when`` part, the page's facts and the three contacts."""
    fallback = page.locator(f"#{driver.name}-fallback")
    expect(fallback).to_be_visible()
    expect(fallback.locator(f"[data-when={when}]").first).to_be_visible()
    expect(fallback.locator(f"[data-when={'slow' if when == 'error' else 'error'}]").first).to_be_hidden()
    expect(fallback.locator(driver.fallback_facts_selector)).to_have_text(list(driver.fallback_facts))
    for fact in driver.fallback_facts:
        expect(fallback.get_by_text(fact, exact=True)).to_be_visible()
    cards = fallback.locator(".contact-card")
    expect(cards).to_have_count(len(PHONES))
    for card in cards.all():
        expect(card.locator('a[href^="tel:"]')).to_be_visible()
    for phone in PHONES:
        expect(fallback.get_by_text(phone, exact=True)).to_be_visible()


# --- first paint, loading, ready ------------------------------------------------------


@pytest.mark.parametrize("driver", DRIVERS, ids=by_name)
def test_the_form_is_usable_before_the_runtime_is_ready(context: BrowserContext, driver: RuntimeDriver) -> None:
    """Hold the rules' wheel back: the form is there, a submit says "Calcul en cours…",
    and the answer comes once the runtime is ready."""
    wheel = HeldWheel(context)
    page = context.new_page()
    page.goto(driver.page.path)
    root = page.locator(driver.root)
    driver.expect_first_paint(page)
    driver.fill_known(page)
    submit(page, driver)
    button = page.locator(f"{driver.root} form button[type=submit]")
    expect(button).to_have_text("Calcul en cours…")
    expect(page.get_by_role("status")).to_have_text("Calcul en cours…")
    expect(root).to_have_attribute("data-runtime", "loading")
    expect(page.locator(f"#{driver.name}-result")).to_be_hidden()
    wheel.release(page)
    expect(root).to_have_attribute("data-runtime", "ready", timeout=READY_TIMEOUT_MS)
    driver.expect_known_result(page)
    expect(button).to_have_text(driver.submit_label)
    assert page.evaluate("(name) => performance.getEntriesByName(name).length", f"{driver.name}-ready") == 1


@pytest.mark.parametrize("driver", DRIVERS, ids=by_name)
def test_a_stalled_download_shows_the_facts_until_the_runtime_is_ready(
    context: BrowserContext, driver: RuntimeDriver
) -> None:
    """No endless spinner: the page's watchdog (10 s) shows the text fallback while
    the runtime is still loading, and the form takes over once it is ready.
    The page's clock is moved on rather than waited for."""
    held: list[Route] = []
    context.route(f"{RUNTIME_GLOB}pyodide.asm.wasm", lambda route: held.append(route))
    page = context.new_page()
    page.clock.install()
    page.goto(driver.page.path)
    root = page.locator(driver.root)
    expect(root).to_have_attribute("data-runtime", "loading")
    fallback = page.locator(f"#{driver.name}-fallback")
    page.clock.fast_forward(9_000)
    expect(fallback).to_be_hidden()
    page.clock.fast_forward(1_000)
    expect(fallback).to_be_visible()
    expect(root).to_have_attribute("data-runtime", "loading")
    expect_facts_and_contacts(page, driver, "slow")
    expect(page.locator(f"#{driver.name}-form")).to_be_visible()
    assert held, "the wasm request was never made"
    held[0].continue_()
    expect(root).to_have_attribute("data-runtime", "ready", timeout=READY_TIMEOUT_MS)
    expect(page.locator(f"#{driver.name}-fallback")).to_be_hidden()


@pytest.mark.parametrize("driver", DRIVERS, ids=by_name)
def test_the_worker_started_from_the_head_is_the_one_that_answers(
    context: BrowserContext, driver: RuntimeDriver
) -> None:
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    open_page(page, driver)
    assert sum(urlsplit(url).path == WORKER for url in requested) == 1, "one worker, not two"
    assert page.evaluate("() => 'runtimeEarlyWorker' in window") is False, "runtime.js adopted the head's worker"
    driver.fill_known(page)
    submit(page, driver)
    driver.expect_known_result(page)


OLD_SNAPSHOT_CACHE = "clause-sociale-pyodide"


@pytest.mark.parametrize("driver", DRIVERS, ids=by_name)
def test_the_snapshot_that_earlier_versions_stored_is_deleted(page: Page, driver: RuntimeDriver) -> None:
    page.goto(driver.page.path)
    page.evaluate("""async (name) => {
        const cache = await caches.open(name);
        await cache.put("snapshot-314.0.7.bin", new Response(new Uint8Array(1024)));
    }""", OLD_SNAPSHOT_CACHE)
    page.reload()
    expect(page.locator(driver.root)).to_have_attribute("data-runtime", "ready", timeout=READY_TIMEOUT_MS)
    for _ in range(50):  # the worker deletes it once ready, asynchronously
        if not page.evaluate("(name) => caches.has(name)", OLD_SNAPSHOT_CACHE):
            break
        page.wait_for_timeout(100)
    assert page.evaluate("(name) => caches.has(name)", OLD_SNAPSHOT_CACHE) is False


@pytest.mark.parametrize("driver", DRIVERS, ids=by_name)
def test_a_runtime_page_reached_from_the_menu_fetches_the_runtime_from_the_site(
    context: BrowserContext, site_url: str, driver: RuntimeDriver
) -> None:
    requested: list[str] = []
    page = context.new_page()
    page.goto(site_url + "/", wait_until="networkidle")
    context.on("request", lambda request: requested.append(request.url))
    page.locator(f'.md-nav a[href$="{driver.page.path}"]').first.click()  # in-site navigation
    expect(page.locator(driver.root)).to_have_attribute("data-runtime", "ready", timeout=READY_TIMEOUT_MS)
    fetched = {url.removeprefix(site_url) for url in requested}
    runtime = re.compile(r"/pyodide/[0-9a-f]{16}/(?P<name>[^/]+)")
    served = {match["name"] for url in fetched if (match := runtime.fullmatch(url))}
    assert served >= {*RUNTIME_FILES, LOCK_FILE}
    assert any(re.fullmatch(r"eligibility-[^/]+\.whl", name) for name in served)
    assert any(urlsplit(url).path == WORKER for url in fetched)
    driver.fill_known(page)
    submit(page, driver)
    driver.expect_known_result(page)
    foreign = [url for url in requested if not url.startswith((site_url + "/", "data:", "blob:"))]
    assert foreign == [], "a request left the site"


# --- failures -------------------------------------------------------------------------------

DEADLINE_S = 10
"""Every failure is explained within this long of the navigation: the worker
checks each file as it arrives (worker.mjs), not once Python has booted."""


def abort_wasm(context: BrowserContext, site_dir: Path) -> None:
    context.route(f"{RUNTIME_GLOB}*.wasm", lambda route: route.abort("failed"))


def block_wasm(context: BrowserContext, site_dir: Path) -> None:
    context.route(f"{RUNTIME_GLOB}pyodide.asm.wasm", lambda route: route.abort("blockedbyclient"))


def remove_worker(context: BrowserContext, site_dir: Path) -> None:
    worker = re.compile(rf".*{re.escape(WORKER)}(\?.*)?$")
    context.route(worker, lambda route: route.fulfill(status=404, body="Not Found"))


def garble_lock_file(context: BrowserContext, site_dir: Path) -> None:
    cut_short = '{"info": {"arch": "wasm32", "packages'
    garbled = {"content_type": "application/json", "body": cut_short}
    context.route(f"{RUNTIME_GLOB}{LOCK_FILE}", lambda route: route.fulfill(**garbled))


def wrong_wheel_hash(context: BrowserContext, site_dir: Path) -> None:
    """A lock file pinning another wheel: the real one no longer matches its sha256."""
    lock = json.loads((runtime_dir(site_dir) / LOCK_FILE).read_text(encoding="utf-8"))
    lock["packages"]["eligibility"]["sha256"] = hashlib.sha256(b"another wheel").hexdigest()
    context.route(f"{RUNTIME_GLOB}{LOCK_FILE}", lambda route: route.fulfill(json=lock))


def drop_the_rules_from_the_lock_file(context: BrowserContext, site_dir: Path) -> None:
    """A lock file as npm ships it, without the site's eligibility wheel (a forgotten build step)."""
    lock = json.loads((runtime_dir(site_dir) / LOCK_FILE).read_text(encoding="utf-8"))
    del lock["packages"]["eligibility"]
    context.route(f"{RUNTIME_GLOB}{LOCK_FILE}", lambda route: route.fulfill(json=lock))


def tamper_with_the_wheel(context: BrowserContext, site_dir: Path) -> None:
    """Serve the wheel with one byte changed: its sha256 no longer matches the lock file."""

    def tamper(route: Route) -> None:
        response = route.fetch()
        body = bytearray(response.body())
        body[len(body) // 2] ^= 0xFF
        route.fulfill(response=response, body=bytes(body))

    context.route(f"{RUNTIME_GLOB}eligibility-*.whl", tamper)


def remove_webassembly(context: BrowserContext, site_dir: Path) -> None:
    context.add_init_script("delete globalThis.WebAssembly;")


BREAKAGES: dict[str, Callable[[BrowserContext, Path], None]] = {
    "wasm aborted": abort_wasm,
    "wasm blocked": block_wasm,
    "worker missing": remove_worker,
    "lock file not JSON": garble_lock_file,
    "lock file with a wrong sha256": wrong_wheel_hash,
    "lock file without the rules": drop_the_rules_from_the_lock_file,
    "wheel tampered with": tamper_with_the_wheel,
    "no WebAssembly": remove_webassembly,
}


ON_EVERY_PAGE = ("wasm blocked", "wheel tampered with")
"""Detecting a breakage is the worker's work, the same script on every page:
each breakage is tried on the first runtime page; each page's way of
explaining a failure is tried with one seen before Python starts and one seen
as the wheel arrives."""

BROKEN_CASES = [(driver, breakage) for driver in DRIVERS for breakage in BREAKAGES
                if driver is DRIVERS[0] or breakage in ON_EVERY_PAGE]


@pytest.mark.parametrize(("driver", "breakage"), BROKEN_CASES, ids=[f"{d.name}-{b}" for d, b in BROKEN_CASES])
def test_a_broken_runtime_is_explained_in_time_with_the_facts_and_contacts(
    context: BrowserContext, site_dir: Path, driver: RuntimeDriver, breakage: str
) -> None:
    BREAKAGES[breakage](context, site_dir)
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    deadline = time.monotonic() + DEADLINE_S
    page.goto(driver.page.path, wait_until="commit")
    root = page.locator(driver.root)
    left_ms = max(1.0, (deadline - time.monotonic()) * 1000)  # 0 would mean "no timeout"
    expect(root).to_have_attribute("data-runtime", "error", timeout=left_ms)

    expect(page.locator("html")).to_have_attribute("lang", "fr")
    status = root.get_by_role("status")
    expect(status).to_have_text(status.get_attribute("data-msg-error") or "<no data-msg-error>")
    expect_facts_and_contacts(page, driver, "error")
    expect(page.locator(f"#{driver.name}-form")).to_be_hidden()
    if breakage == "no WebAssembly":
        assert not [url for url in requested if "/pyodide/" in url], "no runtime download without WebAssembly"


# --- offline, silent, within the policy -----------------------------------------------------


@pytest.mark.parametrize("driver", DRIVERS, ids=by_name)
def test_the_page_keeps_working_when_the_network_is_cut_after_the_runtime_loaded(
    context: BrowserContext, driver: RuntimeDriver
) -> None:
    page = context.new_page()
    csp = CspViolations(page)
    recorder = RequestRecorder(page)
    open_page(page, driver)
    attempted: list[str] = []

    def cut(route: Route) -> None:
        attempted.append(route.request.url)
        route.abort("internetdisconnected")

    context.route("**/*", cut)
    context.set_offline(True)
    recorder.clear()
    try:
        driver.use(page)
        tried = recorder.requests + attempted
        assert tried == [], f"{driver} tried the network while offline: {tried}"
        assert not csp.messages, csp.report(f"{driver}, offline")
        # The network really is cut: a request now fails, and the recorder hears it.
        outcome = page.evaluate("() => fetch('./').then(() => 'reached', () => 'cut')")
        assert outcome == "cut"
        assert recorder.requests, "the recorder did not hear the request made offline"
    finally:
        context.set_offline(False)


@dataclass
class Loaded:
    """A loaded runtime page and what it did since ``goto``."""

    page: Page
    csp: CspViolations
    requests: RequestRecorder
    load_requests: list[str] = field(default_factory=list)
    load_foreign: list[str] = field(default_factory=list)


class LoadedPages:
    """One ready and one failed page per runtime page, opened on first use, for
    the tests that move a page from state to state."""

    def __init__(self, browser: Browser, context_args: dict, site_url: str) -> None:
        self.browser, self.context_args, self.site_url = browser, context_args, site_url
        self.contexts: list[BrowserContext] = []
        self.opened: dict[tuple[str, str], Loaded] = {}

    def get(self, driver: RuntimeDriver, state: str) -> Loaded:
        if (driver.name, state) not in self.opened:
            context = self.browser.new_context(**self.context_args)
            self.contexts.append(context)
            if state == "error":
                block_wasm(context, Path())
            page = context.new_page()
            loaded = Loaded(page, CspViolations(page), RequestRecorder(page))
            open_page(page, driver, state)
            loaded.load_requests = list(loaded.requests.requests)
            loaded.load_foreign = loaded.requests.foreign(self.site_url)
            self.opened[(driver.name, state)] = loaded
        return self.opened[(driver.name, state)]

    def reach(self, driver: RuntimeDriver, state: str) -> Page:
        """A page in ``state``, brought there the way a visitor gets there."""
        if state == "runtime failed":
            page = self.get(driver, "error").page
            expect(page.locator(f"#{driver.name}-fallback")).to_be_visible()
            expect(page.locator(f"#{driver.name}-form")).to_be_hidden()
            return page
        page = self.get(driver, "ready").page
        driver.states[state](page)
        return page

    def close(self) -> None:
        for context in self.contexts:
            context.close()


@pytest.fixture(scope="module")
def loaded(browser: Browser, browser_context_args: dict, site_url: str) -> Iterator[LoadedPages]:
    pages = LoadedPages(browser, browser_context_args, site_url)
    yield pages
    pages.close()


@pytest.mark.parametrize("driver", DRIVERS, ids=by_name)
def test_loading_requests_only_the_site_and_using_the_page_requests_nothing(
    loaded: LoadedPages, driver: RuntimeDriver
) -> None:
    ready = loaded.get(driver, "ready")
    assert any(re.search(r"/pyodide/[0-9a-f]{16}/pyodide\.asm\.wasm$", url) for url in ready.load_requests), (
        "the recorder did not hear the worker's requests"
    )
    assert not ready.load_foreign, f"loading {driver} left the site: {ready.load_foreign}"
    assert not ready.csp.messages, ready.csp.report(f"{driver}, while loading")
    ready.requests.clear()
    driver.use(ready.page)
    assert ready.requests.requests == [], f"using {driver} made requests: {ready.requests.requests}"
    assert not ready.csp.messages, ready.csp.report(f"{driver}, while used")


def test_the_silence_gate_hears_a_request_to_the_site_itself(loaded: LoadedPages, site_url: str) -> None:
    """A leak to the site's own origin passes the CSP (``connect-src 'self'``):
    only the "no request at all" gate stops it, so it must hear one."""
    ready = loaded.get(DRIVERS[0], "ready")
    ready.requests.clear()
    status = ready.page.evaluate("() => fetch('./?age=40').then((response) => response.status)")
    assert status == 200
    assert ready.requests.requests == [f"{site_url}/{DRIVERS[0].page.path}?age=40"]
    assert ready.requests.foreign(site_url) == []


# --- accessibility in each state -----------------------------------------------------------


def case_id(case: tuple[RuntimeDriver, str]) -> str:
    return f"{case[0].name}-{case[1]}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("case", state_cases(), ids=case_id)
def test_no_wcag_a_or_aa_violation_in_each_state(
    loaded: LoadedPages, case: tuple[RuntimeDriver, str], scheme: str
) -> None:
    driver, state = case
    page = loaded.reach(driver, state)
    use_scheme(page, scheme)
    violations = run_axe(page)
    assert not violations, axe_report(violations, f"{driver}, {state}, {scheme} scheme")


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("case", state_cases(), ids=case_id)
def test_no_state_scrolls_sideways(loaded: LoadedPages, case: tuple[RuntimeDriver, str], viewport: str) -> None:
    driver, state = case
    page = loaded.get(driver, "error" if state == "runtime failed" else "ready").page
    size = page.viewport_size
    page.set_viewport_size(VIEWPORTS[viewport])
    try:
        loaded.reach(driver, state)
        overflow = horizontal_overflow(page)
        assert overflow <= 0, f"{driver}, {state}: {overflow} px sideways at {VIEWPORTS[viewport]}"
    finally:
        page.set_viewport_size(size)


@pytest.mark.parametrize("driver", DRIVERS, ids=by_name)
def test_a_dark_preference_gives_the_dark_palette(browser: Browser, browser_context_args: dict, site_url: str,
                                                   driver: RuntimeDriver) -> None:
    context = browser.new_context(**{**browser_context_args, "color_scheme": "dark"})
    try:
        page = context.new_page()
        page.goto(site_url + "/" + driver.page.path)
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    finally:
        context.close()


@pytest.mark.parametrize("driver", DRIVERS, ids=by_name)
def test_the_axe_gate_reports_a_field_that_lost_its_label(loaded: LoadedPages, driver: RuntimeDriver) -> None:
    page = loaded.reach(driver, next(iter(driver.states)))
    label = page.locator(f"{driver.root} form label[for]").first.element_handle()  # not re-queried below
    target = label.get_attribute("for")
    label.evaluate("(element) => element.removeAttribute('for')")
    try:
        violations = run_axe(page)
    finally:
        label.evaluate("(element, target) => element.setAttribute('for', target)", target)
    rules = {violation["id"] for violation in violations}
    assert "label" in rules, axe_report(violations, f"{driver}: a field without its label")
    settle(page)
    assert not run_axe(page), "the page did not recover its label"


# --- on paper, without JavaScript --------------------------------------------------------------


@pytest.mark.parametrize("driver", DRIVERS, ids=by_name)
def test_the_result_prints_without_the_form(loaded: LoadedPages, driver: RuntimeDriver) -> None:
    page = loaded.get(driver, "ready").page
    driver.reset(page)
    driver.fill_known(page)
    submit(page, driver)
    driver.expect_known_result(page)
    page.emulate_media(media="print")
    try:
        expect(page.locator(f"#{driver.name}-form")).to_be_hidden()
        expect(page.locator(f"#{driver.name}-status")).to_be_hidden()
        for selector in driver.printed:
            expect(page.locator(selector).first).to_be_visible()
        for button in page.locator(f"#{driver.name}-result button").all():
            expect(button).to_be_hidden()
    finally:
        page.emulate_media(media="screen")


@pytest.mark.parametrize("driver", DRIVERS, ids=by_name)
def test_without_javascript_the_form_is_there_and_a_message_explains(
    browser: Browser, base_url: str, driver: RuntimeDriver
) -> None:
    context = browser.new_context(java_script_enabled=False, base_url=base_url, locale="fr-FR")
    try:
        page = context.new_page()
        page.goto(driver.page.path)
        expect(page.locator("html")).to_have_class(re.compile(r"\bno-js\b"))  # proof no script ran
        expect(page.locator(f"{driver.root} form button[type=submit]")).to_have_text(driver.submit_label)
        expect(page.locator(f"{driver.root} .runtime__noscript")).to_be_visible()
        driver.expect_without_javascript(page)
    finally:
        context.close()
