"""Write precompressed ``.gz`` and ``.br`` siblings of the site's large text and
binary files, so that a static host can send them as they are.

Why at build time: the self-check downloads about 13 MB (Pyodide's 9.6 MB
``pyodide.asm.wasm`` above all). Brotli at its best quality shrinks the wasm
to 2.7 MB (gzip -9: 3.5 MB; on-the-fly compression, when a host does it at
all, uses fast settings), but takes about 30 s: far too slow for a server to
do per request, cheap to do once here. nginx (``gzip_static``,
``brotli_static``), Caddy (``file_server { precompressed br gzip }``) and
Apache (rewrite rules) serve ``X.br`` / ``X.gz`` for ``X`` with the right
``Content-Encoding``; the README's "Deploying" section shows how.

What gets siblings: files whose suffix is in :data:`SUFFIXES` and whose size
is over :data:`MIN_SIZE`, when compression saves something worth it (at most
:data:`MAX_RATIO` of the original). ``python_stdlib.zip`` is already
deflated inside, gains 2 % and gets none: the host then sends it as is.

When: ``on_post_build`` at a very low priority, after every other hook wrote
its final bytes (the CSP hook rewrites each page's HTML in ``on_post_page``;
the Pyodide hook copies the runtime and the search plugin writes its index in
``on_post_build``). Not under ``mkdocs serve``: the live preview's server
ignores siblings and the first build would wait for the wasm.

Cost: results are cached under ``build/precompress/`` by the content's
sha256 (plus the settings), so each distinct file is compressed once per
machine: the first build after a fresh clone or a Pyodide upgrade pays about
30 s for the wasm, later builds a few file copies.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import tempfile
import zlib
from collections.abc import Iterable
from pathlib import Path

import brotli
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / "build" / "precompress"

SUFFIXES = frozenset({".html", ".css", ".js", ".mjs", ".json", ".wasm", ".zip"})
"""Files a browser fetches from this site that are worth compressing. Images
(PNG) and the wheel are compressed formats already."""

MIN_SIZE = 1024
"""Below this the saving is smaller than a packet and not worth a second file."""

MAX_RATIO = 0.9
"""Keep siblings only when they are at most this fraction of the original."""

BROTLI_QUALITY = 11
GZIP_LEVEL = 9

ENCODINGS = {".br": "br", ".gz": "gzip"}
"""Sibling suffix -> the ``Content-Encoding`` a host sends with it."""

CACHE_LIMIT_BYTES = 128 * 1024 * 1024
"""Cache size kept after each build (least recently used entries go first)."""

_settings = f"brotli-{brotli.__version__}-q{BROTLI_QUALITY}-zlib-{zlib.ZLIB_RUNTIME_VERSION}-{GZIP_LEVEL}"
"""Part of every cache key: other settings or another encoder give other bytes."""


def compress_gzip(data: bytes) -> bytes:
    """gzip with a fixed mtime and no file name, so the same input gives the same bytes."""
    return gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)


def compress_brotli(data: bytes) -> bytes:
    return brotli.compress(data, quality=BROTLI_QUALITY)


COMPRESSORS = {".gz": compress_gzip, ".br": compress_brotli}


def is_candidate(path: Path) -> bool:
    """True for a file that should be offered precompressed (if compression pays)."""
    return path.is_file() and path.suffix in SUFFIXES and path.stat().st_size > MIN_SIZE


def candidates(site_dir: Path) -> list[Path]:
    return sorted(p for p in site_dir.rglob("*") if is_candidate(p))


def _cached(data: bytes, sibling_suffix: str, cache: Path) -> bytes:
    """``data`` compressed for ``sibling_suffix``, from the cache when possible."""
    key = hashlib.sha256(_settings.encode() + b"\0" + data).hexdigest()
    entry = cache / key[:2] / f"{key}{sibling_suffix}"
    try:
        result = entry.read_bytes()
        os.utime(entry)  # recently used: pruned last
        return result
    except OSError:
        pass
    result = COMPRESSORS[sibling_suffix](data)
    entry.parent.mkdir(parents=True, exist_ok=True)
    # Atomic: concurrent builds (tests, bench) may compute the same entry.
    fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-")
    with os.fdopen(fd, "wb") as handle:
        handle.write(result)
    os.replace(tmp, entry)
    return result


def precompress_file(path: Path, cache: Path | None = None) -> list[Path]:
    """Write ``path``'s siblings that pay off; remove any that do not. Returns those written."""
    cache = CACHE if cache is None else cache
    data = path.read_bytes()
    written = []
    for suffix in COMPRESSORS:
        sibling = path.with_name(path.name + suffix)
        compressed = _cached(data, suffix, cache)
        if len(compressed) <= MAX_RATIO * len(data):
            sibling.write_bytes(compressed)
            written.append(sibling)
        else:
            sibling.unlink(missing_ok=True)
    return written


def precompress_site(site_dir: Path, cache: Path | None = None) -> list[Path]:
    """Precompress every candidate under ``site_dir``; prune the cache."""
    cache = CACHE if cache is None else cache
    written = [sibling for path in candidates(site_dir) for sibling in precompress_file(path, cache)]
    prune_cache(cache)
    return written


def prune_cache(cache: Path, limit: int = CACHE_LIMIT_BYTES) -> None:
    """Keep the cache under ``limit`` bytes, dropping the least recently used entries."""
    if not cache.is_dir():
        return
    entries: Iterable[Path] = (p for p in cache.glob("*/*") if p.is_file() and not p.name.startswith(".tmp-"))
    by_recency = sorted(entries, key=lambda p: p.stat().st_mtime, reverse=True)
    total = 0
    for entry in by_recency:
        total += entry.stat().st_size
        if total > limit:
            entry.unlink(missing_ok=True)


_command = {"name": "build"}


def on_startup(command: str, dirty: bool) -> None:
    _command["name"] = command


@event_priority(-200)
def on_post_build(config: MkDocsConfig) -> None:
    if _command["name"] == "serve":
        return
    precompress_site(Path(config.site_dir))
