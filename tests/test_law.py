"""Legal facts as dated parameters (``eligibility.law``), and the build's
warning once the last period of a series has ended (``sitebuild.law_dates``,
``overrides/hooks/law_dates.py``).

The warning's behaviour is tested as a maintainer meets it: with a fake
"today" (``CLAUSE_SOCIALE_BUILD_DATE``), a plain build prints it and goes on;
a strict build (``make site``, CI) stops.
"""

from __future__ import annotations

import logging
import os
from datetime import date
from pathlib import Path

import pytest

from eligibility import law
from scripts.build import build_site
from sitebuild.errors import BuildError
from sitebuild.law_dates import BUILD_DATE_VARIABLE, build_date, ended_series_warnings
from support.site import load_hook

LAST_HELD_DAY = date(2027, 12, 31)


# --- dates and periods, written the French way -----------------------------------


@pytest.mark.parametrize(("day", "text"), [
    (date(2026, 1, 1), "1er janvier 2026"),
    (date(2026, 8, 22), "22 août 2026"),
    (date(2027, 12, 31), "31 décembre 2027"),
    (date(2025, 2, 2), "2 février 2025"),
])
def test_dates_are_written_the_french_way(day: date, text: str) -> None:
    assert law.format_date_fr(day) == text


def test_a_period_includes_both_its_ends_and_says_so() -> None:
    period = law.THRESHOLDS_2026_2027.period
    assert period.text() == "du 1er janvier 2026 au 31 décembre 2027"
    assert date(2026, 1, 1) in period and date(2027, 12, 31) in period
    assert date(2025, 12, 31) not in period and date(2028, 1, 1) not in period
    assert "2026-01-01" not in period  # a date, not its text
    open_ended = law.Period(date(2026, 8, 22))
    assert open_ended.text() == "depuis le 22 août 2026" and date(2099, 1, 1) in open_ended


def test_the_reform_dates_are_parameters_with_the_text_they_were_read_in() -> None:
    assert law.SOCIAL_CONDITION_START.value == date(2026, 8, 22)
    assert law.DECREE_2022_767_START.value == date(2026, 8, 21)
    assert "Version du 22 août 2026" in law.SOCIAL_CONDITION_START.source
    assert "entrent en vigueur le 21 août 2026" in law.DECREE_2022_767_START.source


def test_thresholds_are_found_by_launch_date_and_none_outside_the_held_periods() -> None:
    assert law.thresholds_on(date(2025, 12, 31)) is law.THRESHOLDS_2024_2025
    assert law.thresholds_on(date(2026, 1, 1)) is law.THRESHOLDS_2026_2027
    assert law.thresholds_on(date(2023, 12, 31)) is None
    assert law.thresholds_on(date(2028, 1, 1)) is None
    assert law.held_period().text() == "du 1er janvier 2024 au 31 décembre 2027"


# --- Légifrance: one list of addresses for the pages and the rules ---------------------------


def test_an_article_links_to_its_code_on_legifrance_unless_its_identifier_was_checked() -> None:
    reference = law.article("commande-publique", "L2112-2-1")
    assert reference.label == "Code de la commande publique, article L2112-2-1"
    assert reference.href == "https://www.legifrance.gouv.fr/codes/id/LEGITEXT000037701019/"
    assert law.article("travail", "L3121-41").href == "https://www.legifrance.gouv.fr/codes/id/LEGITEXT000006072050/"
    assert law.ARTICLE_IDS == {}, "an identifier was added: check it on Légifrance and test its link here"
    with pytest.raises(KeyError):
        law.article("civil", "1128")


# --- the build's warning ---------------------------------------------------------------------


def test_no_series_has_ended_on_the_last_held_day_and_every_one_has_the_day_after() -> None:
    assert ended_series_warnings(LAST_HELD_DAY) == []
    (message,) = ended_series_warnings(date(2028, 1, 1))
    assert message.startswith("eligibility/law.py: EUROPEAN_THRESHOLDS:")
    assert "held until 2027-12-31" in message and "the build's date is 2028-01-01" in message
    assert "add the thresholds of the consultations launched from 2028-01-01" in message


def test_past_periods_kept_on_purpose_raise_no_warning() -> None:
    assert law.THRESHOLDS_2024_2025.period.end < date(2026, 12, 1)  # type: ignore[operator]
    assert ended_series_warnings(date(2026, 12, 1)) == []


def test_the_build_date_is_today_unless_the_variable_names_another_day() -> None:
    assert build_date({}) == date.today()
    assert build_date({BUILD_DATE_VARIABLE: " 2028-01-02 "}) == date(2028, 1, 2)
    with pytest.raises(BuildError, match="is not a date like"):
        build_date({BUILD_DATE_VARIABLE: "demain"})


def test_the_hook_logs_the_warning_through_mkdocs_and_lets_a_plain_build_go_on(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    hook = load_hook("law_dates")
    config = object()
    monkeypatch.setenv(BUILD_DATE_VARIABLE, "2028-01-02")
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        assert hook.on_config(config) is config
    (record,) = [r for r in caplog.records if r.name.startswith("mkdocs")]
    assert record.levelno == logging.WARNING
    assert "EUROPEAN_THRESHOLDS" in record.getMessage()
    caplog.clear()
    monkeypatch.setenv(BUILD_DATE_VARIABLE, LAST_HELD_DAY.isoformat())
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        hook.on_config(config)
    assert not caplog.records


@pytest.mark.slow
def test_a_strict_build_after_the_last_period_stops_and_names_what_to_update(tmp_path: Path) -> None:
    result = build_site(tmp_path / "site", env={**os.environ, BUILD_DATE_VARIABLE: "2028-01-02"})
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "WARNING" in output and "eligibility/law.py: EUROPEAN_THRESHOLDS" in output
    assert "Aborted with 1 warnings in strict mode!" in output
