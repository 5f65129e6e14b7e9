"""Quality gate: a strict Content-Security-Policy on every built page (issue 5, item 3).

The build (``overrides/hooks/csp.py``) writes the policy; these tests read it
back independently (``tests/quality.py``) from the built files, then let real
Chromium enforce it while every page loads, the search runs and the
self-check's runtime starts.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from _hooks import load_hook
from playwright.sync_api import Browser, Page, Route, expect

import quality
from quality import CspViolations

REQUIRED = {
    "default-src": ["'self'"],
    "style-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}
FORBIDDEN_SCRIPT_SOURCES = ("'unsafe-inline'", "'unsafe-eval'", "*", "http:", "https:", "data:", "blob:")




@pytest.fixture(scope="module")
def pages_html(site_dir: Path) -> dict[str, str]:
    """Every built HTML file's text, by path relative to the site."""
    return {name: (site_dir / name).read_text(encoding="utf-8") for name in quality.built_pages(site_dir)}


def _failures(message: str, problems: list[str]) -> str:
    return message + ":\n" + "\n".join(f"- {problem}" for problem in problems)


# --- the policy as written in the files -------------------------------------


def test_every_page_has_one_csp_meta_first_in_head(pages_html: dict[str, str]) -> None:
    problems = []
    for name, html in pages_html.items():
        reading = quality.read_html(html)
        if len(reading.csp) != 1:
            problems.append(f"{name}: {len(reading.csp)} CSP meta tags")
            continue
        before = reading.head_order[: reading.head_order.index("csp")] if "csp" in reading.head_order else None
        if before is None:
            problems.append(f"{name}: the CSP meta is not in <head>")
        elif any(tag != "meta-charset" for tag in before):
            problems.append(f"{name}: the CSP meta comes after {before}")
    assert not problems, _failures("CSP meta tag missing, doubled or late", problems)


def test_no_page_lets_inline_or_eval_scripts_run(pages_html: dict[str, str]) -> None:
    problems = []
    for name, html in pages_html.items():
        policy = quality.csp_of(html)
        script_src = policy.get("script-src")
        if script_src is None or "'self'" not in script_src:
            problems.append(f"{name}: no script-src 'self' (got {script_src})")
            continue
        problems += [f"{name}: script-src allows {source}" for source in FORBIDDEN_SCRIPT_SOURCES if source in script_src]
        problems += [
            f"{name}: {directive} is {policy.get(directive)}, expected {sources}"
            for directive, sources in REQUIRED.items()
            if policy.get(directive) != sources
        ]
    assert not problems, _failures("unsafe script-src or missing directive", problems)


def test_wasm_compilation_is_allowed_on_the_self_check_page_only(pages_html: dict[str, str]) -> None:
    self_check = [name for name, html in pages_html.items() if quality.is_self_check(html)]
    assert self_check == quality.PYODIDE_PAGES, f"pages with a [data-selfcheck] element: {self_check}"
    problems = [
        f"{name}: 'wasm-unsafe-eval' {'missing' if quality.is_self_check(html) else 'present'}"
        for name, html in pages_html.items()
        if ("'wasm-unsafe-eval'" in quality.csp_of(html).get("script-src", [])) != quality.is_self_check(html)
    ]
    assert not problems, _failures("'wasm-unsafe-eval' where Pyodide does not run, or missing where it does", problems)


def test_every_inline_script_is_allowed_by_its_hash(pages_html: dict[str, str]) -> None:
    assert any(quality.inline_scripts(html) for html in pages_html.values()), "no inline script found: parser broken?"
    problems = [
        f"{name}: {script!r}" for name, html in pages_html.items() for script in quality.uncovered_inline_scripts(html)
    ]
    assert not problems, _failures("inline scripts without a hash in script-src", problems)


def test_gate_detects_an_inline_script_added_after_the_hashes(pages_html: dict[str, str]) -> None:
    html = pages_html["index.html"]
    assert quality.uncovered_inline_scripts(html) == []
    tampered = html.replace("</body>", "<script>fetch('https://cdn.example.org/track')</script></body>")
    assert quality.uncovered_inline_scripts(tampered) == ["fetch('https://cdn.example.org/track')"]


def test_hook_hashes_scripts_but_not_data_blocks() -> None:
    hook = load_hook("csp")
    page = (
        '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>t</title>'
        "<script>var a = 1;\r\n</script>"
        '<script type="module">import "./x.js";</script>'
        '<script type="application/ld+json">{"@context": "https://schema.org"}</script>'
        '<script src="x.js"></script></head><body><p data-selfcheck="loading">q</p></body></html>'
    )
    built = hook.with_csp_meta(page, "test")
    assert built.startswith('<!doctype html><html lang="fr"><head><meta charset="utf-8">\n    <meta http-equiv')
    assert quality.uncovered_inline_scripts(built) == []
    script_src = quality.csp_of(built)["script-src"]
    assert len([s for s in script_src if s.startswith("'sha256-")]) == 2  # not the JSON-LD block
    assert "'wasm-unsafe-eval'" in script_src


def test_hook_does_not_take_the_word_selfcheck_in_text_for_the_marker() -> None:
    hook = load_hook("csp")
    page = "<html><head></head><body><code>&lt;div data-selfcheck&gt;</code> data-selfcheck</body></html>"
    assert "'wasm-unsafe-eval'" not in hook.page_policy(page)


def test_hook_refuses_a_page_that_brings_its_own_policy() -> None:
    from mkdocs.exceptions import PluginError

    hook = load_hook("csp")
    page = '<html><head><meta http-equiv="content-security-policy" content="default-src *"></head></html>'
    with pytest.raises(PluginError, match="already has a Content-Security-Policy"):
        hook.with_csp_meta(page, "docs/x.md")


def test_headers_file_sends_each_page_its_meta_policy_plus_frame_ancestors(
    site_dir: Path, pages_html: dict[str, str]
) -> None:
    rules = quality.parse_headers_file((site_dir / "_headers").read_text(encoding="utf-8"))
    base = quality.site_base(site_dir)
    problems = []
    for name, html in pages_html.items():
        meta = quality.read_html(html).csp[0]
        path = base + name
        sent = [value for header, value in quality.headers_for(rules, path) if header == "Content-Security-Policy"]
        if sent != [f"{meta}; frame-ancestors 'none'"]:
            problems.append(f"{path}: header policies {sent} do not match the meta policy")
        if name.endswith("index.html"):
            pretty = path.removesuffix("index.html")
            if quality.headers_for(rules, pretty) != quality.headers_for(rules, path):
                problems.append(f"{pretty}: not the same headers as {path}")
    assert not problems, _failures("_headers out of step with the pages", problems)


# --- the policy as Chromium enforces it ---------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("name", quality.expected_pages())
def test_page_loads_without_any_csp_violation(page: Page, site_url: str, name: str) -> None:
    violations = CspViolations(page)
    state = quality.load_and_settle(page, quality.url_of(site_url, name))
    assert not violations.messages, violations.report(name)
    assert state in (None, "ready"), f"{name}: the self-check runtime did not start under the CSP"


@pytest.mark.browser
def test_search_works_under_the_csp(page: Page, site_url: str, site_dir: Path) -> None:
    word = quality.searchable_word(site_dir)
    violations = CspViolations(page)
    page.goto(site_url + "/", wait_until="networkidle")
    page.get_by_role("textbox", name="Rechercher").click()
    page.keyboard.type(word)
    expect(page.locator(".md-search-result__list > li").first).to_be_visible(timeout=15_000)
    assert not violations.messages, violations.report(f"search for {word!r}")


@pytest.mark.browser
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
    server, url = quality.serve_with_headers(site_dir)
    yield url
    server.shutdown()


@pytest.mark.browser
def test_generated_headers_keep_every_page_and_the_self_check_working(
    browser: Browser, browser_context_args: dict, headers_site_url: str
) -> None:
    context = browser.new_context(**browser_context_args)
    try:
        for name in quality.expected_pages():
            page = context.new_page()
            violations = CspViolations(page)
            response = page.request.get(quality.url_of(headers_site_url, name))
            assert "frame-ancestors 'none'" in response.headers.get("content-security-policy", ""), name
            state = quality.load_and_settle(page, quality.url_of(headers_site_url, name))
            assert not violations.messages, violations.report(f"{name} (with the _headers policy)")
            assert state in (None, "ready"), f"{name}: the self-check runtime did not start under the headers"
            page.close()
    finally:
        context.close()
