#!/usr/bin/env python3
"""Take the README's screenshots from a real build of the site, in Chromium.

Why a script: the README's pictures must show the site as it is, so anyone
can redo them after a change (``.venv/bin/python scripts/screenshots.py``)
instead of pasting hand-made captures that drift.

It builds the site strictly into a temporary directory (or takes ``--site``),
serves it on a free loopback port with the MIME types a correct static host
uses (``.wasm`` as ``application/wasm``, ``.mjs`` as JavaScript), opens each
page in Chromium (Debian's ``/usr/bin/chromium`` or ``$CHROMIUM`` if present,
else Playwright's own) and writes PNG files into ``docs-images/``.

Re-runnable: files are overwritten. A page that does not exist yet (HTTP
error) is skipped with a message and the script goes on; the exit status is 1
only if no screenshot at all could be taken.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.build import build_site  # noqa: E402
from scripts.chromium import launch_args  # noqa: E402
from scripts.static_server import serve  # noqa: E402

DEFAULT_OUT = ROOT / "docs-images"


@dataclass(frozen=True)
class Shot:
    """One picture: which page, at which size, into which file."""

    path: str
    filename: str
    width: int
    height: int
    full_page: bool = False


SHOTS: tuple[Shot, ...] = (
    Shot("", "home.png", 1280, 900),
    Shot("", "home-mobile.png", 390, 844, full_page=True),
    Shot("auto-evaluation/", "auto-evaluation.png", 1280, 900),
    Shot("auto-evaluation/", "auto-evaluation-mobile.png", 390, 844, full_page=True),
)


@contextmanager
def served(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on a free loopback port; yields the base URL (ending in /)."""
    server, url = serve(directory)
    try:
        yield url + "/"
    finally:
        server.shutdown()
        server.server_close()


def build(destination: Path) -> None:
    """A real, strict build, as ``make site`` does, into ``destination``."""
    result = build_site(destination)
    if result.returncode != 0:
        sys.exit(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}")


SELF_CHECK = "[data-selfcheck]"
"""The self-check's wrapper; its attribute says loading | ready | error (DOM contract of that page)."""


def settle(page: Page) -> None:
    """Wait until the page has stopped loading; on the self-check, until Python is ready."""
    page.wait_for_load_state("load")
    if page.locator(SELF_CHECK).count():
        try:
            page.locator('[data-selfcheck="ready"], [data-selfcheck="error"]').first.wait_for(timeout=180_000)
        except PlaywrightError:
            print("  (the self-check was not ready within 3 minutes; taking the picture anyway)")
        if page.locator('[data-selfcheck="error"]').count():
            print("  (the self-check reports an error: the picture shows it)")
    try:
        page.wait_for_load_state("networkidle", timeout=60_000)
    except PlaywrightError:
        print("  (the network did not go idle within 60 s; taking the picture anyway)")


def take(base_url: str, out: Path, shots: tuple[Shot, ...]) -> int:
    """Take every shot; returns how many were written."""
    out.mkdir(parents=True, exist_ok=True)
    written = 0
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch_args())
        try:
            for shot in shots:
                context = browser.new_context(
                    viewport={"width": shot.width, "height": shot.height},
                    locale="fr-FR",
                    color_scheme="light",
                    reduced_motion="reduce",
                )
                page = context.new_page()
                url = base_url + shot.path
                response = page.goto(url)
                if response is None or not response.ok:
                    status = response.status if response else "no response"
                    print(f"skip {shot.filename}: {url} answered {status}")
                    context.close()
                    continue
                settle(page)
                target = out / shot.filename
                page.screenshot(path=str(target), full_page=shot.full_page, animations="disabled")
                print(f"wrote {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")
                written += 1
                context.close()
        finally:
            browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="an already built site (default: build one now)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the PNG files")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="screenshots-site-") as tmp:
        site = args.site
        if site is None:
            site = Path(tmp)
            build(site)
        with served(site) as base_url:
            written = take(base_url, args.out.resolve(), SHOTS)
    return 0 if written else 1


if __name__ == "__main__":
    sys.exit(main())
