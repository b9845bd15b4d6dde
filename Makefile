# Two commands matter: `make run` (whole pipeline on the bundled samples) and `make test`.
# Both bootstrap the locked environment (uv + uv.lock) when it is missing.
SHELL := /bin/bash
UV_VERSION ?= 0.13.8
UV := $(shell command -v uv 2>/dev/null || echo $(CURDIR)/.tools/bin/uv)
VENV := .venv
PY := $(VENV)/bin/python
CONFIG ?= config/sample.yml
export DBT_SEND_ANONYMOUS_USAGE_STATS := False
export AIRFLOW__CORE__LOAD_EXAMPLES := False

.PHONY: run test test-soak bootstrap lint typecheck eval audit bench extraction-bench docs airflow-run compose-config clean help browser report

help:
	@echo "make run    - bootstrap, then run the whole pipeline on the sample sources into ./data"
	@echo "make test   - bootstrap, then run the test suite"
	@echo "make lint | typecheck | eval | audit | bench | extraction-bench | docs | airflow-run | compose-config | clean"
	@echo "make report - write the analyst brief (HTML) from the published marts to data/report/brief.html"
	@echo "make browser - install Debian's chromium (the page screenshot tests skip without it)"

$(UV):
	@echo "installing uv $(UV_VERSION) into .tools/"
	python3 -m venv .tools && .tools/bin/pip install --quiet "uv==$(UV_VERSION)"

$(VENV)/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen
	@touch $@

bootstrap: $(VENV)/.synced

run: bootstrap
	$(VENV)/bin/osint --config $(CONFIG) run

# `make test` leaves out the soak tests (scale runs that `make bench` measures too, and in-process DAG and
# bench smoke runs whose path a real-scheduler test or `make bench` covers); `make test-soak` runs them.
test: bootstrap
	$(VENV)/bin/pytest -q -m "not soak" --durations=25

test-soak: bootstrap
	$(VENV)/bin/pytest -q -m soak

# ruff over the Python; sqlfluff over the dbt models (.sqlfluff: jinja templater, no database needed).
lint: bootstrap
	$(VENV)/bin/ruff check .
	$(VENV)/bin/sqlfluff lint dbt/models --processes 0

typecheck: bootstrap
	$(VENV)/bin/mypy

eval: bootstrap
	$(PY) -m tests.eval.report --json data/eval.json

audit: bootstrap
	$(PY) -m tests.eval.audit

bench: bootstrap
	$(PY) -m bench.run

extraction-bench: bootstrap
	$(PY) -m bench.extraction_benchmark

docs: bootstrap
	$(VENV)/bin/osint --config $(CONFIG) docs

# The analyst brief: one self-contained HTML page from the published marts (run `make run` first).
report: bootstrap
	$(VENV)/bin/osint --config $(CONFIG) report

# Debian's Chromium, for tests/integration/test_report.py (it renders the brief and screenshots it;
# without a browser those tests skip). Needs root or sudo; a no-op when chromium is installed.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; }
	@chromium --version 2>/dev/null

airflow-run: bootstrap
	$(PY) -m osint.orchestration --config $(CONFIG)

compose-config:
	scripts/compose-config.sh > /dev/null

clean:
	rm -rf data .pytest_cache .mypy_cache .ruff_cache
