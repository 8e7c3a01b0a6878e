# The commands people use are the ones CI uses (.ci/run calls `make test`).
# `make serve` and `make test` set everything up themselves on a fresh machine.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip
PIP_INSTALL := $(PIP) install --quiet --disable-pip-version-check -c constraints.txt
SERVE_ARGS ?=
PYTEST_ARGS ?=
COURSE_OUT ?= build/course
# reveal.js for the standalone slide decks, fetched by npm at a pinned version and checksum.
REVEAL := $(VENV)/share/refocus-kit/reveal.js/VERSION
# configurable-http-proxy for the JupyterHub test (tests/hub), installed by npm from a lock file.
CHP_DIR := $(VENV)/share/refocus-kit/chp
CHP := $(CHP_DIR)/.installed

.PHONY: help serve demo test lint format check-python test-tools lock bench clean course reveal chp

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (set PYTHON=...)")'

$(BIN)/python: | check-python
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --disable-pip-version-check --upgrade pip

# Stamps: reinstall only when the pins, the package metadata or the files it installs into the
# Lab (its settings, the kit's RISE and due-dates extensions) change.
LAB_FILES := $(shell find widgets/refocus_kit/course/lab widgets/refocus_kit/exercises/lab -type f)
$(VENV)/.installed-run: pyproject.toml constraints.txt $(LAB_FILES) | $(BIN)/python
	$(PIP_INSTALL) -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml constraints.txt $(VENV)/.installed-run
	$(PIP_INSTALL) -e ".[test]"
	touch $@

$(REVEAL): tools/fetch-revealjs.sh | $(BIN)/python
	bash tools/fetch-revealjs.sh $(dir $@)

reveal: $(REVEAL)  ## Fetch reveal.js (pinned, checksum checked) for the offline slide decks

$(CHP): tools/install-chp.sh tools/chp/package.json tools/chp/package-lock.json | $(BIN)/python
	bash tools/install-chp.sh $(CHP_DIR)

chp: $(CHP)  ## Install configurable-http-proxy (pinned, locked) for the JupyterHub test

course: $(VENV)/.installed-run $(REVEAL)  ## Build every deck, handout and run-sheet into build/course
	$(BIN)/refocus course build --out $(COURSE_OUT)
	$(BIN)/refocus course guides --out facilitator_guides

serve: $(VENV)/.installed-run  ## Start the kit on its embedded store (SERVE_ARGS="--port 8890")
	$(BIN)/refocus serve $(SERVE_ARGS)

demo: $(VENV)/.installed-run  ## Start the kit with fictional demo data loaded
	$(BIN)/refocus serve --demo $(SERVE_ARGS)

test-tools:  ## Install the system tools the suite needs (Chromium, PostgreSQL) when missing
	@bash tools/install-test-tools.sh

test: $(VENV)/.installed-test test-tools $(REVEAL) $(CHP)  ## Lint, type-check, then run the whole suite
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-test  ## Lint, check formatting and type-check only
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(VENV)/.installed-test  ## Apply ruff's fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(VENV)/.installed-test $(REVEAL) $(CHP) test-tools  ## Run every benchmark, printing figures and baselines
	@for b in bench/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

lock: | check-python  ## Re-resolve every pin into constraints.txt from pyproject.toml
	rm -rf build/lock-venv
	$(PYTHON) -m venv build/lock-venv
	build/lock-venv/bin/python -m pip install --quiet --upgrade pip
	build/lock-venv/bin/python -m pip install --quiet -e ".[test]"
	build/lock-venv/bin/python -m pip freeze --exclude-editable --all \
	  | grep -v -E '^(pip|setuptools|wheel)==' > constraints.txt
	rm -rf build/lock-venv

clean:  ## Remove the virtual environment and caches (never the data folder)
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache build
