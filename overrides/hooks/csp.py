"""Write a strict Content-Security-Policy into every built HTML page.

Why a ``<meta http-equiv>`` and not only a header: static hosts differ, and
the policy must travel with the files. The meta tag is written as early as
possible in ``<head>`` (right after ``<meta charset>``), before any script,
because a meta policy only governs what comes after it.

The policy (see :func:`page_policy`):

- ``default-src 'self'``: nothing is fetched from another origin (no CDN,
  fonts or analytics), so visitors' answers and visits stay with the site.
- ``script-src 'self'`` plus the sha256 hash of every inline script of that
  page, computed from the page's final HTML (Material emits a few). Never
  ``'unsafe-inline'`` nor ``'unsafe-eval'``.
- ``'wasm-unsafe-eval'`` only on the self-check page, where Pyodide compiles
  WebAssembly. **Marker (contract with the self-check):** a page is the
  self-check page when its final HTML has an element carrying a
  ``data-selfcheck`` attribute (the quiz wrapper). Text that merely mentions
  the word does not count. The buyers' hours estimator (issue 7) runs the
  same worker and carries the same marker on its wrapper.

  Worth knowing: a worker started from a URL does not inherit the page's
  policy (CSP 3); it only gets one from its own response's header. So with the
  meta tag alone the module worker runs unconstrained, and the page's
  ``'wasm-unsafe-eval'`` only matters if WebAssembly is ever compiled on the
  main thread. With headers (``_headers`` below), the worker's files get a
  policy of their own, which must and does allow ``'wasm-unsafe-eval'``:
  without it Chromium refuses Pyodide's ``WebAssembly.instantiateStreaming``
  (checked by tests/test_quality_csp.py).
- ``worker-src 'self'``: Material's search worker and the self-check's module
  worker are same-origin files (no ``blob:`` worker: checked in Chromium).
- ``style-src 'self'``: Material's HTML has no ``style=`` attribute and no
  ``<style>`` element; its scripts change styles through the CSSOM, which CSP
  does not govern. ``img-src 'self' data:``: Material's stylesheet draws its
  icons with ``data:`` SVG masks.
- ``connect-src 'self'``, ``object-src 'none'``, ``base-uri 'self'``,
  ``form-action 'self'``.

Inline scripts that are data blocks (``type="application/json"``,
``application/ld+json``…) are not executed, so CSP does not apply to them and
they get no hash. Executable types (classic, ``module``, ``importmap``,
``speculationrules``) do.

``frame-ancestors`` cannot be delivered by a meta tag (browsers ignore it and
warn), so it only appears in the header form. After the build, the hook
writes ``_headers`` at the site root (the Netlify / Cloudflare Pages format)
with, for each page's URL, the same policy plus ``frame-ancestors 'none'``;
the README's "Security headers" section explains how to use it elsewhere.

Handlers run with the lowest priority so the hashes are computed over the
HTML as it is finally written. ``on_post_page`` covers Markdown pages,
``on_post_template`` the theme's static templates (``404.html``).
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

SELF_CHECK_MARKER = "data-selfcheck"
HEADERS_FILE = "_headers"

# Script types the browser executes, hence subject to script-src. Anything
# else (JSON, JSON-LD, templates) is an inert data block.
JAVASCRIPT_MIME_TYPES = frozenset(
    {
        "",
        "module",
        "importmap",
        "speculationrules",
        "text/javascript",
        "application/javascript",
        "application/ecmascript",
        "application/x-ecmascript",
        "application/x-javascript",
        "text/ecmascript",
        "text/jscript",
        "text/livescript",
        "text/x-ecmascript",
        "text/x-javascript",
        "text/javascript1.0",
        "text/javascript1.1",
        "text/javascript1.2",
        "text/javascript1.3",
        "text/javascript1.4",
        "text/javascript1.5",
    }
)

# Directives that only work in a header (a meta policy ignores them).
HEADER_ONLY_DIRECTIVES: tuple[tuple[str, tuple[str, ...]], ...] = (("frame-ancestors", ("'none'",)),)

# Same-origin resources that may become worker scripts (Material's search
# worker, the self-check worker, Pyodide's files). A worker started from a URL
# is governed by its own response's header, not by the page's meta tag.
WORKER_PATHS = ("/assets/*", "/pyodide/*")


@dataclass
class PageScan:
    """What the CSP needs to know about one HTML document."""

    inline_scripts: list[str] = field(default_factory=list)  # executable ones only, raw text
    is_self_check: bool = False
    csp_metas: int = 0


class _Scanner(HTMLParser):
    """Collects inline scripts, the self-check marker and existing CSP metas.

    ``html.parser`` hands a script's content over untouched (no character
    reference decoding inside ``<script>``), which is what the browser hashes.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scan = PageScan()
        self._script: list[str] | None = None
        self._script_executable = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {name for name, _ in attrs}
        if SELF_CHECK_MARKER in names:
            self.scan.is_self_check = True
        values = {name: (value or "") for name, value in attrs}
        if tag == "meta" and values.get("http-equiv", "").strip().lower() == "content-security-policy":
            self.scan.csp_metas += 1
        if tag == "script" and "src" not in names:
            self._script = []
            self._script_executable = script_is_executable(values.get("type", ""))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self._end_script()

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._end_script()

    def _end_script(self) -> None:
        if self._script is not None and self._script_executable:
            self.scan.inline_scripts.append("".join(self._script))
        self._script = None


def script_is_executable(type_attribute: str) -> bool:
    """True when a ``<script type=…>`` runs (and so needs a CSP source)."""
    essence = type_attribute.split(";", 1)[0].strip().lower()
    return essence in JAVASCRIPT_MIME_TYPES


def scan_html(html: str) -> PageScan:
    """Parse one document and report what its policy must allow."""
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    return scanner.scan


def script_hash(text: str) -> str:
    """The CSP source for an inline script, e.g. ``'sha256-…'``.

    Browsers hash the script text after the HTML parser normalised newlines
    (CRLF and CR become LF), encoded as UTF-8.
    """
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    digest = hashlib.sha256(normalised.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def page_directives(scan: PageScan) -> list[tuple[str, tuple[str, ...]]]:
    """The directives for one page, in a stable order."""
    hashes = tuple(dict.fromkeys(script_hash(text) for text in scan.inline_scripts))
    wasm = ("'wasm-unsafe-eval'",) if scan.is_self_check else ()
    return [
        ("default-src", ("'self'",)),
        ("script-src", ("'self'", *hashes, *wasm)),
        ("style-src", ("'self'",)),
        ("img-src", ("'self'", "data:")),
        ("font-src", ("'self'",)),
        ("connect-src", ("'self'",)),
        ("worker-src", ("'self'",)),
        ("object-src", ("'none'",)),
        ("base-uri", ("'self'",)),
        ("form-action", ("'self'",)),
    ]


def serialise(directives: list[tuple[str, tuple[str, ...]]]) -> str:
    return "; ".join(" ".join((name, *sources)) for name, sources in directives)


def page_policy(html: str) -> str:
    """The policy for a meta tag in this HTML document."""
    return serialise(page_directives(scan_html(html)))


def header_policy(html: str) -> str:
    """The same policy for an HTTP header, with the header-only directives."""
    return serialise([*page_directives(scan_html(html)), *HEADER_ONLY_DIRECTIVES])


def worker_header_policy() -> str:
    """Policy sent with files that may run as workers (see WORKER_PATHS).

    Pyodide compiles WebAssembly inside the self-check worker, so the worker
    needs ``'wasm-unsafe-eval'``; everything else stays same-origin.
    """
    return serialise(
        [
            ("default-src", ("'self'",)),
            ("script-src", ("'self'", "'wasm-unsafe-eval'")),
            ("connect-src", ("'self'",)),
            ("object-src", ("'none'",)),
            ("base-uri", ("'self'",)),
            *HEADER_ONLY_DIRECTIVES,
        ]
    )


_HEAD = re.compile(r"<head(?:\s[^>]*)?>", re.IGNORECASE)
_CHARSET = re.compile(r"\s*<meta\s+charset\s*=\s*[\"']?[\w-]+[\"']?\s*/?>", re.IGNORECASE)


def with_csp_meta(html: str, where: str) -> str:
    """Return ``html`` with its CSP meta tag, first thing in ``<head>``
    (after ``<meta charset>``, which must stay in the first 1024 bytes).

    Raises PluginError if the page has no ``<head>`` or already carries a
    policy: this hook owns the policy, two would be enforced together.
    """
    scan = scan_html(html)
    if scan.csp_metas:
        raise PluginError(f"{where}: already has a Content-Security-Policy meta tag; overrides/hooks/csp.py writes it")
    head = _HEAD.search(html)
    if head is None:
        raise PluginError(f"{where}: no <head> to hold the Content-Security-Policy")
    position = head.end()
    charset = _CHARSET.match(html, position)
    if charset is not None:
        position = charset.end()
    policy = serialise(page_directives(scan))
    meta = f'\n    <meta http-equiv="Content-Security-Policy" content="{policy}">'
    return html[:position] + meta + html[position:]


def site_path(config: MkDocsConfig) -> str:
    """The site's path on its host (``/`` or e.g. ``/clause-sociale/`` from site_url)."""
    inner = urlsplit(config.site_url or "").path.strip("/")
    return f"/{inner}/" if inner else "/"


def header_paths(url: str, base: str = "/") -> list[str]:
    """The request paths a static host may serve a page's file under."""
    path = base.rstrip("/") + "/" + url.lstrip("/")
    if path.endswith("/"):
        return [path, path + "index.html"]
    return [path]


# Page URL -> header policy, filled during the build, written at its end.
_headers: dict[str, str] = {}


def on_pre_build(config: MkDocsConfig) -> None:
    _headers.clear()


@event_priority(-100)
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    result = with_csp_meta(output, f"docs/{page.file.src_uri}")
    _headers[page.url] = header_policy(result)
    return result


@event_priority(-100)
def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    if not template_name.endswith(".html"):
        return output_content
    result = with_csp_meta(output_content, template_name)
    _headers[template_name] = header_policy(result)
    return result


def headers_file(pages: dict[str, str], base: str = "/") -> str:
    """The ``_headers`` text (Netlify / Cloudflare Pages format)."""
    lines = [
        "# Generated by overrides/hooks/csp.py at build time: do not edit.",
        "# The same policies as the pages' <meta http-equiv> tags, plus frame-ancestors",
        "# (header only). One rule per page path: hosts merge matching rules, and two",
        "# policies for one response would both be enforced.",
    ]
    for url in sorted(pages):
        for path in header_paths(url, base):
            lines += [path, f"  Content-Security-Policy: {pages[url]}"]
    for path in WORKER_PATHS:
        lines += [base.rstrip("/") + path, f"  Content-Security-Policy: {worker_header_policy()}"]
    lines += [
        base + "*",
        "  X-Content-Type-Options: nosniff",
        "  Referrer-Policy: no-referrer",
    ]
    return "\n".join(lines) + "\n"


def on_post_build(config: MkDocsConfig) -> None:
    Path(config.site_dir, HEADERS_FILE).write_text(headers_file(_headers, site_path(config)), encoding="utf-8")
