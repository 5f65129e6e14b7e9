"""Shared fixtures: one real site build and one static server per test session,
and Chromium launched the way this machine needs it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from scripts.build import build_site
from scripts.chromium import launch_args
from scripts.static_server import serve


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, built once per session from the working tree."""
    destination = tmp_path_factory.mktemp("site")
    result = build_site(destination)
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}", pytrace=False)
    return destination


@pytest.fixture(scope="session")
def site_url(site_dir: Path) -> Iterator[str]:
    """Base URL (no trailing slash) of the built site served on loopback."""
    server, url = serve(site_dir)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def base_url(site_url: str) -> str:
    """pytest-playwright's base_url: relative page.goto() paths hit the built site."""
    return site_url + "/"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {**browser_type_launch_args, **launch_args()}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    return {**browser_context_args, "locale": "fr-FR"}
