"""``_headers``: the site's security and caching headers for hosts that read that file.

Netlify and Cloudflare Pages read ``<site>/_headers`` as it is. It gives each
page's path the page's own policy (:mod:`sitebuild.csp`) plus what only a
header can carry (``frame-ancestors``); the folders whose files may run as
workers a policy that allows ``'wasm-unsafe-eval'`` (a worker started from a
URL gets its policy from its own response, not from the page); the runtime's
content-named files a year of caching; and every file ``nosniff`` and
``no-referrer``. The README's "Security headers" and "Compression and caching"
sections say what to send on other hosts.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit

from .csp import WORKER_POLICY

FILE_NAME = "_headers"

WORKER_PATHS = ("/assets/*", "/pyodide/*")
"""Same-origin files that may become worker scripts: Material's search worker,
the rules' worker, Pyodide's files."""

IMMUTABLE_PATHS = ("/pyodide/*",)
"""Files whose names change with their content (``pyodide/<hash>/``): browsers
may keep them a year without asking again."""

IMMUTABLE = "public, max-age=31536000, immutable"


def site_path(site_url: str | None) -> str:
    """The site's path on its host (``/`` or e.g. ``/clause-sociale/``, from its public address)."""
    inner = urlsplit(site_url or "").path.strip("/")
    return f"/{inner}/" if inner else "/"


def page_url(relative_file: str) -> str:
    """The URL of a built HTML file relative to the site (``memo/x/index.html`` -> ``memo/x/``)."""
    if relative_file == "index.html":
        return ""
    return relative_file.removesuffix("index.html")


def header_paths(url: str, base: str = "/") -> list[str]:
    """The request paths a static host may serve a page's file under."""
    path = base.rstrip("/") + "/" + url.lstrip("/")
    if path.endswith("/"):
        return [path, path + "index.html"]
    return [path]


def headers_file(page_policies: Mapping[str, str], base: str = "/") -> str:
    """The ``_headers`` text for pages ``{page URL: header policy}`` of a site served at ``base``."""
    lines = [
        "# Generated at build time by sitebuild/host_headers.py: do not edit.",
        "# The same policies as the pages' <meta http-equiv> tags, plus frame-ancestors",
        "# (header only). One rule per page path: hosts merge matching rules, and two",
        "# policies for one response would both be enforced.",
    ]
    for url in sorted(page_policies):
        for path in header_paths(url, base):
            lines += [path, f"  Content-Security-Policy: {page_policies[url]}"]
    for path in WORKER_PATHS:
        lines += [base.rstrip("/") + path, f"  Content-Security-Policy: {WORKER_POLICY}"]
    for path in IMMUTABLE_PATHS:
        lines += [base.rstrip("/") + path, f"  Cache-Control: {IMMUTABLE}"]
    lines += [
        base + "*",
        "  X-Content-Type-Options: nosniff",
        "  Referrer-Policy: no-referrer",
    ]
    return "\n".join(lines) + "\n"
