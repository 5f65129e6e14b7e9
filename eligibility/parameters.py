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
    "Mémo : « Les demandeurs d'emploi et âgé.es de plus de 50 ans ». Lu comme 50 ans "
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
    """A value a visitor can pick, with its French label (and, for a benefit, its source)."""

    code: str
    label: str
    short: str
    source: str = ""


_FIPECO = (
    "FIPECO, fiche « Les minima sociaux » (8 novembre 2024), d'après la DREES : « douze dispositifs "
    "qualifiés de minima sociaux »"
)
_DREES_EDITION = (
    "L'édition 2025 de la DREES, « Minima sociaux et prestations sociales » (décembre 2025), n'a pas pu "
    "être lue : la liste suit FIPECO, et le guichet unique confirme."
)

MINIMA_SOCIAUX_SOURCE: Final = (
    f"{_FIPECO} : RSA, RSO, ASS, ADA, allocation veuvage, ASI, AAH, ATI, AVFS et ASPA, plus l'AER-R et "
    "l'ATA, « en extinction depuis 2011 et 2017 ». " + _DREES_EDITION + " L'allocation chômage (ARE), "
    "la prime d'activité (pour la DREES, « un complément de revenus d'activité », comptée à part des "
    "minima sociaux) et les aides au logement ne sont pas des minima sociaux."
)

MINIMA_SOCIAUX: Final[tuple[Code, ...]] = (
    Code("rsa", "RSA (revenu de solidarité active)", "le RSA",
         f"{_FIPECO} : le « revenu de solidarité active » (RSA)."),
    Code("ass", "ASS (allocation de solidarité spécifique)", "l'ASS",
         f"{_FIPECO} : « l'allocation de solidarité spécifique » (ASS)."),
    Code("aah", "AAH (allocation aux adultes handicapés)", "l'AAH",
         f"{_FIPECO} : « l'allocation aux adultes handicapés » (AAH)."),
    Code("asi", "ASI (allocation supplémentaire d'invalidité)", "l'ASI",
         f"{_FIPECO} : « l'allocation supplémentaire invalidité » (ASI)."),
    Code("aspa", "ASPA ou ASV (minimum vieillesse)", "le minimum vieillesse (ASPA ou ASV)",
         f"{_FIPECO} : « l'allocation de solidarité pour les personnes âgées » (ASPA). DREES, « L'enquête "
         "sur les allocations du minimum vieillesse » : les bénéficiaires du minimum vieillesse « regroupent "
         "[…] les détenteurs d'une des deux allocations […] l'ASV ou l'Aspa »."),
    Code("ada", "ADA (allocation pour demandeur d'asile)", "l'ADA",
         f"{_FIPECO} : « l'allocation aux demandeurs d'asile » (ADA)."),
    Code("rso", "RSO (revenu de solidarité, outre-mer)", "le RSO",
         f"{_FIPECO} : le « revenu de solidarité outre-mer » (RSO)."),
    Code("veuvage", "Allocation veuvage", "l'allocation veuvage", f"{_FIPECO} : « l'allocation veuvage » (AV)."),
    Code("ati", "ATI (allocation des travailleurs indépendants)", "l'ATI",
         f"{_FIPECO} : l'allocation des travailleurs indépendants (ATI)."),
    Code("avfs", "AVFS (aide à la vie familiale et sociale des anciens migrants)", "l'AVFS",
         f"{_FIPECO} : l'aide à la vie familiale et sociale des anciens migrants (AVFS)."),
)
"""The minima sociaux in force that a visitor can tick (see MINIMA_SOCIAUX_SOURCE)."""

MINIMA_SOCIAUX_CLOSED: Final[tuple[Code, ...]] = (
    Code("aer_r", "AER-R (allocation équivalent retraite de remplacement)", "l'AER-R",
         f"{_FIPECO} : l'AER-R est « en extinction depuis 2011 ». Informations.handicap.fr : « Il n'est plus "
         "possible d'entrer dans la prestation depuis le 1er janvier 2011 »."),
    Code("ata", "ATA (allocation temporaire d'attente)", "l'ATA",
         f"{_FIPECO} : l'ATA est « en extinction depuis […] 2017 ». Informations.handicap.fr : « Depuis le 1er "
         "septembre 2017, il n'est plus possible d'entrer dans la prestation »."),
)
"""Minima sociaux closed to new entrants: still counted by FIPECO, not offered as choices.

Why: the AER-R was paid until retirement to people who entered before
1 January 2011, the ATA for a limited time to people who entered before
1 September 2017; nobody can still be receiving them today. Offering them
would lengthen a list read by people with little schooling for no one. The
site says so next to the list, and the guichet unique examines any other
situation (the memo's list of publics is not closed)."""

CLOSED_MINIMA_NOTE: Final = (
    "L'AER-R et l'ATA, fermées aux nouveaux bénéficiaires depuis 2011 et 2017, ne sont plus proposées : "
    "si vous touchez encore l'une d'elles, dites-le au guichet unique."
)

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

AUTOMATIC_REGISTRATION: Final = (
    "Depuis le 1er janvier 2025, l'inscription est automatique, sans démarche, si vous demandez ou touchez "
    "le RSA (vous ou votre conjoint), si une Mission locale vous accompagne (CEJ ou PACEA) "
    "ou si Cap emploi vous suit."
)
"""Said with the registration question: many people are registered without knowing it."""

AUTOMATIC_REGISTRATION_SOURCE: Final = (
    "Loi n° 2023-1196 du 18 décembre 2023 pour le plein emploi ; France Travail, communiqué du "
    "27 décembre 2024 « Les évolutions de la loi pour le plein emploi qui entrent en vigueur en "
    "janvier 2025 » (allocataires du RSA et leur conjoint, jeunes suivis en Mission locale en CEJ ou "
    "PACEA) ; statistiques.francetravail.org, « Loi pour le plein emploi : évolution des statistiques "
    "sur les inscrits à France Travail en janvier 2025 » (demandeurs et bénéficiaires du RSA, jeunes des "
    "Missions locales, personnes en situation de handicap suivies par Cap emploi)."
)


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
