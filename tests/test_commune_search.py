"""The commune search of the content pages in real Chromium: "Quel service pour
ma commune ?" on the contacts page, and the commune of the works on the
buyers' pages (overrides/fragments/commune-search.html).

- a keyboard alone finds the service (WAI-ARIA "combobox with list
  autocomplete": Down/Up through the suggestions, wrapping, Enter, Escape),
  the number of suggestions is announced, and the chosen commune's card comes
  first, marked, with the Python rules' sentence;
- the screen shows what ``find_communes`` and ``contact_for`` say;
- nothing of the search loads with the page (its script and index come when a
  visitor goes to the field), and no Pyodide byte ever;
- without JavaScript the field is hidden and the contacts page lists the
  communes of each service;
- axe finds no WCAG A/AA violation and nothing scrolls sideways at 320 px, in
  each state.

That the JavaScript search ranks as Python does is proven under Node in
test_commune_index.py; the gates every content page passes as it loads are in
test_content_pages.py.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from eligibility.territory import communes_by_contact, find_communes
from support.browser import RequestRecorder, axe_report, horizontal_overflow, run_axe, settle, use_scheme
from support.commune_search import CONTACTS, Search, find_a_service_by_keyboard_alone, open_search

pytestmark = pytest.mark.browser

ESTIMATOR = "maitres-ouvrage/estimer-les-heures/"
BUYER_PAGES = {ESTIMATOR: "estimator", "maitres-ouvrage/": "guide", "maitres-ouvrage/mon-marche/": "buyer"}
"""The buyers' pages, each with the commune search of the works (and its name there)."""


# --- the keyboard alone ---------------------------------------------------------------------


def test_a_keyboard_alone_finds_the_service_of_a_commune(page: Page) -> None:
    find_a_service_by_keyboard_alone(page)


def test_down_and_up_wrap_around_the_suggestions_and_escape_closes_them(page: Page) -> None:
    search = open_search(page)
    search.field.focus()
    page.keyboard.type("cuxac")
    search.expect_options_of("cuxac")
    labels = [c.label for c in find_communes("cuxac")]
    page.keyboard.press("ArrowUp")  # from the field: the last one
    expect(search.listbox.locator("[aria-selected=true]")).to_have_text(labels[-1])
    page.keyboard.press("ArrowDown")  # past the last: the first
    expect(search.listbox.locator("[aria-selected=true]")).to_have_text(labels[0])
    page.keyboard.press("ArrowLeft")  # editing keys bring the visual focus back to the text
    expect(search.listbox.locator("[aria-selected=true]")).to_have_count(0)
    assert search.field.get_attribute("aria-activedescendant") is None
    page.keyboard.press("Escape")
    expect(search.listbox).to_be_hidden()
    expect(search.field).to_have_value("cuxac")
    page.keyboard.press("Alt+ArrowDown")  # opens the list without choosing
    expect(search.listbox).to_be_visible()
    expect(search.listbox.locator("[aria-selected=true]")).to_have_count(0)
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Enter")
    search.expect_service_first(find_communes("cuxac")[-1].name)


def test_enter_picks_the_only_suggestion_and_a_postal_code_lists_its_communes(page: Page) -> None:
    search = open_search(page)
    search.field.focus()
    page.keyboard.type("GRUISSAN")
    search.expect_options_of("GRUISSAN")
    page.keyboard.press("Enter")
    search.expect_service_first("Gruissan")
    search.field.fill("11200")  # Névian and Lézignan-Corbières: two services, one postal code
    search.expect_options_of("11200")
    expect(search.count).to_have_text(f"{len(find_communes('11200'))} {search.messages()['many']}")
    search.expect_printed()  # the text changed: no commune is chosen any more
    search.field.fill("Paris")
    expect(search.count).to_have_text(search.messages()["none"])
    expect(search.listbox).to_be_hidden()


@pytest.mark.parametrize("typed", ["st hil", "ste", "LA PALME", "roquetaillade", "fa", "11300", "val de"])
def test_the_suggestions_are_what_find_communes_gives(page: Page, typed: str) -> None:
    search = open_search(page)
    search.field.focus()
    search.field.fill(typed)
    search.expect_options_of(typed)


def test_a_click_or_tap_on_a_suggestion_chooses_it(page: Page) -> None:
    search = open_search(page)
    search.field.focus()
    search.field.fill("brenac")
    search.options.first.click()
    search.expect_service_first("Brenac")


@pytest.mark.parametrize("path", list(BUYER_PAGES))
def test_each_buyer_page_leads_to_the_service_of_the_commune_of_the_works(page: Page, path: str) -> None:
    search = open_search(page, path, BUYER_PAGES[path])
    search.field.focus()
    page.keyboard.type("lezignan")
    search.expect_options_of("lezignan")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    search.expect_service_first("Lézignan-Corbières")


# --- light: nothing on load, never Pyodide ------------------------------------------------------


def test_the_search_loads_its_script_and_index_only_when_a_visitor_goes_to_it(page: Page, site_url: str) -> None:
    recorder = RequestRecorder(page)
    page.goto(CONTACTS, wait_until="networkidle")
    loaded = [url.rsplit("/", 1)[-1] for url in recorder.requests if "/assets/commune-search/" in url]
    assert loaded == ["commune-search.js"], loaded
    recorder.clear()
    search = Search(page, "contacts")
    search.field.focus()
    page.keyboard.type("nevian")
    search.expect_options_of("nevian")
    later = sorted(url.rsplit("/", 1)[-1] for url in recorder.requests)
    assert later == ["commune-combobox.js", "commune-index.js", "communes.json"], later
    assert not [url for url in recorder.requests if "/pyodide/" in url or "/assets/runtime/" in url]
    assert not recorder.foreign(site_url)


def test_an_index_that_cannot_be_read_is_said_in_the_field(context: BrowserContext) -> None:
    context.route("**/assets/commune-search/communes.json", lambda route: route.fulfill(status=404))
    page = context.new_page()
    search = open_search(page)
    search.field.focus()
    page.keyboard.type("nev")
    expect(search.count).to_have_text(search.messages()["unavailable"])
    expect(search.listbox).to_be_hidden()


# --- without JavaScript -------------------------------------------------------------------------


@pytest.fixture
def no_js_page(browser: Browser, base_url: str) -> Iterator[Page]:
    context = browser.new_context(java_script_enabled=False, base_url=base_url, locale="fr-FR")
    yield context.new_page()
    context.close()


def test_without_javascript_the_contacts_page_lists_the_communes_of_each_service(no_js_page: Page) -> None:
    no_js_page.goto(CONTACTS)
    expect(no_js_page.locator(".commune-search__field")).to_be_hidden()
    expect(no_js_page.locator(".contact-card")).to_have_count(3)
    lists = no_js_page.locator("details.commune-list")
    expect(lists).to_have_count(3)
    for (service, found), details in zip(communes_by_contact(), lists.all(), strict=True):
        summary = details.locator("summary")
        expect(summary).to_contain_text(service.organisation)
        summary.click()  # a disclosure opens without JavaScript
        text = details.locator(".commune-list__items")
        expect(text).to_be_visible()
        shown = text.inner_text()
        assert all(c.description in shown for c in found), service.organisation


@pytest.mark.parametrize("path", list(BUYER_PAGES))
def test_without_javascript_each_buyer_page_links_to_the_lists(no_js_page: Page, path: str) -> None:
    no_js_page.goto(path)
    expect(no_js_page.locator(".commune-search__field")).to_be_hidden()
    link = no_js_page.locator('article p a[href$="contacts/#quel-service"]').first
    expect(link).to_be_visible()


# --- accessibility and reflow in each state ----------------------------------------------------

STATES = ("first paint", "suggestions shown", "an option focused", "a commune chosen", "no commune matches")


def reach(search: Search, state: str) -> None:
    search.field.fill("")
    if state == "first paint":
        return
    search.field.focus()
    if state == "no commune matches":
        search.field.fill("Paris")
        expect(search.count).to_have_text(search.messages()["none"])
        return
    search.field.fill("11300")  # the longest list: 28 communes
    search.expect_options_of("11300")
    if state == "suggestions shown":
        return
    search.field.press("ArrowUp")
    if state == "an option focused":
        return
    search.field.press("Enter")
    search.expect_service_first(find_communes("11300")[-1].name)


@pytest.fixture(scope="module")
def narrow(browser: Browser, browser_context_args: dict) -> Iterator[Page]:
    context = browser.new_context(**browser_context_args, viewport={"width": 320, "height": 640})
    page = context.new_page()
    open_search(page)
    yield page
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("state", STATES)
def test_no_wcag_a_or_aa_violation_and_no_sideways_scroll_at_320_px(narrow: Page, state: str, scheme: str) -> None:
    search = Search(narrow, "contacts")
    use_scheme(narrow, scheme)  # first: its toggle takes the focus
    reach(search, state)
    settle(narrow)
    violations = run_axe(narrow)
    assert not violations, axe_report(violations, f"contacts page, {state}, {scheme}")
    overflow = horizontal_overflow(narrow)
    assert overflow <= 0, f"{state}: {overflow} px sideways at 320 px"
