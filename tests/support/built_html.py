"""Reading built HTML in the tests, on the standard library only.

A small tree (:func:`parse`, :class:`Element`): a fact must be *rendered* (in
the page's text, in a given element), and a link must *be* a link, so tests
look at elements rather than substrings. Why not BeautifulSoup: one more
pinned dependency for what ``html.parser`` already does well on MkDocs output.

And an independent reading of a page's Content-Security-Policy
(:func:`read_html`, :func:`csp_of`, :func:`uncovered_inline_scripts`): it does
not reuse ``sitebuild.csp``, so a bug there is not mirrored here.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

VOID = frozenset(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"])


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    children: list[Element | str] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def iter(self) -> Iterator[Element]:
        """This element and every element under it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> list[Element]:
        return [
            e
            for e in self.iter()
            if (tag is None or e.tag == tag)
            and (cls is None or cls in e.classes)
            and all(e.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())
        ]

    def find(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> Element:
        found = self.find_all(tag, cls, **attrs)
        if not found:
            raise LookupError(f"no <{tag or '*'}> with class={cls!r} {attrs} under <{self.tag}>")
        return found[0]

    @property
    def text(self) -> str:
        """Visible-ish text, whitespace collapsed (scripts and styles left out)."""
        parts: list[str] = []

        def walk(node: Element | str) -> None:
            if isinstance(node, str):
                parts.append(node)
            elif node.tag not in ("script", "style", "template"):
                for child in node.children:
                    walk(child)

        walk(self)
        return re.sub(r"\s+", " ", "".join(parts)).strip()


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Element(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(html: str) -> Element:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def parse_file(path: Path) -> Element:
    return parse(path.read_text(encoding="utf-8"))


def article(path: Path) -> Element:
    """The page's content (Material's ``<article class="md-content__inner">``)."""
    return parse_file(path).find("article", cls="md-content__inner")


# --- the policy of a built page, read independently ---------------------------

RUNTIME_MARKER = "data-runtime"
"""The attribute of a runtime page's form wrapper (the page runs Pyodide)."""


def _is_data_block(type_attribute: str) -> bool:
    """JSON data blocks (``application/json``, ``application/ld+json``) never run,
    so CSP does not govern them. Deliberately narrower than the build: any other
    inline script must be hashed, so an exotic type cannot slip past the gate."""
    return type_attribute.split(";")[0].strip().lower().endswith("json")


@dataclass
class Reading:
    """What a page says about its policy."""

    inline_scripts: list[str] = field(default_factory=list)
    csp: list[str] = field(default_factory=list)
    runs_pyodide: bool = False
    head_order: list[str] = field(default_factory=list)
    """Tag names of the elements in <head>, in order ("csp" for the policy,
    "meta-charset" for <meta charset>), to check what comes first."""


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.reading = Reading()
        self._in_head = False
        self._script: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if RUNTIME_MARKER in values:
            self.reading.runs_pyodide = True
        if tag == "head":
            self._in_head = True
            return
        is_csp = tag == "meta" and values.get("http-equiv", "").lower() == "content-security-policy"
        if is_csp:
            self.reading.csp.append(values.get("content", ""))
        if self._in_head:
            kind = "csp" if is_csp else "meta-charset" if tag == "meta" and "charset" in values else tag
            self.reading.head_order.append(kind)
        if tag == "script" and "src" not in values:
            self._script = None if _is_data_block(values.get("type", "")) else []

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self._in_head = False
        if tag == "script" and self._script is not None:
            self.reading.inline_scripts.append("".join(self._script))
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)


def read_html(html: str) -> Reading:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.reading


def runs_pyodide(html: str) -> bool:
    """True for a runtime page: an element carries ``data-runtime``."""
    return read_html(html).runs_pyodide


def inline_scripts(html: str) -> list[str]:
    """The text of every executable inline script, as the browser would hash it."""
    return [text.replace("\r\n", "\n").replace("\r", "\n") for text in read_html(html).inline_scripts]


def csp_of(html: str) -> dict[str, list[str]]:
    """The page's meta policy as {directive: [sources]}; empty if there is none."""
    metas = read_html(html).csp
    if not metas:
        return {}
    policy: dict[str, list[str]] = {}
    for directive in metas[0].split(";"):
        words = directive.split()
        if words:
            policy.setdefault(words[0].lower(), words[1:])
    return policy


def sha256_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def uncovered_inline_scripts(html: str) -> list[str]:
    """Inline scripts whose hash is missing from the page's ``script-src``
    (the first 80 characters of each, to name them in a failure)."""
    sources = set(csp_of(html).get("script-src", []))
    return [text[:80] for text in inline_scripts(html) if sha256_source(text) not in sources]
