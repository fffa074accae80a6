# Two commands on a fresh machine: `make run` (set up, build, serve) and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
export DBT_SEND_ANONYMOUS_USAGE_STATS := false

.PHONY: setup build run serve test lint test-python test-fixture-build bench-build bench-api \
        bench-recommender docs sample clean

$(INSTALLED): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else \
		"Python 3.11 is required (found " + sys.version.split()[0] + "): set PYTHON=/path/to/python3.11")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e ".[dev]"
	touch $(INSTALLED)

setup: $(INSTALLED)

## Build the warehouse from the raw data (RAW_DATA_DIR, ../shared/data, else data/sample).
build: setup
	$(BIN)/python -m warehouse build

## Set up, build, then serve the API on http://$(HOST):$(PORT) (follows later rebuilds).
run: build
	$(BIN)/python -m warehouse serve --host $(HOST) --port $(PORT)

serve: setup
	$(BIN)/python -m warehouse serve --host $(HOST) --port $(PORT)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/sqlfluff lint dbt_project/models dbt_project/tests

## dbt build (models, unit tests, data tests) on the hand-written fixture, via the CLI.
test-fixture-build: setup
	$(BIN)/python -m warehouse build --quiet --raw tests/fixtures/raw \
		--target build/test/fixture/warehouse.duckdb

test-python: setup
	$(BIN)/python -m pytest

## Every check: ruff, sqlfluff, dbt build on the fixture, pytest (full-data tests run when
## ../shared/data or RAW_DATA_DIR is there).
test: lint test-fixture-build test-python

bench-build: setup
	$(BIN)/python bench/build.py

bench-recommender: setup
	$(BIN)/python bench/recommender.py
	$(BIN)/python bench/recommender_users.py

bench-api: setup
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(BIN)/python bench/api.py

## dbt docs (lineage, models, columns, tests) of the live build as one self-contained page,
## build/docs/index.html, which the API serves at /warehouse-docs.
docs: setup
	$(BIN)/python -m warehouse docs

## Re-cut the bundled sample from the full raw files.
sample: setup
	$(BIN)/python -m warehouse sample --raw ../shared/data --out data/sample

clean:
	rm -rf build .pytest_cache .ruff_cache
