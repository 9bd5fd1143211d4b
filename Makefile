# Dateline: `make run` serves the demo site, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help run test lint format messages demo clean

help:  ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-9s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml package-lock.json
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Dateline needs Python 3.11 or newer (found $$($(PYTHON) --version))."; exit 1; }
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[production,test,dev]'
	if command -v npm >/dev/null; then npm ci --no-audit --no-fund --silent; fi  # axe-core for the accessibility tests
	touch $(STAMP)

run: $(STAMP)  ## set up on first use, load the demo, serve http://127.0.0.1:$(PORT)
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py demo --if-empty --port $(PORT)
	$(BIN)/python manage.py run_schedule & schedule=$$!; trap 'kill $$schedule 2>/dev/null' EXIT INT TERM; $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

demo: $(STAMP)  ## (re)load the demo content
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py demo --port $(PORT)

test: $(STAMP)  ## set up on first use, run the whole suite
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)  ## ruff, djhtml, import map, system checks, missing migrations
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check $$(find dateline -name '*.html')
	$(BIN)/lint-imports
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

format: $(STAMP)  ## apply ruff and djhtml formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml $$(find dateline -name '*.html')

messages: $(STAMP)  ## update the translation catalogues
	cd dateline && ../$(BIN)/python ../manage.py makemessages --ignore '*/tests/*' $$(../$(BIN)/python ../manage.py shell --no-imports -c 'from django.conf import settings; print(*sorted(f"-l {c}" for c in {*dict(settings.LANGUAGES), "pt"} - {"en"}))')
	cd dateline && ../$(BIN)/python ../manage.py compilemessages

clean:  ## remove the virtualenv and local data
	rm -rf $(VENV) data media test-results
