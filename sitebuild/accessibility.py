"""The accessibility statement (« déclaration d'accessibilité »), read and checked
from ``data/rgaa.yml``.

Two things live there, and only there. The RGAA audit, if any: the status
every page's footer shows follows from it by the RGAA's rule (:func:`status_of`).
And the grid of the criteria the team checked, each with how (a test of the
suite, or a check by hand, with who and when) and the result: the statement
renders the grid and counts it at build time, and a test makes sure every test
it names exists, so the statement stays true as the tests change.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .data_files import read_yaml, required_text
from .errors import BuildError
from .paths import DATA
from .pins import with_versions

RGAA_FILE = DATA / "rgaa.yml"

CONFORME, NON_CONFORME, NON_VERIFIE = "conforme", "non conforme", "non vérifié"
RESULTS = (CONFORME, NON_CONFORME, NON_VERIFIE)
"""A criterion's result in the grid. Not an audit's: « non vérifié » is what the
team could not (yet) check in full."""

TOTALEMENT, PARTIELLEMENT, NON = "totalement conforme", "partiellement conforme", "non conforme"

NODE_ID = re.compile(r"tests/test_\w+\.py::test_\w+")
NUMBER = re.compile(r"(?P<topic>[1-9]\d?)\.(?P<criterion>[1-9]\d?)")


@dataclass(frozen=True)
class Audit:
    """An RGAA audit of the site: when, by whom, the rate of criteria met, the report."""

    date: dt.date
    by: str
    rate: float
    report: str


def status_of(audit: Audit | None) -> str:
    """The RGAA's compliance status for ``audit``.

    RGAA 4.1.2, « Déclaration d'accessibilité » : « Conformité totale : si tous
    les critères de contrôle du RGAA sont respectés ; Conformité partielle : si
    au moins 50 % des critères de contrôle du RGAA sont respectés ;
    Non-conformité : s'il n'existe aucun résultat d'audit en cours de validité
    permettant de mesurer le respect des critères ou si moins de 50 % des
    critères de contrôle du RGAA sont respectés ».
    """
    if audit is None:
        return NON
    if audit.rate >= 1:
        return TOTALEMENT
    if audit.rate >= 0.5:
        return PARTIELLEMENT
    return NON


@dataclass(frozen=True)
class Check:
    """How a criterion was checked: a test of the suite, or by hand."""

    how: str
    test: str | None = None
    """The pytest node id, without parameters (``tests/test_x.py::test_y``)."""
    who: str | None = None
    date: dt.date | None = None

    @property
    def automated(self) -> bool:
        return self.test is not None

    @property
    def test_name(self) -> str | None:
        return self.test.split("::")[1] if self.test else None


@dataclass(frozen=True)
class Criterion:
    number: str
    title: str
    result: str
    checks: tuple[Check, ...]
    remaining: str | None
    """For « non vérifié »: what is left to check."""
    finding: str | None
    """For « non conforme »: what fails."""

    @property
    def key(self) -> tuple[int, int]:
        topic, criterion = self.number.split(".")
        return int(topic), int(criterion)


@dataclass(frozen=True)
class Statement:
    referential: str
    version: str
    criteria_count: int
    audit: Audit | None
    established: dt.date
    updated: dt.date | None
    technologies: tuple[str, ...]
    environment: tuple[str, ...]
    tools: tuple[str, ...]
    criteria: tuple[Criterion, ...]

    @property
    def status(self) -> str:
        return status_of(self.audit)

    @property
    def label(self) -> str:
        """The mention every page shows (RGAA, « Mention obligatoire sur la page d'accueil »)."""
        return f"Accessibilité\u00a0: {self.status}"

    @property
    def counts(self) -> Counter[str]:
        """Criteria of the grid by result; ``counts["checked"]`` is the grid's size."""
        counts = Counter({result: 0 for result in RESULTS})
        counts.update(criterion.result for criterion in self.criteria)
        counts["checked"] = len(self.criteria)
        return counts

    def with_result(self, result: str) -> tuple[Criterion, ...]:
        return tuple(criterion for criterion in self.criteria if criterion.result == result)

    @property
    def tests(self) -> frozenset[str]:
        """Every test node id the grid names."""
        return frozenset(check.test for criterion in self.criteria for check in criterion.checks if check.test)


def _fail(path: Path, where: str, problem: str) -> BuildError:
    return BuildError(f"{path}: {where}: {problem}")


def _text(path: Path, where: str, value: Any) -> str:
    return " ".join(required_text(value, f"{path}: {where}").split())


def _date(path: Path, where: str, value: Any) -> dt.date:
    if not isinstance(value, dt.date):
        raise _fail(path, where, f"expected a date like 2026-12-01, got {value!r}")
    return value


def _texts(path: Path, where: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise _fail(path, where, "expected a non-empty list")
    return tuple(with_versions(_text(path, f"{where}[{i}]", item), f"{path}: {where}[{i}]")
                 for i, item in enumerate(value))


def _audit(path: Path, value: Any) -> Audit | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise _fail(path, "audit", "expected date, by, rate and report, or nothing")
    rate = value.get("rate")
    if isinstance(rate, bool) or not isinstance(rate, int | float) or not 0 <= rate <= 1:
        raise _fail(path, "audit.rate", f"expected the share of criteria met, from 0 to 1, got {rate!r}")
    return Audit(
        date=_date(path, "audit.date", value.get("date")),
        by=_text(path, "audit.by", value.get("by")),
        rate=float(rate),
        report=_text(path, "audit.report", value.get("report")),
    )


def _check(path: Path, where: str, value: Any) -> Check:
    if not isinstance(value, dict):
        raise _fail(path, where, "expected a test with how, or by_hand with who and date")
    if "test" in value:
        test = _text(path, f"{where}.test", value["test"])
        if not NODE_ID.fullmatch(test):
            raise _fail(path, f"{where}.test", f"{test!r} is not a test node id like tests/test_x.py::test_y")
        return Check(how=_text(path, f"{where}.how", value.get("how")), test=test)
    if "by_hand" in value:
        return Check(
            how=_text(path, f"{where}.by_hand", value["by_hand"]),
            who=_text(path, f"{where}.who", value.get("who")),
            date=_date(path, f"{where}.date", value.get("date")),
        )
    raise _fail(path, where, "expected a test with how, or by_hand with who and date")


def _criterion(path: Path, where: str, value: Any) -> Criterion:
    if not isinstance(value, dict):
        raise _fail(path, where, "expected a mapping")
    number = value.get("number")
    if not isinstance(number, str) or not NUMBER.fullmatch(number):
        raise _fail(path, f"{where}.number", f"expected a criterion number like \"8.5\" (quoted), got {number!r}")
    where = f"criteria {number}"
    result = value.get("result")
    if result not in RESULTS:
        raise _fail(path, f"{where}.result", f"{result!r} is not one of {', '.join(RESULTS)}")
    checks = value.get("checks") or []
    if not isinstance(checks, list) or not checks:
        raise _fail(path, f"{where}.checks", "a criterion of the grid says how it was checked")
    remaining = value.get("remaining")
    finding = value.get("finding")
    if result == NON_VERIFIE and not remaining:
        raise _fail(path, f"{where}.remaining", "say what remains to check")
    if result == NON_CONFORME and not finding:
        raise _fail(path, f"{where}.finding", "say what was found")
    if result == CONFORME and (remaining or finding):
        raise _fail(path, where, "a criterion with something left to check or found is not « conforme »")
    return Criterion(
        number=number,
        title=_text(path, f"{where}.title", value.get("title")),
        result=result,
        checks=tuple(_check(path, f"{where}.checks[{i}]", check) for i, check in enumerate(checks)),
        remaining=_text(path, f"{where}.remaining", remaining) if remaining else None,
        finding=_text(path, f"{where}.finding", finding) if finding else None,
    )


def load_statement(path: Path = RGAA_FILE) -> Statement:
    """The statement of ``path``, checked entry by entry."""
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise BuildError(f"{path}: expected a mapping")
    referential = data.get("referential") or {}
    count = referential.get("criteria_count")
    if not isinstance(count, int) or count <= 0:
        raise _fail(path, "referential.criteria_count", "expected the number of criteria of the RGAA")
    entries = data.get("criteria")
    if not isinstance(entries, list) or not entries:
        raise _fail(path, "criteria", "expected the list of the criteria checked")
    criteria = tuple(_criterion(path, f"criteria[{i}]", entry) for i, entry in enumerate(entries))
    keys = [criterion.key for criterion in criteria]
    if keys != sorted(set(keys)):
        raise _fail(path, "criteria", "list each criterion once, in the RGAA's order")
    if len(criteria) > count:
        raise _fail(path, "criteria", f"more criteria than the RGAA's {count}")
    updated = data.get("updated")
    return Statement(
        referential=_text(path, "referential.name", referential.get("name")),
        version=_text(path, "referential.version", referential.get("version")),
        criteria_count=count,
        audit=_audit(path, data.get("audit")),
        established=_date(path, "established", data.get("established")),
        updated=_date(path, "updated", updated) if updated is not None else None,
        technologies=_texts(path, "technologies", data.get("technologies")),
        environment=_texts(path, "environment", data.get("environment")),
        tools=_texts(path, "tools", data.get("tools")),
        criteria=criteria,
    )
