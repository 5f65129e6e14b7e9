"""Quality gates on the content pages in real Chromium (issue 5, items 1 and 2).

For every built page except the self-check (gated in all its states by its
own tests):

- axe-core finds no WCAG 2.0/2.1 A or AA violation, in the light and in the
  dark colour scheme;
- loading it requests nothing outside the site's origin;
- it reflows without sideways scrolling at 320 CSS px (WCAG 1.4.10) and at
  200 % zoom (a 1280 px window at 200 % lays out like a 640 CSS px viewport;
  the device scale factor of 2 renders it as the zoomed screen would).

One browser per session (pytest-playwright's), one context per setting per
module, a fresh page per test.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

import quality

pytestmark = pytest.mark.browser

PAGES = quality.expected_pages()

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
    """The page's built HTML; skips the self-check, which has its own gates."""
    html = (site_dir / name).read_text(encoding="utf-8")
    if quality.is_self_check(html):
        pytest.skip("the self-check page is gated in each of its states by its own tests")
    return html


def dark_scheme_of(html: str) -> str | None:
    """The Material colour scheme the page's palette picks for a dark preference."""
    marker = 'data-md-color-media="(prefers-color-scheme: dark)" data-md-color-scheme="'
    start = html.find(marker)
    return html[start + len(marker) : html.index('"', start + len(marker))] if start >= 0 else None


@pytest.fixture
def fresh_page(contexts: dict[str, BrowserContext], request: pytest.FixtureRequest) -> Iterator[Page]:
    page = contexts[request.param].new_page()
    yield page
    page.close()


def test_page_list_matches_the_built_site(site_dir: Path) -> None:
    """The pages parametrized at collection time are exactly the pages built."""
    assert PAGES == quality.built_pages(site_dir)


@pytest.mark.parametrize("fresh_page", ["light", "dark"], indirect=True)
@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_wcag_a_or_aa_violation(
    fresh_page: Page, content_page: str, site_url: str, name: str, request: pytest.FixtureRequest
) -> None:
    scheme = request.node.callspec.params["fresh_page"]
    fresh_page.goto(quality.url_of(site_url, name), wait_until="load")
    if scheme == "dark" and (expected := dark_scheme_of(content_page)):
        applied = fresh_page.locator("body").get_attribute("data-md-color-scheme")
        assert applied == expected, f"dark preference did not switch the palette ({applied})"
    violations = quality.run_axe(fresh_page)
    assert not violations, quality.axe_report(violations, f"{name} ({scheme})")


@pytest.mark.parametrize("fresh_page", ["light"], indirect=True)
@pytest.mark.parametrize("name", PAGES)
def test_page_requests_nothing_outside_the_site(fresh_page: Page, content_page: str, site_url: str, name: str) -> None:
    recorder = quality.RequestRecorder(fresh_page)
    fresh_page.goto(quality.url_of(site_url, name), wait_until="networkidle")
    assert recorder.requests, "no request recorded: the recorder is not listening"
    assert not recorder.foreign(site_url), f"{name} requested other origins: {recorder.foreign(site_url)}"


@pytest.mark.parametrize("fresh_page", list(VIEWPORTS), indirect=True)
@pytest.mark.parametrize("name", PAGES)
def test_page_does_not_scroll_sideways(fresh_page: Page, content_page: str, site_url: str, name: str) -> None:
    fresh_page.goto(quality.url_of(site_url, name), wait_until="load")
    overflow = quality.horizontal_overflow(fresh_page)
    assert overflow <= 0, f"{name} scrolls {overflow} px sideways at {fresh_page.viewport_size}"


# --- the gates can fail ------------------------------------------------------


@pytest.mark.parametrize("fresh_page", ["light"], indirect=True)
def test_axe_gate_reports_an_unlabelled_input(fresh_page: Page, site_url: str) -> None:
    fresh_page.goto(site_url + "/", wait_until="load")
    fresh_page.evaluate(
        "() => document.querySelector('article').append(Object.assign(document.createElement('input'), {type: 'text'}))"
    )
    violations = quality.run_axe(fresh_page)
    assert "label" in {violation["id"] for violation in violations}
    assert "label" in quality.axe_report(violations, "index.html")


def test_request_gate_reports_a_third_party_request(browser: Browser, browser_context_args: dict, site_url: str) -> None:
    # CSP bypassed so the stray request leaves the page: this checks the recorder, not the policy.
    context = open_context(browser, browser_context_args, bypass_csp=True)
    try:
        page = context.new_page()
        recorder = quality.RequestRecorder(page)
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
    assert quality.horizontal_overflow(fresh_page) > 0
