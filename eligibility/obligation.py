"""Must this contract provide a social condition of execution? The check for buyers.

Since the « Climat et résilience » reform (loi n° 2021-1104, article 35), the
Code de la commande publique requires, in public contracts whose estimated
value reaches the European thresholds, a condition of execution taking social
or employment considerations into account (article L2112-2-1), for the
consultations launched from its entry into force. Below the thresholds, such a
condition stays possible (L2112-2: « peuvent également »).

>>> r = social_condition_required(kind="services", amount_ht=300_000, buyer="collectivite",
...                               launch_date="2026-10-01")
>>> r.required, r.threshold_ht
(True, 216000)

Readings taken (the French texts of each result say them where they matter):

- The text of L2112-2-1 itself could not be read in a public copy; secondary
  sources agree on the obligation above the European thresholds, with
  derogations. "Reaches" is read as "at or above" (« égale ou supérieure »), as
  in its twin for concessions, L3114-2-1, which was read. The derogations are
  not listed nor counted, and that the buyer records its reasons is said to be
  an inference from the twin: the result sends the buyer to the guichet.
- From: consultations launched on or after 22 August 2026, the date Légifrance
  gives the reformed L-articles (``law.SOCIAL_CONDITION_START``); 21 August, the
  date some commentators give, is flagged as uncertain.
- The value compared is the estimated value of the whole contract, excluding
  VAT (all lots, options, renewals: R2121-1; for works, the whole operation:
  R2121-5), as the buyer enters it.
- Not covered: concession contracts, defence or security contracts.

Bad input raises :class:`~eligibility.errors.InvalidAnswer` naming the field,
with a French message; nothing else is raised.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from .errors import InvalidAnswer
from .forms import form_entries
from .law import (
    DECREE_2022_767_START,
    EUROPEAN_THRESHOLDS,
    SOCIAL_CONDITION_START,
    Article,
    Thresholds,
    article,
    format_date_fr,
    held_period,
    thresholds_on,
)
from .parameters import MAX_AMOUNT_HT
from .typography import NBSP, format_number_fr

# --- the questions, as data the page renders -------------------------------------


@dataclass(frozen=True)
class Choice:
    """One answer a buyer can tick."""

    code: str
    label: str
    phrase: str
    """How a result's sentence names it (``de services``, ``les collectivités…``)."""


@dataclass(frozen=True)
class ObligationField:
    """One input of the check: its form name, its French texts, its choices if any."""

    id: str
    label: str
    help: str
    missing: str
    invalid: str
    choices: tuple[Choice, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "help": self.help,
            "choices": [{"code": c.code, "label": c.label} for c in self.choices],
        }


KINDS: Final = (
    Choice("travaux", "Des travaux", "de travaux"),
    Choice("fournitures", "Des fournitures", "de fournitures"),
    Choice("services", "Des services", "de services"),
)

BUYERS: Final = (
    Choice(
        "etat",
        "L'État ou une autre autorité publique centrale",
        "l'État et les autres autorités publiques centrales",
    ),
    Choice(
        "collectivite",
        "Une collectivité ou un autre acheteur public : commune, intercommunalité, département, région, "
        "leurs établissements publics, office public de l'habitat…",
        "les collectivités et les autres acheteurs publics",
    ),
    Choice(
        "entite_adjudicatrice",
        "Une entité adjudicatrice (marchés des secteurs spéciaux)",
        "les entités adjudicatrices",
    ),
)

_HELD = held_period()
_EXAMPLE_AMOUNT = format_number_fr(300_000)

FIELDS: Final = (
    ObligationField(
        id="kind",
        label="Votre marché porte sur :",
        help="Choisissez ce qui fait l'essentiel du marché.",
        missing="Choisissez le type de marché : travaux, fournitures ou services.",
        invalid="Choisissez le type de marché parmi les trois proposés : travaux, fournitures ou services.",
        choices=KINDS,
    ),
    ObligationField(
        id="amount_ht",
        label="Valeur estimée du marché, hors taxes (HT)",
        help=(
            f"En euros, sans centimes, par exemple {_EXAMPLE_AMOUNT}. Comptez tout le marché : tous les lots, "
            "les options et les reconductions. Pour des travaux, comptez tous les travaux de l'opération."
        ),
        missing="Indiquez la valeur estimée du marché, hors taxes, en euros.",
        invalid=(
            f"Indiquez le montant en chiffres et en euros entiers, par exemple {_EXAMPLE_AMOUNT} "
            "(sans point entre les milliers, sans centimes)."
        ),
    ),
    ObligationField(
        id="buyer",
        label="Qui achète ?",
        help=(
            "Le seuil des fournitures et des services dépend de l'acheteur. "
            "Si vous ne savez pas, demandez au guichet unique audois."
        ),
        missing="Choisissez qui achète.",
        invalid="Choisissez l'acheteur parmi les trois proposés.",
        choices=BUYERS,
    ),
    ObligationField(
        id="launch_date",
        label="Date de lancement de la consultation",
        help=(
            "Le jour où la consultation est engagée, ou l'avis d'appel à la concurrence envoyé à la "
            f"publication. Ce test connaît les consultations lancées {_HELD.text()}."
        ),
        missing="Indiquez la date de lancement de la consultation.",
        invalid="Indiquez la date complète : jour, mois et année, par exemple 01/10/2026.",
    ),
)
"""The check's inputs, in form order (the order errors are looked for)."""

FIELDS_BY_ID: Final = {f.id: f for f in FIELDS}

NEGATIVE_AMOUNT: Final = "Le montant ne peut pas être négatif."
AMOUNT_TOO_LARGE: Final = f"Indiquez un montant de moins de {format_number_fr(MAX_AMOUNT_HT.value)}{NBSP}€."
NO_SUCH_DAY: Final = "Cette date n'existe pas : vérifiez le jour et le mois."
OUTSIDE_HELD_PERIODS: Final = (
    f"Ce test connaît les seuils des consultations lancées {_HELD.text()}. "
    "Pour une autre date, demandez au guichet unique audois."
)

# --- the result ------------------------------------------------------------------


@dataclass(frozen=True)
class CitedArticle:
    """An article a result relies on, and what it says there."""

    article: Article
    about: str

    def to_dict(self) -> dict[str, str]:
        return {**self.article.to_dict(), "about": self.about}


@dataclass(frozen=True)
class Obligation:
    """What the code requires of one contract, with the French texts the page shows.

    ``required``: L2112-2-1 applies (a social or employment condition of
    execution is mandatory). ``threshold_ht``: the European threshold compared
    with the amount, None where none applies (a consultation before the
    reform). ``outcome``: ``required``, ``below_threshold`` or ``before_reform``.
    """

    kind: str
    amount_ht: int
    buyer: str
    launch_date: date
    required: bool
    threshold_ht: int | None
    outcome: str
    headline: str
    reasons: tuple[str, ...]
    derogations: str | None
    notes: tuple[str, ...]
    articles: tuple[CitedArticle, ...]
    next_steps: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """The ``obligation`` object of the protocol's reply; every text is final French."""
        return {
            "required": self.required,
            "threshold_ht": self.threshold_ht,
            "outcome": self.outcome,
            "headline": self.headline,
            "reasons": list(self.reasons),
            "derogations": self.derogations,
            "notes": list(self.notes),
            "articles": [cited.to_dict() for cited in self.articles],
            "next_steps": list(self.next_steps),
        }


def _euros_ht(amount: int) -> str:
    return f"{format_number_fr(amount)}{NBSP}€{NBSP}HT"


def _cited(number: str, about: str) -> CitedArticle:
    return CitedArticle(article("commande-publique", number), about)


OBLIGATION_ARTICLE = _cited(
    "L2112-2-1", "la condition d'exécution sociale ou liée à l'emploi, obligatoire à partir des seuils européens"
)
CONDITIONS_ARTICLE = _cited("L2112-2", "les conditions d'exécution d'un marché")
CONCESSIONS_TWIN = _cited("L3114-2-1", "la même obligation pour les contrats de concession")
ESTIMATED_VALUE = _cited("R2121-1", "le calcul de la valeur estimée : tous les lots, options et reconductions")
WORKS_OPERATION = _cited("R2121-5", "pour des travaux, la valeur de tous les travaux de l'opération")

START = format_date_fr(SOCIAL_CONDITION_START.value)

NEXT_STEPS: Final = (
    "Estimez le nombre d'heures d'insertion de votre marché (lien ci-dessous).",
    "Écrivez la clause dans les documents de la consultation. Selon les cahiers des clauses "
    "administratives générales de 2021 (article 16.1 des CCAG-TIC et FCS), ils précisent « a minima » "
    "le périmètre de l'action, les coordonnées du facilitateur le cas échéant, les publics éligibles "
    "et le volume d'heures d'insertion.",
    "Contactez le guichet unique audois avant de lancer la consultation : il vous accompagne pour "
    "mettre la clause dans votre marché.",
)
"""What a buyer does next, whatever the outcome: the clause is useful in every case."""

DEROGATIONS: Final = (
    "Le code prévoit des cas où l'acheteur peut ne pas prévoir cette condition. Nous n'avons pas "
    "pu lire le texte exact de ces cas pour les marchés publics : ne les appliquez pas sans en "
    "parler au guichet unique audois ou à votre service juridique. Pour comparer, l'article jumeau "
    "des contrats de concession (L3114-2-1) prévoit deux cas, et l'autorité concédante qui n'en "
    "prévoit pas « en consigne les motifs par tout moyen approprié ». Il est probable que l'article "
    "des marchés demande lui aussi de noter vos raisons : vérifiez-le avec le guichet unique."
)
"""What is certain about the derogations of L2112-2-1 for marchés: that they exist (secondary
sources agree) — their wording and number were not read; the concessions' twin was. That the
buyer records its reasons is an inference from the twin, and is said to be one."""

ENVIRONMENT_TOO: Final = (
    f"Pour les consultations lancées depuis le {START}, tout marché doit aussi prendre en compte "
    "l'environnement dans ses conditions d'exécution (article L2112-2)."
)

BOUNDARY_DAY_NOTE: Final = (
    f"Le {format_date_fr(DECREE_2022_767_START.value)} est un cas limite : Légifrance date du {START} "
    "les nouvelles versions des articles de loi, mais certains commentateurs écrivent « à compter du "
    f"{format_date_fr(DECREE_2022_767_START.value)} », jour où entrent en vigueur les articles "
    f"modifiés par le décret n° 2022-767. Ce test retient le {START} : demandez confirmation au "
    "guichet unique audois."
)

AT_THRESHOLD_NOTE: Final = (
    "Votre montant est exactement égal au seuil. Ce test le compte comme atteint, comme l'article "
    "jumeau des concessions (L3114-2-1 : valeur « égale ou supérieure au seuil européen ») ; le "
    "texte de l'article L2112-2-1 n'a pas pu être lu ici. Demandez confirmation au guichet unique audois."
)

_BY_CODE = {choice.code: choice for choice in (*KINDS, *BUYERS)}


def _threshold_sentence(kind: str, buyer: str, thresholds: Thresholds) -> str:
    who = "tous les acheteurs" if kind == "travaux" else _BY_CODE[buyer].phrase
    return (
        f"Le seuil européen des marchés {_BY_CODE[kind].phrase} est de "
        f"{_euros_ht(thresholds.for_contract(kind, buyer))} pour {who}, pour les consultations lancées "
        f"{thresholds.period.text()}."
    )


def _value_articles(kind: str) -> tuple[CitedArticle, ...]:
    return (ESTIMATED_VALUE, WORKS_OPERATION) if kind == "travaux" else (ESTIMATED_VALUE,)


def _decide(kind: str, amount_ht: int, buyer: str, launch_date: date, thresholds: Thresholds) -> Obligation:
    notes: list[str] = []
    if launch_date == DECREE_2022_767_START.value:
        notes.append(BOUNDARY_DAY_NOTE)
    if launch_date < SOCIAL_CONDITION_START.value:
        return Obligation(
            kind, amount_ht, buyer, launch_date,
            required=False,
            threshold_ht=None,
            outcome="before_reform",
            headline=f"Non : pour une consultation lancée avant le {START}, la clause sociale n'était pas obligatoire.",
            reasons=(
                f"Votre consultation a été lancée le {format_date_fr(launch_date)}. L'obligation de prévoir "
                "une condition d'exécution sociale ou liée à l'emploi à partir des seuils européens "
                "(article L2112-2-1) vaut pour les consultations engagées, ou les avis d'appel à la "
                f"concurrence envoyés à la publication, à partir du {START}.",
                "Avant, le code permettait la clause sans l'imposer : les conditions d'exécution « peuvent "
                "prendre en compte des considérations relatives à l'économie, à l'innovation, à "
                "l'environnement, au domaine social, à l'emploi ou à la lutte contre les discriminations » "
                "(article L2112-2, dans sa version d'avant la réforme).",
                "Une clause d'insertion était donc possible. Pour vos prochains marchés, parlez-en au "
                "guichet unique audois.",
            ),
            derogations=None,
            notes=tuple(notes),
            articles=(CONDITIONS_ARTICLE, OBLIGATION_ARTICLE),
            next_steps=NEXT_STEPS,
        )
    threshold = thresholds.for_contract(kind, buyer)
    estimated = f"Votre marché {_BY_CODE[kind].phrase} est estimé à {_euros_ht(amount_ht)}."
    if amount_ht >= threshold:
        if amount_ht == threshold:
            notes.append(AT_THRESHOLD_NOTE)
        notes.append(ENVIRONMENT_TOO)
        return Obligation(
            kind, amount_ht, buyer, launch_date,
            required=True,
            threshold_ht=threshold,
            outcome="required",
            headline="Oui : votre marché doit prévoir une condition d'exécution sociale ou liée à l'emploi.",
            reasons=(
                f"{estimated} {_threshold_sentence(kind, buyer, thresholds)} Votre marché atteint ce seuil.",
                f"Pour les consultations lancées depuis le {START}, le code de la commande publique impose "
                "une condition d'exécution qui prend en compte le domaine social ou l'emploi dans les "
                "marchés dont la valeur estimée atteint les seuils européens (article L2112-2-1, créé "
                "par la loi « Climat et résilience » n° 2021-1104, article 35).",
                "La clause d'insertion que décrit le mémo du guichet unique est une condition de ce type : "
                "l'entreprise qui gagne le marché réserve une partie des heures de travail à des "
                "personnes en insertion.",
            ),
            derogations=DEROGATIONS,
            notes=tuple(notes),
            articles=(OBLIGATION_ARTICLE, CONDITIONS_ARTICLE, CONCESSIONS_TWIN, *_value_articles(kind)),
            next_steps=NEXT_STEPS,
        )
    notes.append(ENVIRONMENT_TOO)
    return Obligation(
        kind, amount_ht, buyer, launch_date,
        required=False,
        threshold_ht=threshold,
        outcome="below_threshold",
        headline="Non, ce n'est pas obligatoire pour ce marché. Mais une clause d'insertion reste possible et utile.",
        reasons=(
            f"{estimated} {_threshold_sentence(kind, buyer, thresholds)} Votre marché est sous ce seuil : "
            "l'obligation de l'article L2112-2-1 ne s'applique qu'à partir du seuil.",
            "Sous le seuil, le code permet toujours une clause sociale : les conditions d'exécution « peuvent "
            "également prendre en compte des considérations relatives à l'économie, à l'innovation, au "
            "domaine social, à l'emploi ou à la lutte contre les discriminations » (article L2112-2).",
            "Elle reste utile : pour le mémo du guichet unique, elle permet de valoriser vos dépenses "
            "publiques et d'accompagner des habitants de votre territoire vers le retour à l'emploi.",
        ),
        derogations=None,
        notes=tuple(notes),
        articles=(CONDITIONS_ARTICLE, OBLIGATION_ARTICLE, *_value_articles(kind)),
        next_steps=NEXT_STEPS,
    )


# --- reading the inputs ------------------------------------------------------------


def _choice(field_id: str, value: object) -> str:
    field = FIELDS_BY_ID[field_id]
    if value is None or value == "":
        raise InvalidAnswer(field_id, field.missing)
    if not isinstance(value, str) or value not in {choice.code for choice in field.choices}:
        raise InvalidAnswer(field_id, field.invalid)
    return value


def _amount(value: object) -> int:
    field = FIELDS_BY_ID["amount_ht"]
    if value is None:
        raise InvalidAnswer(field.id, field.missing)
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidAnswer(field.id, field.invalid)
    if value < 0:
        raise InvalidAnswer(field.id, NEGATIVE_AMOUNT)
    if value > MAX_AMOUNT_HT.value:
        raise InvalidAnswer(field.id, AMOUNT_TOO_LARGE)
    return value


_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_FRENCH_DATE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")


def _calendar_day(year: str, month: str, day: str) -> date:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        raise InvalidAnswer("launch_date", NO_SUCH_DAY) from None


def _launch_date(value: object) -> date:
    field = FIELDS_BY_ID["launch_date"]
    if value is None or value == "":
        raise InvalidAnswer(field.id, field.missing)
    if isinstance(value, date):
        return date(value.year, value.month, value.day)  # a datetime counts as its day
    match = _ISO_DATE.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        raise InvalidAnswer(field.id, field.invalid)
    return _calendar_day(*match.groups())


def _held_thresholds(launch_date: date) -> Thresholds:
    thresholds = thresholds_on(launch_date)
    if thresholds is None:
        raise InvalidAnswer("launch_date", OUTSIDE_HELD_PERIODS)
    return thresholds


def social_condition_required(
    kind: object = None, amount_ht: object = None, buyer: object = None, launch_date: object = None
) -> Obligation:
    """What the code requires of a contract: ``.required``, ``.threshold_ht`` and the French texts.

    ``kind``: ``"travaux"``, ``"fournitures"`` or ``"services"``; ``buyer``:
    ``"etat"`` (central government authorities), ``"collectivite"`` (the other
    contracting authorities), ``"entite_adjudicatrice"``; ``amount_ht``: the
    estimated value of the whole contract in whole euros excluding VAT (an int
    from 0); ``launch_date``: an ISO date (``"2026-10-01"``) or a
    :class:`datetime.date`, the day the consultation was launched or the
    notice sent. Inputs are checked in form order.
    """
    checked_kind = _choice("kind", kind)
    checked_amount = _amount(amount_ht)
    checked_buyer = _choice("buyer", buyer)
    day = _launch_date(launch_date)
    return _decide(checked_kind, checked_amount, checked_buyer, day, _held_thresholds(day))


# --- the form, as the page sends it --------------------------------------------------

_MAX_TEXT = 40
_AMOUNT_UNIT = re.compile(r"(?:€|eur|euros?)?(?:ht|h\.t\.?)?$")
_WHOLE = re.compile(r"-?[0-9]+")


def parse_amount_fr(text: str) -> int | None:
    """Whole euros as a French visitor types them (``300 000``, ``300 000 € HT``), or None.

    Spaces of any kind between digits and a trailing ``€``, ``euros`` or ``HT``
    are accepted, and a leading minus (so that a negative amount gets its own
    message). Refused: cents, thousands marked with points, letters, more than
    40 characters.
    """
    if len(text) > _MAX_TEXT:
        return None
    compact = "".join(text.split()).lower().replace("\u2212", "-")
    compact = _AMOUNT_UNIT.sub("", compact, count=1)
    return int(compact) if _WHOLE.fullmatch(compact) else None


def _form_date(text: str) -> date:
    """A date from the form: the date control sends ``2026-10-01``; a browser without
    one lets the visitor type ``01/10/2026``."""
    field = FIELDS_BY_ID["launch_date"]
    text = text.strip()
    if not text:
        raise InvalidAnswer(field.id, field.missing)
    if match := _FRENCH_DATE.fullmatch(text):
        day, month, year = match.groups()
        return _calendar_day(year, month, day)
    return _launch_date(text)


def check_from_form(pairs: object) -> Obligation:
    """The check for the form's raw ``(name, value)`` pairs (all text), as the page sends them.

    An unticked choice is absent, an empty field is "not answered". The amount is
    read the French way (:func:`parse_amount_fr`). Unknown names are refused.
    """
    entries = form_entries(pairs, FIELDS_BY_ID)
    kind = _choice("kind", entries.get("kind", ""))
    amount_text = entries.get("amount_ht", "")
    if not amount_text.strip():
        raise InvalidAnswer("amount_ht", FIELDS_BY_ID["amount_ht"].missing)
    amount = parse_amount_fr(amount_text)
    if amount is None:
        raise InvalidAnswer("amount_ht", FIELDS_BY_ID["amount_ht"].invalid)
    checked_amount = _amount(amount)
    buyer = _choice("buyer", entries.get("buyer", ""))
    day = _form_date(entries.get("launch_date", ""))
    return _decide(kind, checked_amount, buyer, day, _held_thresholds(day))


def summary() -> tuple[str, ...]:
    """The rule in three sentences, with the latest thresholds held: what the page's
    fallback shows as text when the check cannot run."""
    latest = EUROPEAN_THRESHOLDS[-1]
    return (
        f"Pour une consultation lancée depuis le {START}, un marché dont la valeur estimée atteint le "
        "seuil européen doit prévoir une condition d'exécution sociale ou liée à l'emploi.",
        f"Seuils européens des consultations lancées {latest.period.text()} : travaux, "
        f"{_euros_ht(latest.works)} ; fournitures et services, {_euros_ht(latest.central)} pour l'État et "
        f"les autres autorités publiques centrales, {_euros_ht(latest.other)} pour les collectivités et "
        f"les autres acheteurs publics, {_euros_ht(latest.utilities)} pour les entités adjudicatrices.",
        "Sous ces seuils, une clause d'insertion reste possible et utile.",
    )
