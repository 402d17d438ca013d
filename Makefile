# toshiken: `make run` serves the Kumamoto vision at http://127.0.0.1:8000; `make test` checks everything.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export TOSHIKEN_DATABASE_URL ?= sqlite:///toshiken.sqlite3

.PHONY: install run test lint typecheck pytest system-deps bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip uv
	$(BIN)/uv pip install --quiet --python $(BIN)/python -e '.[dev]'
	touch $(STAMP)

run: install
	$(BIN)/toshiken load
	$(BIN)/toshiken serve

# What the tests need from Debian and npm: Chromium for page tests, fonts, PostgreSQL, axe-core.
system-deps:
	sh scripts/system-deps.sh

lint: install
	$(BIN)/ruff format --check src tests bench
	$(BIN)/ruff check src tests bench

typecheck: install
	$(BIN)/mypy src/toshiken

# Browser tests run in their own pytest process: Playwright's sync API keeps an event loop running
# for the whole session, which breaks asyncio.run() in tests that share a worker with it.
PYTEST := $(BIN)/pytest -p no:cacheprovider -n 2
# The open-data page test starts its own Playwright, so it gets a process of its own too.
OWN_BROWSER := tests/browser/test_opendata_pages.py
pytest: install system-deps
	sh scripts/with-postgres.sh sh -c '$(PYTEST) --ignore=tests/browser && \
	  $(PYTEST) tests/browser --ignore=$(OWN_BROWSER) && $(PYTEST) $(OWN_BROWSER)'


test: lint typecheck pytest

bench: install
	$(BIN)/python bench/bench_load.py

clean:
	rm -rf $(VENV) toshiken.sqlite3*
