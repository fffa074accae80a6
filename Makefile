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
        bench-workers bench-recommender bench-feedback docs report sample clean mlflow-ui

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

## Set up, build (the build writes its own dbt docs and EDA report: /warehouse-docs,
## /report), then serve the API on http://$(HOST):$(PORT) (follows later rebuilds).
run: build
	$(BIN)/python -m warehouse serve --host $(HOST) --port $(PORT)

serve: setup
	$(BIN)/python -m warehouse serve --host $(HOST) --port $(PORT)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/sqlfluff lint dbt_project/models dbt_project/tests

## dbt build (models, unit tests, data tests) on the hand-written fixture, via the CLI.
test-fixture-build: setup
	$(BIN)/python -m warehouse build --quiet --raw tests/fixtures/raw \
		--warehouse build/test/fixture/warehouse.duckdb

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

## 1 vs 2 API worker processes on the live build: start-up to /health, then /health and the
## cached lookup mix under wrk (rps, p50, p99, RSS over the workers, ratios to /health).
bench-workers: setup
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(BIN)/python bench/workers.py

## Feedback under load against the live build: reads alone, then 60 s of reads while 8 writers
## post ratings to a fresh store; 0 lost ratings, counted again in a scratch build (--build).
bench-feedback: setup
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(BIN)/python bench/feedback_load.py --build

## The model registry (MLflow's UI over the embedded tracking store of the settings:
## MLFLOW_TRACKING_URI, else mlflow.sqlite beside the live warehouse) on 127.0.0.1 only.
MLFLOW_PORT ?= 5000
mlflow-ui: setup
	$(BIN)/mlflow ui --host 127.0.0.1 --port $(MLFLOW_PORT) --backend-store-uri \
		"$$($(BIN)/python -c 'from warehouse.settings import get_settings as g; print(g().resolved_mlflow_tracking_uri())')"

## dbt docs (lineage, models, columns, tests) of the live build as one self-contained page,
## rewritten beside the live build file (every build writes its own), served at /warehouse-docs.
docs: setup
	$(BIN)/python -m warehouse docs

## The EDA report of the live build, rewritten beside its file (every build writes its own),
## served by the API at /report.
report: setup
	$(BIN)/python -m warehouse report

## Re-cut the bundled sample from the full raw files.
sample: setup
	$(BIN)/python -m warehouse sample --raw ../shared/data --out data/sample

clean:
	rm -rf build .pytest_cache .ruff_cache

## ---- BI: Apache Superset over the warehouse (own virtualenv .venv-bi, state in build/bi/) ----
BI_VENV := .venv-bi
BI_BIN := $(BI_VENV)/bin
BI_INSTALLED := $(BI_VENV)/.installed
BI_PORT ?= 8088
BI_TEST_PORT ?= 8089
BI_ENV := SUPERSET_CONFIG_PATH=$(CURDIR)/bi/superset_config.py SUPERSET_HOME=$(CURDIR)/build/bi
BI_GUNICORN := $(BI_ENV) $(BI_BIN)/gunicorn -w 1 --threads 8 -k gthread --timeout 120 --no-control-socket

.PHONY: bi bi-setup bi-warehouse bi-export test-bi

$(BI_INSTALLED): bi/requirements.txt bi/requirements.lock
	test -x $(BI_BIN)/python || $(PYTHON) -m venv $(BI_VENV)
	$(BI_BIN)/python -m pip install --quiet --upgrade pip
	$(BI_BIN)/python -m pip install --quiet -c bi/requirements.lock -r bi/requirements.txt
	touch $(BI_INSTALLED)

## The warehouse Superset reads; built only when the live path does not exist yet.
bi-warehouse:
	@test -e "$${WAREHOUSE_PATH:-build/warehouse.duckdb}" || \
		{ $(MAKE) setup && $(BIN)/python -m warehouse build; }

## Install Superset, initialise it in build/bi/, register the warehouse read-only and import
## the dashboards as code (bi/dashboards/). Re-runnable: updates in place, never duplicates.
bi-setup: $(BI_INSTALLED) bi-warehouse
	$(BI_ENV) $(BI_BIN)/python -m bi.provision

## Set up, then serve Superset on http://127.0.0.1:$(BI_PORT) (dashboard "Movie warehouse").
bi: bi-setup
	$(BI_GUNICORN) -b 127.0.0.1:$(BI_PORT) "superset.app:create_app()"

## Write the dashboard as edited in the running Superset (`make bi`) back to bi/dashboards/.
bi-export: $(BI_INSTALLED)
	$(BI_ENV) $(BI_BIN)/python -m bi.export --url http://127.0.0.1:$(BI_PORT)

## Import a second time and serve on loopback through the superset image's entry point
## (docker/superset-entrypoint.sh, so it runs in CI without Docker), run every chart's query,
## SQL Lab's sandbox and a headless-Chromium screenshot (bi/check.py); the server is stopped
## whatever happens.
test-bi: bi-setup
	{ command -v chromium && command -v chromedriver; } >/dev/null || \
		(apt-get update -qq && apt-get install -y -qq chromium chromium-driver)
	@set -euo pipefail; \
	$(BI_BIN)/python -c "import socket, sys; sys.exit(socket.socket().connect_ex(('127.0.0.1', \
		$(BI_TEST_PORT))) == 0 and 'port $(BI_TEST_PORT) is in use (BI_TEST_PORT=...)')"; \
	$(BI_ENV) SUPERSET_BIN=$(CURDIR)/$(BI_BIN) BI_BIND=127.0.0.1:$(BI_TEST_PORT) \
		WAREHOUSE_PATH=$${WAREHOUSE_PATH:-$(CURDIR)/build/warehouse.duckdb} \
		docker/superset-entrypoint.sh --import-only > build/bi/test-server.log 2>&1 & \
	server=$$!; \
	trap 'kill $$server 2>/dev/null; wait $$server 2>/dev/null || true' EXIT; \
	$(BI_ENV) $(BI_BIN)/python -m bi.check --url http://127.0.0.1:$(BI_TEST_PORT) \
		--server-pid $$server
