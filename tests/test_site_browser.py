"""The content pages in real Chromium: without JavaScript, on a 320 px phone,
with a keyboard, in light and dark schemes (WCAG 2.1 AA by axe), on paper, and
without a single request leaving the site."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
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
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture
def no_js_page(browser: Browser, base_url: str) -> Iterator[Page]:
    context = browser.new_context(java_script_enabled=False, base_url=base_url, locale="fr-FR")
    yield context.new_page()
    context.close()


@pytest.fixture
def phone_page(browser: Browser, base_url: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 320, "height": 640}, base_url=base_url, locale="fr-FR")
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


def overflow_report(page: Page) -> dict[str, object]:
    """How far the page and the widest content element reach past the viewport."""
    return page.evaluate(
        """() => {
            const root = document.documentElement;
            let widest = {right: 0, what: ''};
            for (const el of document.querySelectorAll('article *')) {
                const box = el.getBoundingClientRect();
                if (box.width && box.right > widest.right) {
                    widest = {right: Math.ceil(box.right), what: el.tagName + '.' + el.className};
                }
            }
            return {viewport: root.clientWidth, scrollWidth: root.scrollWidth, widest};
        }"""
    )


@pytest.mark.parametrize("path", CONTENT_PAGES)
def test_page_fits_a_320px_screen_without_horizontal_scroll(phone_page: Page, path: str) -> None:
    phone_page.goto(path)
    expect(phone_page.locator("article h1")).to_be_visible()
    report = overflow_report(phone_page)
    assert report["scrollWidth"] <= report["viewport"], report
    assert report["widest"]["right"] <= report["viewport"], report


def test_page_fits_200_percent_zoom_of_a_1280px_window(browser: Browser, base_url: str) -> None:
    """200 % zoom of a 1280 px window is a 640 CSS px viewport at device scale 2."""
    context = browser.new_context(
        viewport={"width": 640, "height": 400}, device_scale_factor=2, base_url=base_url, locale="fr-FR"
    )
    page = context.new_page()
    try:
        for path in CONTENT_PAGES:
            page.goto(path)
            report = overflow_report(page)
            assert report["scrollWidth"] <= report["viewport"], (path, report)
            assert report["widest"]["right"] <= report["viewport"], (path, report)
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", CONTENT_PAGES)
def test_page_passes_axe_wcag_21_aa_in_each_colour_scheme(
    browser: Browser, base_url: str, path: str, scheme: str
) -> None:
    context = browser.new_context(color_scheme=scheme, base_url=base_url, locale="fr-FR")
    page = context.new_page()
    try:
        page.goto(path)
        expected = "slate" if scheme == "dark" else "default"
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", expected)
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
        assert results.violations_count == 0, results.generate_snapshot() + "\n" + "\n".join(
            f"{v['id']}: {n['target']} {n.get('failureSummary', '')}"
            for v in results.response["violations"]
            for n in v["nodes"]
        )
    finally:
        context.close()


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
