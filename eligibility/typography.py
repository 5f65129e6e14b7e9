"""Numbers and counts written the French way, as the site prints them.

French typography puts a no-break space between thousands and before a unit
(``1 000 000 €``, ``50 %``), writes a comma as decimal mark (``833,33``) and
agrees a noun in the plural from 2 on (``1,5 heure``, ``2 heures``). These
rules are the site's, not one page's: they live here so that every module and
template writes numbers alike.

Numbers are :class:`~decimal.Decimal` or int, and every helper is exact: a
figure shown to a visitor must be the rounding of the true value, never of a
value already rounded by a decimal context's precision (28 digits unless told
otherwise) or by binary floating point. That is why nothing here calls
``abs()``, ``*`` or ``quantize()`` on a Decimal, which all round to that
precision: the helpers move the decimal point or use the value's exact integer
ratio instead.
"""

from __future__ import annotations

from decimal import Decimal

NBSP = "\u00a0"
"""Thousands separator and space before units, as French typography wants (no line break)."""


def round_half_up(value: Decimal | int, decimals: int = 0) -> int:
    """``value`` counted in units of ``10**-decimals``, to the nearest unit, halves going up.

    ``round_half_up(Decimal("2.5")) == 3`` (Python's ``round`` gives the
    banker's 2) and ``round_half_up(Decimal("0.015"), 2) == 2``, i.e. 0,02.
    Halves go towards plus infinity: -2.5 gives -2.

    Why integers: the value's exact ratio ``n / d`` rounds as
    ``floor(n × 10**decimals / d + 1/2)`` with no precision to run out of,
    whatever the number of digits.
    """
    numerator, denominator = value.as_integer_ratio()
    return (2 * numerator * 10**decimals + denominator) // (2 * denominator)


def shift_point(value: Decimal, places: int) -> Decimal:
    """``value × 10**places``, exactly: only the exponent changes (``places`` may be negative).

    ``shift_point(Decimal("7.5"), -2)`` is 0.075, the share that ``7,5 %``
    stands for. Multiplying or dividing by 100, or ``scaleb``, would round to
    the context's precision a number typed with more digits than it has.
    """
    sign, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int):
        raise ValueError(f"not a finite number: {value}")  # NaN is a bad value, not a bad type
    return Decimal((sign, digits, exponent + places))


def format_number_fr(value: Decimal | int, decimals: int = 0, *, keep_zeros: bool = False) -> str:
    """``value`` rounded to ``decimals`` places, French style: ``1 234 567,5``.

    The magnitude is rounded half up (so a negative half goes away from zero).

    Trailing zeros of the decimal part are dropped unless ``keep_zeros``
    (used for cents: ``12,50``); a whole result shows no decimal part at all.
    """
    number = Decimal(value)
    scaled = round_half_up(number.copy_abs(), decimals)
    whole, part = divmod(scaled, 10**decimals)
    text = f"{whole:,}".replace(",", NBSP)
    digits = str(part).rjust(decimals, "0") if decimals else ""
    if not keep_zeros:
        digits = digits.rstrip("0")
    if digits and part:
        text += "," + digits
    return ("-" if number < 0 and scaled else "") + text


def format_euros(amount: Decimal | int) -> str:
    """An amount in euros with its cents, as on an invoice: ``12,50 €``, ``30 €``."""
    return f"{format_number_fr(amount, 2, keep_zeros=True)}{NBSP}€"


def format_percent(share: Decimal) -> str:
    """A share from 0 to 1 as a percentage, to at most four decimals: ``0.075`` → ``7,5 %``."""
    return f"{format_number_fr(shift_point(share, 2), 4)}{NBSP}%"


def plural(count: Decimal | int, singular: str, plural_form: str) -> str:
    """French agreement: singular below 2 (0,5 heure, 1 heure, 1,99 heure), plural from 2."""
    return singular if count < 2 else plural_form
