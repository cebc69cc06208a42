# howopen: the two commands a newcomer needs.
#   make demo   creates .venv, installs howopen, and checks the bundled example snapshots
#   make test   installs the test dependencies and runs the whole suite
#   make data   rewrites the generated data after editing licenses/data or catalog/records (compiled.json,
#               validated.json: without it loading is slower, never different)

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip
EXAMPLES := $(sort $(wildcard examples/snapshots/*/))

.PHONY: demo test venv lint bench clean data

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

venv: $(BIN)/python
	$(PIP) install --quiet -e .

demo: venv
	@for snapshot in $(EXAMPLES); do \
	  echo; echo "\$$ howopen check $$snapshot"; \
	  $(BIN)/howopen check $$snapshot || exit $$?; \
	done

test: $(BIN)/python
	$(PIP) install --quiet -e ".[test]"
	$(BIN)/python -m pytest -q

lint: $(BIN)/python
	$(PIP) install --quiet -e ".[dev]"
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

data: venv
	$(BIN)/python -m howopen.licenses.kbcompile
	$(BIN)/python -m howopen.catalog.validated

bench: venv
	@for script in bench/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit $$?; done

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
