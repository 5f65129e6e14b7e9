"""Parity: the browser's worker and CPython give the same reply to the same request.

"The browser runs the same rules as the tests" is proven here, not assumed.
Hypothesis generates answer sets, quiz forms, estimator forms, the buyers'
check's forms and the self-check's commune searches, valid and invalid (wrong
types, out of range, missing keys, unknown keys, junk in
questions that do not apply, requests that are not even JSON objects); each
request goes, as the same JSON text, through the site's real Pyodide worker
and through ``eligibility.protocol.handle`` under CPython, and the two
replies must be equal (verdict, applicable questions, estimate, or error field
and message).

Why the JSON protocol and not the UI: it is the worker's only door, and a
round trip costs a couple of milliseconds, so hundreds of examples fit in a
second or two. The worker is a second ``new Worker(<the page's worker URL>)``
in the loaded self-check page: same script, same runtime, same lock file,
same wheel as the quiz uses. Requests are sent as text made by CPython's
``json.dumps``, so both sides parse the very same bytes (a JavaScript
round trip would turn ``1.0`` into ``1`` and hide or fake differences).

Why one example per round trip rather than one big batch: Hypothesis can then
shrink a disagreement to a minimal request, and a round trip is cheap enough.
``derandomize=True`` makes every run test the same examples (no flaky gate).
Each property counts its examples (at least 200 generated ones, plus explicit
examples leaving out each question's answer in turn, and giving each commune
the rules refuse) and checks they covered
every outcome (both verdicts, each criterion, an error at each question, an
unknown key, a malformed request), so the gate cannot quietly shrink to
nothing.

A handful of examples also go through the quiz's UI: for each criterion, for
"none", for a commune whose service comes first and for two errors, Hypothesis ``find`` picks the simplest answers
that produce it (which lands on the thresholds: 26, 50, 12 months…), a
visitor's clicks enter them, and the screen must show what ``evaluate()`` says.

The gate can fail: the comparator flags a tampered reply, and a worker fed a
wheel whose senior rule drifted by one year fails the answer-set property.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import re
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, find, given, settings
from hypothesis import strategies as st
from playwright.sync_api import Browser, BrowserContext, Page, expect

from eligibility import (
    CRITERIA,
    QUESTIONS,
    QUESTIONS_BY_ID,
    InvalidAnswer,
    Verdict,
    applicable_questions,
    evaluate,
    handle,
    law,
)
from eligibility.hours import HOURS_FIELDS
from eligibility.obligation import FIELDS as CHECK_FIELDS
from eligibility.parameters import LONG_TERM_MIN_MONTHS, SENIOR_MIN_AGE, YOUTH_AGE_LIMIT
from eligibility.protocol import EXAMPLES, HANDLERS, INTERNAL_ERROR
from eligibility.questions import NONE_OF_THESE, Question
from eligibility.territory import communes
from support.selfcheck import (
    answer,
    expect_result_equals_evaluate,
    open_selfcheck,
    restart,
    submit,
)
from support.site import RUNTIME_GLOB, runtime_dir

pytestmark = pytest.mark.browser

MIN_EXAMPLES = 200
"""The gate's floor: at least this many generated requests per property, every run."""

GATE = settings(
    max_examples=MIN_EXAMPLES + 50,
    derandomize=True,
    database=None,
    deadline=None,
    report_multiple_bugs=False,
    suppress_health_check=[HealthCheck.too_slow],
)
FIND = settings(max_examples=5000, derandomize=True, database=None)

# --- talking to a worker from a page ------------------------------------------

START_WORKER = """async (url) => {
    const worker = new Worker(url, {type: "module", name: "parity"});
    const first = await new Promise((resolve) => {
        worker.addEventListener("message", (event) => resolve(event.data), {once: true});
        worker.addEventListener("error", (event) => {
            resolve({lifecycle: "failed", reason: event.message || "the script did not load"});
        }, {once: true});
    });
    if (!first || first.lifecycle !== "ready") return String(first?.reason ?? JSON.stringify(first));
    window.parityWorker = worker;
    return "";
}"""

ROUND_TRIP = """(text) => new Promise((resolve, reject) => {
    const worker = window.parityWorker;
    const timer = setTimeout(() => reject(new Error("no reply from the worker in 10 s")), 10000);
    worker.addEventListener("message", function reply(event) {
        if (typeof event.data !== "string") return;
        worker.removeEventListener("message", reply);
        clearTimeout(timer);
        resolve(event.data);
    });
    worker.postMessage(text);
})"""


@dataclass
class WorkerChannel:
    """A worker started from the site's worker script in a page, one request at a time."""

    page: Page

    def start(self, url: str) -> None:
        problem = self.page.evaluate(START_WORKER, url)
        assert problem == "", f"the parity worker did not start: {problem}"

    def send(self, text: str) -> str:
        """The worker's reply text to one request text."""
        return self.page.evaluate(ROUND_TRIP, text)


def page_worker_url(page: Page) -> str:
    """The URL of the worker the page started to run the rules (not Material's search worker)."""
    urls = [worker.url for worker in page.workers if "/assets/javascripts/workers/" not in worker.url]
    assert len(urls) == 1, f"expected one rules worker on the page, found {urls}"
    return urls[0]


# --- comparing replies -----------------------------------------------------------


def differences(browser_reply: str, python_reply: str) -> list[str]:
    """How the browser's reply differs from CPython's, one line per top-level key
    (empty when they are equal as JSON: same verdict, or same error field and message)."""
    try:
        browser = json.loads(browser_reply)
    except ValueError:
        return [f"the browser's reply is not JSON: {browser_reply[:200]!r}"]
    python = json.loads(python_reply)
    if browser == python:
        return []
    if not isinstance(browser, dict):
        return [f"the browser's reply is not an object: {browser!r}"]
    absent = "<absent>"
    return [
        f"{key}: browser {browser.get(key, absent)!r} != CPython {python.get(key, absent)!r}"
        for key in sorted(set(browser) | set(python))
        if browser.get(key, absent) != python.get(key, absent)
    ]


def request_text(request: object) -> str:
    """The request as the page would send it: JSON text, non-ASCII kept as is."""
    return json.dumps(request, ensure_ascii=False, allow_nan=False)


def outcome(reply: dict[str, Any]) -> list[str]:
    """Coverage labels of one reply: the verdict and criteria, or where the error is."""
    if not reply["ok"]:
        field = reply["error"]["field"]
        known = field is None or field in QUESTIONS_BY_ID or field in {f.id for f in (*HOURS_FIELDS, *CHECK_FIELDS)}
        return [f"error:{field if known else '<unknown key>'}"]
    if "verdict" in reply:
        verdict = reply["verdict"]
        return ["eligible" if verdict["eligible"] else "not-eligible", *verdict["matched"]]
    if "applicable" in reply:
        return [f"applicable:{len(reply['applicable'])}"]
    if "obligation" in reply:
        return [f"obligation:{reply['obligation']['outcome']}"]
    if "communes" in reply:
        return ["communes:some" if reply["communes"] else "communes:none"]
    return ["hours" if reply["hours"]["hours"] else "hours:0"]


class Parity:
    """Runs requests through a worker and CPython; counts what they covered."""

    def __init__(self, channel: WorkerChannel) -> None:
        self.channel = channel
        self.seen: Counter[str] = Counter()
        self.examples = 0

    def check(self, *requests: object) -> None:
        """One example: each request (an object, or raw text) must get equal replies."""
        self.examples += 1
        for request in requests:
            text = request if isinstance(request, str) else request_text(request)
            python = handle(text)
            problems = differences(self.channel.send(text), python)
            assert not problems, f"browser and CPython disagree on {text}:\n" + "\n".join(problems)
            self.seen.update(outcome(json.loads(python)))

    def expect_coverage(self, *labels: str) -> None:
        assert self.examples >= MIN_EXAMPLES, f"only {self.examples} examples ran ({MIN_EXAMPLES} required)"
        missing = [label for label in labels if not self.seen[label]]
        assert not missing, f"the examples never produced {missing}; seen: {dict(self.seen)}"


# --- strategies: answers as the API takes them ----------------------------------

THRESHOLDS: dict[str, tuple[int, ...]] = {
    "age": (YOUTH_AGE_LIMIT.value, SENIOR_MIN_AGE.value),
    "months_registered": (LONG_TERM_MIN_MONTHS.value,),
}


def edges(question: Question) -> list[int]:
    """A number question's bounds and each threshold with its neighbours."""
    assert question.minimum is not None and question.maximum is not None
    values = {question.minimum, question.maximum}
    for threshold in THRESHOLDS.get(question.id, ()):
        values |= {threshold - 1, threshold, threshold + 1}
    return sorted(values)


def codes(question: Question) -> list[str]:
    return [choice.code for choice in question.choices]


COMMUNE_NAMES = [commune.name for commune in communes()]
commune_names = st.sampled_from(COMMUNE_NAMES)
typed_communes = st.one_of(commune_names, commune_names.map(str.upper), commune_names.map(
    lambda name: name.lower().replace("-", " ").replace("é", "e").replace("è", "e")))
"""A commune of the Aude as a visitor types it: its name, in capitals, without hyphens or accents."""

UNREADABLE_COMMUNES = ["Paris", "Toulouse", "saint", "val", "11200", "11069", "Névian Narbonne", "   x"]
"""Text the rules refuse: outside the Aude, several communes, a postal code of many, an INSEE code."""


json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
)
json_junk = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=5,
)


def near_edges(question: Question) -> st.SearchStrategy[int]:
    """Mostly a bound or next to a threshold (where readings differ), else any valid number."""
    assert question.minimum is not None and question.maximum is not None
    anywhere = st.integers(question.minimum, question.maximum)
    return st.sampled_from((True,) * 7 + (False,) * 3).flatmap(
        lambda edge: st.sampled_from(edges(question)) if edge else anywhere
    )


def valid_value(question: Question) -> st.SearchStrategy[Any]:
    if question.kind == "integer":
        return near_edges(question)
    if question.kind == "commune":
        return typed_communes
    if question.kind == "yes_no":
        return st.booleans()
    if question.kind == "single":
        return st.sampled_from(codes(question))
    return st.lists(st.sampled_from(codes(question)), unique=True, max_size=3)


def wrong_value(question: Question) -> st.SearchStrategy[Any]:
    """Values of the wrong type or out of range for this question (JSON only)."""
    if question.kind == "integer":
        assert question.minimum is not None and question.maximum is not None
        return st.one_of(
            st.integers(max_value=question.minimum - 1),
            st.integers(min_value=question.maximum + 1),
            st.booleans(),
            st.floats(allow_nan=False, allow_infinity=False),
            st.integers(question.minimum, question.maximum).map(str),
        )
    if question.kind == "yes_no":
        return st.one_of(st.sampled_from([*codes(question), "oui", "non"]), st.integers(0, 1))
    if question.kind == "commune":
        return st.one_of(st.sampled_from(UNREADABLE_COMMUNES), st.integers(), st.booleans(),
                         st.lists(commune_names, min_size=1, max_size=2))
    if question.kind == "single":
        return st.one_of(st.text(max_size=8), st.sampled_from(codes(question)).map(str.upper), st.integers())
    return st.one_of(
        st.sampled_from(codes(question)),  # one code, not a list
        st.lists(st.sampled_from([*codes(question), NONE_OF_THESE.code]), min_size=1, max_size=3),
        st.lists(st.text(max_size=5) | st.integers(), min_size=1, max_size=2),
    )


# Mostly valid, so that verdicts are common; shrinking goes to "valid" (first).
FATES = ("valid",) * 6 + ("missing", "wrong", "junk")


def rarely() -> st.SearchStrategy[bool]:
    """True about one time in ten (False, the first, is where shrinking goes)."""
    return st.sampled_from((False,) * 9 + (True,))


@st.composite
def valid_people(draw: st.DrawFn) -> dict[str, Any]:
    """Valid answers: exactly the questions that apply, numbers mostly at the
    thresholds, no allocation half the time (so that "not eligible" is common)."""
    answers: dict[str, Any] = {}
    for question in QUESTIONS:
        if not question.applies(answers) or (question.optional and draw(st.booleans())):
            continue
        if question.kind == "multiple" and draw(st.booleans()):
            answers[question.id] = []
        else:
            answers[question.id] = draw(valid_value(question))
    return answers


unknown_names = st.text(max_size=10).filter(lambda name: name not in QUESTIONS_BY_ID)


@st.composite
def person_with_a_slip(draw: st.DrawFn) -> tuple[dict[str, Any], Question]:
    """A valid person and the question where a slip will go: any question,
    conditional ones included (a few people are drawn until it applies)."""
    target = draw(st.sampled_from(QUESTIONS))
    for _ in range(5):
        answers = draw(valid_people())
        if target.id in answers:
            return answers, target
    return answers, QUESTIONS_BY_ID[draw(st.sampled_from(sorted(answers)))]


@st.composite
def answer_sets(draw: st.DrawFn) -> object:
    """An ``answers`` value for the ``evaluate`` request.

    A valid person; or one with a single slip (an answer missing, of the
    wrong type or out of range); or damaged all over: any question may be
    valid, missing, wrong or junk, applicable or not, with sometimes an
    unknown key; and now and then not an object at all.
    """
    kind = draw(st.sampled_from(("valid",) * 3 + ("one slip",) * 4 + ("damaged",) * 2 + ("not an object",)))
    if kind == "valid":
        return draw(valid_people())
    if kind == "one slip":
        answers, slipped = draw(person_with_a_slip())
        slip = draw(st.sampled_from(("missing", "wrong", "unknown key")))
        if slip == "missing":
            del answers[slipped.id]
        elif slip == "wrong":
            answers[slipped.id] = draw(wrong_value(slipped))
        else:
            answers[draw(unknown_names)] = draw(json_junk)
        return answers
    if kind == "not an object":
        return draw(st.one_of(json_scalars, st.lists(json_junk, max_size=3)))
    answers: dict[str, Any] = {}
    for question in QUESTIONS:
        fate = draw(st.sampled_from(FATES))
        if fate == "valid":
            answers[question.id] = draw(valid_value(question))
        elif fate == "wrong":
            answers[question.id] = draw(wrong_value(question))
        elif fate == "junk":
            answers[question.id] = draw(json_junk)
    if draw(rarely()):
        answers[draw(unknown_names)] = draw(json_junk)
    return answers


@functools.cache
def unreadable_commune_each() -> tuple[dict[str, Any], ...]:
    """The simplest valid person with each commune the rules refuse: the commune is
    the last question, so generated damage elsewhere usually hides its check."""
    person = find(valid_people(), lambda answers: True, settings=FIND)
    return tuple({**person, "commune": text} for text in UNREADABLE_COMMUNES)


@functools.cache
def one_missing_answer_each() -> tuple[dict[str, Any], ...]:
    """For each question, the simplest valid person it applies to, with that
    answer left out. Run as explicit examples, so that every question's check
    is compared on every run, however the generated examples fall."""
    people = []
    for question in QUESTIONS:
        person = find(valid_people(), lambda answers, asked=question.id: asked in answers, settings=FIND)
        people.append({key: value for key, value in person.items() if key != question.id})
    return tuple(people)


# --- strategies: forms as the pages send them -------------------------------------

ODD_NUMBER_TEXTS = ["", " ", "4 0", "40.0", "-1", "1e2", "٤٠", "00040", "99999", "+5", "0x10"]


def as_form(answers: dict[str, Any]) -> list[list[str]]:
    """The entries the quiz form sends for valid answers (FormData order)."""
    pairs: list[list[str]] = []
    for question in QUESTIONS:
        value = answers.get(question.id)
        if value is None:
            continue
        if question.kind == "multiple":
            pairs.extend([question.id, code] for code in value or [NONE_OF_THESE.code])
        elif question.kind == "yes_no":
            pairs.append([question.id, "true" if value else "false"])
        else:
            pairs.append([question.id, str(value)])
    return pairs


def typed_number(question: Question) -> st.SearchStrategy[str]:
    """What a visitor types in a number field: mostly a valid number, sometimes
    just out of range; with stray spaces now and then."""
    assert question.minimum is not None and question.maximum is not None
    outside = st.sampled_from([question.minimum - 1, question.maximum + 1, question.maximum + 100])
    inside = near_edges(question)
    number = st.sampled_from((True,) * 4 + (False,)).flatmap(lambda ok: inside if ok else outside)
    padding = st.sampled_from(["", "", " "])
    return st.tuples(number, padding).map(lambda pair: f"{pair[1]}{pair[0]}{pair[1]}")


def odd_text() -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(ODD_NUMBER_TEXTS), st.text(max_size=8))


@st.composite
def quiz_forms(draw: st.DrawFn) -> list[Any]:
    """The quiz form's ``[name, value]`` entries.

    What the form sends for a valid person; or the same with one question
    left empty or filled with odd text; or each question typed, missing or
    odd (applicable or not). Sometimes an unknown name, a malformed entry or
    another order.
    """
    kind = draw(st.sampled_from(("valid",) * 3 + ("one slip",) * 4 + ("damaged",) * 3))
    if kind == "valid":
        pairs: list[Any] = as_form(draw(valid_people()))
    elif kind == "one slip":
        answers, slipped = draw(person_with_a_slip())
        pairs = [pair for pair in as_form(answers) if pair[0] != slipped.id]
        slip = draw(st.sampled_from(("left empty", "odd text", "unknown name")))
        if slip == "odd text":
            pairs.append([slipped.id, draw(odd_text())])
        elif slip == "unknown name":
            pairs = [*as_form(answers), [draw(unknown_names), draw(st.text(max_size=5))]]
    else:
        pairs = []
        for question in QUESTIONS:
            fate = draw(st.sampled_from(("typed",) * 6 + ("missing", "odd")))
            if fate == "missing":
                continue
            if question.kind == "integer":
                value = draw(typed_number(question)) if fate == "typed" else draw(odd_text())
                pairs.append([question.id, value])
            elif question.kind == "commune":
                typed = st.one_of(typed_communes, st.sampled_from(UNREADABLE_COMMUNES))
                pairs.append([question.id, draw(typed) if fate == "typed" else draw(odd_text())])
            elif question.kind == "multiple":
                boxes = [*codes(question), NONE_OF_THESE.code]
                typed = st.one_of(
                    st.just([NONE_OF_THESE.code]),
                    st.lists(st.sampled_from(codes(question)), min_size=1, max_size=3),
                    # "none" beside an allocation, or a box twice:
                    st.lists(st.sampled_from(boxes), min_size=2, max_size=3),
                )
                ticked = draw(typed) if fate == "typed" else [draw(odd_text())]
                pairs.extend([question.id, code] for code in ticked)
            else:
                value = draw(st.sampled_from(codes(question))) if fate == "typed" else draw(odd_text())
                pairs.append([question.id, value])
    if draw(rarely()):
        pairs.append([draw(st.text(max_size=10)), draw(st.text(max_size=5))])
    if draw(rarely()):
        malformed = draw(st.one_of(json_scalars, st.lists(json_scalars, max_size=3)))
        pairs.insert(draw(st.integers(0, len(pairs))), malformed)
    if draw(rarely()):
        pairs = draw(st.permutations(pairs))
    return pairs


SPACES = [" ", "\u00a0", "\u202f"]
MONEY_UNITS = ["", " €", "€", " € HT", " euros", " €/h", " € de l'heure"]
ODD_HOURS_TEXTS = ["1.000.000", "150.000", "1e6", "−5", "50 %%", "∞", "NaN", "cinq", "1,2,3", ""]


@st.composite
def french_number(draw: st.DrawFn, percent: bool, plausible: bool = False) -> str:
    """A number typed the French way: grouped thousands, a decimal comma or
    point, a unit. ``plausible``: a figure a buyer would type (no zero, no
    negative, no absurd amount), else anything from negative to too large."""
    if percent:
        whole = draw(st.integers(1, 100) if plausible else st.integers(0, 120))
    else:
        anyhow = st.integers(-10, 10**13) | st.integers(10**4, 10**8)
        whole = draw(st.integers(20, 10**8) if plausible else anyhow)
    text = f"{whole:,}".replace(",", draw(st.sampled_from(SPACES))) if draw(st.booleans()) else str(whole)
    if draw(st.booleans()):
        text += draw(st.sampled_from([",", "."])) + str(draw(st.integers(0, 99)))
    return text + draw(st.sampled_from(["", " %", "%"] if percent else MONEY_UNITS))


def odd_hours_text() -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(ODD_HOURS_TEXTS), st.text(max_size=8))


@st.composite
def hours_forms(draw: st.DrawFn) -> list[Any]:
    """The estimator form's entries: plausible figures in every field; or the
    same with one field empty, odd, or an unknown field or a malformed entry
    added; or each field typed anyhow, missing or odd."""
    kind = draw(st.sampled_from(("plausible",) * 4 + ("one slip",) * 3 + ("anyhow",) * 3))
    pairs: list[Any] = []
    for field in HOURS_FIELDS:
        if kind != "anyhow":
            pairs.append([field.id, draw(french_number(field.percent, plausible=True))])
            continue
        fate = draw(st.sampled_from(("typed",) * 6 + ("missing", "odd")))
        if fate == "typed":
            pairs.append([field.id, draw(french_number(field.percent))])
        elif fate == "odd":
            pairs.append([field.id, draw(odd_hours_text())])
    if kind == "one slip":
        where = draw(st.integers(0, len(pairs) - 1))
        slip = draw(st.sampled_from(("left empty", "odd text", "unknown field", "malformed entry")))
        if slip == "left empty":
            pairs[where] = [pairs[where][0], draw(st.sampled_from(["", " "]))]
        elif slip == "odd text":
            pairs[where] = [pairs[where][0], draw(odd_hours_text())]
        elif slip == "unknown field":
            pairs.insert(where, [draw(st.text(max_size=10)), draw(st.text(max_size=5))])
        else:
            pairs.insert(where, draw(json_scalars))
    return pairs


def _near(day: date) -> list[date]:
    return [day - timedelta(days=1), day, day + timedelta(days=1)]


HELD = law.held_period()
CHECK_DAYS = sorted({
    *_near(law.SOCIAL_CONDITION_START.value), *_near(law.DECREE_2022_767_START.value),
    *(day for held in law.EUROPEAN_THRESHOLDS for edge in (held.period.start, held.period.end) if edge
      for day in _near(edge)),
})
"""The reform's days and each held period's bounds, with their neighbours (some outside)."""
CHECK_AMOUNTS = sorted({
    amount + step
    for held in law.EUROPEAN_THRESHOLDS
    for amount in (held.works, held.central, held.other, held.utilities)
    for step in (-1, 0, 1)
})
"""Each threshold, just below and just above."""
ODD_AMOUNT_TEXTS = ["300.000", "300,000", "216 000,50", "1e6", "-5", "−5", "∞", "NaN", "cinq", "", " ", "€"]
ODD_DATE_TEXTS = ["2026-02-30", "31/02/2027", "2026-1-1", "20261001", "2026-W40-4", "demain", "", " ", "1/1/26"]


def choice_codes(field_id: str) -> list[str]:
    return [choice.code for choice in next(f for f in CHECK_FIELDS if f.id == field_id).choices]


@st.composite
def check_amount(draw: st.DrawFn) -> str:
    """An amount as a buyer types it: mostly a threshold or its neighbour, grouped or not, with a unit."""
    amount = draw(st.one_of(st.sampled_from(CHECK_AMOUNTS), st.integers(0, 10**8), st.integers(-10, 10**13)))
    text = f"{amount:,}".replace(",", draw(st.sampled_from(SPACES))) if draw(st.booleans()) else str(amount)
    return text + draw(st.sampled_from(["", " €", "€", " € HT", " euros"]))


@st.composite
def check_day(draw: st.DrawFn) -> str:
    """A launch date as the date control sends it, or as typed in a browser without one."""
    day = draw(st.one_of(st.sampled_from(CHECK_DAYS), st.dates(HELD.start, HELD.end)))
    return day.strftime("%d/%m/%Y") if draw(rarely()) else day.isoformat()


@st.composite
def check_forms(draw: st.DrawFn) -> list[Any]:
    """The check's entries: every field answered; or one field missing or odd; or each
    field answered, missing or odd; now and then an unknown field or a malformed entry."""
    kind = draw(st.sampled_from(("plausible",) * 5 + ("one slip",) * 3 + ("anyhow",) * 2))
    answers = {
        "kind": draw(st.sampled_from(choice_codes("kind"))),
        "amount_ht": draw(check_amount()),
        "buyer": draw(st.sampled_from(choice_codes("buyer"))),
        "launch_date": draw(check_day()),
    }
    odd = {
        "kind": st.one_of(st.text(max_size=8), st.sampled_from(choice_codes("kind")).map(str.upper)),
        "amount_ht": st.one_of(st.sampled_from(ODD_AMOUNT_TEXTS), st.text(max_size=8)),
        "buyer": st.one_of(st.text(max_size=8), st.sampled_from(["commune", "ETAT"])),
        "launch_date": st.one_of(st.sampled_from(ODD_DATE_TEXTS), st.text(max_size=10)),
    }
    if kind == "one slip":
        slipped = draw(st.sampled_from(sorted(answers)))
        if draw(st.booleans()):
            del answers[slipped]
        else:
            answers[slipped] = draw(odd[slipped])
    elif kind == "anyhow":
        for name in list(answers):
            fate = draw(st.sampled_from(("kept",) * 4 + ("missing", "odd")))
            if fate == "missing":
                del answers[name]
            elif fate == "odd":
                answers[name] = draw(odd[name])
    pairs: list[Any] = [[name, answers[name]] for name in (f.id for f in CHECK_FIELDS) if name in answers]
    if draw(rarely()):
        pairs.insert(draw(st.integers(0, len(pairs))), [draw(st.text(max_size=10)), draw(st.text(max_size=5))])
    if draw(rarely()):
        pairs.insert(draw(st.integers(0, len(pairs))), draw(json_scalars))
    return pairs


REQUEST_TYPES = sorted(HANDLERS)

odd_requests = st.one_of(
    st.text(max_size=30),
    json_junk.map(request_text),
    st.fixed_dictionaries(
        {"id": json_scalars, "type": st.one_of(st.sampled_from(REQUEST_TYPES), json_scalars)},
        optional={"answers": json_junk, "form": json_junk, "query": json_junk},
    ).map(request_text),
)

POSTAL_CODES = sorted({code for commune in communes() for code in commune.postal_codes})

commune_queries = st.one_of(
    typed_communes,
    commune_names.flatmap(lambda name: st.integers(0, len(name)).map(lambda cut: name[:cut])),
    st.sampled_from(POSTAL_CODES),
    st.sampled_from(["st hil", "Ste-", "SAINT", "l'hers", "11 200", "œ", "ß", "１１２００", "Ｎévian"]),
    st.text(max_size=12),
    json_scalars,
)
"""What the self-check's commune field asks the worker for as a visitor types: names,
their starts, postal codes, abbreviations, odd text, and now and then not text at all."""


# --- the shared page and its worker -------------------------------------------------


@dataclass
class Session:
    page: Page
    channel: WorkerChannel
    worker_url: str


@pytest.fixture(scope="module")
def session(browser: Browser, browser_context_args: dict) -> Iterator[Session]:
    """The self-check page, ready, plus a parity worker started from its worker's URL."""
    context = browser.new_context(**browser_context_args)
    page = context.new_page()
    open_selfcheck(page)
    worker_url = page_worker_url(page)
    channel = WorkerChannel(page)
    channel.start(worker_url)
    yield Session(page, channel, worker_url)
    context.close()


def run_answer_set_parity(channel: WorkerChannel) -> Parity:
    parity = Parity(channel)

    @GATE
    @given(answers=answer_sets(), request_id=st.integers(0, 10**6))
    def same_reply(answers: object, request_id: int) -> None:
        parity.check({"id": request_id, "type": "evaluate", "answers": answers})

    for answers in (*one_missing_answer_each(), *unreadable_commune_each()):
        same_reply = example(answers=answers, request_id=0)(same_reply)
    same_reply()
    return parity


def test_worker_and_cpython_agree_on_generated_answer_sets(session: Session) -> None:
    parity = run_answer_set_parity(session.channel)
    parity.expect_coverage(
        "eligible",
        "not-eligible",
        *(criterion.id for criterion in CRITERIA),
        *(f"error:{question.id}" for question in QUESTIONS),
        "error:None",
        "error:<unknown key>",
    )


def test_worker_and_cpython_agree_on_generated_quiz_forms(session: Session) -> None:
    parity = Parity(session.channel)

    @GATE
    @given(quiz_forms())
    def same_replies(form: list[Any]) -> None:
        parity.check(
            {"id": 1, "type": "evaluate_form", "form": form},
            {"id": 2, "type": "applicable", "form": form},
        )

    for answers in (*one_missing_answer_each(), *unreadable_commune_each()):
        same_replies = example(form=as_form(answers))(same_replies)
    same_replies()
    parity.expect_coverage(
        "eligible",
        "not-eligible",
        *(criterion.id for criterion in CRITERIA),
        *(f"error:{question.id}" for question in QUESTIONS),
        "error:None",
        "error:<unknown key>",
        f"applicable:{len(QUESTIONS)}",
    )


def test_worker_and_cpython_agree_on_generated_estimator_forms(session: Session) -> None:
    parity = Parity(session.channel)

    @GATE
    @given(hours_forms())
    def same_reply(form: list[Any]) -> None:
        parity.check({"id": "h", "type": "hours", "form": form})

    same_reply()
    parity.expect_coverage(
        "hours", "error:None", "error:<unknown key>", *(f"error:{field.id}" for field in HOURS_FIELDS)
    )


def test_worker_and_cpython_agree_on_generated_check_forms(session: Session) -> None:
    parity = Parity(session.channel)

    @GATE
    @given(check_forms())
    def same_reply(form: list[Any]) -> None:
        parity.check({"id": "o", "type": "obligation", "form": form})

    same_reply()
    parity.expect_coverage(
        "obligation:required", "obligation:below_threshold", "obligation:before_reform",
        "error:None", "error:<unknown key>", *(f"error:{field.id}" for field in CHECK_FIELDS),
    )


def test_worker_and_cpython_agree_on_generated_commune_searches(session: Session) -> None:
    parity = Parity(session.channel)

    @GATE
    @given(commune_queries)
    def same_reply(query: object) -> None:
        parity.check({"id": "c", "type": "communes", "query": query})

    same_reply()
    parity.expect_coverage("communes:some", "communes:none")


def test_worker_and_cpython_agree_on_malformed_requests(session: Session) -> None:
    parity = Parity(session.channel)

    @GATE
    @given(odd_requests)
    def same_reply(text: str) -> None:
        parity.check(text)

    same_reply()
    parity.expect_coverage("error:None")


def test_worker_answers_every_example_of_every_request_type_as_cpython_does(session: Session) -> None:
    """The build trims the browser's standard library to what answering these
    examples imports (sitebuild/precompile.py): each must be answered in the
    browser exactly as in CPython, and never by a fault of the runtime."""
    parity = Parity(session.channel)
    for kind, examples in EXAMPLES.items():
        for fields in examples:
            text = request_text({**fields, "id": kind, "type": kind})
            reply = json.loads(session.channel.send(text))
            assert reply["ok"] or reply["error"].get("message") != INTERNAL_ERROR, reply["error"]
            parity.check(text)
    assert parity.examples == sum(len(examples) for examples in EXAMPLES.values())


@pytest.fixture
def channel_without(
    browser: Browser, browser_context_args: dict, base_url: str, site_dir: Path, session: Session
) -> Iterator[Callable[[str], WorkerChannel]]:
    """A worker from the site's script whose standard library lacks one module."""
    contexts: list[BrowserContext] = []

    def start(module: str) -> WorkerChannel:
        archive = runtime_dir(site_dir) / "python_stdlib.zip"
        out = io.BytesIO()
        with zipfile.ZipFile(archive) as source, zipfile.ZipFile(out, "w") as trimmed:
            names = [name for name in source.namelist() if name.rsplit(".", 1)[0] != module]
            assert len(names) == len(source.namelist()) - 1, f"{module} is not in the site's standard library"
            for name in names:
                trimmed.writestr(source.getinfo(name), source.read(name))
        body = out.getvalue()
        context = browser.new_context(**browser_context_args)
        contexts.append(context)
        context.route(f"{RUNTIME_GLOB}python_stdlib.zip", lambda route: route.fulfill(body=body))
        page = context.new_page()
        page.goto(base_url)
        channel = WorkerChannel(page)
        channel.start(session.worker_url)
        return channel

    yield start
    for context in contexts:
        context.close()


def test_a_module_missing_from_the_browsers_library_fails_loudly_with_its_name(
    channel_without: Callable[[str], WorkerChannel],
) -> None:
    """The estimator's decimal arithmetic is imported on its first request only:
    left out of the archive, that request must fail, naming the module."""
    channel = channel_without("decimal")
    text = request_text({**EXAMPLES["hours"][0], "id": 1, "type": "hours"})
    reply = json.loads(channel.send(text))
    assert reply["ok"] is False and reply["error"]["message"] == INTERNAL_ERROR
    assert "No module named 'decimal'" in reply["error"]["detail"]
    assert differences(json.dumps(reply), handle(text)), "the parity gate would not see it"


# --- a handful through the UI ---------------------------------------------------------


@st.composite
def quiz_answers(draw: st.DrawFn) -> dict[str, Any]:
    """Answers a visitor can enter: only the questions on screen, any number in
    the number fields, and sometimes a question left unanswered."""
    answers: dict[str, Any] = {}
    for question in QUESTIONS:
        if question.id not in applicable_questions(answers) or draw(rarely()):
            continue
        if question.kind == "integer":
            assert question.maximum is not None
            answers[question.id] = draw(st.integers(0, question.maximum + 100))
        else:
            answers[question.id] = draw(valid_value(question))
    return answers


def verdict_or_error(answers: dict[str, Any]) -> Verdict | InvalidAnswer:
    try:
        return evaluate(answers)
    except InvalidAnswer as error:
        return error


def matching(criterion_id: str) -> Callable[[Verdict | InvalidAnswer], bool]:
    return lambda outcome: isinstance(outcome, Verdict) and criterion_id in outcome.matched


def error_at(where: Callable[[str | None], bool]) -> Callable[[Verdict | InvalidAnswer], bool]:
    return lambda outcome: isinstance(outcome, InvalidAnswer) and where(outcome.field)


FIRST = QUESTIONS[0].id

UI_TARGETS: dict[str, Callable[[Verdict | InvalidAnswer], bool]] = {
    **{f"criterion {criterion.id}": matching(criterion.id) for criterion in CRITERIA},
    "not eligible": lambda outcome: isinstance(outcome, Verdict) and not outcome.eligible,
    "the commune's service first": lambda outcome: isinstance(outcome, Verdict) and outcome.your_contact is not None,
    "error at the first question": error_at(lambda field: field == FIRST),
    "error further down": error_at(lambda field: field not in (None, FIRST)),
}


def simplest_answers(target: str) -> dict[str, Any]:
    """The simplest answers a visitor can enter that produce ``target`` (Hypothesis ``find``)."""
    condition = UI_TARGETS[target]
    return find(quiz_answers(), lambda answers: condition(verdict_or_error(answers)), settings=FIND)


@pytest.mark.parametrize("target", list(UI_TARGETS))
def test_quiz_screen_shows_what_evaluate_says_for_the_simplest_answers(session: Session, target: str) -> None:
    """Through the visitor's clicks, for each outcome the simplest answers giving it."""
    answers = simplest_answers(target)
    expected = verdict_or_error(answers)
    page = session.page
    restart(page)
    answer(page, answers)
    submit(page)
    if isinstance(expected, InvalidAnswer):
        message = page.locator(f"#selfcheck-{expected.field}-error")
        expect(message).to_have_text(expected.message)
        expect(page.locator(f"[data-question={expected.field}] input").first).to_be_focused()
        expect(page.locator("#selfcheck-result")).to_be_hidden()
    else:
        expect_result_equals_evaluate(page, answers)


# --- the gate can fail ----------------------------------------------------------------


def test_comparator_flags_a_tampered_reply() -> None:
    text = request_text({"id": 7, "type": "evaluate", "answers": {"age": 30}})
    python = handle(text)
    reply = json.loads(python)
    assert differences(python, python) == []
    tampered_error = {**reply, "error": {**reply["error"], "message": reply["error"]["message"] + " "}}
    assert differences(json.dumps(tampered_error), python) == [
        f"error: browser {tampered_error['error']!r} != CPython {reply['error']!r}"
    ]
    disabled = {"age": 40, "job_seeker": False, "benefits": [], "disabled_worker": True}
    valid = handle(request_text({"id": 8, "type": "evaluate", "answers": disabled}))
    flipped = json.loads(valid)
    flipped["verdict"]["matched"] = []
    assert [line.split(":")[0] for line in differences(json.dumps(flipped), valid)] == ["verdict"]
    assert differences("not json", valid) == ["the browser's reply is not JSON: 'not json'"]


CRITERIA_SOURCE = Path(__file__).resolve().parent.parent / "eligibility" / "criteria.py"

DRIFT = '''

# Test-only drift written by tests/test_parity.py: a senior from 51, not 50.
import dataclasses as _dataclasses

CRITERIA = tuple(
    _dataclasses.replace(c, rule=lambda a: a.job_seeker and a.age > SENIOR_MIN_AGE.value)
    if c.id == "senior_job_seeker"
    else c
    for c in CRITERIA
)
'''


def drifted_wheel(wheel: Path) -> bytes:
    """The site's eligibility wheel with the senior rule moved by one year: its
    criteria module as source (the repository's plus the drift) instead of bytecode."""
    out = io.BytesIO()
    with zipfile.ZipFile(wheel) as original, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as drifted:
        for item in original.infolist():
            if item.filename == "eligibility/criteria.pyc":
                source = CRITERIA_SOURCE.read_text(encoding="utf-8") + DRIFT
                drifted.writestr("eligibility/criteria.py", source)
            else:
                drifted.writestr(item, original.read(item))
    return out.getvalue()


@pytest.fixture
def drifted_channel(
    browser: Browser, browser_context_args: dict, base_url: str, site_dir: Path, session: Session
) -> Iterator[WorkerChannel]:
    """A worker from the same script, served a wheel whose senior rule drifted
    (and a lock file that vouches for it, as a stale build would)."""
    (wheel,) = sorted(runtime_dir(site_dir).glob("eligibility-*.whl"))
    body = drifted_wheel(wheel)
    lock = json.loads((runtime_dir(site_dir) / "pyodide-lock.json").read_text(encoding="utf-8"))
    lock["packages"]["eligibility"]["sha256"] = hashlib.sha256(body).hexdigest()
    context: BrowserContext = browser.new_context(**browser_context_args)
    context.route(re.compile(r".*/pyodide/[^/]+/eligibility-[^/]+\.whl$"), lambda route: route.fulfill(body=body))
    context.route(f"{RUNTIME_GLOB}pyodide-lock.json", lambda route: route.fulfill(json=lock))
    try:
        page = context.new_page()
        page.goto(base_url)  # the home page: no runtime of its own
        channel = WorkerChannel(page)
        channel.start(session.worker_url)
        yield channel
    finally:
        context.close()


def test_answer_set_parity_fails_when_a_rule_drifts_in_the_browser(drifted_channel: WorkerChannel) -> None:
    senior = {"age": SENIOR_MIN_AGE.value, "job_seeker": True, "months_registered": 0, "benefits": [],
              "disabled_worker": False}
    at_threshold = request_text({"id": 0, "type": "evaluate", "answers": senior})
    drifted = differences(drifted_channel.send(at_threshold), handle(at_threshold))
    assert drifted, "the drift did not take effect"
    with pytest.raises(AssertionError) as caught:
        run_answer_set_parity(drifted_channel)
    assert "senior_job_seeker" in str(caught.value), str(caught.value)
