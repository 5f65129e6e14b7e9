"""The content pages in real Chromium (the runtime pages are gated in each of
their states by test_runtime_lifecycle.py). For every one of them:

- axe-core finds no WCAG 2.0/2.1 A or AA violation, in the light and in the
  dark colour scheme;
- loading it requests nothing outside the site's origin;
- it reflows without sideways scrolling at 320 CSS px (WCAG 1.4.10) and at
  200 % zoom (a 1280 px window at 200 % lays out like a 640 CSS px viewport;
  the device scale factor of 2 renders it as the zoomed screen would).

And, read as visitors do: without JavaScript, with a keyboard, on paper, and
without a request leaving the site while searching.

One browser per session (pytest-playwright's), one context per setting per
module, a fresh page per test.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from support.browser import RequestRecorder, axe_report, dark_scheme_of, horizontal_overflow, run_axe
from support.site import content_pages, url_of

pytestmark = pytest.mark.browser

PAGES = content_pages()

VIEWPORTS = {
    "320px": {"viewport": {"width": 320, "height": 640}},
    "zoom-200%": {"viewport": {"width": 640, "height": 360}, "device_scale_factor": 2},
}


def open_context(browser: Browser, browser_context_args: dict, **settings: object) -> BrowserContext:
    return browser.new_context(**{**browser_context_args, **settings})


@pytest.fixture(scope="module")
def contexts(browser: Browser, browser_context_args: dict) -> Iterator[dict[str, BrowserContext]]:
    """One context per setting, shared by the module's tests (fresh page each)."""
    made = {
        "light": open_context(browser, browser_context_args, color_scheme="light"),
        "dark": open_context(browser, browser_context_args, color_scheme="dark"),
        **{name: open_context(browser, browser_context_args, **settings) for name, settings in VIEWPORTS.items()},
    }
    yield made
    for context in made.values():
        context.close()


@pytest.fixture
def content_page(site_dir: Path, name: str) -> str:
    """The page's built HTML."""
    return (site_dir / name).read_text(encoding="utf-8")


@pytest.fixture
def fresh_page(contexts: dict[str, BrowserContext], request: pytest.FixtureRequest) -> Iterator[Page]:
    page = contexts[request.param].new_page()
    yield page
    page.close()


@pytest.mark.parametrize("fresh_page", ["light", "dark"], indirect=True)
@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_wcag_a_or_aa_violation(
    fresh_page: Page, content_page: str, site_url: str, name: str, request: pytest.FixtureRequest
) -> None:
    scheme = request.node.callspec.params["fresh_page"]
    fresh_page.goto(url_of(site_url, name), wait_until="load")
    if scheme == "dark" and (expected := dark_scheme_of(content_page)):
        applied = fresh_page.locator("body").get_attribute("data-md-color-scheme")
        assert applied == expected, f"dark preference did not switch the palette ({applied})"
    violations = run_axe(fresh_page)
    assert not violations, axe_report(violations, f"{name} ({scheme})")


@pytest.mark.parametrize("fresh_page", ["light"], indirect=True)
@pytest.mark.parametrize("name", PAGES)
def test_page_requests_nothing_outside_the_site(fresh_page: Page, content_page: str, site_url: str, name: str) -> None:
    recorder = RequestRecorder(fresh_page)
    fresh_page.goto(url_of(site_url, name), wait_until="networkidle")
    assert recorder.requests, "no request recorded: the recorder is not listening"
    assert not recorder.foreign(site_url), f"{name} requested other origins: {recorder.foreign(site_url)}"


@pytest.mark.parametrize("fresh_page", list(VIEWPORTS), indirect=True)
@pytest.mark.parametrize("name", PAGES)
def test_page_does_not_scroll_sideways(fresh_page: Page, content_page: str, site_url: str, name: str) -> None:
    fresh_page.goto(url_of(site_url, name), wait_until="load")
    overflow = horizontal_overflow(fresh_page)
    assert overflow <= 0, f"{name} scrolls {overflow} px sideways at {fresh_page.viewport_size}"


# --- the gates can fail ------------------------------------------------------


@pytest.mark.parametrize("fresh_page", ["light"], indirect=True)
def test_axe_gate_reports_an_unlabelled_input(fresh_page: Page, site_url: str) -> None:
    fresh_page.goto(site_url + "/", wait_until="load")
    fresh_page.evaluate(
        "() => document.querySelector('article').append(Object.assign(document.createElement('input'), {type: 'text'}))"
    )
    violations = run_axe(fresh_page)
    assert "label" in {violation["id"] for violation in violations}
    assert "label" in axe_report(violations, "index.html")


def test_request_gate_reports_a_third_party_request(
    browser: Browser, browser_context_args: dict, site_url: str
) -> None:
    # CSP bypassed so the stray request leaves the page: this checks the recorder, not the policy.
    context = open_context(browser, browser_context_args, bypass_csp=True)
    try:
        page = context.new_page()
        recorder = RequestRecorder(page)
        page.route("https://cdn.example.org/**", lambda route: route.fulfill(status=204))
        page.goto(site_url + "/", wait_until="load")
        page.evaluate("() => fetch('https://cdn.example.org/font.woff2', {mode: 'no-cors'}).catch(() => null)")
        assert recorder.foreign(site_url) == ["https://cdn.example.org/font.woff2"]
    finally:
        context.close()


@pytest.mark.parametrize("fresh_page", ["320px"], indirect=True)
def test_reflow_gate_reports_a_too_wide_element(fresh_page: Page, site_url: str) -> None:
    fresh_page.goto(site_url + "/", wait_until="load")
    fresh_page.evaluate(
        "() => { const wide = document.createElement('pre'); wide.textContent = 'x'.repeat(400);"
        " wide.style.whiteSpace = 'pre'; wide.style.overflow = 'visible'; wide.style.width = 'max-content';"
        " document.body.append(wide); }"
    )
    assert horizontal_overflow(fresh_page) > 0


# --- read as visitors do ------------------------------------------------------------------



@pytest.fixture
def no_js_page(browser: Browser, base_url: str) -> Iterator[Page]:
    context = browser.new_context(java_script_enabled=False, base_url=base_url, locale="fr-FR")
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("name", [page for page in PAGES if page != "404.html"])  # 404: a heading only
def test_content_page_reads_without_javascript(no_js_page: Page, site_url: str, name: str) -> None:
    no_js_page.goto(url_of(site_url, name))
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
    for name in PAGES:
        page.goto(url_of(site_url, name))
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
