"""Make Material's own markup valid HTML, so the Nu Html Checker gate stays at zero.

Material for MkDocs 9.8 writes two things the HTML standard forbids, on every
page; both are fixed here, on the final HTML, rather than by copying whole
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

Applied to every HTML file of the built site, before its Content-Security-Policy
is written (:mod:`sitebuild.finish`).
"""

from __future__ import annotations

import re

_CHECKBOX = re.compile(r"<input\b[^>]*\btype=[\"']?checkbox\b[^>]*>", re.IGNORECASE)
_AUTOCOMPLETE = re.compile(r"\s+autocomplete=(?:\"[^\"]*\"|'[^']*'|[^\s>]+)", re.IGNORECASE)
_EMPTY_TABINDEX = re.compile(r"(<[a-zA-Z][^<>]*?)\s+tabindex=(?:\"\"|'')", re.IGNORECASE)


def valid_html(html: str) -> str:
    """``html`` without the two invalid constructs above; everything else untouched."""
    html = _CHECKBOX.sub(lambda match: _AUTOCOMPLETE.sub("", match.group(0)), html)
    return _EMPTY_TABINDEX.sub(r"\1", html)
