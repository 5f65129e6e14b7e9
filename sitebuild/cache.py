"""One content-addressed cache for the slow steps of the build.

Why: two steps cost seconds to minutes and give the same bytes for the same
input — the Pyodide bundle (a wheel built by hatchling, a lock file written by
pyodide-build, the standard library compiled by Pyodide under Node) and the
Brotli/gzip siblings (Brotli at quality 11 takes half a minute on the
runtime's wasm). Each result is stored under a key that hashes everything it
was made from, so a rebuild with the same input is a file copy, and an edit
makes a new entry instead of invalidating anything by hand.

Entries are files (:meth:`BuildCache.blob`) or folders
(:meth:`BuildCache.folder`) directly under the cache folder. Both are written
atomically (to a temporary name, then renamed), so concurrent builds (tests,
benchmark, ``mkdocs serve``) never see half an entry. After each write the
cache is pruned to a byte budget, least recently used entries first: using
an entry touches it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from .paths import CACHE

BUDGET_BYTES = 512 * 1024 * 1024
"""Size the cache is kept under: a few dozen runtime bundles and their siblings."""

TEMPORARY = ".tmp-"
"""Prefix of unfinished entries, which may belong to a concurrent build: never pruned."""


def key(*parts: bytes | str) -> str:
    """A cache key: the sha256 of ``parts``, each delimited so that no two lists collide."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


class BuildCache:
    """Results of build steps under ``folder``, kept within ``budget`` bytes."""

    def __init__(self, folder: Path = CACHE, *, budget: int = BUDGET_BYTES) -> None:
        self.folder = folder
        self.budget = budget

    def blob(self, name: str, make: Callable[[], bytes]) -> bytes:
        """The bytes stored under ``name``, made by ``make()`` if absent."""
        entry = self.folder / name
        try:
            data = entry.read_bytes()
        except OSError:
            pass
        else:
            os.utime(entry)
            return data
        data = make()
        self.folder.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=self.folder, prefix=TEMPORARY)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, entry)
        self.prune(keep=entry)
        return data

    def folder_entry(self, name: str, make: Callable[[Path], None]) -> Path:
        """The folder stored under ``name``, filled by ``make(folder)`` if absent.

        ``make`` writes into an empty temporary folder; it becomes the entry
        only once ``make`` returned, so an interrupted build leaves no entry.
        """
        entry = self.folder / name
        if entry.is_dir():
            os.utime(entry)
            return entry
        self.folder.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(dir=self.folder, prefix=TEMPORARY))
        try:
            make(work)
            try:
                work.rename(entry)
            except OSError:
                if not entry.is_dir():  # not a concurrent build that got there first
                    raise
        finally:
            shutil.rmtree(work, ignore_errors=True)
        self.prune(keep=entry)
        return entry

    def entries(self) -> list[Path]:
        """Finished entries, most recently used first."""
        if not self.folder.is_dir():
            return []
        finished = (p for p in self.folder.iterdir() if not p.name.startswith(TEMPORARY))
        return sorted(finished, key=lambda p: p.stat().st_mtime, reverse=True)

    def prune(self, keep: Path | None = None) -> None:
        """Drop the least recently used entries beyond the budget (never ``keep``)."""
        total = 0
        for entry in self.entries():
            total += _size(entry)
            if total > self.budget and entry != keep:
                if entry.is_dir():
                    shutil.rmtree(entry, ignore_errors=True)
                else:
                    entry.unlink(missing_ok=True)


def _size(entry: Path) -> int:
    files: Iterable[Path] = entry.rglob("*") if entry.is_dir() else (entry,)
    return sum(f.stat().st_size for f in files if f.is_file())
