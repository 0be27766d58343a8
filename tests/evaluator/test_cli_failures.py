"""Clear failures of the command line: a --db that cannot be what was meant, a server that is
down, a busy or deadlocked database, a file that is not a database; one line on stderr, a
non-zero exit, no traceback, nothing created. And UTF-8 output on any pipe."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from evaluator.cli import parser as cli
from evaluator.db.failures import describe
from tests.accounts import TEST_PASSWORD

ROOT = Path(__file__).resolve().parents[2]


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    capsys.readouterr()
    code = cli.main(list(args))
    return code, capsys.readouterr().err


def test_a_db_in_a_folder_that_does_not_exist_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "no such folder" / "x.sqlite3"
    code, err = _run(capsys, "--db", str(target), "rank", "--round", "r")
    assert code == 1 and "does not exist" in err and "Traceback" not in err
    assert not target.parent.exists()


def test_a_missing_file_is_not_created_by_a_command_other_than_init(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "typo.sqlite3"
    for args in (["budget"], ["audit", "verify"], ["import", "geography", "x.csv"]):
        code, err = _run(capsys, "--db", str(target), *args)
        assert code == 1 and "init" in err, err
    code, err = _run(capsys, "--db", f"sqlite:///{target}", "budget")
    assert code == 1 and "init" in err
    assert not target.exists()
    monkeypatch.setenv("EVALUATOR_PASSWORD", TEST_PASSWORD)  # init may create it, and its folder
    code, err = _run(capsys, "--db", str(tmp_path / "new" / "db.sqlite3"), "init")
    assert code == 0, err


def test_init_with_a_bad_password_leaves_no_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "new.sqlite3"
    monkeypatch.setenv("EVALUATOR_PASSWORD", "short")
    code, err = _run(capsys, "--db", str(target), "init")
    assert code == 2 and "8" in err
    assert list(tmp_path.iterdir()) == []


def test_a_folder_or_a_non_database_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = _run(capsys, "--db", str(tmp_path), "budget")
    assert code == 1 and "folder" in err
    junk = tmp_path / "notes.sqlite3"
    junk.write_text("not a database\n" * 100)
    code, err = _run(capsys, "--db", str(junk), "budget")
    assert code == 1 and "not a database" in err and "Traceback" not in err
    assert junk.read_text() == "not a database\n" * 100


def test_a_postgresql_server_that_is_down(capsys: pytest.CaptureFixture[str]) -> None:
    code, err = _run(capsys, "--db", "postgresql+psycopg://nobody@127.0.0.1:9/none", "budget")
    assert code == 1 and "cannot connect" in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


@pytest.mark.parametrize(
    ("orig", "expected"),
    [
        (sqlite3.OperationalError("database is locked"), "busy"),
        (sqlite3.DatabaseError("file is not a database"), "not a database"),
        (sqlite3.OperationalError("unable to open database file"), "cannot open"),
    ],
)
def test_sqlite_failures_are_one_line(orig: Exception, expected: str) -> None:
    text = describe(OperationalError("SELECT 1", {}, orig))
    assert expected in text and "\n" not in text


def test_a_postgresql_deadlock_is_one_line() -> None:
    class Deadlock(Exception):
        sqlstate = "40P01"

    text = describe(OperationalError("UPDATE rounds", {}, Deadlock("deadlock detected\nDETAIL")))
    assert "same moment" in text and "\n" not in text


def test_a_database_locked_by_another_program(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another program holds the write lock for longer than the program waits."""
    monkeypatch.setenv("EVALUATOR_PASSWORD", TEST_PASSWORD)
    target = tmp_path / "busy.sqlite3"
    assert cli.main(["--db", str(target), "init"]) == 0
    from evaluator.db import engine

    monkeypatch.setattr(engine, "_sqlite_pragmas", _short_wait(engine._sqlite_pragmas))
    other = sqlite3.connect(target, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        monkeypatch.setenv("EVALUATOR_USER", "admin")
        code, err = _run(capsys, "--db", str(target), "users", "add", "x.y", "--name", "เอ็กซ์",
                         "--role", "committee")  # fmt: skip
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert code == 1 and "busy" in err and "Traceback" not in err, err


def _short_wait(pragmas: object) -> object:
    def wrapped(dbapi_connection: sqlite3.Connection, record: object) -> None:
        pragmas(dbapi_connection, record)  # type: ignore[operator]
        dbapi_connection.execute("PRAGMA busy_timeout=200")

    return wrapped


def test_thai_output_through_a_cp1252_pipe(tmp_path: Path) -> None:
    """A Windows pipe is cp1252 unless told otherwise: Thai must still come out, in UTF-8."""
    env = dict(os.environ, PYTHONIOENCODING="cp1252", PYTHONUTF8="0")
    result = subprocess.run(
        [sys.executable, "-m", "ui", "--db", str(tmp_path / "x.sqlite3"), "budget"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        check=False,
    )
    assert result.returncode == 1
    err = result.stderr.decode("utf-8")
    assert "ไม่พบฐานข้อมูล" in err and "Traceback" not in err
    version = subprocess.run(
        [sys.executable, "-m", "ui", "--version"], cwd=ROOT, capture_output=True, check=False
    )
    assert version.returncode == 0 and version.stdout.startswith(b"evaluator ")
