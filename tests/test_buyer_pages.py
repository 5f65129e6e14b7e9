"""The maîtres d'ouvrage section, as built: the law it cites, the dated legal
facts it renders, the estimator page's data, and the routes to its pages.

What is checked against what: the articles each page cites against the list
checked before citing them (the rule "no article number without its
Légifrance link" holds on every page: test_legal_references.py); thresholds,
periods and dates against ``eligibility.law``; every figure, default and
source of the estimator page against ``eligibility.hours`` /
``eligibility.parameters`` (the one source). The forms:
test_runtime_forms_html.py; in the browser: test_estimator.py,
test_obligation_page.py.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from eligibility import law, obligation, parameters
from eligibility.hours import (
    ESTIMATE_NOTE,
    FORMULA,
    HOURS_FIELDS,
    HOURS_FIELDS_BY_ID,
    estimate_from_form,
    insertion_hours,
    worked_example,
)
from eligibility.typography import format_number_fr
from support.built_html import Element, article, parse_file

SECTION = "maitres-ouvrage"
GUIDE = f"{SECTION}/index.html"
ESTIMATOR = f"{SECTION}/estimer-les-heures/index.html"
CHECK = f"{SECTION}/mon-marche/index.html"
PAGES = (GUIDE, ESTIMATOR, CHECK)

# The articles each page relies on, each read before it was cited (the comments
# at the top of docs/maitres-ouvrage/index.md and of the fragments it includes
# say where; L2112-2-1 is cited for the principle its secondary sources agree on).
RULE_ARTICLES = {"L2112-2", "L2112-2-1", "L3114-2-1", "R2152-7", "R2121-1", "R2121-5", "L2312-1-1"}
GUIDE_ARTICLES = RULE_ARTICLES | {"L2111-1", "L2152-7", "L2113-12", "L2113-13", "L2113-14", "R2113-7"}
CHECK_ARTICLES = RULE_ARTICLES


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


@pytest.mark.parametrize(("page", "articles"), [(GUIDE, GUIDE_ARTICLES), (CHECK, CHECK_ARTICLES)])
def test_each_page_cites_exactly_the_articles_checked_for_it(site_dir: Path, page: str, articles: set[str]) -> None:
    cited = {a.attrs["data-article"] for a in legal_links(article(site_dir / page))} - {""}
    assert cited == articles


def test_the_guide_states_the_august_2026_obligation_and_which_consultations_it_applies_to(guide: Element) -> None:
    reform = guide.find(id="reforme")
    assert reform.tag == "h2"
    text = guide.text
    start = law.format_date_fr(law.SOCIAL_CONDITION_START.value)
    decree = law.format_date_fr(law.DECREE_2022_767_START.value)
    assert f"Pour une consultation lancée depuis le {start}" in text
    assert "doit prévoir une condition d'exécution qui prend en compte le domaine social ou l'emploi" in text
    assert f"le {decree} pour les articles réglementaires modifiés par le décret n° 2022-767" in text
    assert f"Légifrance date les nouvelles versions du {start}" in text
    assert "Une consultation lancée avant reste soumise aux textes d'avant la réforme." in text
    # What was not read is said, and sent to the guichet, not paraphrased.
    assert "Nous n'avons pas pu lire le texte exact de ces cas pour les marchés publics" in text
    assert "« prennent en compte des considérations relatives à l'environnement. Elles peuvent également" in text


def test_the_guide_no_longer_describes_the_code_as_it_was(guide: Element) -> None:
    text = guide.text
    assert "Voici les trois" not in text
    assert "soit sur un seul critère, le prix ou le coût" not in text
    assert "Le prix seul ne suffit plus" in text
    assert "« Au moins l'un d'entre eux prend en compte les caractéristiques environnementales de l'offre. »" in text
    assert "« peuvent également comprendre des aspects qualitatifs ou sociaux »" in text


def test_the_guide_says_what_the_contract_documents_state_a_minima_and_which_ccag_numbers_were_checked(
    guide: Element,
) -> None:
    section = guide.text.split("3. Ce que les documents du marché doivent dire", 1)[1]
    for item in ("le périmètre de l'action à réaliser", "les coordonnées du facilitateur, le cas échéant",
                 "les profils de publics éligibles à la clause d'insertion",
                 "le volume horaire d'insertion à la charge du titulaire"):
        assert item in section
    assert "« ils précisent a minima »" in section and "« relèvent notamment »" in section
    assert "16.1 dans le CCAG des techniques de l'information et de la communication (CCAG-TIC)" in section
    assert "Nous n'avons pas pu vérifier son numéro dans les autres CCAG" in section


@pytest.mark.parametrize("page", [GUIDE, CHECK])
def test_thresholds_are_rendered_from_the_parameters_with_their_period(site_dir: Path, page: str) -> None:
    periods = article(site_dir / page).find_all("section", cls="european-thresholds__period")
    assert [p.attrs["data-period-start"] for p in periods] == [
        held.period.start.isoformat() for held in reversed(law.EUROPEAN_THRESHOLDS)
    ]
    for section, held in zip(periods, reversed(law.EUROPEAN_THRESHOLDS), strict=True):
        text = section.text
        assert section.find("h3").text == f"Seuils des consultations lancées {held.period.text()}"
        for amount in (held.works, held.central, held.other, held.utilities):
            assert f"{flat(format_number_fr(amount))} € HT" in text
        assert flat(held.source) in section.find("p", cls="source").text
    assert "Seuils des consultations lancées du 1er janvier 2026 au 31 décembre 2027" in periods[0].text


def test_the_check_page_states_the_rule_the_period_it_knows_and_what_it_does_not_cover(site_dir: Path) -> None:
    text = article(site_dir / CHECK).text
    assert f"Ce test connaît les consultations lancées {law.held_period().text()}." in text
    assert "Les contrats de concession" in text and "les marchés de défense ou de sécurité" in text
    for line in obligation.summary():
        assert flat(line) in text


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
    for source in (
        parameters.AVERAGE_LABOUR_SHARE.source,
        parameters.INSERTION_RATE_LOW.source,
        parameters.LABOUR_COST_CONSTRUCTION.source,
        parameters.LABOUR_COST_ALL_SECTORS.source,
        parameters.ANNUAL_WORKING_HOURS.source,
        parameters.WORKED_EXAMPLE.source,
    ):
        assert any(flat(source) in text for text in sources), source
    items = [li.text for li in estimator_page.find_all("li")]
    for trade in parameters.LABOUR_SHARES:
        assert f"{trade.label} : {trade.percent} %" in items
    for url in parameters.PUBLIC_SOURCE_URLS:
        outbound = [a for a in estimator_page.find_all("a") if a.attrs.get("href") == url]
        assert len(outbound) == 1 and "external" in outbound[0].attrs["rel"].split(), url
    assert "Val de Bièvre" not in estimator_page.text


def test_estimator_page_dates_the_hourly_cost_and_the_published_example(estimator_page: Element) -> None:
    text = estimator_page.text
    default = HOURS_FIELDS_BY_ID["hourly_cost"].default
    assert f"Valeur proposée : {default} € de l'heure" in text
    assert f"mesuré par l'Insee en {parameters.LABOUR_COST_CONSTRUCTION.year}" in text
    dated = parameters.WORKED_EXAMPLE.dated
    assert f"Exemple publié par la Maison de l'emploi et de la formation Sud 77 ({dated})" in text


def test_the_form_defaults_are_the_current_figures_and_the_example_keeps_its_own(estimator_page: Element) -> None:
    defaults = {f.id: f.default for f in HOURS_FIELDS if f.default is not None}
    assert defaults == {
        "labour_share": str(parameters.AVERAGE_LABOUR_SHARE.value),
        "insertion_rate": str(parameters.INSERTION_RATE_LOW.value),
        "hourly_cost": "35,20",
    }
    example = parameters.WORKED_EXAMPLE
    assert worked_example().hours == insertion_hours(
        example.amount_ht, example.labour_share / 100, example.insertion_rate / 100, example.hourly_cost
    ) == 833
    pairs = [["amount_ht", str(example.amount_ht)], *([k, v] for k, v in defaults.items())]
    assert estimate_from_form(pairs).hours != example.hours


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


def internal_targets(root: Element, page: str) -> set[str]:
    base = urljoin("https://site.invalid/", page)
    return {urlsplit(urljoin(base, a.attrs["href"])).path for a in root.find_all("a") if "href" in a.attrs}


def test_home_page_routes_buyers_to_the_section_the_check_and_the_estimator(site_dir: Path) -> None:
    buyers = next(section for section in article(site_dir / "index.html").find_all("section", cls="audience")
                  if "Vous achetez pour une collectivité" in section.text)
    assert {f"/{SECTION}/", f"/{SECTION}/mon-marche/", f"/{SECTION}/estimer-les-heures/"} <= internal_targets(
        buyers, "index.html")


def test_the_guide_and_the_check_lead_to_each_other_and_to_the_hours(site_dir: Path) -> None:
    assert f"/{SECTION}/mon-marche/" in internal_targets(article(site_dir / GUIDE), GUIDE)
    check_links = internal_targets(article(site_dir / CHECK), CHECK)
    assert {f"/{SECTION}/", f"/{SECTION}/estimer-les-heures/"} <= check_links


def test_the_section_is_in_the_navigation(site_dir: Path) -> None:
    nav = parse_file(site_dir / "index.html").find("nav", cls="md-nav--primary")
    labels = [a.text for a in nav.find_all("a")]
    assert "Mettre la clause dans un marché" in labels
    assert "Clause obligatoire ? Vérifier mon marché" in labels
    assert "Estimer les heures d'insertion" in labels
