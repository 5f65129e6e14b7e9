"""The publisher's details (data/site.yml) are configuration, never invented:
the file ships empty, a preview build prints « à compléter » (test_legal_pages.py),
and a build for publication (SITE_URL set) without them stops with a message
naming every missing field. Real ``mkdocs build --strict`` runs, with
``$CLAUSE_SOCIALE_SITE_FILE`` pointing at a test copy of the file.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from scripts.build import build_site
from sitebuild.errors import BuildError
from sitebuild.publisher import FIELDS, OPTIONAL, PUBLISHING_ENV, SITE_FILE, SITE_FILE_ENV, load_site_info
from support.built_html import article
from support.site import completed_site_file

PUBLIC_URL = "https://clause-sociale.example/"
REQUIRED = [name for name in FIELDS if name not in OPTIONAL]


def build(tmp_path: Path, site_file: Path | None, site_url: str | None) -> subprocess.CompletedProcess[str]:
    environment = {key: value for key, value in os.environ.items() if key not in (PUBLISHING_ENV, SITE_FILE_ENV)}
    environment["NO_MKDOCS_2_WARNING"] = "1"
    if site_file is not None:
        environment[SITE_FILE_ENV] = str(site_file)
    if site_url is not None:
        environment[PUBLISHING_ENV] = site_url
    return build_site(tmp_path / "site", env=environment)


# --- real builds -------------------------------------------------------------------


@pytest.mark.slow
def test_a_build_for_publication_without_the_publisher_stops_naming_every_missing_field(tmp_path: Path) -> None:
    result = build(tmp_path, None, PUBLIC_URL)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"{SITE_FILE}: {', '.join(REQUIRED)}: missing." in output, output
    assert "SITE_URL is set" in output
    assert not (tmp_path / "site" / "mentions-legales" / "index.html").exists()


@pytest.mark.slow
def test_one_missing_field_is_named_alone(tmp_path: Path) -> None:
    site_file = completed_site_file(tmp_path / "site.yml", without=("host.phone",))
    result = build(tmp_path, site_file, PUBLIC_URL)
    assert result.returncode != 0
    assert f"{site_file}: host.phone: missing." in result.stdout + result.stderr


@pytest.mark.slow
def test_a_build_for_publication_with_the_publisher_prints_the_details(tmp_path: Path) -> None:
    site_file = completed_site_file(tmp_path / "site.yml")
    result = build(tmp_path, site_file, PUBLIC_URL)
    assert result.returncode == 0, result.stdout + result.stderr
    info = load_site_info(site_file, publishing=True)
    notice = article(tmp_path / "site" / "mentions-legales" / "index.html")
    assert not notice.find_all(cls="preview-notice") and not notice.find_all(cls="to-complete")
    text = notice.text
    for value in (info.publisher.name, info.publisher.address, info.publisher.phone, info.publisher.email,
                  info.director_of_publication, info.host.name, info.host.address, info.host.phone):
        assert value in text
    data = article(tmp_path / "site" / "donnees-personnelles" / "index.html").text
    assert info.host.logs in data and info.host.logs_retention in data and info.data_protection_officer in data
    statement = article(tmp_path / "site" / "accessibilite" / "index.html")
    assert f"{info.publisher.name} s'engage à rendre son site internet accessible" in statement.text
    hrefs = {a.attrs["href"] for a in statement.find_all("a")}
    assert {info.multiyear_plan_url, info.action_plan_url, f"mailto:{info.publisher.email}"} <= hrefs


@pytest.mark.slow
def test_a_preview_builds_without_the_publisher(tmp_path: Path) -> None:
    """The default: SITE_URL unset, the shipped (empty) file (its pages: test_legal_pages.py)."""
    result = build(tmp_path, None, None)
    assert result.returncode == 0, result.stdout + result.stderr


# --- the file, field by field ---------------------------------------------------------


def test_the_shipped_file_is_empty_so_nothing_is_invented() -> None:
    info = load_site_info(SITE_FILE, publishing=False)
    assert list(info.missing) == REQUIRED
    assert info.data_protection_officer is None and not info.complete


def test_publishing_is_asked_by_site_url(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(PUBLISHING_ENV, PUBLIC_URL)
    with pytest.raises(BuildError, match=r"publisher\.name"):
        load_site_info(SITE_FILE)
    monkeypatch.setenv(PUBLISHING_ENV, " ")
    assert not load_site_info(SITE_FILE).complete
    monkeypatch.setenv(SITE_FILE_ENV, str(completed_site_file(tmp_path / "site.yml")))
    monkeypatch.setenv(PUBLISHING_ENV, PUBLIC_URL)
    assert load_site_info().complete


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("publisher:\n  fax: '01'\n", "publisher.fax: unknown field"),
        ("editor: x\n", "editor: unknown field"),
        ("publisher: x\n", "publisher: expected a mapping"),
        ("publisher:\n  email: nobody\n", "publisher.email: 'nobody' is not an email address"),
        ("accessibility:\n  action_plan_url: plan.pdf\n", "accessibility.action_plan_url: 'plan.pdf' is not a web"),
        ("host:\n  phone: 468105640\n", "host.phone: expected text"),
        ("publisher: [\n", "not valid YAML"),
        ("- a\n", "expected a mapping of the publisher's details"),
    ],
    ids=lambda value: value[:24],
)
def test_a_malformed_file_stops_even_a_preview_naming_the_field(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "site.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BuildError) as raised:
        load_site_info(path, publishing=False)
    assert str(raised.value).startswith(f"{path}: ") and problem in str(raised.value)
