"""How many insertion hours a contract can reserve: the estimator for buyers.

The formula is the one facilitators use (source: ``parameters.MEF_SUD_77``)::

    hours = amount excluding VAT × labour share × insertion rate ÷ average hourly labour cost

>>> insertion_hours(amount_ht=1_000_000, labour_share=0.5, insertion_rate=0.05, hourly_cost=30)
833

Why exact arithmetic: the result is a number a buyer may copy into a contract,
so it must not depend on binary floating point. Every input is turned into an
exact fraction first — a float through its shortest decimal form (``0.7`` is
exactly 7/10, the value the person typed, not 0.69999…) — and the quotient is
rounded **half up** (2.5 gives 3, not Python's banker's 2) to the nearest whole
hour. The full-time equivalent is rounded half up to two decimals the same way.

Units: in the Python API, ``labour_share`` and ``insertion_rate`` are fractions
from 0 to 1 (0.05 for 5 %); money is in euros. In the quiz-style form read by
:func:`estimate_from_form` (the ``"hours"`` request of :mod:`eligibility.protocol`)
the two shares are typed as **percentages** (``50`` or ``50 %`` for 50 %), and
numbers are read the French way: see :func:`parse_number_fr`.

Bad input raises :class:`~eligibility.errors.InvalidAnswer` whose ``field`` is
the parameter (and form field) name and whose message is plain French.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from .errors import InvalidAnswer
from .parameters import (
    ANNUAL_WORKING_HOURS,
    AVERAGE_LABOUR_SHARE,
    EXAMPLE_AMOUNT_HT,
    HOURLY_COST_HIGH,
    HOURLY_COST_LOW,
    INSERTION_RATE_HIGH,
    INSERTION_RATE_LOW,
    LABOUR_SHARES,
    MAX_AMOUNT_HT,
    MIN_HOURLY_COST,
)

NBSP = "\u00a0"
"""Thousands separator and space before units, as French typography wants (no line break)."""

_ONE = Fraction(1)
_ZERO = Fraction(0)


# --- formatting the French way -----------------------------------------------


def round_half_up(value: Fraction) -> int:
    """Nearest whole number, halves going up (2.5 → 3). Exact on fractions."""
    return math.floor(value + Fraction(1, 2))


def format_number_fr(value: Fraction, decimals: int = 0, *, keep_zeros: bool = False) -> str:
    """``value`` rounded to ``decimals`` places, French style: ``1 234 567,5``.

    The magnitude is rounded half up (so a negative half goes away from zero).

    Trailing zeros of the decimal part are dropped unless ``keep_zeros``
    (used for cents: ``12,50``); a whole result shows no decimal part at all.
    """
    scaled = round_half_up(abs(value) * 10**decimals)
    whole, part = divmod(scaled, 10**decimals)
    text = f"{whole:,}".replace(",", NBSP)
    digits = str(part).rjust(decimals, "0") if decimals else ""
    if not keep_zeros:
        digits = digits.rstrip("0")
    if digits and part:
        text += "," + digits
    return ("-" if value < 0 and scaled else "") + text


def _euros(value: Fraction) -> str:
    return f"{format_number_fr(value, 2, keep_zeros=True)}{NBSP}€"


def _percent(share: Fraction) -> str:
    return f"{format_number_fr(share * 100, 4)}{NBSP}%"


def _plural(count: Fraction | int, singular: str, plural: str) -> str:
    """French agreement: singular below 2 (0,5 heure, 1 heure), plural from 2."""
    return singular if count < 2 else plural


# --- the fields, as data the page renders ------------------------------------


@dataclass(frozen=True)
class HoursField:
    """One input of the estimator: its form name, its French texts and its bounds.

    ``minimum`` and ``maximum`` are in Python API units (fractions 0–1 for the
    ``percent`` fields). ``default`` is the value, in form units, the page may
    pre-fill (from the sources in :mod:`eligibility.parameters`), or None.
    """

    id: str
    label: str
    help: str
    unit: str
    percent: bool
    missing: str
    invalid: str
    too_small: str
    too_large: str
    minimum: Fraction
    maximum: Fraction | None
    default: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data for templates and the worker."""
        return {
            "id": self.id,
            "label": self.label,
            "help": self.help,
            "unit": self.unit,
            "percent": self.percent,
            "default": self.default,
        }


def _trades_text() -> str:
    shares = [f"{t.percent}{NBSP}% pour la {t.label.lower()}" for t in LABOUR_SHARES]
    return ", ".join(shares[:-1]) + " et " + shares[-1]


_SHARE_RANGE = f"entre 0 et 100{NBSP}%"

HOURS_FIELDS: tuple[HoursField, ...] = (
    HoursField(
        id="amount_ht",
        label="Montant du marché hors taxes (HT)",
        help=f"En euros, par exemple {format_number_fr(Fraction(EXAMPLE_AMOUNT_HT.value))}.",
        unit="€",
        percent=False,
        missing="Indiquez le montant du marché hors taxes, en euros.",
        invalid=(
            f"Indiquez le montant en chiffres, par exemple {format_number_fr(Fraction(150_000))} "
            "(sans point entre les milliers)."
        ),
        too_small="Le montant ne peut pas être négatif.",
        too_large=f"Indiquez un montant de moins de {format_number_fr(Fraction(MAX_AMOUNT_HT.value))}{NBSP}€.",
        minimum=_ZERO,
        maximum=Fraction(MAX_AMOUNT_HT.value),
    ),
    HoursField(
        id="labour_share",
        label="Part de la main-d'œuvre dans le montant",
        help=(
            f"En pourcentage. Dans le bâtiment, en moyenne {AVERAGE_LABOUR_SHARE.value}{NBSP}% ; "
            f"par exemple {_trades_text()}."
        ),
        unit="%",
        percent=True,
        missing="Indiquez la part de la main-d'œuvre, en pourcentage.",
        invalid=f"Indiquez la part de la main-d'œuvre en chiffres, par exemple {AVERAGE_LABOUR_SHARE.value}.",
        too_small=f"La part de la main-d'œuvre doit être {_SHARE_RANGE}.",
        too_large=f"La part de la main-d'œuvre doit être {_SHARE_RANGE}.",
        minimum=_ZERO,
        maximum=_ONE,
        default=str(AVERAGE_LABOUR_SHARE.value),
    ),
    HoursField(
        id="insertion_rate",
        label="Taux d'insertion : part des heures réservée à l'insertion",
        help=(
            f"En pourcentage. En général entre {INSERTION_RATE_LOW.value} et "
            f"{INSERTION_RATE_HIGH.value}{NBSP}% : c'est vous qui le fixez."
        ),
        unit="%",
        percent=True,
        missing="Indiquez le taux d'insertion, en pourcentage.",
        invalid=f"Indiquez le taux d'insertion en chiffres, par exemple {INSERTION_RATE_LOW.value}.",
        too_small=f"Le taux d'insertion doit être {_SHARE_RANGE}.",
        too_large=f"Le taux d'insertion doit être {_SHARE_RANGE}.",
        minimum=_ZERO,
        maximum=_ONE,
        default=str(INSERTION_RATE_LOW.value),
    ),
    HoursField(
        id="hourly_cost",
        label="Coût moyen d'une heure de travail, charges comprises",
        help=(
            f"En euros. Souvent entre {HOURLY_COST_LOW.value} et {HOURLY_COST_HIGH.value}{NBSP}€ "
            "de l'heure."
        ),
        unit="€",
        percent=False,
        missing="Indiquez le coût moyen d'une heure de travail, en euros.",
        invalid=f"Indiquez le coût horaire en chiffres, par exemple {HOURLY_COST_HIGH.value}.",
        too_small=f"Le coût horaire doit être d'au moins {MIN_HOURLY_COST.value}{NBSP}€ de l'heure.",
        too_large="",
        minimum=Fraction(MIN_HOURLY_COST.value),
        maximum=None,
        default=str(HOURLY_COST_HIGH.value),
    ),
)
"""The estimator's inputs, in form order. Form names are the ``id`` values."""

HOURS_FIELDS_BY_ID: dict[str, HoursField] = {f.id: f for f in HOURS_FIELDS}

ESTIMATE_NOTE = (
    "C'est une estimation. Pour fixer les heures d'insertion de votre marché, "
    "contactez le guichet unique audois."
)
"""Shown with every result: the figure is an order of magnitude, not a rule."""

FORMULA = (
    "Heures d'insertion = montant du marché hors taxes × part de la main-d'œuvre "
    "× taux d'insertion ÷ coût moyen d'une heure de travail"
)
"""The formula in words, as the estimator page shows it (same order as HOURS_FIELDS
and as :func:`_estimate_exact` computes it; source: ``parameters.MEF_SUD_77``)."""


# --- checking numbers --------------------------------------------------------


def _exact(field: HoursField, value: object) -> Fraction:
    """``value`` as an exact fraction; bool, text, NaN and infinities are refused.

    A float is read through its shortest decimal form (``repr``), i.e. the
    decimal number that was written, so ``0.7`` is exactly 7/10.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InvalidAnswer(field.id, field.invalid)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise InvalidAnswer(field.id, field.invalid)
        return Fraction(Decimal(repr(value)))
    return Fraction(value)


def _in_range(field: HoursField, value: Fraction) -> Fraction:
    if value < field.minimum:
        raise InvalidAnswer(field.id, field.too_small)
    if field.maximum is not None and value > field.maximum:
        raise InvalidAnswer(field.id, field.too_large)
    return value


# --- the computation ---------------------------------------------------------


@dataclass(frozen=True)
class Estimate:
    """One estimate: the checked inputs (exact) and the rounded results."""

    amount_ht: Fraction
    labour_share: Fraction
    insertion_rate: Fraction
    hourly_cost: Fraction
    exact_hours: Fraction
    hours: int
    fte: float

    def to_dict(self) -> dict[str, Any]:
        """The ``hours`` object of the protocol's reply; every text is final French."""
        annual = ANNUAL_WORKING_HOURS.value
        hours_text = f"{format_number_fr(Fraction(self.hours))}{NBSP}{_plural(self.hours, 'heure', 'heures')}"
        fte = Fraction(Decimal(repr(self.fte)))
        fte_text = format_number_fr(fte, 2)
        rounded = self.exact_hours != self.hours
        calculation = (
            f"{_euros(self.amount_ht)} × {_percent(self.labour_share)} × "
            f"{_percent(self.insertion_rate)} ÷ {_euros(self.hourly_cost)} de l'heure = "
        )
        if rounded:
            calculation += (
                f"{format_number_fr(self.exact_hours, 2)} {_plural(self.exact_hours, 'heure', 'heures')}, "
                f"arrondi à l'heure la plus proche : {hours_text}."
            )
        else:
            calculation += f"{hours_text}."
        summary = f"{'Environ ' if rounded else ''}{hours_text} de travail pour des personnes en insertion"
        if self.hours:
            # Below 0,005 ETP the rounded figure is 0: say "less than" rather than "0".
            amount = fte_text if fte else f"moins de {format_number_fr(Fraction(1, 100), 2)}"
            summary += (
                f", soit {amount} {_plural(fte, 'équivalent', 'équivalents')} temps plein sur un an "
                f"({format_number_fr(Fraction(annual))}{NBSP}heures)"
            )
        summary += "."
        return {
            "hours": self.hours,
            "fte": self.fte,
            "annual_hours": annual,
            "inputs": {
                "amount_ht": _euros(self.amount_ht),
                "labour_share": _percent(self.labour_share),
                "insertion_rate": _percent(self.insertion_rate),
                "hourly_cost": _euros(self.hourly_cost),
            },
            "calculation": calculation,
            "summary": summary,
            "note": ESTIMATE_NOTE,
        }


def _estimate_exact(values: Mapping[str, Fraction]) -> Estimate:
    exact_hours = (
        values["amount_ht"] * values["labour_share"] * values["insertion_rate"] / values["hourly_cost"]
    )
    hours = round_half_up(exact_hours)
    return Estimate(
        amount_ht=values["amount_ht"],
        labour_share=values["labour_share"],
        insertion_rate=values["insertion_rate"],
        hourly_cost=values["hourly_cost"],
        exact_hours=exact_hours,
        hours=hours,
        fte=full_time_equivalent(hours),
    )


def estimate(amount_ht: object, labour_share: object, insertion_rate: object, hourly_cost: object) -> Estimate:
    """The full estimate (hours, full-time equivalent, French texts) for API-unit inputs.

    Inputs are checked in form order, so the error is the first one on screen.
    """
    given = {
        "amount_ht": amount_ht,
        "labour_share": labour_share,
        "insertion_rate": insertion_rate,
        "hourly_cost": hourly_cost,
    }
    values = {f.id: _in_range(f, _exact(f, given[f.id])) for f in HOURS_FIELDS}
    return _estimate_exact(values)


def insertion_hours(amount_ht: object, labour_share: object, insertion_rate: object, hourly_cost: object) -> int:
    """Insertion hours for a contract, rounded half up to the nearest whole hour.

    ``amount_ht`` in euros excluding VAT (0 to ``MAX_AMOUNT_HT``);
    ``labour_share`` and ``insertion_rate`` as fractions from 0 to 1;
    ``hourly_cost`` in euros per hour, charges included (at least
    ``MIN_HOURLY_COST``). Numbers are int or float; anything else, NaN and
    infinities raise :class:`InvalidAnswer` with ``field`` = the parameter name.
    """
    return estimate(amount_ht, labour_share, insertion_rate, hourly_cost).hours


def full_time_equivalent(hours: object, annual_hours: object = ANNUAL_WORKING_HOURS.value) -> float:
    """``hours`` as full-time equivalents over a year, rounded half up to 2 decimals.

    One full-time equivalent is ``ANNUAL_WORKING_HOURS`` (1 607 hours, the legal
    annual working time: Code du travail, article L3121-41).
    """
    if isinstance(hours, bool) or not isinstance(hours, (int, float)) or hours != hours:
        raise InvalidAnswer("hours", "Indiquez un nombre d'heures en chiffres.")
    if isinstance(annual_hours, bool) or not isinstance(annual_hours, (int, float)) or not annual_hours > 0:
        raise InvalidAnswer("annual_hours", "La durée annuelle doit être un nombre d'heures supérieur à 0.")
    if not 0 <= hours <= MAX_AMOUNT_HT.value or not math.isfinite(annual_hours):
        raise InvalidAnswer("hours", "Indiquez un nombre d'heures positif et réaliste.")
    exact = Fraction(Decimal(repr(hours))) / Fraction(Decimal(repr(annual_hours)))
    return round_half_up(exact * 100) / 100


# --- the form, typed the French way ------------------------------------------

_MAX_TEXT = 40
_NUMBER = re.compile(r"([+-]?)([0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)")
_PERCENT_UNIT = re.compile(r"%$")
_MONEY_UNIT = re.compile(r"(?:€|eur|euros?)?(?:ht|h\.t\.?|/h|/heure|del'heure|parheure)?$")
_THOUSANDS_WITH_POINT = re.compile(r"[0-9]{1,3}\.[0-9]{3}")


def parse_number_fr(text: str, *, percent: bool = False) -> Decimal | None:
    """A number as a French visitor may type it, or None when it cannot be read.

    Accepted: spaces of any kind between digits (``1 000 000``), a comma or a
    point as decimal mark (``0,5`` or ``0.5``), a leading minus sign (so that a
    negative value gets the "cannot be negative" message, not "unreadable"),
    and a trailing unit: ``%`` when ``percent``, else ``€``, ``euros``,
    ``€ HT``, ``€/h``, ``€ de l'heure``. Refused: thousands marked with points
    or commas (``1.000.000``, and ``150.000``, which is ambiguous), exponents,
    letters, more than 40 characters.
    """
    if len(text) > _MAX_TEXT:
        return None
    compact = "".join(text.split()).lower().replace("\u2212", "-").replace("’", "'")
    compact = (_PERCENT_UNIT if percent else _MONEY_UNIT).sub("", compact, count=1)
    match = _NUMBER.fullmatch(compact)
    if match is None or _THOUSANDS_WITH_POINT.fullmatch(match.group(2)):
        return None
    try:
        return Decimal(match.group(1) + match.group(2).replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern only lets numbers through
        return None


def _bad_form() -> InvalidAnswer:
    return InvalidAnswer(None, "Les réponses ne sont pas dans le bon format.")


def estimate_from_form(pairs: object) -> Estimate:
    """The estimate for the form's raw ``(name, value)`` pairs (all text).

    Percent fields are typed as percentages (``50`` means 50 %) and turned
    into fractions here. Empty fields read as "not answered". The last value
    of a name sent twice wins. Unknown names are refused.
    """
    if not isinstance(pairs, (list, tuple)):
        raise _bad_form()
    typed: dict[str, str] = {}
    for pair in pairs:
        if not (isinstance(pair, (list, tuple)) and len(pair) == 2):
            raise _bad_form()
        name, value = pair
        if not isinstance(name, str) or not isinstance(value, str):
            raise _bad_form()
        if name not in HOURS_FIELDS_BY_ID:
            raise InvalidAnswer(name, f"Champ inconnu : « {name[:40]} ».")
        typed[name] = value
    values: dict[str, Fraction] = {}
    for field in HOURS_FIELDS:
        text = typed.get(field.id, "")
        if not text.strip():
            raise InvalidAnswer(field.id, field.missing)
        number = parse_number_fr(text, percent=field.percent)
        if number is None:
            raise InvalidAnswer(field.id, field.invalid)
        exact = Fraction(number) / (100 if field.percent else 1)
        values[field.id] = _in_range(field, exact)
    return _estimate_exact(values)


def worked_example() -> Estimate:
    """The published worked example (``parameters.MEF_SUD_77``), computed by this module.

    Why a function: the estimator page shows the example with the very texts a
    visitor gets for the same entries, so the page cannot drift from the code.
    The entries are the example's amount and the form's defaults, which are the
    example's share, rate and hourly cost.
    """
    pairs = [["amount_ht", str(EXAMPLE_AMOUNT_HT.value)]]
    pairs += [[field.id, field.default] for field in HOURS_FIELDS if field.default is not None]
    return estimate_from_form(pairs)
