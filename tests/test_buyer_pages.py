"""The maîtres d'ouvrage section, as built: the law it cites, the estimator
page's data, and the routes to it.

What is checked against what: legal citations against the rule "no article
number without its Légifrance link"; every figure, default and source of the
estimator page against ``eligibility.hours`` / ``eligibility.parameters`` (the
one source). The estimator's form: test_runtime_forms_html.py; in the
browser: test_estimator.py.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from eligibility import parameters
from eligibility.hours import (
    ESTIMATE_NOTE,
    FORMULA,
    HOURS_FIELDS,
    HOURS_FIELDS_BY_ID,
    estimate_from_form,
    insertion_hours,
    worked_example,
)
from support.built_html import Element, article, parse_file

SECTION = "maitres-ouvrage"
GUIDE = f"{SECTION}/index.html"
ESTIMATOR = f"{SECTION}/estimer-les-heures/index.html"
PAGES = (GUIDE, ESTIMATOR)

LEGIFRANCE_CODES = {
    "Code de la commande publique": "https://www.legifrance.gouv.fr/codes/id/LEGITEXT000037701019/",
    "Code du travail": "https://www.legifrance.gouv.fr/codes/id/LEGITEXT000006072050/",
}
# The articles the guide relies on, each checked against its text before it was
# cited (see the comment at the top of docs/maitres-ouvrage/index.md).
GUIDE_ARTICLES = {"L2111-1", "L2112-2", "R2152-7", "L2113-12", "L2113-13", "R2113-7"}
ARTICLE_NUMBER = re.compile(r"\b[LRD]\.? ?\d{3,4}-\d+(?:-\d+)?\b")


def flat(text: str) -> str:
    """Whitespace collapsed as ``Element.text`` does (non-breaking spaces included)."""
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def guide(site_dir: Path) -> Element:
    return article(site_dir / GUIDE)


@pytest.fixture(scope="module")
def estimator_page(site_dir: Path) -> Element:
    return article(site_dir / ESTIMATOR)


def legal_links(root: Element) -> list[Element]:
    return root.find_all("a", cls="legal-reference")


# --- the law: cited, linked, nothing uncited -----------------------------------


def test_guide_cites_each_checked_article_with_its_legifrance_link(guide: Element) -> None:
    links = legal_links(guide)
    assert {a.attrs["data-article"] for a in links} == GUIDE_ARTICLES
    for link in links:
        code = link.text.split(", article")[0]
        assert link.attrs["href"] == LEGIFRANCE_CODES[code], link.attrs
        assert link.text.startswith(f"{code}, article {link.attrs['data-article']}")


@pytest.mark.parametrize("page", PAGES)
def test_every_legal_link_is_marked_external_for_the_visitor(site_dir: Path, page: str) -> None:
    links = legal_links(article(site_dir / page))
    assert links
    for link in links:
        assert "external" in link.attrs.get("rel", "").split()
        assert link.text.endswith("(site externe)")


@pytest.mark.parametrize("page", PAGES)
def test_no_article_number_appears_outside_a_legifrance_link_or_a_quoted_source(site_dir: Path, page: str) -> None:
    """An article number in running text must sit in a link to the official text
    (or in a rendered parameter source whose paragraph carries that link)."""
    content = article(site_dir / page)
    cited = {a.attrs["data-article"] for a in legal_links(content)}
    for paragraph in content.find_all("p") + content.find_all("li"):
        for number in ARTICLE_NUMBER.findall(paragraph.text):
            number = number.replace(".", "").replace(" ", "")
            linked = {a.attrs["data-article"] for a in legal_links(paragraph)}
            assert number in linked or (number in cited and "source" in paragraph.classes), (
                f"{page}: article {number} cited without its Légifrance link: {paragraph.text[:120]!r}"
            )


def test_guide_sends_the_reader_to_the_guichet_where_the_memo_is_silent(guide: Element) -> None:
    text = guide.text
    assert text.count("le mémo ne le dit pas") + text.count("Le mémo ne le précise pas") >= 2
    assert len(guide.find_all("li", cls="contact-card")) == 3


def test_guide_quotes_the_memo_on_the_guichet_unique(guide: Element) -> None:
    quote = guide.find("blockquote").text
    assert "prestation « clé en main » d'ingénierie sociale" in quote
    assert "guichet unique audois" in quote


# --- the estimator page renders eligibility.hours, nothing retyped ----------


def test_estimator_page_shows_the_formula_and_the_worked_example_computed_by_the_package(
    estimator_page: Element,
) -> None:
    text = estimator_page.text
    example = worked_example().to_dict()
    assert example["hours"] == parameters.EXAMPLE_HOURS.value == 833
    assert flat(FORMULA) in text
    assert flat(example["calculation"]) in text
    assert flat(example["summary"]) in text
    assert flat(ESTIMATE_NOTE) in text
    assert "1 607 heures" in text


def test_estimator_page_gives_each_default_with_its_published_source(estimator_page: Element) -> None:
    sources = [p.text for p in estimator_page.find_all("p", cls="source")]
    for parameter in (
        parameters.AVERAGE_LABOUR_SHARE,
        parameters.INSERTION_RATE_LOW,
        parameters.HOURLY_COST_HIGH,
        parameters.ANNUAL_WORKING_HOURS,
    ):
        assert any(flat(parameter.source) in source for source in sources), parameter.source
    items = [li.text for li in estimator_page.find_all("li")]
    for trade in parameters.LABOUR_SHARES:
        assert f"{trade.label} : {trade.percent} %" in items
    outbound = [a for a in estimator_page.find_all("a") if a.attrs.get("href") == parameters.MEF_SUD_77_URL]
    assert len(outbound) == 1 and "external" in outbound[0].attrs["rel"].split()


def test_the_form_defaults_give_the_published_example(estimator_page: Element) -> None:
    defaults = {f.id: f.default for f in HOURS_FIELDS if f.default is not None}
    assert defaults == {
        "labour_share": str(parameters.AVERAGE_LABOUR_SHARE.value),
        "insertion_rate": str(parameters.INSERTION_RATE_LOW.value),
        "hourly_cost": str(parameters.HOURLY_COST_HIGH.value),
    }
    pairs = [["amount_ht", str(parameters.EXAMPLE_AMOUNT_HT.value)], *([k, v] for k, v in defaults.items())]
    assert estimate_from_form(pairs).hours == insertion_hours(1_000_000, 0.5, 0.05, 30) == 833


def test_formula_names_the_fields_in_the_order_they_are_multiplied_then_divided() -> None:
    left, right = FORMULA.split(" = ")
    assert left == "Heures d'insertion"
    terms = re.split(r" ([×÷]) ", right)
    assert terms[1::2] == ["×", "×", "÷"]
    keywords = {"amount_ht": "montant", "labour_share": "main-d'œuvre", "insertion_rate": "taux d'insertion",
                "hourly_cost": "heure de travail"}
    for field, term in zip(HOURS_FIELDS, terms[0::2], strict=True):
        assert keywords[field.id] in term
        assert keywords[field.id].split()[0].lower() in HOURS_FIELDS_BY_ID[field.id].label.lower()


@pytest.mark.parametrize("page", PAGES)
def test_section_page_is_french_with_no_inline_script_style_or_handler(site_dir: Path, page: str) -> None:
    document = parse_file(site_dir / page)
    assert document.find("html").attrs.get("lang") == "fr"
    content = article(site_dir / page)
    assert content.find("h1").text
    assert not [s for s in content.find_all("script") if "src" not in s.attrs]
    assert not content.find_all("style")
    for element in content.iter():
        assert "style" not in element.attrs, element.tag
        assert not [name for name in element.attrs if name.startswith("on")], element.attrs


# --- routes to the section -----------------------------------------------------


def test_home_page_routes_buyers_to_the_section_and_the_estimator(site_dir: Path) -> None:
    anchors = [a for a in article(site_dir / "index.html").find_all("a") if "href" in a.attrs]
    targets = {urlsplit(urljoin("https://site.invalid/", a.attrs["href"])).path for a in anchors}
    assert {f"/{SECTION}/", f"/{SECTION}/estimer-les-heures/"} <= targets


def test_the_section_is_in_the_navigation(site_dir: Path) -> None:
    nav = parse_file(site_dir / "index.html").find("nav", cls="md-nav--primary")
    labels = [a.text for a in nav.find_all("a")]
    assert "Mettre la clause dans un marché" in labels
    assert "Estimer les heures d'insertion" in labels
