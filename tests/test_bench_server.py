"""The benchmark's loopback server (bench/server.py) behaves like the host the
README's "Compression and caching" section describes, since `make bench`
publishes figures measured through it: the precompressed sibling the client
accepts, under the original Content-Type, the documented Cache-Control, and
304s for revalidation."""

from __future__ import annotations

import gzip
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import brotli
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.server import IMMUTABLE, REVALIDATE, accepted_encodings, cache_control, serve  # noqa: E402
from support.site import runtime_dir  # noqa: E402

BROWSER_ENCODINGS = "gzip, deflate, br, zstd"


@pytest.fixture(scope="module")
def host(site_dir: Path) -> Iterator[str]:
    server, url = serve(site_dir)
    yield url
    server.shutdown()


def get(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:  # 304 is an HTTPError for urllib
        return error.code, dict(error.headers), b""


def runtime(site_dir: Path) -> str:
    """The runtime's folder in URLs: ``pyodide/<hash>``."""
    return f"pyodide/{runtime_dir(site_dir).name}"


def test_a_browser_gets_the_brotli_sibling_with_the_wasm_content_type(host: str, site_dir: Path) -> None:
    status, headers, body = get(f"{host}/{runtime(site_dir)}/pyodide.asm.wasm",
                                **{"Accept-Encoding": BROWSER_ENCODINGS})
    assert status == 200
    assert headers["Content-Encoding"] == "br"
    assert headers["Content-Type"] == "application/wasm"
    assert "Accept-Encoding" in headers["Vary"]
    assert brotli.decompress(body) == (site_dir / runtime(site_dir) / "pyodide.asm.wasm").read_bytes()


def test_a_gzip_only_client_gets_the_gzip_sibling(host: str, site_dir: Path) -> None:
    status, headers, body = get(f"{host}/{runtime(site_dir)}/pyodide.asm.mjs", **{"Accept-Encoding": "br;q=0, gzip"})
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(body) == (site_dir / runtime(site_dir) / "pyodide.asm.mjs").read_bytes()


def test_a_page_url_gets_its_index_html_compressed(host: str, site_dir: Path) -> None:
    status, headers, body = get(f"{host}/auto-evaluation/", **{"Accept-Encoding": BROWSER_ENCODINGS})
    assert (status, headers["Content-Encoding"]) == (200, "br")
    assert headers["Content-Type"].startswith("text/html")
    assert brotli.decompress(body) == (site_dir / "auto-evaluation" / "index.html").read_bytes()


def test_without_accept_encoding_or_without_sibling_the_file_is_sent_as_is(host: str, site_dir: Path) -> None:
    status, headers, body = get(f"{host}/{runtime(site_dir)}/pyodide.asm.mjs")
    assert status == 200 and "Content-Encoding" not in headers
    assert body == (site_dir / runtime(site_dir) / "pyodide.asm.mjs").read_bytes()
    (wheel,) = (site_dir / runtime(site_dir)).glob("eligibility-*.whl")  # a zip: no sibling
    status, headers, body = get(f"{host}/{runtime(site_dir)}/{wheel.name}", **{"Accept-Encoding": BROWSER_ENCODINGS})
    assert status == 200 and "Content-Encoding" not in headers
    assert body == wheel.read_bytes()


def test_an_unchanged_file_revalidates_with_a_304(host: str) -> None:
    _, headers, _ = get(f"{host}/assets/stylesheets/site.css", **{"Accept-Encoding": BROWSER_ENCODINGS})
    status, _, body = get(f"{host}/assets/stylesheets/site.css", **{
        "Accept-Encoding": BROWSER_ENCODINGS, "If-Modified-Since": headers["Last-Modified"]})
    assert (status, body) == (304, b"")


def test_cache_control_is_a_year_for_content_named_files_and_revalidation_elsewhere(host: str, site_dir: Path) -> None:
    bundle = next((site_dir / "assets" / "javascripts").glob("bundle.*.min.js"))
    for path in (f"/assets/javascripts/{bundle.name}", f"/{runtime(site_dir)}/pyodide.asm.wasm",
                 f"/{runtime(site_dir)}/pyodide-lock.json"):
        status, headers, _ = get(f"{host}{path}")
        assert (status, headers["Cache-Control"]) == (200, IMMUTABLE), path
    for path in ("/", "/assets/runtime/worker.mjs", "/assets/stylesheets/site.css", "/search/search_index.json"):
        status, headers, _ = get(f"{host}{path}")
        assert (status, headers["Cache-Control"]) == (200, REVALIDATE), path


def test_only_content_hashes_count_as_fingerprints() -> None:
    assert cache_control("/assets/stylesheets/main.57a0d79d.min.css") == IMMUTABLE
    assert cache_control("/assets/javascripts/workers/search.a7633da7.min.js") == IMMUTABLE
    assert cache_control("/pyodide/f47dbb1339ee9f05/pyodide.asm.wasm") == IMMUTABLE
    assert cache_control("/assets/javascripts/lunr/min/lunr.fr.min.js") == REVALIDATE
    assert cache_control("/pyodide/eligibility-1.0.0-py3-none-any.whl") == REVALIDATE


def test_accept_encoding_parsing_drops_refused_codings() -> None:
    assert accepted_encodings("gzip, deflate, br, zstd") == {"gzip", "deflate", "br", "zstd"}
    assert accepted_encodings("br;q=0, gzip;q=0.5") == {"gzip"}
    assert accepted_encodings(None) == set()
