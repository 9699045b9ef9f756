# Signpost: `make run` to start, `make test` to test. `make help` lists the rest.
PYTHON ?= python3.11
VENV := .venv
UV := $(VENV)/bin/uv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help install browser migrate demo-data run test test-fast test-e2e lint format bench clean

help: ## List the make targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  %-12s %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml uv.lock
	@command -v $(PYTHON) >/dev/null || { echo "Signpost needs Python 3.11 ($(PYTHON)) on your PATH."; exit 1; }
	test -x $(UV) || { $(PYTHON) -m venv $(VENV) && $(VENV)/bin/pip install --quiet --disable-pip-version-check uv==0.13.8; }
	UV_PROJECT_ENVIRONMENT=$(VENV) $(UV) sync --frozen --python $(VENV)/bin/python
	touch $@

install: $(VENV)/.installed ## Create .venv and install the locked dependencies

# Browser tests use Debian's Chromium (never a browser downloaded by Playwright).
CHROMIUM ?= /usr/bin/chromium
browser: ## Install Debian's Chromium for the browser tests, if missing (needs root or sudo)
	@test -x $(CHROMIUM) || { \
	  SUDO=$$(test "$$(id -u)" -eq 0 || echo sudo); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }
	@$(CHROMIUM) --version 2>/dev/null | head -n 1

migrate: install ## Apply database migrations
	$(MANAGE) migrate --noinput

demo-data: migrate ## Load the demo data (idempotent)
	$(MANAGE) load_demo_data

run: demo-data ## Install, migrate, load demo data and serve on http://127.0.0.1:8000
	$(MANAGE) ensure_demo_admin
	@echo "Signpost is at http://$(HOST):$(PORT)/ (admin: http://$(HOST):$(PORT)/admin/)"
	@# Notifications leave through the outbox worker, never the request: run one beside the server.
	$(MANAGE) process_outbox --every 5 & trap "kill $$! 2>/dev/null" EXIT INT TERM; \
	$(MANAGE) runserver $(HOST):$(PORT)

test: install ## Run the whole test suite: in parallel, then the browser tests
	$(VENV)/bin/pytest -n 2 -m "not e2e"
	$(VENV)/bin/pytest -m e2e

test-fast: install ## Run the test suite without the browser tests
	$(VENV)/bin/pytest -n 2 -m "not e2e"

test-e2e: install ## Run only the browser tests (screenshots in tests/e2e/screenshots/)
	$(VENV)/bin/pytest -m e2e

lint: install ## Check code with ruff (lint + format) and the apps' one-way dependencies (import-linter)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: install ## Fix what ruff can fix
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: install ## Run the benchmarks; results in bench/results/
	$(PY) -m bench

clean: ## Remove the virtual environment and local database
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm static_collected
