"""The versions the project pins, read where they are pinned.

Pages that name a tool or a data package (the accessibility statement's tools,
the legal notice's data sources) read its version here rather than retyping
it, so that the page follows an upgrade.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from .errors import BuildError
from .paths import ROOT

REQUIREMENTS = ROOT / "requirements.txt"
PACKAGE_JSON = ROOT / "package.json"


def _normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pypi_version(name: str, requirements: Path = REQUIREMENTS) -> str:
    """The version ``requirements.txt`` pins for the Python package ``name``."""
    for line in requirements.read_text(encoding="utf-8").splitlines():
        package, separator, version = line.split("#")[0].strip().partition("==")
        if separator and _normalised(package) == _normalised(name):
            return version.strip()
    raise BuildError(f"{requirements}: {name}: not pinned (expected a line '{name}==<version>')")


def npm_dependencies(package_json: Path = PACKAGE_JSON) -> dict[str, str]:
    """Every npm package of ``package.json`` (dependencies and devDependencies) with its version."""
    data = json.loads(package_json.read_text(encoding="utf-8"))
    return {**data.get("devDependencies", {}), **data.get("dependencies", {})}


def npm_version(name: str, package_json: Path = PACKAGE_JSON) -> str:
    """The version ``package.json`` asks for the npm package ``name``."""
    version = npm_dependencies(package_json).get(name)
    if version is None:
        raise BuildError(f"{package_json}: {name}: not a dependency")
    return version


PLACEHOLDER = re.compile(r"\{(?P<registry>pypi|npm):(?P<name>[^}\s]+)\}")


def with_versions(
    text: str, where: str, requirements: Path = REQUIREMENTS, package_json: Path = PACKAGE_JSON
) -> str:
    """``text`` with each ``{pypi:NAME}`` or ``{npm:NAME}`` replaced by the pinned version."""

    def version(match: re.Match[str]) -> str:
        try:
            if match["registry"] == "pypi":
                return pypi_version(match["name"], requirements)
            return npm_version(match["name"], package_json)
        except BuildError as error:
            raise BuildError(f"{where}: {error}") from None

    return PLACEHOLDER.sub(version, text)
