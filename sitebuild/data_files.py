"""Reading the project's YAML data files (``data/*.yml``), the same way for each.

A file that is missing, is not YAML, or lacks a text where one is expected stops
the build with a message naming the file and the field, so that a typo never
reaches visitors as an empty card or a wrong statement.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import BuildError


def read_yaml(path: Path) -> Any:
    """The YAML document of ``path``."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BuildError(f"{path}: file not found") from None
    except yaml.YAMLError as error:
        raise BuildError(f"{path}: not valid YAML: {error}") from None


def required_text(value: object, where: str) -> str:
    """``value`` if it is a non-blank text, else a BuildError naming ``where`` (``file: field``)."""
    if not isinstance(value, str) or not value.strip():
        raise BuildError(f"{where}: missing or empty (expected text)")
    return value
