"""Load an MkDocs hook file as a module, the way MkDocs does, for unit tests.

Hooks are plain files under ``overrides/hooks/``, not a package.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

HOOKS = Path(__file__).resolve().parent.parent / "overrides" / "hooks"


def load_hook(name: str) -> ModuleType:
    """``overrides/hooks/<name>.py`` as a fresh module named ``hook_<name>``."""
    spec = importlib.util.spec_from_file_location(f"hook_{name}", HOOKS / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # as MkDocs does: dataclasses look their module up there
    spec.loader.exec_module(module)
    return module
