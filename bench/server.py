"""A loopback server that behaves like the static host the README describes:
precompressed siblings sent with ``Content-Encoding`` and the documented
``Cache-Control`` headers.

Why not the tests' plain server (scripts/static_server.py): the benchmark
measures what a visitor gets from a correctly configured host. Lighthouse, in
particular, scores transfer sizes; measuring uncompressed responses would
describe a host misconfiguration, not the site. The floor page and the
self-check are served by the same server, so their ratio stays fair.
"""

from __future__ import annotations

import email.utils
import functools
import http.server
import os
import re
import sys
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

from scripts.static_server import StaticHandler

# Sibling suffix for each Content-Encoding, in order of preference.
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))

# Material's fingerprinted assets (main.57a0d79d.min.css, bundle.a5f9d56c.min.js,
# workers/search.a7633da7.min.js) and the runtime's folder named after its
# content (pyodide/<hash>/): the name changes whenever the content does.
FINGERPRINTED = re.compile(r"\.[0-9a-f]{8}\.min\.(?:css|js)$|/pyodide/[0-9a-f]{16}/")

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"


def cache_control(url_path: str) -> str:
    """The README's rule: a year for fingerprinted names, revalidation for the rest.

    Everything else (pages, our unversioned scripts and styles, the search
    index) may change under the same URL; ``no-cache`` keeps a copy but asks
    the host (a cheap 304) before each use, so a visitor never mixes two releases.
    """
    return IMMUTABLE if FINGERPRINTED.search(url_path) else REVALIDATE


def accepted_encodings(header: str | None) -> set[str]:
    """Codings the client accepts (q=0 excluded), from an Accept-Encoding header."""
    accepted = set()
    for item in (header or "").split(","):
        coding, _, params = item.strip().partition(";")
        q = params.strip()
        if q.startswith("q=") and float(q[2:] or 0) == 0:
            continue
        if coding:
            accepted.add(coding.strip().lower())
    return accepted


class DeployLikeHandler(StaticHandler):
    """StaticHandler plus precompressed siblings and Cache-Control."""

    def end_headers(self) -> None:
        self.send_header("Cache-Control", cache_control(urlsplit(self.path).path))
        self.send_header("Vary", "Accept-Encoding")
        super().end_headers()

    def _file_for(self) -> str | None:
        """The file a GET for this URL sends (directory URLs: their index.html)."""
        url_path = unquote(urlsplit(self.path).path)
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not url_path.endswith("/"):
                return None  # the stdlib redirects to the slash form
            path = os.path.join(path, "index.html")
        return path if os.path.isfile(path) else None

    def send_head(self):
        path = self._file_for()
        accepted = accepted_encodings(self.headers.get("Accept-Encoding"))
        choice = next(
            ((coding, path + suffix) for coding, suffix in ENCODINGS if path and coding in accepted
             and os.path.isfile(path + suffix)),
            None,
        )
        if choice is None:
            return super().send_head()
        coding, sibling = choice
        handle = open(sibling, "rb")  # noqa: SIM115 - the stdlib closes it after copying
        stat = os.fstat(handle.fileno())
        since = self.headers.get("If-Modified-Since")
        if since and "If-None-Match" not in self.headers:
            try:
                when = email.utils.parsedate_to_datetime(since)
            except (TypeError, ValueError, IndexError, OverflowError):
                when = None
            if when is not None and when.timestamp() >= int(os.stat(path).st_mtime):
                handle.close()
                self.send_response(http.HTTPStatus.NOT_MODIFIED)
                self.end_headers()
                return None
        self.send_response(http.HTTPStatus.OK)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", coding)
        self.send_header("Content-Length", str(stat.st_size))
        self.send_header("Last-Modified", self.date_time_string(os.stat(path).st_mtime))
        self.end_headers()
        return handle


class QuietServer(http.server.ThreadingHTTPServer):
    """Chromium drops connections it no longer needs (a reload, a closed
    context) in the middle of a response; that is not an error worth a traceback."""

    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)


def serve(directory: Path, port: int = 0) -> tuple[QuietServer, str]:
    """Serve ``directory`` on 127.0.0.1 in a daemon thread; return the server and its base URL."""
    handler = functools.partial(DeployLikeHandler, directory=str(directory))
    server = QuietServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"
