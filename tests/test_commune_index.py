"""The commune search of the content pages answers as the Python rules do.

Content pages must not load Pyodide, so the build writes an index made by
``eligibility.territory`` (``sitebuild/commune_index.py``) and
``docs/assets/commune-search/commune-index.js`` normalises the typed text and
ranks the communes itself. Here that very file runs under Node, fed the very
index, and must agree with ``normalise()`` and ``find_communes()`` on every
one of the 442 names (as written, and as visitors type them) and on text
Hypothesis generates. The browser side (keyboard, screen readers, 320 px, no
JavaScript) is in test_commune_search.py.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eligibility.territory import communes, contact_for, find_communes, normalise, note_template
from sitebuild.commune_index import INDEX, index_data

ROOT = Path(__file__).resolve().parent.parent
SEARCH_MODULE = ROOT / "docs" / "assets" / "commune-search" / "commune-index.js"

NODE_SIDE = r"""
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
const [moduleFile, indexFile] = process.argv.slice(1);
// The browser's file as it is (a .js module), imported whatever Node thinks of .js files.
const source = readFileSync(moduleFile).toString("base64");
const { CommuneIndex, normalise } = await import(`data:text/javascript;base64,${source}`);
const index = new CommuneIndex(JSON.parse(readFileSync(indexFile, "utf8")));
const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  const query = JSON.parse(line);
  const hits = index.find(query).map((hit) => [hit.code, hit.name, hit.contact, index.note(hit)]);
  process.stdout.write(JSON.stringify({ normalised: normalise(query), hits }) + "\n");
}
"""


class NodeSearch:
    """commune-index.js under Node: one query per line, one answer per line."""

    def __init__(self, index_file: Path) -> None:
        node = shutil.which("node")
        assert node, "Node.js is needed to build the site (and by this test)"
        self.process = subprocess.Popen(
            [node, "--input-type=module", "-e", NODE_SIDE, "--", str(SEARCH_MODULE), str(index_file)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8", bufsize=1,
        )

    def ask(self, query: str) -> dict:
        assert self.process.stdin and self.process.stdout
        self.process.stdin.write(json.dumps(query) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        assert line, "the Node side stopped"
        return json.loads(line)

    def close(self) -> None:
        if self.process.stdin:
            self.process.stdin.close()
        self.process.wait(timeout=10)


@pytest.fixture(scope="module")
def node(tmp_path_factory: pytest.TempPathFactory) -> Iterator[NodeSearch]:
    index_file = tmp_path_factory.mktemp("index") / "communes.json"
    index_file.write_text(json.dumps(index_data(), ensure_ascii=False), encoding="utf-8")
    search = NodeSearch(index_file)
    yield search
    search.close()


def python_side(query: str) -> dict:
    hits = find_communes(query)
    return {
        "normalised": normalise(query),
        "hits": [[c.code, c.name, contact_for(c).id, note_template(contact_for(c)).replace("{commune}", c.name)]
                 for c in hits],
    }


def expect_agreement(node: NodeSearch, query: str) -> None:
    assert node.ask(query) == python_side(query), f"JavaScript and Python disagree on {query!r}"


def typed_like_visitors(name: str) -> list[str]:
    """A name as written, and as people type it: capitals, no accents, spaces, short saints, a start."""
    bare = "".join(ch for ch in unicodedata.normalize("NFD", name) if not unicodedata.combining(ch))
    return [
        name,
        name.upper(),
        bare.lower(),
        name.replace("-", " ").replace("'", " "),
        name.replace("Saint-", "St ").replace("Sainte-", "Ste-"),
        f"  {name[:4]} ",
        name[: len(name) // 2],
        name.split("-")[-1],
    ]


@pytest.mark.slow
def test_javascript_and_python_agree_on_all_442_names_and_as_typed(node: NodeSearch) -> None:
    names = [c.name for c in communes()]
    assert len(names) == 442
    for name in names:
        for query in typed_like_visitors(name):
            expect_agreement(node, query)


def test_javascript_and_python_agree_on_every_postal_code(node: NodeSearch) -> None:
    for postal_code in sorted({p for c in communes() for p in c.postal_codes}):
        expect_agreement(node, postal_code)
        expect_agreement(node, f" {postal_code} ")


ODD = ["", " ", "-", "'", "’", "St", "ste", "st.", "SAINT", "œ", "Œuf", "æ", "ß", "ﬁ", "Ａｕｄｅ", "１１２００",
       "١١٢٠٠", "e\u0301", "\u212b", "ǅ", "İ", "ı", "Ⅻ", "½", "x\u0327\u0301", "\U0001f600", "a\u200db"]


@pytest.mark.parametrize("query", ODD, ids=[repr(q) for q in ODD])
def test_javascript_and_python_agree_on_odd_text(node: NodeSearch, query: str) -> None:
    expect_agreement(node, query)


@settings(max_examples=400, deadline=None, derandomize=True, database=None)
@given(st.one_of(
    st.text(max_size=25),
    st.text(alphabet=st.characters(codec="latin-1"), max_size=25),
    st.sampled_from([c.name for c in communes()]).flatmap(
        lambda name: st.integers(0, len(name)).map(lambda cut: name[:cut])),
))
@pytest.mark.slow
def test_javascript_and_python_agree_on_generated_text(node: NodeSearch, query: str) -> None:
    expect_agreement(node, query)


# --- the index the build writes ---------------------------------------------------------


def test_the_built_index_is_what_the_python_rules_say(site_dir: Path) -> None:
    built = json.loads((site_dir / INDEX).read_text(encoding="utf-8"))
    assert built == index_data()
    assert len(built["communes"]) == 442
    assert {row[4] for row in built["communes"]} == {"carcassonne-agglo", "departement-aude", "grand-narbonne"}


def test_the_search_module_is_beside_its_index_in_the_site(site_dir: Path) -> None:
    folder = (site_dir / INDEX).parent
    for name in ("commune-index.js", "commune-combobox.js", "commune-search.js"):
        assert (folder / name).read_bytes() == (SEARCH_MODULE.parent / name).read_bytes()
