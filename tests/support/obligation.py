"""Driving the buyers' check like a buyer, and checking the screen against the package.

Every sentence, link and attribute shown is compared with what
``eligibility.obligation.check_from_form`` returns for the same entries, and
every error with the one the package raises.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

from eligibility import InvalidAnswer
from eligibility.obligation import FIELDS, check_from_form
from sitebuild.links import CUE
from sitebuild.runtime_pages import RUNTIME_PAGES

from .browser import READY_TIMEOUT_MS
from .expect import expect

PAGE = next(page for page in RUNTIME_PAGES if page.name == "obligation")
PATH = PAGE.path

KNOWN = {"kind": "services", "amount_ht": "300 000", "buyer": "collectivite", "launch_date": "2026-10-01"}
"""The documented example: required, threshold 216 000 € HT."""

CHOICE_FIELDS = tuple(field.id for field in FIELDS if field.choices)


def open_check(page: Page) -> None:
    page.goto(PATH)
    expect(page.locator("#obligation")).to_have_attribute("data-runtime", "ready", timeout=READY_TIMEOUT_MS)


def fill(page: Page, entries: dict[str, str]) -> None:
    """Tick the choices and type the amount and date (the date as the date control takes it)."""
    for field in FIELDS:
        value = entries.get(field.id, "")
        if field.id in CHOICE_FIELDS:
            if value:
                page.locator(f"#obligation-{field.id}-{value}").check()
        else:
            page.locator(f"#obligation-{field.id}").fill(value)


def submit(page: Page) -> None:
    page.get_by_role("button", name="Voir la réponse").click()


def pairs(entries: dict[str, str]) -> list[list[str]]:
    """What the form sends: FormData order, an unticked choice absent."""
    return [[field.id, entries.get(field.id, "")] for field in FIELDS
            if field.id not in CHOICE_FIELDS or entries.get(field.id)]


def package_error(entries: dict[str, str]) -> InvalidAnswer:
    with pytest.raises(InvalidAnswer) as caught:
        check_from_form(pairs(entries))
    return caught.value


def expect_list(page: Page, name: str, texts: list[str]) -> None:
    items = page.locator(f'#obligation-result [data-result="{name}"] > li')
    expect(items).to_have_text(texts)


def expect_result_equals_package(page: Page, entries: dict[str, str]) -> dict[str, Any]:
    """The shown answer is check_from_form()'s: same verdict, texts and links; focus on its title."""
    answer = check_from_form(pairs(entries)).to_dict()
    result = page.locator("#obligation-result")
    expect(result).to_be_visible()
    expect(result).to_have_attribute("data-required", "true" if answer["required"] else "false")
    expect(result).to_have_attribute("data-outcome", answer["outcome"])
    threshold = answer["threshold_ht"]
    expect(result).to_have_attribute("data-threshold", "" if threshold is None else str(threshold))
    expect(result.locator('[data-result="headline"]')).to_have_text(answer["headline"])
    expect_list(page, "reasons", answer["reasons"])
    expect_list(page, "notes", answer["notes"])
    expect_list(page, "steps", answer["next_steps"])
    derogations = result.locator('[data-result-block="derogations"]')
    if answer["derogations"]:
        expect(derogations).to_be_visible()
        expect(result.locator('[data-result="derogations"]')).to_have_text(answer["derogations"])
    else:
        expect(derogations).to_be_hidden()
    links = result.locator('[data-result="articles"] a.legal-reference')
    expect(links).to_have_count(len(answer["articles"]))
    for link, cited in zip(links.all(), answer["articles"], strict=True):
        expect(link).to_have_attribute("href", cited["href"])
        expect(link).to_have_attribute("data-article", cited["number"])
        expect(link).to_have_attribute("rel", "external")
        expect(link).to_have_text(f"{cited['label']} {CUE}")
        expect(link.locator("xpath=..")).to_contain_text(cited["about"])
    expect(page.locator("#obligation-result-title")).to_be_focused()
    return answer
