"""On the pages that run the rules, start Material's search worker once the
Python runtime is ready.

Why: Material builds its search index in a worker as soon as a page loads,
about 100 ms of CPU that, on two cores, slows Python's start-up on the very
pages where a visitor waits for it (bench/ATTEMPTS.md, 17). Search still works
there: the index is built once the runtime is ready or has failed, or at once
when the visitor goes to the search box.

How: Material creates its search worker from the URL in the page's
``__config`` JSON. ``runtime-page.html`` passes that block through the
``search_after_runtime`` filter (registered by ``overrides/hooks/runtime_pages.py``),
which points the URL at ``assets/javascripts/workers/search-after-runtime.js``
with Material's worker as its ``worker`` parameter. That small worker holds
Material's messages until ``docs/assets/runtime/runtime.js`` says go, then
loads Material's worker in its place.
"""

from __future__ import annotations

import json
import posixpath
import re
from urllib.parse import urlencode

from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup

from .errors import BuildError

CONFIG_SCRIPT = re.compile(r'(<script id="__config" type="application/json">)(?P<json>.*?)(</script>)', re.DOTALL)


def search_after_runtime(config_block: str, waiting_worker: str) -> Markup:
    """Material's config block with its search worker replaced by ``waiting_worker``
    (a page-relative URL in the same folder as Material's worker)."""
    match = CONFIG_SCRIPT.search(config_block)
    if match is None:
        raise BuildError("search_after_runtime: Material's <script id=\"__config\"> not found in the config block")
    config = json.loads(match["json"])
    material = config.get("search")
    if not material:  # the search plugin is off: no worker to hold back
        return Markup(config_block)
    if posixpath.dirname(material) != posixpath.dirname(waiting_worker):
        raise BuildError(f"search_after_runtime: {waiting_worker} must sit next to Material's worker {material}, "
                         "whose relative paths (its lunr languages) depend on where it runs from")
    config["search"] = f"{waiting_worker}?{urlencode({'worker': posixpath.basename(material)})}"
    # Material's own block is trusted template output; only the JSON is re-serialised,
    # as Material's ``tojson`` does (str() first: str + Markup would escape the str).
    json_text = str(htmlsafe_json_dumps(config))
    return Markup(config_block[: match.start("json")] + json_text + config_block[match.end("json") :])
