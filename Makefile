# plan132 — two commands from a fresh clone: `make report` and `make test`.
# Needs Python 3.11+ as $(PYTHON) and access to the package index.

PYTHON ?= python3
VENV   ?= .venv
OUT    ?= outputs
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed-stamp
LOCK   ?= requirements.lock
UV_VERSION ?= 0.13.9

.PHONY: help install report tables test test-slow test-all lint lab bench clean lock notebooks

help:
	@echo "make report    create .venv, install, build everything into $(OUT)/ (tables, charts, network,"
	@echo "               workbooks, executed notebooks, report.html)"
	@echo "make tables    the same without the notebooks and the HTML report (faster)"
	@echo "make test      create .venv if needed, install, run the tests but the slow ones (about 4 minutes)"
	@echo "make test-slow the slow tests: whole builds, notebooks, the browser, OCR accuracy, the wheel"
	@echo "make test-all  both (what CI runs)"
	@echo "make notebooks write each notebooks/*.ipynb from its .py script (after editing either)"
	@echo "make lab       open the notebooks in JupyterLab"
	@echo "make lint      ruff check, ruff format --check and the layer contract (lint-imports)"
	@echo "make lock      re-resolve the dependencies and pin them in $(LOCK)"
	@echo "make bench     parse and build timings against the targets (table + $(OUT)-bench/benchmark.csv)"
	@echo "make clean     remove $(OUT)/, $(OUT)-bench/ and $(OUT)-test/ (keeps .venv)"

# The pinned packages are installed by uv (from PyPI, the same pins as pip would take: a fresh clone's
# install takes about 20 s instead of 90); where uv cannot be had, by pip.
$(STAMP): pyproject.toml $(LOCK)
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "plan132 needs Python 3.11 or newer; set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	( $(BIN)/python -m pip install --quiet "uv==$(UV_VERSION)" && \
	  $(BIN)/uv pip install --quiet --python $(BIN)/python -e ".[dev]" -c $(LOCK) ) || \
	  $(BIN)/python -m pip install --quiet -e ".[dev]" -c $(LOCK)
	@touch $(STAMP)

install: $(STAMP)

tables: install
	$(BIN)/plan132 build --out $(OUT) --no-notebooks

report: install
	$(BIN)/plan132 build --out $(OUT)

# -n auto: one worker per core (pytest-xdist). `make test` leaves out the tests marked slow (whole
# builds, notebooks, the browser, OCR accuracy, the wheel); `make test-slow` runs only those, where
# the whole build (tests/conftest.py full_build) is made once per run and shared by the workers;
# `make test-all` runs everything in one go. CI (.ci/run) runs `make test` and `make test-slow`.
test: install
	$(BIN)/python -m pytest -n auto -m "not slow"

test-slow: install
	$(BIN)/python -m pytest -n auto -m slow

test-all: install
	$(BIN)/python -m pytest -n auto

lint: install
	$(BIN)/ruff check plan132lib tests benchmarks notebooks tools
	$(BIN)/ruff format --check plan132lib tests benchmarks tools
	$(BIN)/lint-imports

# Re-resolve the dependencies in a scratch environment and pin them in $(LOCK).
lock:
	rm -rf .lock-venv
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --upgrade pip
	.lock-venv/bin/python -m pip install --quiet -e ".[dev]"
	{ sed -n '1,3p' $(LOCK); .lock-venv/bin/python -m pip freeze --exclude-editable | grep -v '^plan132=='; } > $(LOCK).new
	mv $(LOCK).new $(LOCK)
	rm -rf .lock-venv

bench: install
	$(BIN)/python benchmarks/run.py --out $(OUT)-bench
	$(BIN)/python benchmarks/bench_pdf.py
	$(BIN)/python benchmarks/compare_bench.py
	$(BIN)/python benchmarks/track_bench.py
	$(BIN)/python benchmarks/bench_ocr.py

notebooks: install
	$(BIN)/python -m plan132lib.pipeline.notebooks --sync

# Jupyter refuses to run as root without --allow-root (a container, a fresh VM).
lab: install
	$(BIN)/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root) notebooks/

clean:
	rm -rf $(OUT) $(OUT)-bench $(OUT)-test
