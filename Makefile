# Two commands on a fresh machine: `make serve` and `make test`.
# Everything runs inside .venv, (re)built from requirements.txt when missing or stale.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DOCS_DIR ?= docs

# Our own commands never print Material's MkDocs-2 banner.
export NO_MKDOCS_2_WARNING := 1
export DOCS_DIR

.PHONY: serve build browser test test-busy check new bench clean

$(STAMP): requirements.txt pyproject.toml
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	# The project itself (pyproject.toml), editable: the plugin's entry point, and scripts/ importable.
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

# --dirty: after an edit, only the pages it reaches are rendered again (scripts/vault_plugin/incremental.py).
serve: $(STAMP)
	$(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000

# The strict build, then the site audit (scripts/site_auditor): the built HTML read as a
# browser would, and each note's page compared with the link checker; a finding fails it.
# A step of its own, not a hook: it costs about 2 s per 1000 pages, which `mkdocs serve` and
# every other build are spared (make bench times the build alone).
build: $(STAMP)
	$(BIN)/mkdocs build --strict
	$(BIN)/python scripts/commands/site_audit.py "$${SITE_DIR:-site}" --vault "$(DOCS_DIR)" --base "$${SITE_URL:-/}"

# The browser tests drive Debian's chromium through the playwright package (from requirements.txt);
# Playwright's own browser download (`playwright install`) is never used. Installed here when
# missing and we are root; otherwise the tests say why they cannot run (in CI they fail).
CHROMIUM := /usr/bin/chromium

browser:
	@if [ -x $(CHROMIUM) ]; then \
		:; \
	elif [ "$$(id -u)" = 0 ]; then \
		echo "Installing chromium for the browser tests (apt-get)"; \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; \
	else \
		echo "$(CHROMIUM) is missing and this is not root: run 'sudo apt-get install -y chromium'"; \
		echo "for the browser tests in tests/browser/ (they are skipped without it, and fail in CI)."; \
	fi

test: $(STAMP) browser
	$(BIN)/python -m pytest tests

# The suite RUNS times in a row while busy loops keep every core loaded: no test may depend on
# which process wins a race (a worker that takes no page, or every page). Stops at a failure.
RUNS ?= 5
test-busy: $(STAMP) browser
	@set -e; pids=""; \
	for core in $$(seq $$(nproc)); do $(BIN)/python -c 'while True: pass' & pids="$$pids $$!"; done; \
	trap 'kill $$pids' EXIT; \
	for run in $$(seq $(RUNS)); do echo "== run $$run of $(RUNS), $$(nproc) busy loops"; $(BIN)/python -m pytest -q -p no:cacheprovider tests; done

check: $(STAMP)
	$(BIN)/python scripts/commands/check_links.py $(DOCS_DIR)

# make new NAME="Note name" (or NAME="folder/Note name"): a note from templates/Note.md.
new: $(STAMP)
	@if [ -z "$$NAME" ]; then echo 'make new: give the note a name: make new NAME="Note name"' >&2; exit 2; fi
	@$(BIN)/python scripts/commands/new_note.py --vault "$$DOCS_DIR" -- "$$NAME"

BENCH_STAMP := $(VENV)/.bench-installed

$(BENCH_STAMP): requirements-bench.txt $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-bench.txt
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP) browser
	$(BIN)/python scripts/bench/build_times.py
	$(BIN)/python scripts/bench/link_checkers.py
	$(BIN)/python scripts/bench/serve_latency.py --notes 1000 --memory-edits 50
	$(BIN)/python scripts/bench/serve_latency.py --notes 5000
	$(BIN)/python scripts/bench/scan_cache.py
	$(BIN)/python scripts/bench/search_budget.py
	$(BIN)/python scripts/bench/graph_frames.py

clean:
	rm -rf site $(VENV)
