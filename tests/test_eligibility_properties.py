"""Properties that must hold for every input, checked with Hypothesis.

- Any JSON-like input gives a Verdict or InvalidAnswer, never another exception.
- Answers to questions that do not apply never change the outcome.
- Meeting one more condition never removes a criterion.
- ``handle()`` always answers with JSON of the documented shape.
- ``applicable_questions`` asks exactly what validation requires (the
  optional commune aside), and the commune only says whom to call first.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eligibility import (
    CRITERIA,
    QUESTIONS,
    InvalidAnswer,
    Verdict,
    applicable_questions,
    evaluate,
    from_form,
    handle,
)
from eligibility.parameters import DIPLOMAS, LOW_QUALIFICATION_DIPLOMAS, MINIMA_SOCIAUX
from eligibility.protocol import INTERNAL_ERROR
from eligibility.territory import communes

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

QUESTION_IDS = [q.id for q in QUESTIONS]
REQUIRED_IDS = [q.id for q in QUESTIONS if not q.optional]
COMMUNE_NAMES = [c.name for c in communes()]
BENEFIT_CODES = [c.code for c in MINIMA_SOCIAUX]
DIPLOMA_CODES = [c.code for c in DIPLOMAS]

# --- strategies -------------------------------------------------------------

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**400), max_value=10**400),
    st.floats(),  # includes NaN and ±inf
    st.text(max_size=20),
    st.sampled_from(QUESTION_IDS + BENEFIT_CODES + DIPLOMA_CODES + ["none", "true", "false"]),
)
json_like = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.text(max_size=10), inner, max_size=4),
    ),
    max_leaves=12,
)
odd_keys = st.one_of(st.text(max_size=10), st.sampled_from(QUESTION_IDS), st.integers(), st.none(), st.booleans())


@st.composite
def valid_answers(draw: st.DrawFn) -> dict[str, Any]:
    """Answers that pass validation, with exactly the applicable questions."""
    answers: dict[str, Any] = {
        "age": draw(st.integers(16, 99)),
        "benefits": draw(st.lists(st.sampled_from(BENEFIT_CODES), unique=True, max_size=3)),
        "disabled_worker": draw(st.booleans()),
        "job_seeker": draw(st.booleans()),
    }
    if answers["job_seeker"]:
        answers["months_registered"] = draw(st.integers(0, 600))
    if answers["age"] < 26:
        answers["diploma"] = draw(st.sampled_from(DIPLOMA_CODES))
    if draw(st.booleans()):
        answers["commune"] = draw(st.sampled_from(COMMUNE_NAMES))
    return answers


@st.composite
def damaged_answers(draw: st.DrawFn) -> dict[Any, Any]:
    """Valid answers with one key dropped, replaced by junk, or added."""
    answers: dict[Any, Any] = draw(valid_answers())
    action = draw(st.sampled_from(["drop", "junk", "add"]))
    if action == "drop":
        answers.pop(draw(st.sampled_from(sorted(answers))))
    elif action == "junk":
        answers[draw(st.sampled_from(QUESTION_IDS))] = draw(json_like)
    else:
        answers[draw(odd_keys)] = draw(json_like)
    return answers


any_input = st.one_of(
    json_like,
    st.dictionaries(odd_keys, json_like, max_size=7),
    damaged_answers(),
    valid_answers(),
)

# --- evaluate never fails in another way --------------------------------------


@FAST
@given(any_input)
def test_any_input_gives_a_verdict_or_invalid_answer(answers: object) -> None:
    try:
        verdict = evaluate(answers)
    except InvalidAnswer as error:
        assert error.field is None or isinstance(error.field, str)
        assert isinstance(error.message, str) and error.message
        return
    assert isinstance(verdict, Verdict)
    assert verdict.eligible == bool(verdict.matched)


@FAST
@given(valid_answers())
def test_matched_is_in_memo_order_with_one_reason_each(answers: dict[str, Any]) -> None:
    verdict = evaluate(answers)
    order = [c.id for c in CRITERIA]
    assert list(verdict.matched) == [c for c in order if c in verdict.matched]
    assert [r.criterion for r in verdict.reasons] == list(verdict.matched)
    assert all(r.text and r.label and r.proof for r in verdict.reasons)


# --- answers that do not apply ------------------------------------------------


@FAST
@given(valid_answers(), json_like, json_like)
def test_non_applicable_answers_never_change_the_outcome(
    answers: dict[str, Any], months_junk: object, diploma_junk: object
) -> None:
    before = evaluate(answers)
    extra = dict(answers)
    if not answers["job_seeker"]:
        extra["months_registered"] = months_junk
    if answers["age"] >= 26:
        extra["diploma"] = diploma_junk
    assert evaluate(extra) == before


# --- more conditions, never fewer criteria ---------------------------------------


def _strengthen(answers: dict[str, Any], how: str, benefit: str, months: int) -> dict[str, Any]:
    """The same person meeting one more condition of the memo's lists."""
    stronger = dict(answers)
    if how == "benefit":
        stronger["benefits"] = sorted(set(answers["benefits"]) | {benefit})
    elif how == "rqth":
        stronger["disabled_worker"] = True
    elif how == "register":
        stronger["job_seeker"] = True
        stronger["months_registered"] = max(months, answers.get("months_registered", 0))
    elif how == "longer":
        if answers["job_seeker"]:
            stronger["months_registered"] = max(months, answers["months_registered"])
    elif how == "lower_diploma" and "diploma" in answers:
        stronger["diploma"] = "none"  # the lowest level there is
    return stronger


@FAST
@given(
    valid_answers(),
    st.sampled_from(["benefit", "rqth", "register", "longer", "lower_diploma"]),
    st.sampled_from(BENEFIT_CODES),
    st.integers(0, 600),
)
def test_meeting_one_more_condition_never_removes_a_criterion(
    answers: dict[str, Any], how: str, benefit: str, months: int
) -> None:
    before = set(evaluate(answers).matched)
    after = set(evaluate(_strengthen(answers, how, benefit, months)).matched)
    assert before <= after


@FAST
@given(valid_answers())
def test_each_criterion_is_its_reading(answers: dict[str, Any]) -> None:
    """An independent restatement of the five readings, as an oracle."""
    expected = []
    if answers["benefits"]:
        expected.append("minimum_social")
    if answers["job_seeker"] and answers["age"] >= 50:
        expected.append("senior_job_seeker")
    if answers["job_seeker"] and answers["months_registered"] >= 12:
        expected.append("long_term_job_seeker")
    if answers["disabled_worker"]:
        expected.append("disabled_worker")
    if answers["age"] < 26 and answers["diploma"] in LOW_QUALIFICATION_DIPLOMAS:
        expected.append("young_low_qualified")
    assert evaluate(answers).matched == tuple(expected)


# --- the form and the API agree -------------------------------------------------


def to_form(answers: dict[str, Any]) -> list[list[str]]:
    """The form entries a browser would send for these answers."""
    form: list[list[str]] = []
    for question in QUESTIONS:
        if question.id not in answers:
            continue
        value = answers[question.id]
        if question.kind == "multiple":
            form += [[question.id, code] for code in value] or [[question.id, "none"]]
        elif question.kind == "yes_no":
            form.append([question.id, "true" if value else "false"])
        else:
            form.append([question.id, str(value)])
    return form


@FAST
@given(valid_answers())
def test_the_form_gives_the_same_verdict_as_the_api(answers: dict[str, Any]) -> None:
    assert evaluate(from_form(to_form(answers))) == evaluate(answers)


# --- applicable_questions and validation agree --------------------------------


@FAST
@given(valid_answers())
def test_applicable_questions_are_exactly_those_validation_requires(answers: dict[str, Any]) -> None:
    applicable = applicable_questions(answers)
    required = [key for key in applicable if key in REQUIRED_IDS]
    assert set(required) == set(answers) - {"commune"}
    assert "commune" in applicable
    for key in applicable:
        try:
            evaluate({k: v for k, v in answers.items() if k != key})
        except InvalidAnswer as error:
            assert error.field == key
        else:
            assert key not in required, f"{key} is asked but validation does not require it"


@FAST
@given(valid_answers(), st.sampled_from(COMMUNE_NAMES))
def test_the_commune_only_says_whom_to_call_first(answers: dict[str, Any], commune: str) -> None:
    without = evaluate({k: v for k, v in answers.items() if k != "commune"})
    within = evaluate({**answers, "commune": commune})
    assert (within.eligible, within.matched, within.reasons) == (without.eligible, without.matched, without.reasons)
    assert within.your_contact is not None and without.your_contact is None
    assert within.contacts[0] == within.your_contact.id
    assert sorted(within.contacts) == sorted(without.contacts)


@FAST
@given(st.one_of(json_like, st.dictionaries(odd_keys, json_like, max_size=7), damaged_answers()))
def test_applicable_questions_never_fail_and_keep_quiz_order(answers: Any) -> None:
    applicable = applicable_questions(answers)
    assert list(applicable) == [q for q in QUESTION_IDS if q in applicable]
    assert {"age", "job_seeker", "benefits", "disabled_worker", "commune"} <= set(applicable)


# --- handle() always answers with well-formed JSON -------------------------------


def _reject_constant(name: str) -> None:
    raise AssertionError(f"reply holds {name}, which JavaScript's JSON.parse refuses")


def check_reply(text: str, expected_id: object) -> dict[str, Any]:
    reply = json.loads(text, parse_constant=_reject_constant)
    assert isinstance(reply, dict)
    assert reply["id"] == expected_id
    assert reply["ok"] in (True, False)
    if reply["ok"]:
        assert len(reply) == 3
        (payload,) = set(reply) - {"id", "ok"}
        assert payload in {"verdict", "applicable", "hours", "communes"}
    else:
        assert set(reply) == {"id", "ok", "error"}
        assert set(reply["error"]) == {"field", "message"}
        assert reply["error"]["field"] is None or isinstance(reply["error"]["field"], str)
        assert isinstance(reply["error"]["message"], str) and reply["error"]["message"]
        assert reply["error"]["message"] != INTERNAL_ERROR
    text.encode("utf-8")  # crosses into JavaScript as a proper string
    return reply


ids = st.one_of(st.none(), st.integers(-(10**6), 10**6), st.text(max_size=8))
form_entries = st.lists(
    st.one_of(
        st.tuples(st.sampled_from([*QUESTION_IDS, "amount_ht", "labour_share", "zzz"]), st.text(max_size=8)),
        json_like,
    ),
    max_size=8,
)


@st.composite
def requests(draw: st.DrawFn) -> tuple[str, object]:
    request_id = draw(ids)
    kinds = st.sampled_from(["evaluate", "evaluate_form", "applicable", "hours", "communes", "other"])
    request: dict[str, Any] = {"id": request_id, "type": draw(kinds | json_like)}
    payload = draw(st.sampled_from(["answers", "form", "query", "none"]))
    if payload == "query":
        request["query"] = draw(st.one_of(st.text(max_size=12), st.sampled_from(COMMUNE_NAMES), json_like))
    elif payload == "answers":
        request["answers"] = draw(any_input)  # json.dumps turns odd keys into text
    elif payload == "form":
        request["form"] = [list(e) if isinstance(e, tuple) else e for e in draw(form_entries)]
    return json.dumps(request, allow_nan=True), request_id


@FAST
@given(requests())
def test_handle_answers_every_request_with_the_documented_shape(case: tuple[str, object]) -> None:
    message, request_id = case
    check_reply(handle(message), request_id)


@FAST
@given(st.text(max_size=60))
def test_handle_answers_any_text_without_failing(message: str) -> None:
    reply = json.loads(handle(message), parse_constant=_reject_constant)
    assert set(reply) >= {"id", "ok"}


@FAST
@given(valid_answers(), ids)
def test_handle_returns_the_verdict_of_the_api(answers: dict[str, Any], request_id: object) -> None:
    for request in (
        {"id": request_id, "type": "evaluate", "answers": answers},
        {"id": request_id, "type": "evaluate_form", "form": to_form(answers)},
    ):
        reply = check_reply(handle(json.dumps(request)), request_id)
        assert reply["verdict"] == evaluate(answers).to_dict()
    request = {"id": request_id, "type": "applicable", "form": to_form(answers)}
    reply = check_reply(handle(json.dumps(request)), request_id)
    assert reply["applicable"] == list(applicable_questions(answers))


def test_handle_copes_with_hostile_json() -> None:
    for message in (
        "[" * 100_000,
        '{"id": 1, "type": "evaluate", "answers": {"age": ' + "9" * 5000 + "}}",
        '{"id": NaN, "type": "evaluate", "answers": {"age": NaN}}',
        '{"id": Infinity, "type": "hours", "form": []}',
        '{"id": [1, {"a": 2}], "type": ["evaluate"]}',
        '{"id": "\\ud800", "type": "\\udfff"}',
        "",
        "null",
    ):
        reply = json.loads(handle(message), parse_constant=_reject_constant)
        assert reply["ok"] is False
        assert reply["error"]["message"] != INTERNAL_ERROR
        assert reply["id"] in (None, 1, "\ud800")


def test_every_request_type_has_examples_answered_and_refused_at_a_field() -> None:
    """The build learns what the worker imports from these examples: a type
    without them would be missing from the browser's standard library."""
    from eligibility.protocol import EXAMPLES, HANDLERS

    assert set(EXAMPLES) == set(HANDLERS)
    for kind, examples in EXAMPLES.items():
        replies = [json.loads(handle(json.dumps({**fields, "id": 1, "type": kind}))) for fields in examples]
        assert any(reply["ok"] for reply in replies), kind
        refused = [reply["error"] for reply in replies if not reply["ok"]]
        assert all(error["field"] is not None for error in refused), (kind, refused)
        assert refused or kind in ("applicable", "communes"), f"{kind}: no example refused at a field"
