"""The Pyodide runtime as the site serves it: only the files a browser needs,
the ``eligibility`` wheel compiled from exactly the repository's source and
registered in the site's lock file with its sha256, the standard library with
the worker's modules as bytecode; and how the build makes them (reproducible,
cached by content, stopping with the fix when a tool is missing).

No browser here: these check the files the build writes (the browser tests
check that Chromium really loads them).
"""

from __future__ import annotations

import _imp
import base64
import hashlib
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from sitebuild import pyodide_bundle
from sitebuild.cache import BuildCache
from sitebuild.errors import BuildError
from sitebuild.pyodide_bundle import (
    IMPORTS,
    LOCK_FILE,
    PRECOMPILER,
    RUNTIME_FILES,
    STDLIB,
    RuntimeBundle,
    content_hash,
)
from support.site import ROOT, runtime_dir

NPM_PYODIDE = ROOT / "node_modules" / "pyodide"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def site_wheel(site_dir: Path) -> Path:
    wheels = sorted(runtime_dir(site_dir).glob("eligibility-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


def served(site_dir: Path) -> dict[str, Path]:
    """The runtime's files as the site serves them (not their .br/.gz siblings)."""
    return {p.name: p for p in runtime_dir(site_dir).iterdir() if p.suffix not in (".gz", ".br")}


# --- the runtime in the site -------------------------------------------------


def test_site_serves_only_the_runtime_files_a_browser_needs(site_dir: Path) -> None:
    # .gz/.br siblings are the same files, precompressed (tests/test_build_precompress.py).
    assert set(served(site_dir)) == {*RUNTIME_FILES, LOCK_FILE, site_wheel(site_dir).name}


def test_the_runtime_folder_is_named_after_the_content_it_serves(site_dir: Path) -> None:
    folder = runtime_dir(site_dir)
    assert re.fullmatch(r"[0-9a-f]{16}", folder.name)
    assert folder.name == content_hash(list(served(site_dir).values()))
    assert folder.name == RuntimeBundle().served_hash()


def test_the_content_hash_changes_with_any_byte_and_only_then(tmp_path: Path) -> None:
    files = [tmp_path / name for name in ("a.wasm", "b.zip")]
    for path in files:
        path.write_bytes(b"runtime " + path.name.encode())
    before = content_hash(files)
    assert content_hash(list(reversed(files))) == before
    files[1].write_bytes(b"runtime b.zip!")
    assert content_hash(files) != before


@pytest.mark.parametrize("name", ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm"])
def test_site_runtime_file_is_byte_identical_to_the_npm_package(site_dir: Path, name: str) -> None:
    assert served(site_dir)[name].read_bytes() == (NPM_PYODIDE / name).read_bytes()


def test_npm_pyodide_is_the_version_pinned_in_package_lock() -> None:
    pinned = json.loads((ROOT / "package-lock.json").read_text())["packages"]["node_modules/pyodide"]["version"]
    installed = json.loads((NPM_PYODIDE / "package.json").read_text())["version"]
    assert installed == pinned


def test_wheel_is_registered_in_the_sites_lock_file_with_its_sha256(site_dir: Path) -> None:
    wheel = site_wheel(site_dir)
    lock = json.loads(served(site_dir)[LOCK_FILE].read_text())
    entry = lock["packages"]["eligibility"]
    assert entry["file_name"] == wheel.name  # relative: fetched next to the lock file
    assert entry["sha256"] == sha256(wheel)
    assert entry["imports"] == ["eligibility"]
    assert entry["depends"] == []


def test_sites_lock_file_is_the_runtimes_info_and_the_wheel_only(site_dir: Path) -> None:
    site_lock = json.loads(served(site_dir)[LOCK_FILE].read_text())
    npm_lock = json.loads((NPM_PYODIDE / LOCK_FILE).read_text())
    assert site_lock["info"] == npm_lock["info"]
    assert set(site_lock["packages"]) == {"eligibility"}
    assert len(served(site_dir)[LOCK_FILE].read_bytes()) < 1024


def repository_package_source() -> dict[str, bytes]:
    return {
        p.relative_to(ROOT).as_posix(): p.read_bytes()
        for p in (ROOT / "eligibility").rglob("*.py")
        if "__pycache__" not in p.parts
    }


def repository_package_data() -> dict[str, bytes]:
    """The package's data files (the communes, the contacts), read with importlib.resources."""
    return {p.relative_to(ROOT).as_posix(): p.read_bytes() for p in (ROOT / "eligibility" / "data").rglob("*.json")}


def test_wheel_holds_the_repositorys_package_compiled_from_exactly_its_source(site_dir: Path) -> None:
    with zipfile.ZipFile(site_wheel(site_dir)) as wheel:
        packaged = {n: wheel.read(n) for n in wheel.namelist() if n.startswith("eligibility/")}
    source, data = repository_package_source(), repository_package_data()
    assert {"eligibility/data/communes.json", "eligibility/data/contacts.json"} <= set(data)
    assert set(packaged) == {name + "c" for name in source} | set(data)
    for name, content in data.items():
        assert packaged[name] == content, f"{name} differs from the repository's"
    for name, code in source.items():
        pyc = packaged[name + "c"]
        magic, flags, source_hash = pyc[:4], pyc[4:8], pyc[8:16]
        # Unchecked-hash bytecode: the header carries the hash of the source it was
        # compiled from (keyed by the interpreter's magic number, CPython's rule).
        assert flags == (1).to_bytes(4, "little"), name
        assert source_hash == _imp.source_hash(int.from_bytes(magic, "little"), code), name


def test_wheels_record_lists_every_file_with_its_hash(site_dir: Path) -> None:
    with zipfile.ZipFile(site_wheel(site_dir)) as wheel:
        files = {n: wheel.read(n) for n in wheel.namelist()}
    (record_name,) = [n for n in files if n.endswith(".dist-info/RECORD")]
    rows = [line.split(",") for line in files[record_name].decode().splitlines()]
    assert {row[0] for row in rows} == set(files)
    for name, digest, size in rows:
        if name != record_name:
            expected = base64.urlsafe_b64encode(hashlib.sha256(files[name]).digest()).rstrip(b"=").decode()
            assert (digest, size) == (f"sha256={expected}", str(len(files[name]))), name


# --- the standard library: what the worker imports, and nothing else ----------------

WORKER_MODULES = ("tarfile", "importlib/metadata/__init__", "json/__init__", "dataclasses", "asyncio/__init__")
"""Modules the worker imports before it is ready: Pyodide's package loader, the rules, Pyodide itself."""

UNUSED_MODULES = ("ftplib", "imaplib", "smtplib", "mailbox", "difflib", "calendar", "tkinter/__init__")


def recorded_imports() -> dict:
    return json.loads((RuntimeBundle().artefacts() / IMPORTS).read_text(encoding="utf-8"))


def test_site_stdlib_holds_exactly_the_modules_the_worker_imports(site_dir: Path) -> None:
    imports = recorded_imports()
    boot = set(imports["boot"])
    later = set().union(*map(set, imports["requests"].values())) - boot
    with zipfile.ZipFile(served(site_dir)[STDLIB]) as site, zipfile.ZipFile(NPM_PYODIDE / STDLIB) as npm:
        entries = {info.filename: info for info in site.infolist()}
        assert {name.removesuffix("c") for name in entries} == boot | later
        assert 100 < len(entries) < len(npm.namelist()) / 2
        for name in boot:
            assert name + "c" in entries, f"{name}: run at every start, it must be bytecode"
        for name, info in entries.items():
            assert info.compress_type == zipfile.ZIP_STORED, f"{name}: stored, the host sends the archive in Brotli"
            if name.endswith(".py"):
                assert site.read(name) == npm.read(name), name


def test_modules_the_worker_imports_are_bytecode_and_the_others_are_left_out(site_dir: Path) -> None:
    with zipfile.ZipFile(served(site_dir)[STDLIB]) as archive:
        names = set(archive.namelist())
    for module in WORKER_MODULES:
        assert f"{module}.pyc" in names and f"{module}.py" not in names, module
    for module in UNUSED_MODULES:
        assert f"{module}.py" not in names and f"{module}.pyc" not in names, module


def test_the_served_stdlib_is_a_third_of_the_published_one_on_the_wire(site_dir: Path) -> None:
    sibling = served(site_dir)[STDLIB].with_name(STDLIB + ".br")
    published = (NPM_PYODIDE / STDLIB).stat().st_size  # deflated inside: sent as it is
    assert sibling.stat().st_size < published / 2.5


RUN_SITE_RUNTIME = """
const [dir] = process.argv.slice(1);
const { loadPyodide } = await import(dir + "/pyodide.mjs");
const pyodide = await loadPyodide({ indexURL: dir + "/", packageCacheDir: dir });
await pyodide.loadPackage("eligibility", { messageCallback: () => {} });
const protocol = pyodide.pyimport("eligibility.protocol");
const reply = protocol.handle('{"id": 1, "type": "applicable", "form": []}');
const util = pyodide.pyimport("importlib.util");
const sys = pyodide.pyimport("sys");
const origins = Object.fromEntries(["tarfile", "json", "eligibility.hours", "eligibility.obligation",
  "eligibility.law", "eligibility.territory", "eligibility.protocol"].map(
  (name) => [name, sys.modules.get(name)?.__spec__.origin ?? null]));
const docs = { json: pyodide.pyimport("json").__doc__ ?? null, protocol: protocol.__doc__ ?? null };
const examples = protocol.EXAMPLES.toJs({ dict_converter: Object.fromEntries });
const replies = Object.entries(examples).flatMap(([type, list]) =>
  list.map((fields) => JSON.parse(protocol.handle(JSON.stringify({ ...fields, id: 1, type })))));
console.log(JSON.stringify({ reply: JSON.parse(reply), magic: [...util.MAGIC_NUMBER.toJs()], origins, docs, replies }));
"""


@pytest.mark.slow
def test_pyodide_runs_the_sites_stdlib_and_rules_from_their_bytecode(site_dir: Path) -> None:
    node = shutil.which("node")
    assert node, "Node.js is needed to build the site (and by this test)"
    run = subprocess.run([node, "--input-type=module", "-e", RUN_SITE_RUNTIME, "--", str(runtime_dir(site_dir))],
                         capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result["reply"]["ok"] is True
    assert result["origins"]["tarfile"].endswith("/tarfile.pyc")
    assert result["origins"]["json"].endswith("/json/__init__.pyc")
    assert result["origins"]["eligibility.hours"] is None, "the self-check's start-up does not import the estimator"
    for module in ("eligibility.obligation", "eligibility.law", "eligibility.territory"):
        assert result["origins"][module] is None, f"the self-check's start-up does not import {module}"
    assert result["origins"]["eligibility.protocol"].endswith("/site-packages/eligibility/protocol.pyc")
    # The standard library without its docstrings (python -OO), the rules with theirs.
    assert result["docs"] == {"json": None, "protocol": result["docs"]["protocol"]} and result["docs"]["protocol"]
    internal = [reply for reply in result["replies"] if not reply["ok"] and reply["error"]["field"] is None]
    assert internal == [], "a request failed inside the runtime (a module missing?)"
    headers = set()
    for archive_path in (served(site_dir)[STDLIB], site_wheel(site_dir)):
        with zipfile.ZipFile(archive_path) as archive:
            headers |= {archive.read(name)[:8] for name in archive.namelist() if name.endswith(".pyc")}
    # One header for all, the rules' as the standard library's: the runtime's magic
    # number, then flags 0b01 (hash-based, not checked against a source: there is none).
    assert headers == {bytes(result["magic"]) + (1).to_bytes(4, "little")}


# --- how the build makes them ---------------------------------------------------


def copy_project(destination: Path) -> Path:
    shutil.copytree(ROOT / "eligibility", destination / "eligibility", ignore=shutil.ignore_patterns("__pycache__"))
    for name in pyodide_bundle.PROJECT_FILES:
        shutil.copyfile(ROOT / name, destination / name)
    return destination


class CopyingBundle(RuntimeBundle):
    """These tests are about the wheel and the lock file: the precompiling step
    (4 s of Node per build, tested above on the real build) is replaced by a
    record of two modules, "compiled" as copies of their source, and the wheel
    as it is."""

    def precompile(self, artefacts: Path, output: Path) -> Path:
        modules = ["json/__init__.py", "json/decoder.py"]
        with zipfile.ZipFile(self.pyodide / STDLIB) as source, \
                zipfile.ZipFile(output / "compiled-stdlib.zip", "w") as compiled:
            for name in modules:
                compiled.writestr(name + "c", source.read(name))
        (output / IMPORTS).write_text(json.dumps({"boot": modules, "requests": {}}), encoding="utf-8")
        (wheel,) = artefacts.glob("*.whl")
        return Path(shutil.copy(wheel, output))


def bundle_of(project: Path, cache: Path) -> RuntimeBundle:
    return CopyingBundle(project=project, cache=BuildCache(cache))


@pytest.mark.slow
def test_wheel_build_is_reproducible(tmp_path: Path) -> None:
    bundle = RuntimeBundle()
    first = bundle.build_wheel(tmp_path / "first")
    second = bundle.build_wheel(tmp_path / "second")
    assert first.name == second.name
    assert first.read_bytes() == second.read_bytes()


def test_the_wheel_carries_no_readme(site_dir: Path) -> None:
    with zipfile.ZipFile(site_wheel(site_dir)) as wheel:
        (metadata,) = [n for n in wheel.namelist() if n.endswith(".dist-info/METADATA")]
        text = wheel.read(metadata).decode()
    assert "Description-Content-Type" not in text
    assert "make serve" not in text  # the project's README is for developers, not for every visitor


def test_cache_key_follows_the_package_source(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    bundle = bundle_of(project, tmp_path / "cache")
    before = bundle.key()
    assert bundle.key() == before
    (project / "eligibility" / "__pycache__").mkdir(exist_ok=True)
    (project / "eligibility" / "__pycache__" / "x.cpython-312.pyc").write_bytes(b"noise")
    assert bundle.key() == before, "bytecode caches must not trigger a rebuild"
    criteria = project / "eligibility" / "criteria.py"
    criteria.write_text(criteria.read_text() + "\n# edited\n")
    assert bundle.key() != before


def test_cache_key_follows_the_package_data(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    bundle = bundle_of(project, tmp_path / "cache")
    before = bundle.key()
    contacts = project / "eligibility" / "data" / "contacts.json"
    contacts.write_text(contacts.read_text().replace("Service insertion", "Service edited"))
    assert bundle.key() != before


def test_cache_key_follows_the_precompiler(tmp_path: Path) -> None:
    mjs, py = (Path(shutil.copy(script, tmp_path)) for script in PRECOMPILER)
    bundle = CopyingBundle(project=copy_project(tmp_path / "project"), cache=BuildCache(tmp_path / "cache"),
                           precompiler=(mjs, py))
    scripts = (mjs, py)
    before = bundle.key()
    scripts[1].write_text(scripts[1].read_text() + "\n# edited\n")
    assert bundle.key() != before


def test_missing_node_stops_the_build_and_says_what_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # a machine without Node.js
    with pytest.raises(BuildError, match=r"Node\.js not found: the build runs Pyodide"):
        pyodide_bundle.node()


@pytest.mark.slow
def test_edited_source_gives_a_new_wheel_and_lock_entry(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    bundle = bundle_of(project, tmp_path / "cache")
    site = tmp_path / "site"
    first = json.loads((bundle.install(site) / LOCK_FILE).read_text())["packages"]["eligibility"]
    criteria = project / "eligibility" / "criteria.py"
    criteria.write_text(criteria.read_text() + "\n# edited\n")
    target = bundle.install(site)
    second = json.loads((target / LOCK_FILE).read_text())["packages"]["eligibility"]
    assert second["sha256"] != first["sha256"]
    assert second["sha256"] == sha256(target / second["file_name"])


@pytest.mark.slow
def test_an_unchanged_project_reuses_its_cached_bundle(tmp_path: Path) -> None:
    bundle = bundle_of(copy_project(tmp_path / "project"), tmp_path / "cache")
    first = bundle.artefacts()
    marker = first / "marker"
    marker.write_text("still here")
    assert bundle.artefacts() == first and marker.is_file()


def test_missing_npm_pyodide_stops_the_build_and_says_make_deps(tmp_path: Path) -> None:
    bundle = RuntimeBundle(pyodide=tmp_path / "node_modules" / "pyodide")
    with pytest.raises(BuildError, match="make deps"):
        bundle.check_present()


@pytest.mark.slow
def test_failing_wheel_build_stops_the_build_with_the_backends_message(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "pyproject.toml").write_text('[project]\nname = "eligibility"\nversion = "not a version"\n')
    with pytest.raises(BuildError, match="Building the eligibility wheel"):
        bundle_of(project, tmp_path / "cache").build_wheel(tmp_path / "out")
