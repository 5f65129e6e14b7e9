"""Material's search worker waits for the runtime on the pages that run the
rules (overrides/hooks/search_after_runtime.py), and search still works there:
after the runtime is ready, and at once when the visitor goes to the search box.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError
from playwright.sync_api import BrowserContext, Page, expect

import quality
from _hooks import load_hook
from test_selfcheck import READY_TIMEOUT_MS, SELFCHECK

hook = load_hook("search_after_runtime")

MATERIAL_WORKER = re.compile(r"/assets/javascripts/workers/search\.[0-9a-f]+\.min\.js$")
RUNTIME_PAGES = ("auto-evaluation/index.html", "maitres-ouvrage/estimer-les-heures/index.html")


def config_block(search: str | None) -> str:
    config = {"base": "..", "features": [], "translations": {"search.result.one": "1 document <trouvé>"}}
    if search is not None:
        config["search"] = search
    return f'\n  <script id="__config" type="application/json">{json.dumps(config)}</script>\n'


def page_config(html_file: Path) -> dict:
    match = hook.CONFIG_SCRIPT.search(html_file.read_text(encoding="utf-8"))
    assert match, html_file
    return json.loads(match["json"])


# --- the filter ----------------------------------------------------------------


def test_filter_points_materials_config_at_the_waiting_worker_and_keeps_the_rest() -> None:
    material = "../assets/javascripts/workers/search.a7633da7.min.js"
    waiting = "../assets/javascripts/workers/search-after-runtime.js"
    block = config_block(material)
    result = hook.search_after_runtime(block, waiting)
    config = json.loads(re.search(r">(\{.*\})<", result).group(1))
    assert config.pop("search") == f"{waiting}?worker=search.a7633da7.min.js"
    before = json.loads(re.search(r">(\{.*\})<", block).group(1))
    before.pop("search")
    assert config == before
    assert "\\u003c" in result, "re-serialised HTML-safe, as Material's tojson does"
    assert result.startswith('\n  <script id="__config" type="application/json">{')


def test_filter_leaves_a_config_without_search_alone() -> None:
    block = config_block(None)
    assert hook.search_after_runtime(block, "workers/search-after-runtime.js") == block


def test_filter_refuses_a_waiting_worker_away_from_materials() -> None:
    # Material's worker loads its lunr languages relative to where it runs.
    with pytest.raises(PluginError, match="must sit next to Material's worker"):
        hook.search_after_runtime(config_block("../assets/javascripts/workers/search.1.min.js"),
                                  "../assets/selfcheck/search-after-runtime.js")


def test_filter_says_when_materials_config_script_is_missing() -> None:
    with pytest.raises(PluginError, match="__config"):
        hook.search_after_runtime("<script>var config = {}</script>", "w.js")


# --- the built site ------------------------------------------------------------


@pytest.mark.parametrize("page", RUNTIME_PAGES)
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


# --- in Chromium -----------------------------------------------------------------


def search_for(page: Page, text: str) -> None:
    page.get_by_role("textbox", name=re.compile("Rechercher", re.I)).first.click()
    page.keyboard.type(text)
    expect(page.locator(".md-search-result__item").first).to_be_visible()


def test_materials_search_worker_starts_after_the_runtime_is_ready(context: BrowserContext, base_url: str) -> None:
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    wheel = quality.HeldWheel(context)
    page = context.new_page()
    with page.expect_request(re.compile(r".*/search/search_index\.json$")):
        page.goto(base_url + SELFCHECK)  # Material creates its search worker before it fetches the index
    wheel.release(page)  # until now the runtime could not be ready
    released_at = len(requests)
    expect(page.locator("[data-selfcheck]")).to_have_attribute("data-selfcheck", "ready", timeout=READY_TIMEOUT_MS)
    search_for(page, "insertion")
    material = [i for i, url in enumerate(requests) if MATERIAL_WORKER.search(url)]
    assert material, "Material's search worker never loaded"
    assert material[0] >= released_at, "it loaded while the runtime was still loading"


def test_going_to_the_search_box_starts_search_while_the_runtime_loads(context: BrowserContext, base_url: str) -> None:
    quality.HeldWheel(context)  # never released: the runtime stays loading
    page = context.new_page()
    page.goto(base_url + SELFCHECK)
    search_for(page, "insertion")
    expect(page.locator("[data-selfcheck]")).to_have_attribute("data-selfcheck", "loading")
