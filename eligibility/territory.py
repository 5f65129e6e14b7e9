"""Whom to call first: the Aude's communes, and the service of the guichet unique for each.

The memo lists three services (Carcassonne Agglo, the Département de l'Aude,
Le Grand Narbonne) that together form the guichet unique audois, and does not
say how they share the Aude. The reading taken here: each agglomération's
service for the communes of its EPCI, the Département for every other commune
of the Aude (``data/contacts.yml``, fields ``epci`` and ``rest_of_the_aude``).
The site presents that service as the natural first contact, never as the only
door: any of the three answers or redirects.

Data shipped with the package (``eligibility/data/``, written by
``scripts/package_data.py``, read with :mod:`importlib.resources` so that the
wheel alone is enough, in Pyodide as in CPython):

- ``communes.json``: the Aude's 433 current communes, 8 communes déléguées and
  1 commune associée (npm ``@etalab/decoupage-administratif``: INSEE's
  official geography, the DGCL's EPCI membership, La Poste's postal codes);
  a commune déléguée or associée is routed through its commune nouvelle;
- ``contacts.json``: a copy of ``data/contacts.yml``.

Postal codes cannot route: 8 of the Aude's 48 cover communes on both sides of
a boundary (11200 is Névian, Le Grand Narbonne, and Lézignan-Corbières,
Département), so the visitor is asked for the commune.

>>> service_for("11264").organisation
'Le Grand Narbonne'
>>> find_communes("lezignan")[0].code
'11203'
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from typing import Any, Final, Literal

from .errors import InvalidAnswer

FIELD: Final = "commune"
"""The field named by errors: the quiz question's id."""

MAX_HITS: Final = 30
"""Most hits :func:`find_communes` returns: a few dozen at most, and every
commune of any postal code of the Aude (11300, the largest, has 28)."""

Kind = Literal["actuelle", "deleguee", "associee"]
KIND_ORDER: Final = {"actuelle": 0, "deleguee": 1, "associee": 2}

ABBREVIATIONS: Final = {"st": "saint", "ste": "sainte"}
"""Words a visitor may type short: "St-Hilaire" is "Saint-Hilaire"."""

SPECIAL_LETTERS: Final = {"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss"}
"""Letters that Unicode decomposition leaves as they are, spelt out."""

_COMBINING_ACCENTS = re.compile("[\u0300-\u036f]")
_NOT_ALPHANUMERIC = re.compile("[^a-z0-9]+")
_POSTAL_CODE = re.compile("[0-9]{5}")
_INSEE_CODE = re.compile("[0-9][0-9AB][0-9]{3}")


def normalise(text: str) -> str:
    """``text`` as searches compare it: lower case, no accents, words split on
    anything but ASCII letters and digits (hyphens, apostrophes, spaces), "st"
    and "ste" spelt "saint" and "sainte".

    The steps are explicit on purpose (no locale, no Unicode category tables
    beyond the NFKD decomposition): the commune search of the content pages
    does the same in JavaScript (``docs/assets/commune-search/commune-index.js``),
    and a test proves the two agree.

    >>> normalise("Saint-Couat-d'Aude"), normalise("ST COUAT D AUDE")
    ('saint couat d aude', 'saint couat d aude')
    """
    decomposed = _COMBINING_ACCENTS.sub("", unicodedata.normalize("NFKD", text))
    spelt = "".join(SPECIAL_LETTERS.get(char, char) for char in decomposed)
    lowered = "".join(chr(ord(char) + 32) if "A" <= char <= "Z" else char for char in spelt)
    words = [ABBREVIATIONS.get(word, word) for word in _NOT_ALPHANUMERIC.split(lowered) if word]
    return " ".join(words)


def _of(name: str) -> str:
    """'de Quillan', "d'Escueillens…": French elision before a vowel."""
    return ("d'" if normalise(name[:1])[:1] in tuple("aeiouy") else "de ") + name


@dataclass(frozen=True)
class Commune:
    """One commune of the Aude, as the search finds it.

    ``kind``: ``actuelle`` (a current commune), ``deleguee`` or ``associee``
    (part of the commune nouvelle ``chef_lieu``, whose ``epci`` it takes).
    Communes déléguées and associées have no postal code in the source data.
    Three codes are shared by a commune nouvelle and one of its communes
    déléguées (11131, 11251, 11323): the code alone does not say which.
    """

    code: str
    name: str
    kind: Kind
    postal_codes: tuple[str, ...]
    epci: str
    chef_lieu: str | None = None

    @functools.cached_property
    def key(self) -> str:
        """The name as searches compare it (:func:`normalise`)."""
        return normalise(self.name)

    @property
    def description(self) -> str:
        """'Névian', 'Brenac (commune déléguée de Quillan)'."""
        if self.chef_lieu is None:
            return self.name
        kind = "commune déléguée" if self.kind == "deleguee" else "commune associée"
        return f"{self.name} ({kind} {_of(current_commune(self.chef_lieu).name)})"

    @property
    def label(self) -> str:
        """How a list of hits shows it: 'Névian (11200)', 'Brenac (commune déléguée de Quillan)'."""
        codes = ", ".join(self.postal_codes)
        return f"{self.description} ({codes})" if codes else self.description

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name, "label": self.label, "postal_codes": list(self.postal_codes)}


@dataclass(frozen=True)
class Contact:
    """A service of the guichet unique: the record of ``data/contacts.yml``.

    ``epci``: the SIREN of the EPCI whose communes call it first;
    ``rest_of_the_aude``: it is the first contact of every other commune.
    """

    id: str
    organisation: str
    service: str
    phone: str
    email: str
    email_note: str
    epci: tuple[str, ...]
    rest_of_the_aude: bool


# --- the data ------------------------------------------------------------------


def _data(name: str) -> Any:
    return json.loads(resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8"))


@functools.cache
def _communes_data() -> dict[str, Any]:
    return _data("communes.json")


@functools.cache
def communes() -> tuple[Commune, ...]:
    """Every commune of the Aude the data knows, in the order searches rank ties:
    by normalised name, current commune first, then by code."""
    data = _communes_data()
    rows = [dict(zip(data["fields"], row, strict=True)) for row in data["communes"]]
    found = [
        Commune(row["code"], row["name"], row["type"], tuple(row["postal_codes"]), row["epci"], row["chef_lieu"])
        for row in rows
    ]
    return tuple(sorted(found, key=lambda c: (c.key, KIND_ORDER[c.kind], c.code)))


def source() -> str:
    """Where the communes, their EPCI and postal codes come from (for the pages)."""
    return _communes_data()["source"]


def epci_names() -> dict[str, str]:
    """SIREN -> name of every EPCI of the Aude's communes."""
    return dict(_communes_data()["epci"])


@functools.cache
def _by_code() -> dict[str, tuple[Commune, ...]]:
    """Code -> its communes, the current one first (a shared code has two)."""
    table: dict[str, list[Commune]] = {}
    for commune in sorted(communes(), key=lambda c: KIND_ORDER[c.kind]):
        table.setdefault(commune.code, []).append(commune)
    return {code: tuple(found) for code, found in table.items()}


@functools.cache
def _by_key() -> dict[str, Commune]:
    return {commune.key: commune for commune in communes()}


@functools.cache
def _by_postal_code() -> dict[str, tuple[Commune, ...]]:
    table: dict[str, list[Commune]] = {}
    for commune in communes():
        for postal_code in commune.postal_codes:
            table.setdefault(postal_code, []).append(commune)
    return {code: tuple(found) for code, found in table.items()}


def current_commune(code: str) -> Commune:
    """The current commune with INSEE code ``code`` (KeyError if none)."""
    found = _by_code()[code][0]
    if found.kind != "actuelle":
        raise KeyError(code)
    return found


@functools.cache
def contacts() -> tuple[Contact, ...]:
    """The guichet unique's services, in the order of ``data/contacts.yml``."""
    return tuple(
        Contact(
            id=entry["id"],
            organisation=entry["organisation"],
            service=entry["service"],
            phone=entry["phone"],
            email=entry["email"],
            email_note=entry["email_note"],
            epci=tuple(entry["epci"]),
            rest_of_the_aude=entry["rest_of_the_aude"],
        )
        for entry in _data("contacts.json")["contacts"]
    )


def contact_for(commune: Commune) -> Contact:
    """The service ``commune`` calls first: the one listing its EPCI, else the rest of the Aude's."""
    for contact in contacts():
        if commune.epci in contact.epci:
            return contact
    return next(contact for contact in contacts() if contact.rest_of_the_aude)


# --- the two questions a page asks -------------------------------------------------


def service_for(code: object) -> Contact:
    """The service a visitor of the commune with INSEE code ``code`` calls first.

    ``code``: the INSEE code (text) of a current commune of the Aude, or of a
    commune déléguée or associée (routed through its commune nouvelle).
    Anything else raises :class:`~eligibility.errors.InvalidAnswer` with a
    French message.
    """
    if not isinstance(code, str):
        raise InvalidAnswer(FIELD, "Le code de la commune doit être écrit en texte, par exemple « 11069 ».")
    found = _by_code().get(code)
    if found:
        return contact_for(found[0])
    shown = code[:12]
    if _INSEE_CODE.fullmatch(code) and not code.startswith(_communes_data()["departement"]["code"]):
        raise InvalidAnswer(FIELD, f"Le code « {shown} » n'est pas celui d'une commune de l'Aude : le guichet "
                                   "unique audois est pour les communes de l'Aude.")
    raise InvalidAnswer(FIELD, f"Aucune commune de l'Aude n'a le code « {shown} ».")


def _rank(key: str, query: str) -> int | None:
    """0: the exact name; 1: a name starting with the query; 2: a later word starting with it."""
    if key == query:
        return 0
    if key.startswith(query):
        return 1
    if f" {query}" in key:
        return 2
    return None


def find_communes(query: object) -> list[Commune]:
    """The communes of the Aude matching what a visitor typed, best first.

    Case, accents, hyphens and apostrophes do not count, "st"/"ste" are
    "saint"/"sainte" (:func:`normalise`). The exact name comes first, then the
    names starting with the query, then the names with a later word starting
    with it (ties by name). A postal code gives every commune that has it. At
    most :data:`MAX_HITS`; an empty list for no match (or no text); never an
    exception.
    """
    if not isinstance(query, str):
        return []
    text = normalise(query)
    if not text:
        return []
    if _POSTAL_CODE.fullmatch(text):
        return list(_by_postal_code().get(text, ())[:MAX_HITS])
    ranked = []
    for position, commune in enumerate(communes()):
        rank = _rank(commune.key, text)
        if rank is not None:
            ranked.append((rank, position, commune))
    ranked.sort(key=lambda item: item[:2])
    return [commune for _, _, commune in ranked[:MAX_HITS]]


def commune_for_answer(text: str) -> Commune:
    """The commune a visitor meant by ``text`` (typed, or picked from the hits).

    Its exact name (as :func:`normalise` compares), or any text or postal code
    only one commune matches. Otherwise :class:`InvalidAnswer` says whether
    several communes or none match. INSEE codes are not read here: 11200 is
    both Lézignan-Corbières' postal code and another commune's INSEE code.
    """
    exact = _by_key().get(normalise(text))
    if exact is not None:
        return exact
    hits = find_communes(text)
    if len(hits) == 1:
        return hits[0]
    shown = " ".join(text.split())[:40]
    if hits:
        examples = " ou ".join(f"« {hit.name} »" for hit in hits[:2])
        raise InvalidAnswer(FIELD, f"Plusieurs communes correspondent à « {shown} », par exemple {examples}. "
                                   "Choisissez la vôtre dans la liste, ou écrivez son nom en entier.")
    raise InvalidAnswer(FIELD, f"Nous ne trouvons pas « {shown} » parmi les communes de l'Aude. Vérifiez le nom. "
                               "Si vous habitez hors de l'Aude, laissez cette question vide.")


# --- what the pages say about a commune ----------------------------------------------

COMMUNE_PLACEHOLDER: Final = "{commune}"
OTHERS_TOO: Final = "Les deux autres services peuvent aussi vous répondre ou vous orienter."


def note_template(contact: Contact) -> str:
    """What the pages say once a commune is known, with ``{commune}`` for its name.

    The commune search of the content pages fills it in JavaScript, the
    self-check's verdict in Python (:func:`route_note`): the same words.
    """
    name = COMMUNE_PLACEHOLDER
    if contact.rest_of_the_aude:
        others = " ni dans ".join(c.organisation for c in contacts() if not c.rest_of_the_aude)
        why = f"{name} n'est ni dans {others}" if others else f"{name} est dans l'Aude"
    else:
        why = f"{name} en fait partie"
    return f"Pour {name}, votre contact est : {contact.organisation} ({why}). {OTHERS_TOO}"


def route_note(commune: Commune) -> str:
    """:func:`note_template` for ``commune``: 'Pour Névian, votre contact est : Le Grand Narbonne (…). …'"""
    return note_template(contact_for(commune)).replace(COMMUNE_PLACEHOLDER, commune.name)


def communes_by_contact() -> tuple[tuple[Contact, tuple[Commune, ...]], ...]:
    """Each service with the communes that call it first, by name: the lists a
    page shows for visitors without JavaScript."""
    return tuple((contact, tuple(c for c in communes() if contact_for(c) == contact)) for contact in contacts())
