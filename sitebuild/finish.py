"""What the build does to the built site, once every page is written.

One pass over ``site_dir``, in this order, each step needing the one before:

0. the commune search's index, made by the Python rules
   (:mod:`sitebuild.commune_index`);
1. every HTML file made valid (:mod:`sitebuild.html_fixes`) and given its
   Content-Security-Policy, computed from its final bytes (:mod:`sitebuild.csp`);
2. ``_headers``, the same policies for hosts that read that file
   (:mod:`sitebuild.host_headers`);
3. the Pyodide runtime and the rules' wheel under ``pyodide/``
   (:mod:`sitebuild.pyodide_bundle`);
4. the precompressed siblings of every large file, last because they copy
   final bytes (:mod:`sitebuild.precompress`); skipped for a live preview.

Nothing here depends on MkDocs: any static site generator's post-build step
can call :func:`finish_site` on its output folder
(``overrides/hooks/finish_site.py`` does it for MkDocs).
"""

from __future__ import annotations

from pathlib import Path

from . import csp, host_headers
from .cache import BuildCache
from .commune_index import write_index
from .html_fixes import valid_html
from .precompress import precompress_site
from .pyodide_bundle import RuntimeBundle


def html_files(site_dir: Path) -> list[Path]:
    return sorted(site_dir.rglob("*.html"))


def secure_pages(site_dir: Path) -> dict[str, str]:
    """Fix and give a policy meta tag to every HTML file; returns ``{page URL: header policy}``."""
    policies = {}
    for path in html_files(site_dir):
        relative = path.relative_to(site_dir).as_posix()
        html = csp.with_csp_meta(valid_html(path.read_text(encoding="utf-8")), relative)
        path.write_text(html, encoding="utf-8")
        policies[host_headers.page_url(relative)] = csp.page_policy(html, header=True)
    return policies


def finish_site(
    site_dir: Path,
    *,
    site_url: str | None,
    bundle: RuntimeBundle | None = None,
    compress: bool = True,
    cache: BuildCache | None = None,
) -> None:
    """Finish the built site in ``site_dir``, published at ``site_url``."""
    cache = BuildCache() if cache is None else cache
    write_index(site_dir)
    policies = secure_pages(site_dir)
    headers = host_headers.headers_file(policies, host_headers.site_path(site_url))
    (site_dir / host_headers.FILE_NAME).write_text(headers, encoding="utf-8")
    (bundle or RuntimeBundle(cache=cache)).install(site_dir)
    if compress:
        precompress_site(site_dir, cache)
