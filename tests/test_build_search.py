"""Search on every page: Material's search with French stemming, its dialog
named for screen readers through a copy of Material's partial that must not
drift from upstream, and its index and worker loaded on demand
(sitebuild/search_on_demand.py). Search in Chromium: test_search.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import material
import pytest

from sitebuild.errors import BuildError
from sitebuild.search_on_demand import CONFIG_SCRIPT, search_on_demand
from support.built_html import parse_file
from support.site import ROOT, built_pages, built_target

MATERIAL_BUNDLE = re.compile(r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js$")
MATERIAL_SEARCH = Path(material.__file__).parent / "templates" / "partials" / "search.html"
OUR_SEARCH = ROOT / "overrides" / "partials" / "search.html"
DIALOG_TAG = '<div class="md-search" data-md-component="search" role="dialog"'


def config_block(search: str | None) -> str:
    config = {"base": "..", "features": [], "translations": {"search.result.one": "1 document <trouvé>"}}
    if search is not None:
        config["search"] = search
    return f'\n  <script id="__config" type="application/json">{json.dumps(config)}</script>\n'


def page_config(html_file: Path) -> dict:
    match = CONFIG_SCRIPT.search(html_file.read_text(encoding="utf-8"))
    assert match, html_file
    return json.loads(match["json"])


# --- the filter ----------------------------------------------------------------


def test_filter_points_materials_config_at_the_stand_in_worker_and_keeps_the_rest() -> None:
    material = "../assets/javascripts/workers/search.a7633da7.min.js"
    stand_in = "../assets/javascripts/workers/search-on-demand.js"
    block = config_block(material)
    result = search_on_demand(block, stand_in)
    config = json.loads(re.search(r">(\{.*\})<", result).group(1))
    assert config.pop("search") == f"{stand_in}?worker=search.a7633da7.min.js"
    before = json.loads(re.search(r">(\{.*\})<", block).group(1))
    before.pop("search")
    assert config == before
    assert "\\u003c" in result, "re-serialised HTML-safe, as Material's tojson does"
    assert result.startswith('\n  <script id="__config" type="application/json">{')


def test_filter_leaves_a_config_without_search_alone() -> None:
    block = config_block(None)
    assert search_on_demand(block, "workers/search-on-demand.js") == block


def test_filter_refuses_a_stand_in_away_from_materials_worker() -> None:
    # Material's worker loads its lunr languages relative to where it runs.
    with pytest.raises(BuildError, match="must sit next to Material's worker"):
        search_on_demand(config_block("../assets/javascripts/workers/search.1.min.js"),
                                  "../assets/runtime/search-on-demand.js")


def test_filter_says_when_materials_config_script_is_missing() -> None:
    with pytest.raises(BuildError, match="__config"):
        search_on_demand("<script>var config = {}</script>", "w.js")


# --- the built site ------------------------------------------------------------


def site_pages(site_dir: Path) -> list[str]:
    return [page for page in built_pages(site_dir) if not page.startswith("pyodide/")]


def test_every_page_creates_the_stand_in_worker_with_materials_next_to_it(site_dir: Path) -> None:
    pages = site_pages(site_dir)
    assert len(pages) > 10
    for page in pages:
        search = page_config(site_dir / page)["search"]
        path, _, query = search.partition("?")
        stand_in = built_target(page, path)
        assert stand_in == "assets/javascripts/workers/search-on-demand.js", page
        worker = query.removeprefix("worker=")
        assert re.fullmatch(r"search\.[0-9a-f]+\.min\.js", worker), page
        assert (site_dir / stand_in).is_file() and (site_dir / stand_in).with_name(worker).is_file(), page


def test_every_page_holds_the_index_request_from_just_before_materials_bundle(site_dir: Path) -> None:
    for page in site_pages(site_dir):
        scripts = parse_file(site_dir / page).find_all("script")
        sources = [built_target(page, script.attrs["src"]) if "src" in script.attrs else "" for script in scripts]
        bundle = next(i for i, src in enumerate(sources) if MATERIAL_BUNDLE.fullmatch(src))
        assert sources[bundle - 1] == "assets/javascripts/search-on-demand.js", page
        assert (site_dir / sources[bundle - 1]).is_file()
        assert built_target(page, scripts[bundle - 1].attrs["data-index"]) == "search/search_index.json", page


# --- the search dialog, named ------------------------------------------------------


def _without_leading_comment(template: str) -> str:
    return template.split("-#}\n", 1)[1] if template.startswith("{#-") else template


def test_our_search_partial_is_materials_plus_the_dialog_name_only() -> None:
    ours = _without_leading_comment(OUR_SEARCH.read_text(encoding="utf-8"))
    upstream = _without_leading_comment(MATERIAL_SEARCH.read_text(encoding="utf-8"))
    named = f"{DIALOG_TAG} aria-label=\"{{{{ lang.t('search') }}}}\">"
    assert named in ours
    assert ours.replace(named, f"{DIALOG_TAG}>") == upstream


def test_the_search_dialog_has_an_accessible_name_on_every_page(site_dir: Path) -> None:
    unnamed = []
    for path in sorted(site_dir.rglob("*.html")):
        if "pyodide" in path.relative_to(site_dir).parts:
            continue
        for dialog in parse_file(path).find_all(role="dialog"):
            if not dialog.attrs.get("aria-label", "").strip():
                unnamed.append(path.relative_to(site_dir).as_posix())
    assert unnamed == []


def test_search_uses_french_stemming(site_dir: Path) -> None:
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["fr"]
