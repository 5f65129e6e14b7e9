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
# Percentages are whole percents (70 means 70 %), money is in euros. The
# worked example keeps its own published inputs: it is a dated example, not
# the form's defaults.

MEF_SUD_77_URL: Final = "http://www.mefsud77.fr/?page_id=28"
"""Address of MEF_SUD_77's page, for the estimator page's link to it."""

MEF_SUD_77: Final = (
    "Maison de l'emploi et de la formation Sud 77, page « La clause d'insertion » "
    f"({MEF_SUD_77_URL}), exemple de calcul pour un marché de bâtiment de 1 000 000 €. "
    "La page n'est pas datée ; elle cite l'ancien code des marchés publics, elle date donc "
    "d'avant la réforme de 2016."
)
"""Source of the formula, the worked example and the labour shares (a page written before 2016)."""


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
"""Labour share (%) of a whole building contract: the form's default and the example's share."""


@dataclass(frozen=True)
class HourlyCost:
    """A cost per hour worked measured for one year: in cents (exact, without the
    decimal module, which the self-check does not load), the year, its public source."""

    cents: int
    year: int
    source: str
    url: str


INSEE_LABOUR_COST_URL: Final = "https://www.insee.fr/fr/statistiques/6685426"
BATIACTU_LABOUR_COST_URL: Final = (
    "https://article-emploi.batiactu.com/quel-est-cout-horaire-main-duvre-dans-construction-65449.php"
)

LABOUR_COST_ALL_SECTORS: Final = HourlyCost(
    3870,
    2020,
    "Insee, enquête sur le coût de la main-d'œuvre (édition 2020, la dernière lue), Insee Focus n° 283 "
    "paru le 4 janvier 2023 : « En 2020, le coût moyen de la main-d'œuvre en France est de 38,7 euros "
    "par heure travaillée » (sociétés de 10 salariés ou plus).",
    INSEE_LABOUR_COST_URL,
)
"""Average cost of an hour worked, all sectors, charges included (€, 2020)."""

LABOUR_COST_CONSTRUCTION: Final = HourlyCost(
    3520,
    2020,
    "Même enquête de l'Insee, secteur de la construction, chiffre repris par Batiactu (« Quel est le "
    "coût horaire de main-d'œuvre dans la construction ? ») : « par heure travaillée, dans le secteur "
    "de la construction », 35,20 euros, « soit 3,50 euros de moins que la moyenne pour l'ensemble des "
    "secteurs d'activité (à 38,70 euros) ».",
    BATIACTU_LABOUR_COST_URL,
)
"""Average cost of an hour worked in construction, charges included (€, 2020): the form's default."""

GRAND_ORLY_SEINE_BIEVRE_URL: Final = (
    "https://deveco.grandorlyseinebievre.fr/nos-objectifs/agir-pour-lemploi-et-la-formation/les-clauses-dinsertion"
)
MDE_ALES_CEVENNES_URL: Final = "https://mde-alescevennes.agartaworld.com/?p=1223"

INSERTION_RATE_LOW: Final = Parameter(
    5,
    "Établissement public territorial Grand-Orly Seine Bièvre, page « Les clauses d'insertion » : une "
    "collectivité peut « réserver 5% ou plus des heures travaillées à des personnes éloignées de "
    "l'emploi ». Maison de l'emploi Alès Cévennes : la part des heures d'insertion « sera en général "
    "comprise entre 5 et 20 % ». Le maître d'ouvrage fixe le taux.",
)
"""Usual low insertion rate (% of the hours): the form's default."""

INSERTION_RATE_HIGH: Final = Parameter(
    20,
    "Maison de l'emploi Alès Cévennes : la part des heures d'insertion « dépend de la volonté du "
    "donneur d'ordre, de la mobilisation possible des personnes en parcours d'insertion dans le "
    "secteur professionnel et des capacités des structures d'insertion par l'activité économique "
    "(SIAE) du territoire : elle sera en général comprise entre 5 et 20 % ».",
)
"""Usual high insertion rate (% of the hours)."""


@dataclass(frozen=True)
class WorkedExample:
    """A calculation a facilitator published, with its own inputs (whole euros and percents)."""

    amount_ht: int
    labour_share: int
    insertion_rate: int
    hourly_cost: int
    hours: int
    source: str
    dated: str
    """When it was published, as far as the source tells."""


WORKED_EXAMPLE: Final = WorkedExample(
    amount_ht=1_000_000,
    labour_share=50,
    insertion_rate=5,
    hourly_cost=30,
    hours=833,
    source=(
        f"{MEF_SUD_77} « 500 000 x 5/100 = 25 000 euros. […] on peut estimer le coût moyen entre 25 et "
        "30 euros de l'heure. Le nombre d'heures d'insertion à réaliser par l'entreprise attributaire "
        "est de : 25 000 / 30 = 833 heures. »"
    ),
    dated="page non datée, antérieure à la réforme de 2016",
)
"""The published example the estimator page shows: 1 000 000 € × 50 % × 5 % ÷ 30 € = 833 hours."""

EXAMPLE_AMOUNT_HT: Final = Parameter(WORKED_EXAMPLE.amount_ht, MEF_SUD_77)
"""Amount excluding VAT (€) of the worked example."""

EXAMPLE_HOURS: Final = Parameter(WORKED_EXAMPLE.hours, WORKED_EXAMPLE.source)
"""Hours the worked example finds; the tests check the estimator gives the same."""

PUBLIC_SOURCE_URLS: Final = (
    MEF_SUD_77_URL,
    INSEE_LABOUR_COST_URL,
    BATIACTU_LABOUR_COST_URL,
    GRAND_ORLY_SEINE_BIEVRE_URL,
    MDE_ALES_CEVENNES_URL,
)
"""Every page outside the site that the estimator's figures come from: the pages link to them."""

ANNUAL_WORKING_HOURS: Final = Parameter(
    1607,
    "Durée annuelle du travail à temps plein : 1 607 heures. Code du travail, article L3121-41 "
    "(version du 28 février 2018, la dernière lue) : « Si la période de référence est annuelle, "
    "constituent des heures supplémentaires les heures effectuées au delà de 1 607 heures. »",
)
"""Hours in one full-time equivalent (ETP) over a year."""

MAX_AMOUNT_HT: Final = Parameter(10**12, "Borne de saisie de l'estimation (1 000 milliards d'euros).")
"""Largest amount (€) the estimator accepts: keeps every result a finite number."""

MIN_HOURLY_COST: Final = Parameter(1, "Borne de saisie de l'estimation (1 € de l'heure).")
"""Smallest hourly cost (€) the estimator accepts: rules out zero and typing slips."""
