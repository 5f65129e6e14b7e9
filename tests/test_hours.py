"""The buyers' insertion-hours estimator in Python and through the protocol.

hours = amount excluding VAT × labour share × insertion rate ÷ hourly labour cost,
rounded half up on the exact decimal value; full-time equivalents over 1 607 hours.
"""

from __future__ import annotations

import json
import math
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eligibility import InvalidAnswer, handle, parameters
from eligibility.hours import (
    ESTIMATE_NOTE,
    HOURS_FIELDS,
    HOURS_FIELDS_BY_ID,
    estimate,
    estimate_from_form,
    full_time_equivalent,
    insertion_hours,
    parse_number_fr,
    worked_example,
)
from eligibility.parameters import (
    ANNUAL_WORKING_HOURS,
    AVERAGE_LABOUR_SHARE,
    EXAMPLE_AMOUNT_HT,
    EXAMPLE_HOURS,
    INSERTION_RATE_HIGH,
    INSERTION_RATE_LOW,
    LABOUR_COST_ALL_SECTORS,
    LABOUR_COST_CONSTRUCTION,
    LABOUR_SHARES,
    MEF_SUD_77,
    WORKED_EXAMPLE,
)
from eligibility.protocol import INTERNAL_ERROR
from eligibility.typography import NBSP, format_number_fr

FAST = settings(max_examples=120, deadline=None)


def hours(amount_ht: Any, labour_share: Any, insertion_rate: Any, hourly_cost: Any) -> int:
    return insertion_hours(
        amount_ht=amount_ht, labour_share=labour_share, insertion_rate=insertion_rate, hourly_cost=hourly_cost
    )


def refused(**changes: Any) -> InvalidAnswer:
    inputs = {"amount_ht": 1_000_000, "labour_share": 0.5, "insertion_rate": 0.05, "hourly_cost": 30}
    inputs.update(changes)
    with pytest.raises(InvalidAnswer) as caught:
        insertion_hours(**inputs)
    return caught.value


# --- known values -------------------------------------------------------------

KNOWN = [
    # (amount, share, rate, cost, hours, why)
    (1_000_000, 0.5, 0.05, 30, 833, "MEF Sud 77's worked example: 833,33"),
    (1_000_000, 0.5, 0.05, 25, 1000, "same at 25 € an hour"),
    (1_000_000, 0.7, 0.05, 30, 1167, "interior painting: 1 166,67"),
    (1_000_000, 0.2, 0.05, 30, 333, "metal frames: 333,33"),
    (1_000_000, 0.5, 0.10, 30, 1667, "10 % insertion rate: 1 666,67"),
    (10_000_000, 0.7, 0.1, 25, 28_000, "a whole result stays whole"),
    (1000, 1, 0.05, 20, 3, "2,5 rounds half up to 3 (banker's rounding would give 2)"),
    (100, 0.3, 0.15, 1, 5, "4,5 rounds up to 5 (float banker's rounding gives 4)"),
    (10_000, 0.57, 0.05, 30, 10, "exactly 9,5; in floats 9,4999…, which naive rounding takes to 9"),
    (10_000, 0.69, 0.15, 30, 35, "exactly 34,5; in floats 34,4999…"),
    (1000, 1, 0.05, 30, 2, "1,67 rounds to 2"),
    (1000, 1, 0.01, 30, 0, "0,33 rounds to 0"),
    (0, 0.5, 0.05, 30, 0, "no amount, no hours"),
    (1_000_000, 0, 0.05, 30, 0, "no labour, no hours"),
    (1_000_000, 0.5, 0, 30, 0, "no insertion rate, no hours"),
    (1_000_000.0, 0.5, 0.05, 30.0, 833, "floats and ints give the same"),
    (1234.56, 1.0, 1.0, 1, 1235, "cents count"),
]


@pytest.mark.parametrize(("amount", "share", "rate", "cost", "expected", "why"), KNOWN, ids=[k[5] for k in KNOWN])
def test_known_values(amount: Any, share: Any, rate: Any, cost: Any, expected: int, why: str) -> None:
    result = hours(amount, share, rate, cost)
    assert result == expected, why
    assert type(result) is int


def test_the_worked_example_of_the_source_is_reproduced_with_its_own_inputs() -> None:
    example = WORKED_EXAMPLE
    result = hours(example.amount_ht, example.labour_share / 100, example.insertion_rate / 100, example.hourly_cost)
    assert result == example.hours == EXAMPLE_HOURS.value == 833
    assert worked_example().hours == 833
    assert (example.amount_ht, example.labour_share, example.insertion_rate, example.hourly_cost) == (
        EXAMPLE_AMOUNT_HT.value, 50, 5, 30)


def test_positional_arguments_work_too() -> None:
    assert insertion_hours(1_000_000, 0.5, 0.05, 30) == 833


@pytest.mark.parametrize("trade", LABOUR_SHARES, ids=lambda t: t.code)
def test_each_published_labour_share_gives_the_expected_hours(trade: Any) -> None:
    exact = Fraction(EXAMPLE_AMOUNT_HT.value) * Fraction(trade.percent, 100) * Fraction(5, 100) / 30
    assert hours(EXAMPLE_AMOUNT_HT.value, trade.percent / 100, 0.05, 30) == math.floor(exact + Fraction(1, 2))


# --- full-time equivalents ----------------------------------------------------


@pytest.mark.parametrize(
    ("worked", "annual", "expected"),
    [
        (833, 1607, 0.52),
        (1607, 1607, 1.0),
        (0, 1607, 0.0),
        (803.5, 1607, 0.5),
        (28_000, 1607, 17.42),
        (3, 200, 0.02),  # exactly 0,015: half up gives 0,02 (round() on floats gives 0,01)
        (1, 200, 0.01),  # exactly 0,005
    ],
)
def test_full_time_equivalent(worked: float, annual: int, expected: float) -> None:
    assert full_time_equivalent(worked, annual_hours=annual) == expected


def test_full_time_equivalent_uses_1607_hours_by_default() -> None:
    assert ANNUAL_WORKING_HOURS.value == 1607
    assert "L3121-41" in ANNUAL_WORKING_HOURS.source
    assert full_time_equivalent(1607) == 1.0
    assert full_time_equivalent(3214) == 2.0


@pytest.mark.parametrize(
    ("worked", "annual", "field"),
    [
        (-1, 1607, "hours"),
        (True, 1607, "hours"),
        ("833", 1607, "hours"),
        (float("nan"), 1607, "hours"),
        (float("inf"), 1607, "hours"),
        (10**400, 1607, "hours"),
        (833, 0, "annual_hours"),
        (833, -1607, "annual_hours"),
        (833, float("nan"), "annual_hours"),
        (833, False, "annual_hours"),
    ],
)
def test_full_time_equivalent_refuses_bad_input(worked: Any, annual: Any, field: str) -> None:
    with pytest.raises(InvalidAnswer) as caught:
        full_time_equivalent(worked, annual_hours=annual)
    assert caught.value.field == field


# --- properties -------------------------------------------------------------------

amounts = st.one_of(st.integers(0, 10**9), st.floats(0, 1e9, allow_nan=False))
shares = st.floats(0, 1, allow_nan=False)
costs = st.one_of(st.integers(1, 500), st.floats(1, 500, allow_nan=False))


@FAST
@given(amounts, amounts, shares, shares, costs)
def test_more_amount_or_labour_never_gives_fewer_hours(
    amount: float, other_amount: float, share: float, other_share: float, cost: float
) -> None:
    low_amount, high_amount = sorted((amount, other_amount))
    low_share, high_share = sorted((share, other_share))
    assert hours(low_amount, share, 0.05, cost) <= hours(high_amount, share, 0.05, cost)
    assert hours(amount, low_share, 0.05, cost) <= hours(amount, high_share, 0.05, cost)


@FAST
@given(amounts, shares, shares, shares, costs, costs)
def test_higher_rate_never_fewer_hours_dearer_hour_never_more(
    amount: float, share: float, rate: float, other_rate: float, cost: float, other_cost: float
) -> None:
    low_rate, high_rate = sorted((rate, other_rate))
    cheap, dear = sorted((cost, other_cost))
    assert hours(amount, share, low_rate, cost) <= hours(amount, share, high_rate, cost)
    assert hours(amount, share, rate, cheap) >= hours(amount, share, rate, dear)


@FAST
@given(amounts, shares, costs)
def test_zero_rate_means_zero_hours(amount: float, share: float, cost: float) -> None:
    assert hours(amount, share, 0, cost) == 0
    assert hours(amount, share, 0.0, cost) == 0


@FAST
@given(amounts, shares, shares, costs)
def test_result_is_the_exact_quotient_rounded_half_up(amount: float, share: float, rate: float, cost: float) -> None:
    exact = Fraction(repr(amount)) * Fraction(repr(share)) * Fraction(repr(rate)) / Fraction(repr(cost))
    result = hours(amount, share, rate, cost)
    assert abs(result - exact) <= Fraction(1, 2)
    assert result - exact != Fraction(-1, 2)  # a half always goes up


junk = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**30), 10**30),
    st.floats(),
    st.text(max_size=8),
    st.lists(st.integers(), max_size=2),
    st.builds(Decimal, st.integers()),
)


@FAST
@given(junk, junk, junk, junk)
def test_any_input_gives_hours_or_invalid_answer(a: Any, b: Any, c: Any, d: Any) -> None:
    try:
        result = hours(a, b, c, d)
    except InvalidAnswer as error:
        assert error.field in {f.id for f in HOURS_FIELDS}
        assert error.message
    else:
        assert type(result) is int and result >= 0


# --- bad input ------------------------------------------------------------------

BAD = [
    ({"amount_ht": -1}, "amount_ht", "Le montant ne peut pas être négatif."),
    ({"amount_ht": -0.01}, "amount_ht", "Le montant ne peut pas être négatif."),
    ({"amount_ht": 10**13}, "amount_ht", HOURS_FIELDS_BY_ID["amount_ht"].too_large),
    ({"amount_ht": "1000000"}, "amount_ht", HOURS_FIELDS_BY_ID["amount_ht"].invalid),
    ({"amount_ht": True}, "amount_ht", HOURS_FIELDS_BY_ID["amount_ht"].invalid),
    ({"amount_ht": None}, "amount_ht", HOURS_FIELDS_BY_ID["amount_ht"].invalid),
    ({"amount_ht": float("nan")}, "amount_ht", HOURS_FIELDS_BY_ID["amount_ht"].invalid),
    ({"amount_ht": float("inf")}, "amount_ht", HOURS_FIELDS_BY_ID["amount_ht"].invalid),
    ({"amount_ht": Decimal("1000")}, "amount_ht", HOURS_FIELDS_BY_ID["amount_ht"].invalid),
    ({"labour_share": 1.01}, "labour_share", f"La part de la main-d'œuvre doit être entre 0 et 100{NBSP}%."),
    ({"labour_share": -0.1}, "labour_share", f"La part de la main-d'œuvre doit être entre 0 et 100{NBSP}%."),
    ({"labour_share": 50}, "labour_share", f"La part de la main-d'œuvre doit être entre 0 et 100{NBSP}%."),
    ({"labour_share": False}, "labour_share", HOURS_FIELDS_BY_ID["labour_share"].invalid),
    ({"labour_share": float("-inf")}, "labour_share", HOURS_FIELDS_BY_ID["labour_share"].invalid),
    ({"insertion_rate": 2}, "insertion_rate", f"Le taux d'insertion doit être entre 0 et 100{NBSP}%."),
    ({"insertion_rate": -0.05}, "insertion_rate", f"Le taux d'insertion doit être entre 0 et 100{NBSP}%."),
    ({"insertion_rate": "5 %"}, "insertion_rate", HOURS_FIELDS_BY_ID["insertion_rate"].invalid),
    ({"hourly_cost": 0}, "hourly_cost", f"Le coût horaire doit être d'au moins 1{NBSP}€ de l'heure."),
    ({"hourly_cost": 0.0}, "hourly_cost", f"Le coût horaire doit être d'au moins 1{NBSP}€ de l'heure."),
    ({"hourly_cost": -30}, "hourly_cost", f"Le coût horaire doit être d'au moins 1{NBSP}€ de l'heure."),
    ({"hourly_cost": 0.5}, "hourly_cost", f"Le coût horaire doit être d'au moins 1{NBSP}€ de l'heure."),
    ({"hourly_cost": [30]}, "hourly_cost", HOURS_FIELDS_BY_ID["hourly_cost"].invalid),
]


@pytest.mark.parametrize(("changes", "field", "message"), BAD, ids=[f"{c}" for c, _, _ in BAD])
def test_bad_input_names_the_parameter_in_french(changes: dict[str, Any], field: str, message: str) -> None:
    error = refused(**changes)
    assert isinstance(error, ValueError)
    assert (error.field, error.message) == (field, message)


def test_the_first_bad_input_in_form_order_is_reported() -> None:
    assert refused(amount_ht=-1, hourly_cost=0).field == "amount_ht"
    assert refused(insertion_rate=5, labour_share=5).field == "labour_share"


def test_every_estimator_message_is_a_french_sentence() -> None:
    for field in HOURS_FIELDS:
        for message in (field.missing, field.invalid, field.too_small, field.too_large):
            if message:
                assert message.endswith("."), message
                assert not any(word in message.split() for word in ("the", "must", "invalid", "error"))


# --- the form: numbers typed the French way ----------------------------------


@pytest.mark.parametrize(
    ("typed", "percent", "expected"),
    [
        ("1000000", False, "1000000"),
        ("1 000 000", False, "1000000"),
        (f"1{NBSP}000{NBSP}000", False, "1000000"),
        ("1\u202f000\u202f000", False, "1000000"),  # narrow no-break space
        ("1 000 000 €", False, "1000000"),
        ("1 000 000 € HT", False, "1000000"),
        ("1000000 euros", False, "1000000"),
        ("1 000 000,50", False, "1000000.50"),
        ("27,5", False, "27.5"),
        ("27.5", False, "27.5"),
        ("30 €/h", False, "30"),
        ("30 € de l'heure", False, "30"),
        ("30 € de l’heure", False, "30"),
        ("50", True, "50"),
        ("50 %", True, "50"),
        ("50%", True, "50"),
        ("7,5 %", True, "7.5"),
        (",5", True, "0.5"),
        ("-5", False, "-5"),
        ("\u22125", False, "-5"),  # the typographic minus
    ],
)
def test_french_numbers_are_read(typed: str, percent: bool, expected: str) -> None:
    assert parse_number_fr(typed, percent=percent) == Decimal(expected)


@pytest.mark.parametrize(
    ("typed", "percent"),
    [
        ("1.000.000", False),
        ("1,000,000", False),
        ("150.000", False),  # thousands or decimals? refused rather than guessed
        ("1e6", False),
        ("abc", False),
        ("", False),
        ("un million", False),
        ("50 %", False),  # a percent sign in a money field
        ("30 €", True),  # a euro sign in a percent field
        ("١٢", False),
        ("1" * 41, False),
        ("--5", False),
        ("5-", False),
    ],
)
def test_unreadable_numbers_are_refused(typed: str, percent: bool) -> None:
    assert parse_number_fr(typed, percent=percent) is None


FORM = [["amount_ht", "1 000 000"], ["labour_share", "50"], ["insertion_rate", "5"], ["hourly_cost", "30"]]


def with_value(name: str, value: str) -> list[list[str]]:
    return [[n, value if n == name else v] for n, v in FORM]


def test_form_percentages_are_turned_into_shares() -> None:
    result = estimate_from_form(FORM)
    assert (result.labour_share, result.insertion_rate) == (Decimal("0.5"), Decimal("0.05"))
    assert result.hours == 833


@pytest.mark.parametrize(
    ("form", "field", "message"),
    [
        (with_value("amount_ht", ""), "amount_ht", HOURS_FIELDS_BY_ID["amount_ht"].missing),
        (FORM[1:], "amount_ht", HOURS_FIELDS_BY_ID["amount_ht"].missing),
        (with_value("amount_ht", "150.000"), "amount_ht", HOURS_FIELDS_BY_ID["amount_ht"].invalid),
        (with_value("amount_ht", "-5"), "amount_ht", "Le montant ne peut pas être négatif."),
        (with_value("labour_share", "150"), "labour_share", HOURS_FIELDS_BY_ID["labour_share"].too_large),
        (with_value("labour_share", "beaucoup"), "labour_share", HOURS_FIELDS_BY_ID["labour_share"].invalid),
        (with_value("insertion_rate", "  "), "insertion_rate", HOURS_FIELDS_BY_ID["insertion_rate"].missing),
        (with_value("hourly_cost", "0"), "hourly_cost", HOURS_FIELDS_BY_ID["hourly_cost"].too_small),
        (with_value("hourly_cost", "0,50"), "hourly_cost", HOURS_FIELDS_BY_ID["hourly_cost"].too_small),
        ([*FORM, ["tva", "20"]], "tva", "Champ inconnu : « tva »."),
    ],
)
def test_form_errors_name_the_field(form: list[list[str]], field: str, message: str) -> None:
    with pytest.raises(InvalidAnswer) as caught:
        estimate_from_form(form)
    assert (caught.value.field, caught.value.message) == (field, message)


@pytest.mark.parametrize("form", [None, "amount_ht=1", {"amount_ht": "1"}, [["amount_ht"]], [["amount_ht", 1]], [None]])
def test_malformed_form_has_no_field(form: object) -> None:
    with pytest.raises(InvalidAnswer) as caught:
        estimate_from_form(form)
    assert caught.value.field is None


@FAST
@given(
    st.integers(0, 10**9),
    st.integers(0, 100),
    st.integers(0, 10_000),  # hundredths of a percent
    st.integers(100, 50_000),  # cents
)
def test_form_and_api_agree(amount: int, share: int, rate_hundredths: int, cost_cents: int) -> None:
    rate = Decimal(rate_hundredths) / 100
    cost = Decimal(cost_cents) / 100
    form = [
        ["amount_ht", f"{amount:,}".replace(",", " ")],
        ["labour_share", f"{share} %"],
        ["insertion_rate", str(rate).replace(".", ",")],
        ["hourly_cost", f"{str(cost).replace('.', ',')} €"],
    ]
    api = hours(amount, share / 100, float(rate / 100), float(cost))
    assert estimate_from_form(form).hours == api


# --- exact decimals: digits a decimal context would drop ---------------------


def test_a_quotient_exactly_on_a_half_hundredth_is_shown_rounded_up() -> None:
    # 1 797 € × 50 % × 10 % ÷ 30 € = 2,995 hours exactly: 3 is shown, not 2,99.
    calculation = estimate(1797, 0.5, 0.1, 30).to_dict()["calculation"]
    assert calculation.endswith(f"= 3 heures, arrondi à l'heure la plus proche : 3{NBSP}heures.")


def test_a_quotient_a_hair_below_a_half_hundredth_is_not_rounded_up() -> None:
    # 2,99499…9 hours (33 nines): a division to 28 digits would make it 2,995, shown as 3.
    form = [["amount_ht", "2994," + "9" * 33], ["labour_share", "100"], ["insertion_rate", "100"],
            ["hourly_cost", "1000"]]
    calculation = estimate_from_form(form).to_dict()["calculation"]
    assert f"= 2,99 heures, arrondi à l'heure la plus proche : 3{NBSP}heures." in calculation


def test_a_share_typed_with_many_digits_keeps_them_all() -> None:
    # 99,99…9 % (35 nines) of 1 000 hours is not 1 000 hours; to 28 digits it would be.
    form = [["amount_ht", "1000"], ["labour_share", "99," + "9" * 35], ["insertion_rate", "100"],
            ["hourly_cost", "1"]]
    result = estimate_from_form(form)
    assert result.hours == 1000
    assert result.to_dict()["summary"].startswith(f"Environ 1{NBSP}000{NBSP}heures")


long_decimals = st.text("0123456789", max_size=36)


@FAST
@given(st.integers(0, 10**6), long_decimals, st.integers(0, 99), long_decimals, long_decimals,
       st.integers(1, 999), long_decimals)
def test_form_result_and_hundredths_are_the_exact_quotient_rounded_half_up(
    amount: int, amount_digits: str, share: int, share_digits: str, rate_digits: str, cost: int, cost_digits: str
) -> None:
    texts = [f"{amount},{amount_digits}", f"{share},{share_digits}", f"0,{rate_digits}",
             f"{cost},{cost_digits}"]
    texts = [text[:40] for text in texts]
    values = [Fraction(text.replace(",", ".")) for text in texts]
    exact = values[0] * values[1] / 100 * values[2] / 100 / values[3]
    result = estimate_from_form([[f.id, text] for f, text in zip(HOURS_FIELDS, texts, strict=True)])
    assert result.hours == math.floor(exact + Fraction(1, 2))
    hundredths = math.floor(exact * 100 + Fraction(1, 2))
    shown = f"= {format_number_fr(Decimal(hundredths) / 100, 2)} heure"
    assert (shown in result.to_dict()["calculation"]) == (exact != result.hours)


# --- the protocol ------------------------------------------------------------------


def ask(form: object, request_id: object = 7) -> dict[str, Any]:
    reply = json.loads(handle(json.dumps({"id": request_id, "type": "hours", "form": form})))
    assert reply["id"] == request_id
    return reply


def test_hours_request_round_trip() -> None:
    reply = ask([["amount_ht", "1 000 000 € HT"], ["labour_share", "50 %"], ["insertion_rate", "5"],
                 ["hourly_cost", "30 €"]])
    assert reply["ok"] is True
    result = reply["hours"]
    assert result["hours"] == 833
    assert result["fte"] == 0.52
    assert result["annual_hours"] == 1607
    assert result["inputs"] == {
        "amount_ht": f"1{NBSP}000{NBSP}000{NBSP}€",
        "labour_share": f"50{NBSP}%",
        "insertion_rate": f"5{NBSP}%",
        "hourly_cost": f"30{NBSP}€",
    }
    assert "833,33" in result["calculation"] and f"833{NBSP}heures" in result["calculation"]
    assert result["summary"].startswith(f"Environ 833{NBSP}heures")
    assert "0,52 équivalent temps plein" in result["summary"]
    assert result["note"] == ESTIMATE_NOTE and "guichet unique" in ESTIMATE_NOTE


def test_hours_request_error_names_the_field() -> None:
    reply = ask(with_value("hourly_cost", "0"))
    assert reply == {
        "id": 7,
        "ok": False,
        "error": {"field": "hourly_cost", "message": HOURS_FIELDS_BY_ID["hourly_cost"].too_small},
    }


@pytest.mark.parametrize("form", [None, [], "x", [["amount_ht", "1"]], [[1, 2]], [["labour_share", "1e999"]]])
def test_hours_request_never_fails_internally(form: object) -> None:
    reply = ask(form)
    assert reply["ok"] is False
    assert reply["error"]["message"] != INTERNAL_ERROR


def test_small_results_read_well() -> None:
    tiny = estimate(1000, 1, 0.05, 20).to_dict()
    assert tiny["hours"] == 3 and tiny["fte"] == 0.0
    assert "moins de 0,01 équivalent" in tiny["summary"]
    nothing = estimate(1000, 1, 0, 20).to_dict()
    assert nothing["summary"] == f"0{NBSP}heure de travail pour des personnes en insertion."
    several = estimate(10_000_000, 0.7, 0.1, 25).to_dict()
    assert "17,42 équivalents temps plein" in several["summary"]
    assert "arrondi" not in several["calculation"]  # 28 000 is exact


# --- the figures the page renders --------------------------------------------------


def test_form_field_names_are_the_contract_with_the_page() -> None:
    assert [f.id for f in HOURS_FIELDS] == ["amount_ht", "labour_share", "insertion_rate", "hourly_cost"]
    assert [f.unit for f in HOURS_FIELDS] == ["€", "%", "%", "€"]
    assert [f.to_dict()["default"] for f in HOURS_FIELDS] == [None, "50", "5", "35,20"]
    for field in HOURS_FIELDS:
        assert set(field.to_dict()) == {"id", "label", "help", "unit", "percent", "default"}


def test_the_defaults_are_the_current_sourced_figures_not_the_examples() -> None:
    defaults = {f.id: f.default for f in HOURS_FIELDS}
    assert defaults["labour_share"] == str(AVERAGE_LABOUR_SHARE.value)
    assert defaults["insertion_rate"] == str(INSERTION_RATE_LOW.value)
    assert parse_number_fr(defaults["hourly_cost"]) == Decimal(LABOUR_COST_CONSTRUCTION.cents) / 100
    form = [["amount_ht", str(EXAMPLE_AMOUNT_HT.value)], *([k, v] for k, v in defaults.items() if v)]
    # 1 000 000 × 50 % × 5 % ÷ 35,20 = 710,2…: not the 833 of the example and its 30 €.
    assert estimate_from_form(form).hours == 710 != WORKED_EXAMPLE.hours


def test_published_figures_are_parameters_with_their_source() -> None:
    assert [(t.code, t.percent) for t in LABOUR_SHARES] == [
        ("interior_painting", 70),
        ("masonry", 50),
        ("metal_frames", 20),
    ]
    assert all(t.source == MEF_SUD_77 for t in LABOUR_SHARES)
    assert "mefsud77.fr" in MEF_SUD_77 and "avant la réforme de 2016" in MEF_SUD_77
    assert (INSERTION_RATE_LOW.value, INSERTION_RATE_HIGH.value) == (5, 20)
    assert "5% ou plus" in INSERTION_RATE_LOW.source and "entre 5 et 20 %" in INSERTION_RATE_HIGH.source
    assert (LABOUR_COST_CONSTRUCTION.cents, LABOUR_COST_CONSTRUCTION.year) == (3520, 2020)
    assert (LABOUR_COST_ALL_SECTORS.cents, LABOUR_COST_ALL_SECTORS.year) == (3870, 2020)
    assert "Insee" in LABOUR_COST_CONSTRUCTION.source
    assert WORKED_EXAMPLE.dated and MEF_SUD_77 in WORKED_EXAMPLE.source


def test_no_source_is_cited_that_no_reader_can_open() -> None:
    texts = [value.source for value in vars(parameters).values() if hasattr(value, "source")]
    assert texts and not [text for text in texts if "Val de Bièvre" in text]
    for url in parameters.PUBLIC_SOURCE_URLS:
        assert url.startswith(("http://", "https://")), url


def test_help_texts_are_built_from_the_parameters() -> None:
    share_help = HOURS_FIELDS_BY_ID["labour_share"].help
    for trade in LABOUR_SHARES:
        assert f"{trade.percent}{NBSP}% pour la {trade.label.lower()}" in share_help
    cost_help = HOURS_FIELDS_BY_ID["hourly_cost"].help
    assert f"en {LABOUR_COST_CONSTRUCTION.year}" in cost_help and f"35,20{NBSP}€" in cost_help
    assert f"{INSERTION_RATE_LOW.value} et {INSERTION_RATE_HIGH.value}" in HOURS_FIELDS_BY_ID["insertion_rate"].help


@pytest.mark.parametrize(
    ("value", "decimals", "keep_zeros", "expected"),
    [
        (Decimal(1_234_567), 0, False, f"1{NBSP}234{NBSP}567"),
        (Decimal("1234567.5"), 2, False, f"1{NBSP}234{NBSP}567,5"),
        (Decimal("1234567.5"), 2, True, f"1{NBSP}234{NBSP}567,50"),
        (Decimal("0.005"), 2, False, "0,01"),  # half up
        (Decimal("0.3333"), 2, False, "0,33"),
        (Decimal(999), 2, True, "999"),
        (Decimal("-2.5"), 0, False, "-3"),
    ],
)
def test_numbers_are_written_the_french_way(value: Decimal, decimals: int, keep_zeros: bool, expected: str) -> None:
    assert format_number_fr(value, decimals, keep_zeros=keep_zeros) == expected
