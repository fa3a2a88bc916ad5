# Two commands on a fresh machine: `make run` starts the whole system, `make test` runs every test.
# Both create the virtual environment in .venv on first use; nothing needs installing by hand
# beyond Python 3.11+ (and, for the browser test, Debian's chromium, which .ci/run installs).

PYTHON ?= python3
VENV := .venv
VENV_PYTHON := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PACKAGES := libs/servicekit libs/resilient_client libs/devstack \
	services/translations services/geolocation services/ratings services/payments services/search \
	website
PACKAGE_FILES := $(foreach package,$(PACKAGES),$(package)/pyproject.toml)

.PHONY: install run test lint clean

install: $(STAMP)

$(STAMP): $(PACKAGE_FILES) requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; set PYTHON=python3.11 (or newer) and run make again.")'
	$(PYTHON) -m venv $(VENV)
	$(VENV_PYTHON) -m pip install --quiet --upgrade pip
	$(VENV_PYTHON) -m pip install --quiet $(foreach package,$(PACKAGES),-e $(package)) -r requirements-dev.txt
	@touch $(STAMP)

run: install
	$(VENV_PYTHON) -m devstack run

test: install
	$(VENV_PYTHON) -m pytest

lint: install
	$(VENV)/bin/ruff check libs services website tests
	for package in $(PACKAGES); do $(VENV)/bin/mypy $$package/src || exit 1; done

clean:
	rm -rf var .pytest_cache

# Drive load against the system that `make run` serves in another terminal. Every run stops after
# LOAD_RUN_TIME, and its CSV statistics replace var/load/locust_*.csv.
LOAD_HOST ?= http://127.0.0.1:8000
LOAD_USERS ?= 20
LOAD_SPAWN_RATE ?= 5
LOAD_RUN_TIME ?= 60s

.PHONY: load

load: install
	mkdir -p var/load
	$(VENV)/bin/locust --locustfile loadtests/locustfile.py --headless \
		--host $(LOAD_HOST) --users $(LOAD_USERS) --spawn-rate $(LOAD_SPAWN_RATE) \
		--run-time $(LOAD_RUN_TIME) --csv var/load/locust --csv-full-history
