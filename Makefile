# The two commands:  make run  (demo on the embedded stack)  and  make test.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
NEWSLAKE := $(BIN)/newslake
SEED := $(wildcard ../shared/data/seed)

.PHONY: install run test unit lint browser bench bench-service clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# Start the local S3 server, ingest the examples (and the seed article when
# ../shared/data is present), show what landed in the lake, stop the server.
run: install
	@$(NEWSLAKE) up && { \
	  $(NEWSLAKE) ingest examples $(SEED) && \
	  $(NEWSLAKE) sql "SELECT title, language, word_count, format FROM articles ORDER BY format, title"; \
	  status=$$?; $(NEWSLAKE) down; exit $$status; }

# Everything: the lint, the pure tests, and the integration tests against a real S3
# server, a real Prefect API and a real browser (started and stopped by the session).
test: install browser lint
	$(BIN)/python -m pytest

# The pure tests only (no servers, no browser): under a minute.
unit: install
	$(BIN)/python -m pytest -m "not integration"

lint: install
	$(BIN)/ruff check .

# The report and web tests drive headless Chromium through Selenium: Debian's packages,
# never a downloaded browser.
browser:
	@{ command -v chromium && command -v chromedriver; } >/dev/null || { export DEBIAN_FRONTEND=noninteractive; apt-get update -qq && apt-get install -y -qq chromium chromium-driver fonts-liberation >/dev/null; }

bench: install
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/extraction.py
	$(BIN)/python bench/enrich.py

bench-service: install  # newslake serve: event-to-row latency, then a 2,000-object burst
	$(BIN)/python bench/latency.py
	$(BIN)/python bench/burst.py

clean:
	-$(NEWSLAKE) down
	rm -rf .newslake
