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


# --- Insertion hours: the estimator for buyers (eligibility.hours) -----------
#
# Figures the estimator page offers as defaults and renders as they are.
# Percentages are whole percents (70 means 70 %), money is in euros.

MEF_SUD_77_URL: Final = "http://www.mefsud77.fr/?page_id=28"
"""Address of MEF_SUD_77's page, for the estimator page's link to it."""

MEF_SUD_77: Final = (
    "Maison de l'emploi et de la formation Sud 77, page « La clause d'insertion » "
    f"({MEF_SUD_77_URL}), exemple de calcul pour un marché de "
    "bâtiment de 1 000 000 €."
)
"""Source of the formula, the worked example, the labour shares and the hourly cost."""


@dataclass(frozen=True)
class LabourShare:
    """Share of labour in the amount of one trade's lot, in whole percents."""

    code: str
    label: str
    percent: int
    source: str


LABOUR_SHARES: Final[tuple[LabourShare, ...]] = (
    LabourShare("interior_painting", "Peinture intérieure", 70, MEF_SUD_77),
    LabourShare("masonry", "Maçonnerie", 50, MEF_SUD_77),
    LabourShare("metal_frames", "Charpente métallique", 20, MEF_SUD_77),
)
"""Labour share by building trade, as given by MEF_SUD_77 (examples, not a full list)."""

AVERAGE_LABOUR_SHARE: Final = Parameter(
    50, f"{MEF_SUD_77} Taux moyen de main-d'œuvre retenu pour l'exemple (bâtiment)."
)
"""Labour share (%) the worked example takes for a whole building contract."""

_HOURLY_COST_SOURCE = f"{MEF_SUD_77} Coût moyen de l'heure, toutes charges comprises : entre 25 et 30 €."

HOURLY_COST_LOW: Final = Parameter(25, _HOURLY_COST_SOURCE)
"""Low end of the average hourly labour cost with charges (€ per hour)."""

HOURLY_COST_HIGH: Final = Parameter(30, _HOURLY_COST_SOURCE)
"""High end of the average hourly labour cost with charges (€ per hour); the example uses it."""

_INSERTION_RATE_SOURCE = (
    "Pages de facilitateurs de la clause (par exemple la communauté d'agglomération "
    "du Val de Bièvre) : en général entre 5 et 10 % des heures. Le maître d'ouvrage "
    f"fixe le taux ; l'exemple de la MEF Sud 77 prend 5 %. {MEF_SUD_77}"
)

INSERTION_RATE_LOW: Final = Parameter(5, _INSERTION_RATE_SOURCE)
"""Usual low insertion rate (% of the hours); the worked example uses it."""

INSERTION_RATE_HIGH: Final = Parameter(10, _INSERTION_RATE_SOURCE)
"""Usual high insertion rate (% of the hours)."""

EXAMPLE_AMOUNT_HT: Final = Parameter(1_000_000, MEF_SUD_77)
"""Amount excluding VAT (€) of the worked example."""

EXAMPLE_HOURS: Final = Parameter(
    833, f"{MEF_SUD_77} 1 000 000 € × 50 % × 5 % = 25 000 € ; 25 000 € ÷ 30 € = 833 heures."
)
"""Hours the worked example finds; the tests check the estimator gives the same."""

ANNUAL_WORKING_HOURS: Final = Parameter(
    1607,
    "Durée annuelle du travail à temps plein : 1 607 heures (Code du travail, "
    "article L3121-41 : sur une période de référence annuelle, les heures "
    "supplémentaires commencent au-delà de 1 607 heures).",
)
"""Hours in one full-time equivalent (ETP) over a year."""

MAX_AMOUNT_HT: Final = Parameter(10**12, "Borne de saisie de l'estimation (1 000 milliards d'euros).")
"""Largest amount (€) the estimator accepts: keeps every result a finite number."""

MIN_HOURLY_COST: Final = Parameter(1, "Borne de saisie de l'estimation (1 € de l'heure).")
"""Smallest hourly cost (€) the estimator accepts: rules out zero and typing slips."""
