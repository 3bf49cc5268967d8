# Two commands do all the set-up: `make run` and `make test`. Everything lives in .venv.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
DATABASE_URL ?= sqlite:///data/articles.db
# `make test` runs the suite once more on this PostgreSQL database when it answers.
TEST_POSTGRES_URL ?= postgresql+psycopg://articles:articles@127.0.0.1:5432/articles_test

export DATABASE_URL

.PHONY: install run serve ingest migrate test lint format clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

migrate: install
	$(BIN)/articles db upgrade

ingest: migrate
	$(BIN)/articles ingest seed_data/

run: ingest
	$(BIN)/articles serve --host $(HOST) --port $(PORT)

test: install
	$(BIN)/pytest
	@if $(BIN)/articles db ping --database-url '$(TEST_POSTGRES_URL)' >/dev/null 2>&1; then \
		echo "== the suite again, on PostgreSQL"; \
		TEST_DATABASE_URL='$(TEST_POSTGRES_URL)' $(BIN)/pytest; \
	else \
		echo "== PostgreSQL not reachable at TEST_POSTGRES_URL: the suite ran on SQLite only"; \
	fi

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) data .pytest_cache .ruff_cache
