"""Write the data files the rules package ships (``eligibility/data/``).

The package must work from its wheel alone, in Pyodide as in CPython, with
neither npm nor ``data/`` at hand, so it carries its own copies, made here
and committed:

- ``communes.json``: the Aude's communes (current ones, communes déléguées and
  the commune associée), each with its postal codes and the EPCI that routes
  it, extracted from the npm package ``@etalab/decoupage-administratif``
  pinned in ``package-lock.json`` (INSEE's official geography, the DGCL's EPCI
  membership, La Poste's postal codes). Its ``index.js`` reads ``./data``
  relative to the working directory, so the JSON files are read directly.
- ``contacts.json``: ``data/contacts.yml`` as the package reads it
  (:func:`sitebuild.contacts.package_contacts_json`).

``python scripts/package_data.py`` rewrites both; the tests regenerate them and
compare byte for byte, and the build refuses a stale ``contacts.json``. A
missing package, file or field stops the script with a message naming it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a file: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sitebuild.contacts import CONTACTS_FILE, PACKAGE_CONTACTS, load_contacts, package_contacts_json
from sitebuild.errors import BuildError
from sitebuild.paths import NODE_MODULES, PACKAGE_DATA, ROOT

NPM_NAME = "@etalab/decoupage-administratif"
NPM_PACKAGE = NODE_MODULES / "@etalab" / "decoupage-administratif"
PACKAGE_COMMUNES = PACKAGE_DATA / "communes.json"

DEPARTEMENT = "11"
"""The Aude's INSEE code: the guichet unique audois covers its communes."""

TYPES = {"commune-actuelle": "actuelle", "commune-deleguee": "deleguee", "commune-associee": "associee"}
"""The package's commune types kept, and their short names in the data file."""

FIELDS = ("code", "name", "type", "postal_codes", "epci", "chef_lieu")
"""The columns of each row of ``communes.json``."""


class MissingData(BuildError):
    """The npm package, one of its files or one of its fields is not there."""


def _read(path: Path, what: str) -> Any:
    if not path.is_file():
        raise MissingData(f"{path}: not found ({what}). Run `npm ci` to install {NPM_NAME}, "
                          "pinned in package-lock.json.")
    return json.loads(path.read_text(encoding="utf-8"))


def _field(record: dict[str, Any], name: str, where: str) -> Any:
    value = record.get(name)
    if value in (None, "", []):
        raise MissingData(f"{where}: field {name!r} missing or empty")
    return value


def pinned_version(project: Path = ROOT) -> str:
    """The version of the npm package that ``package-lock.json`` pins."""
    lock = _read(project / "package-lock.json", "the npm lock file")
    entry = lock.get("packages", {}).get(f"node_modules/{NPM_NAME}")
    if not entry or "version" not in entry:
        raise MissingData(f"{project / 'package-lock.json'}: {NPM_NAME} is not pinned")
    return entry["version"]


def aude_communes(package: Path = NPM_PACKAGE, project: Path = ROOT) -> dict[str, Any]:
    """The Aude's communes and their EPCI, as ``communes.json`` holds them."""
    version = _field(_read(package / "package.json", "the npm package's manifest"), "version",
                     f"{package / 'package.json'}")
    pinned = pinned_version(project)
    if version != pinned:
        raise MissingData(f"{package}: version {version} installed, {pinned} pinned in package-lock.json: "
                          "run `npm ci`")
    communes_file, epci_file = package / "data" / "communes.json", package / "data" / "epci.json"
    departements_file = package / "data" / "departements.json"
    communes = _read(communes_file, "the communes")
    epcis = _read(epci_file, "the EPCI and their members")
    departement = next((d for d in _read(departements_file, "the départements") if d.get("code") == DEPARTEMENT),
                       None)
    if departement is None:
        raise MissingData(f"{departements_file}: no département {DEPARTEMENT}")

    epci_of: dict[str, str] = {}
    epci_names: dict[str, str] = {}
    for index, epci in enumerate(epcis):
        where = f"{epci_file}: [{index}]"
        siren = _field(epci, "code", where)
        for member in _field(epci, "membres", where):
            code = _field(member, "code", f"{where}.membres")
            if code.startswith(DEPARTEMENT):
                if code in epci_of:
                    raise MissingData(f"{epci_file}: commune {code} is a member of two EPCI")
                epci_of[code] = siren
                epci_names[siren] = _field(epci, "nom", where)

    rows: list[list[Any]] = []
    current: dict[str, list[Any]] = {}
    for index, record in enumerate(communes):
        if record.get("departement") != DEPARTEMENT or record.get("type") not in TYPES:
            continue
        where = f"{communes_file}: [{index}] ({record.get('code')})"
        code, name, kind = _field(record, "code", where), _field(record, "nom", where), TYPES[record["type"]]
        if kind == "actuelle":
            if code not in epci_of:
                raise MissingData(f"{epci_file}: commune {code} ({name}) is a member of no EPCI")
            row = [code, name, kind, sorted(_field(record, "codesPostaux", where)), epci_of[code], None]
            current[code] = row
        else:
            row = [code, name, kind, [], None, _field(record, "chefLieu", where)]
        rows.append(row)
    for row in rows:
        if row[2] != "actuelle":
            chef_lieu = current.get(row[5])
            if chef_lieu is None:
                raise MissingData(f"{communes_file}: {row[0]} ({row[1]}): chef-lieu {row[5]} is not a current "
                                  "commune of the Aude")
            row[4] = chef_lieu[4]
    order = {kind: rank for rank, kind in enumerate(TYPES.values())}
    rows.sort(key=lambda row: (row[0], order[row[2]]))
    return {
        "source": f"Etalab, découpage administratif, version {version} (npm {NPM_NAME}) : INSEE, Code "
                  "officiel géographique ; DGCL, composition des EPCI ; La Poste, codes postaux. Données sous "
                  "Licence Ouverte.",
        "departement": {"code": DEPARTEMENT, "name": _field(departement, "nom", str(departements_file))},
        "epci": dict(sorted(epci_names.items())),
        "fields": list(FIELDS),
        "communes": rows,
    }


def communes_json(package: Path = NPM_PACKAGE, project: Path = ROOT) -> str:
    """``communes.json``'s text: one commune per line, so that a new edition reads as a diff."""
    data = aude_communes(package, project)

    def compact(value: object) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    head = {key: value for key, value in data.items() if key != "communes"}
    lines = [f"  {json.dumps(key)}: {compact(value)}," for key, value in head.items()]
    rows = ",\n".join(f"    {compact(row)}" for row in data["communes"])
    return "{\n" + "\n".join(lines) + '\n  "communes": [\n' + rows + "\n  ]\n}\n"


def main() -> int:
    # The communes first: the contacts file is checked against their EPCI.
    for path, make in ((PACKAGE_COMMUNES, communes_json),
                       (PACKAGE_CONTACTS, lambda: package_contacts_json(load_contacts(CONTACTS_FILE)))):
        try:
            text = make()
        except BuildError as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)} ({len(text.encode())} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
