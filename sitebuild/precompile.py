"""Runs inside Pyodide (under Node, at build time; see precompile.mjs): write
a copy of Pyodide's standard library in which the modules that the site's
worker imports are precompiled to bytecode, and a copy of the ``eligibility``
wheel with its modules precompiled.

Why: Pyodide 314 ships ``python_stdlib.zip`` as source only, so every module
the worker imports is compiled at start-up, in WebAssembly, on the visitor's
CPU. That compilation is most of the time Python takes to start
(bench/ATTEMPTS.md: about 1.4 s of 2 s in Node, 1.7 s in Chromium).

Why only the modules the worker imports: bytecode is larger than source (the
whole library compiled weighs 4.5 MB instead of 2.5 MB); the modules used
here add about 0.6 MB. Every other module stays as source and is compiled on
first import, as before. The list is not typed by hand: it is what
``sys.modules`` holds after Pyodide has started, installed the ``eligibility``
wheel and answered one request of each type, as the worker does.

Why under Pyodide: bytecode is only valid for the interpreter version that
made it (its magic number changes with every Python version); Pyodide's own
interpreter makes exactly what the browser's will read. ``pyodide py-compile``
does the same for whole archives but compiles with the host's Python, which
would have to be the same version as Pyodide's (3.14 here).

The wheel: its modules are all imported by the worker before it says
"ready", so compiling them in the browser was another 25 to 50 ms of every
first visit (bench/ATTEMPTS.md). It is done the way ``pyodide py-compile``
does it: each ``x.py`` replaced by ``x.pyc`` in the same folder; unlike that
tool, entries keep their dates (the wheel stays reproducible), RECORD lists
the new files, and the tag names the Python version the bytecode is for as
``py314`` (pyodide-lock accepts ``pyXY-none-any``, not pyodide-build's
``cp314-none-any``).

Not imported by the site's own Python code: it needs Pyodide's runtime.
"""

from __future__ import annotations

# Only modules the worker imports anyway at the top: anything else imported
# before the list is taken would be compiled for nothing. The tools used to
# write the archive are imported after that, in the functions.
import json
import sys
import zipfile
from collections.abc import Callable


def import_what_the_worker_imports() -> None:
    """Import the rules and answer every example request of the protocol
    (``eligibility.protocol.EXAMPLES``), as the worker would."""
    from eligibility.protocol import EXAMPLES, handle

    for kind, examples in EXAMPLES.items():
        for fields in examples:
            request = {**fields, "id": 1, "type": kind}
            reply = json.loads(handle(json.dumps(request)))
            if "error" in reply and reply["error"].get("field") is None:
                raise RuntimeError(f"the rules could not answer {request}: {reply}")


def imported_entries(stdlib_root: str) -> set[str]:
    """The zip entries (``os.py``, ``json/__init__.py``...) of the imported modules."""
    prefix = stdlib_root.rstrip("/") + "/"
    entries = set()
    for module in list(sys.modules.values()):
        origin = getattr(getattr(module, "__spec__", None), "origin", None) or ""
        if origin.startswith(prefix) and origin.endswith(".py"):
            entries.add(origin[len(prefix):])
    return entries


def bytecode(source: bytes, filename: str) -> bytes:
    """The ``.pyc`` for ``source``, reporting ``filename`` in tracebacks.

    Unchecked-hash bytecode: zipimport loads it without looking for a source
    (there is none left in the archive for these modules), and the file does not
    depend on a timestamp.
    """
    import py_compile
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        py, pyc = Path(tmp, "module.py"), Path(tmp, "module.pyc")
        py.write_bytes(source)
        py_compile.compile(str(py), cfile=str(pyc), dfile=filename, doraise=True,
                           invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
        return pyc.read_bytes()


Entry = tuple[zipfile.ZipInfo, bytes]
"""A zip entry and its (uncompressed) data."""


def compiled_entries(archive: str, compile_entry: Callable[[str], bool], location: str) -> list[Entry]:
    """The entries of ``archive``, each ``x.py`` for which ``compile_entry`` holds
    replaced by ``x.pyc`` (reporting ``location/x.py`` in tracebacks).

    Entries keep their order, dates and attributes; all are deflated at level 9.
    """
    entries = []
    with zipfile.ZipFile(archive) as source:
        for info in source.infolist():
            data = source.read(info)
            name = info.filename
            if name.endswith(".py") and compile_entry(name):
                data = bytecode(data, f"{location.rstrip('/')}/{name}")
                name += "c"
            entry = zipfile.ZipInfo(name, date_time=info.date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            entries.append((entry, data))
    return entries


def write_zip(path: str, entries: list[Entry]) -> None:
    with zipfile.ZipFile(path, "w") as output:
        for entry, data in entries:
            output.writestr(entry, data, compresslevel=9)


def precompile(source_zip: str, output_zip: str, stdlib_root: str) -> list[str]:
    """Copy the standard library ``source_zip`` to ``output_zip``, the modules the
    worker imports as bytecode only. Returns the compiled entries' names."""
    import_what_the_worker_imports()
    wanted = imported_entries(stdlib_root)
    entries = compiled_entries(source_zip, wanted.__contains__, stdlib_root)
    write_zip(output_zip, entries)
    return [entry.filename for entry, _ in entries if entry.filename[:-1] in wanted]


def compiled_wheel_name(wheel_name: str) -> str:
    """``eligibility-1.0.0-py3-none-any.whl`` -> ``eligibility-1.0.0-py314-none-any.whl``:
    bytecode only runs on this Python version."""
    distribution, version, _python, abi, platform = wheel_name.removesuffix(".whl").split("-")
    return f"{distribution}-{version}-{interpreter_tag()}-{abi}-{platform}.whl"


def interpreter_tag() -> str:
    return f"py{sys.version_info.major}{sys.version_info.minor}"


def record(entries: list[Entry], record_name: str) -> bytes:
    """A wheel's RECORD for ``entries`` (PEP 376: path, sha256 in URL-safe base64, size)."""
    import base64
    import hashlib

    lines = []
    for entry, data in entries:
        if entry.filename != record_name:
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            lines.append(f"{entry.filename},sha256={digest},{len(data)}")
    lines.append(f"{record_name},,")
    return ("\n".join(lines) + "\n").encode()


def retagged(wheel_metadata: bytes) -> bytes:
    """A wheel's WHEEL file with its one ``Tag: py3-none-any`` naming this Python version."""
    tags = [line for line in wheel_metadata.decode().splitlines() if line.startswith("Tag: ")]
    if len(tags) != 1:
        raise ValueError(f"expected one Tag in the WHEEL file: {tags}")
    python_tag = tags[0].removeprefix("Tag: ").split("-")[0]
    return wheel_metadata.replace(f"Tag: {python_tag}-".encode(), f"Tag: {interpreter_tag()}-".encode())


def compile_wheel(source_wheel: str, output_dir: str, site_packages: str) -> str:
    """Write the wheel ``source_wheel`` with every module as bytecode into
    ``output_dir``; returns the new wheel's path."""
    import os

    entries = compiled_entries(source_wheel, lambda name: True, site_packages)
    dist_info = next(e.filename.split("/")[0] for e, _ in entries if e.filename.endswith(".dist-info/WHEEL"))
    wheel_file, record_file = f"{dist_info}/WHEEL", f"{dist_info}/RECORD"
    entries = [(e, retagged(d) if e.filename == wheel_file else d) for e, d in entries]
    entries = [(e, record(entries, record_file) if e.filename == record_file else d) for e, d in entries]
    output = os.path.join(output_dir, compiled_wheel_name(os.path.basename(source_wheel)))
    write_zip(output, entries)
    return output
