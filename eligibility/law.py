"""Legal facts the site states, as dated parameters: a value, its source, its period.

OpenFisca-style: a legal value is only true for a period (the European
thresholds change every two years, a reform applies from a date), so each one
carries the period it is valid for, and the public text it was read in. The
rules (:mod:`eligibility.obligation`), the pages and the build read them here;
nothing else types these figures. The build warns when the last period of a
series has ended (``DATED_SERIES``, read by ``sitebuild/law_dates.py``), so
that a stale threshold cannot go unnoticed.

Also here: the addresses of the official texts on Légifrance, because both the
pages (``overrides/fragments/legifrance.html``) and the rules' replies (the
articles a result cites) link to them, from this one list.

Every source below was read in the public copy it names; where the text in
force could not be read, the docstring says which reading is taken.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

MONTHS_FR: Final = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)


def format_date_fr(day: date) -> str:
    """A date the French way: ``1er janvier 2026``, ``22 août 2026``."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {MONTHS_FR[day.month - 1]} {day.year}"


@dataclass(frozen=True)
class Period:
    """The days a legal value is valid for: ``start`` to ``end``, both included.

    ``end`` is None while the value has no known end (a reform in force).
    """

    start: date
    end: date | None = None

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day and (self.end is None or day <= self.end)

    def text(self) -> str:
        """``du 1er janvier 2026 au 31 décembre 2027``, or ``depuis le 22 août 2026``."""
        if self.end is None:
            return f"depuis le {format_date_fr(self.start)}"
        return f"du {format_date_fr(self.start)} au {format_date_fr(self.end)}"


# --- the official texts on Légifrance ----------------------------------------


@dataclass(frozen=True)
class Code:
    """A code on Légifrance: its name and its identifier (LEGITEXT)."""

    name: str
    legitext: str


CODES: Final[dict[str, Code]] = {
    "commande-publique": Code("Code de la commande publique", "LEGITEXT000037701019"),
    "travail": Code("Code du travail", "LEGITEXT000006072050"),
}
"""The codes the site cites. LEGITEXT000037701019 was read in the address of a
Légifrance page of the code (circulaire.legifrance.gouv.fr, article L2312-1-1)."""

ARTICLE_IDS: Final[dict[tuple[str, str], str]] = {}
"""(code, article) -> LEGIARTI identifier, for the articles whose identifier was
checked on Légifrance itself; a link then goes straight to the article. None is
yet: links go to the code's page, with the article number in the link text."""


@dataclass(frozen=True)
class Article:
    """One article of a code, as the site links to it."""

    code: str
    number: str

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise KeyError(f"unknown code {self.code!r}: add it to eligibility.law.CODES")

    @property
    def label(self) -> str:
        """``Code de la commande publique, article L2112-2``: the link's text."""
        return f"{CODES[self.code].name}, article {self.number}"

    @property
    def href(self) -> str:
        checked = ARTICLE_IDS.get((self.code, self.number))
        if checked:
            return f"https://www.legifrance.gouv.fr/codes/article_lc/{checked}"
        return f"https://www.legifrance.gouv.fr/codes/id/{CODES[self.code].legitext}/"

    def to_dict(self) -> dict[str, str]:
        return {"number": self.number, "label": self.label, "href": self.href}


def article(code: str, number: str) -> Article:
    """The article ``number`` of the code ``code`` (a key of :data:`CODES`)."""
    return Article(code, number)


# --- the reform « Climat et résilience » -------------------------------------


@dataclass(frozen=True)
class DatedFact:
    """A date the law sets, with the public text it was read in."""

    value: date
    source: str


SOCIAL_CONDITION_START: Final = DatedFact(
    date(2026, 8, 22),
    "Loi n° 2021-1104 du 22 août 2021 « Climat et résilience », article 35 : « ces dispositions "
    "entrent en vigueur à une date fixée par décret, et au plus tard cinq ans après la promulgation "
    "de la présente loi. Elles s'appliquent aux marchés pour lesquels une consultation est engagée "
    "ou un avis d'appel à la concurrence est envoyé à la publication à compter de leur entrée en "
    "vigueur. » Légifrance date les nouvelles versions des articles de loi « Version du 22 août "
    "2026 » (lu sur la page de l'article L2312-1-1). Certains commentateurs écrivent « à compter "
    "du 21 août 2026 » : le site retient la date de Légifrance.",
)
"""First day of the consultations to which the reformed L-articles apply
(L2112-2 as rewritten, the new L2112-2-1). Reading taken: Légifrance's date,
22 August 2026; the 21st is flagged as uncertain where it matters."""

DECREE_2022_767_START: Final = DatedFact(
    date(2026, 8, 21),
    "Décret n° 2022-767 du 2 mai 2022, article 11 : « Les dispositions des articles 2, 3, 5, 7 et 9 "
    "entrent en vigueur le 21 août 2026 et s'appliquent aux marchés et aux contrats de concession "
    "pour lesquels une consultation est engagée ou un avis d'appel à la concurrence est envoyé à la "
    "publication à compter de cette date. » L'article 2 du décret modifie l'article R2152-7.",
)
"""First day of the consultations to which the décret's R-articles apply (R2152-7 among them)."""


# --- the European thresholds -------------------------------------------------


@dataclass(frozen=True)
class Thresholds:
    """The European thresholds, in euros excluding VAT, for consultations launched in ``period``.

    Supplies and services depend on the buyer: central government authorities
    (``central``), the other contracting authorities — collectivités, their
    établissements, public social landlords — (``other``), entités
    adjudicatrices (``utilities``). Works are the same for every buyer.
    """

    period: Period
    works: int
    central: int
    other: int
    utilities: int
    source: str

    def for_contract(self, kind: str, buyer: str) -> int:
        """The threshold of a contract of ``kind`` passed by ``buyer`` (see eligibility.obligation)."""
        if kind == "travaux":
            return self.works
        return {"etat": self.central, "collectivite": self.other, "entite_adjudicatrice": self.utilities}[buyer]


THRESHOLDS_2024_2025: Final = Thresholds(
    Period(date(2024, 1, 1), date(2025, 12, 31)),
    works=5_538_000,
    central=143_000,
    other=221_000,
    utilities=443_000,
    source=(
        "Avis annexé au code de la commande publique, publié au Journal officiel du 7 décembre 2023, "
        "applicable « à compter du 1er janvier 2024 et pour deux ans » (ensemble77.fr) ; montants "
        "repris dans le tableau d'adden-leblog.com « La valse des seuils à compter du 1er janvier 2026 »."
    ),
)

THRESHOLDS_2026_2027: Final = Thresholds(
    Period(date(2026, 1, 1), date(2027, 12, 31)),
    works=5_404_000,
    central=140_000,
    other=216_000,
    utilities=432_000,
    source=(
        "Règlements délégués (UE) 2025/2150, 2025/2151 et 2025/2152 de la Commission du 22 octobre 2025 ; "
        "avis annexé au code de la commande publique, qui « actualise, à compter du 1er janvier 2026, "
        "l'ensemble des seuils » (idcite.com) ; montants et période « du 1er janvier 2026 au "
        "31 décembre 2027 » : adden-leblog.com, amf62.fr, cdg22.fr."
    ),
)

EUROPEAN_THRESHOLDS: Final[tuple[Thresholds, ...]] = (THRESHOLDS_2024_2025, THRESHOLDS_2026_2027)
"""Every period whose thresholds the site holds, oldest first, end to end."""


def thresholds_on(day: date) -> Thresholds | None:
    """The thresholds of a consultation launched on ``day``, or None outside the held periods."""
    return next((held for held in EUROPEAN_THRESHOLDS if day in held.period), None)


def held_period() -> Period:
    """From the first held period's start to the last one's end."""
    return Period(EUROPEAN_THRESHOLDS[0].period.start, EUROPEAN_THRESHOLDS[-1].period.end)


# --- what the build watches ------------------------------------------------------


@dataclass(frozen=True)
class DatedSeries:
    """Values that follow one another in time; the build warns once the last one has ended."""

    name: str
    """Where it lives, as a maintainer searches for it."""
    what: str
    periods: tuple[Period, ...]
    update: str
    """What to do when the last period has ended; ``{next_day}`` stands for the day after it."""

    @property
    def end(self) -> date | None:
        return self.periods[-1].end

    def ended_by(self, today: date) -> bool:
        return self.end is not None and today > self.end

    def what_to_do(self) -> str:
        next_day = self.end + timedelta(days=1) if self.end else None
        return self.update.format(next_day=next_day.isoformat() if next_day else "")


DATED_SERIES: Final[tuple[DatedSeries, ...]] = (
    DatedSeries(
        name="eligibility/law.py: EUROPEAN_THRESHOLDS",
        what="the European thresholds of public contracts",
        periods=tuple(held.period for held in EUROPEAN_THRESHOLDS),
        update=(
            "add the thresholds of the consultations launched from {next_day} "
            "(the avis annexed to the Code de la commande publique and the European Commission's "
            "delegated regulations), with their source and period"
        ),
    ),
)
