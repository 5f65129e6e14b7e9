"""The site's build, as plain functions that a static site generator calls.

MkDocs renders the Markdown pages with Material for MkDocs; this package does
everything the project adds around that, without depending on MkDocs:

- before a page is converted: render its source as a Jinja2 template fed with
  the project's data (:mod:`sitebuild.content`, :mod:`sitebuild.contacts`), the
  legal pages' included: the publisher (:mod:`sitebuild.publisher`, required
  for publication), the accessibility statement (:mod:`sitebuild.accessibility`),
  what the browser keeps (:mod:`sitebuild.privacy`), what is reused under a
  licence (:mod:`sitebuild.licences`), the site map (:mod:`sitebuild.site_map`)
  and the footer's links (:mod:`sitebuild.legal_pages`);
- on a page's converted content: mark outbound links (:mod:`sitebuild.links`);
- on a page's final HTML: add schema.org JSON-LD where the page asks for it
  (:mod:`sitebuild.structured_data`);
- in the theme: the pages that run the rules (:mod:`sitebuild.runtime_pages`)
  and Material's search loaded on demand (:mod:`sitebuild.search_on_demand`);
- after the build, on the output folder: valid HTML, the Content-Security-Policy
  of each page, ``_headers``, the Pyodide runtime with the rules' wheel, and
  precompressed siblings (:func:`sitebuild.finish.finish_site`).

``overrides/hooks/*.py`` connect MkDocs' events to these functions, a few
lines each. Problems with the project's input raise
:class:`~sitebuild.errors.BuildError`, with a message naming the file.
"""
