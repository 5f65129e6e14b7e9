"""Make Material's own markup valid HTML, so the Nu Html Checker gate stays at zero.

Material for MkDocs 9.8 writes three things the HTML standard forbids; all are
fixed here, on the final HTML, rather than by copying whole
theme templates (``base.html``, ``partials/nav-item.html``) that would then
drift from upstream:

- ``autocomplete="off"`` on its hidden ``type="checkbox"`` toggles (drawer,
  search). ``autocomplete`` is not allowed on checkboxes; Material uses it so
  that Firefox does not restore an open drawer when going back. The attribute
  is dropped from checkboxes only (text inputs keep theirs); the worst case is
  Firefox reopening the menu on "back", which the visitor can close.
- ``tabindex=""`` on the section labels of the navigation (with
  ``navigation.sections``). An empty tabindex is invalid and browsers already
  ignore it, so removing it changes nothing for anyone.
- ``<label for="__toc">``, the title of the table of contents, on a page that is
  not in the navigation (the legal pages, ``not_in_nav``): Material writes the
  ``__toc`` toggle it points to only inside the navigation's entry of the page.
  Pointing to no control is invalid; without ``for`` the label is plain text,
  which is all it can be there.

Applied to every HTML file of the built site, before its Content-Security-Policy
is written (:mod:`sitebuild.finish`).
"""

from __future__ import annotations

import re

_CHECKBOX = re.compile(r"<input\b[^>]*\btype=[\"']?checkbox\b[^>]*>", re.IGNORECASE)
_AUTOCOMPLETE = re.compile(r"\s+autocomplete=(?:\"[^\"]*\"|'[^']*'|[^\s>]+)", re.IGNORECASE)
_EMPTY_TABINDEX = re.compile(r"(<[a-zA-Z][^<>]*?)\s+tabindex=(?:\"\"|'')", re.IGNORECASE)
_TOC_LABEL_FOR = re.compile(r"(<label\b[^<>]*?)\s+for=\"__toc\"")
_TOC_TOGGLE = re.compile(r"<input\b[^<>]*\bid=\"__toc\"")


def valid_html(html: str) -> str:
    """``html`` without the three invalid constructs above; everything else untouched."""
    html = _CHECKBOX.sub(lambda match: _AUTOCOMPLETE.sub("", match.group(0)), html)
    if not _TOC_TOGGLE.search(html):
        html = _TOC_LABEL_FOR.sub(r"\1", html)
    return _EMPTY_TABINDEX.sub(r"\1", html)
