"""The field-work commands end to end, on two database files, as a user would type them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from evaluator.cli import parser as cli
from evaluator.db import Database
from evaluator.sync import keys
from tests.accounts import TEST_PASSWORD
from tests.evaluator import sync_fixtures as f

NAME = f.INSPECTOR


@pytest.fixture(autouse=True)
def _password(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every fixture user has TEST_PASSWORD; commands name their user with --user."""
    monkeypatch.setenv("EVALUATOR_PASSWORD", TEST_PASSWORD)


@pytest.fixture
def dbs(tmp_path: Path) -> Iterator[tuple[Database, Database]]:
    inspector = f.new_db(tmp_path / "inspector.sqlite3")
    committee = f.new_db(tmp_path / "committee.sqlite3")
    f.build_contest(inspector)
    f.build_contest(committee)
    SIGNED_IN[inspector.url] = "มาลี"
    SIGNED_IN[committee.url] = "ประธาน"
    yield inspector, committee
    inspector.dispose()
    committee.dispose()


# Who signs in on each database: the inspector on theirs, the committee's chair on the other.
SIGNED_IN: dict[str, str] = {}


def run(db: Database, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """``evaluator --db URL --user LOGIN ARGS`` (the password from $EVALUATOR_PASSWORD)."""
    code = cli.main(["--db", db.url, "--user", SIGNED_IN.get(db.url, "admin"), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def _passfile(tmp_path: Path) -> Path:
    p = tmp_path / "pass.txt"
    p.write_bytes(f.PASSPHRASE + b"\n")
    return p


def test_the_whole_field_work_from_the_command_line(
    dbs: tuple[Database, Database], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inspector, committee = dbs
    key, pub, pkg, passfile = (
        tmp_path / "k.pem",
        tmp_path / "pub.pem",
        tmp_path / "zone5.cddpkg",
        _passfile(tmp_path),
    )
    code, out, err = run(
        inspector,
        capsys,
        "keys",
        "generate",
        "--inspector",
        NAME,
        "--key",
        str(key),
        "--passphrase-file",
        str(passfile),
    )
    assert code == 0, err
    fp = keys.fingerprint(keys.public_raw(keys.read_private_key(key, f.PASSPHRASE)))
    assert fp in out
    code, out, err = run(
        inspector, capsys, "keys", "export-public", "--inspector", NAME, "--out", str(pub)
    )
    assert code == 0 and fp in pub.read_text(encoding="utf-8")
    code, out, err = run(committee, capsys, "keys", "register", "--inspector", NAME, str(pub))
    assert code == 0, err
    assert fp in out

    ins = f.user(inspector, "มาลี")
    f.score(inspector, ins, "840501", {"C1": 8, "C2": 7, "C3": 4}, photo=f.PNG)
    code, out, err = run(
        inspector,
        capsys,
        "export",
        "package",
        "--inspector",
        NAME,
        "--out",
        str(pkg),
        "--key",
        str(key),
        "--passphrase-file",
        str(passfile),
    )
    assert code == 0, err
    assert pkg.exists() and "1 ฉบับ" in out

    code, out, err = run(committee, capsys, "import", "package", str(pkg))
    assert code == 0, err
    assert "insert" in out
    code, out, err = run(committee, capsys, "import", "package", str(pkg))
    assert code == 0 and "นำเข้าแล้ว" in out

    code, out, err = run(committee, capsys, "imports")
    assert code == 0 and "zone5.cddpkg" in out and "ประธาน" in out
    code, out, err = run(committee, capsys, "conflicts", "list")
    assert code == 0 and "ไม่มีข้อขัดแย้ง" in out
    code, out, err = run(committee, capsys, "audit", "verify")
    assert code == 0, err
    code, out, err = run(committee, capsys, "audit", "list", "--source", "package")
    assert code == 0 and "sync.insert" in out and "ประธาน" in out
    code, out, err = run(committee, capsys, "keys", "list")
    assert code == 0 and fp in out


def test_conflicts_are_listed_and_resolved_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pair = f.make_pair(tmp_path)
    SIGNED_IN[pair.committee_db.url] = "ประธาน"
    try:
        ins = f.user(pair.inspector_db, "มาลี")
        admin = f.user(pair.committee_db, "admin")
        uuid = f.score(pair.inspector_db, ins, "840502", {"C1": 5, "C2": 6, "C3": 3})
        f.export_package(pair.inspector_db, NAME, pair.package("a.cddpkg"), pair.key)
        f.import_package(pair.committee_db, pair.package("a.cddpkg"), actor="กรรมการ")
        f.score(pair.committee_db, admin, "840502", {"C1": 1})
        f.score(pair.inspector_db, ins, "840502", {"C2": 9})
        f.export_package(pair.inspector_db, NAME, pair.package("b.cddpkg"), pair.key)
        code, out, err = run(
            pair.committee_db, capsys, "import", "package", str(pair.package("b.cddpkg"))
        )
        assert code == 0 and "conflict" in out
        [conflict] = f.list_conflicts(pair.committee_db)
        copy = conflict.copies[0].row_uuid
        code, out, err = run(pair.committee_db, capsys, "conflicts", "list")
        assert uuid in out and copy in out
        code, out, err = run(
            pair.committee_db,
            capsys,
            "conflicts",
            "resolve",
            uuid,
            "--keep",
            copy,
            "--reason",
            "ยืนยันกับผู้ประเมินทางโทรศัพท์",
        )
        assert code == 0, err
        assert f.scores_of(pair.committee_db, uuid) == {"C1": 5, "C2": 9, "C3": 3}
        code, out, err = run(
            pair.committee_db, capsys, "audit", "list", "--action", "conflict.resolve"
        )
        assert "ยืนยันกับผู้ประเมินทางโทรศัพท์" in out and "ประธาน" in out
    finally:
        pair.close()


def test_registration_by_fingerprint_read_aloud(
    dbs: tuple[Database, Database],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    inspector, committee = dbs
    key = tmp_path / "k.pem"
    monkeypatch.setenv(keys.PASSPHRASE_ENV, f.PASSPHRASE.decode())
    code, out, err = run(
        inspector, capsys, "keys", "generate", "--inspector", NAME, "--key", str(key)
    )
    assert code == 0, err
    fp = keys.fingerprint(keys.public_raw(keys.read_private_key(key, f.PASSPHRASE)))
    spoken = fp.lower().replace("-", " ")
    code, out, err = run(
        committee, capsys, "keys", "register", "--inspector", NAME, "--fingerprint", spoken
    )
    assert code == 0 and fp in out
    f.score(inspector, f.user(inspector, "มาลี"), "840501", {"C1": 8, "C2": 7, "C3": 4})
    pkg = tmp_path / "p.cddpkg"
    code, out, err = run(
        inspector,
        capsys,
        "export",
        "package",
        "--inspector",
        NAME,
        "--out",
        str(pkg),
        "--key",
        str(key),
    )
    assert code == 0, err
    code, out, err = run(committee, capsys, "import", "package", str(pkg))
    assert code == 0 and fp in out
    code, out, err = run(committee, capsys, "keys", "list")
    assert f"{NAME}\tkey\t{fp}" in out


def test_passphrases_never_come_from_the_command_line(
    dbs: tuple[Database, Database],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    inspector, _ = dbs
    with pytest.raises(SystemExit):
        cli.main(
            ["--db", inspector.url, "keys", "generate", "--inspector", NAME, "--passphrase", "x"]
        )
    capsys.readouterr()
    monkeypatch.delenv(keys.PASSPHRASE_ENV, raising=False)
    code, _, err = run(
        inspector, capsys, "keys", "generate", "--inspector", NAME, "--key", str(tmp_path / "k.pem")
    )
    assert code == 1 and "EVALUATOR_PASSPHRASE" in err


def test_a_wrong_passphrase_is_a_clear_error(
    dbs: tuple[Database, Database], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inspector, _ = dbs
    key = tmp_path / "k.pem"
    passfile = _passfile(tmp_path)
    run(
        inspector,
        capsys,
        "keys",
        "generate",
        "--inspector",
        NAME,
        "--key",
        str(key),
        "--passphrase-file",
        str(passfile),
    )
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the passphrase\n")
    f.score(inspector, f.user(inspector, "มาลี"), "840501", {"C1": 8, "C2": 7, "C3": 4})
    out_file = tmp_path / "p.cddpkg"
    code, _, err = run(
        inspector,
        capsys,
        "export",
        "package",
        "--inspector",
        NAME,
        "--out",
        str(out_file),
        "--key",
        str(key),
        "--passphrase-file",
        str(wrong),
    )
    assert code == 1 and "รหัสผ่านไม่ถูกต้อง" in err
    assert not out_file.exists()
