"""What the performance work changed in the pages, checked without a stopwatch
(timings live in `make bench`, never in `make test`):

- the search dialog has an accessible name (Lighthouse / axe ``aria-dialog-name``),
  through a copy of Material's partial that must not drift from upstream;
- content pages reference neither the worker nor any Pyodide file (the
  browser check of what they fetch is in test_selfcheck.py);
- the pages that run Pyodide start its worker from the head, before any
  stylesheet (a script after a stylesheet waits for it) but after a preload of
  the form's own stylesheets (which would otherwise queue behind Pyodide).
"""

from __future__ import annotations

import re
from pathlib import Path

import material

from _site_html import parse_file

ROOT = Path(__file__).resolve().parent.parent
MATERIAL_SEARCH = Path(material.__file__).parent / "templates" / "partials" / "search.html"
OUR_SEARCH = ROOT / "overrides" / "partials" / "search.html"
DIALOG_TAG = '<div class="md-search" data-md-component="search" role="dialog"'


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


def test_content_pages_reference_no_worker_and_no_pyodide_file(site_dir: Path) -> None:
    offenders = {}
    for path in sorted(site_dir.rglob("index.html")):
        html = path.read_text(encoding="utf-8")
        if re.search(r"<[^>]+\sdata-selfcheck[\s=>]", html):
            continue  # pages that run Pyodide
        found = re.findall(r"""(?:src|href)="[^"]*(?:/pyodide/|assets/selfcheck/)[^"]*\"""", html)
        if found:
            offenders[path.relative_to(site_dir).as_posix()] = found
    assert offenders == {}


def test_pyodide_pages_start_the_worker_in_the_head_before_any_stylesheet(site_dir: Path) -> None:
    for page in ("auto-evaluation", "maitres-ouvrage/estimer-les-heures"):
        head = (site_dir / page / "index.html").read_text(encoding="utf-8").split("</head>", 1)[0]
        starter = head.find("new Worker(")
        assert starter != -1, page
        assert head.rfind("<script>", 0, starter) < starter < head.find('rel="stylesheet"'), page
        # ...but after the form's own stylesheets have been asked for: they must not queue behind Pyodide.
        for stylesheet in ("runtime-form.css", "selfcheck.css" if page == "auto-evaluation" else "estimator.css"):
            preload = re.search(rf'<link rel="preload" as="style" href="[^"]*/{stylesheet}">', head)
            assert preload and preload.start() < starter, (page, stylesheet)
        assert '"../assets/selfcheck/worker.mjs"' in head or '"../../assets/selfcheck/worker.mjs"' in head, page
