"""Checking a visitor's answers before any rule sees them.

Two ways in: :func:`validate` takes answers as decoded from JSON (the public
API), :func:`from_form` takes the raw ``(name, value)`` pairs of the quiz form
so that the browser never parses or checks anything itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .errors import InvalidAnswer
from .forms import BAD_FORMAT, text_pairs
from .questions import NONE_OF_THESE, QUESTIONS, QUESTIONS_BY_ID, Question, is_whole_number

if TYPE_CHECKING:
    from .territory import Commune

BOTH_NONE_AND_BENEFIT = (
    "Vous avez coché « Aucune de ces allocations » et une allocation : gardez l'un ou l'autre."
)


@dataclass(frozen=True)
class Answers:
    """Answers that passed validation. Non-applicable ones are None."""

    age: int
    benefits: frozenset[str]
    disabled_worker: bool
    job_seeker: bool
    months_registered: int | None = None
    diploma: str | None = None
    commune: Commune | None = None


def _check_integer(question: Question, value: object) -> int:
    if not is_whole_number(value):
        raise InvalidAnswer(question.id, question.invalid)
    assert question.minimum is not None and question.maximum is not None
    if not question.minimum <= value <= question.maximum:  # type: ignore[operator]
        raise InvalidAnswer(question.id, question.out_of_range)
    return value  # type: ignore[return-value]


def _check_yes_no(question: Question, value: object) -> bool:
    if not isinstance(value, bool):
        raise InvalidAnswer(question.id, question.invalid)
    return value


def _check_single(question: Question, value: object) -> str:
    if not isinstance(value, str) or value not in {c.code for c in question.choices}:
        raise InvalidAnswer(question.id, question.invalid)
    return value


def _check_multiple(question: Question, value: object) -> frozenset[str]:
    if not isinstance(value, (list, tuple)):
        raise InvalidAnswer(question.id, question.invalid)
    if NONE_OF_THESE.code in value and len(value) > 1:
        raise InvalidAnswer(question.id, BOTH_NONE_AND_BENEFIT)
    known = {c.code for c in question.choices}
    for code in value:
        if not isinstance(code, str) or code not in known:
            raise InvalidAnswer(question.id, question.invalid)
    return frozenset(value)


def _check_commune(question: Question, value: object) -> Commune:
    """The commune the visitor typed or picked (eligibility.territory says which, or why none)."""
    if not isinstance(value, str):
        raise InvalidAnswer(question.id, question.invalid)
    # Imported on the first answer that names a commune: the self-check's
    # start-up does not pay for the communes' data.
    from .territory import commune_for_answer

    return commune_for_answer(value)


_CHECKS = {
    "integer": _check_integer,
    "yes_no": _check_yes_no,
    "single": _check_single,
    "multiple": _check_multiple,
    "commune": _check_commune,
}


def _unanswered(question: Question, answers: Mapping[str, Any]) -> bool:
    """Not answered: absent, or for an optional question also null or blank text."""
    if question.id not in answers:
        return True
    value = answers[question.id]
    return question.optional and (value is None or (isinstance(value, str) and not value.strip()))


def validate(answers: object) -> Answers:
    """Return checked answers, or raise :class:`InvalidAnswer` for the first problem.

    Questions are checked in quiz order, so the error is the first one the
    visitor meets on screen. An answer to a question that does not apply is
    not looked at at all: it can never change the outcome. An optional
    question left unanswered (absent, null or blank) reads as None.
    """
    if not isinstance(answers, Mapping):
        raise InvalidAnswer(None, BAD_FORMAT)
    for key in answers:
        if not isinstance(key, str):
            raise InvalidAnswer(None, BAD_FORMAT)
        if key not in QUESTIONS_BY_ID:
            raise InvalidAnswer(key, f"Question inconnue : « {key[:40]} ».")
    checked: dict[str, Any] = {}
    for question in QUESTIONS:
        if not question.applies(checked):
            continue
        if _unanswered(question, answers):
            if question.optional:
                continue
            raise InvalidAnswer(question.id, question.missing)
        checked[question.id] = _CHECKS[question.kind](question, answers[question.id])
    return Answers(**checked)


def _parse_whole_number(text: str) -> int | str:
    """Digits become an int; anything else stays text for validate() to reject."""
    stripped = text.strip()
    if stripped.isascii() and stripped.isdigit() and len(stripped) <= 4:
        return int(stripped)
    return stripped


def from_form(pairs: object) -> dict[str, Any]:
    """Turn the quiz form's ``(name, value)`` pairs into answers for :func:`validate`.

    Empty fields are left out (so they read as "not answered"), "true"/"false"
    radios become booleans, number fields become ints. The "none" benefits box
    stands for an empty list; ticking it together with a benefit is refused.
    Unknown names are kept so that validate() reports them.
    """
    result: dict[str, Any] = {}
    ticked: list[str] = []
    saw_benefits = False
    for name, value in text_pairs(pairs):
        question = QUESTIONS_BY_ID.get(name)
        if question is None:
            result[name] = value
        elif question.kind == "multiple":
            saw_benefits = True
            if value not in ticked:  # a box sent twice is still one answer
                ticked.append(value)
        elif value.strip() == "":
            continue
        elif question.kind == "integer":
            result[name] = _parse_whole_number(value)
        elif question.kind == "yes_no":
            result[name] = {"true": True, "false": False}.get(value, value)
        else:
            result[name] = value
    if saw_benefits:
        # ["none"] alone means "no benefit"; "none" beside a benefit is kept
        # so that validate() reports the contradiction at the right place.
        result["benefits"] = [] if ticked == [NONE_OF_THESE.code] else ticked
    return result
