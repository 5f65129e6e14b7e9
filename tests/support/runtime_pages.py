"""One driver per runtime page, so that each runtime behaviour is tested once,
on every page of ``sitebuild.runtime_pages.RUNTIME_PAGES``.

A driver says what is particular to its page: how a visitor brings it to each
of its states, what one known request looks like on screen, which facts its
fallback shows as text, what it prints. The lifecycle tests
(tests/test_runtime_lifecycle.py) do the rest the same way everywhere. A new
runtime page fails :func:`drivers` until it has a driver here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from types import ModuleType

from playwright.sync_api import Page

from eligibility import CRITERIA, InvalidAnswer, evaluate
from eligibility.hours import FORMULA, HOURS_FIELDS, estimate_from_form
from eligibility.obligation import FIELDS as CHECK_FIELDS
from eligibility.obligation import check_from_form, summary
from eligibility.parameters import EXAMPLE_AMOUNT_HT
from sitebuild.runtime_pages import RUNTIME_PAGES, RuntimePage

from . import estimator, obligation, selfcheck
from .expect import expect


@dataclass(frozen=True)
class RuntimeDriver:
    """What the lifecycle tests need to know about one runtime page."""

    page: RuntimePage
    submit_label: str
    fallback_facts: tuple[str, ...]
    """Texts the fallback shows as they are (the criteria, the formula)."""
    fallback_facts_selector: str
    """Where in the fallback each fact stands as a whole element's text."""
    reset: Callable[[Page], None]
    """Empty the form the way a visitor would (or leave it as it is if entries simply overwrite)."""
    fill_known: Callable[[Page], None]
    """Enter one known request (after ``reset``), without submitting."""
    expect_known_result: Callable[[Page], None]
    """The screen shows what the package says for the known request."""
    expect_first_paint: Callable[[Page], None]
    """The form as built, before any answer: what a visitor can use at once."""
    use: Callable[[Page], None]
    """Send a few requests (a result, an error) and check each screen against the package."""
    states: dict[str, Callable[[Page], None]] = field(default_factory=dict)
    """Bring a ready page to each of its states, checking it got there."""
    field_error: str = ""
    """The state (a key of ``states``) where the package's message stands at one field."""
    printed: tuple[str, ...] = ()
    """What must be visible in print once the known result is on screen (the form never is)."""
    expect_without_javascript: Callable[[Page], None] = lambda page: None

    @property
    def name(self) -> str:
        return self.page.name

    @property
    def root(self) -> str:
        return f"#{self.page.name}"

    def __str__(self) -> str:
        return self.page.name


# --- the self-check -------------------------------------------------------------

ELIGIBLE = {"age": 22, "diploma": "none", "job_seeker": True, "months_registered": 14,
            "benefits": ["rsa", "aah"], "disabled_worker": True, "commune": "Névian"}
NOT_ELIGIBLE = {"age": 30, "job_seeker": False, "benefits": [], "disabled_worker": False}
ERROR_AT_NUMBER = {**selfcheck.MATCHING_SEVERAL, "age": 12}  # every question shown, and an error
ERROR_AT_CHOICES = {"age": 40, "benefits": [], "disabled_worker": False}  # "Êtes-vous inscrit…" unanswered
ERROR_AT_COMMUNE = {**NOT_ELIGIBLE, "commune": "Paris"}  # outside the Aude


def _selfcheck_state(answers: dict | None) -> Callable[[Page], None]:
    def reach(page: Page) -> None:
        selfcheck.restart(page)
        if answers is None:
            expect(page.locator("#selfcheck input:checked")).to_have_count(0)
            return
        selfcheck.answer(page, answers)
        selfcheck.submit(page)
        try:
            verdict = evaluate(selfcheck.api_answers(answers))
        except InvalidAnswer as error:
            expect(page.locator(f"#selfcheck-{error.field}-error")).to_have_text(error.message)
            expect(page.locator(f"[data-question={error.field}] input").first).to_be_focused()
        else:
            assert verdict.eligible == (answers is ELIGIBLE)
            selfcheck.expect_result_equals_evaluate(page, answers)

    return reach


def _selfcheck_first_paint(page: Page) -> None:
    expect(page.locator("input[name=age]")).to_be_visible()
    expect(page.locator("[data-question=diploma]")).to_be_hidden()


def _selfcheck_use(page: Page) -> None:
    """Answer several ways (eligible, not eligible, errors at a number and at choices)."""
    for answers in (
        {"age": 22, "diploma": "brevet", "job_seeker": True, "months_registered": 3, "benefits": [],
         "disabled_worker": False},
        {"age": 45, "job_seeker": False, "benefits": [], "disabled_worker": False},
        {"age": 45, "job_seeker": True, "months_registered": 700, "benefits": [], "disabled_worker": False},
        ERROR_AT_NUMBER, ELIGIBLE, NOT_ELIGIBLE, ERROR_AT_CHOICES, ERROR_AT_COMMUNE, ELIGIBLE,
    ):
        selfcheck.expect_screen_says_what_evaluate_says(page, answers)


def _selfcheck_without_javascript(page: Page) -> None:
    expect(page.locator("input[name=age]")).to_be_visible()
    expect(page.locator(".selfcheck__noscript a")).to_have_count(2)


KNOWN_ANSWERS = selfcheck.CRITERION_PATHS["disabled_worker"]

SELFCHECK = RuntimeDriver(
    page=selfcheck.PAGE,
    submit_label="Voir mon résultat",
    fallback_facts=tuple(criterion.label for criterion in CRITERIA),
    fallback_facts_selector=".criteria-list > li .criterion__label",
    reset=selfcheck.restart,
    fill_known=lambda page: selfcheck.answer(page, KNOWN_ANSWERS),
    expect_known_result=lambda page: selfcheck.expect_result_equals_evaluate(page, KNOWN_ANSWERS),
    expect_first_paint=_selfcheck_first_paint,
    use=_selfcheck_use,
    states={
        "empty": _selfcheck_state(None),
        "error at a number": _selfcheck_state(ERROR_AT_NUMBER),
        "error at choices": _selfcheck_state(ERROR_AT_CHOICES),
        "error at the commune": _selfcheck_state(ERROR_AT_COMMUNE),
        "eligible": _selfcheck_state(ELIGIBLE),
        "not eligible": _selfcheck_state(NOT_ELIGIBLE),
    },
    field_error="error at a number",
    printed=("#selfcheck-result [data-criterion]", "#selfcheck-result .contact-card"),
    expect_without_javascript=_selfcheck_without_javascript,
)


# --- the hours estimator ------------------------------------------------------------

LONG_ERROR = {**estimator.KNOWN, "amount_ht": "1 234 567 890 123 456"}  # a long message on screen
BAD_COST = {**estimator.KNOWN, "hourly_cost": "abc"}
OTHER = {"amount_ht": "1 234 567,89", "labour_share": "20", "insertion_rate": "7,5", "hourly_cost": "27,5 €"}


def _entries_state(driver: ModuleType, parse: Callable[[list[list[str]]], object], entries: dict[str, str],
                   submit: bool = True) -> Callable[[Page], None]:
    """A page of typed entries (the estimator, the buyers' check) brought to the state
    ``entries`` give: the package's answer, or its message at the field it names."""
    def reach(page: Page) -> None:
        driver.fill(page, entries)
        if not submit:
            return
        driver.submit(page)
        try:
            parse(driver.pairs(entries))
        except InvalidAnswer as error:
            expect(page.locator(f"#{driver.PAGE.name}-{error.field}-error")).to_have_text(error.message)
        else:
            driver.expect_result_equals_package(page, entries)

    return reach


def _estimator_state(entries: dict[str, str], submit: bool = True) -> Callable[[Page], None]:
    return _entries_state(estimator, estimate_from_form, entries, submit)


def _estimator_first_paint(page: Page) -> None:
    for entry in HOURS_FIELDS:
        expect(page.locator(f"#estimator-{entry.id}")).to_have_value(entry.default or "")


def _estimator_use(page: Page) -> None:
    """Estimate with the published example's amount and the page's own defaults,
    then with an unreadable amount."""
    entries = {entry.id: entry.default or "" for entry in HOURS_FIELDS}
    entries["amount_ht"] = str(EXAMPLE_AMOUNT_HT.value)
    for amount in (entries["amount_ht"], "beaucoup"):
        _estimator_state({**entries, "amount_ht": amount})(page)
    _estimator_state(estimator.KNOWN)(page)


def _estimator_without_javascript(page: Page) -> None:
    for entry in HOURS_FIELDS:
        expect(page.locator(f"#estimator-{entry.id}")).to_be_visible()
    expect(page.locator("article .estimator__formula").first).to_have_text(FORMULA)
    target = page.locator(".estimator__noscript a").get_attribute("href")
    assert target and target.startswith("#")
    expect(page.locator(f"{target} ~ .commune-search .contact-cards")).to_be_visible()
    expect(page.locator(".commune-search__field")).to_be_hidden()  # the commune search needs JavaScript


ESTIMATOR = RuntimeDriver(
    page=estimator.PAGE,
    submit_label="Calculer les heures",
    fallback_facts=(FORMULA,),
    fallback_facts_selector=".estimator__formula",
    reset=lambda page: None,
    fill_known=lambda page: estimator.fill(page, estimator.KNOWN),
    expect_known_result=lambda page: estimator.expect_result_equals_package(page, estimator.KNOWN),
    expect_first_paint=_estimator_first_paint,
    use=_estimator_use,
    states={
        "filled": _estimator_state(estimator.KNOWN, submit=False),
        "result": _estimator_state(OTHER),
        "error at a field": _estimator_state(BAD_COST),
        "long error": _estimator_state(LONG_ERROR),
    },
    field_error="error at a field",
    printed=('#estimator-result [data-result="summary"]',),
    expect_without_javascript=_estimator_without_javascript,
)


# --- the buyers' check ---------------------------------------------------------------------

BELOW = {"kind": "fournitures", "amount_ht": "215 999", "buyer": "collectivite", "launch_date": "2027-12-31"}
BEFORE_REFORM = {"kind": "travaux", "amount_ht": "9 000 000 € HT", "buyer": "etat", "launch_date": "2026-08-21"}
BAD_AMOUNT = {**obligation.KNOWN, "amount_ht": "300.000"}
OUTSIDE = {**obligation.KNOWN, "launch_date": "2028-01-01"}


def _check_state(entries: dict[str, str], submit: bool = True) -> Callable[[Page], None]:
    return _entries_state(obligation, check_from_form, entries, submit)


def _check_first_paint(page: Page) -> None:
    expect(page.locator("#obligation input:checked")).to_have_count(0)
    for entry in CHECK_FIELDS:
        if not entry.choices:
            expect(page.locator(f"#obligation-{entry.id}")).to_have_value("")


def _check_use(page: Page) -> None:
    """Required, below the threshold, before the reform, an unreadable amount, a date not held."""
    for entries in (obligation.KNOWN, BELOW, BEFORE_REFORM, BAD_AMOUNT, OUTSIDE, obligation.KNOWN):
        _check_state(entries)(page)


def _check_without_javascript(page: Page) -> None:
    for entry in CHECK_FIELDS:
        first = f"#obligation-{entry.id}-{entry.choices[0].code}" if entry.choices else f"#obligation-{entry.id}"
        expect(page.locator(first)).to_be_visible()
    for target in page.locator(".obligation__noscript a").all():
        href = target.get_attribute("href")
        assert href and href.startswith("#")
        expect(page.locator(href)).to_be_visible()
    expect(page.locator("#seuils ~ .european-thresholds")).to_be_visible()


CHECK = RuntimeDriver(
    page=obligation.PAGE,
    submit_label="Voir la réponse",
    fallback_facts=summary(),
    fallback_facts_selector=".obligation__summary > li",
    reset=lambda page: None,
    fill_known=lambda page: obligation.fill(page, obligation.KNOWN),
    expect_known_result=lambda page: obligation.expect_result_equals_package(page, obligation.KNOWN),
    expect_first_paint=_check_first_paint,
    use=_check_use,
    states={
        "filled": _check_state(obligation.KNOWN, submit=False),
        "required": _check_state(obligation.KNOWN),
        "below the threshold": _check_state(BELOW),
        "before the reform": _check_state(BEFORE_REFORM),
        "error at the amount": _check_state(BAD_AMOUNT),
        "error at the date": _check_state(OUTSIDE),
    },
    field_error="error at the amount",
    printed=('#obligation-result [data-result="headline"]', "#obligation-result .contact-card"),
    expect_without_javascript=_check_without_javascript,
)


DRIVERS = {driver.name: driver for driver in (SELFCHECK, ESTIMATOR, CHECK)}


def drivers() -> list[RuntimeDriver]:
    """A driver for every runtime page of the site, in the list's order."""
    missing = [page.name for page in RUNTIME_PAGES if page.name not in DRIVERS]
    assert not missing, f"runtime pages without a driver in tests/support/runtime_pages.py: {missing}"
    return [DRIVERS[page.name] for page in RUNTIME_PAGES]


def state_cases() -> list[tuple[RuntimeDriver, str]]:
    """Every (page, state) pair, plus each page's "runtime failed" state."""
    return [(driver, state) for driver in drivers() for state in [*driver.states, "runtime failed"]]
