"""Serve the Pyodide runtime and the ``eligibility`` wheel from the site itself.

Why: the self-check runs the very Python rules the tests check, in the
visitor's browser, and no request may leave the site (no CDN). So the build

1. copies only the runtime files the browser needs from the npm package
   ``pyodide`` (pinned in package-lock.json) into ``<site>/pyodide/``;
2. builds the ``eligibility`` wheel from the repository's source (pure Python,
   so hatchling is enough: ``pyodide build`` would need an internet download);
3. registers that wheel in the site's ``pyodide-lock.json`` with pyodide-build's
   CLI (``pyodide lockfile add-wheels``), so that ``loadPackage("eligibility")``
   finds it next to the runtime and checks its sha256;
4. writes the site's ``python_stdlib.zip``: the npm package's, with the modules
   the worker imports precompiled to bytecode by Pyodide's own interpreter
   under Node (scripts/precompile.py says why: it halves the time Python takes
   to start in the browser, for 0.6 MB more); the same run compiles the wheel's
   modules, and it is that compiled wheel which the site's lock file lists.

Steps 2 to 4 are cached under ``build/pyodide-runtime/<key>/``, the key being a
hash of everything they read, so ``mkdocs serve`` rebuilds the wheel only when
``eligibility/`` (or the project metadata) changes, and a plain rebuild costs a
few file copies. The wheel is reproducible (fixed SOURCE_DATE_EPOCH), so the
same source always gives the same sha256.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from pyodide_lock import PyodideLockSpec

ROOT = Path(__file__).resolve().parents[2]
PYODIDE_PACKAGE = ROOT / "node_modules" / "pyodide"
PACKAGE_SOURCE = ROOT / "eligibility"
PROJECT_FILES = ("pyproject.toml", "README.md")
PRECOMPILE_SCRIPTS = (ROOT / "scripts" / "precompile.mjs", ROOT / "scripts" / "precompile.py")
CACHE = ROOT / "build" / "pyodide-runtime"

SITE_SUBDIR = "pyodide"
"""Where the runtime lives in the site: ``<site>/pyodide/`` (the worker's indexURL)."""

STDLIB = "python_stdlib.zip"
NPM_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")
"""Runtime files served exactly as the npm package has them."""

RUNTIME_FILES = (*NPM_FILES, STDLIB)
"""The only runtime files a browser fetches (module worker, Pyodide >= 314): no
source maps, no classic ``pyodide.js``, no console pages. The standard library
is the npm package's with part of it precompiled (step 4)."""

LOCK_FILE = "pyodide-lock.json"

SOURCE_DATE_EPOCH = "315532800"
"""1980-01-01, the earliest ZIP timestamp: a fixed date makes the wheel byte-for-byte
reproducible (hatchling honours SOURCE_DATE_EPOCH). An outer value wins."""

CACHE_VERSION = "3"
"""Bump when the way artefacts are made changes, to invalidate old caches."""

CACHE_KEEP = 8
"""Cached builds kept (newest first): enough to flip between branches cheaply."""


def _package_sources() -> list[Path]:
    """The files that go into the wheel: the package's Python files, sorted."""
    return sorted(p for p in PACKAGE_SOURCE.rglob("*.py") if "__pycache__" not in p.parts)


def cache_key() -> str:
    """Hash of every input of the wheel and of the lock file it is added to."""
    digest = hashlib.sha256(CACHE_VERSION.encode())
    inputs = [
        *((f"eligibility/{p.relative_to(PACKAGE_SOURCE).as_posix()}", p) for p in _package_sources()),
        *((name, ROOT / name) for name in PROJECT_FILES),
        ("node_modules/pyodide/" + LOCK_FILE, PYODIDE_PACKAGE / LOCK_FILE),
        ("node_modules/pyodide/package.json", PYODIDE_PACKAGE / "package.json"),  # the interpreter's version
        ("node_modules/pyodide/" + STDLIB, PYODIDE_PACKAGE / STDLIB),
        *((f"scripts/{p.name}", p) for p in PRECOMPILE_SCRIPTS),
    ]
    for label, path in inputs:
        digest.update(label.encode() + b"\0")
        digest.update(path.read_bytes() if path.exists() else b"<missing>")
        digest.update(b"\0")
    digest.update(os.environ.get("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH).encode())
    return digest.hexdigest()[:20]


def check_runtime_present() -> None:
    """Fail early, with the fix, when the npm package is not installed."""
    missing = [name for name in (*RUNTIME_FILES, LOCK_FILE) if not (PYODIDE_PACKAGE / name).is_file()]
    if missing:
        raise PluginError(
            f"Pyodide runtime not found: {PYODIDE_PACKAGE} lacks {', '.join(missing)}. "
            "Run `make deps` (npm ci) to install the npm package `pyodide`."
        )


def _run(command: list[str], cwd: Path, what: str) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)}
    try:
        result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise PluginError(f"{what} failed: {error}") from None
    if result.returncode != 0:
        raise PluginError(f"{what} failed (exit {result.returncode}):\n{result.stdout}\n{result.stderr}")


def build_wheel(destination: Path) -> Path:
    """Build the eligibility wheel from a staging copy of the source into ``destination``.

    A staging copy keeps stray files (``__pycache__``, editor files) out of the
    wheel and keeps concurrent builds from writing into the working tree.
    """
    destination.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="eligibility-wheel-") as tmp:
        staging = Path(tmp)
        for source in _package_sources():
            target = staging / "eligibility" / source.relative_to(PACKAGE_SOURCE)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        for name in PROJECT_FILES:  # pyproject.toml names README.md as the long description
            if (ROOT / name).is_file():
                shutil.copyfile(ROOT / name, staging / name)
        out = staging / "dist"
        _run(
            [sys.executable, "-c", "import sys; from hatchling.build import build_wheel; build_wheel(sys.argv[1])",
             str(out)],
            cwd=staging,
            what="Building the eligibility wheel (hatchling)",
        )
        wheel = _single_wheel(out)
        return Path(shutil.copy2(wheel, destination / wheel.name))


def pyodide_cli() -> Path:
    """pyodide-build's CLI installed next to the running interpreter (the venv)."""
    cli = Path(sys.executable).parent / "pyodide"
    if not cli.exists():
        raise PluginError(f"{cli} not found: run `make deps` to install pyodide-build.")
    return cli


def register_wheel(wheel: Path, lock_out: Path) -> None:
    """Write ``lock_out``: Pyodide's lock file plus the wheel, with its sha256.

    ``--base-path`` is the wheel's folder, so the lock names it by file name and
    Pyodide fetches it next to the lock file.
    """
    _run(
        [str(pyodide_cli()), "lockfile", "add-wheels", str(wheel),
         "--input", str(PYODIDE_PACKAGE / LOCK_FILE), "--output", str(lock_out),
         "--base-path", str(wheel.parent)],
        cwd=ROOT,
        what="Registering the eligibility wheel in pyodide-lock.json (pyodide lockfile add-wheels)",
    )


def node() -> str:
    """Node.js, which runs Pyodide at build time (step 4)."""
    found = shutil.which("node")
    if not found:
        raise PluginError("Node.js not found: the build runs Pyodide under Node to precompile "
                          "its standard library. Install Node.js 20 (it also provides npm).")
    return found


def precompile(artefacts: Path, output: Path) -> Path:
    """Write into ``output`` the npm package's standard library with the modules the
    worker imports precompiled, and the wheel of ``artefacts`` (registered in its
    lock file) compiled; returns the compiled wheel."""
    _run([node(), str(PRECOMPILE_SCRIPTS[0]), str(PYODIDE_PACKAGE), str(artefacts), str(output)],
         cwd=ROOT, what="Precompiling Pyodide's standard library and the wheel (scripts/precompile.mjs)")
    return _single_wheel(output)


def lock_compiled_wheel(source_lock: Path, compiled: Path, lock_out: Path) -> None:
    """Write ``lock_out``: ``source_lock`` with the eligibility entry naming the
    compiled wheel and its sha256, as ``pyodide py-compile`` updates a lock file.

    Why not ``add-wheels`` on the compiled wheel: pyodide-lock reads a wheel's
    import names from its ``.py`` files, and would list none for bytecode only.
    """
    lock = PyodideLockSpec.from_json(source_lock)
    entry = lock.packages["eligibility"]
    entry.file_name = compiled.name
    entry.sha256 = hashlib.sha256(compiled.read_bytes()).hexdigest()
    lock.to_json(lock_out)


def _single_wheel(folder: Path) -> Path:
    wheels = sorted(folder.glob("eligibility-*.whl"))
    if len(wheels) != 1:
        raise PluginError(f"expected one eligibility wheel in {folder}, found {[w.name for w in wheels]}")
    return wheels[0]


def cached_artefacts() -> Path:
    """The folder holding the wheel, the site's lock file and standard library, built if needed."""
    final = CACHE / cache_key()
    if (final / LOCK_FILE).is_file():
        os.utime(final)  # recently used: pruned last
        return final
    CACHE.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="tmp-", dir=CACHE))
    try:
        source = work / "source"
        register_wheel(build_wheel(source), source / LOCK_FILE)
        compiled = precompile(source, work)
        lock_compiled_wheel(source / LOCK_FILE, compiled, work / LOCK_FILE)
        shutil.rmtree(source)
        try:
            work.rename(final)
        except OSError:
            if not (final / LOCK_FILE).is_file():  # not a concurrent build that won the race
                raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    _prune_cache(keep=final)
    return final


def _prune_cache(keep: Path) -> None:
    """Drop all but the newest CACHE_KEEP builds, so that editing the rules all day
    under ``mkdocs serve`` does not pile up wheels. Unfinished ``tmp-`` folders
    may belong to a concurrent build and are left alone."""
    builds = sorted(
        (p for p in CACHE.iterdir() if p.is_dir() and not p.name.startswith("tmp-") and p != keep),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for old in builds[CACHE_KEEP - 1 :]:
        shutil.rmtree(old, ignore_errors=True)


def install_runtime(site_dir: Path) -> Path:
    """Put the runtime, the wheel and the lock file into ``<site_dir>/pyodide/``."""
    check_runtime_present()
    artefacts = cached_artefacts()
    target = site_dir / SITE_SUBDIR
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in NPM_FILES:
        shutil.copyfile(PYODIDE_PACKAGE / name, target / name)
    for path in artefacts.iterdir():
        if path.name in (LOCK_FILE, STDLIB) or path.suffix == ".whl":
            shutil.copyfile(path, target / path.name)
    return target


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    check_runtime_present()
    return config


def on_post_build(config: MkDocsConfig) -> None:
    install_runtime(Path(config.site_dir))
