"""How many insertion hours a contract can reserve: the estimator for buyers.

The formula is the one facilitators use (source: ``parameters.MEF_SUD_77``, a
page from before 2016; the form's defaults are current figures, each with its
source in :mod:`eligibility.parameters`)::

    hours = amount excluding VAT × labour share × insertion rate ÷ average hourly labour cost

>>> insertion_hours(amount_ht=1_000_000, labour_share=0.5, insertion_rate=0.05, hourly_cost=30)
833

Why exact arithmetic: the result is a number a buyer may copy into a contract,
so it must not depend on binary floating point. Every input is turned into an
exact :class:`~decimal.Decimal` first — a float through its shortest decimal
form (``0.7`` is exactly 7/10, the value the person typed, not 0.69999…) — and
the quotient is rounded **half up** (2.5 gives 3, not Python's banker's 2) to
the nearest whole hour. The full-time equivalent is rounded half up to two
decimals the same way. A quotient such as 1/3 has no finite decimal form:
:func:`_quotient` says why the digits it keeps round exactly all the same.

Units: in the Python API, ``labour_share`` and ``insertion_rate`` are fractions
from 0 to 1 (0.05 for 5 %); money is in euros. In the quiz-style form read by
:func:`estimate_from_form` (the ``"hours"`` request of :mod:`eligibility.protocol`)
the two shares are typed as **percentages** (``50`` or ``50 %`` for 50 %), and
numbers are read the French way: see :func:`parse_number_fr`.

Both doors lead to one path: :func:`estimate` and :func:`estimate_from_form`
only read each value into a Decimal in API units (:func:`_from_api`,
:func:`_from_form`); the bounds, their messages and the computation are then
the same code (:func:`_estimate`).

Bad input raises :class:`~eligibility.errors.InvalidAnswer` whose ``field`` is
the parameter (and form field) name and whose message is plain French.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import MAX_EMAX, MIN_EMIN, ROUND_05UP, Decimal, InvalidOperation, localcontext
from typing import Any

from .errors import InvalidAnswer
from .forms import form_entries
from .parameters import (
    ANNUAL_WORKING_HOURS,
    AVERAGE_LABOUR_SHARE,
    EXAMPLE_AMOUNT_HT,
    INSERTION_RATE_HIGH,
    INSERTION_RATE_LOW,
    LABOUR_COST_ALL_SECTORS,
    LABOUR_COST_CONSTRUCTION,
    LABOUR_SHARES,
    MAX_AMOUNT_HT,
    MIN_HOURLY_COST,
    WORKED_EXAMPLE,
    HourlyCost,
)
from .typography import (
    NBSP,
    format_euros,
    format_number_fr,
    format_percent,
    plural,
    round_half_up,
    shift_point,
)

# --- the fields, as data the page renders ------------------------------------


@dataclass(frozen=True)
class HoursField:
    """One input of the estimator: its form name, its French texts and its bounds.

    ``minimum`` and ``maximum`` are in Python API units (shares from 0 to 1 for
    the ``percent`` fields). ``default`` is the value, in form units, the page may
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
    minimum: Decimal
    maximum: Decimal | None
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


def _cost(cents: int) -> Decimal:
    return shift_point(Decimal(cents), -2)


def format_hourly_cost(cost: HourlyCost) -> str:
    """A measured hourly cost as the pages write it: ``35,20 €``."""
    return format_euros(_cost(cost.cents))


def _trades_text() -> str:
    shares = [f"{t.percent}{NBSP}% pour la {t.label.lower()}" for t in LABOUR_SHARES]
    return ", ".join(shares[:-1]) + " et " + shares[-1]


_SHARE_RANGE = f"entre 0 et 100{NBSP}%"
_DEFAULT_COST = format_number_fr(_cost(LABOUR_COST_CONSTRUCTION.cents), 2, keep_zeros=True)

HOURS_FIELDS: tuple[HoursField, ...] = (
    HoursField(
        id="amount_ht",
        label="Montant du marché hors taxes (HT)",
        help=f"En euros, par exemple {format_number_fr(EXAMPLE_AMOUNT_HT.value)}.",
        unit="€",
        percent=False,
        missing="Indiquez le montant du marché hors taxes, en euros.",
        invalid=(
            f"Indiquez le montant en chiffres, par exemple {format_number_fr(150_000)} "
            "(sans point entre les milliers)."
        ),
        too_small="Le montant ne peut pas être négatif.",
        too_large=f"Indiquez un montant de moins de {format_number_fr(MAX_AMOUNT_HT.value)}{NBSP}€.",
        minimum=Decimal(0),
        maximum=Decimal(MAX_AMOUNT_HT.value),
    ),
    HoursField(
        id="labour_share",
        label="Part de la main-d'œuvre dans le montant",
        help=(
            f"En pourcentage. Dans le bâtiment, en moyenne {AVERAGE_LABOUR_SHARE.value}{NBSP}% ; "
            f"par exemple {_trades_text()} (exemple publié avant 2016)."
        ),
        unit="%",
        percent=True,
        missing="Indiquez la part de la main-d'œuvre, en pourcentage.",
        invalid=f"Indiquez la part de la main-d'œuvre en chiffres, par exemple {AVERAGE_LABOUR_SHARE.value}.",
        too_small=f"La part de la main-d'œuvre doit être {_SHARE_RANGE}.",
        too_large=f"La part de la main-d'œuvre doit être {_SHARE_RANGE}.",
        minimum=Decimal(0),
        maximum=Decimal(1),
        default=str(AVERAGE_LABOUR_SHARE.value),
    ),
    HoursField(
        id="insertion_rate",
        label="Taux d'insertion : part des heures réservée à l'insertion",
        help=(
            f"En pourcentage. En général entre {INSERTION_RATE_LOW.value} et "
            f"{INSERTION_RATE_HIGH.value}{NBSP}% des heures : c'est vous qui le fixez."
        ),
        unit="%",
        percent=True,
        missing="Indiquez le taux d'insertion, en pourcentage.",
        invalid=f"Indiquez le taux d'insertion en chiffres, par exemple {INSERTION_RATE_LOW.value}.",
        too_small=f"Le taux d'insertion doit être {_SHARE_RANGE}.",
        too_large=f"Le taux d'insertion doit être {_SHARE_RANGE}.",
        minimum=Decimal(0),
        maximum=Decimal(1),
        default=str(INSERTION_RATE_LOW.value),
    ),
    HoursField(
        id="hourly_cost",
        label="Coût moyen d'une heure de travail, charges comprises",
        help=(
            f"En euros. L'Insee a mesuré en {LABOUR_COST_CONSTRUCTION.year} un coût moyen de "
            f"{format_hourly_cost(LABOUR_COST_CONSTRUCTION)} par heure travaillée dans la construction "
            f"({format_hourly_cost(LABOUR_COST_ALL_SECTORS)} tous secteurs)."
        ),
        unit="€",
        percent=False,
        missing="Indiquez le coût moyen d'une heure de travail, en euros.",
        invalid=f"Indiquez le coût horaire en chiffres, par exemple {_DEFAULT_COST}.",
        too_small=f"Le coût horaire doit être d'au moins {MIN_HOURLY_COST.value}{NBSP}€ de l'heure.",
        too_large="",
        minimum=Decimal(MIN_HOURLY_COST.value),
        maximum=None,
        default=_DEFAULT_COST,
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
and as :func:`_compute` computes it; source: ``parameters.MEF_SUD_77``)."""


# --- exact decimal arithmetic ------------------------------------------------


def _decimal(number: float) -> Decimal:
    """``number`` as a Decimal, exactly as written: a float through its shortest
    form (``repr``), so ``0.7`` is 7/10 and not the binary 0.6999999999999999555…"""
    return Decimal(repr(number)) if isinstance(number, float) else Decimal(number)


def _product(*factors: Decimal) -> Decimal:
    """The product of ``factors`` with every one of its digits.

    A product has at most as many digits as its factors together, so a context
    of that precision never rounds it, and the widest exponent range never
    clips it.
    """
    digits = sum(len(factor.as_tuple().digits) for factor in factors)
    with localcontext(prec=digits, Emin=MIN_EMIN, Emax=MAX_EMAX):
        return math.prod(factors, start=Decimal(1))


def _quotient(dividend: Decimal, divisor: Decimal) -> Decimal:
    """``dividend ÷ divisor`` with three decimals or more, rounding as the exact quotient does.

    Most quotients (1/3) have no finite decimal form, so some digit must be the
    last. Here at least three decimals are kept and the last one is rounded
    ROUND_05UP: cut, unless that leaves a 0 or a 5, which goes one up. When
    digits are dropped, the result is thus within one unit of its last place
    of the exact quotient and ends in neither 0 nor 5. Whole numbers, numbers
    with two decimals and the halves between them are multiples of 0.005, so
    of five such units: the result is none of them and none lies between it
    and the exact quotient. Rounding it half up to whole hours or to
    hundredths, or comparing it with a whole number, gives what the exact
    quotient would.

    The precision follows from the operands: with adjusted exponents ``a`` and
    ``b`` (``1234`` has 3), the quotient is below ``10 ** (a - b + 1)``, so
    ``a - b + 1`` digits hold its whole part and three more its decimals. The
    exponent range is the widest, so that no quotient, however small or
    large, is clipped.
    """
    whole_digits = max(dividend.adjusted() - divisor.adjusted() + 1, 0)
    with localcontext(prec=whole_digits + 3, rounding=ROUND_05UP, Emin=MIN_EMIN, Emax=MAX_EMAX):
        return dividend / divisor


# --- one path for the API and the form ---------------------------------------


def _from_api(field: HoursField, value: object) -> Decimal:
    """An argument of :func:`estimate` as a Decimal; bool, text, NaN and infinities are refused."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InvalidAnswer(field.id, field.invalid)
    if isinstance(value, float) and not math.isfinite(value):
        raise InvalidAnswer(field.id, field.invalid)
    return _decimal(value)


def _from_form(field: HoursField, text: str) -> Decimal:
    """A form entry as a Decimal in API units: a percentage becomes a share (``50`` → 0.5)."""
    if not text.strip():
        raise InvalidAnswer(field.id, field.missing)
    number = parse_number_fr(text, percent=field.percent)
    if number is None:
        raise InvalidAnswer(field.id, field.invalid)
    return shift_point(number, -2) if field.percent else number


def _in_range(field: HoursField, value: Decimal) -> Decimal:
    if value < field.minimum:
        raise InvalidAnswer(field.id, field.too_small)
    if field.maximum is not None and value > field.maximum:
        raise InvalidAnswer(field.id, field.too_large)
    return value


def _estimate(read: Callable[[HoursField], Decimal]) -> Estimate:
    """The estimate for the values ``read`` gives, each checked against its field's bounds.

    Fields are read and checked one after the other in form order, so the
    error raised is the first one on screen, whichever door the values came in by.
    """
    return _compute({field.id: _in_range(field, read(field)) for field in HOURS_FIELDS})


# --- the computation ---------------------------------------------------------


@dataclass(frozen=True)
class Estimate:
    """One estimate: the checked inputs (exact) and the results.

    ``exact_hours`` is the formula's quotient as :func:`_quotient` gives it:
    exact when it has a short decimal form, else faithful to the exact value
    for every rounding the texts make.
    """

    amount_ht: Decimal
    labour_share: Decimal
    insertion_rate: Decimal
    hourly_cost: Decimal
    exact_hours: Decimal
    hours: int
    fte: float

    def to_dict(self) -> dict[str, Any]:
        """The ``hours`` object of the protocol's reply; every text is final French."""
        return {
            "hours": self.hours,
            "fte": self.fte,
            "annual_hours": ANNUAL_WORKING_HOURS.value,
            "inputs": {
                "amount_ht": format_euros(self.amount_ht),
                "labour_share": format_percent(self.labour_share),
                "insertion_rate": format_percent(self.insertion_rate),
                "hourly_cost": format_euros(self.hourly_cost),
            },
            "calculation": self._calculation(),
            "summary": self._summary(),
            "note": ESTIMATE_NOTE,
        }

    def _rounded(self) -> bool:
        """Whether the whole hours differ from the quotient: the texts then say "about"."""
        return self.exact_hours != self.hours

    def _hours_text(self) -> str:
        return f"{format_number_fr(self.hours)}{NBSP}{plural(self.hours, 'heure', 'heures')}"

    def _calculation(self) -> str:
        """The formula with the figures, then the result (and its rounding, if any)."""
        calculation = (
            f"{format_euros(self.amount_ht)} × {format_percent(self.labour_share)} × "
            f"{format_percent(self.insertion_rate)} ÷ {format_euros(self.hourly_cost)} de l'heure = "
        )
        if not self._rounded():
            return calculation + f"{self._hours_text()}."
        return calculation + (
            f"{format_number_fr(self.exact_hours, 2)} {plural(self.exact_hours, 'heure', 'heures')}, "
            f"arrondi à l'heure la plus proche : {self._hours_text()}."
        )

    def _summary(self) -> str:
        """The result in one sentence, with its full-time equivalent when there are hours."""
        about = "Environ " if self._rounded() else ""
        summary = f"{about}{self._hours_text()} de travail pour des personnes en insertion"
        if self.hours:
            fte = _decimal(self.fte)
            # Below 0,005 ETP the rounded figure is 0: say "less than" rather than "0".
            amount = format_number_fr(fte, 2) if fte else f"moins de {format_number_fr(Decimal('0.01'), 2)}"
            summary += (
                f", soit {amount} {plural(fte, 'équivalent', 'équivalents')} temps plein sur un an "
                f"({format_number_fr(ANNUAL_WORKING_HOURS.value)}{NBSP}heures)"
            )
        return summary + "."


def _compute(values: Mapping[str, Decimal]) -> Estimate:
    """The formula on checked values, in the order :data:`FORMULA` states it."""
    insertion_labour_cost = _product(values["amount_ht"], values["labour_share"], values["insertion_rate"])
    exact_hours = _quotient(insertion_labour_cost, values["hourly_cost"])
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


# --- the Python API ----------------------------------------------------------


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
    return _estimate(lambda field: _from_api(field, given[field.id]))


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
    return round_half_up(_quotient(_decimal(hours), _decimal(annual_hours)), 2) / 100


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


def estimate_from_form(pairs: object) -> Estimate:
    """The estimate for the form's raw ``(name, value)`` pairs (all text).

    Percent fields are typed as percentages (``50`` means 50 %) and turned
    into shares (0.5) here. Empty fields read as "not answered". The last
    value of a name sent twice wins. Unknown names are refused.
    """
    typed = form_entries(pairs, HOURS_FIELDS_BY_ID)
    return _estimate(lambda field: _from_form(field, typed.get(field.id, "")))


def worked_example() -> Estimate:
    """The published worked example (``parameters.WORKED_EXAMPLE``), computed by this module.

    Why a function: the estimator page shows the example with the very texts a
    visitor gets for the same entries, so the page cannot drift from the code.
    The entries are the example's own published inputs, not the form's
    defaults: the example is dated, the defaults are the current figures.
    """
    example = WORKED_EXAMPLE
    typed = {"amount_ht": example.amount_ht, "labour_share": example.labour_share,
             "insertion_rate": example.insertion_rate, "hourly_cost": example.hourly_cost}
    return estimate_from_form([[field.id, str(typed[field.id])] for field in HOURS_FIELDS])
