# The README's two commands: `make serve` and `make test`. Everything they need
# is installed here, so that they work on a fresh machine.

SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
HOST := 127.0.0.1
PORT := 8000

# A Python >= 3.12 (pyodide-build and pyodide-lock need it). pyenv and uv read
# .python-version; otherwise the first suitable interpreter on PATH is used.
PYTHON ?= $(shell for p in python3 python3.13 python3.12 python3.14 python; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null \
	&& { command -v $$p; break; }; done)

.PHONY: help serve site test test-fast lint bench deps browser clean

help:
	@echo "make serve   build the site and serve it on http://$(HOST):$(PORT) with live reload"
	@echo "make test    run every test (lint, unit, build, Chromium, Firefox, WebKit)"
	@echo "make test-fast  lint, the rules and the build, no browser (under a minute)"
	@echo "make site    build the site into site/"
	@echo "make bench   measure the self-check and the pages (after make test)"

$(VENV)/.installed: requirements.txt pyproject.toml
	@if [ -z "$(PYTHON)" ]; then \
		echo "error: this project needs Python 3.12 or newer (pyodide-build requires it)." >&2; \
		echo "Install one (e.g. 'pyenv install 3.12' or 'uv python install 3.12') or run 'make PYTHON=/path/to/python3.12 ...'." >&2; \
		exit 1; fi
	@echo "Using $(PYTHON) ($$($(PYTHON) --version))"
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

deps: $(VENV)/.installed node_modules/.installed

# The browsers of the tests and the benchmark, and Java for the HTML validator.
# Where apt is usable as root: Debian's packages, in one apt run (Chromium;
# Firefox ESR; WebKitGTK's WebDriver and MiniBrowser, under Xvfb). Elsewhere:
# Playwright's own Chromium; Playwright's Firefox and WebKit if installed
# (`.venv/bin/playwright install firefox webkit`), else their tests are
# skipped, each with one line saying why (tests/support/engines/).
DEBIAN_PACKAGES := /usr/bin/chromium:chromium /usr/bin/firefox-esr:firefox-esr \
	/usr/bin/WebKitWebDriver:webkit2gtk-driver /usr/bin/Xvfb:xvfb /usr/bin/java:default-jre-headless

browser: $(VENV)/.installed
	@missing=$$(for entry in $(DEBIAN_PACKAGES); do [ -x "$${entry%%:*}" ] || printf '%s ' "$${entry#*:}"; done); \
	if [ -z "$$missing" ]; then echo "Browsers: Chromium, Firefox ESR, WebKitGTK (Debian's packages)"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing Debian packages: $$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else \
		[ -x /usr/bin/chromium ] || $(VENV)/bin/playwright install chromium; \
		echo "warning: cannot install $$missing (apt needs root); tests that need them say so when skipped" >&2; \
	fi

site: deps
	$(PY) -m mkdocs build --strict

serve: deps
	$(PY) -m mkdocs serve --dev-addr $(HOST):$(PORT)

lint: deps
	$(VENV)/bin/ruff check .

test: lint browser
	$(PY) -m pytest

test-fast: lint
	$(PY) -m pytest -m "not browser and not slow"

bench: deps browser
	$(PY) bench/run.py

clean:
	rm -rf site .pytest_cache build dist
