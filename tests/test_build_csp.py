"""A strict Content-Security-Policy on every built page, and ``_headers`` for
hosts that read it.

The build (``sitebuild/csp.py``, ``sitebuild/host_headers.py``) writes the
policies; these tests read them back independently (``support.built_html``)
from the built files. Chromium enforcing them is tested in
test_csp_in_browser.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sitebuild import csp
from sitebuild.errors import BuildError
from support.built_html import csp_of, inline_scripts, read_html, runs_pyodide, uncovered_inline_scripts
from support.site import RUNTIME_HTML, built_pages, headers_for, parse_headers_file, runtime_dir, site_base

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
    return {name: (site_dir / name).read_text(encoding="utf-8") for name in built_pages(site_dir)}


def _failures(message: str, problems: list[str]) -> str:
    return message + ":\n" + "\n".join(f"- {problem}" for problem in problems)


def test_every_page_has_one_csp_meta_first_in_head(pages_html: dict[str, str]) -> None:
    problems = []
    for name, html in pages_html.items():
        reading = read_html(html)
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
        policy = csp_of(html)
        script_src = policy.get("script-src")
        if script_src is None or "'self'" not in script_src:
            problems.append(f"{name}: no script-src 'self' (got {script_src})")
            continue
        problems += [f"{name}: script-src allows {s}" for s in FORBIDDEN_SCRIPT_SOURCES if s in script_src]
        problems += [
            f"{name}: {directive} is {policy.get(directive)}, expected {sources}"
            for directive, sources in REQUIRED.items()
            if policy.get(directive) != sources
        ]
    assert not problems, _failures("unsafe script-src or missing directive", problems)


def test_wasm_compilation_is_allowed_on_the_runtime_pages_only(pages_html: dict[str, str]) -> None:
    runtime = [name for name, html in pages_html.items() if runs_pyodide(html)]
    assert runtime == RUNTIME_HTML, f"pages with a [data-runtime] element: {runtime}"
    problems = [
        f"{name}: 'wasm-unsafe-eval' {'missing' if runs_pyodide(html) else 'present'}"
        for name, html in pages_html.items()
        if ("'wasm-unsafe-eval'" in csp_of(html).get("script-src", [])) != runs_pyodide(html)
    ]
    assert not problems, _failures("'wasm-unsafe-eval' where Pyodide does not run, or missing where it does", problems)


def test_every_inline_script_is_allowed_by_its_hash(pages_html: dict[str, str]) -> None:
    assert any(inline_scripts(html) for html in pages_html.values()), "no inline script found: parser broken?"
    problems = [f"{name}: {script!r}" for name, html in pages_html.items() for script in uncovered_inline_scripts(html)]
    assert not problems, _failures("inline scripts without a hash in script-src", problems)


def test_gate_detects_an_inline_script_added_after_the_hashes(pages_html: dict[str, str]) -> None:
    html = pages_html["index.html"]
    assert uncovered_inline_scripts(html) == []
    tampered = html.replace("</body>", "<script>fetch('https://cdn.example.org/track')</script></body>")
    assert uncovered_inline_scripts(tampered) == ["fetch('https://cdn.example.org/track')"]


def test_the_build_hashes_scripts_but_not_data_blocks() -> None:
    page = (
        '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>t</title>'
        "<script>var a = 1;\r\n</script>"
        '<script type="module">import "./x.js";</script>'
        '<script type="application/ld+json">{"@context": "https://schema.org"}</script>'
        '<script src="x.js"></script></head><body><p data-runtime="loading">q</p></body></html>'
    )
    built = csp.with_csp_meta(page, "test")
    assert built.startswith('<!doctype html><html lang="fr"><head><meta charset="utf-8">\n    <meta http-equiv')
    assert uncovered_inline_scripts(built) == []
    script_src = csp_of(built)["script-src"]
    assert len([s for s in script_src if s.startswith("'sha256-")]) == 2  # not the JSON-LD block
    assert "'wasm-unsafe-eval'" in script_src


def test_the_build_does_not_take_the_word_in_text_for_the_runtime_marker() -> None:
    page = "<html><head></head><body><code>&lt;div data-runtime&gt;</code> data-runtime</body></html>"
    assert "'wasm-unsafe-eval'" not in csp.page_policy(page)


def test_the_build_refuses_a_page_that_brings_its_own_policy() -> None:
    page = '<html><head><meta http-equiv="content-security-policy" content="default-src *"></head></html>'
    with pytest.raises(BuildError, match="already has a Content-Security-Policy"):
        csp.with_csp_meta(page, "docs/x.md")


# --- _headers ---------------------------------------------------------------------


def test_headers_file_sends_each_page_its_meta_policy_plus_frame_ancestors(
    site_dir: Path, pages_html: dict[str, str]
) -> None:
    rules = parse_headers_file((site_dir / "_headers").read_text(encoding="utf-8"))
    base = site_base(site_dir)
    problems = []
    for name, html in pages_html.items():
        meta = read_html(html).csp[0]
        path = base + name
        sent = [value for header, value in headers_for(rules, path) if header == "Content-Security-Policy"]
        if sent != [f"{meta}; frame-ancestors 'none'"]:
            problems.append(f"{path}: header policies {sent} do not match the meta policy")
        if name.endswith("index.html"):
            pretty = path.removesuffix("index.html")
            if headers_for(rules, pretty) != headers_for(rules, path):
                problems.append(f"{pretty}: not the same headers as {path}")
    assert not problems, _failures("_headers out of step with the pages", problems)


def test_headers_file_lets_workers_compile_webassembly_and_browsers_keep_the_runtime(site_dir: Path) -> None:
    rules = parse_headers_file((site_dir / "_headers").read_text(encoding="utf-8"))
    for path in ("/assets/runtime/worker.mjs", "/pyodide/pyodide.asm.mjs"):
        (policy,) = [value for header, value in headers_for(rules, path) if header == "Content-Security-Policy"]
        sources = {d.split()[0]: d.split()[1:] for d in policy.split("; ")}
        assert sources["script-src"] == ["'self'", "'wasm-unsafe-eval'"], path
        assert sources["default-src"] == ["'self'"] and sources["frame-ancestors"] == ["'none'"], path
    runtime = f"/pyodide/{runtime_dir(site_dir).name}/pyodide.asm.wasm"
    assert ("Cache-Control", "public, max-age=31536000, immutable") in headers_for(rules, runtime)
    assert not [h for h in headers_for(rules, "/auto-evaluation/") if h[0] == "Cache-Control"]
    assert ("X-Content-Type-Options", "nosniff") in headers_for(rules, "/anything")
    assert ("Referrer-Policy", "no-referrer") in headers_for(rules, "/anything")
