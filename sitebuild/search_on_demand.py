"""Material's search, loaded when the visitor goes to the search box.

Why: Material fetches its search index (about 100 KB), its search worker and
the French stemmer as soon as a page loads, and builds the index in the worker:
a third of a content page's bytes, and CPU that, on two cores, slows the pages
where a visitor waits for Python (bench/ATTEMPTS.md, sixth round). Few visitors
search; those who do wait a moment at their first search on a page (the next
pages take the index from the browser's cache).

How: two small scripts in ``overrides/assets/javascripts/``, placed by
``overrides/main.html``. ``search-on-demand.js`` holds the index's request
until the search box gets the focus. Material creates its search worker from
the URL in the page's ``__config`` JSON, which the ``search_on_demand`` filter
(registered by ``overrides/hooks/search_on_demand.py``) points at
``workers/search-on-demand.js`` with Material's worker as its ``worker``
parameter: a stand-in that loads Material's worker with the first message, the
index.
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


def search_on_demand(config_block: str, stand_in: str) -> Markup:
    """Material's config block with its search worker replaced by ``stand_in``
    (a page-relative URL in the same folder as Material's worker)."""
    match = CONFIG_SCRIPT.search(config_block)
    if match is None:
        raise BuildError("search_on_demand: Material's <script id=\"__config\"> not found in the config block")
    config = json.loads(match["json"])
    material = config.get("search")
    if not material:  # the search plugin is off: no worker to stand in for
        return Markup(config_block)
    if posixpath.dirname(material) != posixpath.dirname(stand_in):
        raise BuildError(f"search_on_demand: {stand_in} must sit next to Material's worker {material}, "
                         "whose relative paths (its lunr languages) depend on where it runs from")
    config["search"] = f"{stand_in}?{urlencode({'worker': posixpath.basename(material)})}"
    # Material's own block is trusted template output; only the JSON is re-serialised,
    # as Material's ``tojson`` does (str() first: str + Markup would escape the str).
    json_text = str(htmlsafe_json_dumps(config))
    return Markup(config_block[: match.start("json")] + json_text + config_block[match.end("json") :])
