"""Runs inside Pyodide (under Node, at build time; see precompile.mjs): find
which modules of the standard library the site's worker imports, compile them,
and compile the ``eligibility`` wheel.

Why it matters: Pyodide 314 publishes ``python_stdlib.zip`` as source only
(2.5 MB deflated, 614 modules), so a browser downloads all of it and compiles
every module it imports, in WebAssembly, on the visitor's CPU at every start
(bench/ATTEMPTS.md: about 1.4 s of 2 s in Node, 1.7 s in Chromium). The worker
imports about 140 of those modules. The build serves those only, compiled
(sitebuild/stdlib.py packs them): a third of the bytes and no compilation.

Which modules is not typed by hand: it is what ``sys.modules`` holds after
Pyodide has started, installed the ``eligibility`` wheel and answered the
worker's probe (``boot``), then what answering every example request of the
protocol adds, type by type (:func:`record_imports`).

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

PROBE = {"id": "probe", "type": "applicable", "form": []}
"""The request the worker answers before it says "ready" (docs/assets/runtime/worker.mjs)."""


def imported_entries(stdlib_root: str) -> set[str]:
    """The zip entries (``os.py``, ``json/__init__.py``...) of the imported modules."""
    prefix = stdlib_root.rstrip("/") + "/"
    entries = set()
    for module in list(sys.modules.values()):
        origin = getattr(getattr(module, "__spec__", None), "origin", None) or ""
        if origin.startswith(prefix) and origin.endswith(".py"):
            entries.add(origin[len(prefix):])
    return entries


def record_imports(stdlib_root: str) -> dict[str, object]:
    """What the worker imports from the standard library: before it is ready
    (``boot``: Pyodide, the package loader, the rules and the probe), and what
    each request type then adds (``requests``), answering every example of
    ``eligibility.protocol.EXAMPLES`` as the worker would."""
    from eligibility.protocol import EXAMPLES, handle

    handle(json.dumps(PROBE))
    boot = imported_entries(stdlib_root)
    requests: dict[str, list[str]] = {}
    for kind, examples in EXAMPLES.items():
        before = imported_entries(stdlib_root)
        for fields in examples:
            request = {**fields, "id": 1, "type": kind}
            reply = json.loads(handle(json.dumps(request)))
            if "error" in reply and reply["error"].get("field") is None:
                raise RuntimeError(f"the rules could not answer {request}: {reply}")
        requests[kind] = sorted(imported_entries(stdlib_root) - before)
    return {"boot": sorted(boot), "requests": requests}


def bytecode(source: bytes, filename: str, optimize: int) -> bytes:
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
        py_compile.compile(str(py), cfile=str(pyc), dfile=filename, doraise=True, optimize=optimize,
                           invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
        return pyc.read_bytes()


Entry = tuple[zipfile.ZipInfo, bytes]
"""A zip entry and its (uncompressed) data."""


def compiled_entries(
    archive: str, compile_entry: Callable[[str], bool], location: str, optimize: int = 0
) -> list[Entry]:
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
                data = bytecode(data, f"{location.rstrip('/')}/{name}", optimize)
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


STDLIB_OPTIMIZE = 2
"""The standard library's bytecode without docstrings and asserts, as ``python -OO``
would make it: CPython's own test suite runs its standard library that way, and
it is about 15 % fewer bytes to send. The rules' own modules keep both (level 0):
the browser must run exactly the code the tests run."""


def precompile(source_zip: str, output_dir: str, stdlib_root: str) -> dict[str, object]:
    """Write into ``output_dir`` what the worker imports from the standard library
    ``source_zip``: ``imports.json`` (:func:`record_imports`) and
    ``compiled-stdlib.zip``, each of those modules compiled (the build then
    chooses, module by module, what the site serves: sitebuild/stdlib.py)."""
    imports = record_imports(stdlib_root)
    wanted = set(imports["boot"]).union(*imports["requests"].values())  # type: ignore[arg-type]
    entries = [entry for entry in compiled_entries(source_zip, wanted.__contains__, stdlib_root, STDLIB_OPTIMIZE)
               if entry[0].filename.endswith(".pyc")]
    write_zip(f"{output_dir}/compiled-stdlib.zip", entries)
    with open(f"{output_dir}/imports.json", "w", encoding="utf-8") as handle:
        json.dump(imports, handle, indent=1, sort_keys=True)
    return imports


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
