"""Driving the hours estimator like a buyer, and checking the screen against the package.

Every figure and sentence shown is compared with what ``eligibility.hours``
returns for the same entries, and every error with the one the package raises.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

from eligibility import InvalidAnswer
from eligibility.hours import HOURS_FIELDS, estimate_from_form
from sitebuild.runtime_pages import RUNTIME_PAGES

from .browser import READY_TIMEOUT_MS
from .expect import expect

PAGE = next(page for page in RUNTIME_PAGES if page.name == "estimator")
PATH = PAGE.path

KNOWN = {"amount_ht": "1 000 000", "labour_share": "50", "insertion_rate": "5", "hourly_cost": "30"}
"""The published example: 833 hours."""


def open_estimator(page: Page) -> None:
    page.goto(PATH)
    expect(page.locator("#estimator")).to_have_attribute("data-runtime", "ready", timeout=READY_TIMEOUT_MS)


def fill(page: Page, entries: dict[str, str]) -> None:
    for field in HOURS_FIELDS:
        page.locator(f"#estimator-{field.id}").fill(entries[field.id])


def submit(page: Page) -> None:
    page.get_by_role("button", name="Calculer les heures").click()


def pairs(entries: dict[str, str]) -> list[list[str]]:
    return [[field.id, entries[field.id]] for field in HOURS_FIELDS]


def package_error(entries: dict[str, str]) -> InvalidAnswer:
    with pytest.raises(InvalidAnswer) as caught:
        estimate_from_form(pairs(entries))
    return caught.value


def expect_result_equals_package(page: Page, entries: dict[str, str]) -> dict[str, Any]:
    """The shown estimate is estimate_from_form()'s: same hours, same texts; focus on its title."""
    estimate = estimate_from_form(pairs(entries)).to_dict()
    result = page.locator("#estimator-result")
    expect(result).to_be_visible()
    expect(result).to_have_attribute("data-hours", str(estimate["hours"]))
    assert float(result.get_attribute("data-fte") or "nan") == estimate["fte"]
    for name in ("summary", "calculation", "note"):
        expect(result.locator(f'[data-result="{name}"]')).to_have_text(estimate[name])
    expect(page.locator("#estimator-result-title")).to_be_focused()
    return estimate
