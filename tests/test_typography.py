"""Numbers and counts written the French way (eligibility.typography), exactly.

The helpers must round the true value, so several cases below have more
digits than a default decimal context (28) keeps: rounding those first would
change the figure shown.
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eligibility.typography import (
    NBSP,
    format_euros,
    format_number_fr,
    format_percent,
    plural,
    round_half_up,
    shift_point,
)

FAST = settings(max_examples=200, deadline=None)

NEARLY_HALF_A_HUNDREDTH = Decimal("0.00" + "4" + "9" * 32)  # 35 decimals, just below 0,005


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (Decimal("2.5"), 0, 3),  # round() would give the banker's 2
        (Decimal("3.5"), 0, 4),
        (Decimal("-2.5"), 0, -2),  # halves go up, towards plus infinity
        (Decimal("0.015"), 2, 2),
        (NEARLY_HALF_A_HUNDREDTH, 2, 0),
        (Decimal("123456789012345678901234567890.5"), 0, 123456789012345678901234567891),
        (Decimal("1E-30"), 2, 0),
        (Decimal("1E+3"), 0, 1000),
        (7, 0, 7),
        (7, 2, 700),
    ],
)
def test_round_half_up(value: Decimal | int, decimals: int, expected: int) -> None:
    assert round_half_up(value, decimals) == expected


@settings(max_examples=200, deadline=None)
@given(st.decimals(allow_nan=False, allow_infinity=False, places=None).filter(lambda d: abs(d.adjusted()) < 50),
       st.integers(0, 6))
def test_round_half_up_is_the_exact_value_rounded(value: Decimal, decimals: int) -> None:
    assert round_half_up(value, decimals) == math.floor(Fraction(value) * 10**decimals + Fraction(1, 2))


def test_shift_point_moves_the_point_and_keeps_every_digit() -> None:
    assert shift_point(Decimal("7.5"), -2) == Decimal("0.075")
    assert shift_point(Decimal("0.075"), 2) == Decimal("7.5")
    many = Decimal("9" * 38)
    assert shift_point(many, -2).as_tuple().digits == many.as_tuple().digits
    assert shift_point(many, -40) == Fraction(int("9" * 38), 10**40)


def test_shift_point_refuses_what_is_not_a_number() -> None:
    with pytest.raises(ValueError):
        shift_point(Decimal("NaN"), 2)


@pytest.mark.parametrize(
    ("value", "decimals", "keep_zeros", "expected"),
    [
        (1607, 0, False, f"1{NBSP}607"),  # an int, as the page templates pass
        (0, 2, True, "0"),
        (Decimal("833.3333333333333333333333333333333"), 2, False, "833,33"),
        (NEARLY_HALF_A_HUNDREDTH, 2, False, "0"),  # abs() to 28 digits would make it 0,005, then 0,01
        (Decimal("-" + str(NEARLY_HALF_A_HUNDREDTH)), 2, False, "0"),  # no sign on a zero
        (Decimal("-0.005"), 2, False, "-0,01"),
        (Decimal("-0"), 0, False, "0"),
        (Decimal("1E+12"), 0, False, f"1{NBSP}000{NBSP}000{NBSP}000{NBSP}000"),
        (Decimal("12.5"), 2, False, "12,5"),
        (Decimal("12.5"), 2, True, "12,50"),
    ],
)
def test_format_number_fr(value: Decimal | int, decimals: int, keep_zeros: bool, expected: str) -> None:
    assert format_number_fr(value, decimals, keep_zeros=keep_zeros) == expected


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (Decimal("12.5"), f"12,50{NBSP}€"),
        (30, f"30{NBSP}€"),
        (Decimal("1000000.004"), f"1{NBSP}000{NBSP}000{NBSP}€"),
        (Decimal("0.995"), f"1{NBSP}€"),
    ],
)
def test_format_euros(amount: Decimal | int, expected: str) -> None:
    assert format_euros(amount) == expected


@pytest.mark.parametrize(
    ("share", "expected"),
    [
        (Decimal("0.075"), f"7,5{NBSP}%"),
        (Decimal("0.5"), f"50{NBSP}%"),
        (Decimal(1), f"100{NBSP}%"),
        (Decimal("0.123456789"), f"12,3457{NBSP}%"),
        # × 100 to 28 digits would give 12,34565000… and then 12,3457.
        (Decimal("0.1234564" + "9" * 29), f"12,3456{NBSP}%"),
    ],
)
def test_format_percent(share: Decimal, expected: str) -> None:
    assert format_percent(share) == expected


@pytest.mark.parametrize(
    ("count", "expected"),
    [(0, "heure"), (1, "heure"), (Decimal("0.5"), "heure"), (Decimal("1.99"), "heure"), (2, "heures"),
     (Decimal("2.00"), "heures"), (1000, "heures")],
)
def test_plural_from_two(count: Decimal | int, expected: str) -> None:
    assert plural(count, "heure", "heures") == expected


@FAST
@given(st.integers(0, 10**15), st.integers(0, 4))
def test_whole_numbers_group_thousands_with_no_break_spaces(number: int, decimals: int) -> None:
    text = format_number_fr(number, decimals, keep_zeros=True)
    assert text.replace(NBSP, "") == str(number)
    assert all(len(group) == 3 for group in text.split(NBSP)[1:])
