"""The insertion-hours estimator in real Chromium: the figure and every
sentence shown are what ``eligibility.hours`` returns for the same entries,
typed the French way, and each bad entry gets the package's message at its
field. What every runtime page does (loading, failing, offline, accessibility
in each state, print, no JavaScript) is in test_runtime_lifecycle.py.

Pyodide takes seconds to start, so these share one page load (``estimator``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from eligibility.hours import HOURS_FIELDS, insertion_hours
from support.browser import expect_error_at
from support.estimator import KNOWN, expect_result_equals_package, fill, open_estimator, package_error, submit

pytestmark = pytest.mark.browser

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


@pytest.fixture(scope="module")
def shared(browser: Browser, browser_context_args: dict) -> Iterator[Page]:
    context = browser.new_context(**browser_context_args)
    page = context.new_page()
    open_estimator(page)
    yield page
    context.close()


@pytest.fixture
def estimator(shared: Page) -> Page:
    shared.set_viewport_size({"width": 1280, "height": 720})
    fill(shared, KNOWN)
    return shared


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
    expect_error_at(control, message, error.message)
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
