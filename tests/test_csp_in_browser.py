"""The Content-Security-Policy as Chromium enforces it: search runs under it,
the pages and their runtime work with the generated ``_headers`` served too,
and the gate does see an inline script that lacks its hash. No violation while
each page loads: test_content_pages.py for the content pages,
test_runtime_lifecycle.py for the runtime pages. The policies as written:
test_build_csp.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from support.browser import CspViolations, load_and_settle
from support.site import RUNTIME_HTML, searchable_word, serve_with_headers, url_of

pytestmark = pytest.mark.browser


# --- the policy as Chromium enforces it ---------------------------------------


def test_search_works_under_the_csp(page: Page, site_url: str, site_dir: Path) -> None:
    word = searchable_word(site_dir)
    violations = CspViolations(page)
    page.goto(site_url + "/", wait_until="networkidle")
    page.get_by_role("textbox", name="Rechercher").click()
    page.keyboard.type(word)
    expect(page.locator(".md-search-result__list > li").first).to_be_visible(timeout=15_000)
    assert not violations.messages, violations.report(f"search for {word!r}")


def test_chromium_gate_reports_an_unhashed_inline_script(page: Page, site_url: str) -> None:
    def add_inline_script(route: Route) -> None:
        response = route.fetch()
        body = response.text().replace("</body>", "<script>document.title = 'injecté'</script></body>")
        route.fulfill(response=response, body=body)

    page.route(site_url + "/", add_inline_script)
    violations = CspViolations(page)
    page.goto(site_url + "/", wait_until="load")
    assert page.title() != "injecté"
    assert any("inline script" in message for message in violations.messages), violations.messages


@pytest.fixture(scope="module")
def headers_site_url(site_dir: Path) -> Iterator[str]:
    """The site served with its generated ``_headers`` (header and meta policies both enforced)."""
    server, url = serve_with_headers(site_dir)
    yield url
    server.shutdown()


HEADER_PAGES = ["index.html", "memo/contacts/index.html", "accessibilite/index.html", *RUNTIME_HTML]
"""With the headers: a page of each kind (plain, with JSON-LD and the commune
search, with the legal footer) and every runtime page, whose worker gets its
policy from the header alone. That every page's header policy is its meta
policy is checked on the files, for all of them (test_build_csp.py)."""


@pytest.mark.parametrize("name", HEADER_PAGES)
def test_generated_headers_keep_the_pages_and_their_runtime_working(
    browser: Browser, browser_context_args: dict, headers_site_url: str, name: str
) -> None:
    context = browser.new_context(**browser_context_args)
    try:
        page = context.new_page()
        violations = CspViolations(page)
        response = page.request.get(url_of(headers_site_url, name))
        assert "frame-ancestors 'none'" in response.headers.get("content-security-policy", ""), name
        state = load_and_settle(page, url_of(headers_site_url, name))
        assert not violations.messages, violations.report(f"{name} (with the _headers policy)")
        assert state == ("ready" if name in RUNTIME_HTML else None), f"{name}: the runtime did not start"
    finally:
        context.close()
