"""The memo's five target publics, case by case, as the memo lists them.

"Pour quel public ce dispositif s'adresse t-il ?" — any one of: minima sociaux,
job seekers over 50, long-term job seekers, RQTH from the MDPH, under 26 with
few or no qualifications. Each case below reads like a line of the memo; the
boundaries are the readings the package documents (50 included, 12 months
included, 25 yes / 26 no, level 3 or below).
"""

from __future__ import annotations

from typing import Any

import pytest

from eligibility import CRITERIA, CRITERIA_BY_ID, QUESTIONS, Answers, InvalidAnswer, evaluate
from eligibility.parameters import (
    CLOSED_MINIMA_NOTE,
    DIPLOMAS,
    LONG_TERM_MIN_MONTHS,
    MINIMA_SOCIAUX,
    MINIMA_SOCIAUX_CLOSED,
    MINIMA_SOCIAUX_SOURCE,
    SENIOR_MIN_AGE,
    YOUTH_AGE_LIMIT,
)

MEMO_ORDER = (
    "minimum_social",
    "senior_job_seeker",
    "long_term_job_seeker",
    "disabled_worker",
    "young_low_qualified",
)


def person(**changes: Any) -> dict[str, Any]:
    """A 30-year-old in none of the publics, with ``changes`` applied."""
    answers: dict[str, Any] = {"age": 30, "benefits": [], "disabled_worker": False, "job_seeker": False}
    answers.update(changes)
    return answers


def job_seeker(months: int, **changes: Any) -> dict[str, Any]:
    return person(job_seeker=True, months_registered=months, **changes)


# (what the memo's reader would say, answers, criteria expected in the memo's order)
CASES: list[tuple[str, dict[str, Any], tuple[str, ...]]] = [
    ("30 ans, aucune allocation, pas inscrit, pas de RQTH : aucun public", person(), ()),
    # Les allocataires d'un minima social, le RSA, l'allocation aux adultes handicapés, etc.
    ("touche le RSA", person(benefits=["rsa"]), ("minimum_social",)),
    ("touche l'AAH", person(benefits=["aah"]), ("minimum_social",)),
    ("touche le RSA et l'ASS", person(benefits=["rsa", "ass"]), ("minimum_social",)),
    # Les demandeurs d'emploi et âgé.es de plus de 50 ans
    ("49 ans, inscrit depuis 3 mois", job_seeker(3, age=49), ()),
    ("50 ans, inscrit depuis 3 mois", job_seeker(3, age=50), ("senior_job_seeker",)),
    ("51 ans, inscrit depuis 3 mois", job_seeker(3, age=51), ("senior_job_seeker",)),
    ("99 ans, inscrit depuis 0 mois", job_seeker(0, age=99), ("senior_job_seeker",)),
    ("50 ans, pas inscrit", person(age=50), ()),
    ("65 ans, pas inscrit", person(age=65), ()),
    # Les demandeurs d'emploi de longue durée
    ("inscrit depuis 11 mois", job_seeker(11), ()),
    ("inscrit depuis 12 mois", job_seeker(12), ("long_term_job_seeker",)),
    ("inscrit depuis 13 mois", job_seeker(13), ("long_term_job_seeker",)),
    ("inscrit depuis 600 mois", job_seeker(600), ("long_term_job_seeker",)),
    ("inscrit depuis 0 mois", job_seeker(0), ()),
    # Les personnes reconnues travailleurs handicapés par la MDPH
    ("RQTH de la MDPH valable", person(disabled_worker=True), ("disabled_worker",)),
    # Les moins de 26 ans qui n'ont pas ou peu de qualifications
    ("25 ans sans diplôme", person(age=25, diploma="none"), ("young_low_qualified",)),
    ("25 ans avec le brevet", person(age=25, diploma="brevet"), ("young_low_qualified",)),
    ("25 ans avec un CAP ou un BEP", person(age=25, diploma="cap_bep"), ("young_low_qualified",)),
    ("25 ans avec le bac", person(age=25, diploma="bac"), ()),
    ("25 ans avec un diplôme après le bac", person(age=25, diploma="higher"), ()),
    ("16 ans sans diplôme", person(age=16, diploma="none"), ("young_low_qualified",)),
    ("26 ans sans diplôme (question non posée)", person(age=26, diploma="none"), ()),
    ("26 ans sans réponse sur le diplôme", person(age=26), ()),
    # ou … ou … : several publics at once, always in the memo's order
    (
        "55 ans, RSA, inscrit depuis 24 mois, RQTH",
        job_seeker(24, age=55, benefits=["rsa"], disabled_worker=True),
        ("minimum_social", "senior_job_seeker", "long_term_job_seeker", "disabled_worker"),
    ),
    (
        "22 ans, CAP, RSA, inscrit depuis 12 mois, RQTH",
        job_seeker(12, age=22, diploma="cap_bep", benefits=["rsa"], disabled_worker=True),
        ("minimum_social", "long_term_job_seeker", "disabled_worker", "young_low_qualified"),
    ),
    (
        "50 ans, inscrit depuis 12 mois",
        job_seeker(12, age=50),
        ("senior_job_seeker", "long_term_job_seeker"),
    ),
    (
        "24 ans, brevet, RQTH",
        person(age=24, diploma="brevet", disabled_worker=True),
        ("disabled_worker", "young_low_qualified"),
    ),
    (
        "25 ans, sans diplôme, inscrit depuis 2 mois",
        job_seeker(2, age=25, diploma="none"),
        ("young_low_qualified",),
    ),
]


@pytest.mark.parametrize(("situation", "answers", "expected"), CASES, ids=[c[0] for c in CASES])
def test_memo_publics_case_table(situation: str, answers: dict[str, Any], expected: tuple[str, ...]) -> None:
    verdict = evaluate(answers)
    assert verdict.matched == expected, situation
    assert verdict.eligible is bool(expected)


@pytest.mark.parametrize("code", [c.code for c in MINIMA_SOCIAUX])
def test_each_minimum_social_alone_is_enough(code: str) -> None:
    verdict = evaluate(person(benefits=[code]))
    assert verdict.matched == ("minimum_social",)
    short = next(c.short for c in MINIMA_SOCIAUX if c.code == code)
    assert short in verdict.reasons[0].text


def test_the_minima_sociaux_in_force_are_the_ten_fipeco_names_after_drees() -> None:
    assert [c.code for c in MINIMA_SOCIAUX] == [
        "rsa", "ass", "aah", "asi", "aspa", "ada", "rso", "veuvage", "ati", "avfs",
    ]
    assert [c.code for c in MINIMA_SOCIAUX_CLOSED] == ["aer_r", "ata"]
    assert len(MINIMA_SOCIAUX) + len(MINIMA_SOCIAUX_CLOSED) == 12  # FIPECO: « douze dispositifs »
    assert "douze dispositifs" in MINIMA_SOCIAUX_SOURCE


@pytest.mark.parametrize("code", [*MINIMA_SOCIAUX, *MINIMA_SOCIAUX_CLOSED], ids=lambda c: c.code)
def test_each_minimum_social_names_its_source(code: Any) -> None:
    assert code.source.startswith("FIPECO"), code
    assert code.label and code.short


@pytest.mark.parametrize("code", [c.code for c in MINIMA_SOCIAUX_CLOSED])
def test_the_minima_closed_to_new_entrants_are_not_offered_and_the_site_says_so(code: str) -> None:
    benefits = next(q for q in QUESTIONS if q.id == "benefits")
    assert code not in {c.code for c in benefits.choices}
    with pytest.raises(InvalidAnswer):
        evaluate(person(benefits=[code]))
    explanation = CRITERIA_BY_ID["minimum_social"].explanation
    assert CLOSED_MINIMA_NOTE in explanation
    assert "AER-R" in explanation and "ATA" in explanation


@pytest.mark.parametrize(
    ("diploma", "low_qualified"),
    [("none", True), ("brevet", True), ("cap_bep", True), ("bac", False), ("higher", False)],
)
@pytest.mark.parametrize("age", [16, 25])
def test_each_diploma_under_26(age: int, diploma: str, low_qualified: bool) -> None:
    matched = evaluate(person(age=age, diploma=diploma)).matched
    assert matched == (("young_low_qualified",) if low_qualified else ())


def test_every_diploma_choice_is_covered_by_the_table() -> None:
    assert {c.code for c in DIPLOMAS} == {"none", "brevet", "cap_bep", "bac", "higher"}


@pytest.mark.parametrize("age", [26, 27, 49, 50, 99])
def test_from_26_no_diploma_counts(age: int) -> None:
    assert "young_low_qualified" not in evaluate(person(age=age, diploma="none")).matched


def test_boundaries_come_from_the_named_parameters() -> None:
    assert SENIOR_MIN_AGE.value == 50
    assert YOUTH_AGE_LIMIT.value == 26
    assert LONG_TERM_MIN_MONTHS.value == 12
    for parameter in (SENIOR_MIN_AGE, YOUTH_AGE_LIMIT, LONG_TERM_MIN_MONTHS):
        assert "Mémo" in parameter.source


def test_matched_follows_the_memo_order_whatever_the_answer_order() -> None:
    answers = job_seeker(30, age=20, diploma="none", benefits=["aah"], disabled_worker=True)
    shuffled = dict(reversed(list(answers.items())))
    assert evaluate(shuffled).matched == evaluate(answers).matched == (
        "minimum_social",
        "long_term_job_seeker",
        "disabled_worker",
        "young_low_qualified",
    )


# --- what the result screen shows -------------------------------------------


def test_reasons_quote_the_visitors_own_answers() -> None:
    verdict = evaluate(job_seeker(27, age=57, benefits=["ass", "aah"], disabled_worker=True))
    texts = {r.criterion: r.text for r in verdict.reasons}
    assert "l'ASS et l'AAH" in texts["minimum_social"]
    assert "minima sociaux" in texts["minimum_social"]
    assert "57 ans" in texts["senior_job_seeker"]
    assert "27 mois" in texts["long_term_job_seeker"]
    assert "RQTH" in texts["disabled_worker"]


def test_one_benefit_reads_in_the_singular() -> None:
    text = evaluate(person(benefits=["veuvage"])).reasons[0].text
    assert "l'allocation veuvage" in text
    assert "c'est un minimum social" in text


def test_young_reason_names_age_and_diploma() -> None:
    text = evaluate(person(age=19, diploma="cap_bep")).reasons[0].text
    assert "19 ans" in text and "un CAP ou un BEP" in text
    text = evaluate(person(age=23, diploma="none")).reasons[0].text
    assert "23 ans" in text and "aucun diplôme" in text


def test_at_exactly_50_the_reason_asks_for_confirmation() -> None:
    at_50 = evaluate(job_seeker(1, age=50)).reasons[0].text
    at_51 = evaluate(job_seeker(1, age=51)).reasons[0].text
    assert "plus de 50 ans" in at_50 and "confirmation" in at_50
    assert "confirmation" not in at_51


def test_each_reason_carries_the_criterion_label_and_proof() -> None:
    verdict = evaluate(job_seeker(12, age=22, diploma="none", benefits=["rsa"], disabled_worker=True))
    for reason in verdict.reasons:
        criterion = CRITERIA_BY_ID[reason.criterion]
        assert reason.label == criterion.label
        assert reason.proof == criterion.proof


def test_eligible_result_says_the_facilitator_confirms() -> None:
    verdict = evaluate(person(disabled_worker=True))
    assert "facilitateur" in verdict.message
    assert "d'un des publics" in verdict.headline
    assert any("guichet unique" in step for step in verdict.next_steps)
    assert "plusieurs publics" in evaluate(person(disabled_worker=True, benefits=["rsa"])).headline


def test_no_match_is_kind_and_points_to_the_guichet_unique() -> None:
    verdict = evaluate(person())
    everything = " ".join((verdict.headline, verdict.message, *verdict.next_steps)).lower()
    assert verdict.eligible is False and verdict.reasons == ()
    assert "éligible" not in everything  # never a harsh "non éligible"
    assert "pas un refus" in everything
    assert "pas fermée" in everything  # the memo's list is not closed
    assert "guichet unique" in everything


def test_verdict_to_dict_is_the_json_the_worker_sends() -> None:
    data = evaluate(job_seeker(14, age=52)).to_dict()
    assert data["eligible"] is True
    assert data["matched"] == ["senior_job_seeker", "long_term_job_seeker"]
    assert [r["criterion"] for r in data["reasons"]] == data["matched"]
    assert set(data["reasons"][0]) == {"criterion", "label", "text", "proof"}
    assert isinstance(data["next_steps"], list) and data["next_steps"]
    assert data["contacts"] == ["carcassonne-agglo", "departement-aude", "grand-narbonne"]
    assert data["your_contact"] is None


# --- whom to call first -------------------------------------------------------


def test_without_a_commune_the_three_services_come_as_the_contacts_file_lists_them() -> None:
    verdict = evaluate(person(disabled_worker=True))
    assert verdict.your_contact is None
    assert verdict.contacts == ("carcassonne-agglo", "departement-aude", "grand-narbonne")
    assert verdict.next_steps[0].startswith("Contactez un des services du guichet unique audois")


@pytest.mark.parametrize(
    ("commune", "first"),
    [("Névian", "grand-narbonne"), ("Lézignan-Corbières", "departement-aude"), ("Carcassonne", "carcassonne-agglo"),
     ("brenac", "departement-aude"), ("Montlaur", "carcassonne-agglo")],
)
def test_with_a_commune_its_service_comes_first_and_the_result_says_why(commune: str, first: str) -> None:
    for answers in (person(disabled_worker=True), person()):  # eligible or not
        verdict = evaluate({**answers, "commune": commune})
        assert verdict.contacts[0] == first
        assert sorted(verdict.contacts) == ["carcassonne-agglo", "departement-aude", "grand-narbonne"]
        assert verdict.your_contact is not None and verdict.your_contact.id == first
        assert verdict.your_contact.note.startswith(f"Pour {verdict.your_contact.commune}, votre contact est : ")
        assert "Les deux autres services peuvent aussi vous répondre ou vous orienter." in verdict.your_contact.note
        assert "« Votre contact »" in verdict.next_steps[0]
        data = verdict.to_dict()
        assert data["contacts"][0] == first
        assert set(data["your_contact"]) == {"id", "organisation", "commune", "note"}


# --- the criteria and questions as data --------------------------------------


def test_criteria_are_the_memos_five_in_its_order_and_wording() -> None:
    assert tuple(c.id for c in CRITERIA) == MEMO_ORDER
    assert [c.label for c in CRITERIA] == [
        "Les allocataires d'un minima social, le RSA, l'allocation aux adultes handicapés, etc.",
        "Les demandeurs d'emploi et âgé.es de plus de 50 ans",
        "Les demandeurs d'emploi de longue durée",
        "Les personnes reconnues travailleurs handicapés par la MDPH",
        "Les moins de 26 ans qui n'ont pas ou peu de qualifications",
    ]


@pytest.mark.parametrize("criterion", CRITERIA, ids=lambda c: c.id)
def test_each_criterion_names_its_source_and_proof(criterion: Any) -> None:
    data = criterion.to_dict()
    assert set(data) == {"id", "label", "explanation", "source", "proof"}
    assert data["source"].startswith("Mémo")
    assert data["explanation"] and data["proof"]
    assert criterion.rule.__doc__ and "Reading" in criterion.rule.__doc__


def test_questions_are_asked_in_quiz_order() -> None:
    assert [q.id for q in QUESTIONS] == [
        "age",
        "diploma",
        "job_seeker",
        "months_registered",
        "benefits",
        "disabled_worker",
        "commune",
    ]
    benefits = next(q for q in QUESTIONS if q.id == "benefits")
    assert [c["value"] for c in benefits.to_dict()["choices"]] == [c.code for c in MINIMA_SOCIAUX]


@pytest.mark.parametrize(
    ("age", "diploma", "expected"),
    [(25, "none", True), (26, "none", False), (26, "cap_bep", False), (25, "bac", False), (40, None, False)],
)
def test_the_young_rule_holds_its_own_age_limit(age: int, diploma: str | None, expected: bool) -> None:
    """The rule itself, not only the question's visibility, stops at 26."""
    answers = Answers(age=age, benefits=frozenset(), disabled_worker=False, job_seeker=False, diploma=diploma)
    assert CRITERIA_BY_ID["young_low_qualified"].rule(answers) is expected
