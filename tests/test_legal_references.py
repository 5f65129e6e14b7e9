"""Every article of a code that any built page names links to its official
text on Légifrance, through the one macro (``overrides/fragments/legifrance.html``,
addresses from ``eligibility.law``).

Checked on every page the build writes, text node by text node: an article
number (``L2112-2-1``, ``R. 2152-7``…) must sit in a block (paragraph, list
item, heading, cell…) that holds the link to that article, or in a rendered
source paragraph (``p.source``) of a page that links to it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from eligibility import law
from support.built_html import Element, article, parse
from support.site import expected_pages

ARTICLE_NUMBER = re.compile(r"\b[LRD]\.? ?\d{3,4}-\d+(?:-\d+)*\b")
BLOCKS = frozenset({
    "p", "li", "dt", "dd", "td", "th", "caption", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "figcaption", "summary", "legend", "label",
})
CODE_PAGES = {code.name: f"https://www.legifrance.gouv.fr/codes/id/{code.legitext}/" for code in law.CODES.values()}


def normalised(number: str) -> str:
    return number.replace(".", "").replace(" ", "")


def legal_links(root: Element) -> list[Element]:
    return root.find_all("a", cls="legal-reference")


def texts_with_their_block(node: Element, block: Element) -> Iterator[tuple[str, Element]]:
    """Every text of ``node`` with the nearest block element holding it."""
    if node.tag in ("script", "style"):
        return
    here = node if node.tag in BLOCKS else block
    for child in node.children:
        if isinstance(child, str):
            yield child, here
        else:
            yield from texts_with_their_block(child, here)


def unlinked_article_numbers(content: Element) -> list[str]:
    cited = {a.attrs.get("data-article") for a in legal_links(content)}
    problems = []
    for text, block in texts_with_their_block(content, content):
        for found in ARTICLE_NUMBER.findall(text):
            number = normalised(found)
            linked = {a.attrs.get("data-article") for a in legal_links(block)}
            quoted_source = block.tag == "p" and "source" in block.classes and number in cited
            if number not in linked and not quoted_source:
                problems.append(f"article {number} without its Légifrance link in <{block.tag}>: {block.text[:100]!r}")
    return problems


@pytest.mark.parametrize("page", expected_pages())
def test_no_article_number_appears_outside_a_legifrance_link_or_a_quoted_source(site_dir: Path, page: str) -> None:
    problems = unlinked_article_numbers(article(site_dir / page))
    assert not problems, f"{page}:\n" + "\n".join(problems)


@pytest.mark.parametrize("page", expected_pages())
def test_every_legal_link_goes_to_legifrance_marked_external_with_its_number_in_the_text(
    site_dir: Path, page: str
) -> None:
    for link in legal_links(article(site_dir / page)):
        number = link.attrs["data-article"]
        if not number:
            continue  # the result's article template, filled by the page's script
        code = link.text.split(", article")[0]
        assert link.attrs["href"] == CODE_PAGES[code], link.attrs
        assert link.text == f"{code}, article {number} (site externe)"
        assert "external" in link.attrs.get("rel", "").split()


def test_the_gate_finds_an_article_named_without_its_link() -> None:
    content = parse(
        '<article><p>Voir l\'article L. 2112-2-1.</p>'
        '<ul><li>Le <a class="legal-reference" data-article="R2152-7" href="#">Code…, article R2152-7</a></li>'
        '<li>Aussi R2152-7 et L2113-14</li></ul>'
        '<p class="source">Source : L2113-14 et R2152-7.</p></article>'
    )
    problems = unlinked_article_numbers(content)
    assert [p.split(" without")[0] for p in problems] == [
        "article L2112-2-1", "article R2152-7", "article L2113-14", "article L2113-14",
    ]
