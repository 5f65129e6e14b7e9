"""Shared helpers for the quality gates (issue 5), imported by the test modules.

Reusable pieces, so every gate checks the same thing the same way:

- :func:`expected_pages` / :func:`built_pages`: the site's HTML pages, known at
  collection time from ``docs/`` (for ``parametrize``) and checked against the
  real build.
- :func:`is_self_check`: the marker shared with ``overrides/hooks/csp.py``
  (an element with a ``data-selfcheck`` attribute).
- :func:`inline_scripts`, :func:`csp_of`, :func:`uncovered_inline_scripts`:
  an independent reading of a built page's policy (it does not reuse the
  hook's code, so a bug there is not mirrored here).
- :func:`run_axe` / :func:`axe_report`: axe-core restricted to the WCAG 2.0 /
  2.1 A and AA rules, with a failure message listing rule ids and targets.
- :class:`CspViolations`: collects every CSP complaint Chromium makes while a
  page (and its workers) run.
- :class:`RequestRecorder`: records every request a page (or its workers)
  makes, and names those leaving the site's origin.
- :func:`horizontal_overflow`: how far a page scrolls sideways.
- :func:`load_and_settle`: load a page; on the self-check, wait for its runtime.
- :func:`searchable_word`: a word the built search index knows.
- :func:`serve_with_headers`: serves the site with the ``_headers`` file the
  build writes, as a Netlify/Cloudflare-style host would.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import http.server
import json
import re
import threading
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import BrowserContext, ConsoleMessage, Locator, Page, Request, Route, Worker, expect

from scripts.static_server import StaticHandler

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"

SELF_CHECK_MARKER = "data-selfcheck"

# The pages that run Pyodide, hence carry SELF_CHECK_MARKER: the self-check and
# the maîtres d'ouvrage's insertion-hours estimator (issue 7), sorted.
PYODIDE_PAGES = ["auto-evaluation/index.html", "maitres-ouvrage/estimer-les-heures/index.html"]

# axe-core tags for WCAG 2.0 and 2.1, levels A and AA (RGAA 4 maps onto them).
# Best practices and WCAG 2.2 rules are left out on purpose: the gate is the
# legal target, nothing stricter and nothing looser.
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": list(WCAG_TAGS)}, "resultTypes": ["violations"]}


def _is_data_block(type_attribute: str) -> bool:
    """JSON data blocks (``application/json``, ``application/ld+json``) never run,
    so CSP does not govern them. Deliberately narrower than the hook: any other
    inline script must be hashed, so an exotic type cannot slip past the gate."""
    return type_attribute.split(";")[0].strip().lower().endswith("json")


# --- the page list ----------------------------------------------------------


def page_path(markdown: Path) -> str:
    """Where MkDocs (``use_directory_urls``) writes a Markdown page, relative to the site."""
    relative = markdown.relative_to(DOCS).with_suffix("")
    if relative.name in ("index", "README"):
        parent = relative.parent.as_posix()
        return "index.html" if parent == "." else f"{parent}/index.html"
    return f"{relative.as_posix()}/index.html"


def expected_pages() -> list[str]:
    """Every HTML page the build should write, without building.

    Used at collection time to parametrize one test per page; a test checks it
    equals :func:`built_pages`, so a page can neither escape the gates nor be
    tested while missing.
    """
    pages = {page_path(markdown) for markdown in DOCS.rglob("*.md")}
    pages.add("404.html")  # Material's error page, a theme template.
    return sorted(pages)


def built_pages(site_dir: Path) -> list[str]:
    """Every HTML file of a built site, relative paths with ``/``."""
    return sorted(path.relative_to(site_dir).as_posix() for path in site_dir.rglob("*.html"))


def url_of(site_url: str, page: str) -> str:
    """The URL a visitor types for a built file (``memo/x/index.html`` -> ``…/memo/x/``)."""
    if page == "index.html":
        return site_url + "/"
    if page.endswith("/index.html"):
        return f"{site_url}/{page.removesuffix('index.html')}"
    return f"{site_url}/{page}"


# --- reading built HTML -----------------------------------------------------


@dataclass
class _Reading:
    inline_scripts: list[str] = field(default_factory=list)
    csp: list[str] = field(default_factory=list)
    self_check: bool = False
    # Tag names of the elements in <head>, in order ("csp" for the policy,
    # "meta-charset" for <meta charset>), to check what comes first.
    head_order: list[str] = field(default_factory=list)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.reading = _Reading()
        self._in_head = False
        self._script: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if SELF_CHECK_MARKER in values:
            self.reading.self_check = True
        if tag == "head":
            self._in_head = True
            return
        is_csp = tag == "meta" and values.get("http-equiv", "").lower() == "content-security-policy"
        if is_csp:
            self.reading.csp.append(values.get("content", ""))
        if self._in_head:
            kind = "csp" if is_csp else "meta-charset" if tag == "meta" and "charset" in values else tag
            self.reading.head_order.append(kind)
        if tag == "script" and "src" not in values:
            self._script = None if _is_data_block(values.get("type", "")) else []

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self._in_head = False
        if tag == "script" and self._script is not None:
            self.reading.inline_scripts.append("".join(self._script))
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)


def read_html(html: str) -> _Reading:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.reading


def is_self_check(html: str) -> bool:
    """True for the page that runs Pyodide: an element carries ``data-selfcheck``."""
    return read_html(html).self_check


def inline_scripts(html: str) -> list[str]:
    """The text of every executable inline script, as the browser would hash it."""
    return [text.replace("\r\n", "\n").replace("\r", "\n") for text in read_html(html).inline_scripts]


def csp_of(html: str) -> dict[str, list[str]]:
    """The page's meta policy as {directive: [sources]}; empty if there is none."""
    metas = read_html(html).csp
    if not metas:
        return {}
    policy: dict[str, list[str]] = {}
    for directive in metas[0].split(";"):
        words = directive.split()
        if words:
            policy.setdefault(words[0].lower(), words[1:])
    return policy


def sha256_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def uncovered_inline_scripts(html: str) -> list[str]:
    """Inline scripts whose hash is missing from the page's ``script-src``
    (the first 80 characters of each, to name them in a failure)."""
    sources = set(csp_of(html).get("script-src", []))
    return [text[:80] for text in inline_scripts(html) if sha256_source(text) not in sources]


def searchable_word(site_dir: Path) -> str:
    """A word the built search index knows: the one in most section titles
    (five letters or more), so the search check does not depend on wording."""
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    separator = re.compile(index["config"]["separator"])
    counts = Counter(
        word.lower()
        for doc in index["docs"]
        for word in set(separator.split(doc["title"]))
        if word.isascii() and word.isalpha() and len(word) >= 5
    )
    assert counts, "the search index has no title word to look for"
    return max(counts, key=lambda word: (counts[word], len(word)))


# --- axe-core ---------------------------------------------------------------

_axe = Axe()


def run_axe(page: Page) -> list[dict]:
    """axe-core's violations of the WCAG 2.0/2.1 A and AA rules on the page as it is now."""
    return _axe.run(page, options=AXE_OPTIONS).response["violations"]


def axe_report(violations: list[dict], where: str) -> str:
    """A readable failure message: one line per rule, then its targets."""
    lines = [f"{where}: {len(violations)} WCAG A/AA rule(s) violated"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation.get('impact')}): {violation['help']}")
        for node in violation["nodes"][:10]:
            summary = node.get("failureSummary", "").replace("\n", " ")
            lines.append(f"    {' > '.join(map(str, node['target']))}: {summary}")
    return "\n".join(lines)


# --- browser observers ------------------------------------------------------


def _is_csp_message(text: str) -> bool:
    return "Content Security Policy" in text or "Content-Security-Policy" in text


class CspViolations:
    """Everything Chromium says about the CSP on a page and its workers.

    Chromium reports each blocked load or script, and each ignored or invalid
    directive, as a console message naming the Content Security Policy;
    Playwright forwards those (page and worker) as console events. Attach
    before ``goto``.
    """

    def __init__(self, page: Page) -> None:
        self.messages: list[str] = []
        page.on("console", self._on_console)
        page.on("worker", self._on_worker)

    def _on_console(self, message: ConsoleMessage) -> None:
        if _is_csp_message(message.text):
            self.messages.append(message.text)

    def _on_worker(self, worker: Worker) -> None:
        worker.on("console", self._on_console)

    def report(self, where: str) -> str:
        return f"{where}: Chromium reported CSP violations:\n" + "\n".join(f"- {m}" for m in self.messages)


# Local schemes: the browser makes these without any network traffic.
_LOCAL_SCHEMES = {"data", "blob", "about"}


class RequestRecorder:
    """Every request a page and its workers make. Attach before ``goto``.

    ``clear()`` then ``requests == []`` proves a later step is silent (e.g.
    answering the quiz once the runtime is loaded).
    """

    def __init__(self, page: Page) -> None:
        self.requests: list[str] = []
        page.on("request", self._on_request)

    def _on_request(self, request: Request) -> None:
        self.requests.append(request.url)

    def clear(self) -> None:
        self.requests.clear()

    def foreign(self, site_url: str) -> list[str]:
        """Requests to any other origin than the site's (local schemes aside)."""
        site = urlsplit(site_url)
        return [
            url
            for url in self.requests
            if urlsplit(url).scheme not in _LOCAL_SCHEMES
            and (urlsplit(url).scheme, urlsplit(url).netloc) != (site.scheme, site.netloc)
        ]


class HeldWheel:
    """Holds the eligibility wheel's download back, so that a test can use a page
    while its runtime is still loading, then lets it through."""

    def __init__(self, context: BrowserContext) -> None:
        self.routes: list[Route] = []
        context.route("**/pyodide/eligibility-*.whl", lambda route: self.routes.append(route))

    def release(self, page: Page) -> None:
        for _ in range(600):  # the worker asks for the wheel once Pyodide has read its lock file
            if self.routes:
                break
            page.wait_for_timeout(50)
        assert self.routes, "the worker never asked for the eligibility wheel"
        self.routes[0].continue_()


def expect_error_at(control: Locator, slot: Locator, message: str) -> None:
    """The package's message in the field's error slot, and the field marked invalid,
    described by that slot and focused (runtime-form.js, on both pages)."""
    expect(slot).to_be_visible()
    expect(slot).to_have_text(message)
    slot_id = slot.get_attribute("id")
    assert slot_id, "the error slot has no id to be described by"
    expect(control).to_have_attribute("aria-invalid", "true")
    expect(control).to_have_attribute("aria-describedby", re.compile(rf"(^|\s){re.escape(slot_id)}(\s|$)"))
    expect(control).to_be_focused()


def horizontal_overflow(page: Page) -> int:
    """CSS pixels the page reaches past the viewport sideways (0 when it reflows).

    Counts both the document's scroll width and the right edge of the widest
    element of the article, so content cut off by an ``overflow: hidden``
    ancestor (which would not make the page scroll) is caught too.
    """
    return page.evaluate(
        """() => {
            const root = document.documentElement;
            let right = Math.max(root.scrollWidth, document.body.scrollWidth);
            for (const el of document.querySelectorAll("article *")) {
                const box = el.getBoundingClientRect();
                if (box.width) right = Math.max(right, Math.ceil(box.right));
            }
            return right - root.clientWidth;
        }"""
    )


def load_and_settle(page: Page, url: str) -> str | None:
    """Load a page until its network is idle; on the self-check page, also until
    its runtime has started or failed, so the worker's and Pyodide's loads are
    covered too. Returns the self-check state (``ready`` / ``error``), or None
    on other pages.

    Contract with the self-check script: its ``[data-selfcheck]`` element says
    ``loading`` until the runtime answers, then ``ready`` or ``error``.
    """
    page.goto(url, wait_until="load")
    self_check = page.locator("[data-selfcheck]")
    if not self_check.count():
        page.wait_for_load_state("networkidle")
        return None
    expect(self_check).to_have_attribute("data-selfcheck", re.compile(r"^(ready|error)$"), timeout=60_000)
    return self_check.get_attribute("data-selfcheck")


# --- serving with the generated headers -------------------------------------


def parse_headers_file(text: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """Read a ``_headers`` file: [(path pattern, [(name, value)])]."""
    rules: list[tuple[str, list[tuple[str, str]]]] = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((line.strip(), []))
        else:
            name, _, value = line.strip().partition(":")
            rules[-1][1].append((name.strip(), value.strip()))
    return rules


def headers_for(rules: Iterable[tuple[str, list[tuple[str, str]]]], path: str) -> list[tuple[str, str]]:
    """Headers of every matching rule (exact path, or prefix before a final ``*``)."""
    found: list[tuple[str, str]] = []
    for pattern, headers in rules:
        if pattern == path or (pattern.endswith("*") and path.startswith(pattern[:-1])):
            found.extend(headers)
    return found


def site_base(site_dir: Path) -> str:
    """The site's path on its public host (``/`` unless SITE_URL has one), read
    from the home page's canonical link."""
    match = re.search(r'<link rel="canonical" href="([^"]+)"', (site_dir / "index.html").read_text(encoding="utf-8"))
    inner = urlsplit(match.group(1)).path.strip("/") if match else ""
    return f"/{inner}/" if inner else "/"


def serve_with_headers(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve a built site on loopback (at the root), adding the headers its
    ``_headers`` file asks for on the matching public path."""
    rules = parse_headers_file((directory / "_headers").read_text(encoding="utf-8"))
    base = site_base(directory)

    class HeadersHandler(StaticHandler):
        def end_headers(self) -> None:
            for name, value in headers_for(rules, base.rstrip("/") + urlsplit(self.path).path):
                self.send_header(name, value)
            super().end_headers()

    handler = functools.partial(HeadersHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"
