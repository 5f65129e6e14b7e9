"""The memo's five target publics: each a small pure rule, with its data.

"Pour quel public ce dispositif s'adresse t-il ?" — the memo lists five
publics joined by "ou": meeting any one of them is enough. The tuple
:data:`CRITERIA` keeps the memo's order, which is also the order of
``Verdict.matched``.

Each criterion carries what the site shows about it: the memo's own wording
(``label``), a plain explanation of the reading taken, the source of that
reading, and the proof a facilitator usually asks for (from the Plateforme de
l'inclusion's ``administrative_criteria.json``, field ``written_proof``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .answers import Answers
from .parameters import (
    CLOSED_MINIMA_NOTE,
    DIPLOMA_SOURCE,
    DIPLOMAS,
    LONG_TERM_MIN_MONTHS,
    LOW_QUALIFICATION_DIPLOMAS,
    MINIMA_SOCIAUX,
    MINIMA_SOCIAUX_SOURCE,
    SENIOR_MIN_AGE,
    YOUTH_AGE_LIMIT,
)

MEMO = "Mémo « La clause sociale d'insertion » pour les maîtres d'ouvrage (guichet unique audois)"


# --- the rules -------------------------------------------------------------


def receives_minimum_social(a: Answers) -> bool:
    """Receives any minimum social, as beneficiary or ayant droit.

    Reading of the memo's "un minima social, le RSA, l'allocation aux adultes
    handicapés, etc.": the minima sociaux in force as FIPECO counts them after
    DREES, *Minima sociaux et prestations sociales* (see
    ``parameters.MINIMA_SOCIAUX``; the two closed to new entrants,
    ``MINIMA_SOCIAUX_CLOSED``, are not offered). Validation only lets those
    codes through, so any ticked code is a minimum social.
    """
    return bool(a.benefits)


def is_senior_job_seeker(a: Answers) -> bool:
    """Registered job seeker aged SENIOR_MIN_AGE (50) or more.

    Reading of "âgés de plus de 50 ans": 50 included, as France Travail and
    Dares statistics ("50 ans ou plus") and the Plateforme de l'inclusion's
    "Senior (+50 ans)" criterion (itou/eligibility/models/iae.py) count it.
    The reason shown at exactly 50 asks the visitor to have it confirmed.
    """
    return a.job_seeker and a.age >= SENIOR_MIN_AGE.value


def is_long_term_job_seeker(a: Answers) -> bool:
    """Registered at France Travail for LONG_TERM_MIN_MONTHS (12) months or more.

    Reading of "de longue durée": 12 months of registration or more, as local
    facilitators write it (e.g. cie84.org, "plus de 12 mois d'inscription")
    and as the IAE counts DELD (12 to 24 months) and DETLD (24 or more).
    """
    return a.job_seeker and (a.months_registered or 0) >= LONG_TERM_MIN_MONTHS.value


def is_disabled_worker(a: Answers) -> bool:
    """Holds a recognition as disabled worker (RQTH) from the MDPH, valid today.

    Reading of the memo's "personnes reconnues travailleurs handicapés par la
    MDPH" (present tense): a recognition in force today. The proof asked is the
    MDPH's notification (Plateforme de l'inclusion, administrative_criteria.json).
    """
    return a.disabled_worker


def is_young_low_qualified(a: Answers) -> bool:
    """Under YOUTH_AGE_LIMIT (26) with a diploma at level 3 or below (none to CAP/BEP).

    Reading of "les moins de 26 ans qui n'ont pas ou peu de qualifications":
    25 yes, 26 no; "peu de qualifications" is the Plateforme de l'inclusion's
    "Niveau d'étude 3 (CAP, BEP) ou infra" (administrative_criteria.json).
    """
    return a.age < YOUTH_AGE_LIMIT.value and a.diploma in LOW_QUALIFICATION_DIPLOMAS


# --- the reasons shown to the visitor ----------------------------------------


def _join_fr(items: list[str]) -> str:
    """'a', 'a et b', 'a, b et c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " et " + items[-1]


def _reason_minimum_social(a: Answers) -> str:
    received = [c.short for c in MINIMA_SOCIAUX if c.code in a.benefits]
    one = len(received) == 1
    return (
        f"Vous touchez {_join_fr(received)} : "
        + ("c'est un minimum social." if one else "ce sont des minima sociaux.")
    )


SENIOR_AT_THRESHOLD = (
    f"Le mémo dit « plus de 50 ans » : à {SENIOR_MIN_AGE.value} ans tout juste, "
    "demandez confirmation au guichet unique."
)
"""Added to the senior reason at exactly SENIOR_MIN_AGE: the memo's wording is ambiguous there."""


def _reason_senior(a: Answers) -> str:
    text = (
        f"Vous avez {a.age} ans ({SENIOR_MIN_AGE.value} ans ou plus) "
        "et vous êtes inscrit ou inscrite à France Travail."
    )
    return f"{text} {SENIOR_AT_THRESHOLD}" if a.age == SENIOR_MIN_AGE.value else text


def _reason_long_term(a: Answers) -> str:
    return (
        f"Vous êtes inscrit ou inscrite à France Travail depuis {a.months_registered} mois "
        f"({LONG_TERM_MIN_MONTHS.value} mois ou plus)."
    )


def _reason_disabled(a: Answers) -> str:
    return "Vous avez une reconnaissance de travailleur handicapé (RQTH) de la MDPH, valable aujourd'hui."


def _reason_young(a: Answers) -> str:
    diploma = next(c.short for c in DIPLOMAS if c.code == a.diploma)
    having = "vous n'avez aucun diplôme" if a.diploma == "none" else f"votre diplôme le plus élevé est {diploma}"
    return f"Vous avez {a.age} ans (moins de {YOUTH_AGE_LIMIT.value} ans) et {having}."


def _minima_names() -> str:
    """'RSA, ASS, …, ATI ou AVFS': each minimum social by its usual name (its label before the brackets)."""
    names = []
    for code in MINIMA_SOCIAUX:
        name = code.label.split(" (")[0]
        names.append(name if name.split()[0].isupper() else name[0].lower() + name[1:])
    return ", ".join(names[:-1]) + " ou " + names[-1]


# --- the criteria as data ---------------------------------------------------


@dataclass(frozen=True)
class Criterion:
    """One target public of the memo, with its rule and what the site says of it."""

    id: str
    label: str
    explanation: str
    source: str
    proof: str
    rule: Callable[[Answers], bool]
    reason: Callable[[Answers], str]

    def to_dict(self) -> dict[str, str]:
        return {
            "id": self.id,
            "label": self.label,
            "explanation": self.explanation,
            "source": self.source,
            "proof": self.proof,
        }


CRITERIA: tuple[Criterion, ...] = (
    Criterion(
        id="minimum_social",
        label="Les allocataires d'un minima social, le RSA, l'allocation aux adultes handicapés, etc.",
        explanation=(
            f"Vous touchez un minimum social, vous ou votre foyer : {_minima_names()}. "
            "L'allocation chômage (ARE), la prime d'activité et les aides au logement "
            f"ne sont pas des minima sociaux. {CLOSED_MINIMA_NOTE}"
        ),
        source=f"{MEMO}. Liste des minima sociaux : {MINIMA_SOCIAUX_SOURCE}",
        proof="Une attestation de l'allocation (RSA, ASS, AAH…), par exemple de la CAF ou de la MSA.",
        rule=receives_minimum_social,
        reason=_reason_minimum_social,
    ),
    Criterion(
        id="senior_job_seeker",
        label="Les demandeurs d'emploi et âgé.es de plus de 50 ans",
        explanation=(
            f"Vous êtes inscrit ou inscrite à France Travail et vous avez {SENIOR_MIN_AGE.value} ans ou plus."
        ),
        source=f"{MEMO}. Lecture de l'âge : {SENIOR_MIN_AGE.source}",
        proof="Une pièce d'identité et une attestation d'inscription à France Travail.",
        rule=is_senior_job_seeker,
        reason=_reason_senior,
    ),
    Criterion(
        id="long_term_job_seeker",
        label="Les demandeurs d'emploi de longue durée",
        explanation=(
            f"Vous êtes inscrit ou inscrite à France Travail depuis {LONG_TERM_MIN_MONTHS.value} mois ou plus."
        ),
        source=f"{MEMO}. Lecture de la durée : {LONG_TERM_MIN_MONTHS.source}",
        proof="Une attestation d'inscription à France Travail qui montre la durée.",
        rule=is_long_term_job_seeker,
        reason=_reason_long_term,
    ),
    Criterion(
        id="disabled_worker",
        label="Les personnes reconnues travailleurs handicapés par la MDPH",
        explanation=(
            "Vous avez une reconnaissance de la qualité de travailleur handicapé (RQTH), "
            "donnée par la MDPH et valable aujourd'hui."
        ),
        source=MEMO,
        proof="La notification de RQTH envoyée par la MDPH.",
        rule=is_disabled_worker,
        reason=_reason_disabled,
    ),
    Criterion(
        id="young_low_qualified",
        label="Les moins de 26 ans qui n'ont pas ou peu de qualifications",
        explanation=(
            f"Vous avez moins de {YOUTH_AGE_LIMIT.value} ans et vous n'avez pas de diplôme, "
            "ou seulement le brevet, un CAP ou un BEP."
        ),
        source=f"{MEMO}. {YOUTH_AGE_LIMIT.source} {DIPLOMA_SOURCE}",
        proof="Une pièce d'identité, et vos diplômes ou une attestation sur l'honneur.",
        rule=is_young_low_qualified,
        reason=_reason_young,
    ),
)

CRITERIA_BY_ID: dict[str, Criterion] = {c.id: c for c in CRITERIA}
