"""Search in Chromium on the runtime pages, where Material's search worker
waits for the runtime (sitebuild/search_after_runtime.py): it starts once the
runtime is ready, and at once when the visitor goes to the search box."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from support.browser import READY_TIMEOUT_MS, HeldWheel
from support.runtime_pages import RuntimeDriver, drivers

pytestmark = pytest.mark.browser

MATERIAL_WORKER = re.compile(r"/assets/javascripts/workers/search\.[0-9a-f]+\.min\.js$")


def search_for(page: Page, text: str) -> None:
    page.get_by_role("textbox", name=re.compile("Rechercher", re.I)).first.click()
    page.keyboard.type(text)
    expect(page.locator(".md-search-result__item").first).to_be_visible()


@pytest.mark.parametrize("driver", drivers(), ids=lambda driver: driver.name)
def test_materials_search_worker_starts_after_the_runtime_is_ready(
    context: BrowserContext, base_url: str, driver: RuntimeDriver
) -> None:
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    wheel = HeldWheel(context)
    page = context.new_page()
    with page.expect_request(re.compile(r".*/search/search_index\.json$")):
        page.goto(base_url + driver.page.path)  # Material creates its search worker before it fetches the index
    wheel.release(page)  # until now the runtime could not be ready
    released_at = len(requests)
    expect(page.locator(driver.root)).to_have_attribute("data-runtime", "ready", timeout=READY_TIMEOUT_MS)
    search_for(page, "insertion")
    material = [i for i, url in enumerate(requests) if MATERIAL_WORKER.search(url)]
    assert material, "Material's search worker never loaded"
    assert material[0] >= released_at, "it loaded while the runtime was still loading"


@pytest.mark.parametrize("driver", drivers(), ids=lambda driver: driver.name)
def test_going_to_the_search_box_starts_search_while_the_runtime_loads(
    context: BrowserContext, base_url: str, driver: RuntimeDriver
) -> None:
    HeldWheel(context)  # never released: the runtime stays loading
    page = context.new_page()
    page.goto(base_url + driver.page.path)
    search_for(page, "insertion")
    expect(page.locator(driver.root)).to_have_attribute("data-runtime", "loading")
