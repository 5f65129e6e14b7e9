"""Quality gate: the built pages are valid HTML for the Nu Html Checker.

One JVM checks every built page plus a deliberately invalid canary page:
the canary proves, in the same run, that the checker really reports errors
(so a silent checker cannot pass the gate), at the cost of no extra JVM start.
The canary carries the two faults Material writes and
``sitebuild/html_fixes.py`` removes, so dropping that step fails the gate.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from support.site import ROOT, built_pages

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

CANARY = """<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><title>Canari</title></head>
<body>
<input type="checkbox" id="toggle" autocomplete="off">
<label for="toggle" tabindex="">Menu</label>
</body>
</html>
"""


def run_vnu(files: list[Path]) -> list[dict]:
    """Errors (not warnings) the Nu Html Checker reports for ``files``, in one JVM."""
    java = shutil.which("java")
    if java is None:
        pytest.skip("Java is not installed (make browser installs it where it can): HTML validation skipped")
    if not VNU_JAR.is_file():
        pytest.fail(f"{VNU_JAR} is missing: run `npm ci` (make deps)", pytrace=False)
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--exit-zero-always", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    try:
        return json.loads(result.stderr or result.stdout)["messages"]
    except (json.JSONDecodeError, KeyError):
        pytest.fail(f"the Nu Html Checker did not answer in JSON:\n{result.stdout}\n{result.stderr}", pytrace=False)


@pytest.mark.slow
def test_built_pages_have_no_html_error(site_dir: Path, tmp_path: Path) -> None:
    canary = tmp_path / "canary.html"
    canary.write_text(CANARY, encoding="utf-8")
    pages = [site_dir / name for name in built_pages(site_dir)]
    messages = run_vnu([*pages, canary])

    def file_of(message: dict) -> Path:
        return Path(unquote(urlsplit(message.get("url", "")).path))

    canary_errors = [m["message"] for m in messages if file_of(m) == canary]
    assert any("autocomplete" in m for m in canary_errors), f"the checker missed the canary's faults: {canary_errors}"
    assert any("tabindex" in m for m in canary_errors), f"the checker missed the canary's faults: {canary_errors}"

    errors = [
        f"{file_of(m).relative_to(site_dir) if file_of(m).is_relative_to(site_dir) else file_of(m)}"
        f":{m.get('lastLine', '?')}: {m['message']}  [{m.get('extract', '').strip()[:120]}]"
        for m in messages
        if file_of(m) != canary
    ]
    assert not errors, f"{len(errors)} HTML error(s) from the Nu Html Checker:\n" + "\n".join(errors)
