# Skill Mix Planner: the four things a newcomer runs.
#   make run    set up what is missing, then open the dashboard on the sample data
#   make test   set up what is missing (dev tools, Chromium, LibreOffice), then lint and run every test
#   make bench  run the benchmarks and print their tables
#   make lint   ruff
#   make lock   refresh constraints.txt, the exact versions a fresh clone installs
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PORT   ?= 8501
PIN    := -c constraints.txt

.PHONY: run test lint bench lock system-deps clean

$(VENV)/.base: pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet $(PIN) -e .
	touch $@

$(VENV)/.dev: $(VENV)/.base
	$(PY) -m pip install --quiet $(PIN) -e ".[dev]"
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

lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --upgrade pip
	.lock-venv/bin/python -m pip install --quiet ".[dev]"
	{ sed -n '1,2p' constraints.txt; .lock-venv/bin/python -m pip freeze --all --exclude-editable \
	  | grep -v -e "^skill-mix-planner" -e "^pip=="; } > constraints.new && mv constraints.new constraints.txt
	rm -rf .lock-venv

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis test-artifacts benchmarks/out
