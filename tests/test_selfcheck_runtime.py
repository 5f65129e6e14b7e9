"""The self-check as built: the self-hosted Pyodide runtime, the eligibility
wheel in the site's lock file, and the quiz form as plain HTML.

No browser here: these check the files the build writes (the browser tests in
test_selfcheck.py check that Chromium really loads them).
"""

from __future__ import annotations

import hashlib
import json
import shutil
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


@pytest.mark.parametrize("name", ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip"])
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


def test_wheel_holds_exactly_the_repositorys_package_source(site_dir: Path) -> None:
    with zipfile.ZipFile(site_wheel(site_dir)) as wheel:
        packaged = {n: wheel.read(n) for n in wheel.namelist() if n.startswith("eligibility/")}
    source = {
        p.relative_to(ROOT).as_posix(): p.read_bytes()
        for p in (ROOT / "eligibility").rglob("*.py")
        if "__pycache__" not in p.parts
    }
    assert packaged == source


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


def test_only_the_selfcheck_page_loads_the_selfcheck_script(site_dir: Path) -> None:
    loading = []
    for page in site_dir.rglob("*.html"):
        html = parse_file(page)
        sources = [e.attrs.get("src", "") + e.attrs.get("href", "") for e in html.iter() if e.tag in ("script", "link")]
        if any("selfcheck" in s or "pyodide" in s for s in sources):
            loading.append(page.relative_to(site_dir).as_posix())
    assert loading == ["auto-evaluation/index.html"]


def test_no_inline_script_or_style_attribute_in_the_quiz(quiz: Element) -> None:
    for element in quiz.iter():
        assert not (element.tag == "script" and "src" not in element.attrs), "inline script"
        assert "style" not in element.attrs
        assert not any(name.startswith("on") for name in element.attrs), element.attrs
