"""Runs inside Pyodide (under Node, at build time; see precompile_stdlib.mjs):
write a copy of Pyodide's standard library in which the modules that the
site's worker imports are precompiled to bytecode.

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

Not imported by the site's own Python code: it needs Pyodide's runtime.
"""

from __future__ import annotations

# Only modules the worker imports anyway at the top: anything else imported
# before the list is taken would be compiled for nothing. The tools used to
# write the archive are imported after that, in the functions.
import json
import sys

REQUESTS = (
    {"id": 1, "type": "applicable", "form": []},
    {"id": 2, "type": "evaluate_form", "form": [["age", "30"]]},
    {"id": 3, "type": "hours", "form": [["amount_ht", "1000000"], ["labour_share", "50"],
                                        ["insertion_rate", "5"], ["hourly_cost", "30"]]},
)
"""One request of each type the pages send: importing what answering them needs."""


def import_what_the_worker_imports() -> None:
    """Import the rules and answer each request type, as the worker would."""
    from eligibility.protocol import handle

    for request in REQUESTS:
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


def precompile(source_zip: str, output_zip: str, stdlib_root: str) -> list[str]:
    """Copy ``source_zip`` to ``output_zip``, the imported modules as bytecode only.

    Entries keep their order and dates; each ``x.py`` compiled becomes
    ``x.pyc``. Returns the compiled entries' names.
    """
    import_what_the_worker_imports()
    wanted = imported_entries(stdlib_root)
    import zipfile

    compiled = []
    with zipfile.ZipFile(source_zip) as source, zipfile.ZipFile(output_zip, "w") as output:
        for info in source.infolist():
            data = source.read(info)
            name = info.filename
            if name in wanted:
                data = bytecode(data, f"{stdlib_root.rstrip('/')}/{name}")
                name += "c"
                compiled.append(name)
            entry = zipfile.ZipInfo(name, date_time=info.date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            output.writestr(entry, data, compresslevel=9)
    return compiled
