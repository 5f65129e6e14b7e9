"""The memo's five target publics of the clause sociale d'insertion, as code.

Pure Python, standard library only, so that the same code runs under CPython
(tests, site build) and Pyodide (the quiz in the browser).

>>> from eligibility import evaluate
>>> v = evaluate({"age": 52, "benefits": [], "disabled_worker": False,
...               "job_seeker": True, "months_registered": 3})
>>> v.eligible, v.matched
(True, ('senior_job_seeker',))
"""

from __future__ import annotations

from .answers import Answers, from_form, validate
from .criteria import CRITERIA, CRITERIA_BY_ID, Criterion
from .errors import InvalidAnswer
from .protocol import handle
from .questions import QUESTIONS, QUESTIONS_BY_ID, Question, applicable_questions
from .verdict import Reason, Verdict, evaluate

__all__ = [
    "CRITERIA",
    "CRITERIA_BY_ID",
    "QUESTIONS",
    "QUESTIONS_BY_ID",
    "Answers",
    "Criterion",
    "InvalidAnswer",
    "Question",
    "Reason",
    "Verdict",
    "applicable_questions",
    "evaluate",
    "from_form",
    "handle",
    "validate",
]

__version__ = "1.0.0"
