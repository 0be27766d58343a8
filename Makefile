# make run   — set everything up, create the demo database on first run, open the app
# make test  — set everything up and run every check: ruff, mypy, import contracts, pytest
# make bundle — the one-folder app (PyInstaller, packaging/evaluator.spec) in dist/evaluator/
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
APP_STAMP := $(VENV)/.app-stamp
STAMP := $(VENV)/.dev-stamp
QM := resources/i18n/evaluator_en.qm

.PHONY: run test lint typecheck pytest demo clean bench screenshots mindeps translations bundle smoke wheel guide

# --- the app alone: Qt's Debian libraries, python3-venv, the package without the dev tools ------
$(APP_STAMP): pyproject.toml scripts/system-deps.sh
	@bash scripts/system-deps.sh
	@test -x $(BIN)/python || { echo "==> creating $(VENV)"; $(PYTHON) -m venv $(VENV); }
	@echo "==> installing the program into $(VENV) (pip install -e .)"
	@$(BIN)/python -m pip install -q --disable-pip-version-check -e .
	@touch $@

# --- everything for the checks: also poppler, PostgreSQL and the dev tools ----------------------
$(STAMP): $(APP_STAMP)
	@bash scripts/system-deps.sh --test
	@echo "==> installing the dev tools into $(VENV) (pip install -e .[dev])"
	@$(BIN)/python -m pip install -q --disable-pip-version-check -e ".[dev]"
	@touch $@

# The demo lives in its own file (demo.sqlite3 in the user data folder), never in the database
# the app opens by default.
run: $(APP_STAMP)
	@db=$$($(BIN)/python -c "from evaluator.db.engine import demo_db_path; print(demo_db_path())"); \
	echo "==> demo database: $$db (built on first run)"; \
	$(BIN)/evaluator --db "$$db" demo --if-missing >/dev/null && \
	echo "==> opening the app" && \
	$(BIN)/evaluator --db "$$db"

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
	rm -rf $(VENV) $(MINVENV) .mypy_cache .pytest_cache .ruff_cache build dist

# --- the declared lower bounds really work: install exactly them, run the document and signing tests
MINVENV := .venv-min
mindeps: $(STAMP)
	rm -rf $(MINVENV)
	$(PYTHON) -m venv $(MINVENV)
	$(BIN)/python scripts/min_constraints.py > $(MINVENV)/constraints.txt
	$(MINVENV)/bin/python -m pip install -q --disable-pip-version-check \
		-c $(MINVENV)/constraints.txt -e ".[dev]"
	$(MINVENV)/bin/python scripts/min_constraints.py --check
	EVALUATOR_NO_POSTGRES=1 $(MINVENV)/bin/python -m pytest -q -p no:cacheprovider tests/reports

# --- translations: the .ts and the .qm built from it are both committed (every wheel and bundle
# has the English translation). `make translations` adds every new tr() string of ui/ to the .ts
# (unfinished, for its English to be written in), drops the ones no longer used, and rebuilds the
# .qm files; tests/ui/test_translations.py fails on a string missing, unfinished or stale.
TS := resources/i18n/evaluator_en.ts
QT_TH := resources/i18n/qtbase_th
translations: $(STAMP)
	$(BIN)/pyside6-lupdate -silent -no-obsolete -locations none $$(find ui -name '*.py' | sort) -ts $(TS)
	$(BIN)/pyside6-lrelease -silent $(TS) -qm $(QM)
	$(BIN)/pyside6-lrelease -silent $(QT_TH).ts -qm $(QT_TH).qm

screenshots: $(STAMP)
	bash scripts/system-deps.sh --screen
	xvfb-run -a -s "-screen 0 1366x768x24" $(BIN)/python tools/screenshots.py docs/screenshots
	QT_SCALE_FACTOR=1.25 xvfb-run -a -s "-screen 0 1366x768x24" \
		$(BIN)/python tools/screenshots.py docs/screenshots/125
	$(MAKE) guide

# --- the user guide (docs/คู่มือ-ผู้ใช้.md) shipped in resources/guide/ with its pictures --------
guide: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python tools/guide.py

# --- the bundle: one folder, two executables (evaluator-app, evaluator); docs/packaging.md ------
bundle: $(STAMP)
	$(BIN)/python -m pip install -q --disable-pip-version-check "pyinstaller>=6.10"
	QT_QPA_PLATFORM=offscreen $(BIN)/python packaging/make_icon.py build/icon
	$(BIN)/python -m PyInstaller --noconfirm --log-level WARN --distpath dist \
		--workpath build/pyinstaller packaging/evaluator.spec
	@du -sh dist/evaluator

# builds the bundle, then runs it from another folder with an empty home (packaging/smoke.sh)
smoke: bundle wheel
	bash packaging/smoke.sh dist/evaluator

# the wheel, built from the checkout and installed into a fresh venv: its files and --version
wheel: $(APP_STAMP)
	rm -rf dist/wheel dist/wheel-venv
	$(BIN)/python -m pip wheel -q --disable-pip-version-check --no-deps -w dist/wheel .
	$(PYTHON) -m venv dist/wheel-venv
	dist/wheel-venv/bin/python -m pip install -q --disable-pip-version-check dist/wheel/*.whl
	cd dist && wheel-venv/bin/python -c "import resources, evaluator.db.migrate as m; \
		from ui.i18n import translation_file; assert translation_file('en').stat().st_size > 1000; \
		assert resources.path('zones.csv').exists() and m.MIGRATIONS.joinpath('env.py').exists(); \
		guide = resources.path('guide/guide.md'); assert guide.stat().st_size > 1000; \
		assert len(list(guide.parent.glob('*.jpg'))) >= 10; \
		print('wheel: translation, zones, migrations and the user guide installed')"
	cd dist && wheel-venv/bin/evaluator --version
