"""Driving the self-check like a visitor, and checking the screen against the package.

Every verdict shown is compared with ``eligibility.evaluate()`` for the same
answers, and every error message with the one the package raises: the page
must show what the tested Python rules say, nothing retyped in JavaScript.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Locator, Page

from eligibility import QUESTIONS, InvalidAnswer, evaluate, from_form
from eligibility.questions import NONE_OF_THESE
from eligibility.territory import find_communes
from sitebuild.runtime_pages import RUNTIME_PAGES

from .browser import READY_TIMEOUT_MS
from .expect import expect

PAGE = next(page for page in RUNTIME_PAGES if page.name == "selfcheck")
PATH = PAGE.path
MENU_LINK = f'.md-nav a[href$="{PATH}"]'

# One path through the quiz per criterion (values away from the thresholds, so
# a change of reading shows up in the rules' own tests, not here).
CRITERION_PATHS: dict[str, dict[str, Any]] = {
    "minimum_social": {"age": 40, "job_seeker": False, "benefits": ["rsa"], "disabled_worker": False},
    "senior_job_seeker": {"age": 55, "job_seeker": True, "months_registered": 3, "benefits": [],
                          "disabled_worker": False},
    "long_term_job_seeker": {"age": 35, "job_seeker": True, "months_registered": 14, "benefits": [],
                             "disabled_worker": False},
    "disabled_worker": {"age": 40, "job_seeker": False, "benefits": [], "disabled_worker": True},
    "young_low_qualified": {"age": 22, "diploma": "cap_bep", "job_seeker": False, "benefits": [],
                            "disabled_worker": False},
}
MATCHING_NOTHING = {"age": 30, "diploma": None, "job_seeker": False, "benefits": [], "disabled_worker": False}
MATCHING_SEVERAL = {"age": 58, "job_seeker": True, "months_registered": 30, "benefits": ["aah", "rsa"],
                    "disabled_worker": True, "commune": "Lézignan-Corbières"}
CONTACT_IDS = ("carcassonne-agglo", "departement-aude", "grand-narbonne")
"""The cards' order as data/contacts.yml lists them (what the result shows without a commune)."""


def open_selfcheck(page: Page) -> None:
    page.goto(PATH)
    expect(page.locator("[data-selfcheck]")).to_have_attribute("data-selfcheck", "ready", timeout=READY_TIMEOUT_MS)


def answer(page: Page, answers: dict[str, Any]) -> None:
    """Fill the form through its controls, in quiz order, as a visitor would.

    A conditional question must have appeared (Python said it applies) before
    it can be answered: Playwright's fill/check wait for it to be visible.
    """
    for question in QUESTIONS:
        value = answers.get(question.id)
        if value is None:
            continue
        if question.kind == "integer":
            page.locator(f"input[name={question.id}]").fill(str(value))
        elif question.kind == "yes_no":
            page.locator(f"input[name={question.id}][value={'true' if value else 'false'}]").check()
        elif question.kind == "single":
            page.locator(f"input[name={question.id}][value={value}]").check()
        elif question.kind == "commune":
            type_commune(page, value)
        else:
            for code in value or [NONE_OF_THESE.code]:
                page.locator(f"input[name={question.id}][value={code}]").check()


def type_commune(page: Page, text: str) -> None:
    """Type in the commune field and wait for the suggestions Python gives (or its
    "none" message); then close them with Escape, keeping the text, as a visitor
    who typed the whole name would."""
    field = page.locator("#selfcheck-commune")
    field.fill(text)
    if find_communes(text):
        expect(page.locator("#selfcheck-commune-listbox")).to_be_visible()
        field.press("Escape")
        expect(page.locator("#selfcheck-commune-listbox")).to_be_hidden()
    elif text.strip():
        count = page.locator("[data-question=commune] [data-commune-count]")
        expect(count).to_have_text(page.locator("[data-question=commune] [data-commune-combobox]")
                                   .get_attribute("data-msg-none") or "")
    expect(field).to_have_value(text)


def api_answers(answers: dict[str, Any]) -> dict[str, Any]:
    """The same answers as evaluate() takes them (unanswered ones left out)."""
    return {key: value for key, value in answers.items() if value is not None}


def submit(page: Page) -> None:
    page.locator("#selfcheck-form button[type=submit]").click()


def restart(page: Page) -> None:
    page.get_by_role("button", name="Recommencer").click()
    expect(page.locator("#selfcheck-result")).to_be_hidden()


def expect_result_equals_evaluate(page: Page, answers: dict[str, Any]) -> None:
    """The shown result is evaluate()'s verdict: same verdict, criteria, order and texts."""
    verdict = evaluate(api_answers(answers))
    result = page.locator("#selfcheck-result")
    expect(result).to_be_visible()
    expect(result).to_have_attribute("data-verdict", "eligible" if verdict.eligible else "not-eligible")
    expect(page.locator("#selfcheck-result-title")).to_be_focused()
    matched = result.locator("[data-criterion]")
    expect(matched).to_have_count(len(verdict.matched))
    assert [item.get_attribute("data-criterion") for item in matched.all()] == list(verdict.matched)
    for item, reason in zip(matched.all(), verdict.reasons, strict=True):
        expect(item.locator('[data-slot="label"]')).to_have_text(reason.label)
        expect(item.locator('[data-slot="text"]')).to_have_text(reason.text)
        expect(item.locator('[data-slot="proof"]')).to_have_text(reason.proof)
    expect(result.locator('[data-result="headline"]')).to_have_text(verdict.headline)
    expect(result.locator('[data-result="message"]')).to_have_text(verdict.message)
    expect(result.locator('[data-result="steps"] > li')).to_have_text(list(verdict.next_steps))
    expect_contacts_in_verdict_order(page, verdict.contacts, verdict.your_contact)


def expect_contacts_in_verdict_order(page: Page, order: tuple[str, ...], yours: Any) -> None:
    """The result's cards in the order Python gave; the first marked "Votre contact"
    with Python's sentence when a commune was given, none marked otherwise."""
    result = page.locator("#selfcheck-result")
    cards = result.locator(".contact-card")
    expect(cards).to_have_count(len(order))
    assert [card.get_attribute("data-contact") for card in cards.all()] == list(order)
    note = result.locator('[data-result="contact-note"]')
    marks = result.locator(".contact-card__yours")
    if yours is None:
        assert tuple(order) == CONTACT_IDS
        expect(note).to_be_hidden()
        for mark in marks.all():
            expect(mark).to_be_hidden()
        return
    expect(note).to_be_visible()
    expect(note).to_have_text(yours.note)
    expect(cards.first.locator(".contact-card__yours")).to_be_visible()
    expect(cards.first.locator(".contact-card__yours")).to_have_text("Votre contact")
    expect(result.locator(".contact-card__yours:visible")).to_have_count(1)


def expected_error(answers: dict[str, Any]) -> InvalidAnswer:
    """The error evaluate() raises for these answers."""
    with pytest.raises(InvalidAnswer) as caught:
        evaluate(api_answers(answers))
    return caught.value


def package_error(pairs: list[tuple[str, str]]) -> InvalidAnswer:
    """The error the package raises for these form entries."""
    with pytest.raises(InvalidAnswer) as caught:
        evaluate(from_form([list(pair) for pair in pairs]))
    return caught.value


def expect_screen_says_what_evaluate_says(page: Page, answers: dict[str, Any]) -> None:
    """Answer from a fresh start and submit: the screen shows evaluate()'s verdict,
    or the package's message at the field it names."""
    restart(page)
    answer(page, answers)
    submit(page)
    try:
        evaluate(api_answers(answers))
    except InvalidAnswer as error:
        expect(page.locator(f"#selfcheck-{error.field}-error")).to_have_text(error.message)
    else:
        expect_result_equals_evaluate(page, answers)


def expect_contacts_shown(scope: Page | Locator) -> None:
    """The three contacts of data/contacts.yml, as cards with a phone link each."""
    cards = scope.locator(".contact-card")
    expect(cards).to_have_count(3)
    for card in cards.all():
        expect(card.locator('a[href^="tel:"]')).to_be_visible()
