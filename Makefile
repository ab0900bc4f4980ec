# Paragraf: `make run` serves the demo, `make test` runs the suite. Each target sets itself up.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
NPM_STAMP := node_modules/.installed

export DJANGO_SETTINGS_MODULE ?= paragraf.settings

APPS := site people notices guidelines courses quizzes scorm authoring compliance findings certificates xapi overview statusreport search demo

.PHONY: setup lock upgrade run test test-services test-e2e lint bench load messages clean ralph ralph-lock

# Installs exactly the versions in requirements.lock (made by `make lock` from pyproject.toml),
# each file checked against the lock's sha256 hashes (pip refuses anything else).
$(STAMP): pyproject.toml requirements.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements.lock
	$(PIP) install --quiet --no-deps -e .
	@touch $(STAMP)

LOCK_ARGS := pyproject.toml --extra dev --python-version 3.11 --python-platform x86_64-manylinux_2_28 \
	--generate-hashes

# Re-resolve the lock file after changing pyproject.toml (keeps every pin that still fits).
lock: setup
	$(VENV)/bin/uv pip compile $(LOCK_ARGS) --quiet -o requirements.lock

# Upgrade one dependency (and only what it needs) to the newest version pyproject.toml allows:
#   make upgrade PACKAGE=wagtail
upgrade: setup
	@test -n "$(PACKAGE)" || { echo "usage: make upgrade PACKAGE=<name>"; exit 2; }
	$(VENV)/bin/uv pip compile $(LOCK_ARGS) --quiet --upgrade-package "$(PACKAGE)" -o requirements.lock
	@git --no-pager diff --stat -- requirements.lock || true

$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $(NPM_STAMP)

setup: $(STAMP) $(NPM_STAMP)

run: setup
	DJANGO_DEBUG=1 $(PY) manage.py migrate --noinput
	DJANGO_DEBUG=1 $(PY) manage.py ensure_roles
	DJANGO_DEBUG=1 $(PY) manage.py seed_demo
	DJANGO_DEBUG=1 $(PY) manage.py runserver 127.0.0.1:8000

# Two workers (pytest-xdist): the suite took 9 min 39 s in one process, 6 min 22 s in two.
TEST_WORKERS ?= 2

test: setup
	DJANGO_DEBUG=1 $(PY) -m pytest -q -n $(TEST_WORKERS)

# Browser journeys and axe-core checks (tests/e2e): Playwright driving /usr/bin/chromium.
# `make test` leaves them out (pytest addopts -m 'not e2e'); screenshots go to artifacts/e2e/.
test-e2e: setup
	DJANGO_DEBUG=1 PARAGRAF_E2E_REQUIRED=1 $(PY) -m pytest -q -p no:logging -m e2e tests/e2e

# The service-backed leg: (a) the whole suite on PostgreSQL (pytest-django creates test_<db>),
# (b) real Celery worker + beat on Redis and a named PostgreSQL database (tests/services).
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
SERVICES_DB_URL ?= postgres://postgres@127.0.0.1:5432/paragraf_services
SERVICES_BROKER_URL ?= redis://127.0.0.1:6379/13
# The streaming replica scripts/replica.sh starts (port 5433), for tests/services/test_replica.py.
SERVICES_REPLICA_URL ?= postgres://postgres@127.0.0.1:5433/paragraf_services

test-services: setup ralph
	DJANGO_DEBUG=1 DATABASE_URL=$(PG_URL) $(PY) -m pytest -q -n $(TEST_WORKERS) -p no:logging --create-db
	DJANGO_DEBUG=1 PARAGRAF_SERVICES=1 DATABASE_URL=$(SERVICES_DB_URL) RALPH_VENV=$(RALPH_VENV) \
		DATABASE_REPLICA_URL=$(SERVICES_REPLICA_URL) \
		CELERY_BROKER_URL=$(SERVICES_BROKER_URL) $(PY) -m pytest -q -p no:logging tests/services

# Ralph (ralph-malph), the real Learning Record Store the service leg's xAPI tests start, in a
# virtualenv of its own, installed from scripts/ralph/requirements.lock (hashes checked).
RALPH_VENV := .ralph-venv
RALPH_STAMP := $(RALPH_VENV)/.installed

$(RALPH_STAMP): scripts/ralph/requirements.lock
	@test -x $(RALPH_VENV)/bin/python || $(PYTHON) -m venv $(RALPH_VENV)
	$(RALPH_VENV)/bin/pip install --quiet --upgrade pip
	$(RALPH_VENV)/bin/pip install --quiet --require-hashes -r scripts/ralph/requirements.lock
	@touch $(RALPH_STAMP)

ralph: $(RALPH_STAMP)

ralph-lock: setup
	$(VENV)/bin/uv pip compile scripts/ralph/requirements.in --python-version 3.11 \
		--python-platform x86_64-manylinux_2_28 --generate-hashes --quiet -o scripts/ralph/requirements.lock

# Benchmarks of DESIGN.md's budgets: SQLite (small) unless DATABASE_URL names PostgreSQL.
bench: setup
	$(PY) bench/run.py $(BENCH_ARGS)

# Load: learners log in, read lessons and answer quizzes against gunicorn on loopback.
load: setup
	$(PY) bench/load/run.py $(LOAD_ARGS)

lint: setup
	@cp requirements.lock $(VENV)/lock-check.txt
	$(VENV)/bin/uv pip compile $(LOCK_ARGS) --quiet --no-header -o $(VENV)/lock-check.txt
	@diff <(grep -v '^#' requirements.lock) <(grep -v '^#' $(VENV)/lock-check.txt) \
		|| { echo "requirements.lock does not match pyproject.toml: run make lock"; exit 1; }
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DJANGO_DEBUG=1 $(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/lint-imports --no-cache
	$(PY) scripts/deadcode.py
	$(VENV)/bin/pylint --disable=all --enable=duplicate-code --min-similarity-lines=6 \
		--ignore=migrations --score=n $(APPS)
	DJANGO_DEBUG=1 $(VENV)/bin/mypy $(APPS)

# English only: site/locale/da holds hand-kept Danish translations of Wagtail admin strings that
# are not in Paragraf's code (makemessages would mark them obsolete); Paragraf's msgids are Danish.
messages: setup
	DJANGO_DEBUG=1 $(PY) manage.py makemessages -l en --ignore=.venv --ignore=node_modules --ignore=tests --ignore=bench
	cd site && DJANGO_DEBUG=1 ../$(PY) ../manage.py compilemessages -v 0
