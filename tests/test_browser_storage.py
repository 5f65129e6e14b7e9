"""What the personal data page promises, checked in Chromium: browsing every
page, answering the self-check, using the estimator and the buyers' check and switching the colour
scheme leaves in the browser exactly the entries data/browser-storage.yml lists
(the page renders that file), and no cookie."""

from __future__ import annotations

import pytest
from playwright.sync_api import BrowserContext, Page

from sitebuild.privacy import load_browser_storage
from support import estimator, obligation, selfcheck
from support.site import content_pages, url_of

pytestmark = pytest.mark.browser


def stored(page: Page) -> dict[str, set[str]]:
    return page.evaluate(
        "() => ({localStorage: Object.keys(localStorage), sessionStorage: Object.keys(sessionStorage)})"
    )


def test_the_browser_keeps_exactly_what_the_personal_data_page_lists(
    context: BrowserContext, page: Page, site_url: str
) -> None:
    for name in content_pages():
        page.goto(url_of(site_url, name))
    page.locator("[data-md-component=palette] label:visible").first.click()  # the colour scheme toggle
    selfcheck.open_selfcheck(page)
    selfcheck.answer(page, selfcheck.MATCHING_SEVERAL)
    selfcheck.submit(page)
    estimator.open_estimator(page)
    estimator.fill(page, estimator.KNOWN)
    estimator.submit(page)
    page.locator("#estimator-result").wait_for()
    obligation.open_check(page)
    obligation.fill(page, obligation.KNOWN)
    obligation.submit(page)
    page.locator("#obligation-result").wait_for()

    found = {storage: set(keys) for storage, keys in stored(page).items()}
    expected: dict[str, set[str]] = {"localStorage": set(), "sessionStorage": set()}
    for entry in load_browser_storage():
        expected[entry.storage].add(entry.key_for("/"))
    assert found == expected
    assert page.evaluate("() => document.cookie") == ""
    assert context.cookies() == []
