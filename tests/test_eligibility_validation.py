"""Bad answers are refused with InvalidAnswer, naming the field, in plain French.

Every path that raises is exercised here with the ``field`` the quiz uses to
put the message next to the right control. Also the quiz form's conversion,
``from_form``, including the exclusive "Aucune de ces allocations" box.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from eligibility import QUESTIONS_BY_ID, InvalidAnswer, evaluate, from_form, validate
from eligibility.answers import BOTH_NONE_AND_BENEFIT

BAD_FORMAT = "Les réponses ne sont pas dans le bon format."


def person(**changes: Any) -> dict[str, Any]:
    answers: dict[str, Any] = {"age": 30, "benefits": [], "disabled_worker": False, "job_seeker": False}
    answers.update(changes)
    return answers


def without(answers: dict[str, Any], key: str) -> dict[str, Any]:
    return {k: v for k, v in answers.items() if k != key}


def refused(answers: object) -> InvalidAnswer:
    with pytest.raises(InvalidAnswer) as caught:
        evaluate(answers)
    return caught.value


def looks_french(message: str) -> bool:
    """Plain French for a visitor: a sentence, no English, no Python repr."""
    english = re.search(r"\b(the|must|invalid|expected|error|missing|None|True|False)\b", message)
    return bool(message) and message[-1] in ".?" and english is None and "Traceback" not in message


# --- the input as a whole ----------------------------------------------------


@pytest.mark.parametrize("answers", [None, [], "age=30", 30, 3.5, True, [("age", 30)], b"{}"])
def test_input_that_is_not_a_mapping_has_no_field(answers: object) -> None:
    error = refused(answers)
    assert error.field is None
    assert error.message == BAD_FORMAT


@pytest.mark.parametrize("key", [1, None, ("age",), 2.5, False])
def test_non_text_keys_are_refused_without_a_field(key: object) -> None:
    error = refused({**person(), key: 1})
    assert error.field is None and error.message == BAD_FORMAT


@pytest.mark.parametrize("key", ["revenu", "Age", "", "are", "x" * 500])
def test_unknown_keys_are_named(key: str) -> None:
    error = refused({**person(), key: 1})
    assert error.field == key
    assert error.message.startswith("Question inconnue")
    assert len(error.message) < 80  # a long key is cut, not echoed whole


def test_invalid_answer_is_a_value_error_with_a_json_form() -> None:
    error = refused(person(age="trente"))
    assert isinstance(error, ValueError)
    assert str(error) == error.message
    assert error.to_dict() == {"field": "age", "message": QUESTIONS_BY_ID["age"].invalid}


# --- missing answers ----------------------------------------------------------


@pytest.mark.parametrize("key", ["age", "benefits", "disabled_worker", "job_seeker"])
def test_each_question_always_asked_is_required(key: str) -> None:
    error = refused(without(person(), key))
    assert (error.field, error.message) == (key, QUESTIONS_BY_ID[key].missing)


def test_months_are_required_from_a_job_seeker() -> None:
    error = refused(person(job_seeker=True))
    assert (error.field, error.message) == ("months_registered", QUESTIONS_BY_ID["months_registered"].missing)


def test_diploma_is_required_under_26() -> None:
    error = refused(person(age=25))
    assert (error.field, error.message) == ("diploma", QUESTIONS_BY_ID["diploma"].missing)


def test_the_first_problem_in_quiz_order_is_reported() -> None:
    error = refused({"age": "x", "benefits": "y", "job_seeker": "z"})
    assert error.field == "age"
    error = refused(person(job_seeker="oui", benefits="rsa"))
    assert error.field == "job_seeker"


# --- wrong types ----------------------------------------------------------------

WRONG_TYPES = [
    ("age", True),  # a bool is not an age
    ("age", 30.0),  # a float is not an int
    ("age", "30"),
    ("age", None),
    ("age", [30]),
    ("age", float("nan")),
    ("age", float("inf")),
    ("job_seeker", "true"),
    ("job_seeker", 1),
    ("job_seeker", None),
    ("disabled_worker", 0),
    ("disabled_worker", "non"),
    ("benefits", "rsa"),
    ("benefits", {"rsa": True}),
    ("benefits", None),
    ("benefits", [1]),
    ("benefits", [["rsa"]]),
    ("benefits", [None]),
]


@pytest.mark.parametrize(("key", "value"), WRONG_TYPES, ids=[f"{k}={v!r}" for k, v in WRONG_TYPES])
def test_wrong_types_are_refused(key: str, value: object) -> None:
    error = refused(person(**{key: value}))
    assert (error.field, error.message) == (key, QUESTIONS_BY_ID[key].invalid)


@pytest.mark.parametrize("value", [12.0, True, "12", None, -0.5])
def test_months_must_be_a_whole_number(value: object) -> None:
    error = refused(person(job_seeker=True, months_registered=value))
    assert (error.field, error.message) == ("months_registered", QUESTIONS_BY_ID["months_registered"].invalid)


@pytest.mark.parametrize("value", ["master", "CAP", "", 3, None, ["none"], True])
def test_diploma_must_be_one_of_the_choices(value: object) -> None:
    error = refused(person(age=20, diploma=value))
    assert (error.field, error.message) == ("diploma", QUESTIONS_BY_ID["diploma"].invalid)


@pytest.mark.parametrize(
    "code",
    [
        "are",  # allocation chômage: not a minimum social
        "prime_activite",
        "apl",
        "RSA",  # codes are exact
        " rsa",
        "none",  # the form's "Aucune" box is not a benefit code of the API
        "",
    ],
)
def test_unknown_benefit_codes_are_refused(code: str) -> None:
    error = refused(person(benefits=["rsa", code] if code != "none" else [code]))
    assert (error.field, error.message) == ("benefits", QUESTIONS_BY_ID["benefits"].invalid)


def test_none_beside_a_benefit_is_a_contradiction() -> None:
    error = refused(person(benefits=["none", "rsa"]))
    assert (error.field, error.message) == ("benefits", BOTH_NONE_AND_BENEFIT)


def test_the_same_benefit_twice_counts_once() -> None:
    assert validate(person(benefits=["rsa", "rsa"])).benefits == frozenset({"rsa"})


# --- out of range -------------------------------------------------------------


@pytest.mark.parametrize("age", [15, 100, 0, -1, 10**100])
def test_age_out_of_range(age: int) -> None:
    error = refused(person(age=age))
    assert (error.field, error.message) == ("age", "Indiquez un nombre entre 16 et 99.")


@pytest.mark.parametrize("age", [16, 99])
def test_age_limits_are_accepted(age: int) -> None:
    evaluate(person(age=age, diploma="bac"))


@pytest.mark.parametrize("months", [-1, 601, 10**100])
def test_months_out_of_range(months: int) -> None:
    error = refused(person(job_seeker=True, months_registered=months))
    assert (error.field, error.message) == ("months_registered", "Indiquez un nombre entre 0 et 600.")


@pytest.mark.parametrize("months", [0, 600])
def test_month_limits_are_accepted(months: int) -> None:
    evaluate(person(job_seeker=True, months_registered=months))


# --- answers that do not apply are not looked at --------------------------------


@pytest.mark.parametrize("junk", ["abc", -5, None, [1, 2], {"x": 1}, 1.5, True])
def test_months_of_a_non_job_seeker_are_ignored(junk: object) -> None:
    assert evaluate(person(months_registered=junk)) == evaluate(person())


@pytest.mark.parametrize("junk", ["doctorat", None, 0, ["none"], "none"])
def test_diploma_from_26_on_is_ignored(junk: object) -> None:
    assert evaluate(person(age=26, diploma=junk)) == evaluate(person(age=26))


# --- the commune (optional: it only says whom to call first) --------------------


@pytest.mark.parametrize("unanswered", [None, "", "   "])
def test_the_commune_may_be_left_unanswered(unanswered: object) -> None:
    assert validate(person()).commune is None
    assert validate(person(commune=unanswered)).commune is None


@pytest.mark.parametrize(
    ("typed", "code", "name"),
    [
        ("Névian", "11264", "Névian"),
        ("  NEVIAN ", "11264", "Névian"),
        ("lezignan corbieres", "11203", "Lézignan-Corbières"),
        ("lezignan", "11203", "Lézignan-Corbières"),  # only one commune starts so
        ("St-Hilaire", "11344", "Saint-Hilaire"),
        ("cuxac d aude", "11116", "Cuxac-d'Aude"),
        ("Roquetaillade", "11323", "Roquetaillade"),  # the commune déléguée, not Roquetaillade-et-Conilhac
        ("11430", "11170", "Gruissan"),  # a postal code with one commune
    ],
)
def test_the_commune_is_read_as_a_visitor_types_it(typed: str, code: str, name: str) -> None:
    commune = validate(person(commune=typed)).commune
    assert commune is not None and (commune.code, commune.name) == (code, name)


def test_a_commune_outside_the_aude_or_unknown_is_refused_at_the_question() -> None:
    error = refused(person(commune="Paris"))
    assert error.field == "commune"
    assert "« Paris »" in error.message and "hors de l'Aude" in error.message


@pytest.mark.parametrize("typed", ["11200", "saint", "val"])
def test_text_several_communes_match_asks_to_choose_one(typed: str) -> None:
    error = refused(person(commune=typed))
    assert error.field == "commune"
    assert error.message.startswith(f"Plusieurs communes correspondent à « {typed} »")


def test_an_insee_code_is_not_read_as_the_commune() -> None:
    """11200 is Lézignan-Corbières' postal code and another commune's INSEE code."""
    assert refused(person(commune="11069")).field == "commune"  # Carcassonne's INSEE code, no postal code


@pytest.mark.parametrize("value", [11264, True, ["Névian"], {"name": "Névian"}])
def test_a_commune_that_is_not_text_is_refused(value: object) -> None:
    error = refused(person(commune=value))
    assert (error.field, error.message) == ("commune", QUESTIONS_BY_ID["commune"].invalid)


def test_the_commune_is_checked_after_every_other_question() -> None:
    assert refused(without(person(commune="Paris"), "age")).field == "age"


def test_the_commune_from_the_form_is_the_typed_text_and_an_empty_field_is_no_answer() -> None:
    form = [["age", "40"], ["job_seeker", "false"], ["benefits", "none"], ["disabled_worker", "false"]]
    assert from_form([*form, ["commune", "Névian"]])["commune"] == "Névian"
    assert "commune" not in from_form([*form, ["commune", "  "]])
    assert evaluate(from_form([*form, ["commune", "Névian"]])).contacts[0] == "grand-narbonne"


# --- every message is French --------------------------------------------------


def test_every_message_a_visitor_can_see_is_plain_french() -> None:
    messages = {BAD_FORMAT, BOTH_NONE_AND_BENEFIT, refused(person(commune="Paris")).message,
                refused(person(commune="11200")).message}
    for question in QUESTIONS_BY_ID.values():
        messages |= {question.invalid} | ({question.missing} if not question.optional else set())
        if question.kind == "integer":
            messages.add(question.out_of_range)
    for message in messages:
        assert looks_french(message), message


# --- the quiz form ---------------------------------------------------------------

FULL_FORM = [
    ["age", "22"],
    ["diploma", "cap_bep"],
    ["job_seeker", "true"],
    ["months_registered", "14"],
    ["benefits", "rsa"],
    ["benefits", "aah"],
    ["disabled_worker", "false"],
]


def test_form_entries_become_typed_answers() -> None:
    assert from_form(FULL_FORM) == {
        "age": 22,
        "diploma": "cap_bep",
        "job_seeker": True,
        "months_registered": 14,
        "benefits": ["rsa", "aah"],
        "disabled_worker": False,
    }
    assert evaluate(from_form(FULL_FORM)).matched == (
        "minimum_social",
        "long_term_job_seeker",
        "young_low_qualified",
    )


def test_the_none_box_alone_means_no_benefit() -> None:
    form = [["age", "40"], ["job_seeker", "false"], ["benefits", "none"], ["disabled_worker", "false"]]
    assert from_form(form)["benefits"] == []
    assert evaluate(from_form(form)).eligible is False


def test_the_none_box_beside_a_benefit_is_refused_at_benefits() -> None:
    form = [["age", "40"], ["job_seeker", "false"], ["benefits", "none"], ["benefits", "rsa"],
            ["disabled_worker", "false"]]
    error = refused(from_form(form))
    assert (error.field, error.message) == ("benefits", BOTH_NONE_AND_BENEFIT)


def test_a_box_sent_twice_is_one_answer() -> None:
    assert from_form([["benefits", "none"], ["benefits", "none"]])["benefits"] == []
    assert from_form([["benefits", "rsa"], ["benefits", "rsa"]])["benefits"] == ["rsa"]


def test_no_box_ticked_means_benefits_not_answered() -> None:
    form = [["age", "40"], ["job_seeker", "false"], ["disabled_worker", "false"]]
    assert "benefits" not in from_form(form)
    error = refused(from_form(form))
    assert (error.field, error.message) == ("benefits", QUESTIONS_BY_ID["benefits"].missing)


def test_empty_fields_read_as_not_answered() -> None:
    form = [["age", "  "], ["job_seeker", ""], ["benefits", "none"], ["disabled_worker", "false"]]
    assert from_form(form) == {"benefits": [], "disabled_worker": False}
    assert refused(from_form(form)).field == "age"


def test_whole_numbers_are_read_with_spaces_around() -> None:
    assert from_form([["age", " 34 "]]) == {"age": 34}
    assert from_form([["months_registered", "0"]]) == {"months_registered": 0}


@pytest.mark.parametrize("typed", ["34 ans", "trente", "3,5", "-3", "٣٤", "１２", "12345", "1e2"])
def test_unreadable_numbers_get_the_invalid_message(typed: str) -> None:
    form = [["age", typed], ["job_seeker", "false"], ["benefits", "none"], ["disabled_worker", "false"]]
    error = refused(from_form(form))
    assert (error.field, error.message) == ("age", QUESTIONS_BY_ID["age"].invalid)


def test_yes_no_other_than_true_false_is_refused() -> None:
    form = [["age", "40"], ["job_seeker", "oui"], ["benefits", "none"], ["disabled_worker", "false"]]
    error = refused(from_form(form))
    assert (error.field, error.message) == ("job_seeker", QUESTIONS_BY_ID["job_seeker"].invalid)


def test_unknown_form_names_are_kept_for_validation_to_name() -> None:
    answers = from_form([["prenom", "Ali"]])
    assert answers == {"prenom": "Ali"}
    assert refused({**person(), **answers}).field == "prenom"


@pytest.mark.parametrize(
    "form",
    [None, {"age": "30"}, "age=30", [["age"]], [["age", "30", "x"]], [[1, "30"]], [["age", 30]], ["age"], [None]],
)
def test_malformed_form_data_has_no_field(form: object) -> None:
    with pytest.raises(InvalidAnswer) as caught:
        from_form(form)
    assert caught.value.field is None
    assert caught.value.message == BAD_FORMAT
