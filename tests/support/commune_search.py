"""Driving a commune search ("Quel service pour ma commune ?") like a visitor,
and checking the screen against ``eligibility.territory``: the one driver of
the Chromium tests (test_commune_search.py) and of the other engines
(test_engines.py)."""

from __future__ import annotations

from playwright.sync_api import Page

from eligibility.territory import communes, contact_for, find_communes, route_note

from .expect import expect

CONTACTS = "memo/contacts/"
PRINTED = ["carcassonne-agglo", "departement-aude", "grand-narbonne"]
"""The cards' order as data/contacts.yml lists them (no commune chosen)."""


def commune(name: str):
    (found,) = [c for c in communes() if c.name == name]
    return found


class Search:
    """One commune search on a page, as a visitor sees it."""

    def __init__(self, page: Page, name: str) -> None:
        self.page = page
        self.root = page.locator(f"#{name}-commune-search")
        self.field = page.locator(f"#{name}-commune")
        self.listbox = page.locator(f"#{name}-commune-listbox")
        self.options = self.listbox.locator("[role=option]")
        self.count = self.root.locator("[data-commune-count]")
        self.answer = self.root.locator("[data-commune-answer]")
        self.cards = self.root.locator(".contact-card")

    def messages(self) -> dict[str, str]:
        box = self.root.locator("[data-commune-combobox]")
        return {key: box.get_attribute(f"data-msg-{key}") or "" for key in ("many", "one", "none", "unavailable")}

    def expect_options_of(self, typed: str) -> None:
        expect(self.options).to_have_text([c.label for c in find_communes(typed)])
        expect(self.field).to_have_attribute("aria-expanded", "true")
        expect(self.listbox).to_be_visible()

    def expect_service_first(self, name: str) -> None:
        chosen = commune(name)
        expect(self.field).to_have_value(name)
        expect(self.listbox).to_be_hidden()
        expect(self.field).to_have_attribute("aria-expanded", "false")
        expect(self.cards.first).to_have_attribute("data-contact", contact_for(chosen).id)
        expect(self.cards.first.locator(".contact-card__yours")).to_be_visible()
        expect(self.root.locator(".contact-card__yours:visible")).to_have_count(1)
        expect(self.answer).to_have_text(route_note(chosen))

    def expect_printed(self) -> None:
        assert [card.get_attribute("data-contact") for card in self.cards.all()] == PRINTED
        expect(self.root.locator(".contact-card__yours:visible")).to_have_count(0)
        expect(self.answer).to_have_text("")


def open_search(page: Page, path: str = CONTACTS, name: str = "contacts") -> Search:
    page.goto(path)
    search = Search(page, name)
    expect(search.field).to_be_visible()  # the starter script has run
    return search


def find_a_service_by_keyboard_alone(page: Page) -> None:
    """From the top of the contacts page: Tab to the skip link, Enter, Tab to the
    field, type, Down, Enter: the commune's service comes first; Escape clears
    it; Tab goes on to the phone numbers."""
    search = open_search(page)
    page.keyboard.press("Tab")
    expect(page.locator("a.md-skip")).to_be_focused()  # "Aller au contenu", the first stop
    page.keyboard.press("Enter")
    for _ in range(30):  # from the page's title, through the text's links
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement?.id") == "contacts-commune":
            break
    expect(search.field).to_be_focused()
    page.keyboard.type("nevi")
    search.expect_options_of("nevi")
    expect(search.count).to_have_text(f"1 {search.messages()['one']}")
    page.keyboard.press("ArrowDown")
    option = search.options.first
    expect(option).to_have_attribute("aria-selected", "true")
    expect(search.field).to_have_attribute("aria-activedescendant", option.get_attribute("id") or "")
    expect(search.field).to_be_focused()  # DOM focus stays in the field
    page.keyboard.press("Enter")
    search.expect_service_first("Névian")
    page.keyboard.press("Escape")  # the list is closed: Escape clears the field
    expect(search.field).to_have_value("")
    search.expect_printed()
    page.keyboard.press("Tab")
    expect(search.cards.first.locator('a[href^="tel:"]')).to_be_focused()  # on to the phone numbers
