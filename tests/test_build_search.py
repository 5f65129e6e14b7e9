"""Search on every page: Material's search with French stemming, its dialog
named for screen readers through a copy of Material's partial that must not
drift from upstream, and its worker held back on the runtime pages
(sitebuild/search_after_runtime.py). Search in Chromium: test_search.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import material
import pytest

from sitebuild.errors import BuildError
from sitebuild.search_after_runtime import CONFIG_SCRIPT, search_after_runtime
from support.built_html import parse_file
from support.site import ROOT, RUNTIME_HTML

MATERIAL_WORKER = re.compile(r"/assets/javascripts/workers/search\.[0-9a-f]+\.min\.js$")
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


def test_filter_points_materials_config_at_the_waiting_worker_and_keeps_the_rest() -> None:
    material = "../assets/javascripts/workers/search.a7633da7.min.js"
    waiting = "../assets/javascripts/workers/search-after-runtime.js"
    block = config_block(material)
    result = search_after_runtime(block, waiting)
    config = json.loads(re.search(r">(\{.*\})<", result).group(1))
    assert config.pop("search") == f"{waiting}?worker=search.a7633da7.min.js"
    before = json.loads(re.search(r">(\{.*\})<", block).group(1))
    before.pop("search")
    assert config == before
    assert "\\u003c" in result, "re-serialised HTML-safe, as Material's tojson does"
    assert result.startswith('\n  <script id="__config" type="application/json">{')


def test_filter_leaves_a_config_without_search_alone() -> None:
    block = config_block(None)
    assert search_after_runtime(block, "workers/search-after-runtime.js") == block


def test_filter_refuses_a_waiting_worker_away_from_materials() -> None:
    # Material's worker loads its lunr languages relative to where it runs.
    with pytest.raises(BuildError, match="must sit next to Material's worker"):
        search_after_runtime(config_block("../assets/javascripts/workers/search.1.min.js"),
                                  "../assets/runtime/search-after-runtime.js")


def test_filter_says_when_materials_config_script_is_missing() -> None:
    with pytest.raises(BuildError, match="__config"):
        search_after_runtime("<script>var config = {}</script>", "w.js")


# --- the built site ------------------------------------------------------------


@pytest.mark.parametrize("page", RUNTIME_HTML)
def test_runtime_pages_create_the_waiting_worker_with_materials_next_to_it(site_dir: Path, page: str) -> None:
    html_file = site_dir / page
    search = page_config(html_file)["search"]
    path, _, query = search.partition("?")
    assert path.endswith("/assets/javascripts/workers/search-after-runtime.js")
    worker = query.removeprefix("worker=")
    assert re.fullmatch(r"search\.[0-9a-f]+\.min\.js", worker)
    waiting = (html_file.parent / path).resolve()
    assert waiting.is_file() and (waiting.parent / worker).is_file()


@pytest.mark.parametrize("page", ["index.html", "memo/clause-sociale/index.html", "memo/contacts/index.html"])
def test_content_pages_keep_materials_search_worker(site_dir: Path, page: str) -> None:
    assert MATERIAL_WORKER.search("/" + page_config(site_dir / page)["search"].lstrip("./"))


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
