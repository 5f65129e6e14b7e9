"""The self-check page in real Chromium, against the real built site.

Every verdict shown is compared with ``eligibility.evaluate()`` for the same
answers, and every error message with the one the package raises: the page
must show what the tested Python rules say, nothing retyped in JavaScript.

Pyodide takes seconds to start, so the happy paths share one page load
(``quiz``, module scope) and start each from "Recommencer"; tests about
loading, reloading and failing get their own page.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, expect

import quality
from eligibility import CRITERIA, QUESTIONS, QUESTIONS_BY_ID, InvalidAnswer, applicable_questions, evaluate, from_form
from eligibility.questions import NONE_OF_THESE
from scripts.static_server import serve

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.browser

SELFCHECK = "auto-evaluation/"
SELFCHECK_MENU_LINK = '.md-nav a[href$="auto-evaluation/"]'
READY_TIMEOUT_MS = 60_000
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")

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
                    "disabled_worker": True}


# --- driving the page like a visitor ----------------------------------------


def open_selfcheck(page: Page) -> None:
    page.goto(SELFCHECK)
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
        else:
            for code in value or [NONE_OF_THESE.code]:
                page.locator(f"input[name={question.id}][value={code}]").check()


def api_answers(answers: dict[str, Any]) -> dict[str, Any]:
    """The same answers as evaluate() takes them (unanswered ones left out)."""
    return {key: value for key, value in answers.items() if value is not None}


def submit(page: Page) -> None:
    page.locator("form button[type=submit]").click()


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


def expect_contacts_shown(scope: Any) -> None:
    """The three contacts of data/contacts.yml, as cards with a phone link each."""
    cards = scope.locator(".contact-card")
    expect(cards).to_have_count(3)
    for card in cards.all():
        expect(card.locator('a[href^="tel:"]')).to_be_visible()


def package_error(pairs: list[tuple[str, str]]) -> InvalidAnswer:
    """The error the package raises for these form entries."""
    with pytest.raises(InvalidAnswer) as caught:
        evaluate(from_form([list(pair) for pair in pairs]))
    return caught.value


# --- one page load for the paths through the quiz ------------------------------


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
    quality.expect_error_at(age, message, error.message)
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
    expect(question.locator(".selfcheck__error")).to_have_text(error.message)
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


def test_result_can_be_printed_without_the_form(fresh_quiz: Page) -> None:
    answer(fresh_quiz, CRITERION_PATHS["disabled_worker"])
    submit(fresh_quiz)
    expect(fresh_quiz.locator("#selfcheck-result")).to_be_visible()
    fresh_quiz.emulate_media(media="print")
    try:
        expect(fresh_quiz.locator("#selfcheck-form")).to_be_hidden()
        expect(fresh_quiz.locator("#selfcheck-result [data-criterion]")).to_be_visible()
        expect(fresh_quiz.locator("#selfcheck-result .contact-card").first).to_be_visible()
        expect(fresh_quiz.get_by_role("button", name="Imprimer mon résultat")).to_be_hidden()
    finally:
        fresh_quiz.emulate_media(media="screen")


@pytest.mark.parametrize("width", [320, 640])  # a small phone; 200 % zoom of a 1280 px window
def test_quiz_and_result_fit_the_width_without_horizontal_scroll(fresh_quiz: Page, width: int) -> None:
    size = fresh_quiz.viewport_size
    fresh_quiz.set_viewport_size({"width": width, "height": 640})
    try:
        answer(fresh_quiz, MATCHING_SEVERAL)
        fresh_quiz.locator("input[name=age]").fill("12")  # an error message on screen too
        submit(fresh_quiz)
        expect(fresh_quiz.locator("#selfcheck-age-error")).to_be_visible()
        assert_no_horizontal_scroll(fresh_quiz)
        fresh_quiz.locator("input[name=age]").fill("58")
        submit(fresh_quiz)
        expect(fresh_quiz.locator("#selfcheck-result [data-criterion]").first).to_be_visible()
        assert_no_horizontal_scroll(fresh_quiz)
    finally:
        fresh_quiz.set_viewport_size(size)


def assert_no_horizontal_scroll(page: Page) -> None:
    assert quality.horizontal_overflow(page) == 0


# --- loading, reloading, keyboard -------------------------------------------


def test_the_form_is_answerable_before_the_runtime_is_ready(context: BrowserContext) -> None:
    """Hold the eligibility wheel back: the form works, submit says "Calcul en cours…", then answers."""
    wheel = quality.HeldWheel(context)
    page = context.new_page()
    page.goto(SELFCHECK)
    root = page.locator("[data-selfcheck]")
    answers = CRITERION_PATHS["disabled_worker"]
    answer(page, answers)
    submit(page)
    button = page.locator("form button[type=submit]")
    expect(button).to_have_text("Calcul en cours…")
    expect(root).to_have_attribute("data-selfcheck", "loading")
    expect(page.locator("#selfcheck-result")).to_be_hidden()
    wheel.release(page)
    expect(root).to_have_attribute("data-selfcheck", "ready", timeout=READY_TIMEOUT_MS)
    expect_result_equals_evaluate(page, answers)
    expect(button).to_have_text("Voir mon résultat")
    assert page.evaluate("() => performance.getEntriesByName('selfcheck-ready').length") == 1


def test_answers_survive_a_reload_and_recommencer_clears_them(page: Page) -> None:
    answers = {"age": 22, "diploma": "none", "job_seeker": True, "months_registered": 7, "benefits": ["ass"],
               "disabled_worker": False}
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
    expect(page.locator("[data-question=diploma]")).to_be_visible()
    expect(page.locator("[data-question=months_registered]")).to_be_visible()
    submit(page)
    expect_result_equals_evaluate(page, answers)

    restart(page)
    expect(page.locator("input[name=age]")).to_have_value("")
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
    tab_to("form button[type=submit]")
    page.keyboard.press("Enter")
    expect_result_equals_evaluate(page, answers)


# --- what is fetched, and failures ----------------------------------------------


def test_the_worker_started_from_the_head_is_the_one_that_answers(context: BrowserContext) -> None:
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    open_selfcheck(page)
    assert sum(url.endswith("/assets/selfcheck/worker.mjs") for url in requested) == 1, "one worker, not two"
    assert page.evaluate("() => 'selfcheckEarlyWorker' in window") is False, "runtime.js adopted the head's worker"
    answer(page, CRITERION_PATHS["disabled_worker"])
    submit(page)
    expect(page.locator("#selfcheck-result")).to_have_attribute("data-verdict", "eligible")


OLD_SNAPSHOT_CACHE = "clause-sociale-pyodide"


def test_the_snapshot_that_earlier_versions_stored_is_deleted(page: Page) -> None:
    page.goto(SELFCHECK)
    page.evaluate("""async (name) => {
        const cache = await caches.open(name);
        await cache.put("snapshot-314.0.7.bin", new Response(new Uint8Array(1024)));
    }""", OLD_SNAPSHOT_CACHE)
    page.reload()
    expect(page.locator("[data-selfcheck]")).to_have_attribute("data-selfcheck", "ready", timeout=READY_TIMEOUT_MS)
    for _ in range(50):  # the worker deletes it once ready, asynchronously
        if not page.evaluate("(name) => caches.has(name)", OLD_SNAPSHOT_CACHE):
            break
        page.wait_for_timeout(100)
    assert page.evaluate("(name) => caches.has(name)", OLD_SNAPSHOT_CACHE) is False


def test_pyodide_is_fetched_on_the_selfcheck_page_reached_from_the_menu_and_on_no_other(
    context: BrowserContext, site_dir: Path, site_url: str
) -> None:
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    other_pages = sorted(
        str(p.parent.relative_to(site_dir))
        for p in site_dir.rglob("index.html")
        # The estimator page (issue 7) runs the same worker: tests/test_estimator.py.
        if p.parent.name not in ("auto-evaluation", "estimer-les-heures")
    )
    assert len(other_pages) >= 8
    for path in other_pages:
        page.goto(f"{site_url}/{'' if path == '.' else path + '/'}", wait_until="networkidle")
    runtime = [url for url in requested if "/pyodide/" in url or "/assets/selfcheck/" in url]
    assert runtime == [], f"pages other than the self-check fetched {runtime}"

    requested.clear()
    page.locator(SELFCHECK_MENU_LINK).first.click()  # in-site navigation
    expect(page.locator("[data-selfcheck]")).to_have_attribute("data-selfcheck", "ready", timeout=READY_TIMEOUT_MS)
    fetched = {url.removeprefix(site_url) for url in requested}
    for name in RUNTIME_FILES:
        assert f"/pyodide/{name}" in fetched
    assert any(re.fullmatch(r"/pyodide/eligibility-[^/]+\.whl", url) for url in fetched)
    assert "/assets/selfcheck/worker.mjs" in fetched
    answer(page, CRITERION_PATHS["senior_job_seeker"])
    submit(page)
    expect(page.locator("#selfcheck-result")).to_be_visible()
    foreign = [url for url in requested if not url.startswith((site_url + "/", "data:", "blob:"))]
    assert foreign == [], "a request left the site"


def expect_failure_explained(page: Page) -> None:
    """data-selfcheck="error", a French message, the criteria and contacts as text.

    Detected failures are reported as soon as the worker sees them (no timer);
    the generous timeout only absorbs a loaded test machine.
    """
    root = page.locator("[data-selfcheck]")
    expect(root).to_have_attribute("data-selfcheck", "error", timeout=READY_TIMEOUT_MS)
    status = page.get_by_role("status")
    expect(status).to_have_text(page.locator("#selfcheck-status").get_attribute("data-msg-error"))
    fallback = page.locator("#selfcheck-fallback")
    expect(fallback).to_be_visible()
    expect(fallback.locator("[data-when=error]").first).to_be_visible()
    expect(fallback.locator("[data-when=slow]").first).to_be_hidden()
    expect(fallback.locator(".criteria-list > li")).to_have_count(len(CRITERIA))
    for criterion in CRITERIA:
        expect(fallback.locator(f".criteria-list > li#{criterion.id}")).to_contain_text(criterion.label)
    expect_contacts_shown(fallback)


def tamper(route: Route) -> None:
    """Serve the wheel with one byte changed: its sha256 no longer matches the lock file."""
    response = route.fetch()
    body = bytearray(response.body())
    body[len(body) // 2] ^= 0xFF
    route.fulfill(response=response, body=bytes(body))


@pytest.mark.parametrize(
    "breakage",
    ["blocked wasm", "missing worker", "tampered wheel"],
)
def test_runtime_failure_is_explained_with_criteria_and_contacts(context: BrowserContext, breakage: str) -> None:
    if breakage == "blocked wasm":
        context.route("**/pyodide/pyodide.asm.wasm", lambda route: route.abort("blockedbyclient"))
    elif breakage == "missing worker":
        context.route("**/assets/selfcheck/worker.mjs", lambda route: route.fulfill(status=404, body="absent"))
    else:
        context.route("**/pyodide/eligibility-*.whl", tamper)
    page = context.new_page()
    page.goto(SELFCHECK)
    expect_failure_explained(page)
    expect(page.locator("#selfcheck-form")).to_be_hidden()


def test_a_stalled_download_shows_criteria_and_contacts_until_the_runtime_is_ready(context: BrowserContext) -> None:
    """No endless spinner: the page's watchdog (10 s) shows the text fallback while
    the runtime is still loading, and the quiz takes over once it is ready."""
    held: list[Route] = []
    context.route("**/pyodide/pyodide.asm.wasm", lambda route: held.append(route))
    page = context.new_page()
    page.goto(SELFCHECK)
    root = page.locator("[data-selfcheck]")
    fallback = page.locator("#selfcheck-fallback")
    expect(fallback).to_be_visible(timeout=READY_TIMEOUT_MS)
    expect(root).to_have_attribute("data-selfcheck", "loading")
    expect(fallback.locator("[data-when=slow]").first).to_be_visible()
    expect(fallback.locator("[data-when=error]").first).to_be_hidden()
    expect(fallback.locator(".criteria-list > li")).to_have_count(len(CRITERIA))
    expect_contacts_shown(fallback)
    expect(page.locator("#selfcheck-form")).to_be_visible()
    assert held, "the wasm request was never made"
    held[0].continue_()
    expect(root).to_have_attribute("data-selfcheck", "ready", timeout=READY_TIMEOUT_MS)
    expect(fallback).to_be_hidden()


def test_browser_without_webassembly_gets_the_explanation(context: BrowserContext) -> None:
    context.add_init_script("delete globalThis.WebAssembly;")
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    page.goto(SELFCHECK)
    expect_failure_explained(page)
    assert not [url for url in requested if "/pyodide/" in url], "no runtime download without WebAssembly"


def test_without_javascript_the_form_is_there_and_a_message_explains(browser: Browser, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False, base_url=base_url, locale="fr-FR")
    try:
        page = context.new_page()
        page.goto(SELFCHECK)
        expect(page.locator("input[name=age]")).to_be_visible()
        expect(page.locator("form button[type=submit]")).to_have_text("Voir mon résultat")
        expect(page.locator(".selfcheck__noscript")).to_be_visible()
        expect(page.locator(".selfcheck__noscript a")).to_have_count(2)
    finally:
        context.close()


# --- Material's instant navigation ------------------------------------------------


@pytest.fixture(scope="module")
def instant_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site built with ``navigation.instant`` on, served where its site_url says.

    Material only intercepts links to pages of its own sitemap, i.e. under
    site_url: so the server starts first and the build gets its address. The
    build runs from a copy of the project, so mkdocs.yml stays untouched.
    """
    project = tmp_path_factory.mktemp("instant-project")
    ignore = shutil.ignore_patterns(".git", ".venv", "node_modules", "site", "build", "__pycache__", ".pytest_cache")
    shutil.copytree(ROOT, project, ignore=ignore, dirs_exist_ok=True)
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    # Share the build caches (wheel, precompressed Pyodide files) so that this
    # second build does not recompress the runtime for half a minute.
    (ROOT / "build").mkdir(exist_ok=True)
    (project / "build").symlink_to(ROOT / "build")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  features:\n" in text
    config.write_text(text.replace("  features:\n", "  features:\n    - navigation.instant\n", 1), encoding="utf-8")
    site = tmp_path_factory.mktemp("instant-site")
    server, url = serve(site)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
            cwd=project, capture_output=True, text=True, env={**os.environ, "SITE_URL": url + "/"},
        )
        if result.returncode != 0:
            pytest.fail(f"build with navigation.instant failed:\n{result.stdout}\n{result.stderr}", pytrace=False)
        yield url
    finally:
        server.shutdown()


def test_quiz_works_after_instant_navigation_there_and_back(context: BrowserContext, instant_site: str) -> None:
    page = context.new_page()
    page.goto(instant_site + "/")
    page.evaluate("() => { window.sameDocument = true; }")  # survives only if Material swaps the page in place
    page.locator(SELFCHECK_MENU_LINK).first.click()
    root = page.locator("[data-selfcheck]")
    expect(root).to_have_attribute("data-selfcheck", "ready", timeout=READY_TIMEOUT_MS)
    assert page.evaluate("() => window.sameDocument") is True, "instant navigation did not happen"
    answers = CRITERION_PATHS["young_low_qualified"]
    answer(page, answers)
    submit(page)
    expect_result_equals_evaluate(page, answers)

    page.locator('.md-nav a[href$="memo/contacts/"]').first.click()
    expect(root).to_have_count(0)
    page.locator(SELFCHECK_MENU_LINK).first.click()
    expect(root).to_have_attribute("data-selfcheck", "ready", timeout=READY_TIMEOUT_MS)
    assert page.evaluate("() => window.sameDocument") is True
    expect(page.locator("input[name=age]")).to_have_value(str(answers["age"]))  # kept in sessionStorage
    changed = {**answers, "disabled_worker": True}
    answer(page, {"disabled_worker": True})
    submit(page)
    expect_result_equals_evaluate(page, changed)


def test_quiz_and_estimator_share_one_worker_under_instant_navigation(
    context: BrowserContext, instant_site: str
) -> None:
    """The buyers' estimator page (issue 7) also carries the data-selfcheck state
    marker: the quiz's script, still subscribed after a visit to the quiz, must
    not take it for the quiz; and the worker the quiz started answers it."""
    from eligibility.hours import estimate_from_form

    entries = [["amount_ht", "1 000 000"], ["labour_share", "50"], ["insertion_rate", "5"], ["hourly_cost", "30"]]
    estimate = estimate_from_form(entries).to_dict()
    workers: list[str] = []
    errors: list[str] = []
    page = context.new_page()
    page.on("worker", lambda worker: workers.append(worker.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(instant_site + "/")
    page.evaluate("() => { window.sameDocument = true; }")
    page.locator(SELFCHECK_MENU_LINK).first.click()
    expect(page.locator("#selfcheck")).to_have_attribute("data-selfcheck", "ready", timeout=READY_TIMEOUT_MS)
    page.locator('.md-nav a[href$="estimer-les-heures/"]').first.click()
    estimator = page.locator("[data-estimator]")
    expect(estimator).to_have_attribute("data-selfcheck", "ready", timeout=READY_TIMEOUT_MS)
    assert page.evaluate("() => window.sameDocument") is True, "instant navigation did not happen"
    for name, value in entries:
        page.locator(f"#estimator-{name}").fill(value)
    page.get_by_role("button", name="Calculer les heures").click()
    result = page.locator("#estimator-result")
    expect(result).to_have_attribute("data-hours", str(estimate["hours"]))
    expect(result.locator('[data-result="summary"]')).to_have_text(estimate["summary"])
    page.locator(SELFCHECK_MENU_LINK).first.click()
    expect(page.locator("#selfcheck")).to_have_attribute("data-selfcheck", "ready", timeout=READY_TIMEOUT_MS)
    assert page.evaluate("() => window.sameDocument") is True
    assert len([url for url in workers if url.endswith("/assets/selfcheck/worker.mjs")]) == 1
    assert errors == [], "a script failed on the way"
