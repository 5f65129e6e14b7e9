"""Precompressed ``.gz`` and ``.br`` siblings of the site's large files, for
static hosts to send as they are.

Why at build time: the runtime pages download Pyodide (its 9.6 MB
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

When: last, once every other step wrote its final bytes (:mod:`sitebuild.finish`).
Not for a live preview, whose server ignores siblings.

Cost: each sibling is cached by the content's sha256 (plus the settings), so
each distinct file is compressed once per machine: the first build after a
fresh clone or a Pyodide upgrade pays about 30 s for the wasm, later builds
a few file copies.
"""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path

import brotli

from .cache import BuildCache, key

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

SETTINGS = f"brotli-{brotli.__version__}-q{BROTLI_QUALITY}-zlib-{zlib.ZLIB_RUNTIME_VERSION}-{GZIP_LEVEL}"
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


def compressed(data: bytes, sibling_suffix: str, cache: BuildCache) -> bytes:
    """``data`` compressed for ``sibling_suffix``, from the cache when it was seen before."""
    name = f"precompress-{key(SETTINGS, data)}{sibling_suffix}"
    return cache.blob(name, lambda: COMPRESSORS[sibling_suffix](data))


def precompress_file(path: Path, cache: BuildCache) -> list[Path]:
    """Write ``path``'s siblings that pay off; remove any that do not. Returns those written."""
    data = path.read_bytes()
    written = []
    for suffix in COMPRESSORS:
        sibling = path.with_name(path.name + suffix)
        smaller = compressed(data, suffix, cache)
        if len(smaller) <= MAX_RATIO * len(data):
            sibling.write_bytes(smaller)
            written.append(sibling)
        else:
            sibling.unlink(missing_ok=True)
    return written


def precompress_site(site_dir: Path, cache: BuildCache | None = None) -> list[Path]:
    """Precompress every candidate under ``site_dir``; returns the siblings written."""
    cache = BuildCache() if cache is None else cache
    return [sibling for path in candidates(site_dir) for sibling in precompress_file(path, cache)]
