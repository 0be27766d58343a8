# make run   — set everything up, create the demo database on first run, open the app
# make test  — set everything up and run every check: ruff, mypy, import contracts, pytest
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test lint typecheck pytest demo clean bench screenshots mindeps

$(STAMP): pyproject.toml scripts/system-deps.sh
	bash scripts/system-deps.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[dev]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/evaluator demo --if-missing
	$(BIN)/evaluator

test: $(STAMP) lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

bench: $(STAMP)
	for b in bench/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) $(MINVENV) .mypy_cache .pytest_cache .ruff_cache

# --- the declared lower bounds really work: install exactly them, run the document and signing tests
MINVENV := .venv-min
mindeps: $(STAMP)
	rm -rf $(MINVENV)
	$(PYTHON) -m venv $(MINVENV)
	$(BIN)/python scripts/min_constraints.py > $(MINVENV)/constraints.txt
	$(MINVENV)/bin/python -m pip install -q -c $(MINVENV)/constraints.txt -e . \
		"pytest>=8.0" "pytest-qt>=4.4" "hypothesis>=6.100"
	$(MINVENV)/bin/python scripts/min_constraints.py --check
	EVALUATOR_NO_POSTGRES=1 $(MINVENV)/bin/python -m pytest -q -p no:cacheprovider tests/reports

# --- desktop app: translations (.ts committed, .qm built here) and screenshots of each view ----
QM := resources/i18n/evaluator_en.qm
.PHONY: translations

translations: $(QM)

resources/i18n/%.qm: resources/i18n/%.ts $(STAMP)
	$(BIN)/pyside6-lrelease -silent $< -qm $@

run pytest: $(QM)

screenshots: $(STAMP) $(QM)
	bash scripts/system-deps.sh --screen
	xvfb-run -a -s "-screen 0 1600x1000x24" $(BIN)/python tools/screenshots.py docs/screenshots
