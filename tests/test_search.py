"""Search in Chromium, loaded on demand (sitebuild/search_on_demand.py): no page
fetches Material's index, worker or stemmer until the visitor goes to the search
box, whichever way they get there, and search then works, on the runtime pages
too while their runtime still loads."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect

from support.browser import READY_TIMEOUT_MS, HeldRequest, HeldWheel, RequestRecorder
from support.runtime_pages import RuntimeDriver, drivers

pytestmark = pytest.mark.browser

SEARCH_FILES = {
    "index": re.compile(r"/search/search_index\.json$"),
    "Material's worker": re.compile(r"/assets/javascripts/workers/search\.[0-9a-f]+\.min\.js$"),
    "French stemmer": re.compile(r"/assets/javascripts/lunr/min/lunr\.fr\.min\.js$"),
}
CONTENT_PAGES = ["", "memo/contacts/", "404.html"]


def search_requests(requests: list[str]) -> list[str]:
    return [name for name, pattern in SEARCH_FILES.items() if any(pattern.search(url) for url in requests)]


def type_and_see_results(page: Page, text: str) -> None:
    page.keyboard.type(text)
    expect(page.locator(".md-search-result__item").first).to_be_visible()


def search_box(page: Page) -> Locator:
    return page.get_by_role("textbox", name=re.compile("Rechercher", re.I)).first


@pytest.mark.parametrize("path", CONTENT_PAGES, ids=lambda path: path or "accueil")
def test_a_content_page_loads_search_only_when_the_visitor_goes_to_the_search_box(
    context: BrowserContext, base_url: str, path: str
) -> None:
    requests = RequestRecorder(context).requests
    page = context.new_page()
    page.goto(base_url + path, wait_until="networkidle")
    assert search_requests(requests) == []
    search_box(page).click()
    type_and_see_results(page, "insertion")
    assert search_requests(requests) == list(SEARCH_FILES)


@pytest.mark.parametrize("driver", drivers(), ids=lambda driver: driver.name)
def test_a_ready_runtime_page_has_not_loaded_search_until_the_visitor_goes_to_it(
    context: BrowserContext, base_url: str, driver: RuntimeDriver
) -> None:
    requests = RequestRecorder(context).requests
    page = context.new_page()
    page.goto(base_url + driver.page.path)
    expect(page.locator(driver.root)).to_have_attribute("data-runtime", "ready", timeout=READY_TIMEOUT_MS)
    assert search_requests(requests) == [], "Material asks for its index as soon as its script runs"
    search_box(page).click()
    type_and_see_results(page, "insertion")
    assert search_requests(requests) == list(SEARCH_FILES)


@pytest.mark.parametrize("driver", drivers(), ids=lambda driver: driver.name)
def test_going_to_the_search_box_starts_search_while_the_runtime_loads(
    context: BrowserContext, base_url: str, driver: RuntimeDriver
) -> None:
    HeldWheel(context)  # never released: the runtime stays loading
    page = context.new_page()
    page.goto(base_url + driver.page.path)
    search_box(page).click()
    type_and_see_results(page, "insertion")
    expect(page.locator(driver.root)).to_have_attribute("data-runtime", "loading")


@pytest.mark.parametrize("key", ["/", "s", "f"])
def test_materials_search_keys_load_search(context: BrowserContext, base_url: str, key: str) -> None:
    requests = RequestRecorder(context).requests
    page = context.new_page()
    page.goto(base_url + "memo/contacts/", wait_until="networkidle")
    assert search_requests(requests) == []
    page.keyboard.press(key)
    expect(search_box(page)).to_be_focused()
    type_and_see_results(page, "insertion")
    assert search_requests(requests) == list(SEARCH_FILES)


def test_tab_to_the_search_box_loads_search(context: BrowserContext, base_url: str) -> None:
    requests = RequestRecorder(context).requests
    page = context.new_page()
    page.goto(base_url + "memo/contacts/", wait_until="networkidle")
    assert search_requests(requests) == []
    for _ in range(15):
        page.keyboard.press("Tab")
        if search_box(page).evaluate("box => box === document.activeElement"):
            break
    expect(search_box(page)).to_be_focused()
    type_and_see_results(page, "insertion")
    assert search_requests(requests) == list(SEARCH_FILES)


def test_the_search_box_cannot_be_reached_before_the_script_that_holds_the_index_runs(
    context: BrowserContext, base_url: str
) -> None:
    # The script listens for the box's focus from the end of the page: the box,
    # above it, must stay out of reach until then (Material's .no-js rules).
    script = HeldRequest(context, "**/assets/javascripts/search-on-demand.js", "search-on-demand.js")
    page = context.new_page()
    page.goto(base_url + "memo/contacts/", wait_until="commit")
    expect(page.get_by_role("heading", level=1)).to_be_visible()  # the page is on screen, its end not parsed
    box = page.locator('[data-md-component="search-query"]')
    expect(box).to_be_hidden()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(box).not_to_be_focused()
    script.release(page)
    search_box(page).click()
    type_and_see_results(page, "insertion")


def test_the_search_icon_on_a_phone_loads_search(browser: Browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 640}, base_url=base_url)
    try:
        requests = RequestRecorder(context).requests
        page = context.new_page()
        page.goto("memo/contacts/", wait_until="networkidle")
        assert search_requests(requests) == []
        page.locator("label.md-header__button[for=__search]").click()
        expect(search_box(page)).to_be_focused()
        type_and_see_results(page, "insertion")
        assert search_requests(requests) == list(SEARCH_FILES)
    finally:
        context.close()
