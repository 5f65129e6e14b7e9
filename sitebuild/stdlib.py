"""The standard library the site serves: the modules the worker imports, and nothing else.

Pyodide publishes ``python_stdlib.zip`` with its 614 modules as source,
deflated: 2.5 MB that a visitor downloads whole. The worker imports about 140
of them (``sitebuild/precompile.py`` records which, under Pyodide). The site's
archive holds exactly those, chosen module by module:

- imported before the worker says "ready" (``boot``): bytecode, since every
  visit runs them and compiling them in the browser is most of Python's start;
- imported only by some request (the estimator's ``decimal``, say): whichever
  of source and bytecode sends fewer bytes, since only some visits run them.

Packed *stored*, not deflated: a static host then sends the archive's Brotli
sibling (:mod:`sitebuild.precompress`), which compresses across modules and
beats per-entry deflate by far (bench/ATTEMPTS.md has the figures), and the
browser's zipimport reads entries without inflating them.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path

import brotli

from .errors import BuildError

SIZE_QUALITY = 9
"""Brotli quality used to compare a module's source with its bytecode (not the
served sibling's, which is 11): enough to rank the two, quick."""


def _sent(data: bytes) -> int:
    return len(brotli.compress(data, quality=SIZE_QUALITY))


def served_stdlib(npm_stdlib: Path, compiled: Path, imports: Mapping[str, object]) -> bytes:
    """The archive the site serves, from the npm package's ``npm_stdlib``, the
    modules ``compiled`` under Pyodide and the ``imports`` it recorded
    (``{"boot": [entries], "requests": {type: [entries]}}``, entries like ``json/__init__.py``)."""
    boot = set(_entries(imports, "boot"))
    requests = imports.get("requests", {})
    if not isinstance(requests, Mapping):
        raise BuildError(f"imports.json: 'requests' is not a mapping: {requests!r}")
    later = set().union(*(_entries(requests, kind) for kind in requests)) - boot
    out = io.BytesIO()
    with (
        zipfile.ZipFile(npm_stdlib) as source,
        zipfile.ZipFile(compiled) as bytecode,
        zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as served,
    ):
        for name in sorted(boot | later):
            module, pyc = source.read(name), bytecode.read(name + "c")
            keep_source = name in later and _sent(module) <= _sent(pyc)
            entry = zipfile.ZipInfo(name if keep_source else name + "c", date_time=source.getinfo(name).date_time)
            entry.external_attr = source.getinfo(name).external_attr
            served.writestr(entry, module if keep_source else pyc)
    return out.getvalue()


def _entries(record: Mapping[str, object], key: str) -> Sequence[str]:
    value = record.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) and v.endswith(".py") for v in value):
        raise BuildError(f"imports.json: {key!r} is not a list of module files: {value!r}")
    return value
