"""The insertion-hours estimator page in real Chromium, against the real built site.

Every figure and sentence shown is compared with what ``eligibility.hours``
returns for the same entries (``estimate_from_form``, and ``insertion_hours``
for the API reading of them), and every error with the one the package raises:
the page must show what the tested Python code says, computed by the same
Pyodide worker as the self-check.

The page runs Pyodide, so tests/test_quality_pages.py skips it (as it skips the
self-check): the WCAG, reflow and privacy gates for it are here, in each state
(loading, result, error at a field, runtime failure). Pyodide takes seconds to
start, so the happy and error paths share one page load (``estimator``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

import quality
from eligibility import InvalidAnswer
from eligibility.hours import FORMULA, HOURS_FIELDS, estimate_from_form, insertion_hours

pytestmark = pytest.mark.browser

ESTIMATOR = "maitres-ouvrage/estimer-les-heures/"
READY_TIMEOUT_MS = 60_000

KNOWN = {"amount_ht": "1 000 000", "labour_share": "50", "insertion_rate": "5", "hourly_cost": "30"}

# Entries as a buyer types them, with the same values as the Python API takes
# them (fractions for the two shares): the page must agree with insertion_hours().
OTHER_ENTRIES: list[tuple[dict[str, str], tuple[Any, ...]]] = [
    ({"amount_ht": "250 000 €", "labour_share": "70 %", "insertion_rate": "10", "hourly_cost": "25"},
     (250_000, 0.7, 0.10, 25)),
    ({"amount_ht": "1 234 567,89", "labour_share": "20", "insertion_rate": "7,5", "hourly_cost": "27,5 €"},
     (1_234_567.89, 0.2, 0.075, 27.5)),
    ({"amount_ht": "80000", "labour_share": "35", "insertion_rate": "5", "hourly_cost": "28"},
     (80_000, 0.35, 0.05, 28)),
    ({"amount_ht": "150 000", "labour_share": "50", "insertion_rate": "0", "hourly_cost": "30"},
     (150_000, 0.5, 0, 30)),
]

# One bad entry at a time (the others valid): the package's message must show at that field.
BAD_ENTRIES = {
    "negative amount": ("amount_ht", "-5"),
    "missing amount": ("amount_ht", ""),
    "share above 100 %": ("labour_share", "120"),
    "rate not a number": ("insertion_rate", "cinq"),
    "zero hourly cost": ("hourly_cost", "0"),
}


# --- driving the page like a buyer ---------------------------------------------


def open_estimator(page: Page) -> None:
    page.goto(ESTIMATOR)
    expect(page.locator("[data-estimator]")).to_have_attribute("data-selfcheck", "ready", timeout=READY_TIMEOUT_MS)


def fill(page: Page, entries: dict[str, str]) -> None:
    for field in HOURS_FIELDS:
        page.locator(f"#estimator-{field.id}").fill(entries[field.id])


def submit(page: Page) -> None:
    page.get_by_role("button", name="Calculer les heures").click()


def pairs(entries: dict[str, str]) -> list[list[str]]:
    return [[field.id, entries[field.id]] for field in HOURS_FIELDS]


def package_error(entries: dict[str, str]) -> InvalidAnswer:
    with pytest.raises(InvalidAnswer) as caught:
        estimate_from_form(pairs(entries))
    return caught.value


def expect_result_equals_package(page: Page, entries: dict[str, str]) -> dict[str, Any]:
    """The shown estimate is estimate_from_form()'s: same hours, same texts; focus on its title."""
    estimate = estimate_from_form(pairs(entries)).to_dict()
    result = page.locator("#estimator-result")
    expect(result).to_be_visible()
    expect(result).to_have_attribute("data-hours", str(estimate["hours"]))
    assert float(result.get_attribute("data-fte") or "nan") == estimate["fte"]
    for name in ("summary", "calculation", "note"):
        expect(result.locator(f'[data-result="{name}"]')).to_have_text(estimate[name])
    expect(page.locator("#estimator-result-title")).to_be_focused()
    return estimate


def settle(page: Page) -> None:
    """Move the pointer out of the way and wait until no CSS transition runs.

    Half-way through a transition axe measures a blend of two colours and
    reports a contrast failure no visitor sees: Material's "back to top" button
    fading in after a focus jump scrolled the page, a button whose hover colour
    is changing. Polled from Python (no wait_for_function: it needs eval)."""
    page.mouse.move(0, 0)
    for _ in range(100):
        running = page.evaluate("() => document.getAnimations().filter(a => a.playState === 'running').length")
        if running == 0:
            return
        page.wait_for_timeout(50)


def assert_no_horizontal_scroll(page: Page) -> None:
    assert quality.horizontal_overflow(page) == 0


# --- one page load for the paths through the estimator ------------------------


class Loaded:
    """The shared page, and every request it made since it was opened."""

    def __init__(self, page: Page, recorder: quality.RequestRecorder) -> None:
        self.page = page
        self.recorder = recorder


@pytest.fixture(scope="module")
def loaded(browser: Browser, browser_context_args: dict) -> Iterator[Loaded]:
    context = browser.new_context(**browser_context_args)
    page = context.new_page()
    recorder = quality.RequestRecorder(page)
    open_estimator(page)
    yield Loaded(page, recorder)
    context.close()


@pytest.fixture
def estimator(loaded: Loaded) -> Page:
    loaded.page.set_viewport_size({"width": 1280, "height": 720})
    fill(loaded.page, KNOWN)
    return loaded.page


def test_known_contract_gives_833_hours(estimator: Page) -> None:
    assert insertion_hours(amount_ht=1_000_000, labour_share=0.5, insertion_rate=0.05, hourly_cost=30) == 833
    submit(estimator)
    estimate = expect_result_equals_package(estimator, KNOWN)
    assert estimate["hours"] == 833
    expect(estimator.locator("#estimator-result")).to_contain_text("833 heures")
    expect(estimator.locator("#estimator-result")).to_contain_text("0,52 équivalent temps plein")


@pytest.mark.parametrize(("entries", "api"), OTHER_ENTRIES, ids=[e["amount_ht"] for e, _ in OTHER_ENTRIES])
def test_entries_typed_the_french_way_give_what_insertion_hours_gives(
    estimator: Page, entries: dict[str, str], api: tuple[Any, ...]
) -> None:
    expected_hours = insertion_hours(*api)
    fill(estimator, entries)
    submit(estimator)
    estimate = expect_result_equals_package(estimator, entries)
    assert estimate["hours"] == expected_hours


@pytest.mark.parametrize("case", list(BAD_ENTRIES))
def test_bad_entry_shows_the_packages_message_at_the_field_and_focuses_it(estimator: Page, case: str) -> None:
    field, value = BAD_ENTRIES[case]
    entries = {**KNOWN, field: value}
    error = package_error(entries)
    assert error.field == field
    # A fresh result first (it must go away with the error). The module's page
    # may still show the previous test's result: hide it so that the wait below
    # is for this submit's reply, and the second submit is not sent while the
    # first is still in flight.
    estimator.locator("#estimator-result").evaluate("result => { result.hidden = true; }")
    submit(estimator)
    expect(estimator.locator("#estimator-result")).to_be_visible()
    estimator.locator(f"#estimator-{field}").fill(value)
    submit(estimator)
    control = estimator.locator(f"#estimator-{field}")
    message = estimator.locator(f"#estimator-{field}-error")
    quality.expect_error_at(control, message, error.message)
    expect(estimator.locator("#estimator-result")).to_be_hidden()
    # Typing a correction clears the error; submitting gives the figure.
    control.fill(KNOWN[field])
    expect(message).to_be_hidden()
    expect(control).not_to_have_attribute("aria-invalid", "true")
    submit(estimator)
    expect_result_equals_package(estimator, KNOWN)


def test_keyboard_only_buyer_types_and_presses_enter(estimator: Page) -> None:
    entries = OTHER_ENTRIES[0][0]
    estimator.locator("#estimator-amount_ht").focus()
    for index, field in enumerate(HOURS_FIELDS):
        expect(estimator.locator(f"#estimator-{field.id}")).to_be_focused()
        estimator.keyboard.press("Control+A")
        estimator.keyboard.type(entries[field.id])
        if index < len(HOURS_FIELDS) - 1:
            estimator.keyboard.press("Tab")
    estimator.keyboard.press("Enter")
    expect_result_equals_package(estimator, entries)


def test_computing_sends_nothing_anywhere(loaded: Loaded, estimator: Page, site_url: str) -> None:
    assert loaded.recorder.requests, "the recorder is not listening"
    assert not loaded.recorder.foreign(site_url), loaded.recorder.foreign(site_url)
    assert any("/pyodide/" in url for url in loaded.recorder.requests), "the runtime was not fetched from the site"
    loaded.recorder.clear()
    submit(estimator)
    expect_result_equals_package(estimator, KNOWN)
    assert loaded.recorder.requests == [], "computing an estimate made a request"


@pytest.mark.parametrize("width", [320, 640])  # a small phone; 200 % zoom of a 1280 px window
def test_form_result_and_errors_fit_the_width_without_horizontal_scroll(estimator: Page, width: int) -> None:
    estimator.set_viewport_size({"width": width, "height": 640})
    fill(estimator, {**KNOWN, "amount_ht": "1 234 567 890 123 456"})  # a long error message on screen
    submit(estimator)
    expect(estimator.locator("#estimator-amount_ht-error")).to_be_visible()
    assert_no_horizontal_scroll(estimator)
    fill(estimator, OTHER_ENTRIES[1][0])
    submit(estimator)
    expect(estimator.locator("#estimator-result")).to_be_visible()
    assert_no_horizontal_scroll(estimator)


def test_result_prints_without_the_form(estimator: Page) -> None:
    submit(estimator)
    expect(estimator.locator("#estimator-result")).to_be_visible()
    estimator.emulate_media(media="print")
    try:
        expect(estimator.locator("#estimator-form")).to_be_hidden()
        expect(estimator.locator('#estimator-result [data-result="summary"]')).to_be_visible()
    finally:
        estimator.emulate_media(media="screen")


# --- WCAG 2.1 AA in each state, light and dark ------------------------------------


def axe_violations_in_each_state(page: Page) -> list[str]:
    """Run axe at first paint, with a result, and with an error at a field."""
    reports = []
    for state in ("ready", "result", "error"):
        if state == "result":
            fill(page, KNOWN)
            submit(page)
            expect(page.locator("#estimator-result")).to_be_visible()
        elif state == "error":
            page.locator("#estimator-hourly_cost").fill("abc")
            submit(page)
            expect(page.locator("#estimator-hourly_cost-error")).to_be_visible()
        settle(page)
        violations = quality.run_axe(page)
        if violations:
            reports.append(quality.axe_report(violations, f"estimator ({state})"))
    return reports


def test_page_passes_axe_wcag_21_aa_in_the_light_scheme(estimator: Page) -> None:
    reports = axe_violations_in_each_state(estimator)
    assert not reports, "\n".join(reports)


def test_page_passes_axe_wcag_21_aa_in_the_dark_scheme(browser: Browser, browser_context_args: dict) -> None:
    context = browser.new_context(**{**browser_context_args, "color_scheme": "dark"})
    try:
        page = context.new_page()
        open_estimator(page)
        assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
        reports = axe_violations_in_each_state(page)
        assert not reports, "\n".join(reports)
    finally:
        context.close()


# --- before the runtime is ready, without it, without JavaScript ------------------


def test_the_form_works_before_the_runtime_is_ready(context: BrowserContext) -> None:
    """Hold the eligibility wheel back: the form is there with its defaults, submit
    says "Calcul en cours…", and the figure comes once the runtime is ready."""
    wheel = quality.HeldWheel(context)
    page = context.new_page()
    page.goto(ESTIMATOR)
    root = page.locator("[data-estimator]")
    for field in HOURS_FIELDS:
        expect(page.locator(f"#estimator-{field.id}")).to_have_value(field.default or "")
    fill(page, KNOWN)
    submit(page)
    button = page.get_by_role("button", name="Calcul en cours…")
    expect(button).to_be_visible()
    expect(page.get_by_role("status")).to_have_text("Calcul en cours…")
    expect(root).to_have_attribute("data-selfcheck", "loading")
    wheel.release(page)
    expect(root).to_have_attribute("data-selfcheck", "ready", timeout=READY_TIMEOUT_MS)
    expect_result_equals_package(page, KNOWN)
    expect(page.get_by_role("button", name="Calculer les heures")).to_be_visible()
    assert page.evaluate("() => performance.getEntriesByName('estimator-ready').length") == 1


@pytest.mark.parametrize("breakage", ["blocked wasm", "missing worker"])
def test_runtime_failure_shows_the_formula_and_the_contacts(context: BrowserContext, breakage: str) -> None:
    if breakage == "blocked wasm":
        context.route("**/pyodide/pyodide.asm.wasm", lambda route: route.abort("blockedbyclient"))
    else:
        context.route("**/assets/selfcheck/worker.mjs", lambda route: route.fulfill(status=404, body="absent"))
    page = context.new_page()
    page.goto(ESTIMATOR)
    expect(page.locator("[data-estimator]")).to_have_attribute("data-selfcheck", "error", timeout=READY_TIMEOUT_MS)
    status = page.get_by_role("status")
    expect(status).to_have_text(page.locator("#estimator-status").get_attribute("data-msg-error"))
    fallback = page.locator("#estimator-fallback")
    expect(fallback).to_be_visible()
    expect(fallback.locator("[data-when=error]").first).to_be_visible()
    expect(fallback.locator("[data-when=slow]").first).to_be_hidden()
    expect(fallback.locator(".estimator__formula")).to_have_text(FORMULA)
    expect(fallback.locator(".contact-card")).to_have_count(3)
    for card in fallback.locator(".contact-card").all():
        expect(card.locator('a[href^="tel:"]')).to_be_visible()
    expect(page.locator("#estimator-form")).to_be_hidden()
    settle(page)
    violations = quality.run_axe(page)
    assert not violations, quality.axe_report(violations, f"estimator ({breakage})")


def test_without_javascript_the_form_and_formula_are_there_and_a_message_explains(
    browser: Browser, base_url: str
) -> None:
    context = browser.new_context(java_script_enabled=False, base_url=base_url, locale="fr-FR")
    try:
        page = context.new_page()
        page.goto(ESTIMATOR)
        expect(page.locator("html")).to_have_class(re.compile(r"\bno-js\b"))
        for field in HOURS_FIELDS:
            expect(page.locator(f"#estimator-{field.id}")).to_be_visible()
        expect(page.get_by_role("button", name="Calculer les heures")).to_be_visible()
        expect(page.locator("article .estimator__formula").first).to_have_text(FORMULA)
        note = page.locator(".estimator__noscript")
        expect(note).to_be_visible()
        target = note.locator("a").get_attribute("href")
        assert target and target.startswith("#")
        expect(page.locator(f"{target} ~ .contact-cards")).to_be_visible()
    finally:
        context.close()


# Instant navigation between the quiz and the estimator (one shared worker) is
# tested in tests/test_selfcheck.py, which already builds that site variant.
