"""Where the project's inputs and the build's caches live.

Functions of this package take these as defaults only: a test points one at
a copy of the project instead of patching module globals.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
"""The repository."""

DATA = ROOT / "data"
FRAGMENTS = ROOT / "overrides" / "fragments"
PACKAGE_DATA = ROOT / "eligibility" / "data"
"""The data files the rules package ships (scripts/package_data.py writes them)."""
NODE_MODULES = ROOT / "node_modules"
PYODIDE_PACKAGE = NODE_MODULES / "pyodide"
CACHE = ROOT / "build" / "cache"
"""One folder for every cached build step (see :mod:`sitebuild.cache`)."""
