"""Quality gate: every link of the built site resolves.

Every URL in the built HTML (``href``, ``src``, ``srcset``, ``action``…) is
resolved the way a browser would, from the page's own address; an internal
one must name a file of the site and, with a ``#fragment``, an ``id`` (or
``<a name>``) in it. Leaving the site is only allowed by a plain link the
visitor chooses, to the hosts listed below (the memo's aude.fr, the official
texts, the legal pages' public bodies), marked
``rel="external"`` (``sitebuild/links.py`` adds it); nothing
else (stylesheet, script, image…) may come from elsewhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from support.site import OUTBOUND_HOSTS, built_pages, url_of

ALLOWED_HOSTS = OUTBOUND_HOSTS
"""The memo's outbound link, Légifrance, the estimator's public sources and the legal pages' hosts (support.site)."""

URL_ATTRIBUTES = {"href", "src", "action", "data", "poster", "cite", "formaction", "xlink:href"}
SRCSET_ATTRIBUTES = {"srcset", "imagesrcset"}
BASE = "http://site.invalid/"  # where the pages are resolved from; any origin would do


@dataclass
class Link:
    page: str
    tag: str
    url: str
    rel: list[str]


@dataclass
class _Document:
    links: list[Link] = field(default_factory=list)
    anchors: set[str] = field(default_factory=set)
    canonical: str | None = None


class _LinkParser(HTMLParser):
    def __init__(self, page: str) -> None:
        super().__init__()
        self.page = page
        self.document = _Document()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if "id" in values:
            self.document.anchors.add(values["id"])
        if tag == "a" and "name" in values:
            self.document.anchors.add(values["name"])
        rel = values.get("rel", "").lower().split()
        if tag == "link" and "canonical" in rel:
            self.document.canonical = values.get("href")
        for name, value in values.items():
            if name in URL_ATTRIBUTES:
                self.document.links.append(Link(self.page, tag, value.strip(), rel))
            elif name in SRCSET_ATTRIBUTES:
                for candidate in value.split(","):
                    if candidate.strip():
                        self.document.links.append(Link(self.page, tag, candidate.split()[0], rel))

    handle_startendtag = handle_starttag


def parse(site_dir: Path, page: str) -> _Document:
    parser = _LinkParser(page)
    parser.feed((site_dir / page).read_text(encoding="utf-8"))
    parser.close()
    return parser.document


def page_base(page: str) -> str:
    """The address a built file is served at, under BASE (``memo/x/index.html`` -> ``…/memo/x/``)."""
    return url_of(BASE.rstrip("/"), page)


def host_allowed(host: str | None) -> bool:
    return host is not None and any(host == allowed or host.endswith("." + allowed) for allowed in ALLOWED_HOSTS)


def target_file(site_dir: Path, path: str) -> Path | None:
    """The file a static host serves for a site path, or None."""
    candidate = site_dir / unquote(path).lstrip("/")
    if path.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def check_links(site_dir: Path) -> list[str]:
    """Every problem with the built site's links, one readable line each."""
    pages = built_pages(site_dir)
    documents = {page: parse(site_dir, page) for page in pages}
    home = documents.get("index.html")
    site_url = home.canonical if home and home.canonical else None
    site_parts = urlsplit(site_url) if site_url else None
    problems: list[str] = []

    for page, document in documents.items():
        for link in document.links:
            where = f"{page}: <{link.tag}> {link.url!r}"
            if not link.url:
                if link.tag != "form":  # an empty action submits to the page itself
                    problems.append(f"{where}: empty URL")
                continue
            parts = urlsplit(link.url)
            scheme = parts.scheme.lower()
            if scheme == "mailto":
                if "@" not in parts.path:
                    problems.append(f"{where}: not an e-mail address")
                continue
            if scheme == "tel":
                if not re.fullmatch(r"\+?\d{6,15}", parts.path):
                    problems.append(f"{where}: not a phone number")
                continue
            if scheme not in ("", "http", "https"):
                problems.append(f"{where}: scheme {scheme!r} is not allowed")
                continue
            if parts.netloc:
                internal = site_parts is not None and (parts.scheme, parts.netloc) == (
                    site_parts.scheme,
                    site_parts.netloc,
                ) and parts.path.startswith(site_parts.path)
                if not internal:
                    if link.tag != "a":
                        problems.append(f"{where}: loads something from another site")
                    elif not host_allowed(parts.hostname):
                        problems.append(f"{where}: outbound link to a host that is not allowed {ALLOWED_HOSTS}")
                    elif "external" not in link.rel:
                        problems.append(f'{where}: outbound link without rel="external"')
                    continue
                path = "/" + parts.path[len(site_parts.path):]  # type: ignore[union-attr]
            else:
                resolved = urlsplit(urljoin(page_base(page), link.url))
                path = resolved.path
                # A root-relative URL is relative to the site's own path (404.html uses them).
                if link.url.startswith("/") and site_parts and path.startswith(site_parts.path):
                    path = "/" + path[len(site_parts.path):]
            target = target_file(site_dir, path)
            if target is None:
                problems.append(f"{where}: no file for {path}")
                continue
            fragment = unquote(parts.fragment)
            if fragment and target.suffix == ".html":
                target_page = target.relative_to(site_dir).as_posix()
                anchors = documents[target_page].anchors if target_page in documents else set()
                if fragment not in anchors:
                    problems.append(f"{where}: no id {fragment!r} in {target_page}")
    return problems


def test_every_internal_link_and_anchor_resolves(site_dir: Path) -> None:
    problems = check_links(site_dir)
    assert not problems, "broken links:\n" + "\n".join(f"- {problem}" for problem in problems)


def test_pages_link_to_each_other(site_dir: Path) -> None:
    """Guards the checker itself: it must actually see the navigation."""
    links = [link for page in built_pages(site_dir) for link in parse(site_dir, page).links]
    internal = [link for link in links if link.tag == "a" and not urlsplit(link.url).scheme]
    assert len(internal) >= len(built_pages(site_dir))


def test_checker_finds_broken_links_anchors_and_foreign_resources(tmp_path: Path) -> None:
    head = '<link rel="canonical" href="https://clause.example/">'
    (tmp_path / "index.html").write_text(
        f"<html><head>{head}</head><body><h1 id='top'>x</h1>"
        '<a href="#top">ok</a> <a href="other/">ok</a> <a href="other/#here">ok</a>'
        '<a href="https://clause.example/other/">ok, absolute to the site</a>'
        '<a href="https://www.aude.fr/guide" rel="external">ok</a>'
        '<a href="mailto:a@b.fr">ok</a> <a href="tel:+33468105640">ok</a>'
        '<a href="missing/">1</a> <a href="#nowhere">2</a> <a href="other/#gone">3</a>'
        '<a href="https://aude.fr/">4 no rel</a> <a href="https://example.com/" rel="external">5 host</a>'
        '<script src="https://cdn.example.net/x.js"></script>'  # 6
        '<img src="img.png" alt="" srcset="img.png 1x, big.png 2x">'  # 7 (big.png)
        '<a href="javascript:void(0)">8</a>'
        "</body></html>",
        encoding="utf-8",
    )
    (tmp_path / "img.png").write_bytes(b"")
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "index.html").write_text("<p id='here'>here</p>", encoding="utf-8")
    problems = check_links(tmp_path)
    expected = ["'missing/'", "'#nowhere'", "'other/#gone'", "'https://aude.fr/'", "'https://example.com/'",
                "'https://cdn.example.net/x.js'", "'big.png'", "'javascript:void(0)'"]  # fmt: skip
    assert len(problems) == len(expected), problems
    for url, problem in zip(expected, problems, strict=True):
        assert url in problem
