# `make run` and `make test` each do all set-up on a fresh machine (Python 3.11, network to PyPI).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml constraints.txt | cksum | cut -d' ' -f1)
export FISCAL_PROJECT_DIR := $(CURDIR)

.PHONY: setup system run test lint unit e2e docs bench clean

setup: system $(STAMP)

# OCR's opencv needs libGL and GLib: installed with apt where missing and we may (CI runs as root).
system:
	@if ! ldconfig -p | grep -q 'libGL.so.1' || ! ldconfig -p | grep -q 'libglib-2.0.so.0'; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get > /dev/null; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libgl1 libglib2.0-0 > /dev/null; \
		else \
			echo "OCR of scanned PDFs needs libGL and GLib: sudo apt-get install libgl1 libglib2.0-0"; \
		fi; \
	fi

# Reinstalls only when pyproject.toml or constraints.txt change (the stamp carries their checksum).
$(STAMP):
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[dev]"
	rm -f $(VENV)/.installed-* && touch $@

run: setup  ## the pipeline on the bundled sample documents → warehouse/fiscal.duckdb
	$(BIN)/fiscal run

test: setup lint  ## lint, then unit, seed and end-to-end tests
	$(BIN)/pytest

unit: setup
	$(BIN)/pytest tests/unit tests/seeds

e2e: setup
	$(BIN)/pytest tests/e2e

lint: setup
	$(BIN)/ruff check src flows tests benchmarks
	$(BIN)/sqlfluff lint models macros tests/dbt

bench: setup  ## ingest throughput on a generated corpus (see docs/benchmarks.md)
	$(BIN)/python benchmarks/ingest_throughput.py --copies 200

docs: setup  ## dbt docs for the default warehouse's marts (warehouse/fiscal-dbt/target/index.html)
	FISCAL_WAREHOUSE=warehouse/fiscal.duckdb $(BIN)/dbt docs generate --project-dir . --profiles-dir . \
		--target-path warehouse/fiscal-dbt/target --log-path warehouse/fiscal-dbt/logs

clean:
	rm -rf $(VENV) warehouse target logs expectations/gx/uncommitted
