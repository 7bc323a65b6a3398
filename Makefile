# Productivity Platform. `make run` and `make test` work on a fresh machine with Python 3.11+ and Node 20+.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1
ONLY ?=
STAMPS := .stamps

.PHONY: run test serve lint bench install css migrate demo worker clean

$(STAMPS):
	mkdir -p $(STAMPS)

$(STAMPS)/python: pyproject.toml | $(STAMPS)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

$(STAMPS)/npm: package.json package-lock.json | $(STAMPS)
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

## css: GOV.UK Frontend's Sass compiled in the platform's own identity (output not committed)
CSS := build/static/css/platform.css
$(CSS): $(wildcard productivity/styles/*.scss) $(STAMPS)/npm
	mkdir -p $(@D)
	node_modules/.bin/sass --pkg-importer=node --no-source-map --style=compressed productivity/styles/platform.scss $@

css: $(CSS)

install: $(STAMPS)/python $(STAMPS)/npm $(CSS)

migrate: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py import_organisations

demo: migrate
	DEMO_MODE=true $(BIN)/python manage.py load_demo
	DEMO_MODE=true $(BIN)/python manage.py load_estate_demo
	DEMO_MODE=true $(BIN)/python manage.py load_procurement_demo

## run: install everything, load reference and demo data, serve on http://$(HOST):$(PORT) with the worker
run: demo
	@DEMO_MODE=true $(BIN)/python manage.py demo_accounts
	@echo "Serving on http://$(HOST):$(PORT) (background worker running too). Ctrl+C stops both."
	@DEMO_MODE=true $(BIN)/python manage.py db_worker --queue-name '*' & worker=$$!; \
	  trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	  DEMO_MODE=true $(BIN)/python manage.py runserver --noreload $(HOST):$(PORT)

## worker: the background-job worker on its own
worker: install
	$(BIN)/python manage.py db_worker --queue-name '*'

## serve: production-style server (gunicorn) with settings from the environment
serve: install
	$(BIN)/python manage.py collectstatic --noinput --settings=config.production
	$(BIN)/gunicorn config.wsgi --bind $(HOST):$(PORT) --workers 3 --env DJANGO_SETTINGS_MODULE=config.production

lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports

## test: lint, layering, and the whole test suite (browser tests included)
test: install
	./scripts/ensure-chromium
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest $(PYTEST_ARGS)

## bench: the benchmarks under benchmarks/ (ONLY=name for one)
bench: install
	$(BIN)/python benchmarks/run.py $(ONLY)

clean:
	rm -rf $(VENV) node_modules $(STAMPS) staticfiles build
