"""The quiz's questions as data, in the order the quiz asks them.

The quiz form (built at site build time), its show/hide behaviour (run in the
browser worker) and the validation in :mod:`eligibility.answers` all read this
table; no question is retyped anywhere else.

Order: a question that only applies after another one comes right after it,
so that it appears just below the answer that reveals it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from .parameters import (
    AUTOMATIC_REGISTRATION,
    AUTOMATIC_REGISTRATION_SOURCE,
    DIPLOMAS,
    MAX_AGE,
    MAX_MONTHS_REGISTERED,
    MIN_AGE,
    MINIMA_SOCIAUX,
    YOUTH_AGE_LIMIT,
    Code,
)

Kind = Literal["integer", "single", "multiple", "yes_no", "commune"]

NONE_OF_THESE: Code = Code("none", "Aucune de ces allocations", "aucune allocation")
"""The exclusive "none" checkbox of the benefits question (form value only)."""

YES_NO: tuple[Code, ...] = (Code("true", "Oui", "oui"), Code("false", "Non", "non"))


def is_whole_number(value: object) -> bool:
    """True for an int that is not a bool (JSON has no separate int/bool)."""
    return isinstance(value, int) and not isinstance(value, bool)


def _age_is_young(answers: Mapping[str, Any]) -> bool:
    age = answers.get("age")
    return is_whole_number(age) and MIN_AGE.value <= age < YOUTH_AGE_LIMIT.value


def _is_job_seeker(answers: Mapping[str, Any]) -> bool:
    return answers.get("job_seeker") is True


def _always(answers: Mapping[str, Any]) -> bool:
    return True


@dataclass(frozen=True)
class Question:
    """One question of the quiz.

    ``applies`` decides from the answers given so far (raw, possibly partial)
    whether the question is asked; ``applies_when`` says the same in French for
    people reading the site without JavaScript. An ``optional`` question may
    be left unanswered; ``source`` names the public source of what its help
    adds to the memo.
    """

    id: str
    label: str
    help: str
    kind: Kind
    missing: str
    invalid: str
    choices: tuple[Code, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    unit: str = ""
    applies: Callable[[Mapping[str, Any]], bool] = _always
    applies_when: str = ""
    optional: bool = False
    source: str = ""

    @property
    def out_of_range(self) -> str:
        return f"Indiquez un nombre entre {self.minimum} et {self.maximum}."

    def to_dict(self) -> dict[str, Any]:
        """The question as JSON-ready data (for templates and the worker)."""
        return {
            "id": self.id,
            "label": self.label,
            "help": self.help,
            "kind": self.kind,
            "choices": [{"value": c.code, "label": c.label} for c in self.choices],
            "minimum": self.minimum,
            "maximum": self.maximum,
            "unit": self.unit,
            "applies_when": self.applies_when,
            "optional": self.optional,
            "source": self.source,
        }


QUESTIONS: tuple[Question, ...] = (
    Question(
        id="age",
        label="Quel âge avez-vous ?",
        help="En années, par exemple 34.",
        kind="integer",
        minimum=MIN_AGE.value,
        maximum=MAX_AGE.value,
        unit="ans",
        missing="Indiquez votre âge.",
        invalid="Indiquez votre âge en chiffres, par exemple 34.",
    ),
    Question(
        id="diploma",
        label="Quel est votre diplôme le plus élevé ?",
        help="Choisissez le plus haut diplôme que vous avez obtenu.",
        kind="single",
        choices=DIPLOMAS,
        missing="Choisissez votre diplôme le plus élevé.",
        invalid="Choisissez un diplôme dans la liste.",
        applies=_age_is_young,
        applies_when=f"Seulement si vous avez moins de {YOUTH_AGE_LIMIT.value} ans.",
    ),
    Question(
        id="job_seeker",
        label="Êtes-vous inscrit ou inscrite à France Travail (ex-Pôle emploi) ?",
        help=f"Comme demandeur ou demandeuse d'emploi. {AUTOMATIC_REGISTRATION}",
        kind="yes_no",
        choices=YES_NO,
        missing="Répondez par oui ou par non.",
        invalid="Répondez par oui ou par non.",
        source=AUTOMATIC_REGISTRATION_SOURCE,
    ),
    Question(
        id="months_registered",
        label="Depuis combien de mois êtes-vous inscrit ou inscrite ?",
        help="En mois, par exemple 14. Une année compte 12 mois.",
        kind="integer",
        minimum=0,
        maximum=MAX_MONTHS_REGISTERED.value,
        unit="mois",
        missing="Indiquez depuis combien de mois vous êtes inscrit ou inscrite.",
        invalid="Indiquez un nombre de mois en chiffres, par exemple 14.",
        applies=_is_job_seeker,
        applies_when="Seulement si vous êtes inscrit ou inscrite à France Travail.",
    ),
    Question(
        id="benefits",
        label="Touchez-vous une de ces allocations ?",
        help=(
            "Cochez toutes celles que vous touchez, vous ou votre foyer. "
            "Sinon, cochez « Aucune de ces allocations »."
        ),
        kind="multiple",
        choices=MINIMA_SOCIAUX,
        missing="Cochez vos allocations, ou « Aucune de ces allocations ».",
        invalid="Cochez des allocations de la liste.",
    ),
    Question(
        id="disabled_worker",
        label=(
            "Avez-vous une reconnaissance de travailleur handicapé (RQTH) "
            "de la MDPH, valable aujourd'hui ?"
        ),
        help="La MDPH est la Maison départementale des personnes handicapées.",
        kind="yes_no",
        choices=YES_NO,
        missing="Répondez par oui ou par non.",
        invalid="Répondez par oui ou par non.",
    ),
    Question(
        id="commune",
        label="Dans quelle commune habitez-vous ?",
        help=(
            "Tapez le nom de votre commune ou son code postal, puis choisissez-la dans la liste : "
            "le service du guichet unique de votre commune sera indiqué en premier."
        ),
        kind="commune",
        missing="",
        invalid="Écrivez le nom de votre commune, ou laissez cette question vide.",
        optional=True,
    ),
)
"""The commune comes last and may stay empty: it only says whom to call
first (eligibility.territory), never whether a public matches."""

QUESTIONS_BY_ID: dict[str, Question] = {q.id: q for q in QUESTIONS}


def applicable_questions(answers: Mapping[str, Any]) -> tuple[str, ...]:
    """Ids of the questions to ask, given the answers so far, in quiz order.

    Works on partial and even invalid answers: a question that depends on an
    answer not (validly) given yet is simply not asked yet.
    """
    if not isinstance(answers, Mapping):
        answers = {}
    return tuple(q.id for q in QUESTIONS if q.applies(answers))
