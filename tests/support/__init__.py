"""What the tests share: readers of the built site, drivers of its pages, and
the observers that make the quality gates (no test module imports another).

- :mod:`support.built_html`: a small HTML tree of built files, and an independent
  reading of their Content-Security-Policy;
- :mod:`support.site`: the built site's pages and addresses, serving it with
  its ``_headers``, building a copy of the project;
- :mod:`support.browser`: axe-core, CSP and request observers, reflow, colour
  schemes, the runtime's wheel held back;
- :mod:`support.selfcheck`, :mod:`support.estimator`: driving each runtime
  page as a visitor does, checked against the Python package;
- :mod:`support.runtime_pages`: one driver per runtime page, so that every
  runtime behaviour is tested once, on every page.
"""
