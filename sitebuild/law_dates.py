"""Which dated legal parameters have run out: the build says so, by name.

A legal value is only true for a period (``eligibility.law``). The site keeps
past periods on purpose (a consultation launched in 2025 is judged with the
2024–2025 thresholds), so a period that has ended is no problem in itself; a
*series* whose last period has ended is: the site would state, as today's law,
thresholds that no longer apply. :func:`ended_series_warnings` names each such
series and what to update, for the build to print.

Today is the build's date, or the date given in ``CLAUSE_SOCIALE_BUILD_DATE``
(``YYYY-MM-DD``): how the tests build "as on" a later day, and how a
maintainer checks ahead of time what a build on that day will say.

Nothing here depends on MkDocs (``overrides/hooks/law_dates.py`` prints the
warnings through MkDocs' log).
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Mapping
from datetime import date

from .errors import BuildError

BUILD_DATE_VARIABLE = "CLAUSE_SOCIALE_BUILD_DATE"


def build_date(environ: Mapping[str, str] | None = None) -> date:
    """Today, or the day ``CLAUSE_SOCIALE_BUILD_DATE`` names."""
    given = (os.environ if environ is None else environ).get(BUILD_DATE_VARIABLE, "").strip()
    if not given:
        return date.today()
    try:
        return date.fromisoformat(given)
    except ValueError:
        raise BuildError(f"{BUILD_DATE_VARIABLE}={given!r} is not a date like 2028-01-31") from None


def ended_series_warnings(today: date) -> list[str]:
    """One message per dated series of ``eligibility.law`` whose last period ended before ``today``."""
    law = importlib.import_module("eligibility.law")  # the copy a live preview just reloaded
    return [
        f"{series.name}: {series.what} are held until {series.end.isoformat()}, and the build's date "
        f"is {today.isoformat()}: {series.what_to_do()}."
        for series in law.DATED_SERIES
        if series.ended_by(today) and series.end is not None
    ]
