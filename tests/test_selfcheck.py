"""The self-check in real Chromium: each path through the quiz shows what
``eligibility.evaluate()`` says, errors come at the right question, questions
appear as Python says, the visitor's commune puts its service first (or the
three come as printed without one), answers survive a reload, and a keyboard
alone gets a visitor through. What every runtime page does (loading, failing, offline,
accessibility in each state, print, no JavaScript) is in
test_runtime_lifecycle.py.

Pyodide takes seconds to start, so the paths through the quiz share one page
load (``quiz``, module scope) and start each from "Recommencer".
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from eligibility import CRITERIA, QUESTIONS, QUESTIONS_BY_ID, applicable_questions, evaluate
from eligibility.questions import NONE_OF_THESE
from eligibility.territory import find_communes
from support.browser import READY_TIMEOUT_MS, HeldWheel, expect_error_at
from support.selfcheck import (
    CONTACT_IDS,
    CRITERION_PATHS,
    MATCHING_NOTHING,
    MATCHING_SEVERAL,
    PATH,
    answer,
    api_answers,
    expect_contacts_shown,
    expect_result_equals_evaluate,
    expected_error,
    open_selfcheck,
    package_error,
    restart,
    submit,
)
from support.site import RUNTIME_GLOB

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def quiz(browser: Browser, browser_context_args: dict) -> Iterator[Page]:
    context = browser.new_context(**browser_context_args)
    page = context.new_page()
    open_selfcheck(page)
    yield page
    context.close()


@pytest.fixture
def fresh_quiz(quiz: Page) -> Page:
    restart(quiz)
    return quiz


@pytest.mark.parametrize("criterion", list(CRITERION_PATHS))
def test_each_criterion_path_shows_that_criterion_as_evaluate_does(fresh_quiz: Page, criterion: str) -> None:
    answers = CRITERION_PATHS[criterion]
    assert evaluate(api_answers(answers)).matched == (criterion,)
    answer(fresh_quiz, answers)
    submit(fresh_quiz)
    expect_result_equals_evaluate(fresh_quiz, answers)
    expect_contacts_shown(fresh_quiz.locator("#selfcheck-result"))


def test_answers_matching_several_criteria_list_them_in_the_memos_order(fresh_quiz: Page) -> None:
    verdict = evaluate(api_answers(MATCHING_SEVERAL))
    assert len(verdict.matched) > 1
    assert list(verdict.matched) == [c.id for c in CRITERIA if c.id in verdict.matched]
    answer(fresh_quiz, MATCHING_SEVERAL)
    submit(fresh_quiz)
    expect_result_equals_evaluate(fresh_quiz, MATCHING_SEVERAL)


def test_answers_matching_nothing_show_the_kind_message_and_the_contacts(fresh_quiz: Page) -> None:
    assert not evaluate(api_answers(MATCHING_NOTHING)).eligible
    answer(fresh_quiz, MATCHING_NOTHING)
    submit(fresh_quiz)
    expect_result_equals_evaluate(fresh_quiz, MATCHING_NOTHING)
    expect(fresh_quiz.locator("#selfcheck-result [data-criterion]")).to_have_count(0)
    expect_contacts_shown(fresh_quiz.locator("#selfcheck-result"))


def test_changing_an_answer_and_submitting_again_updates_the_result(fresh_quiz: Page) -> None:
    answer(fresh_quiz, MATCHING_NOTHING)
    submit(fresh_quiz)
    expect(fresh_quiz.locator("#selfcheck-result")).to_have_attribute("data-verdict", "not-eligible")
    changed = {**MATCHING_NOTHING, "disabled_worker": True}
    answer(fresh_quiz, {"disabled_worker": True})
    submit(fresh_quiz)
    expect_result_equals_evaluate(fresh_quiz, changed)


def test_invalid_age_shows_the_packages_message_at_the_field_and_focuses_it(fresh_quiz: Page) -> None:
    error = package_error([("age", "12"), ("job_seeker", "false"), ("benefits", "none"), ("disabled_worker", "false")])
    assert error.field == "age"
    answer(fresh_quiz, {"age": 12, "job_seeker": False, "benefits": [], "disabled_worker": False})
    submit(fresh_quiz)
    age = fresh_quiz.locator("input[name=age]")
    message = fresh_quiz.locator("#selfcheck-age-error")
    expect_error_at(age, message, error.message)
    expect(fresh_quiz.locator("#selfcheck-result")).to_be_hidden()
    # Corrected, the error goes and the result comes.
    age.fill("40")
    submit(fresh_quiz)
    expect(message).to_be_hidden()
    expect(age).not_to_have_attribute("aria-invalid", "true")
    expect_result_equals_evaluate(fresh_quiz, {"age": 40, "job_seeker": False, "benefits": [],
                                               "disabled_worker": False})


def test_missing_answer_is_reported_at_the_first_unanswered_question(fresh_quiz: Page) -> None:
    error = package_error([("age", "40")])
    answer(fresh_quiz, {"age": 40})
    submit(fresh_quiz)
    question = fresh_quiz.locator(f"[data-question={error.field}]")
    expect(question.locator(".runtime__error")).to_have_text(error.message)
    expect(question).to_have_attribute("aria-invalid", "true")
    expect(question.locator("input").first).to_be_focused()


def test_none_ticked_beside_an_allocation_gets_the_packages_message(fresh_quiz: Page) -> None:
    pairs = [("age", "40"), ("job_seeker", "false"), ("benefits", "rsa"), ("benefits", "none"),
             ("disabled_worker", "false")]
    error = package_error(pairs)
    assert error.field == "benefits"
    answer(fresh_quiz, {"age": 40, "job_seeker": False, "disabled_worker": False})
    fresh_quiz.locator("input[name=benefits][value=rsa]").check()
    fresh_quiz.locator(f"input[name=benefits][value={NONE_OF_THESE.code}]").check()
    submit(fresh_quiz)
    expect(fresh_quiz.locator("#selfcheck-benefits-error")).to_have_text(error.message)
    expect(fresh_quiz.locator("input[name=benefits][value=rsa]")).to_be_focused()


def test_conditional_questions_appear_and_disappear_as_python_says(fresh_quiz: Page) -> None:
    def expect_shown(answers: dict[str, Any]) -> None:
        shown = set(applicable_questions(answers))
        for question in QUESTIONS:
            wrapper = fresh_quiz.locator(f"[data-question={question.id}]")
            if question.id in shown:
                expect(wrapper).to_be_visible()
            else:
                expect(wrapper).to_be_hidden()

    expect_shown({})
    fresh_quiz.locator("input[name=age]").fill("22")
    expect_shown({"age": 22})
    fresh_quiz.locator("input[name=age]").fill("45")
    expect_shown({"age": 45})
    fresh_quiz.locator("input[name=job_seeker][value=true]").check()
    expect_shown({"age": 45, "job_seeker": True})
    fresh_quiz.locator("input[name=job_seeker][value=false]").check()
    expect_shown({"age": 45, "job_seeker": False})


# --- the commune: whom to call first ------------------------------------------------------


@pytest.mark.parametrize(
    ("commune", "first"),
    [("Névian", "grand-narbonne"), ("Lézignan-Corbières", "departement-aude"), ("Carcassonne", "carcassonne-agglo"),
     ("brenac", "departement-aude")],
)
def test_with_a_commune_the_result_puts_its_service_first_as_python_says(
    fresh_quiz: Page, commune: str, first: str
) -> None:
    answers = {**CRITERION_PATHS["disabled_worker"], "commune": commune}
    verdict = evaluate(api_answers(answers))
    assert verdict.contacts[0] == first and verdict.your_contact is not None
    answer(fresh_quiz, answers)
    submit(fresh_quiz)
    expect_result_equals_evaluate(fresh_quiz, answers)  # the cards' order, the mark, the sentence


def test_without_a_commune_the_three_services_come_as_printed_and_none_is_marked(fresh_quiz: Page) -> None:
    answer(fresh_quiz, {**CRITERION_PATHS["disabled_worker"], "commune": "Névian"})
    submit(fresh_quiz)
    expect(fresh_quiz.locator("#selfcheck-result .contact-card").first).to_have_attribute("data-contact",
                                                                                          "grand-narbonne")
    fresh_quiz.locator("#selfcheck-commune").fill("")  # the visitor takes the commune back
    submit(fresh_quiz)
    answers = CRITERION_PATHS["disabled_worker"]
    assert evaluate(api_answers(answers)).contacts == CONTACT_IDS
    expect_result_equals_evaluate(fresh_quiz, answers)


def test_the_suggestions_are_what_find_communes_gives(fresh_quiz: Page) -> None:
    field = fresh_quiz.locator("#selfcheck-commune")
    for typed in ("lez", "st hil", "11200", "ROQUETAILLADE"):
        field.fill(typed)
        options = fresh_quiz.locator("#selfcheck-commune-listbox [role=option]")
        expect(options).to_have_text([c.label for c in find_communes(typed)])
        expect(field).to_have_attribute("aria-expanded", "true")
    field.press("Escape")
    expect(fresh_quiz.locator("#selfcheck-commune-listbox")).to_be_hidden()
    expect(field).to_have_attribute("aria-expanded", "false")


def test_a_commune_picked_from_the_suggestions_is_the_answer(fresh_quiz: Page) -> None:
    answers = dict(CRITERION_PATHS["minimum_social"])
    answer(fresh_quiz, answers)
    field = fresh_quiz.locator("#selfcheck-commune")
    field.fill("nevi")
    expect(fresh_quiz.locator("#selfcheck-commune-listbox [role=option]")).to_have_text(["Névian (11200)"])
    field.press("ArrowDown")
    expect(field).to_have_attribute("aria-activedescendant", "selfcheck-commune-listbox-0")
    field.press("Enter")  # picks the option: does not submit
    expect(field).to_have_value("Névian")
    expect(fresh_quiz.locator("#selfcheck-result")).to_be_hidden()
    field.press("Enter")  # now it submits
    expect_result_equals_evaluate(fresh_quiz, {**answers, "commune": "Névian"})


@pytest.mark.parametrize("typed", ["Paris", "saint"])
def test_a_commune_the_rules_cannot_read_gets_their_message_at_the_field(fresh_quiz: Page, typed: str) -> None:
    answers = {**CRITERION_PATHS["minimum_social"], "commune": typed}
    error = expected_error(answers)
    assert error.field == "commune"
    answer(fresh_quiz, answers)
    submit(fresh_quiz)
    expect_error_at(fresh_quiz.locator("#selfcheck-commune"), fresh_quiz.locator("#selfcheck-commune-error"),
                    error.message)
    expect(fresh_quiz.locator("#selfcheck-result")).to_be_hidden()


# --- reloading, keyboard --------------------------------------------------------------


def test_answers_survive_a_reload_and_recommencer_clears_them(page: Page) -> None:
    answers = {"age": 22, "diploma": "none", "job_seeker": True, "months_registered": 7, "benefits": ["ass"],
               "disabled_worker": False, "commune": "Névian"}
    open_selfcheck(page)
    answer(page, answers)
    page.reload()
    expect(page.locator("[data-selfcheck]")).to_have_attribute("data-selfcheck", "ready", timeout=READY_TIMEOUT_MS)
    expect(page.locator("input[name=age]")).to_have_value("22")
    expect(page.locator("input[name=diploma][value=none]")).to_be_checked()
    expect(page.locator("input[name=job_seeker][value=true]")).to_be_checked()
    expect(page.locator("input[name=months_registered]")).to_have_value("7")
    expect(page.locator("input[name=benefits][value=ass]")).to_be_checked()
    expect(page.locator("input[name=disabled_worker][value=false]")).to_be_checked()
    expect(page.locator("input[name=commune]")).to_have_value("Névian")
    expect(page.locator("[data-question=diploma]")).to_be_visible()
    expect(page.locator("[data-question=months_registered]")).to_be_visible()
    submit(page)
    expect_result_equals_evaluate(page, answers)

    restart(page)
    expect(page.locator("input[name=age]")).to_have_value("")
    expect(page.locator("input[name=commune]")).to_have_value("")
    expect(page.locator("input:checked")).to_have_count(0)
    expect(page.locator("[data-question=diploma]")).to_be_hidden()
    expect(page.locator("input[name=age]")).to_be_focused()
    assert page.evaluate("() => sessionStorage.length") == 0
    page.reload()
    expect(page.get_by_role("status")).not_to_be_empty()  # the script has run (and restored nothing)
    expect(page.locator("input[name=age]")).to_have_value("")
    expect(page.locator("input:checked")).to_have_count(0)


def test_keyboard_only_visitor_completes_the_quiz_with_tab_space_and_enter(page: Page) -> None:
    answers = {"age": 40, "job_seeker": True, "months_registered": 14, "benefits": [], "disabled_worker": True}
    open_selfcheck(page)
    age = page.locator("input[name=age]")
    for _ in range(80):  # from the top of the page, through the header and the menu
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement?.name") == "age":
            break
    expect(age).to_be_focused()
    page.keyboard.type("40")

    def tab_to(selector: str) -> None:
        page.keyboard.press("Tab")
        expect(page.locator(selector)).to_be_focused()

    tab_to("input[name=job_seeker][value=true]")  # a radio group is one Tab stop: its first choice
    page.keyboard.press("Space")
    expect(page.locator("[data-question=months_registered]")).to_be_visible()
    tab_to("input[name=months_registered]")
    page.keyboard.type("14")
    for code in [choice.code for choice in QUESTIONS_BY_ID["benefits"].choices]:
        tab_to(f"input[name=benefits][value={code}]")
    tab_to(f"input[name=benefits][value={NONE_OF_THESE.code}]")
    page.keyboard.press("Space")
    tab_to("input[name=disabled_worker][value=true]")
    page.keyboard.press("Space")
    tab_to("#selfcheck-commune")
    page.keyboard.type("gruis")
    expect(page.locator("#selfcheck-commune-listbox [role=option]")).to_have_text(["Gruissan (11430)"])
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")  # picks Gruissan
    expect(page.locator("#selfcheck-commune")).to_have_value("Gruissan")
    tab_to("form button[type=submit]")
    page.keyboard.press("Enter")
    expect_result_equals_evaluate(page, {**answers, "commune": "Gruissan"})


def test_keyboard_visitor_is_led_by_enter_from_one_missing_answer_to_the_next(quiz: Page) -> None:
    """Only Tab, Space, Enter, Backspace and digits: each Enter shows the first
    problem and puts the focus on it, until the result, which gets the focus."""
    page = quiz
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
    expect(page.locator("#selfcheck-commune")).to_be_focused()  # optional: Enter submits without it
    keyboard.press("Enter")
    expect_result_equals_evaluate(page, {**answers, "disabled_worker": True})


# --- the page's public contract ------------------------------------------------------------


def test_data_selfcheck_says_loading_ready_and_error_as_the_runtime_does(context: BrowserContext) -> None:
    wheel = HeldWheel(context)
    page = context.new_page()
    page.goto(PATH)
    root = page.locator("#selfcheck")
    expect(page.get_by_role("status")).not_to_be_empty()  # the script has run
    expect(root).to_have_attribute("data-selfcheck", "loading")
    wheel.release(page)
    expect(root).to_have_attribute("data-selfcheck", "ready", timeout=READY_TIMEOUT_MS)
    assert page.evaluate("() => performance.getEntriesByName('selfcheck-ready').length") == 1
    context.route(f"{RUNTIME_GLOB}pyodide.asm.wasm", lambda route: route.abort("blockedbyclient"))
    failed = context.new_page()
    failed.goto(PATH)
    expect(failed.locator("#selfcheck")).to_have_attribute("data-selfcheck", "error", timeout=READY_TIMEOUT_MS)
    expect(failed.locator("#selfcheck")).to_have_attribute("data-runtime", "error")
