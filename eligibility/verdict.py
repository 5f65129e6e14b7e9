"""From answers to a verdict the result screen can show as it is."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .answers import Answers, validate
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
class YourContact:
    """The service the visitor's commune calls first, and what the result says about it."""

    id: str
    organisation: str
    commune: str
    note: str


@dataclass(frozen=True)
class Verdict:
    """What the rules say about one set of answers, ready to display.

    ``matched`` lists criterion ids in the memo's order. The French texts are
    built here, not in the browser, so the page shows exactly what the tested
    code produced. ``contacts``: the ids of the guichet unique's services in
    the order the result shows them, the visitor's own first (``your_contact``)
    when a commune was given, else as ``data/contacts.yml`` lists them.
    """

    eligible: bool
    matched: tuple[str, ...]
    reasons: tuple[Reason, ...]
    headline: str
    message: str
    next_steps: tuple[str, ...]
    contacts: tuple[str, ...] = ()
    your_contact: YourContact | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "eligible": self.eligible,
            "matched": list(self.matched),
            "reasons": [vars(r) for r in self.reasons],
            "headline": self.headline,
            "message": self.message,
            "next_steps": list(self.next_steps),
            "contacts": list(self.contacts),
            "your_contact": None if self.your_contact is None else vars(self.your_contact),
        }


CALL_YOUR_CONTACT_FIRST = "Contactez d'abord le service marqué « Votre contact » ci-dessous"
CALL_ANY = "Contactez un des services du guichet unique audois ci-dessous"


def _eligible_texts(reasons: tuple[Reason, ...], call: str) -> tuple[str, str, tuple[str, ...]]:
    several = len(reasons) > 1
    headline = (
        "D'après vos réponses, vous faites partie "
        + ("de plusieurs publics" if several else "d'un des publics")
        + " de la clause sociale d'insertion."
    )
    steps = (
        f"{call} : dites que vous souhaitez travailler grâce à la clause sociale d'insertion.",
        "Préparez les justificatifs indiqués ci-dessus pour chaque public.",
        "Vous pouvez imprimer cette page pour la montrer à votre conseiller ou conseillère.",
    )
    return headline, CONFIRM, steps


def _not_eligible_texts(call: str) -> tuple[str, str, tuple[str, ...]]:
    headline = (
        "D'après vos réponses, vous n'êtes dans aucun des cinq publics cités par le mémo."
    )
    message = (
        "Ce n'est pas un refus. La liste du mémo n'est pas fermée : le facilitateur du "
        "guichet unique peut examiner d'autres situations de personnes qui ont du mal à "
        "trouver un emploi. Parlez-en au guichet unique."
    )
    steps = (
        f"{call} et expliquez votre situation.",
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
    your_contact = _your_contact(checked)
    call = CALL_ANY if your_contact is None else CALL_YOUR_CONTACT_FIRST
    headline, message, steps = _eligible_texts(reasons, call) if reasons else _not_eligible_texts(call)
    return Verdict(
        eligible=bool(matched),
        matched=tuple(c.id for c in matched),
        reasons=reasons,
        headline=headline,
        message=message,
        next_steps=steps,
        contacts=_contact_order(your_contact),
        your_contact=your_contact,
    )


def _your_contact(checked: Answers) -> YourContact | None:
    if checked.commune is None:
        return None
    from .territory import contact_for, route_note

    contact = contact_for(checked.commune)
    return YourContact(contact.id, contact.organisation, checked.commune.name, route_note(checked.commune))


def _contact_order(your_contact: YourContact | None) -> tuple[str, ...]:
    """The services' ids, the visitor's first: the order the result shows the cards in."""
    from .territory import contacts

    ids = [contact.id for contact in contacts()]
    if your_contact is not None:
        ids.remove(your_contact.id)
        ids.insert(0, your_contact.id)
    return tuple(ids)
