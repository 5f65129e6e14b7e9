"""The content pages in real Chromium (the runtime pages are gated in each of
their states by test_runtime_lifecycle.py). For every one of them:

- loading it requests nothing outside the site's origin, and Chromium reports
  no Content-Security-Policy violation;
- axe-core finds no WCAG 2.0/2.1 A or AA violation, in the light and in the
  dark colour scheme (switched with Material's own toggle, as a visitor does);
- it reflows without sideways scrolling at 320 CSS px (WCAG 1.4.10) and at
  200 % zoom (a 1280 px window at 200 % lays out like a 640 CSS px viewport).

And, read as visitors do: without JavaScript, with a keyboard, on paper, and
without a request leaving the site while searching.

Speed: each page is loaded once for all of its gates (module scope), which
put it back as they found it (light scheme, desktop width).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from sitebuild.runtime_pages import COMPONENT
from support.browser import (
    CspViolations,
    RequestRecorder,
    axe_report,
    dark_scheme_of,
    horizontal_overflow,
    run_axe,
    use_scheme,
)
from support.site import content_pages, url_of

pytestmark = pytest.mark.browser

PAGES = content_pages()

VIEWPORTS = {
    "320px": {"width": 320, "height": 640},
    "zoom-200%": {"width": 640, "height": 360},
}
DESKTOP = {"width": 1280, "height": 720}


def open_context(browser: Browser, browser_context_args: dict, **settings: object) -> BrowserContext:
    return browser.new_context(**{**browser_context_args, **settings})


@dataclass
class Loaded:
    """A content page as loaded, and what loading it did."""

    page: Page
    requests: list[str]
    foreign: list[str]
    csp: list[str]


Load = Callable[[str], Loaded]


@pytest.fixture(scope="module")
def loaded(browser: Browser, browser_context_args: dict, site_url: str) -> Iterator[Load]:
    """Each content page, loaded once (on first use) in one light-scheme context."""
    context = open_context(browser, browser_context_args, color_scheme="light", viewport=DESKTOP)
    pages: dict[str, Loaded] = {}

    def load(name: str) -> Loaded:
        if name not in pages:
            page = context.new_page()
            csp, recorder = CspViolations(page), RequestRecorder(page)
            page.goto(url_of(site_url, name), wait_until="networkidle")
            pages[name] = Loaded(page, list(recorder.requests), recorder.foreign(site_url), list(csp.messages))
        # Chromium barely runs animation frames in a tab that is not in front:
        # a scheme switch then took 8 s to settle instead of 0.3 s.
        pages[name].page.bring_to_front()
        return pages[name]

    yield load
    context.close()


@pytest.mark.parametrize("name", PAGES)
def test_page_loads_from_the_site_alone_within_its_policy_and_nothing_of_the_runtime(loaded: Load, name: str) -> None:
    page = loaded(name)
    assert page.requests, "no request recorded: the recorder is not listening"
    assert not page.foreign, f"{name} requested other origins: {page.foreign}"
    assert not page.csp, f"{name}: Chromium reported CSP violations: {page.csp}"
    runtime = [url for url in page.requests if "/pyodide/" in url or f"/{COMPONENT}/" in url]
    assert runtime == [], f"{name} does not run the rules but fetched {runtime}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_wcag_a_or_aa_violation(loaded: Load, name: str, scheme: str) -> None:
    page = loaded(name).page
    use_scheme(page, scheme)
    try:
        violations = run_axe(page)
    finally:
        use_scheme(page, "light")
    assert not violations, axe_report(violations, f"{name} ({scheme})")


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("name", PAGES)
def test_page_does_not_scroll_sideways(loaded: Load, name: str, viewport: str) -> None:
    page = loaded(name).page
    page.set_viewport_size(VIEWPORTS[viewport])
    try:
        overflow = horizontal_overflow(page)
    finally:
        page.set_viewport_size(DESKTOP)
    assert overflow <= 0, f"{name} scrolls {overflow} px sideways at {VIEWPORTS[viewport]}"


def test_a_dark_preference_gives_the_dark_palette(browser: Browser, browser_context_args: dict, site_url: str,
                                                   site_dir: Path) -> None:
    """The palette follows the visitor's system setting (``prefers-color-scheme``)."""
    expected = dark_scheme_of((site_dir / "index.html").read_text(encoding="utf-8"))
    assert expected
    context = open_context(browser, browser_context_args, color_scheme="dark")
    try:
        page = context.new_page()
        page.goto(site_url + "/")
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", expected)
    finally:
        context.close()


@pytest.fixture
def fresh_page(browser: Browser, browser_context_args: dict, request: pytest.FixtureRequest) -> Iterator[Page]:
    settings = {"viewport": VIEWPORTS[request.param]} if request.param in VIEWPORTS else {"color_scheme": "light"}
    context = open_context(browser, browser_context_args, **settings)
    yield context.new_page()
    context.close()


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


def test_search_makes_no_request_to_another_host(context: BrowserContext, site_url: str) -> None:
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    page.goto(site_url + "/memo/contacts/", wait_until="networkidle")
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
