"""One way to build the site for tests and scripts: a real, strict MkDocs build."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build_site(
    destination: Path, env: dict[str, str] | None = None, project: Path = ROOT
) -> subprocess.CompletedProcess[str]:
    """Run ``mkdocs build --strict`` of ``project`` into ``destination``, as ``make site`` does."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(destination)],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
    )
