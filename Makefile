# Two commands do all the set-up: `make run` and `make test`. Everything lives in .venv, installed from the
# lock in requirements/ (every distribution pinned with its hashes), never from open ranges.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
DATABASE_URL ?= sqlite:///data/articles.db
# `make test` runs the suite once more on this PostgreSQL database when it answers.
TEST_POSTGRES_URL ?= postgresql+psycopg://articles:articles@127.0.0.1:5432/articles_test
# `make lock UPGRADE=1` moves every pin to the newest release the ranges in pyproject.toml allow.
UPGRADE ?=
COMPILE = $(BIN)/uv pip compile pyproject.toml --universal --generate-hashes --quiet $(if $(UPGRADE),--upgrade)

export DATABASE_URL

.PHONY: install install-dev run serve ingest migrate test fresh-install lock lint format clean

# What serving needs (`make run`); the development set (`make test`) adds the test tools, Ray and uv.
install: $(VENV)/.installed-serve
install-dev: $(VENV)/.installed-dev

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed-serve: requirements/serve.txt pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/serve.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.installed-dev: requirements/dev.txt pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/dev.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@ $(VENV)/.installed-serve

migrate: install
	$(BIN)/articles db upgrade

ingest: migrate
	$(BIN)/articles ingest seed_data/

run: ingest
	$(BIN)/articles serve --host $(HOST) --port $(PORT)

test: install-dev
	$(BIN)/pytest
	@if $(BIN)/articles db ping --database-url '$(TEST_POSTGRES_URL)' >/dev/null 2>&1; then \
		echo "== the suite again, on PostgreSQL"; \
		TEST_DATABASE_URL='$(TEST_POSTGRES_URL)' $(BIN)/pytest; \
	else \
		echo "== PostgreSQL not reachable at TEST_POSTGRES_URL: the suite ran on SQLite only"; \
	fi

# A new user's install: the wheel into a clean venv with the system's pip, used from an empty directory.
fresh-install: install-dev
	PYTHON=$(PYTHON) BUILD_PYTHON=$(BIN)/python .ci/fresh-install

# Run after changing dependencies in pyproject.toml, and commit requirements/ with it; CI installs from it.
lock: install-dev
	$(COMPILE) --extra postgres -o requirements/serve.txt
	$(COMPILE) --extra postgres --extra dev -o requirements/dev.txt
	$(COMPILE) --extra postgres --extra dev --extra bench -o requirements/bench.txt

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/hadolint Dockerfile

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) data .pytest_cache .ruff_cache build dist
