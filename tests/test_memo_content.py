"""The built site says everything the memo says, from the project's one
source per fact, and nothing reaches outside the site.

The expected facts below are copied from the memo
(``tests/memo.txt``, a copy of the memo's text): they are the oracle the
generated pages are checked against, so they are written out here on purpose
rather than read from ``data/`` or ``eligibility/`` (which are what is tested).
"""

from __future__ import annotations

import dataclasses
import importlib
import json
import pkgutil
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

import eligibility
from sitebuild.publisher import SITE_FILE, load_site_info
from support.built_html import Element, article, parse_file
from support.site import OUTBOUND_HOSTS

ROOT = Path(__file__).resolve().parent.parent

# --- the memo, as printed ----------------------------------------------------

DEFINITION = (
    "La clause sociale est un dispositif qui permet à des personnes rencontrant des difficultés "
    "d'insertion professionnelle de revenir vers le marché de l'emploi grâce à un marché public de "
    "travaux, de services ou de fournitures que vous instruisez. Pour cela, vous devez intégrer une "
    "clause sociale dans vos marchés publics. Ainsi, l'entreprise attributaire devra consacrer une "
    "certaine partie des heures de travail à des personnes en insertion sociale ou professionnelle."
)
PUBLICS = (
    "Les allocataires d'un minima social, le RSA, l'allocation aux adultes handicapés, etc.",
    "Les demandeurs d'emploi et âgé.es de plus de 50 ans",
    "Les demandeurs d'emploi de longue durée",
    "Les personnes reconnues travailleurs handicapés par la MDPH",
    "Les moins de 26 ans qui n'ont pas ou peu de qualifications",
)
EXAMPLE_BENEFITS = ("RSA", "allocation aux adultes handicapés")
INTERESTS = (
    "Valoriser vos dépenses publiques en imposant aux entreprises attributaires de réserver un quota "
    "d'heures aux personnes en insertion",
    "Contribuer à la mise en oeuvre des politiques d'insertion sociale sur votre territoire",
    "Réaliser des achats socialement responsables",
    "Accompagner vos citoyen.nes vers le retour à l'emploi",
)
GUICHET_UNIQUE = (
    "Pour vous simplifier vos démarches, Carcassonne agglo, le Département de l'Aude et le Grand "
    "Narbonne mettent à votre disposition une prestation « clé en main » d'ingénierie sociale : le "
    "guichet unique audois."
)
GUIDE = "télécharger le guide sur aude.fr"
AUDE_FR = "http://aude.fr"
CONTACTS = (
    (
        "Carcassonne Agglo",
        "Service clauses d'insertion",
        "04 68 10 56 40",
        "clauses.insertion@carcassonne-agglo.fr",
    ),
    ("Département de l'Aude", "Service insertion", "04 68 11 69 76", "clauseinsertion@ode.fr"),
    (
        "Le Grand Narbonne",
        "Service économie sociale et solidaire et innovation sociale",
        "04 11 23 22 64",
        "l.michaud@legrandnarbonne.com",
    ),
)

# Where each fact lives on the site (section pages), besides the one-page memo.
FACTS_BY_PAGE: dict[str, tuple[str, ...]] = {
    "memo/clause-sociale": (DEFINITION,),
    "memo/publics": PUBLICS + EXAMPLE_BENEFITS,
    "memo/interet": INTERESTS,
    "memo/guichet-unique": (GUICHET_UNIQUE, "clé en main", "ingénierie sociale", "guichet unique audois"),
    "memo/contacts": tuple(field for contact in CONTACTS for field in contact),
    "memo/aller-plus-loin": (GUIDE,),
}
ALL_FACTS = tuple(dict.fromkeys(fact for facts in FACTS_BY_PAGE.values() for fact in facts))

CONTENT_PAGES = (
    "",
    "memo/clause-sociale",
    "memo/publics",
    "memo/interet",
    "memo/guichet-unique",
    "memo/contacts",
    "memo/aller-plus-loin",
    "memo/imprimer",
)


def page_file(site_dir: Path, page: str) -> Path:
    return site_dir / page / "index.html"


def html_files(site_dir: Path) -> list[Path]:
    """Every built HTML file except the Pyodide runtime's (third-party code)."""
    return [p for p in site_dir.rglob("*.html") if "pyodide" not in p.relative_to(site_dir).parts]


def links(root: Element) -> list[Element]:
    return [a for a in root.find_all("a") if "href" in a.attrs]


# --- every fact of the memo ----------------------------------------------------


@pytest.mark.parametrize(
    ("page", "fact"),
    [(page, fact) for page, facts in FACTS_BY_PAGE.items() for fact in facts],
    ids=lambda value: value[:40],
)
def test_each_memo_fact_is_on_its_section_page(site_dir: Path, page: str, fact: str) -> None:
    assert fact in article(page_file(site_dir, page)).text


@pytest.mark.parametrize("fact", ALL_FACTS, ids=lambda value: value[:40])
def test_the_one_page_memo_has_every_fact_of_the_memo(site_dir: Path, fact: str) -> None:
    assert fact in article(page_file(site_dir, "memo/imprimer")).text


def test_the_one_page_memo_lists_the_publics_in_the_memos_order_joined_by_ou(site_dir: Path) -> None:
    flyer = article(page_file(site_dir, "memo/imprimer"))
    items = [li.text for li in flyer.find("ul", cls="criteria-list").find_all("li")]
    assert items == [f"{label} ou" for label in PUBLICS[:-1]] + [PUBLICS[-1]]


@pytest.mark.parametrize("page", ["memo/aller-plus-loin", "memo/imprimer", "memo/contacts"])
def test_the_memos_link_to_aude_fr_is_there_as_printed(site_dir: Path, page: str) -> None:
    outbound = [a for a in links(article(page_file(site_dir, page))) if a.attrs["href"] == AUDE_FR]
    assert len(outbound) == 1
    assert "aude.fr" in outbound[0].text


# --- every quote of the memo is the memo's wording ---------------------------------

MEMO_TEXT = (ROOT / "tests" / "memo.txt").read_text(encoding="utf-8")

MEMO_QUOTE = re.compile(r"[Mm]émo\s*:\s*«\s*([^»]+?)\s*»|[Mm]émo\b[^«»,:.;?!]{0,60}?«\s*([^»]+?)\s*»")
"""A quote the text gives to the memo: « Mémo : « … » » (the sources), or
« Le mémo dit / présente … « … » » with nothing but words in between (a comma,
a colon or a full stop ends the attribution: « ce mémo, utilisez la commande
« Imprimer » » names a button, not the memo)."""


def comparable(text: str) -> str:
    """Case, emphasis marks, apostrophes and spacing aside (the memo prints its title in capitals)."""
    return " ".join(text.replace("**", "").replace("*", "").replace("’", "'").split()).casefold()


def memo_quotes(text: str) -> list[str]:
    return [a or b for a, b in MEMO_QUOTE.findall(text)]


def package_strings() -> Iterator[str]:
    """Every text the rules hold (constants, parameters, criteria, questions): what
    the pages render and what the worker sends to the self-check's result."""
    import eligibility

    seen: set[int] = set()

    def walk(value: object) -> Iterator[str]:
        if id(value) in seen:
            return
        seen.add(id(value))
        if isinstance(value, str):
            yield value
        elif isinstance(value, (list, tuple, set, frozenset)):
            for item in value:
                yield from walk(item)
        elif isinstance(value, dict):
            for item in value.values():
                yield from walk(item)
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            for item in dataclasses.fields(value):
                yield from walk(getattr(value, item.name))

    for info in pkgutil.iter_modules(eligibility.__path__):
        module = importlib.import_module(f"eligibility.{info.name}")
        for name, value in vars(module).items():
            if not name.startswith("__"):
                yield from walk(value)


def site_texts(site_dir: Path) -> Iterator[tuple[str, str]]:
    """(where, text) of every built page: its article, and its title and description."""
    for path in html_files(site_dir):
        document = parse_file(path)
        where = str(path.relative_to(site_dir))
        yield where, document.text
        for meta in document.find_all("meta"):
            if meta.attrs.get("name") == "description":
                yield where, meta.attrs.get("content", "")


def test_every_quote_of_the_memo_on_the_site_is_the_memos_wording(site_dir: Path) -> None:
    memo = comparable(MEMO_TEXT)
    texts = [*site_texts(site_dir), *(("eligibility", text) for text in package_strings())]
    quoted = [(where, quote) for where, text in texts for quote in memo_quotes(text)]
    assert len({quote for _, quote in quoted}) >= 6, quoted  # the sources, the reasons, the pages
    wrong = sorted({(where, quote) for where, quote in quoted if comparable(quote) not in memo})
    assert wrong == [], "quoted as the memo's words, but the memo does not say so: " + repr(wrong)


def test_the_memo_quote_check_sees_a_misquote_and_lets_other_quotes_be() -> None:
    memo = comparable(MEMO_TEXT)
    misquote = "Mémo : « demandeurs d'emploi âgés de plus de 50 ans ». Lu comme 50 ans"
    assert [comparable(q) in memo for q in memo_quotes(misquote)] == [False]
    assert memo_quotes("Le mémo présente le guichet unique comme une prestation « clé en main ».") == ["clé en main"]
    assert memo_quotes("Pour imprimer ce mémo, utilisez la commande « Imprimer ».") == []
    assert memo_quotes("Mémo : « les moins de 26 ans ». Plateforme, critère « Jeunes (-26 ans) ».") == [
        "les moins de 26 ans"
    ]


def test_the_senior_public_is_quoted_with_the_memos_own_words() -> None:
    from eligibility.parameters import SENIOR_MIN_AGE

    assert "« Les demandeurs d'emploi et âgé.es de plus de 50 ans »" in SENIOR_MIN_AGE.source


# --- the "who is it for" page is the eligibility package ---------------------


def test_who_is_it_for_page_lists_exactly_the_criteria_of_the_eligibility_package(site_dir: Path) -> None:
    items = article(page_file(site_dir, "memo/publics")).find_all("li", cls="criterion")
    rendered = [(li.attrs.get("id"), li.find("p", cls="criterion__label").text) for li in items]
    assert rendered == [(c.id, c.label) for c in eligibility.CRITERIA]


def test_who_is_it_for_page_shows_each_criterions_explanation_proof_and_source(site_dir: Path) -> None:
    page = article(page_file(site_dir, "memo/publics"))
    items = {li.attrs["id"]: li for li in page.find_all("li", cls="criterion")}
    for criterion in eligibility.CRITERIA:
        item = items[criterion.id]
        assert item.find("p", cls="criterion__explanation").text == " ".join(criterion.explanation.split())
        assert " ".join(criterion.proof.split()) in item.find("p", cls="criterion__proof").text
        assert " ".join(criterion.source.split()) in item.find("p", cls="criterion__source").text


def test_the_eligibility_labels_are_the_memos_words(site_dir: Path) -> None:
    assert tuple(c.label for c in eligibility.CRITERIA) == PUBLICS


@pytest.mark.parametrize("page", ["", "memo/publics"])
def test_page_links_to_the_self_check(site_dir: Path, page: str) -> None:
    base = "https://site.invalid/" + (page + "/" if page else "")
    anchors = links(article(page_file(site_dir, page)))
    targets = {urlsplit(urljoin(base, a.attrs["href"])).path for a in anchors}
    assert "/auto-evaluation/" in targets


# --- contacts: cards, links, JSON-LD -------------------------------------------


def test_contacts_file_holds_the_memos_contacts() -> None:
    data = yaml.safe_load((ROOT / "data" / "contacts.yml").read_text(encoding="utf-8"))
    rows = [(c["organisation"], c["service"], c["phone"], c["email"]) for c in data["contacts"]]
    assert rows == list(CONTACTS)


def _international(phone: str) -> str:
    return "+33" + phone.replace(" ", "")[1:]


def test_contact_cards_show_each_contact_with_tel_and_mailto_links(site_dir: Path) -> None:
    cards = article(page_file(site_dir, "memo/contacts")).find_all("li", cls="contact-card")
    assert len(cards) == len(CONTACTS)
    for card, (organisation, service, phone, email) in zip(cards, CONTACTS, strict=True):
        assert card.find(cls="contact-card__organisation").text == organisation
        assert card.find(cls="contact-card__service").text == service
        tel = card.find("a", href=f"tel:{_international(phone)}")
        assert tel.text == phone
        mail = card.find("a", href=f"mailto:{email}")
        assert mail.text == email


def test_every_tel_link_is_plus_33_and_nine_digits_from_the_contacts_file(site_dir: Path) -> None:
    expected = {f"tel:{_international(phone)}" for _, _, phone, _ in CONTACTS}
    seen = set()
    for path in html_files(site_dir):
        for a in links(parse_file(path)):
            href = a.attrs["href"]
            if href.lower().startswith("tel:"):
                assert re.fullmatch(r"tel:\+33[1-9]\d{8}", href), f"{path}: {href}"
                assert href in expected, f"{path}: {href} is not a number of the contacts file"
                seen.add(href)
    assert seen == expected


def test_the_departements_card_keeps_the_memos_address_and_says_the_phone_reaches_the_same_service(
    site_dir: Path,
) -> None:
    data = yaml.safe_load((ROOT / "data" / "contacts.yml").read_text(encoding="utf-8"))["contacts"]
    note = next(c["email_note"] for c in data if c["organisation"] == "Département de l'Aude")
    assert "même service" in note and "revient" in note
    for page in ("memo/contacts", "memo/imprimer", "auto-evaluation"):
        cards = parse_file(page_file(site_dir, page)).find_all("li", cls="contact-card")
        assert cards, page
        for card in cards:
            organisation = card.find(cls="contact-card__organisation").text
            notes = card.find_all(cls="contact-card__note")
            if organisation == "Département de l'Aude":
                assert card.find("a", href="mailto:clauseinsertion@ode.fr").text == "clauseinsertion@ode.fr"
                assert [n.text for n in notes] == [note], page
            else:
                assert notes == [], (page, organisation)


MAILTO = re.compile(r"mailto:[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[a-z]{2,}")


def test_every_mailto_link_is_a_plain_address_from_the_contacts_or_the_site_file(site_dir: Path) -> None:
    """The memo's addresses, and the publisher's (data/site.yml, the legal pages) once given."""
    expected = {f"mailto:{email}" for *_, email in CONTACTS}
    publisher = {f"mailto:{SITE_INFO.publisher.email}"} if SITE_INFO.publisher.email else set()
    seen = set()
    for path in html_files(site_dir):
        for a in links(parse_file(path)):
            href = a.attrs["href"]
            if href.lower().startswith("mailto:"):
                assert MAILTO.fullmatch(href), href
                assert href in expected | publisher, f"{path}: {href} is not an address of the contacts or site file"
                seen.add(href)
    assert seen == expected | publisher


def test_contacts_page_json_ld_describes_each_contact_as_in_the_data(site_dir: Path) -> None:
    blocks = parse_file(page_file(site_dir, "memo/contacts")).find_all("script", type="application/ld+json")
    assert len(blocks) == 1
    data = json.loads("".join(c for c in blocks[0].children if isinstance(c, str)))
    assert data["@context"] == "https://schema.org"
    described = [
        (
            node["@type"],
            node["name"],
            node["contactPoint"]["@type"],
            node["contactPoint"]["contactType"],
            node["contactPoint"]["telephone"],
            node["contactPoint"]["email"],
        )
        for node in data["@graph"]
    ]
    assert described == [
        ("GovernmentOrganization", organisation, "ContactPoint", service, _international(phone), email)
        for organisation, service, phone, email in CONTACTS
    ]


# --- French, plain HTML ---------------------------------------------------------------


@pytest.mark.parametrize("page", CONTENT_PAGES)
def test_page_is_in_french_with_its_title(site_dir: Path, page: str) -> None:
    document = parse_file(page_file(site_dir, page))
    assert document.find("html").attrs.get("lang") == "fr"
    assert document.find("article", cls="md-content__inner").find("h1").text


@pytest.mark.parametrize("page", CONTENT_PAGES)
def test_page_content_has_no_inline_script_style_or_event_handler(site_dir: Path, page: str) -> None:
    content = article(page_file(site_dir, page))
    assert not content.find_all("script")
    assert not content.find_all("style")
    for element in content.iter():
        assert "style" not in element.attrs, element
        assert not [name for name in element.attrs if name.startswith("on")], element


# --- nothing from another host ---------------------------------------------------

SITE_INFO = load_site_info(SITE_FILE, publishing=False)

ALLOWED_OUTBOUND_HOSTS = OUTBOUND_HOSTS
"""Hosts a page may *link* to: the one list in support.site."""

URL_ATTRIBUTES = (
    "src", "href", "srcset", "action", "formaction", "poster", "data", "background", "ping", "manifest"
)
CSS_URL = re.compile(r"""url\(\s*(['"]?)(?P<url>[^'")]*)\1\s*\)|@import\s+(['"])(?P<import>[^'"]+)\3""", re.I)
# In code, only URLs with a scheme: "//" also starts comments and regex literals.
ABSOLUTE_URL = re.compile(r"""https?://[A-Za-z0-9.-]+[^\s"'`)<>]*""")
JS_BLOCK_COMMENT = re.compile(r"/\*.*?\*/", re.S)
JS_LINE_COMMENT = re.compile(r"(?m)(^|[\s;{}(),])//[^\n]*")

# Material's vendored JavaScript (assets/javascripts/) names a few remote URLs
# in code. None is requested on this site, and each condition is checked below
# or by the browser test in test_content_pages.py (no request leaves the site).
MATERIAL_INERT_URLS = {
    "https://api.github.com/": "repository facts, fetched only when mkdocs.yml sets repo_url",
    "https://unpkg.com/mermaid@": "loaded only for Mermaid diagrams (the site has none)",
    "https://unpkg.com/resize-observer-polyfill": "loaded only by browsers without ResizeObserver (pre-2020)",
    "https://bit.ly/": "text of a lunr error message in the search worker, never fetched",
}


def site_host(site_dir: Path) -> str | None:
    """The site's own host, as the build wrote it in the canonical link (site_url)."""
    canonical = parse_file(site_dir / "index.html").find("link", rel="canonical")
    return urlsplit(canonical.attrs["href"]).hostname


def _foreign_host(url: str, own: str | None) -> str | None:
    url = url.strip()
    if not re.match(r"(?i)(https?:)?//", url):
        return None  # relative, data:, tel:, mailto:, #fragment
    host = urlsplit(url if "://" in url else "https:" + url).hostname
    return None if host == own else host


def _srcset_urls(value: str) -> list[str]:
    return [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]


def test_no_html_file_loads_or_links_another_host_except_the_memos_outbound_link(site_dir: Path) -> None:
    own = site_host(site_dir)
    problems = []
    for path in html_files(site_dir):
        document = parse_file(path)
        where = path.relative_to(site_dir)
        for element in document.iter():
            for name in URL_ATTRIBUTES:
                if name not in element.attrs:
                    continue
                urls = _srcset_urls(element.attrs[name]) if name == "srcset" else [element.attrs[name]]
                for url in urls:
                    host = _foreign_host(url, own)
                    if host is None:
                        continue
                    rel = element.attrs.get("rel", "").split()
                    is_link = element.tag == "a" and name == "href"
                    if is_link and host in ALLOWED_OUTBOUND_HOSTS and "external" in rel:
                        continue
                    problems.append(f"{where}: <{element.tag} {name}={url!r}>")
            if "style" in element.attrs:
                problems += [f"{where}: style url {u}" for u in _css_urls(element.attrs["style"], own)]
            if element.tag == "style":
                css = "".join(c for c in element.children if isinstance(c, str))
                problems += [f"{where}: <style> url {u}" for u in _css_urls(css, own)]
            if element.tag == "script" and element.attrs.get("type", "") in ("", "module", "text/javascript"):
                code = "".join(c for c in element.children if isinstance(c, str))
                problems += [f"{where}: inline script {u}" for u in ABSOLUTE_URL.findall(code)]
    assert problems == []


def _css_urls(css: str, own: str | None) -> list[str]:
    found = []
    for match in CSS_URL.finditer(css):
        url = match.group("url") or match.group("import") or ""
        if _foreign_host(url, own):
            found.append(url)
    return found


def test_no_stylesheet_loads_from_another_host(site_dir: Path) -> None:
    own = site_host(site_dir)
    problems = {
        str(path.relative_to(site_dir)): urls
        for path in site_dir.rglob("*.css")
        if "pyodide" not in path.relative_to(site_dir).parts
        and (urls := _css_urls(path.read_text(encoding="utf-8"), own))
    }
    assert problems == {}


def _js_urls(code: str) -> set[str]:
    code = JS_LINE_COMMENT.sub(r"\1", JS_BLOCK_COMMENT.sub("", code))
    # www.w3.org: XML namespace names (SVG, XLink), identifiers that are never fetched.
    return {u for u in ABSOLUTE_URL.findall(code) if not u.startswith("http://www.w3.org/")}


def test_no_script_or_json_of_the_site_names_another_host(site_dir: Path) -> None:
    """Our own JS and JSON (not the Pyodide runtime, not Material's vendored bundle) name no remote URL."""
    problems = {}
    for path in site_dir.rglob("*"):
        relative = path.relative_to(site_dir)
        if path.suffix not in (".js", ".mjs", ".json", ".webmanifest") or "pyodide" in relative.parts:
            continue
        if relative.parts[:2] == ("assets", "javascripts") or relative == Path("search/search_index.json"):
            continue
        urls = _js_urls(path.read_text(encoding="utf-8"))
        if urls:
            problems[str(relative)] = sorted(urls)
    assert problems == {}


def test_materials_bundle_names_only_remote_urls_this_site_never_requests(site_dir: Path) -> None:
    named = set()
    for path in (site_dir / "assets" / "javascripts").rglob("*.js"):
        named |= _js_urls(path.read_text(encoding="utf-8"))
    unexplained = {u for u in named if not u.startswith(tuple(MATERIAL_INERT_URLS))}
    assert unexplained == set()
    pages = [parse_file(p) for p in html_files(site_dir)]
    # Material asks GitHub for repository facts only from its "source" component (set by repo_url).
    assert not any(page.find_all(data_md_component="source") for page in pages), "repo_url is set"
    assert not any(page.find_all(cls="mermaid") for page in pages), "a page has a Mermaid diagram"


def test_outbound_links_are_marked_external_with_a_spoken_cue(site_dir: Path) -> None:
    own = site_host(site_dir)
    outbound = [
        (path, a)
        for path in html_files(site_dir)
        for a in links(parse_file(path))
        if _foreign_host(a.attrs["href"], own)
    ]
    assert outbound, "the memo's link to aude.fr should be on the site"
    for path, a in outbound:
        assert "external" in a.attrs.get("rel", "").split(), f"{path}: {a.attrs}"
        assert a.text.endswith("(site externe)"), f"{path}: {a.text!r}"
