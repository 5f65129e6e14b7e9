"""The built site as the tests see it: its pages, their addresses, its search
index, its ``_headers`` served as a host would, and builds of a project copy.
"""

from __future__ import annotations

import functools
import http.server
import importlib.util
import json
import re
import shutil
import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from types import ModuleType
from urllib.parse import urljoin, urlsplit

import yaml

from eligibility.parameters import PUBLIC_SOURCE_URLS
from scripts.static_server import StaticHandler
from sitebuild.publisher import FIELDS, SITE_FILE, load_site_info
from sitebuild.runtime_pages import RUNTIME_PAGES, RuntimePage

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
CONTACTS_FILE = ROOT / "data" / "contacts.yml"
HOOKS = ROOT / "overrides" / "hooks"

OUTBOUND_HOSTS = frozenset({
    "aude.fr",  # the memo's « Ou vous renseigner sur aude.fr »
    "www.legifrance.gouv.fr",  # the texts the pages cite
    *(urlsplit(url).hostname for url in PUBLIC_SOURCE_URLS),  # the estimator's public sources
    "www.defenseurdesdroits.fr",  # the statement's « Voies de recours », as the RGAA's model writes them
    "accessibilite.numerique.gouv.fr",  # the source of the statement's model, credited (data/licences.yml)
    "www.etalab.gouv.fr",  # the text of the Licence Ouverte, under which the site reuses it
    "www.cnil.fr",  # where a visitor files a complaint about personal data
    *(urlsplit(url).hostname for url in load_site_info(SITE_FILE, publishing=False).urls),  # the publisher's plans
})
"""Hosts a page may *link* to (a plain <a rel="external"> the visitor chooses),
each with its reason: the only way out of the site."""

RUNTIME_HTML = sorted(page.html for page in RUNTIME_PAGES)
"""The built files of the pages that run Pyodide (the one list: sitebuild/runtime_pages.py)."""

RUNTIME_GLOB = "**/pyodide/*/"
"""How a browser route names the runtime's files, served from ``pyodide/<hash>/``."""

__all__ = ["RUNTIME_GLOB", "RUNTIME_HTML", "RUNTIME_PAGES", "RuntimePage"]


def runtime_dir(site_dir: Path) -> Path:
    """The folder a built site serves its runtime from: ``pyodide/<hash>/``, the only one."""
    folders = list((site_dir / "pyodide").iterdir())
    assert len(folders) == 1 and folders[0].is_dir(), f"expected one runtime folder, found {folders}"
    return folders[0]


def load_hook(name: str) -> ModuleType:
    """``overrides/hooks/<name>.py`` loaded as MkDocs loads it (its folder on sys.path)."""
    spec = importlib.util.spec_from_file_location(f"{name}_hook", HOOKS / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(HOOKS))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(HOOKS))
    return module


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


def content_pages() -> list[str]:
    """The pages that do not run Pyodide (their gates are page by page)."""
    return [page for page in expected_pages() if page not in RUNTIME_HTML]


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


def built_target(page: str, href: str) -> str:
    """The built file that the link ``href`` of the built file ``page`` leads to
    (``memo/x/index.html``), for a site served at the root of its host."""
    base = "https://site.invalid"
    path = urlsplit(urljoin(url_of(base, page), href)).path.lstrip("/")
    return path + "index.html" if path == "" or path.endswith("/") else path


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


# --- serving with the generated headers -------------------------------------

HeaderRules = list[tuple[str, list[tuple[str, str]]]]


def parse_headers_file(text: str) -> HeaderRules:
    """Read a ``_headers`` file: [(path pattern, [(name, value)])]."""
    rules: HeaderRules = []
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


# --- the publisher's details -------------------------------------------------

SAMPLE_PUBLISHER = {
    "text": "Essai : {field}",
    "email": "editeur@example.org",
    "url": "https://example.org/{field}",
}
"""What a completed site file holds in the tests: visibly fake values, one per
field, never deployed (the real file, data/site.yml, ships empty)."""


def completed_site_file(path: Path, without: tuple[str, ...] = ()) -> Path:
    """A site file at ``path`` with every field of ``sitebuild.publisher.FIELDS``
    filled with a sample value, but the fields named in ``without``."""
    data: dict = {}
    for name, kind in FIELDS.items():
        if name in without:
            continue
        section, _, field = name.rpartition(".")
        value = SAMPLE_PUBLISHER[kind].format(field=name.replace(".", "-"))
        (data.setdefault(section, {}) if section else data)[field] = value
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


# --- a copy of the project ----------------------------------------------------

COPY_IGNORES = shutil.ignore_patterns(".git", ".venv", "node_modules", "site", "build", "__pycache__",
                                      ".pytest_cache", ".hypothesis", "test-results")


def copy_project(destination: Path, edit: Callable[[Path], None] = lambda project: None) -> Path:
    """A copy of the repository at ``destination`` (its npm packages and build
    cache shared with the original, so that building it costs no recompression),
    changed by ``edit(copy)`` before use."""
    shutil.copytree(ROOT, destination, ignore=COPY_IGNORES, dirs_exist_ok=True)
    (destination / "node_modules").symlink_to(ROOT / "node_modules")
    (ROOT / "build").mkdir(exist_ok=True)
    (destination / "build").symlink_to(ROOT / "build")
    edit(destination)
    return destination

