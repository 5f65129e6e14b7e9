"""The runtime pages in Firefox and WebKit, beside Chromium: the engine of
Firefox ESR on public-sector desktops and the engine of every iOS browser.

With the same page drivers as the Chromium tests (support.runtime_pages,
support.commune_search), in each engine:

- each runtime page gets ready, answers one known request as the package
  does (a verdict and its criteria; 833 hours; "required"), and shows the
  package's message at the field a bad entry names;
- a reload keeps the entries, and the page answers them again;
- the contacts page's commune search finds a service by keyboard alone;
- nothing goes wrong meanwhile: no console or uncaught error, no CSP
  violation, no request leaving the site; and the gates that say so hear a
  console error, a CSP violation and a request leaving the site when the test
  makes one.

support.engines picks, per engine, Playwright's own build if installed, else
Debian's package, else skips with the reason; `pytest -m engines -v` shows
which engine ran each test, `-k firefox` or `-k webkit` runs one.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Playwright

from support.browser import READY_TIMEOUT_MS
from support.commune_search import CONTACTS, find_a_service_by_keyboard_alone
from support.engines import ENGINES, EngineTab, open_tab, why_not
from support.expect import expect
from support.runtime_pages import RuntimeDriver, drivers

pytestmark = [pytest.mark.browser, pytest.mark.engines]

DRIVERS = drivers()


@pytest.fixture(scope="module", params=ENGINES)
def tab(request: pytest.FixtureRequest, playwright: Playwright, site_dir: Path, site_url: str) -> Iterator[EngineTab]:
    """One tab per engine for the whole module (a browser start costs seconds)."""
    reason = why_not(playwright, request.param)
    if reason:
        pytest.skip(f"{request.param} tier skipped: {reason}")
    with open_tab(playwright, request.param, site_dir, site_url) as opened:
        print(f"\n{request.param}: {opened.driven_by}")
        yield opened


@pytest.fixture
def clean(tab: EngineTab) -> Iterator[EngineTab]:
    """The tab, with what went wrong before this test forgotten."""
    tab.clear()
    yield tab


def nothing_went_wrong(tab: EngineTab) -> None:
    problems = tab.problems()
    assert not problems, f"{tab.engine} ({tab.driven_by}):\n" + "\n".join(f"- {p}" for p in problems)


def open_ready(tab: EngineTab, driver: RuntimeDriver) -> None:
    tab.page.goto(driver.page.path)
    expect(tab.page.locator(driver.root)).to_have_attribute("data-runtime", "ready", timeout=READY_TIMEOUT_MS)


def submit(tab: EngineTab, driver: RuntimeDriver) -> None:
    tab.page.get_by_role("button", name=driver.submit_label).click()


def by_name(driver: RuntimeDriver) -> str:
    return driver.name


@pytest.mark.parametrize("driver", DRIVERS, ids=by_name)
def test_each_runtime_page_answers_the_known_request_and_a_bad_entry_at_its_field(
    clean: EngineTab, driver: RuntimeDriver
) -> None:
    open_ready(clean, driver)
    driver.reset(clean.page)
    driver.fill_known(clean.page)
    submit(clean, driver)
    driver.expect_known_result(clean.page)
    driver.states[driver.field_error](clean.page)
    nothing_went_wrong(clean)


@pytest.mark.parametrize("driver", DRIVERS, ids=by_name)
def test_a_reload_keeps_the_entries_and_the_page_answers_them_again(clean: EngineTab, driver: RuntimeDriver) -> None:
    open_ready(clean, driver)
    driver.reset(clean.page)
    driver.fill_known(clean.page)
    clean.page.reload()
    expect(clean.page.locator(driver.root)).to_have_attribute("data-runtime", "ready", timeout=READY_TIMEOUT_MS)
    submit(clean, driver)
    driver.expect_known_result(clean.page)
    nothing_went_wrong(clean)


def test_the_commune_search_finds_a_service_by_keyboard_alone(clean: EngineTab) -> None:
    find_a_service_by_keyboard_alone(clean.page)
    nothing_went_wrong(clean)


def test_the_gates_hear_an_error_a_csp_violation_and_a_request_leaving_the_site(clean: EngineTab) -> None:
    """The negative control: what the other tests assert is absent is seen when it happens."""
    clean.page.goto(CONTACTS)
    clean.clear()
    elsewhere = "`http://127.0.0.2:${location.port}/`"  # another origin, refused at once
    clean.page.evaluate(f"() => {{ console.error('contrôle'); fetch({elsewhere}).catch(() => null); }}")
    heard = wait_for_problems(clean, ("error", "csp"))
    clean.page.evaluate(f"() => {{ location.href = {elsewhere}; }}")  # a link followed: no CSP stops it
    heard += wait_for_problems(clean, ("request leaving the site",))
    assert any("contrôle" in problem for problem in heard), heard


def wait_for_problems(tab: EngineTab, kinds: tuple[str, ...], seconds: float = 10) -> list[str]:
    deadline = time.monotonic() + seconds
    while True:
        problems = tab.problems()
        if all(any(problem.startswith(kind) for problem in problems) for kind in kinds):
            return problems
        assert time.monotonic() < deadline, f"{tab.engine}: never heard {kinds}; heard {problems}"
        time.sleep(0.1)
