"""From answers to a verdict the result screen can show as it is."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .answers import validate
from .criteria import CRITERIA

CONFIRM = (
    "Ce résultat est une première indication. Le facilitateur du guichet unique "
    "audois vérifie votre situation et a le dernier mot."
)
"""Shown with every verdict: the memo gives no thresholds, the facilitator confirms."""


@dataclass(frozen=True)
class Reason:
    """Why one criterion matched."""

    criterion: str
    label: str
    text: str
    proof: str


@dataclass(frozen=True)
class Verdict:
    """What the rules say about one set of answers, ready to display.

    ``matched`` lists criterion ids in the memo's order. The French texts are
    built here, not in the browser, so the page shows exactly what the tested
    code produced.
    """

    eligible: bool
    matched: tuple[str, ...]
    reasons: tuple[Reason, ...]
    headline: str
    message: str
    next_steps: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "eligible": self.eligible,
            "matched": list(self.matched),
            "reasons": [vars(r) for r in self.reasons],
            "headline": self.headline,
            "message": self.message,
            "next_steps": list(self.next_steps),
        }


def _eligible_texts(reasons: tuple[Reason, ...]) -> tuple[str, str, tuple[str, ...]]:
    several = len(reasons) > 1
    headline = (
        "D'après vos réponses, vous faites partie "
        + ("de plusieurs publics" if several else "d'un des publics")
        + " de la clause sociale d'insertion."
    )
    steps = (
        "Contactez un des services du guichet unique audois ci-dessous : dites que vous "
        "souhaitez travailler grâce à la clause sociale d'insertion.",
        "Préparez les justificatifs indiqués ci-dessus pour chaque public.",
        "Vous pouvez imprimer cette page pour la montrer à votre conseiller ou conseillère.",
    )
    return headline, CONFIRM, steps


def _not_eligible_texts() -> tuple[str, str, tuple[str, ...]]:
    headline = (
        "D'après vos réponses, vous n'êtes dans aucun des cinq publics cités par le mémo."
    )
    message = (
        "Ce n'est pas un refus. La liste du mémo n'est pas fermée : le facilitateur du "
        "guichet unique peut examiner d'autres situations de personnes qui ont du mal à "
        "trouver un emploi. Parlez-en au guichet unique."
    )
    steps = (
        "Contactez un des services du guichet unique audois ci-dessous et expliquez votre situation.",
        "Vous pouvez imprimer cette page pour la montrer à votre conseiller ou conseillère.",
    )
    return headline, message, steps


def evaluate(answers: object) -> Verdict:
    """The verdict for ``answers`` (a mapping as decoded from JSON).

    Raises :class:`~eligibility.errors.InvalidAnswer` on bad input, never
    another exception.
    """
    checked = validate(answers)
    matched = tuple(c for c in CRITERIA if c.rule(checked))
    reasons = tuple(Reason(c.id, c.label, c.reason(checked), c.proof) for c in matched)
    headline, message, steps = _eligible_texts(reasons) if reasons else _not_eligible_texts()
    return Verdict(
        eligible=bool(matched),
        matched=tuple(c.id for c in matched),
        reasons=reasons,
        headline=headline,
        message=message,
        next_steps=steps,
    )
