"""Named thresholds and code lists behind the memo's five target publics.

Each value is a parameter in the OpenFisca sense: one name, one value, one
source. The rules in :mod:`eligibility.criteria` read them; nothing else
types these numbers.

The memo ("Le mémo pour les maîtres d'ouvrage", Carcassonne Agglo,
Département de l'Aude, Le Grand Narbonne) names the publics but gives no
threshold. Where it is ambiguous, the reading taken here is the one stated in
each docstring below, and the site tells the visitor that the facilitator of
the guichet unique confirms.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True)
class Parameter:
    """A value with the public source it comes from."""

    value: int
    source: str


SENIOR_MIN_AGE: Final = Parameter(
    50,
    "Mémo : « demandeurs d'emploi âgés de plus de 50 ans ». Lu comme 50 ans "
    "ou plus : France Travail et la Dares comptent les seniors « 50 ans ou "
    "plus », et la Plateforme de l'inclusion (critère « Senior (+50 ans) », "
    "itou/eligibility/models/iae.py) compte dès le 50e anniversaire.",
)
"""Age from which a registered job seeker is a senior job seeker (inclusive)."""

YOUTH_AGE_LIMIT: Final = Parameter(
    26,
    "Mémo : « les moins de 26 ans ». Plateforme de l'inclusion, critère "
    "« Jeunes (-26 ans) » (itou/eligibility/data/administrative_criteria.json).",
)
"""Age below which a person counts as young (exclusive: 25 yes, 26 no)."""

LONG_TERM_MIN_MONTHS: Final = Parameter(
    12,
    "Mémo : « demandeurs d'emploi de longue durée ». Lu comme 12 mois ou plus "
    "d'inscription, comme les facilitateurs locaux (« plus de 12 mois "
    "d'inscription ») et l'IAE (DELD 12 à 24 mois, DETLD 24 mois ou plus).",
)
"""Months of registration at France Travail from which a job seeker is long-term."""

MIN_AGE: Final = Parameter(16, "Âge minimal de travail en France (fin de l'obligation scolaire).")
MAX_AGE: Final = Parameter(99, "Borne de saisie du questionnaire.")
MAX_MONTHS_REGISTERED: Final = Parameter(600, "Borne de saisie du questionnaire (50 ans).")


@dataclass(frozen=True)
class Code:
    """A value a visitor can pick, with its French label."""

    code: str
    label: str
    short: str


MINIMA_SOCIAUX_SOURCE: Final = (
    "DREES, « Minima sociaux et prestations sociales » (édition annuelle) : "
    "RSA, ASS, AAH, ASI, ASPA, ADA, RSO et allocation veuvage. L'allocation "
    "chômage (ARE), la prime d'activité et les aides au logement ne sont pas "
    "des minima sociaux."
)

MINIMA_SOCIAUX: Final[tuple[Code, ...]] = (
    Code("rsa", "RSA (revenu de solidarité active)", "le RSA"),
    Code("ass", "ASS (allocation de solidarité spécifique)", "l'ASS"),
    Code("aah", "AAH (allocation aux adultes handicapés)", "l'AAH"),
    Code("asi", "ASI (allocation supplémentaire d'invalidité)", "l'ASI"),
    Code("aspa", "ASPA (minimum vieillesse)", "l'ASPA"),
    Code("ada", "ADA (allocation pour demandeur d'asile)", "l'ADA"),
    Code("rso", "RSO (revenu de solidarité, outre-mer)", "le RSO"),
    Code("veuvage", "Allocation veuvage", "l'allocation veuvage"),
)
"""The minima sociaux as counted by DREES (see MINIMA_SOCIAUX_SOURCE)."""

DIPLOMA_SOURCE: Final = (
    "Mémo : « pas ou peu de qualifications ». Lu comme niveau 3 ou infra "
    "(aucun diplôme, brevet, CAP, BEP), comme le critère « Niveau d'étude 3 "
    "(CAP, BEP) ou infra » de la Plateforme de l'inclusion "
    "(itou/eligibility/data/administrative_criteria.json)."
)

DIPLOMAS: Final[tuple[Code, ...]] = (
    Code("none", "Aucun diplôme", "aucun diplôme"),
    Code("brevet", "Brevet des collèges", "le brevet"),
    Code("cap_bep", "CAP ou BEP", "un CAP ou un BEP"),
    Code("bac", "Baccalauréat (bac général, technologique ou professionnel)", "le bac"),
    Code("higher", "Diplôme après le bac (BTS, licence, master…)", "un diplôme après le bac"),
)
"""Highest diplomas, from lowest to highest."""

LOW_QUALIFICATION_DIPLOMAS: Final = frozenset({"none", "brevet", "cap_bep"})
"""Diplomas at level 3 or below: "pas ou peu de qualifications" (DIPLOMA_SOURCE)."""
