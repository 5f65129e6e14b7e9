"""The Pyodide runtime and the ``eligibility`` rules, served by the site itself.

Why: the runtime pages run the very Python rules the tests check, in the
visitor's browser, and no request may leave the site (no CDN). So the build

1. copies only the runtime files the browser needs from the npm package
   ``pyodide`` (pinned in package-lock.json);
2. builds the ``eligibility`` wheel from the repository's source (pure Python,
   so hatchling is enough: ``pyodide build`` would need an internet download);
3. registers that wheel in a ``pyodide-lock.json`` with pyodide-build's CLI
   (``pyodide lockfile add-wheels``), so that ``loadPackage("eligibility")``
   finds it next to the runtime and checks its sha256;
4. runs Pyodide's own interpreter under Node (``sitebuild/precompile.py``):
   it records which modules of the standard library the worker imports,
   compiles them, and compiles the wheel's modules;
5. writes the site's ``python_stdlib.zip`` with only those modules
   (:mod:`sitebuild.stdlib`), and the site's lock file with only what the
   pages load: the runtime's ``info`` and the compiled wheel, with its sha256
   (npm's lock lists 357 packages the site never loads: 119 KB).

The wheel holds the package's Python modules and its data files
(``eligibility/data/``), so that the rules need nothing else in the browser.

Steps 2 to 5 are one entry of the build cache (:mod:`sitebuild.cache`), keyed
by everything they read: a rebuild with the same rules is a few file copies,
and an edit to ``eligibility/`` makes a new wheel. The wheel is reproducible
(fixed SOURCE_DATE_EPOCH), so the same source always gives the same sha256.

The site serves these files from ``pyodide/<hash>/``, the hash being that of
their content (:meth:`RuntimeBundle.served_hash`): a new runtime, new rules or
a new standard library give a new folder, so a host can let browsers keep the
files for a year without asking again (``Cache-Control: immutable``) and a
return visit fetches nothing of the runtime.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from pyodide_lock import PyodideLockSpec

from .cache import BuildCache, key
from .errors import BuildError
from .paths import PYODIDE_PACKAGE, ROOT
from .stdlib import served_stdlib

SITE_SUBDIR = "pyodide"
"""Where the runtimes live in the site: ``<site>/pyodide/<hash>/`` is the worker's indexURL."""

STDLIB = "python_stdlib.zip"
NPM_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")
"""Runtime files served exactly as the npm package has them."""

RUNTIME_FILES = (*NPM_FILES, STDLIB)
"""The only runtime files a browser fetches (module worker, Pyodide >= 314): no
source maps, no classic ``pyodide.js``, no console pages. The standard library
is the site's own (step 5)."""

IMPORTS = "imports.json"
"""What the worker imports from the standard library (step 4), kept with the
bundle for the tests and the benchmark; not served."""

HASH_FILE = "served-hash"
"""The hash of the served files, written once the bundle is made."""

LOCK_FILE = "pyodide-lock.json"

PACKAGE_DATA_DIR = "data"
DATA_SUFFIXES = (".json",)
"""The package's data files: ``eligibility/data/*.json`` (scripts/package_data.py writes them)."""

PROJECT_FILES = ("pyproject.toml",)
"""Files of the project, besides the package's source, that the wheel is built from."""

PRECOMPILER = (Path(__file__).with_name("precompile.mjs"), Path(__file__).with_name("precompile.py"))
"""The build's Node step and the Python it runs inside Pyodide (step 4)."""

SOURCE_DATE_EPOCH = "315532800"
"""1980-01-01, the earliest ZIP timestamp: a fixed date makes the wheel byte-for-byte
reproducible (hatchling honours SOURCE_DATE_EPOCH). An outer value wins."""

FORMAT = "5"
"""Bump when the way the bundle is made changes, to leave old cache entries behind."""


def node() -> str:
    """Node.js, which runs Pyodide at build time (step 4)."""
    found = shutil.which("node")
    if not found:
        raise BuildError("Node.js not found: the build runs Pyodide under Node to precompile "
                         "its standard library. Install Node.js 20 (it also provides npm).")
    return found


def pyodide_cli() -> Path:
    """pyodide-build's CLI installed next to the running interpreter (the venv)."""
    cli = Path(sys.executable).parent / "pyodide"
    if not cli.exists():
        raise BuildError(f"{cli} not found: run `make deps` to install pyodide-build.")
    return cli


def run(command: list[str], cwd: Path, what: str) -> None:
    """Run a build tool; a failure stops the build with the tool's own output."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)}
    try:
        result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise BuildError(f"{what} failed: {error}") from None
    if result.returncode != 0:
        raise BuildError(f"{what} failed (exit {result.returncode}):\n{result.stdout}\n{result.stderr}")


def single_wheel(folder: Path) -> Path:
    wheels = sorted(folder.glob("eligibility-*.whl"))
    if len(wheels) != 1:
        raise BuildError(f"expected one eligibility wheel in {folder}, found {[w.name for w in wheels]}")
    return wheels[0]


def site_lock(source_lock: Path, compiled: Path, lock_out: Path) -> None:
    """Write ``lock_out``: ``source_lock``'s ``info`` and its eligibility entry,
    naming the compiled wheel and its sha256 (as ``pyodide py-compile`` updates
    a lock file); no other package, since the pages load no other.

    Why not ``add-wheels`` on the compiled wheel: pyodide-lock reads a wheel's
    import names from its ``.py`` files, and would list none for bytecode only.
    """
    lock = PyodideLockSpec.from_json(source_lock)
    entry = lock.packages["eligibility"]
    if entry.depends:
        raise BuildError(f"the eligibility wheel depends on {entry.depends}: the site's lock file would lack them")
    entry.file_name = compiled.name
    entry.sha256 = hashlib.sha256(compiled.read_bytes()).hexdigest()
    lock.packages = {"eligibility": entry}
    lock.to_json(lock_out)


def content_hash(files: list[Path]) -> str:
    """A short hash of the files' names and bytes (the served folder's name)."""
    ordered = sorted(files, key=lambda path: path.name)
    return key(*(part for path in ordered for part in (path.name, path.read_bytes())))[:16]


@dataclass(frozen=True)
class RuntimeBundle:
    """The runtime files and the rules' wheel, made from ``project`` and npm's ``pyodide``."""

    project: Path = ROOT
    pyodide: Path = PYODIDE_PACKAGE
    cache: BuildCache = field(default_factory=BuildCache)
    precompiler: tuple[Path, Path] = PRECOMPILER

    @property
    def package(self) -> Path:
        return self.project / "eligibility"

    def check_present(self) -> None:
        """Fail early, with the fix, when the npm package is not installed."""
        missing = [name for name in (*RUNTIME_FILES, LOCK_FILE) if not (self.pyodide / name).is_file()]
        if missing:
            raise BuildError(
                f"Pyodide runtime not found: {self.pyodide} lacks {', '.join(missing)}. "
                "Run `make deps` (npm ci) to install the npm package `pyodide`."
            )

    def sources(self) -> list[Path]:
        """The files that go into the wheel, sorted: the package's Python files and
        its data files (``eligibility/data/``: the communes and the contacts, which
        the rules read with importlib.resources, so the wheel alone is enough)."""
        python = (p for p in self.package.rglob("*.py") if "__pycache__" not in p.parts)
        data = (p for p in (self.package / PACKAGE_DATA_DIR).rglob("*") if p.is_file() and p.suffix in DATA_SUFFIXES)
        return sorted({*python, *data})

    def key(self) -> str:
        """Hash of every input of the wheel, the lock file and the precompiled library."""
        inputs = [
            *((f"eligibility/{p.relative_to(self.package).as_posix()}", p) for p in self.sources()),
            *((name, self.project / name) for name in PROJECT_FILES),
            *((f"pyodide/{name}", self.pyodide / name) for name in (LOCK_FILE, "package.json", STDLIB)),
            *((f"precompiler/{p.name}", p) for p in self.precompiler),
            ("sitebuild/stdlib.py", Path(__file__).with_name("stdlib.py")),  # which modules, in which form
        ]
        parts: list[bytes | str] = [FORMAT, os.environ.get("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)]
        for label, path in inputs:
            parts += [label, path.read_bytes() if path.exists() else b"<missing>"]
        return key(*parts)[:20]

    def artefacts(self) -> Path:
        """The cached folder holding the compiled wheel, the site's lock file and standard library."""
        return self.cache.folder_entry(f"pyodide-bundle-{self.key()}", self._make)

    def _make(self, work: Path) -> None:
        source, compiled = work / "source", work / "compiled"
        self.register_wheel(self.build_wheel(source), source / LOCK_FILE)
        compiled.mkdir()
        wheel = self.precompile(source, compiled)
        imports = json.loads((compiled / IMPORTS).read_text(encoding="utf-8"))
        (work / STDLIB).write_bytes(served_stdlib(self.pyodide / STDLIB, compiled / "compiled-stdlib.zip", imports))
        (work / IMPORTS).write_text(json.dumps(imports, indent=1, sort_keys=True), encoding="utf-8")
        site_lock(source / LOCK_FILE, wheel, work / LOCK_FILE)
        shutil.move(wheel, work / wheel.name)
        shutil.rmtree(source)
        shutil.rmtree(compiled)
        served = [work / name for name in (STDLIB, LOCK_FILE, wheel.name)] + [self.pyodide / n for n in NPM_FILES]
        (work / HASH_FILE).write_text(content_hash(served), encoding="ascii")

    def served_hash(self) -> str:
        """The name of the folder the site serves this runtime from (made if needed)."""
        return (self.artefacts() / HASH_FILE).read_text(encoding="ascii")

    def build_wheel(self, destination: Path) -> Path:
        """Build the eligibility wheel from a staging copy of the source into ``destination``.

        A staging copy keeps stray files (``__pycache__``, editor files) out of the
        wheel and keeps concurrent builds from writing into the working tree.
        """
        destination.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="eligibility-wheel-") as tmp:
            staging = Path(tmp)
            for source in self.sources():
                target = staging / "eligibility" / source.relative_to(self.package)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)
            for name in PROJECT_FILES:
                shutil.copyfile(self.project / name, staging / name)
            out = staging / "dist"
            run([sys.executable, "-c", "import sys; from hatchling.build import build_wheel; build_wheel(sys.argv[1])",
                 str(out)], cwd=staging, what="Building the eligibility wheel (hatchling)")
            wheel = single_wheel(out)
            return Path(shutil.copy2(wheel, destination / wheel.name))

    def register_wheel(self, wheel: Path, lock_out: Path) -> None:
        """Write ``lock_out``: Pyodide's lock file plus the wheel, with its sha256.

        ``--base-path`` is the wheel's folder, so the lock names it by file name and
        Pyodide fetches it next to the lock file.
        """
        run([str(pyodide_cli()), "lockfile", "add-wheels", str(wheel),
             "--input", str(self.pyodide / LOCK_FILE), "--output", str(lock_out),
             "--base-path", str(wheel.parent)],
            cwd=self.project,
            what="Registering the eligibility wheel in pyodide-lock.json (pyodide lockfile add-wheels)")

    def precompile(self, artefacts: Path, output: Path) -> Path:
        """Write into ``output`` what the worker imports from the standard library
        (``imports.json``), those modules compiled (``compiled-stdlib.zip``), and
        the wheel of ``artefacts`` (registered in its lock file) compiled; returns
        the compiled wheel."""
        run([node(), str(self.precompiler[0]), str(self.pyodide), str(artefacts), str(output)], cwd=self.project,
            what="Precompiling Pyodide's standard library and the wheel (sitebuild/precompile.mjs)")
        return single_wheel(output)

    def install(self, site_dir: Path) -> Path:
        """Put the runtime, the wheel and the lock file into ``<site_dir>/pyodide/<hash>/``
        (the only folder under ``pyodide/``); returns it."""
        self.check_present()
        artefacts = self.artefacts()
        root = site_dir / SITE_SUBDIR
        if root.exists():
            shutil.rmtree(root)
        target = root / self.served_hash()
        target.mkdir(parents=True)
        for name in NPM_FILES:
            shutil.copyfile(self.pyodide / name, target / name)
        for path in artefacts.iterdir():
            if path.name in (LOCK_FILE, STDLIB) or path.suffix == ".whl":
                shutil.copyfile(path, target / path.name)
        return target
