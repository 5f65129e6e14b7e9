"""Quality gates on the self-check in each of its states, in real Chromium
(issue 5, items 1 to 3).

States: empty, an error shown (at a number field, and at a group of choices),
eligible, not eligible, and the runtime failed (the ``.wasm`` request
aborted). In each state:

- axe-core finds no WCAG 2.0/2.1 A or AA violation, in the light and in the
  dark colour scheme;
- the page does not scroll sideways at 320 CSS px, nor at 200 % zoom (a
  1280 px window at 200 % lays out like a 640 CSS px one).

While the quiz runs: no request at all once the runtime is ready (answers
never leave the browser, not even to the site itself), nothing from another
origin while it loads, and no CSP violation.

Already proven by tests/test_selfcheck.py and not repeated here: a keyboard
alone completes the quiz (``test_keyboard_only_visitor_completes_the_quiz_
with_tab_space_and_enter``); focus moves to the result title (every
``expect_result_equals_evaluate``) and to the first invalid field
(``test_invalid_age_shows_…``, ``test_missing_answer_is_reported_at_the_first_
unanswered_question``). Added here: a keyboard-only visitor who skips
questions is led, by Enter, from one missing answer to the next.

The estimator page (the other page with ``[data-selfcheck]``) is gated in
each of its states by tests/test_estimator.py; both pages' failure modes and
offline behaviour are in tests/test_failure_modes.py.

Speed: one quiz page for the whole module, driven from state to state with
"Recommencer"; the failed state has its own page; colour schemes are switched
with Material's palette toggle, not by reloading.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

import quality
from eligibility import InvalidAnswer, evaluate
from test_selfcheck import (
    SELFCHECK,
    answer,
    api_answers,
    expect_result_equals_evaluate,
    expect_screen_says_what_evaluate_says,
    restart,
    submit,
)

pytestmark = pytest.mark.browser

READY_TIMEOUT_MS = 60_000

# Answers that reach each state (checked against evaluate() before use).
ELIGIBLE = {"age": 22, "diploma": "none", "job_seeker": True, "months_registered": 14,
            "benefits": ["rsa", "aah"], "disabled_worker": True}
NOT_ELIGIBLE = {"age": 30, "job_seeker": False, "benefits": [], "disabled_worker": False}
ERROR_AT_NUMBER = {"age": 12, "job_seeker": False, "benefits": [], "disabled_worker": False}
ERROR_AT_CHOICES = {"age": 40, "benefits": [], "disabled_worker": False}  # "Êtes-vous inscrit…" unanswered

STATES = ("empty", "error at a number", "error at choices", "eligible", "not eligible", "runtime failed")

VIEWPORTS = {
    "320px": {"width": 320, "height": 640},
    "zoom-200%": {"width": 640, "height": 360},
}

# Wait until no finite CSS animation or transition is running, e.g. Material's
# "back to top" button fading in after a focus jump scrolled the page: half-way
# through, axe measures a half-transparent colour no visitor reads. The two
# frames let scroll handlers start their transitions first.
SETTLE = """async () => {
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
    page.evaluate(SETTLE)


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


def expected_error(answers: dict[str, Any]) -> InvalidAnswer:
    with pytest.raises(InvalidAnswer) as caught:
        evaluate(api_answers(answers))
    return caught.value


# --- the pages ---------------------------------------------------------------


@dataclass
class Loaded:
    """A loaded page and what it did since ``goto``."""

    page: Page
    csp: quality.CspViolations
    requests: quality.RequestRecorder
    load_requests: list[str] = field(default_factory=list)
    load_foreign: list[str] = field(default_factory=list)


def open_loaded(context: BrowserContext, site_url: str, state: str) -> Loaded:
    page = context.new_page()
    loaded = Loaded(page, quality.CspViolations(page), quality.RequestRecorder(page))
    page.goto(SELFCHECK)
    expect(page.locator("#selfcheck")).to_have_attribute("data-selfcheck", state, timeout=READY_TIMEOUT_MS)
    loaded.load_requests = list(loaded.requests.requests)
    loaded.load_foreign = loaded.requests.foreign(site_url)
    return loaded


@pytest.fixture(scope="module")
def quiz(browser: Browser, browser_context_args: dict, site_url: str) -> Iterator[Loaded]:
    """The self-check, runtime ready, shared by the module's tests."""
    context = browser.new_context(**browser_context_args)
    yield open_loaded(context, site_url, "ready")
    context.close()


@pytest.fixture(scope="module")
def failed(browser: Browser, browser_context_args: dict, site_url: str) -> Iterator[Loaded]:
    """The self-check whose runtime failed: the ``.wasm`` request is aborted."""
    context = browser.new_context(**browser_context_args)
    context.route("**/pyodide/*.wasm", lambda route: route.abort("blockedbyclient"))
    yield open_loaded(context, site_url, "error")
    context.close()


def reach(state: str, quiz: Loaded, failed: Loaded) -> Page:
    """Bring a page to ``state`` the way a visitor does, and check it got there."""
    if state == "runtime failed":
        page = failed.page
        expect(page.locator("#selfcheck-fallback")).to_be_visible()
        expect(page.locator("#selfcheck-form")).to_be_hidden()
        return page
    page = quiz.page
    restart(page)
    if state == "empty":
        expect(page.locator("#selfcheck input:checked")).to_have_count(0)
        return page
    answers = {
        "error at a number": ERROR_AT_NUMBER,
        "error at choices": ERROR_AT_CHOICES,
        "eligible": ELIGIBLE,
        "not eligible": NOT_ELIGIBLE,
    }[state]
    answer(page, answers)
    submit(page)
    if state.startswith("error"):
        error = expected_error(answers)
        expect(page.locator(f"#selfcheck-{error.field}-error")).to_have_text(error.message)
        expect(page.locator(f"[data-question={error.field}] input").first).to_be_focused()
    else:
        assert evaluate(api_answers(answers)).eligible == (state == "eligible")
        expect_result_equals_evaluate(page, answers)
    return page


# --- WCAG 2.0/2.1 A and AA, in each state and scheme -------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("state", STATES)
def test_selfcheck_has_no_wcag_a_or_aa_violation_in_each_state(
    quiz: Loaded, failed: Loaded, state: str, scheme: str
) -> None:
    page = reach(state, quiz, failed)
    use_scheme(page, scheme)
    violations = quality.run_axe(page)
    assert not violations, quality.axe_report(violations, f"self-check, {state}, {scheme} scheme")


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("state", STATES)
def test_selfcheck_does_not_scroll_sideways_in_each_state(
    quiz: Loaded, failed: Loaded, state: str, viewport: str
) -> None:
    page = quiz.page if state != "runtime failed" else failed.page
    size = page.viewport_size
    page.set_viewport_size(VIEWPORTS[viewport])
    try:
        reach(state, quiz, failed)
        overflow = quality.horizontal_overflow(page)
        assert overflow <= 0, f"self-check, {state}: {overflow} px sideways at {VIEWPORTS[viewport]}"
    finally:
        page.set_viewport_size(size)


# --- keyboard: Enter leads to each missing answer in turn ---------------------------


def test_keyboard_visitor_is_led_by_enter_from_one_missing_answer_to_the_next(quiz: Loaded) -> None:
    """Only Tab, Space, Enter, Backspace and digits: each Enter shows the first
    problem and puts the focus on it, until the result, which gets the focus."""
    page = quiz.page
    keyboard = page.keyboard
    restart(page)
    age = page.locator("#selfcheck-age")
    expect(age).to_be_focused()

    def expect_problem_at(question_id: str, answers: dict[str, Any]) -> None:
        error = expected_error(answers)
        assert error.field == question_id
        expect(page.locator(f"#selfcheck-{question_id}-error")).to_have_text(error.message)
        expect(page.locator(f"[data-question={question_id}] input").first).to_be_focused()

    keyboard.type("12")
    keyboard.press("Enter")  # implicit submission from the number field
    expect_problem_at("age", {"age": 12})
    keyboard.press("Backspace")
    keyboard.press("Backspace")
    keyboard.type("40")
    keyboard.press("Enter")
    expect(page.locator("#selfcheck-age-error")).to_be_hidden()
    expect_problem_at("job_seeker", {"age": 40})
    keyboard.press("Space")  # "Oui": the months question appears below
    expect(page.locator("[data-question=months_registered]")).to_be_visible()
    keyboard.press("Tab")
    expect(page.locator("#selfcheck-months_registered")).to_be_focused()
    keyboard.type("14")
    keyboard.press("Enter")
    expect_problem_at("benefits", {"age": 40, "job_seeker": True, "months_registered": 14})
    keyboard.press("Space")  # the first allocation
    submit_button = page.locator("#selfcheck-form button[type=submit]")
    for _ in range(20):  # past the other allocations and the unanswered last question
        keyboard.press("Tab")
        if submit_button.evaluate("(button) => button === document.activeElement"):
            break
    expect(submit_button).to_be_focused()
    keyboard.press("Enter")
    answers = {"age": 40, "job_seeker": True, "months_registered": 14, "benefits": ["rsa"]}
    expect(page.locator("#selfcheck-benefits-error")).to_be_hidden()
    expect_problem_at("disabled_worker", answers)
    keyboard.press("Space")  # "Oui"
    keyboard.press("Tab")
    expect(submit_button).to_be_focused()
    keyboard.press("Enter")
    expect_result_equals_evaluate(page, {**answers, "disabled_worker": True})


# --- privacy and CSP while the quiz runs ----------------------------------------------


def test_loading_the_selfcheck_requests_only_its_own_site(quiz: Loaded) -> None:
    assert any(url.endswith("/pyodide/pyodide.asm.wasm") for url in quiz.load_requests), (
        "the recorder did not hear the worker's requests"
    )
    assert not quiz.load_foreign, f"loading the self-check left the site: {quiz.load_foreign}"
    assert not quiz.csp.messages, quiz.csp.report("self-check, while loading")


def test_answering_the_quiz_makes_no_request_once_the_runtime_is_ready(quiz: Loaded) -> None:
    page = quiz.page
    quiz.requests.clear()
    for answers in (ERROR_AT_NUMBER, ELIGIBLE, NOT_ELIGIBLE, ERROR_AT_CHOICES, ELIGIBLE):
        expect_screen_says_what_evaluate_says(page, answers)
    assert quiz.requests.requests == [], f"answering the quiz made requests: {quiz.requests.requests}"
    assert not quiz.csp.messages, quiz.csp.report("self-check, while answering")


# --- the gates can fail --------------------------------------------------------------


def test_silence_gate_hears_a_request_to_the_site_itself(quiz: Loaded, site_url: str) -> None:
    """A leak to the site's own origin passes the CSP (``connect-src 'self'``):
    only the "no request at all" gate stops it, so it must hear one."""
    quiz.requests.clear()
    status = quiz.page.evaluate("() => fetch('./?age=40').then((response) => response.status)")
    assert status == 200
    assert quiz.requests.requests == [f"{site_url}/auto-evaluation/?age=40"]
    assert quiz.requests.foreign(site_url) == []


def test_axe_gate_reports_a_quiz_field_that_lost_its_label(quiz: Loaded) -> None:
    page = reach("empty", quiz, quiz)
    label = page.locator("[data-question=age] > label")
    expect(label).to_have_attribute("for", "selfcheck-age")
    label.evaluate("(element) => element.removeAttribute('for')")
    try:
        violations = quality.run_axe(page)
    finally:
        label.evaluate("(element) => element.setAttribute('for', 'selfcheck-age')")
    rules = {violation["id"] for violation in violations}
    assert "label" in rules, quality.axe_report(violations, "age field without its label")
    assert not quality.run_axe(page), "the page did not recover its label"
