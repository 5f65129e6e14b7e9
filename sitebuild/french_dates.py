"""Dates written the French way, as the legal pages print them: « 1er décembre 2026 »."""

from __future__ import annotations

import datetime as dt

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")


def format_date_fr(date: dt.date) -> str:
    """``2026-12-01`` → « 1er décembre 2026 »: the first of the month is an ordinal in French."""
    day = "1er" if date.day == 1 else str(date.day)
    return f"{day}\u00a0{MONTHS[date.month - 1]} {date.year}"
