"""The buyers' check: must a contract provide a social condition of execution
(Code de la commande publique, article L2112-2-1, since the « Climat et
résilience » reform)? In Python, through the form parser and the protocol.

The expected thresholds are typed here from the public sources (avis annexed to
the code, 2024–2025 and 2026–2027), not read from ``eligibility.law``: the
table checks the parameters as well as the rule.
"""

from __future__ import annotations

import itertools
import json
import re
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eligibility import InvalidAnswer, handle, law
from eligibility.obligation import (
    AMOUNT_TOO_LARGE,
    BOUNDARY_DAY_NOTE,
    FIELDS,
    FIELDS_BY_ID,
    NEGATIVE_AMOUNT,
    NO_SUCH_DAY,
    OUTSIDE_HELD_PERIODS,
    Obligation,
    check_from_form,
    parse_amount_fr,
    social_condition_required,
    summary,
)
from eligibility.parameters import MAX_AMOUNT_HT
from eligibility.typography import NBSP

FAST = settings(max_examples=300, deadline=None, derandomize=True, database=None)

KINDS = ("travaux", "fournitures", "services")
BUYERS = ("etat", "collectivite", "entite_adjudicatrice")

THRESHOLDS_2026_2027 = {
    "travaux": {"etat": 5_404_000, "collectivite": 5_404_000, "entite_adjudicatrice": 5_404_000},
    "fournitures": {"etat": 140_000, "collectivite": 216_000, "entite_adjudicatrice": 432_000},
    "services": {"etat": 140_000, "collectivite": 216_000, "entite_adjudicatrice": 432_000},
}
THRESHOLDS_2024_2025 = {
    "travaux": {"etat": 5_538_000, "collectivite": 5_538_000, "entite_adjudicatrice": 5_538_000},
    "fournitures": {"etat": 143_000, "collectivite": 221_000, "entite_adjudicatrice": 443_000},
    "services": {"etat": 143_000, "collectivite": 221_000, "entite_adjudicatrice": 443_000},
}

REFORM = date(2026, 8, 22)
"""The first day of the obligation, as Légifrance dates the reformed L-articles."""


def check(kind: str, amount: int, buyer: str, day: str | date) -> Obligation:
    return social_condition_required(kind=kind, amount_ht=amount, buyer=buyer, launch_date=day)


def refused(**given: Any) -> InvalidAnswer:
    inputs: dict[str, Any] = {"kind": "services", "amount_ht": 300_000, "buyer": "collectivite",
                              "launch_date": "2026-10-01"}
    inputs.update(given)
    with pytest.raises(InvalidAnswer) as caught:
        social_condition_required(**inputs)
    return caught.value


# --- the API the outside checks rely on ---------------------------------------------------


def test_the_documented_example() -> None:
    r = social_condition_required(kind="services", amount_ht=300_000, buyer="collectivite", launch_date="2026-10-01")
    assert r.required is True
    assert r.threshold_ht == 216_000
    assert r.outcome == "required"


# --- the table: each threshold at, just below and above; each kind and buyer ---------------

AFTER_REFORM_DAYS = (REFORM, date(2026, 10, 1), date(2027, 12, 31))
TABLE = [
    (kind, buyer, day, amount, amount >= threshold)
    for kind in KINDS
    for buyer in BUYERS
    for day in AFTER_REFORM_DAYS
    for threshold in [THRESHOLDS_2026_2027[kind][buyer]]
    for amount in (threshold - 1, threshold, threshold + 1, 0)
]


@pytest.mark.parametrize(("kind", "buyer", "day", "amount", "required"), TABLE,
                         ids=[f"{k}-{b}-{d}-{a}" for k, b, d, a, _ in TABLE])
def test_after_the_reform_the_condition_is_required_from_the_threshold(
    kind: str, buyer: str, day: date, amount: int, required: bool
) -> None:
    result = check(kind, amount, buyer, day)
    assert result.required is required
    assert result.threshold_ht == THRESHOLDS_2026_2027[kind][buyer]
    assert result.outcome == ("required" if required else "below_threshold")


BEFORE_REFORM_DAYS = (date(2024, 1, 1), date(2025, 12, 31), date(2026, 1, 1), REFORM - timedelta(days=1))


@pytest.mark.parametrize("day", BEFORE_REFORM_DAYS, ids=str)
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("buyer", BUYERS)
def test_before_the_reform_nothing_was_required_whatever_the_amount(kind: str, buyer: str, day: date) -> None:
    held = THRESHOLDS_2024_2025 if day.year < 2026 else THRESHOLDS_2026_2027
    for amount in (0, held[kind][buyer], held[kind][buyer] * 10):
        result = check(kind, amount, buyer, day)
        assert (result.required, result.threshold_ht, result.outcome) == (False, None, "before_reform")
        assert any("peuvent prendre en compte" in reason for reason in result.reasons)


def test_the_thresholds_held_are_the_published_ones_with_their_periods() -> None:
    for held, expected, (start, end) in (
        (law.THRESHOLDS_2024_2025, THRESHOLDS_2024_2025, (date(2024, 1, 1), date(2025, 12, 31))),
        (law.THRESHOLDS_2026_2027, THRESHOLDS_2026_2027, (date(2026, 1, 1), date(2027, 12, 31))),
    ):
        assert (held.period.start, held.period.end) == (start, end)
        assert {k: {b: held.for_contract(k, b) for b in BUYERS} for k in KINDS} == expected
        assert held.source


def test_the_held_periods_follow_one_another_without_a_gap() -> None:
    periods = [held.period for held in law.EUROPEAN_THRESHOLDS]
    for earlier, later in itertools.pairwise(periods):
        assert earlier.end is not None and later.start == earlier.end + timedelta(days=1)
    assert REFORM in periods[-1]


@pytest.mark.parametrize("day", ["2023-12-31", "2028-01-01", "1999-05-05", "2100-01-01"])
def test_a_date_outside_the_held_periods_is_refused_in_french(day: str) -> None:
    error = refused(launch_date=day)
    assert (error.field, error.message) == ("launch_date", OUTSIDE_HELD_PERIODS)
    assert "du 1er janvier 2024 au 31 décembre 2027" in error.message
    assert "guichet unique" in error.message


@pytest.mark.parametrize("day", ["2024-01-01", "2027-12-31"])
def test_the_first_and_last_held_days_are_answered(day: str) -> None:
    assert isinstance(check("travaux", 1, "etat", day), Obligation)


def test_the_boundary_day_of_the_reform_is_said_to_be_uncertain() -> None:
    on_21 = check("services", 1_000_000, "etat", "2026-08-21")
    on_22 = check("services", 1_000_000, "etat", "2026-08-22")
    assert (on_21.required, on_22.required) == (False, True)
    assert BOUNDARY_DAY_NOTE in on_21.notes and BOUNDARY_DAY_NOTE not in on_22.notes
    assert "21 août 2026" in BOUNDARY_DAY_NOTE and "22 août 2026" in BOUNDARY_DAY_NOTE


def test_an_amount_exactly_at_the_threshold_says_which_reading_is_taken() -> None:
    at = check("fournitures", 216_000, "collectivite", "2026-10-01")
    above = check("fournitures", 216_001, "collectivite", "2026-10-01")
    assert at.required and above.required
    assert any("exactement égal au seuil" in note for note in at.notes)
    assert not any("exactement égal au seuil" in note for note in above.notes)


def test_a_date_object_and_a_datetime_are_read_as_their_day() -> None:
    text = check("services", 300_000, "collectivite", "2026-10-01").to_dict()
    assert check("services", 300_000, "collectivite", date(2026, 10, 1)).to_dict() == text
    assert check("services", 300_000, "collectivite", datetime(2026, 10, 1, 23, 59)).to_dict() == text


# --- what each result says --------------------------------------------------------------


ARTICLE = re.compile(r"\b[LRD]\d{3,4}-\d+(?:-\d+)?\b")


@pytest.mark.parametrize(("kind", "amount", "day"), [
    ("services", 300_000, "2026-10-01"),
    ("services", 216_000, "2026-10-01"),
    ("travaux", 6_000_000, "2026-10-01"),
    ("services", 100_000, "2026-10-01"),
    ("travaux", 100_000, "2026-10-01"),
    ("services", 300_000, "2025-10-01"),
    ("services", 300_000, "2026-08-21"),
])
def test_every_article_a_result_names_is_one_of_its_cited_articles_with_its_legifrance_link(
    kind: str, amount: int, day: str
) -> None:
    result = check(kind, amount, "collectivite", day).to_dict()
    texts = [result["headline"], *result["reasons"], result["derogations"] or "", *result["notes"],
             *result["next_steps"]]
    named = {number for text in texts for number in ARTICLE.findall(text)}
    cited = {a["number"]: a for a in result["articles"]}
    assert named and named <= set(cited), named - set(cited)
    for number, cited_article in cited.items():
        assert cited_article["label"] == f"Code de la commande publique, article {number}"
        assert cited_article["href"] == law.article("commande-publique", number).href
        assert cited_article["href"].startswith("https://www.legifrance.gouv.fr/")
        assert cited_article["about"]


def test_a_required_result_says_why_sends_to_the_guichet_for_the_derogations_and_lists_none() -> None:
    result = check("services", 300_000, "collectivite", "2026-10-01")
    why = " ".join(result.reasons)
    assert f"300{NBSP}000{NBSP}€{NBSP}HT" in why and f"216{NBSP}000{NBSP}€{NBSP}HT" in why
    assert "du 1er janvier 2026 au 31 décembre 2027" in why
    assert result.derogations is not None
    assert "guichet unique" in result.derogations
    assert "n'avons pas pu lire" in result.derogations
    # The concessions' twin has two cases, read; the marchés' own are not listed nor counted.
    assert "concession" in result.derogations and not re.search(r"\b1°|\b2°", result.derogations)


def test_below_the_threshold_the_clause_is_still_possible_and_useful_and_leads_to_the_hours() -> None:
    result = check("fournitures", 50_000, "etat", "2027-03-15")
    assert not result.required and result.outcome == "below_threshold"
    assert "reste possible et utile" in result.headline
    assert any("peuvent également prendre en compte" in reason for reason in result.reasons)
    assert result.derogations is None
    assert result.next_steps[0].startswith("Estimez le nombre d'heures d'insertion")


def test_before_the_reform_the_result_says_what_applied_then() -> None:
    result = check("travaux", 9_000_000, "collectivite", "2025-06-30")
    assert result.headline.startswith("Non : pour une consultation lancée avant le 22 août 2026")
    assert "30 juin 2025" in result.reasons[0]
    assert any("version d'avant la réforme" in reason for reason in result.reasons)


def test_every_outcome_gives_the_three_next_steps() -> None:
    for day, amount in (("2026-10-01", 300_000), ("2026-10-01", 1), ("2025-10-01", 300_000)):
        steps = check("services", amount, "collectivite", day).next_steps
        assert len(steps) == 3
        assert "heures d'insertion" in steps[0] and "a minima" in steps[1] and "guichet unique" in steps[2]


def test_the_fallback_summary_gives_the_latest_thresholds_with_their_period() -> None:
    text = " ".join(summary())
    assert "du 1er janvier 2026 au 31 décembre 2027" in text
    for amount in ("5 404 000", "140 000", "216 000", "432 000"):
        assert amount.replace(" ", NBSP) + f"{NBSP}€{NBSP}HT" in text


# --- bad input: InvalidAnswer at the field, in French ------------------------------------

BAD = [
    ({"kind": None}, "kind", FIELDS_BY_ID["kind"].missing),
    ({"kind": "batiment"}, "kind", FIELDS_BY_ID["kind"].invalid),
    ({"kind": "Travaux"}, "kind", FIELDS_BY_ID["kind"].invalid),
    ({"kind": 3}, "kind", FIELDS_BY_ID["kind"].invalid),
    ({"kind": ["services"]}, "kind", FIELDS_BY_ID["kind"].invalid),
    ({"buyer": None}, "buyer", FIELDS_BY_ID["buyer"].missing),
    ({"buyer": "commune"}, "buyer", FIELDS_BY_ID["buyer"].invalid),
    ({"buyer": {"etat": 1}}, "buyer", FIELDS_BY_ID["buyer"].invalid),
    ({"amount_ht": None}, "amount_ht", FIELDS_BY_ID["amount_ht"].missing),
    ({"amount_ht": -1}, "amount_ht", NEGATIVE_AMOUNT),
    ({"amount_ht": 300_000.0}, "amount_ht", FIELDS_BY_ID["amount_ht"].invalid),
    ({"amount_ht": 216_000.5}, "amount_ht", FIELDS_BY_ID["amount_ht"].invalid),
    ({"amount_ht": float("nan")}, "amount_ht", FIELDS_BY_ID["amount_ht"].invalid),
    ({"amount_ht": True}, "amount_ht", FIELDS_BY_ID["amount_ht"].invalid),
    ({"amount_ht": "300000"}, "amount_ht", FIELDS_BY_ID["amount_ht"].invalid),
    ({"amount_ht": MAX_AMOUNT_HT.value + 1}, "amount_ht", AMOUNT_TOO_LARGE),
    ({"amount_ht": 10**5000}, "amount_ht", AMOUNT_TOO_LARGE),
    ({"launch_date": None}, "launch_date", FIELDS_BY_ID["launch_date"].missing),
    ({"launch_date": ""}, "launch_date", FIELDS_BY_ID["launch_date"].missing),
    ({"launch_date": "01/10/2026"}, "launch_date", FIELDS_BY_ID["launch_date"].invalid),
    ({"launch_date": "20261001"}, "launch_date", FIELDS_BY_ID["launch_date"].invalid),
    ({"launch_date": "2026-W40-4"}, "launch_date", FIELDS_BY_ID["launch_date"].invalid),
    ({"launch_date": "2026-10-01T10:00"}, "launch_date", FIELDS_BY_ID["launch_date"].invalid),
    ({"launch_date": "2026-02-30"}, "launch_date", NO_SUCH_DAY),
    ({"launch_date": 20261001}, "launch_date", FIELDS_BY_ID["launch_date"].invalid),
    ({"launch_date": ["2026-10-01"]}, "launch_date", FIELDS_BY_ID["launch_date"].invalid),
]


@pytest.mark.parametrize(("given", "field", "message"), BAD, ids=[f"{b[1]}-{i}" for i, b in enumerate(BAD)])
def test_bad_input_is_refused_at_its_field_with_a_french_message(given: dict, field: str, message: str) -> None:
    error = refused(**given)
    assert (error.field, error.message) == (field, message)


def test_nothing_given_is_refused_at_the_first_field_on_screen() -> None:
    with pytest.raises(InvalidAnswer) as caught:
        social_condition_required()
    assert caught.value.field == FIELDS[0].id == "kind"


def test_errors_come_in_form_order() -> None:
    error = refused(kind="x", amount_ht=-1, buyer="y", launch_date="z")
    assert error.field == "kind"
    assert refused(amount_ht=-1, buyer="y", launch_date="z").field == "amount_ht"
    assert refused(buyer="y", launch_date="z").field == "buyer"


def test_every_message_is_plain_french_sentence() -> None:
    for field in FIELDS:
        for message in (field.missing, field.invalid):
            assert message[0].isupper() and message.endswith(".")
    for message in (NEGATIVE_AMOUNT, AMOUNT_TOO_LARGE, NO_SUCH_DAY, OUTSIDE_HELD_PERIODS):
        assert message[0].isupper() and message.endswith(".")


# --- the form, as the page sends it ------------------------------------------------------


def form(kind: str = "services", amount: str = "300 000", buyer: str = "collectivite",
         day: str = "2026-10-01") -> list[list[str]]:
    return [["kind", kind], ["amount_ht", amount], ["buyer", buyer], ["launch_date", day]]


@pytest.mark.parametrize(("text", "expected"), [
    ("300000", 300_000), ("300 000", 300_000), (f"300{NBSP}000", 300_000), ("300\u202f000", 300_000),
    ("300 000 €", 300_000), ("300 000 € HT", 300_000), ("300000€HT", 300_000), ("300 000 euros", 300_000),
    ("0", 0), ("-5", -5), ("\u22125", -5),
    ("300.000", None), ("300,000", None), ("300 000,50", None), ("3e5", None), ("trois cent mille", None),
    ("", None), ("1" * 41, None), ("HT", None),
])
def test_amounts_typed_the_french_way(text: str, expected: int | None) -> None:
    assert parse_amount_fr(text) == expected


def test_the_form_gives_what_the_api_gives() -> None:
    assert check_from_form(form()).to_dict() == check("services", 300_000, "collectivite", "2026-10-01").to_dict()
    typed = form(amount="5 404 000 € HT", kind="travaux", day="22/08/2026")
    assert check_from_form(typed).to_dict() == check("travaux", 5_404_000, "collectivite", "2026-08-22").to_dict()


FORM_ERRORS = [
    (form(kind=""), "kind", FIELDS_BY_ID["kind"].missing),
    ([pair for pair in form() if pair[0] != "kind"], "kind", FIELDS_BY_ID["kind"].missing),
    (form(kind="autre"), "kind", FIELDS_BY_ID["kind"].invalid),
    (form(amount=""), "amount_ht", FIELDS_BY_ID["amount_ht"].missing),
    (form(amount="  "), "amount_ht", FIELDS_BY_ID["amount_ht"].missing),
    (form(amount="beaucoup"), "amount_ht", FIELDS_BY_ID["amount_ht"].invalid),
    (form(amount="216 000,50"), "amount_ht", FIELDS_BY_ID["amount_ht"].invalid),
    (form(amount="-216 000"), "amount_ht", NEGATIVE_AMOUNT),
    (form(amount="9" * 14), "amount_ht", AMOUNT_TOO_LARGE),
    ([pair for pair in form() if pair[0] != "buyer"], "buyer", FIELDS_BY_ID["buyer"].missing),
    (form(day=""), "launch_date", FIELDS_BY_ID["launch_date"].missing),
    (form(day="1er octobre"), "launch_date", FIELDS_BY_ID["launch_date"].invalid),
    (form(day="31/02/2027"), "launch_date", NO_SUCH_DAY),
    (form(day="2028-01-01"), "launch_date", OUTSIDE_HELD_PERIODS),
    (form(day="31/12/2023"), "launch_date", OUTSIDE_HELD_PERIODS),
    ([*form(), ["montant", "1"]], "montant", "Champ inconnu : « montant »."),
    ("not a list", None, "Les réponses ne sont pas dans le bon format."),
    ([["kind"]], None, "Les réponses ne sont pas dans le bon format."),
    ([["kind", 3]], None, "Les réponses ne sont pas dans le bon format."),
]


@pytest.mark.parametrize(("pairs", "field", "message"), FORM_ERRORS, ids=[str(e[2])[:40] for e in FORM_ERRORS])
def test_bad_form_entries_are_refused_at_their_field(pairs: Any, field: str | None, message: str) -> None:
    with pytest.raises(InvalidAnswer) as caught:
        check_from_form(pairs)
    assert (caught.value.field, caught.value.message) == (field, message)


def test_the_protocol_answers_the_obligation_request() -> None:
    reply = json.loads(handle(json.dumps({"id": 9, "type": "obligation", "form": form()})))
    assert reply == {"id": 9, "ok": True, "obligation": check_from_form(form()).to_dict()}
    refused_reply = json.loads(handle(json.dumps({"id": 9, "type": "obligation", "form": form(amount="-1")})))
    assert refused_reply["error"] == {"field": "amount_ht", "message": NEGATIVE_AMOUNT}


# --- properties --------------------------------------------------------------------------

HELD = law.held_period()
assert HELD.end is not None

days = st.dates(min_value=HELD.start, max_value=HELD.end)
valid_amounts = st.one_of(
    st.integers(0, MAX_AMOUNT_HT.value),
    st.sampled_from(sorted({t + d for held in law.EUROPEAN_THRESHOLDS
                            for t in (held.works, held.central, held.other, held.utilities) for d in (-1, 0, 1)})),
)
junk = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=12),
    st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.dates(), st.datetimes(),
)


@FAST
@given(
    kind=st.one_of(st.sampled_from(KINDS), junk),
    amount=st.one_of(valid_amounts, junk),
    buyer=st.one_of(st.sampled_from(BUYERS), junk),
    day=st.one_of(days, days.map(date.isoformat), junk),
)
def test_any_input_gives_a_result_or_invalid_answer_never_another_exception(
    kind: object, amount: object, buyer: object, day: object
) -> None:
    try:
        result = social_condition_required(kind=kind, amount_ht=amount, buyer=buyer, launch_date=day)
    except InvalidAnswer as error:
        assert error.message and (error.field in {f.id for f in FIELDS})
    else:
        json.dumps(result.to_dict())  # always JSON-ready


@FAST
@given(kind=st.sampled_from(KINDS), buyer=st.sampled_from(BUYERS), day=days, amount=valid_amounts)
def test_never_required_below_the_threshold_always_from_it_after_the_reform(
    kind: str, buyer: str, day: date, amount: int
) -> None:
    result = check(kind, amount, buyer, day)
    threshold = law.thresholds_on(day).for_contract(kind, buyer)  # type: ignore[union-attr]
    if amount < threshold:
        assert not result.required
    assert result.required == (day >= REFORM and amount >= threshold)
    assert result.threshold_ht == (threshold if day >= REFORM else None)


@FAST
@given(kind=st.sampled_from(KINDS), buyer=st.sampled_from(BUYERS), day=days, a=valid_amounts, b=valid_amounts)
def test_required_is_monotone_in_the_amount(kind: str, buyer: str, day: date, a: int, b: int) -> None:
    low, high = sorted((a, b))
    if check(kind, low, buyer, day).required:
        assert check(kind, high, buyer, day).required


@FAST
@given(kind=st.sampled_from(KINDS), buyer=st.sampled_from(BUYERS), day=days, amount=valid_amounts,
       spaced=st.booleans(), unit=st.sampled_from(["", " €", " € HT", "€HT"]), french=st.booleans())
def test_the_form_and_the_api_agree_on_any_valid_contract(
    kind: str, buyer: str, day: date, amount: int, spaced: bool, unit: str, french: bool
) -> None:
    typed = (f"{amount:,}".replace(",", NBSP) if spaced else str(amount)) + unit
    typed_day = day.strftime("%d/%m/%Y") if french else day.isoformat()
    assert check_from_form(form(kind, typed, buyer, typed_day)).to_dict() == check(kind, amount, buyer, day).to_dict()
