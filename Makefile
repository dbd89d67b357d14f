# sifa — two commands: `make run` and `make test`. Each creates .venv and installs on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PYTEST_ARGS ?=
# `make test` runs the suite on every core (pytest-xdist), a whole test module at a time, the browser tests on one
# worker (tests/conftest.py: pytest_xdist_make_scheduler). PYTEST_WORKERS=0 runs it in one process.
PYTEST_WORKERS ?= auto

.PHONY: run test lint bench demo messages browser-deps i18n-deps pdf-deps bench-deps clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[dev]"
	touch $(STAMP)

var:
	mkdir -p var

# The server and, beside it, the background worker that runs imports and other long tasks (Ctrl-C stops both).
run: $(STAMP) var
	$(BIN)/sifa migrate --noinput
	$(BIN)/sifa demo
	$(BIN)/sifa db_worker --queue-name '*' --no-reload & $(BIN)/sifa runserver 127.0.0.1:8000

demo: $(STAMP) var
	$(BIN)/sifa migrate --noinput
	$(BIN)/sifa demo

test: $(STAMP) var browser-deps i18n-deps pdf-deps
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check src tests $(wildcard bench)

bench: $(STAMP) var bench-deps
	$(BIN)/python -m bench.run

# Refresh the catalogs from the code, list what lacks Chinese, compile (the compiled .mo files are committed).
messages: $(STAMP) i18n-deps
	$(BIN)/python -m sifa.i18n_tools extract
	$(BIN)/python -m sifa.i18n_tools compile
	$(BIN)/python -m sifa.i18n_tools missing

# The load benchmark drives its server with Debian's wrk (without it, a slower threaded Python client).
bench-deps:
	@command -v wrk >/dev/null || { echo "Installing wrk for the load benchmark"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk) \
	  || echo "WARNING: could not install wrk; the load benchmark will use its Python client"; }

# Browser tests drive Debian's Chromium through Playwright; never `playwright install`.
browser-deps:
	@test -x /usr/bin/chromium || { echo "Installing Debian's chromium for the browser tests"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) \
	  || echo "WARNING: could not install chromium; browser tests will fail under CI"; }

# The i18n test re-extracts every catalog with Django's makemessages, which runs GNU gettext.
i18n-deps:
	@command -v msgmerge >/dev/null && command -v xgettext >/dev/null || { echo "Installing GNU gettext for the i18n test"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext) \
	  || echo "WARNING: could not install gettext; the i18n completeness test will fail"; }

# Official documents as PDF go through LibreOffice with the Noto CJK fonts (the tests convert a report).
pdf-deps:
	@command -v soffice >/dev/null && test -d /usr/share/fonts/opentype/noto || { echo "Installing LibreOffice Writer and Noto CJK for PDF output"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	    libreoffice-writer-nogui fonts-noto-cjk) \
	  || echo "WARNING: could not install LibreOffice; the PDF tests will be skipped"; }

clean:
	rm -rf $(VENV) var
