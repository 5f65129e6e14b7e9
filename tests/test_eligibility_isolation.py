"""The package needs nothing but the standard library, on any Python from 3.12.

It runs unchanged in Pyodide, where only what the site ships can be imported,
so a stray third-party import would break the quiz in the browser only. Two
checks: a static one over every module's ``import`` statements (catches imports
in code paths no test runs), and a dynamic one in a fresh interpreter started
without site-packages (catches imports done indirectly).
"""

from __future__ import annotations

import ast
import glob
import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "eligibility"
MODULES = sorted(PACKAGE.glob("*.py"))


def imported_top_level_names(path: Path) -> set[str]:
    """Top-level names of absolute imports anywhere in a module (not only at the top)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
        elif isinstance(node, ast.Call) and getattr(node.func, "id", None) == "__import__":
            names.add("__import__()")  # dynamic imports would dodge this check: refuse them
    return names


def test_the_package_has_the_modules_this_check_expects() -> None:
    assert {p.name for p in MODULES} >= {
        "__init__.py",
        "answers.py",
        "criteria.py",
        "errors.py",
        "hours.py",
        "law.py",
        "obligation.py",
        "parameters.py",
        "protocol.py",
        "questions.py",
        "territory.py",
        "verdict.py",
    }


@pytest.mark.parametrize("module", MODULES, ids=lambda p: p.name)
def test_each_module_imports_only_the_standard_library(module: Path) -> None:
    outside = {name for name in imported_top_level_names(module) if name not in sys.stdlib_module_names}
    assert outside == set(), f"{module.name} imports {sorted(outside)}"


def test_the_static_check_does_see_a_third_party_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("from . import x\nimport json\ndef f():\n    import yaml.loader\n", encoding="utf-8")
    assert imported_top_level_names(sample) == {"json", "yaml"}


def test_the_distribution_declares_no_dependency() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["dependencies"] == []
    assert project["requires-python"] == ">=3.12"


# The child imports every module, runs each entry point once, and reports
# the modules that appeared. -I -S: no user site, no site-packages, no
# PYTHON* variables, so a third-party import can only fail.
CHILD = r"""
import json, sys
before = set(sys.modules)
sys.path.insert(0, sys.argv[1])
import pkgutil, importlib
import eligibility
for info in pkgutil.iter_modules(eligibility.__path__):
    importlib.import_module("eligibility." + info.name)
from eligibility import evaluate, handle
from eligibility.hours import insertion_hours
from eligibility.territory import find_communes, service_for
verdict = evaluate({"age": 52, "benefits": ["rsa"], "disabled_worker": False,
                    "job_seeker": True, "months_registered": 14})
reply = json.loads(handle(json.dumps({"id": 1, "type": "evaluate_form", "form": [["age", "22"]]})))
hours = insertion_hours(amount_ht=1_000_000, labour_share=0.5, insertion_rate=0.05, hourly_cost=30)
from eligibility.obligation import social_condition_required
required = social_condition_required(kind="services", amount_ht=300_000, buyer="collectivite",
                                     launch_date="2026-10-01").required
new = sorted(set(sys.modules) - before)
print(json.dumps({
    "version": list(sys.version_info[:2]),
    "matched": list(verdict.matched),
    "reply_ok": reply["ok"],
    "hours": hours,
    "required": required,
    "territory": [service_for("11264").organisation, find_communes("lezignan")[0].code],
    "outside": [m for m in new if m.split(".")[0] not in sys.stdlib_module_names
                and m.split(".")[0] != "eligibility"],
}))
"""


def run_child(python: str) -> dict:
    result = subprocess.run(
        [python, "-I", "-S", "-c", CHILD, str(ROOT)],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": os.environ.get("PATH", ""), "LANG": "C.UTF-8"},
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_a_bare_interpreter_imports_and_runs_the_package() -> None:
    report = run_child(sys.executable)
    assert report["outside"] == []
    assert report["matched"] == ["minimum_social", "senior_job_seeker", "long_term_job_seeker"]
    assert report["reply_ok"] is False  # a partial form: the reply is an error, as JSON
    assert report["hours"] == 833
    assert report["required"] is True
    assert report["territory"] == ["Le Grand Narbonne", "11203"]  # its data files, through importlib.resources


def other_pythons() -> list[str]:
    """Other interpreters >= 3.12 on this machine (PATH and pyenv), each once."""
    candidates = [shutil.which(f"python3.{minor}") for minor in range(12, 20)]
    candidates += sorted(glob.glob(str(Path.home() / ".pyenv" / "versions" / "3.*" / "bin" / "python3")))
    found: dict[tuple[int, int], str] = {}
    for candidate in filter(None, candidates):
        probe = subprocess.run(
            [candidate, "-c", "import sys; print(sys.version_info[0], sys.version_info[1])"],
            capture_output=True,
            text=True,
        )
        if probe.returncode != 0:
            continue  # e.g. a pyenv shim for a version that is not installed
        version = tuple(int(part) for part in probe.stdout.split())
        if version >= (3, 12) and version != sys.version_info[:2]:
            found.setdefault(version, candidate)  # type: ignore[arg-type]
    return [found[v] for v in sorted(found)]


@pytest.mark.parametrize("python", other_pythons() or [None])
def test_the_package_runs_on_every_other_python_from_3_12(python: str | None) -> None:
    if python is None:
        pytest.skip("no other Python >= 3.12 on this machine; the bare-interpreter test covers this one")
    report = run_child(python)
    assert report["version"] >= [3, 12]
    assert report["outside"] == []
    assert report["hours"] == 833
