"""The buyers' check in real Chromium: a known contract gets the known answer,
each answer on screen is what ``eligibility.obligation`` returns for the same
entries, a bad amount gets the package's message at its field, and a buyer
can do it all with the keyboard. What every runtime page does (loading,
failing, offline, accessibility in each state, print, no JavaScript) is in
test_runtime_lifecycle.py.

Pyodide takes seconds to start, so these share one page load.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from eligibility.obligation import social_condition_required
from support.browser import expect_error_at
from support.obligation import KNOWN, expect_result_equals_package, fill, open_check, package_error, submit

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def shared(browser: Browser, browser_context_args: dict) -> Iterator[Page]:
    context = browser.new_context(**browser_context_args)
    page = context.new_page()
    open_check(page)
    yield page
    context.close()


@pytest.fixture
def check(shared: Page) -> Page:
    shared.set_viewport_size({"width": 1280, "height": 720})
    # A fresh start for each test: the previous one's result hidden, so that a
    # wait is for this test's reply.
    shared.locator("#obligation-result").evaluate("result => { result.hidden = true; }")
    return shared


def test_the_documented_contract_gets_the_documented_answer(check: Page) -> None:
    expected = social_condition_required(kind="services", amount_ht=300_000, buyer="collectivite",
                                         launch_date="2026-10-01")
    assert (expected.required, expected.threshold_ht) == (True, 216_000)
    fill(check, KNOWN)
    submit(check)
    answer = expect_result_equals_package(check, KNOWN)
    assert answer == expected.to_dict()
    result = check.locator("#obligation-result")
    expect(result).to_have_attribute("data-required", "true")
    expect(result).to_have_attribute("data-threshold", "216000")
    expect(result.locator('[data-article="L2112-2-1"]')).to_have_count(1)
    expect(result.get_by_role("link", name="Estimer les heures d'insertion")).to_be_visible()


OTHER_CONTRACTS = {
    "works below the threshold": {"kind": "travaux", "amount_ht": "5 403 999 €", "buyer": "collectivite",
                                  "launch_date": "2027-06-30"},
    "supplies for the State at the threshold": {"kind": "fournitures", "amount_ht": "140000",
                                                "buyer": "etat", "launch_date": "2026-08-22"},
    "a utility's services before the reform": {"kind": "services", "amount_ht": "1 000 000 € HT",
                                               "buyer": "entite_adjudicatrice", "launch_date": "2025-03-01"},
}


@pytest.mark.parametrize("case", list(OTHER_CONTRACTS))
def test_each_outcome_on_screen_is_the_packages(check: Page, case: str) -> None:
    fill(check, OTHER_CONTRACTS[case])
    submit(check)
    expect_result_equals_package(check, OTHER_CONTRACTS[case])


@pytest.mark.parametrize("amount", ["300.000", "-5", "trois cent mille", ""])
def test_a_bad_amount_shows_the_packages_message_at_the_field_and_focuses_it(check: Page, amount: str) -> None:
    entries = {**KNOWN, "amount_ht": amount}
    error = package_error(entries)
    assert error.field == "amount_ht"
    fill(check, KNOWN)
    submit(check)
    expect(check.locator("#obligation-result")).to_be_visible()
    check.locator("#obligation-amount_ht").fill(amount)
    submit(check)
    control = check.locator("#obligation-amount_ht")
    message = check.locator("#obligation-amount_ht-error")
    expect_error_at(control, message, error.message)
    expect(check.locator("#obligation-result")).to_be_hidden()
    # Typing a correction clears the error; submitting gives the answer.
    control.fill(KNOWN["amount_ht"])
    expect(message).to_be_hidden()
    expect(control).not_to_have_attribute("aria-invalid", "true")
    submit(check)
    expect_result_equals_package(check, KNOWN)


def test_a_date_the_site_holds_no_threshold_for_is_refused_at_the_date(check: Page) -> None:
    entries = {**KNOWN, "launch_date": "2023-12-31"}
    error = package_error(entries)
    fill(check, entries)
    submit(check)
    expect_error_at(check.locator("#obligation-launch_date"), check.locator("#obligation-launch_date-error"),
                    error.message)


def test_keyboard_only_buyer_answers_and_presses_enter(browser: Browser, browser_context_args: dict) -> None:
    """A fresh page (no choice ticked yet): Tab into each group, arrows to choose, type, Enter."""
    context = browser.new_context(**browser_context_args)
    try:
        page = context.new_page()
        open_check(page)
        page.locator("#obligation-instructions").click()  # the focus starts just before the form
        page.keyboard.press("Tab")
        expect(page.locator("#obligation-kind-travaux")).to_be_focused()
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowDown")
        expect(page.locator("#obligation-kind-services")).to_be_checked()
        page.keyboard.press("Tab")
        expect(page.locator("#obligation-amount_ht")).to_be_focused()
        page.keyboard.type("300 000")
        page.keyboard.press("Tab")
        expect(page.locator("#obligation-buyer-etat")).to_be_focused()
        page.keyboard.press("ArrowDown")
        expect(page.locator("#obligation-buyer-collectivite")).to_be_checked()
        page.keyboard.press("Tab")
        expect(page.locator("#obligation-launch_date")).to_be_focused()
        # The control's order (jj/mm/aaaa or mm/dd/yyyy) follows the browser's own
        # language: a day equal to its month reads the same in both.
        page.keyboard.type("10102026")
        expect(page.locator("#obligation-launch_date")).to_have_value("2026-10-10")
        page.keyboard.press("Enter")
        expect_result_equals_package(page, {**KNOWN, "launch_date": "2026-10-10"})
    finally:
        context.close()
