"""Fixtures: every test gets its own temporary database; storage tests also run on PostgreSQL."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# the program's log (evaluator.logs) goes to a throwaway folder, not the user's log folder
os.environ.setdefault("EVALUATOR_LOG_DIR", tempfile.mkdtemp(prefix="evaluator-logs-"))
# the passphrase that unlocks (and, on first use, encrypts) the self-signed signing key, as
# scripts give it; tests of a missing or wrong one remove or change it
os.environ.setdefault("EVALUATOR_PASSPHRASE", "test signing passphrase")

from evaluator import accounts, i18n
from evaluator.db import Database, open_database
from evaluator.services.setup import init_database
from tests import pgserver

_PG_SKIP_REASON: list[str] = []

# Cheap Argon2id parameters for the test suite (the program's defaults cost ~64 MiB and tens of
# milliseconds per hash, seconds on a loaded machine); test_accounts checks the defaults.
accounts.set_hash_parameters(time_cost=1, memory_cost=1024, parallelism=1)


@pytest.fixture(autouse=True)
def _no_signed_in_user(monkeypatch: pytest.MonkeyPatch) -> None:
    """A developer's own $EVALUATOR_USER/$EVALUATOR_PASSWORD never reach a test: a test signs
    in on purpose (tests/accounts.py)."""
    for name in ("EVALUATOR_USER", "EVALUATOR_PASSWORD", "EVALUATOR_NEW_PASSWORD"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def pg_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[pgserver.PgServer | None]:
    if os.environ.get("EVALUATOR_NO_POSTGRES"):
        _PG_SKIP_REASON.append("EVALUATOR_NO_POSTGRES is set")
        yield None
        return
    try:
        server = pgserver.start(tmp_path_factory.mktemp("postgres"))
    except Exception as exc:  # any reason at all: report it loudly, then skip
        _PG_SKIP_REASON.append(f"{type(exc).__name__}: {exc}")
        yield None
        return
    yield server
    server.stop()


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    """A fresh, initialised SQLite database in a temporary folder."""
    database = open_database(tmp_path / "test.sqlite3")
    init_database(database)
    yield database
    database.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_db(
    request: pytest.FixtureRequest, tmp_path: Path, pg_server: pgserver.PgServer | None
) -> Iterator[Database]:
    """A fresh, initialised database on SQLite and on a throwaway PostgreSQL server."""
    if request.param == "sqlite":
        database = open_database(tmp_path / "test.sqlite3")
    else:
        if pg_server is None:
            pytest.skip(f"PostgreSQL unavailable: {_PG_SKIP_REASON[-1:]}")
        database = open_database(pg_server.new_database())
    init_database(database)
    yield database
    database.dispose()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _PG_SKIP_REASON:
        bar = "!" * 78
        terminalreporter.write_line(bar, red=True, bold=True)
        terminalreporter.write_line(
            "POSTGRESQL TESTS WERE SKIPPED: " + _PG_SKIP_REASON[-1], red=True, bold=True
        )
        terminalreporter.write_line(bar, red=True, bold=True)


@pytest.fixture(autouse=True)
def _audit_key_folder(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Checkpoints sign with an installation key: the tests' own, never the user's."""
    from evaluator.services.checkpoints import KEY_DIR_ENV

    monkeypatch.setenv(KEY_DIR_ENV, str(tmp_path_factory.mktemp("audit-key")))


@pytest.fixture
def english() -> Iterator[None]:
    """The core's language set to English for the test, Thai again after it."""
    i18n.set_language("en")
    try:
        yield
    finally:
        i18n.set_language("th")
