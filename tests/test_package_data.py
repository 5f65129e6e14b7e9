"""The rules package's data files are what their sources give, byte for byte.

``eligibility/data/communes.json`` is regenerated from the npm package pinned
in package-lock.json (``@etalab/decoupage-administratif``) and
``eligibility/data/contacts.json`` from ``data/contacts.yml``, by the same
code as ``scripts/package_data.py``; a missing package, file or field stops
that script with a message naming it; the build refuses a stale contacts copy.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.package_data import NPM_PACKAGE, PACKAGE_COMMUNES, MissingData, communes_json, pinned_version
from sitebuild.contacts import (
    CONTACTS_FILE,
    PACKAGE_CONTACTS,
    check_package_contacts,
    load_contacts,
    package_contacts_json,
)
from sitebuild.errors import BuildError

ROOT = Path(__file__).resolve().parent.parent

needs_npm_package = pytest.mark.skipif(
    not (NPM_PACKAGE / "data" / "communes.json").is_file(),
    reason=f"{NPM_PACKAGE} is not installed (npm ci; make test installs it): the communes cannot be regenerated",
)


@needs_npm_package
def test_the_communes_file_is_what_the_pinned_npm_package_gives() -> None:
    assert communes_json() == PACKAGE_COMMUNES.read_text(encoding="utf-8"), (
        "eligibility/data/communes.json is stale: run `.venv/bin/python scripts/package_data.py`"
    )


@needs_npm_package
def test_the_installed_npm_package_is_the_pinned_one() -> None:
    installed = json.loads((NPM_PACKAGE / "package.json").read_text(encoding="utf-8"))["version"]
    assert installed == pinned_version() == "6.0.0"


def test_the_contacts_file_of_the_package_is_data_contacts_yml() -> None:
    assert package_contacts_json(load_contacts(CONTACTS_FILE)) == PACKAGE_CONTACTS.read_text(encoding="utf-8"), (
        "eligibility/data/contacts.json is stale: run `.venv/bin/python scripts/package_data.py`"
    )


def test_the_communes_file_says_its_source_and_holds_the_aude() -> None:
    data = json.loads(PACKAGE_COMMUNES.read_text(encoding="utf-8"))
    assert "@etalab/decoupage-administratif" in data["source"] and "Licence Ouverte" in data["source"]
    assert data["departement"] == {"code": "11", "name": "Aude"}
    assert data["fields"] == ["code", "name", "type", "postal_codes", "epci", "chef_lieu"]
    assert len(data["communes"]) == 442
    assert all(row[4] in data["epci"] for row in data["communes"])


# --- a missing package, file or field stops the script, naming it ----------------------


@pytest.fixture
def npm_copy(tmp_path: Path) -> Path:
    """A copy of the npm package's files the script reads, to break."""
    if not (NPM_PACKAGE / "data" / "communes.json").is_file():
        pytest.skip(f"{NPM_PACKAGE} is not installed (npm ci): nothing to copy")
    copy = tmp_path / "decoupage-administratif"
    (copy / "data").mkdir(parents=True)
    shutil.copyfile(NPM_PACKAGE / "package.json", copy / "package.json")
    for name in ("communes.json", "epci.json", "departements.json"):
        shutil.copyfile(NPM_PACKAGE / "data" / name, copy / "data" / name)
    return copy


def edit_json(path: Path, edit) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_a_copy_of_the_package_gives_the_same_file(npm_copy: Path) -> None:
    assert communes_json(npm_copy) == PACKAGE_COMMUNES.read_text(encoding="utf-8")


def test_a_missing_package_is_named_with_the_fix(tmp_path: Path) -> None:
    with pytest.raises(MissingData, match=r"decoupage-administratif/package\.json: not found .*npm ci"):
        communes_json(tmp_path / "decoupage-administratif")


@pytest.mark.parametrize("name", ["communes.json", "epci.json", "departements.json"])
def test_a_missing_data_file_is_named(npm_copy: Path, name: str) -> None:
    (npm_copy / "data" / name).unlink()
    with pytest.raises(MissingData, match=rf"data/{name}: not found"):
        communes_json(npm_copy)


def _first_aude(records: list[dict], kind: str) -> dict:
    return next(r for r in records if r.get("departement") == "11" and r["type"] == kind)


@pytest.mark.parametrize(
    ("file", "edit", "message"),
    [
        ("communes.json", lambda d: _first_aude(d, "commune-actuelle").pop("codesPostaux"), "'codesPostaux' missing"),
        ("communes.json", lambda d: _first_aude(d, "commune-actuelle").pop("nom"), "'nom' missing"),
        ("communes.json", lambda d: _first_aude(d, "commune-deleguee").pop("chefLieu"), "'chefLieu' missing"),
        ("epci.json", lambda d: d[0].pop("membres"), "'membres' missing"),
        ("epci.json", lambda d: [e.update(membres=[m for m in e["membres"] if m["code"] != "11264"]) for e in d],
         r"commune 11264 \(Névian\) is a member of no EPCI"),
    ],
    ids=["postal codes", "name", "chef-lieu", "members", "no EPCI"],
)
def test_a_missing_field_is_named(npm_copy: Path, file: str, edit, message: str) -> None:
    edit_json(npm_copy / "data" / file, edit)
    with pytest.raises(MissingData, match=message) as caught:
        communes_json(npm_copy)
    assert file in str(caught.value)


def test_another_version_than_the_pinned_one_is_refused(npm_copy: Path) -> None:
    edit_json(npm_copy / "package.json", lambda d: d.update(version="5.0.0"))
    with pytest.raises(MissingData, match=r"version 5\.0\.0 installed, 6\.0\.0 pinned"):
        communes_json(npm_copy)


def test_the_script_says_what_is_missing_and_exits_non_zero(tmp_path: Path) -> None:
    """Run as a file, as a developer does, on a project without node_modules."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "scripts", project / "scripts")
    shutil.copytree(ROOT / "sitebuild", project / "sitebuild")
    shutil.copytree(ROOT / "eligibility", project / "eligibility")
    shutil.copytree(ROOT / "data", project / "data")
    shutil.copyfile(ROOT / "package-lock.json", project / "package-lock.json")
    before = (project / "eligibility" / "data" / "communes.json").read_bytes()
    result = subprocess.run([sys.executable, str(project / "scripts" / "package_data.py")],
                            capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert result.returncode == 1
    assert "node_modules/@etalab/decoupage-administratif/package.json: not found" in result.stderr
    assert (project / "eligibility" / "data" / "communes.json").read_bytes() == before


# --- the build refuses a stale copy of the contacts ------------------------------------------


def test_a_stale_contacts_copy_stops_the_build_with_the_fix(tmp_path: Path) -> None:
    stale = tmp_path / "contacts.json"
    stale.write_text(PACKAGE_CONTACTS.read_text(encoding="utf-8").replace("04 68 10 56 40", "04 68 10 56 41"))
    with pytest.raises(BuildError, match=r"contacts\.json: out of date with .*contacts\.yml: run .*package_data\.py"):
        check_package_contacts(CONTACTS_FILE, stale)
    with pytest.raises(BuildError, match="out of date"):
        check_package_contacts(CONTACTS_FILE, tmp_path / "missing.json")
    check_package_contacts(CONTACTS_FILE, PACKAGE_CONTACTS)  # the committed one is current
