"""The runtime pages under Material's instant navigation (``navigation.instant``,
off on this site but a one-line change): Material swaps pages without
reloading modules, so the page scripts re-bind on ``document$`` and the one
worker of the document serves every runtime page it visits."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import BrowserContext, expect

from eligibility.hours import estimate_from_form
from scripts.build import build_site
from scripts.static_server import serve
from sitebuild.publisher import SITE_FILE_ENV
from sitebuild.runtime_pages import COMPONENT
from support.browser import READY_TIMEOUT_MS, CspViolations
from support.selfcheck import CRITERION_PATHS, MENU_LINK, answer, expect_result_equals_evaluate, submit
from support.site import completed_site_file, copy_project

pytestmark = pytest.mark.browser


def with_instant_navigation(project: Path) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  features:\n" in text
    config.write_text(text.replace("  features:\n", "  features:\n    - navigation.instant\n", 1), encoding="utf-8")


@pytest.fixture(scope="module")
def instant_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site built with ``navigation.instant`` on, served where its site_url says.

    Material only intercepts links to pages of its own sitemap, i.e. under
    site_url: so the server starts first and the build gets its address. The
    build runs from a copy of the project, so mkdocs.yml stays untouched.
    """
    project = copy_project(tmp_path_factory.mktemp("instant-project"), with_instant_navigation)
    site = tmp_path_factory.mktemp("instant-site")
    server, url = serve(site)
    try:
        # SITE_URL makes it a build for publication, which needs the publisher's details.
        site_file = completed_site_file(project / "sample-site.yml")
        environment = {**os.environ, "SITE_URL": url + "/", SITE_FILE_ENV: str(site_file)}
        result = build_site(site, env=environment, project=project)
        if result.returncode != 0:
            pytest.fail(f"build with navigation.instant failed:\n{result.stdout}\n{result.stderr}", pytrace=False)
        yield url
    finally:
        server.shutdown()


def test_quiz_works_after_instant_navigation_there_and_back(context: BrowserContext, instant_site: str) -> None:
    page = context.new_page()
    csp = CspViolations(page)  # Material re-runs the scripts of the page it brings in
    page.goto(instant_site + "/")
    page.evaluate("() => { window.sameDocument = true; }")  # survives only if Material swaps the page in place
    page.locator(MENU_LINK).first.click()
    root = page.locator("[data-selfcheck]")
    expect(root).to_have_attribute("data-selfcheck", "ready", timeout=READY_TIMEOUT_MS)
    assert page.evaluate("() => window.sameDocument") is True, "instant navigation did not happen"
    answers = CRITERION_PATHS["young_low_qualified"]
    answer(page, answers)
    submit(page)
    expect_result_equals_evaluate(page, answers)

    page.locator('.md-nav a[href$="memo/contacts/"]').first.click()
    expect(root).to_have_count(0)
    page.locator(MENU_LINK).first.click()
    expect(root).to_have_attribute("data-selfcheck", "ready", timeout=READY_TIMEOUT_MS)
    assert page.evaluate("() => window.sameDocument") is True
    expect(page.locator("input[name=age]")).to_have_value(str(answers["age"]))  # kept in sessionStorage
    changed = {**answers, "disabled_worker": True}
    answer(page, {"disabled_worker": True})
    submit(page)
    expect_result_equals_evaluate(page, changed)
    assert not csp.messages, csp.report("instant navigation")


def test_quiz_and_estimator_share_one_worker_under_instant_navigation(
    context: BrowserContext, instant_site: str
) -> None:
    """The quiz's script, still subscribed after a visit to the quiz, must not
    take the estimator's form for the quiz; and the worker the quiz started
    answers the estimator."""
    entries = [["amount_ht", "1 000 000"], ["labour_share", "50"], ["insertion_rate", "5"], ["hourly_cost", "30"]]
    estimate = estimate_from_form(entries).to_dict()
    workers: list[str] = []
    errors: list[str] = []
    page = context.new_page()
    page.on("worker", lambda worker: workers.append(worker.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(instant_site + "/")
    page.evaluate("() => { window.sameDocument = true; }")
    page.locator(MENU_LINK).first.click()
    expect(page.locator("#selfcheck")).to_have_attribute("data-selfcheck", "ready", timeout=READY_TIMEOUT_MS)
    page.locator('.md-nav a[href$="estimer-les-heures/"]').first.click()
    estimator = page.locator("[data-estimator]")
    expect(estimator).to_have_attribute("data-runtime", "ready", timeout=READY_TIMEOUT_MS)
    assert page.evaluate("() => window.sameDocument") is True, "instant navigation did not happen"
    for name, value in entries:
        page.locator(f"#estimator-{name}").fill(value)
    page.get_by_role("button", name="Calculer les heures").click()
    result = page.locator("#estimator-result")
    expect(result).to_have_attribute("data-hours", str(estimate["hours"]))
    expect(result.locator('[data-result="summary"]')).to_have_text(estimate["summary"])
    page.locator(MENU_LINK).first.click()
    expect(page.locator("#selfcheck")).to_have_attribute("data-selfcheck", "ready", timeout=READY_TIMEOUT_MS)
    assert page.evaluate("() => window.sameDocument") is True
    assert len([url for url in workers if urlsplit(url).path.endswith(f"/{COMPONENT}/worker.mjs")]) == 1
    assert errors == [], "a script failed on the way"
