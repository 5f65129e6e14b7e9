"""The self-check as built: the self-hosted Pyodide runtime, the eligibility
wheel in the site's lock file, and the quiz form as plain HTML.

No browser here: these check the files the build writes (the browser tests in
test_selfcheck.py check that Chromium really loads them).
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

from _hooks import load_hook
from mkdocs.exceptions import PluginError

from eligibility import QUESTIONS, applicable_questions
from eligibility.questions import NONE_OF_THESE

from _site_html import Element, article, parse_file

ROOT = Path(__file__).resolve().parent.parent
NPM_PYODIDE = ROOT / "node_modules" / "pyodide"




hook = load_hook("pyodide_runtime")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def site_wheel(site_dir: Path) -> Path:
    wheels = sorted((site_dir / "pyodide").glob("eligibility-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


# --- the runtime in the site -------------------------------------------------


def test_site_serves_only_the_runtime_files_a_browser_needs(site_dir: Path) -> None:
    # .gz/.br siblings are the same files, precompressed (tests/test_precompress.py).
    names = {p.name for p in (site_dir / "pyodide").iterdir() if p.suffix not in (".gz", ".br")}
    assert names == {*hook.RUNTIME_FILES, hook.LOCK_FILE, site_wheel(site_dir).name}


@pytest.mark.parametrize("name", ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm"])
def test_site_runtime_file_is_byte_identical_to_the_npm_package(site_dir: Path, name: str) -> None:
    assert (site_dir / "pyodide" / name).read_bytes() == (NPM_PYODIDE / name).read_bytes()


def test_npm_pyodide_is_the_version_pinned_in_package_lock() -> None:
    pinned = json.loads((ROOT / "package-lock.json").read_text())["packages"]["node_modules/pyodide"]["version"]
    installed = json.loads((NPM_PYODIDE / "package.json").read_text())["version"]
    assert installed == pinned


def test_wheel_is_registered_in_the_sites_lock_file_with_its_sha256(site_dir: Path) -> None:
    wheel = site_wheel(site_dir)
    lock = json.loads((site_dir / "pyodide" / hook.LOCK_FILE).read_text())
    entry = lock["packages"]["eligibility"]
    assert entry["file_name"] == wheel.name  # relative: fetched next to the lock file
    assert entry["sha256"] == sha256(wheel)
    assert entry["imports"] == ["eligibility"]
    assert entry["depends"] == []


def test_sites_lock_file_is_pyodides_plus_the_wheel_and_nothing_else(site_dir: Path) -> None:
    site_lock = json.loads((site_dir / "pyodide" / hook.LOCK_FILE).read_text())
    npm_lock = json.loads((NPM_PYODIDE / hook.LOCK_FILE).read_text())
    assert site_lock["info"] == npm_lock["info"]
    assert set(site_lock["packages"]) == set(npm_lock["packages"]) | {"eligibility"}
    for name, entry in npm_lock["packages"].items():
        assert site_lock["packages"][name] == entry, name


def repository_package_source() -> dict[str, bytes]:
    return {
        p.relative_to(ROOT).as_posix(): p.read_bytes()
        for p in (ROOT / "eligibility").rglob("*.py")
        if "__pycache__" not in p.parts
    }


def test_wheel_holds_the_repositorys_package_compiled_from_exactly_its_source(site_dir: Path) -> None:
    with zipfile.ZipFile(site_wheel(site_dir)) as wheel:
        packaged = {n: wheel.read(n) for n in wheel.namelist() if n.startswith("eligibility/")}
    source = repository_package_source()
    assert set(packaged) == {name + "c" for name in source}
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


# --- the standard library, the worker's modules precompiled ----------------------

WORKER_MODULES = ("tarfile", "importlib/metadata/__init__", "json/__init__", "dataclasses", "decimal",
                  "asyncio/__init__")
"""Modules the worker imports: Pyodide's package loader, the rules, the estimator, Pyodide itself."""

UNUSED_MODULES = ("ftplib", "imaplib", "smtplib", "mailbox", "difflib", "calendar")


def stdlib_names(zip_path: Path) -> list[str]:
    with zipfile.ZipFile(zip_path) as archive:
        return archive.namelist()


def test_site_stdlib_is_the_npm_one_with_some_modules_as_bytecode(site_dir: Path) -> None:
    site_zip, npm_zip = site_dir / "pyodide" / hook.STDLIB, NPM_PYODIDE / hook.STDLIB
    site_names = stdlib_names(site_zip)
    # Same entries in the same order, each either as published or its .py made .pyc.
    assert site_names == [name + "c" if name + "c" in site_names else name for name in stdlib_names(npm_zip)]
    with zipfile.ZipFile(site_zip) as site, zipfile.ZipFile(npm_zip) as npm:
        for name in set(site_names) & set(npm.namelist()):
            assert site.read(name) == npm.read(name), name


def test_modules_the_worker_imports_are_bytecode_and_the_others_stay_source(site_dir: Path) -> None:
    names = set(stdlib_names(site_dir / "pyodide" / hook.STDLIB))
    for module in WORKER_MODULES:
        assert f"{module}.pyc" in names and f"{module}.py" not in names, module
    for module in UNUSED_MODULES:
        assert f"{module}.py" in names and f"{module}.pyc" not in names, module


RUN_SITE_RUNTIME = """
const [dir] = process.argv.slice(1);
const { loadPyodide } = await import(dir + "/pyodide.mjs");
const pyodide = await loadPyodide({ indexURL: dir + "/", packageCacheDir: dir });
await pyodide.loadPackage("eligibility", { messageCallback: () => {} });
const reply = pyodide.pyimport("eligibility.protocol").handle('{"id": 1, "type": "applicable", "form": []}');
const util = pyodide.pyimport("importlib.util");
const sys = pyodide.pyimport("sys");
const origins = Object.fromEntries(["tarfile", "json", "eligibility.hours", "eligibility.protocol"].map(
  (name) => [name, sys.modules.get(name)?.__spec__.origin ?? null]));
console.log(JSON.stringify({ reply: JSON.parse(reply), magic: [...util.MAGIC_NUMBER.toJs()], origins }));
"""


def test_pyodide_runs_the_sites_stdlib_and_rules_from_their_bytecode(site_dir: Path) -> None:
    node = shutil.which("node")
    assert node, "Node.js is needed to build the site (and by this test)"
    run = subprocess.run([node, "--input-type=module", "-e", RUN_SITE_RUNTIME, "--", str(site_dir / "pyodide")],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result["reply"]["ok"] is True
    assert result["origins"]["tarfile"].endswith("/tarfile.pyc")
    assert result["origins"]["json"].endswith("/json/__init__.pyc")
    assert result["origins"]["eligibility.hours"] is None, "the self-check's start-up does not import the estimator"
    assert result["origins"]["eligibility.protocol"].endswith("/site-packages/eligibility/protocol.pyc")
    headers = set()
    for archive_path in (site_dir / "pyodide" / hook.STDLIB, site_wheel(site_dir)):
        with zipfile.ZipFile(archive_path) as archive:
            headers |= {archive.read(name)[:8] for name in archive.namelist() if name.endswith(".pyc")}
    # One header for all, the rules' as the standard library's: the runtime's magic
    # number, then flags 0b01 (hash-based, not checked against a source: there is none).
    assert headers == {bytes(result["magic"]) + (1).to_bytes(4, "little")}


# --- the hook's wheel build ---------------------------------------------------


def test_wheel_build_is_reproducible(tmp_path: Path) -> None:
    first = hook.build_wheel(tmp_path / "first")
    second = hook.build_wheel(tmp_path / "second")
    assert first.name == second.name
    assert first.read_bytes() == second.read_bytes()


def copy_project(destination: Path) -> Path:
    shutil.copytree(ROOT / "eligibility", destination / "eligibility", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copyfile(ROOT / name, destination / name)
    return destination


def point_hook_at(monkeypatch: pytest.MonkeyPatch, project: Path) -> None:
    monkeypatch.setattr(hook, "ROOT", project)
    monkeypatch.setattr(hook, "PACKAGE_SOURCE", project / "eligibility")
    monkeypatch.setattr(hook, "CACHE", project / "build" / "pyodide-runtime")
    # These tests are about the wheel and the lock file: the precompiling step
    # (4 s of Node per build, tested above on the real build) is a plain copy here.
    monkeypatch.setattr(hook, "precompile", copy_instead_of_precompiling)


def copy_instead_of_precompiling(artefacts: Path, output: Path) -> Path:
    shutil.copyfile(NPM_PYODIDE / hook.STDLIB, output / hook.STDLIB)
    (wheel,) = artefacts.glob("*.whl")
    return Path(shutil.copy(wheel, output))


def test_cache_key_follows_the_package_source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_project(tmp_path)
    point_hook_at(monkeypatch, project)
    before = hook.cache_key()
    assert hook.cache_key() == before
    (project / "eligibility" / "__pycache__").mkdir(exist_ok=True)
    (project / "eligibility" / "__pycache__" / "x.cpython-312.pyc").write_bytes(b"noise")
    assert hook.cache_key() == before, "bytecode caches must not trigger a rebuild"
    criteria = project / "eligibility" / "criteria.py"
    criteria.write_text(criteria.read_text() + "\n# edited\n")
    assert hook.cache_key() != before


def test_cache_key_follows_the_precompiler(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_project(tmp_path)
    point_hook_at(monkeypatch, project)
    scripts = tuple(Path(shutil.copy(script, project)) for script in hook.PRECOMPILE_SCRIPTS)
    monkeypatch.setattr(hook, "PRECOMPILE_SCRIPTS", scripts)
    before = hook.cache_key()
    scripts[1].write_text(scripts[1].read_text() + "\n# edited\n")
    assert hook.cache_key() != before


def test_missing_node_stops_the_build_and_says_what_for(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hook.shutil, "which", lambda name: None)
    with pytest.raises(PluginError, match="Node.js not found: the build runs Pyodide"):
        hook.node()


def test_edited_source_gives_a_new_wheel_and_lock_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_project(tmp_path / "project")
    point_hook_at(monkeypatch, project)
    site = tmp_path / "site"
    first = json.loads((hook.install_runtime(site) / hook.LOCK_FILE).read_text())["packages"]["eligibility"]
    criteria = project / "eligibility" / "criteria.py"
    criteria.write_text(criteria.read_text() + "\n# edited\n")
    target = hook.install_runtime(site)
    second = json.loads((target / hook.LOCK_FILE).read_text())["packages"]["eligibility"]
    assert second["sha256"] != first["sha256"]
    assert second["sha256"] == sha256(target / second["file_name"])


def test_cache_keeps_only_the_newest_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_project(tmp_path / "project")
    point_hook_at(monkeypatch, project)
    monkeypatch.setattr(hook, "CACHE_KEEP", 2)
    criteria = project / "eligibility" / "criteria.py"
    kept = []
    for edit in range(3):
        criteria.write_text(criteria.read_text() + f"\n# edit {edit}\n")
        kept.append(hook.cached_artefacts())
    assert sorted(p.name for p in hook.CACHE.iterdir()) == sorted(p.name for p in kept[1:])


def test_missing_npm_pyodide_stops_the_build_and_says_make_deps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(hook, "PYODIDE_PACKAGE", tmp_path / "node_modules" / "pyodide")
    with pytest.raises(PluginError, match="make deps"):
        hook.on_config(None)  # type: ignore[arg-type]


def test_failing_wheel_build_stops_the_build_with_the_backends_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_project(tmp_path)
    (project / "pyproject.toml").write_text('[project]\nname = "eligibility"\nversion = "not a version"\n')
    point_hook_at(monkeypatch, project)
    with pytest.raises(PluginError, match="Building the eligibility wheel"):
        hook.build_wheel(tmp_path / "out")


# --- the quiz as plain HTML ---------------------------------------------------


@pytest.fixture(scope="module")
def quiz(site_dir: Path) -> Element:
    return article(site_dir / "auto-evaluation" / "index.html").find("div", cls="selfcheck")


def by_id(root: Element, element_id: str) -> Element:
    return root.find(id=element_id)


def test_quiz_wrapper_starts_loading(quiz: Element) -> None:
    assert quiz.attrs["data-selfcheck"] == "loading"


def test_each_question_is_in_the_html_in_quiz_order_hidden_unless_it_applies_at_first(quiz: Element) -> None:
    wrappers = [e for e in quiz.iter() if "data-question" in e.attrs]
    assert [w.attrs["data-question"] for w in wrappers] == [q.id for q in QUESTIONS]
    first = set(applicable_questions({}))
    for wrapper in wrappers:
        assert ("hidden" in wrapper.attrs) == (wrapper.attrs["data-question"] not in first)


def test_number_questions_are_labelled_numeric_inputs_with_help_and_error_described(quiz: Element) -> None:
    for question in (q for q in QUESTIONS if q.kind == "integer"):
        control = quiz.find("input", name=question.id)
        assert control.attrs["type"] == "number"
        assert control.attrs["inputmode"] == "numeric"
        assert (control.attrs["min"], control.attrs["max"]) == (str(question.minimum), str(question.maximum))
        label = quiz.find("label", **{"for": control.attrs["id"]})
        assert label.text == question.label
        described = control.attrs["aria-describedby"].split()
        assert by_id(quiz, described[0]).text.startswith(question.help)
        assert "selfcheck__error" in by_id(quiz, described[1]).classes


def test_choice_questions_are_fieldsets_with_a_legend_and_a_label_per_choice(quiz: Element) -> None:
    for question in (q for q in QUESTIONS if q.kind != "integer"):
        fieldset = quiz.find("fieldset", data_question=question.id)
        assert fieldset.find("legend").text == question.label
        help_id, error_id = fieldset.attrs["aria-describedby"].split()
        assert by_id(quiz, help_id).text.startswith(question.help)
        assert "selfcheck__error" in by_id(quiz, error_id).classes
        choices = [*question.choices, *([NONE_OF_THESE] if question.kind == "multiple" else [])]
        controls = fieldset.find_all("input")
        assert [c.attrs["value"] for c in controls] == [c.code for c in choices]
        expected_type = "checkbox" if question.kind == "multiple" else "radio"
        for control, choice in zip(controls, choices, strict=True):
            assert control.attrs["type"] == expected_type
            assert control.attrs["name"] == question.id
            assert quiz.find("label", **{"for": control.attrs["id"]}).text == choice.label


def test_yes_no_answers_are_true_and_false(quiz: Element) -> None:
    for question in (q for q in QUESTIONS if q.kind == "yes_no"):
        values = [c.attrs["value"] for c in quiz.find_all("input", name=question.id)]
        assert values == ["true", "false"]


def test_form_has_one_submit_button_and_never_submits_anywhere(quiz: Element) -> None:
    form = quiz.find("form")
    buttons = form.find_all("button")
    submits = [b for b in buttons if b.attrs.get("type") == "submit"]
    assert [b.text for b in submits] == ["Voir mon résultat"]
    assert all(b.attrs.get("type") in ("submit", "button") for b in buttons)
    # method=dialog outside a dialog: a submit without the script goes nowhere,
    # so answers never reach a server, not even the site's own.
    assert form.attrs["method"] == "dialog"
    assert "action" not in form.attrs


def test_result_area_is_a_live_region_with_a_focusable_heading_and_the_contacts(quiz: Element) -> None:
    result = quiz.find(id="selfcheck-result")
    assert "hidden" in result.attrs
    live = next(e for e in quiz.iter() if e.attrs.get("aria-live") and result in e.iter())
    assert live.attrs["aria-live"] == "polite"
    assert result.find("h2").attrs["tabindex"] == "-1"
    assert len(result.find_all("li", cls="contact-card")) == 3


def test_fallback_has_the_criteria_and_contacts_as_text(quiz: Element) -> None:
    fallback = quiz.find(id="selfcheck-fallback")
    assert "hidden" in fallback.attrs
    assert len(fallback.find_all("li", cls="criterion")) == 5
    assert len(fallback.find_all("li", cls="contact-card")) == 3


def test_only_the_two_pages_that_run_the_rules_load_their_scripts(site_dir: Path) -> None:
    loading = {}
    for page in sorted(site_dir.rglob("*.html")):
        html = parse_file(page)
        sources = [e.attrs.get("src", "") + e.attrs.get("href", "") for e in html.iter() if e.tag in ("script", "link")]
        names = sorted({s.rsplit("/", 1)[-1] for s in sources if re.search(r"assets/(selfcheck|estimator)/|pyodide", s)})
        if names:
            loading[page.relative_to(site_dir).as_posix()] = names
    shared = ["runtime-form.css", "runtime-form.js", "runtime.js"]
    assert loading == {
        "auto-evaluation/index.html": sorted([*shared, "selfcheck.css", "selfcheck.js"]),
        "maitres-ouvrage/estimer-les-heures/index.html": sorted([*shared, "estimator.css", "estimator.js"]),
    }


def test_no_inline_script_or_style_attribute_in_the_quiz(quiz: Element) -> None:
    for element in quiz.iter():
        assert not (element.tag == "script" and "src" not in element.attrs), "inline script"
        assert "style" not in element.attrs
        assert not any(name.startswith("on") for name in element.attrs), element.attrs
