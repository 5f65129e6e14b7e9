"""The content pages in real Chromium: without JavaScript, with a keyboard, on
paper, and without a request leaving the site while searching.

Axe, reflow at 320 px / 200 % zoom and per-page privacy are gated for every
built page in test_quality_pages.py."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

pytestmark = pytest.mark.browser

CONTENT_PAGES = (
    "",
    "memo/clause-sociale/",
    "memo/publics/",
    "memo/interet/",
    "memo/guichet-unique/",
    "memo/contacts/",
    "memo/aller-plus-loin/",
    "memo/imprimer/",
)


@pytest.fixture
def no_js_page(browser: Browser, base_url: str) -> Iterator[Page]:
    context = browser.new_context(java_script_enabled=False, base_url=base_url, locale="fr-FR")
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("path", CONTENT_PAGES)
def test_content_page_reads_without_javascript(no_js_page: Page, path: str) -> None:
    no_js_page.goto(path)
    expect(no_js_page.locator("html")).to_have_class(re.compile(r"\bno-js\b"))  # proof no script ran
    expect(no_js_page.locator("article h1")).to_be_visible()
    expect(no_js_page.locator("article p").first).to_be_visible()
    expect(no_js_page.get_by_role("navigation").first).to_be_attached()


def test_contact_cards_are_usable_without_javascript(no_js_page: Page) -> None:
    no_js_page.goto("memo/contacts/")
    cards = no_js_page.locator("article .contact-card")
    expect(cards).to_have_count(3)
    for card in cards.all():
        expect(card.locator('a[href^="tel:+33"]')).to_be_visible()
        expect(card.locator('a[href^="mailto:"]')).to_be_visible()


def test_keyboard_reaches_the_skip_link_then_each_phone_link(page: Page) -> None:
    page.goto("memo/contacts/")
    page.keyboard.press("Tab")
    expect(page.locator(".md-skip")).to_be_focused()
    reached = set()
    for _ in range(60):
        page.keyboard.press("Tab")
        href = page.evaluate("() => document.activeElement.getAttribute('href')")
        if href and href.startswith("tel:"):
            reached.add(href)
        if len(reached) == 3:
            break
    assert len(reached) == 3


def test_pages_and_search_make_no_request_to_another_host(context: BrowserContext, site_url: str) -> None:
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    for path in CONTENT_PAGES:
        page.goto(f"{site_url}/{path}")
        page.wait_for_load_state("networkidle")
    # Search loads its worker, the index and the French stemmer on first use.
    page.get_by_role("textbox", name=re.compile("Rechercher", re.I)).first.click()
    page.keyboard.type("insertion")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    assert any("/search/search_index.json" in url for url in requested)
    foreign = [url for url in requested if not url.startswith((site_url + "/", "data:", "blob:"))]
    assert foreign == []


def test_print_shows_the_memo_without_site_chrome_and_with_outbound_addresses(page: Page) -> None:
    page.goto("memo/imprimer/")
    page.emulate_media(media="print")
    expect(page.locator(".md-header")).to_be_hidden()
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()
    expect(page.locator(".md-footer")).to_be_hidden()
    expect(page.locator(".memo-flyer__print-hint")).to_be_hidden()
    expect(page.locator("article .contact-card")).to_have_count(3)
    expect(page.locator("article .contact-card").first).to_be_visible()
    after = page.locator("article a.external-link").first.evaluate(
        "a => getComputedStyle(a, '::after').content"
    )
    assert "http://aude.fr" in after
