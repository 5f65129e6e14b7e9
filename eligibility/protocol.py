"""JSON in, JSON out: the only door between the browser worker and the rules.

The worker passes each message from the page, as text, to :func:`handle` and
sends back the text it returns. JavaScript holds no rule: form parsing,
question visibility, validation and every text come from here.

Requests (``id`` is echoed back so that the page can match answers):

* ``{"id": 1, "type": "evaluate", "answers": {...}}`` – answers as in the API.
* ``{"id": 2, "type": "evaluate_form", "form": [["age", "34"], ...]}`` – the
  quiz form's raw entries.
* ``{"id": 3, "type": "applicable", "form": [...]}`` – which questions to show.

Replies: ``{"id": 1, "ok": true, "verdict": {...}}``,
``{"id": 3, "ok": true, "applicable": ["age", ...]}``, or
``{"id": 1, "ok": false, "error": {"field": "age", "message": "..."}}``.
"""

from __future__ import annotations

import json
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


HANDLERS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "evaluate": _evaluate,
    "evaluate_form": _evaluate_form,
    "applicable": _applicable,
}


def handle(message: str) -> str:
    """Answer one JSON request with one JSON reply; never raises."""
    request_id = None
    try:
        request = json.loads(message)
        if not isinstance(request, dict):
            raise InvalidAnswer(None, "Requête invalide.")
        request_id = request.get("id")
        handler = HANDLERS.get(request.get("type"))  # type: ignore[arg-type]
        if handler is None:
            raise InvalidAnswer(None, "Requête invalide.")
        reply: dict[str, Any] = {"id": request_id, "ok": True, **handler(request)}
    except InvalidAnswer as error:
        reply = {"id": request_id, "ok": False, "error": error.to_dict()}
    except Exception:  # noqa: BLE001 - the page must always get an answer
        reply = {
            "id": request_id,
            "ok": False,
            "error": {"field": None, "message": "Erreur interne du calcul."},
        }
    return json.dumps(reply, ensure_ascii=False)
