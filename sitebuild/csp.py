"""A strict Content-Security-Policy for every built HTML page.

Why a ``<meta http-equiv>`` and not only a header: static hosts differ, and
the policy must travel with the files. The meta tag is written as early as
possible in ``<head>`` (right after ``<meta charset>``), before any script,
because a meta policy only governs what comes after it. Hosts that can send
headers get the same policies, plus what only a header can carry, from
:mod:`sitebuild.host_headers`.

The policy (:func:`directives`):

- ``default-src 'self'``: nothing is fetched from another origin (no CDN,
  fonts or analytics), so visitors' answers and visits stay with the site.
- ``script-src 'self'`` plus the sha256 hash of every inline script of that
  page, computed from the page's final HTML (Material emits a few). Never
  ``'unsafe-inline'`` nor ``'unsafe-eval'``.
- ``'wasm-unsafe-eval'`` only on the pages that run the rules under Pyodide,
  which compiles WebAssembly. **Marker:** such a page's final HTML has an
  element carrying a :data:`RUNTIME_MARKER` attribute (the runtime form's
  wrapper, ``overrides/fragments/runtime-form.html``). Text that merely
  mentions the word does not count.

  Worth knowing: a worker started from a URL does not inherit the page's
  policy (CSP 3); it only gets one from its own response's header. So with the
  meta tag alone the module worker runs unconstrained, and the page's
  ``'wasm-unsafe-eval'`` only matters if WebAssembly is ever compiled on the
  main thread. With headers, the worker's files get a policy of their own,
  which must allow ``'wasm-unsafe-eval'``: without it Chromium refuses
  Pyodide's ``WebAssembly.instantiateStreaming``.
- ``worker-src 'self'``: Material's search worker and the rules' module
  worker are same-origin files (no ``blob:`` worker).
- ``style-src 'self'``: Material's HTML has no ``style=`` attribute and no
  ``<style>`` element; its scripts change styles through the CSSOM, which CSP
  does not govern. ``img-src 'self' data:``: Material's stylesheet draws its
  icons with ``data:`` SVG masks.
- ``connect-src 'self'``, ``object-src 'none'``, ``base-uri 'self'``,
  ``form-action 'self'``; and in a header only, ``frame-ancestors 'none'``
  (browsers ignore it in a meta tag, and warn).

Inline scripts that are data blocks (``type="application/json"``,
``application/ld+json``…) are not executed, so CSP does not apply to them and
they get no hash. Executable types (classic, ``module``, ``importmap``,
``speculationrules``) do.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from .errors import BuildError

RUNTIME_MARKER = "data-runtime"
"""The attribute of the element that makes a page a runtime page (needs ``'wasm-unsafe-eval'``)."""

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
"""Script types the browser executes, hence subject to script-src. Anything
else (JSON, JSON-LD, templates) is an inert data block."""

Directives = list[tuple[str, tuple[str, ...]]]


@dataclass
class PageScan:
    """What the policy needs to know about one HTML document."""

    inline_scripts: list[str] = field(default_factory=list)  # executable ones only, raw text
    runs_pyodide: bool = False
    csp_metas: int = 0


class _Scanner(HTMLParser):
    """Collects inline scripts, the runtime marker and existing policy metas.

    ``html.parser`` hands a script's content over untouched (no character
    reference decoding inside ``<script>``), which is what the browser hashes.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scan = PageScan()
        self._script: list[str] | None = None
        self._script_executable = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: (value or "") for name, value in attrs}
        if RUNTIME_MARKER in values:
            self.scan.runs_pyodide = True
        if tag == "meta" and values.get("http-equiv", "").strip().lower() == "content-security-policy":
            self.scan.csp_metas += 1
        if tag == "script" and "src" not in values:
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


def directives(scripts: tuple[str, ...] = (), *, wasm: bool = False, header: bool = False) -> Directives:
    """The one list of directives, in a stable order.

    ``scripts``: the CSP sources of the inline scripts allowed; ``wasm``: the
    document compiles WebAssembly (a runtime page, or a worker script);
    ``header``: the policy is sent as an HTTP header, which can also forbid
    framing.
    """
    policy: Directives = [
        ("default-src", ("'self'",)),
        ("script-src", ("'self'", *scripts, *(("'wasm-unsafe-eval'",) if wasm else ()))),
        ("style-src", ("'self'",)),
        ("img-src", ("'self'", "data:")),
        ("font-src", ("'self'",)),
        ("connect-src", ("'self'",)),
        ("worker-src", ("'self'",)),
        ("object-src", ("'none'",)),
        ("base-uri", ("'self'",)),
        ("form-action", ("'self'",)),
    ]
    if header:
        policy.append(("frame-ancestors", ("'none'",)))
    return policy


def serialise(policy: Directives) -> str:
    return "; ".join(" ".join((name, *sources)) for name, sources in policy)


def page_directives(scan: PageScan, *, header: bool = False) -> Directives:
    """The policy of one scanned page."""
    hashes = tuple(dict.fromkeys(script_hash(text) for text in scan.inline_scripts))
    return directives(hashes, wasm=scan.runs_pyodide, header=header)


def page_policy(html: str, *, header: bool = False) -> str:
    """The policy for this HTML document, as a meta tag (or a header) carries it."""
    return serialise(page_directives(scan_html(html), header=header))


WORKER_POLICY = serialise(directives(wasm=True, header=True))
"""The header policy of files that may run as workers: Pyodide compiles
WebAssembly inside the rules' worker; everything else stays same-origin."""

_HEAD = re.compile(r"<head(?:\s[^>]*)?>", re.IGNORECASE)
_CHARSET = re.compile(r"\s*<meta\s+charset\s*=\s*[\"']?[\w-]+[\"']?\s*/?>", re.IGNORECASE)


def with_csp_meta(html: str, where: str) -> str:
    """Return ``html`` with its policy meta tag, first thing in ``<head>``
    (after ``<meta charset>``, which must stay in the first 1024 bytes).

    Refuses a page without ``<head>`` or that already carries a policy: the
    build owns the policy, and two would be enforced together.
    """
    scan = scan_html(html)
    if scan.csp_metas:
        raise BuildError(f"{where}: already has a Content-Security-Policy meta tag; sitebuild/csp.py writes it")
    head = _HEAD.search(html)
    if head is None:
        raise BuildError(f"{where}: no <head> to hold the Content-Security-Policy")
    position = head.end()
    charset = _CHARSET.match(html, position)
    if charset is not None:
        position = charset.end()
    meta = f'\n    <meta http-equiv="Content-Security-Policy" content="{serialise(page_directives(scan))}">'
    return html[:position] + meta + html[position:]
