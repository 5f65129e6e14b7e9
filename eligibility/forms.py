"""The raw entries of a page's form, as the browser sends them, checked once
for every request that reads a form (the quiz, the estimator, the buyers' check).

A form arrives as ``[[name, value], ...]`` text pairs, in the page's order
(``FormData``). Anything else is not a form the pages send: it is refused as a
whole, with no field to blame.
"""

from __future__ import annotations

from collections.abc import Container, Iterator

from .errors import InvalidAnswer

BAD_FORMAT = "Les réponses ne sont pas dans le bon format."


def text_pairs(pairs: object) -> Iterator[tuple[str, str]]:
    """The form's ``(name, value)`` text pairs, in order, each checked as it comes
    (so that the first problem in the form's order is the one reported);
    :class:`InvalidAnswer` where it is no form."""
    if not isinstance(pairs, (list, tuple)):
        raise InvalidAnswer(None, BAD_FORMAT)
    for pair in pairs:
        if not (isinstance(pair, (list, tuple)) and len(pair) == 2):
            raise InvalidAnswer(None, BAD_FORMAT)
        name, value = pair
        if not isinstance(name, str) or not isinstance(value, str):
            raise InvalidAnswer(None, BAD_FORMAT)
        yield name, value


def form_entries(pairs: object, known: Container[str]) -> dict[str, str]:
    """The form's entries by name, the last value of a name winning; a name the
    form does not have is refused at that name."""
    entries: dict[str, str] = {}
    for name, value in text_pairs(pairs):
        if name not in known:
            raise InvalidAnswer(name, f"Champ inconnu : « {name[:40]} ».")
        entries[name] = value
    return entries
