"""JSON in, JSON out: the only door between the browser worker and the rules.

The worker passes each message from the page, as text, to :func:`handle` and
sends back the text it returns. JavaScript holds no rule: form parsing,
question visibility, validation and every text come from here.

Requests (``id`` is echoed back so that the page can match answers):

* ``{"id": 1, "type": "evaluate", "answers": {...}}`` – answers as in the API.
* ``{"id": 2, "type": "evaluate_form", "form": [["age", "34"], ...]}`` – the
  quiz form's raw entries.
* ``{"id": 3, "type": "applicable", "form": [...]}`` – which questions to show.
* ``{"id": 4, "type": "hours", "form": [["amount_ht", "1 000 000"],
  ["labour_share", "50"], ["insertion_rate", "5"], ["hourly_cost", "30"]]}`` –
  the buyers' insertion-hours estimator (:mod:`eligibility.hours`): money in
  euros, the two shares typed as percentages, numbers as French visitors type
  them (``1 000 000``, ``0,5``, ``50 %``, ``30 €``).
* ``{"id": 5, "type": "obligation", "form": [["kind", "services"],
  ["amount_ht", "300 000"], ["buyer", "collectivite"], ["launch_date", "2026-10-01"]]}``
  – the buyers' check "must my contract provide a social condition of
  execution?" (:mod:`eligibility.obligation`): whole euros excluding VAT, the
  date as the date control sends it (or ``01/10/2026``).
* ``{"id": 5, "type": "communes", "query": "lezig"}`` – the communes of the
  Aude matching what a visitor types (:func:`eligibility.territory.find_communes`),
  for the self-check's commune question; never refused (a query that is not
  text matches nothing).

Replies: ``{"id": 1, "ok": true, "verdict": {...}}``,
``{"id": 3, "ok": true, "applicable": ["age", ...]}``,
``{"id": 4, "ok": true, "hours": {"hours": 833, "fte": 0.52, "annual_hours": 1607,
"inputs": {...}, "calculation": "...", "summary": "...", "note": "..."}}``,
``{"id": 5, "ok": true, "obligation": {"required": true, "threshold_ht": 216000,
"outcome": "required", "headline": "...", "reasons": [...], "articles": [...], ...}}``, or
``{"id": 1, "ok": false, "error": {"field": "age", "message": "..."}}``; a
fault of the rules themselves (never expected) gets ``INTERNAL_ERROR`` and a
``detail`` naming the exception.
``{"id": 5, "ok": true, "communes": [{"code": "11203", "name": "Lézignan-Corbières",
"label": "Lézignan-Corbières (11200)", "postal_codes": ["11200"]}, ...]}``, or
``{"id": 1, "ok": false, "error": {"field": "age", "message": "..."}}``.

``id`` is echoed when it is null, a string, a number or a boolean, else
replaced by null. The reply is always valid JSON (never ``NaN``), even for a
request that is not.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import Any

from .answers import from_form
from .errors import InvalidAnswer
from .questions import applicable_questions
from .verdict import evaluate


def _evaluate(request: dict[str, Any]) -> dict[str, Any]:
    return {"verdict": evaluate(request.get("answers")).to_dict()}


def _evaluate_form(request: dict[str, Any]) -> dict[str, Any]:
    return {"verdict": evaluate(from_form(request.get("form"))).to_dict()}


def _applicable(request: dict[str, Any]) -> dict[str, Any]:
    try:
        answers = from_form(request.get("form"))
    except InvalidAnswer:
        answers = {}
    return {"applicable": list(applicable_questions(answers))}


def _hours(request: dict[str, Any]) -> dict[str, Any]:
    # Imported on the first estimate, not with this module: the self-check
    # never asks for hours, and its start-up in the browser should not pay for
    # the estimator (its fields, texts and patterns, and the decimal module).
    from .hours import estimate_from_form

    return {"hours": estimate_from_form(request.get("form")).to_dict()}


def _obligation(request: dict[str, Any]) -> dict[str, Any]:
    # Imported on the first check, like the estimator: the other pages never ask.
    from .obligation import check_from_form

    return {"obligation": check_from_form(request.get("form")).to_dict()}


def _communes(request: dict[str, Any]) -> dict[str, Any]:
    # Imported on the first search, like the estimator: not at start-up.
    from .territory import find_communes

    return {"communes": [commune.to_dict() for commune in find_communes(request.get("query"))]}


HANDLERS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "evaluate": _evaluate,
    "evaluate_form": _evaluate_form,
    "applicable": _applicable,
    "hours": _hours,
    "obligation": _obligation,
    "communes": _communes,
}

EXAMPLES: dict[str, tuple[dict[str, Any], ...]] = {
    "evaluate": (
        {"answers": {"age": 52, "benefits": [], "disabled_worker": False, "job_seeker": True,
                     "months_registered": 3}},
        {"answers": {"age": "cinquante"}},
    ),
    "evaluate_form": (
        {"form": [["age", "22"], ["diploma", "none"], ["job_seeker", "false"], ["benefits", "none"],
                  ["disabled_worker", "false"], ["commune", "Névian"]]},
        {"form": [["age", "30"]]},
        {"form": [["age", "30"], ["job_seeker", "false"], ["benefits", "none"], ["disabled_worker", "false"],
                  ["commune", "Paris"]]},
    ),
    "applicable": ({"form": []}, {"form": [["age", "22"]]}),
    "communes": ({"query": "lezig"}, {"query": "11200"}),
    "hours": (
        {"form": [["amount_ht", "1 000 000"], ["labour_share", "50"], ["insertion_rate", "5"],
                  ["hourly_cost", "30"]]},
        {"form": [["amount_ht", "beaucoup"], ["labour_share", "50"], ["insertion_rate", "5"],
                  ["hourly_cost", "30"]]},
    ),
    "obligation": (
        {"form": [["kind", "services"], ["amount_ht", "300 000"], ["buyer", "collectivite"],
                  ["launch_date", "2026-10-01"]]},
        {"form": [["kind", "services"], ["amount_ht", "-5"], ["buyer", "collectivite"],
                  ["launch_date", "2026-10-01"]]},
    ),
}
"""For each request type, requests as the pages send them (fields besides
``id`` and ``type``): one answered, and one refused at a field where the type
can refuse (``applicable`` and ``communes`` never do). The build runs them all under Pyodide
to learn which modules the worker needs, so a new request type needs its
examples here; the tests check every type has them."""

BAD_REQUEST = "Requête invalide."
INTERNAL_ERROR = "Erreur interne du calcul."


def _echoable(value: object) -> object:
    """The request's id if it can go back as plain JSON (no NaN, no nesting)."""
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float) and math.isfinite(value):
        return value
    return None


def _parse(message: object) -> dict[str, Any]:
    """The request object, or InvalidAnswer for anything that is not one.

    Not-JSON, too deep nesting (RecursionError) and integers too long to read
    (ValueError since Python 3.11) all count as a bad request.
    """
    if not isinstance(message, (str, bytes, bytearray)):
        raise InvalidAnswer(None, BAD_REQUEST)
    try:
        request = json.loads(message)
    except (ValueError, RecursionError):
        raise InvalidAnswer(None, BAD_REQUEST) from None
    if not isinstance(request, dict):
        raise InvalidAnswer(None, BAD_REQUEST)
    return request


def _dumps(reply: dict[str, Any]) -> str:
    """JSON text; falls back to ASCII escapes when a string holds a lone surrogate."""
    text = json.dumps(reply, ensure_ascii=False, allow_nan=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = json.dumps(reply, ensure_ascii=True, allow_nan=False)
    return text


def handle(message: str) -> str:
    """Answer one JSON request with one JSON reply; never raises."""
    request_id = None
    try:
        request = _parse(message)
        request_id = _echoable(request.get("id"))
        kind = request.get("type")
        handler = HANDLERS.get(kind) if isinstance(kind, str) else None
        if handler is None:
            raise InvalidAnswer(None, BAD_REQUEST)
        reply: dict[str, Any] = {"id": request_id, "ok": True, **handler(request)}
    except InvalidAnswer as error:
        reply = {"id": request_id, "ok": False, "error": error.to_dict()}
    except Exception as error:  # the page must always get an answer
        # The page shows the message; the detail names the fault for the console
        # and the tests (a module missing from the browser's library, say).
        detail = f"{type(error).__name__}: {error}"
        reply = {"id": request_id, "ok": False, "error": {"field": None, "message": INTERNAL_ERROR, "detail": detail}}
    return _dumps(reply)
