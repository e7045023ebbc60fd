# Skill Mix Planner: the four things a newcomer runs.
#   make run    set up what is missing, then open the dashboard on the sample data
#   make test   set up what is missing (dev tools, Chromium, LibreOffice), then lint and run every test
#   make bench  run the benchmarks and print their tables
#   make lint   ruff
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PORT   ?= 8501

.PHONY: run test lint bench system-deps clean

$(VENV)/.base: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.dev: $(VENV)/.base
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

run: $(VENV)/.base
	$(PY) scripts/serve.py --server.address 127.0.0.1 --server.port $(PORT)

system-deps:
	@bash scripts/system_deps.sh

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check planner pages tests benchmarks scripts app.py
	$(VENV)/bin/ruff format --check planner pages tests benchmarks scripts app.py

test: $(VENV)/.dev system-deps lint
	$(PY) -m pytest

bench: $(VENV)/.dev
	$(PY) benchmarks/run_all.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis test-artifacts benchmarks/out
