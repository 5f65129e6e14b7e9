"""Failure modes of the pages that run Pyodide, in real Chromium (issue 5, item 5).

For each such page (``quality.PYODIDE_PAGES``: the self-check and the
estimator) and each way the runtime can break — the ``.wasm`` request
aborted, the worker script missing, the lock file not JSON, the lock file
vouching for another eligibility wheel (wrong sha256) or not listing it, a
browser without WebAssembly — the page must, within 10 seconds of navigation,
say so in plain French (its status line, read by screen readers), switch
``data-selfcheck`` to ``error``, and show as text what the visitor still
needs: the criteria (self-check) or the formula (estimator), and the contacts
with their phone numbers.

The 10 seconds are the issue's promise to visitors, so they are a deadline
here (counted from the navigation), not a performance measurement. All but
one breakage are seen before Python boots; a wheel failing its sha256 is only
reported by Pyodide once its worker has booted Python (a few seconds on this
machine), since the worker's thread is busy until then.

And the opposite case: once the runtime is loaded, cutting the network
(offline, every request aborted) changes nothing; the page keeps answering
as the Python package does, and does not even try to reach the network.

tests/test_selfcheck.py and tests/test_estimator.py check some of these
breakages with a generous timeout and other details (the stalled download's
"slow" message, the form hidden); this module adds the deadline, the lock
file cases and offline use, for every Pyodide page.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import BrowserContext, Locator, Page, Route, expect

import quality
from eligibility import CRITERIA, InvalidAnswer
from eligibility.hours import FORMULA, HOURS_FIELDS, estimate_from_form
from eligibility.parameters import EXAMPLE_AMOUNT_HT
from test_selfcheck import expect_screen_says_what_evaluate_says

pytestmark = pytest.mark.browser

DEADLINE_S = 10
READY_TIMEOUT_MS = 60_000
CONTACTS = yaml.safe_load((quality.ROOT / "data" / "contacts.yml").read_text(encoding="utf-8"))["contacts"]
PHONES = [contact["phone"] for contact in CONTACTS]


# --- what each Pyodide page must still offer -----------------------------------


def use_quiz(page: Page) -> None:
    """Answer the quiz three ways (eligible, not eligible, an error); each time
    the screen must say what evaluate() says."""
    for answers in (
        {"age": 22, "diploma": "brevet", "job_seeker": True, "months_registered": 3, "benefits": [],
         "disabled_worker": False},
        {"age": 45, "job_seeker": False, "benefits": [], "disabled_worker": False},
        {"age": 45, "job_seeker": True, "months_registered": 700, "benefits": [], "disabled_worker": False},
    ):
        expect_screen_says_what_evaluate_says(page, answers)


def use_estimator(page: Page) -> None:
    """Estimate with the published example's amount and the page's own defaults,
    then with an unreadable amount; each time the screen must say what
    estimate_from_form() says (DOM contract: overrides/fragments/hours-estimator.html)."""
    entries = {field.id: field.default or "" for field in HOURS_FIELDS}
    entries["amount_ht"] = str(EXAMPLE_AMOUNT_HT.value)
    for amount in (entries["amount_ht"], "beaucoup"):
        form = [[field.id, {**entries, "amount_ht": amount}[field.id]] for field in HOURS_FIELDS]
        for field in HOURS_FIELDS:
            page.locator(f"#estimator-{field.id}").fill(dict(form)[field.id])
        page.locator("#estimator-form button[type=submit]").click()
        try:
            estimate = estimate_from_form(form).to_dict()
        except InvalidAnswer as error:
            expect(page.locator(f"#estimator-{error.field}-error")).to_have_text(error.message)
        else:
            result = page.locator("#estimator-result")
            expect(result).to_have_attribute("data-hours", str(estimate["hours"]))
            expect(result.locator('[data-result="summary"]')).to_have_text(estimate["summary"])


@dataclass(frozen=True)
class PyodidePage:
    """How a Pyodide page shows its fallback, and how to use it."""

    fallback: str
    facts: tuple[str, ...]
    use: Callable[[Page], None]


BY_ROOT_ID = {
    "selfcheck": PyodidePage("#selfcheck-fallback", tuple(c.label for c in CRITERIA), use_quiz),
    "estimator": PyodidePage("#estimator-fallback", (FORMULA,), use_estimator),
}
"""Keyed by the id of the element carrying ``data-selfcheck``. A new Pyodide
page fails here until it says what its fallback must show."""


def describe(page: Page) -> tuple[PyodidePage, Locator]:
    """What this Pyodide page must offer, and its ``[data-selfcheck]`` element."""
    root = page.locator("[data-selfcheck]")
    expect(root).to_have_count(1)
    root_id = root.get_attribute("id") or ""
    assert root_id in BY_ROOT_ID, f"new Pyodide page #{root_id}: tell BY_ROOT_ID what its fallback shows"
    return BY_ROOT_ID[root_id], root


# --- ways to break the runtime ------------------------------------------------------


def abort_wasm(context: BrowserContext, site_dir: Path) -> None:
    context.route("**/pyodide/*.wasm", lambda route: route.abort("failed"))


def remove_worker(context: BrowserContext, site_dir: Path) -> None:
    context.route("**/assets/selfcheck/worker.mjs", lambda route: route.fulfill(status=404, body="Not Found"))


def garble_lock_file(context: BrowserContext, site_dir: Path) -> None:
    cut_short = '{"info": {"arch": "wasm32", "packages'
    context.route(
        "**/pyodide/pyodide-lock.json",
        lambda route: route.fulfill(content_type="application/json", body=cut_short),
    )


def wrong_wheel_hash(context: BrowserContext, site_dir: Path) -> None:
    """A lock file pinning another wheel: the real one no longer matches its sha256."""
    lock = json.loads((site_dir / "pyodide" / "pyodide-lock.json").read_text(encoding="utf-8"))
    lock["packages"]["eligibility"]["sha256"] = hashlib.sha256(b"another wheel").hexdigest()
    context.route("**/pyodide/pyodide-lock.json", lambda route: route.fulfill(json=lock))


def drop_the_rules_from_the_lock_file(context: BrowserContext, site_dir: Path) -> None:
    """A lock file as npm ships it, without the site's eligibility wheel (a forgotten build step)."""
    lock = json.loads((site_dir / "pyodide" / "pyodide-lock.json").read_text(encoding="utf-8"))
    del lock["packages"]["eligibility"]
    context.route("**/pyodide/pyodide-lock.json", lambda route: route.fulfill(json=lock))


def remove_webassembly(context: BrowserContext, site_dir: Path) -> None:
    context.add_init_script("delete globalThis.WebAssembly;")


BREAKAGES: dict[str, Callable[[BrowserContext, Path], None]] = {
    "wasm aborted": abort_wasm,
    "worker missing": remove_worker,
    "lock file not JSON": garble_lock_file,
    "lock file with a wrong sha256": wrong_wheel_hash,
    "lock file without the rules": drop_the_rules_from_the_lock_file,
    "no WebAssembly": remove_webassembly,
}


@pytest.mark.parametrize("breakage", list(BREAKAGES))
@pytest.mark.parametrize("name", quality.PYODIDE_PAGES)
def test_broken_runtime_is_explained_within_ten_seconds_with_the_facts_and_contacts(
    context: BrowserContext, site_dir: Path, site_url: str, name: str, breakage: str
) -> None:
    BREAKAGES[breakage](context, site_dir)
    page = context.new_page()
    deadline = time.monotonic() + DEADLINE_S
    page.goto(quality.url_of(site_url, name), wait_until="commit")
    root = page.locator("[data-selfcheck]")
    left_ms = max(1.0, (deadline - time.monotonic()) * 1000)  # 0 would mean "no timeout"
    expect(root).to_have_attribute("data-selfcheck", "error", timeout=left_ms)

    expected, root = describe(page)
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    status = root.get_by_role("status")
    expect(status).to_have_text(status.get_attribute("data-msg-error") or "<no data-msg-error>")
    fallback = page.locator(expected.fallback)
    expect(fallback).to_be_visible()
    assert expected.facts and len(PHONES) == 3
    expect(fallback.locator("[data-when=error]").first).to_be_visible()
    for fact in expected.facts:
        expect(fallback.get_by_text(fact, exact=True)).to_be_visible()
    for phone in PHONES:
        expect(fallback.get_by_text(phone, exact=True)).to_be_visible()


# --- offline once loaded ------------------------------------------------------------


@pytest.mark.parametrize("name", quality.PYODIDE_PAGES)
def test_page_keeps_working_when_the_network_is_cut_after_the_runtime_loaded(
    context: BrowserContext, site_url: str, name: str
) -> None:
    page = context.new_page()
    csp = quality.CspViolations(page)
    recorder = quality.RequestRecorder(page)
    page.goto(quality.url_of(site_url, name))
    root = page.locator("[data-selfcheck]")
    expect(root).to_have_attribute("data-selfcheck", "ready", timeout=READY_TIMEOUT_MS)
    expected, _ = describe(page)
    attempted: list[str] = []

    def cut(route: Route) -> None:
        attempted.append(route.request.url)
        route.abort("internetdisconnected")

    context.route("**/*", cut)
    context.set_offline(True)
    recorder.clear()
    try:
        expected.use(page)
        tried = recorder.requests + attempted
        assert tried == [], f"{name} tried the network while offline: {tried}"
        assert not csp.messages, csp.report(f"{name}, offline")
        # The network really is cut: a request now fails, and the recorder hears it.
        outcome = page.evaluate("() => fetch('./').then(() => 'reached', () => 'cut')")
        assert outcome == "cut"
        assert recorder.requests, "the recorder did not hear the request made offline"
    finally:
        context.set_offline(False)
