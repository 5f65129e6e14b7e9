"""How this project launches Chromium: Debian's build where present (this
machine has no route to Playwright's browser downloads), else Playwright's own."""

from __future__ import annotations

import os
from pathlib import Path

# Quiet, sandbox-less headless Chromium: the background-networking flags stop
# it from calling Google services that this closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def system_chromium() -> str | None:
    """$CHROMIUM or Debian's /usr/bin/chromium; None means Playwright's own browser."""
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium"):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def launch_args() -> dict:
    """Keyword arguments for Playwright's ``chromium.launch()``."""
    args: dict = {"args": list(CHROMIUM_ARGS)}
    executable = system_chromium()
    if executable:
        args["executable_path"] = executable
    return args
