# `make run` and `make test` each do all set-up on a fresh machine (Python 3.11, network to PyPI).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml constraints.txt | cksum | cut -d' ' -f1)
export FISCAL_PROJECT_DIR := $(CURDIR)

.PHONY: setup system run test lint unit e2e docs bench clean

setup: system $(STAMP)

# Debian packages, installed with apt where missing and we may (CI runs as root): libGL and GLib for
# OCR's opencv; chromium and CJK fonts for the report's browser test (and your screenshots).
SYSTEM_PACKAGES := libgl1 libglib2.0-0 chromium fonts-noto-cjk
system:
	@missing=""; for package in $(SYSTEM_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get > /dev/null; then \
			echo "installing$$missing (apt)"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing > /dev/null; \
		else \
			echo "missing Debian packages:$$missing (sudo apt-get install$$missing): OCR or the browser test will not run"; \
		fi; \
	fi

# Reinstalls only when pyproject.toml or constraints.txt change (the stamp carries their checksum).
$(STAMP):
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[dev]"
	rm -f $(VENV)/.installed-* && touch $@

# The Putuo PDFs of ../shared/corpus where the corpus is beside the checkout (they are not committed).
PUTUO_PDFS := $(wildcard ../shared/corpus/pdf/putuo_*.pdf)

run: setup  ## the pipeline on the bundled sample documents (and the Putuo PDFs, when beside) → warehouse/fiscal.duckdb
	$(BIN)/fiscal run data/samples $(PUTUO_PDFS)

test: setup lint  ## lint, then unit, seed and end-to-end tests
	$(BIN)/pytest

unit: setup
	$(BIN)/pytest tests/unit tests/seeds

e2e: setup
	$(BIN)/pytest tests/e2e

lint: setup
	$(BIN)/ruff check src flows tests benchmarks scripts
	$(BIN)/sqlfluff lint models macros tests/dbt

bench: setup  ## ingest throughput on a generated corpus (see docs/benchmarks.md)
	$(BIN)/python benchmarks/ingest_throughput.py --copies 200

docs: setup  ## dbt docs for the default warehouse's marts (warehouse/fiscal-dbt/target/index.html)
	FISCAL_WAREHOUSE=warehouse/fiscal.duckdb $(BIN)/dbt docs generate --project-dir . --profiles-dir . \
		--target-path warehouse/fiscal-dbt/target --log-path warehouse/fiscal-dbt/logs

clean:
	rm -rf $(VENV) warehouse target logs expectations/gx/uncommitted
