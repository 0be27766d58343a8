"""The audit key at rest (issue 11 item 4, issue 16 item 6): the key that signs the log's
checkpoints is kept encrypted with a passphrase, never in the clear; without its passphrase a
finalise or an export is refused before it writes anything; a wrong passphrase changes nothing;
an old plain key is encrypted at its next unlock; ``audit verify`` needs no passphrase and still
finds a cut behind the last checkpoint."""

from __future__ import annotations

import base64
import io
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from evaluator import files
from evaluator.cli import parser as cli
from evaluator.db import Database
from evaluator.db import models as m
from evaluator.errors import NotFoundError
from evaluator.permissions import UserInfo
from evaluator.services import audit_key, audit_log, checkpoints
from evaluator.services import scoresheets as scoresheet_service
from evaluator.services.finalise import finalise_round
from evaluator.services.users import find_user
from evaluator.sync.keys import PASSPHRASE_ENV, fingerprint
from tests.accounts import make_user, sign_in
from tests.evaluator import sync_fixtures as f
from tests.evaluator.helpers import dump
from tests.evaluator.test_audit_chain import _cut, _entries, _fresh

SUITE_PASSPHRASE = os.environ[PASSPHRASE_ENV]  # tests/conftest.py gives every test one


@pytest.fixture(autouse=True)
def _nothing_unlocked_in_memory() -> Iterator[None]:
    audit_key.forget()
    yield
    audit_key.forget()


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[f.FieldPair]:
    """A committee database with one submitted sheet, imported from a package (the audit key was
    made with the suite's passphrase on the way)."""
    p = f.make_pair(tmp_path)
    f.score(p.inspector_db, f.user(p.inspector_db, "มาลี"), "840501", {"C1": 8, "C2": 7, "C3": 4})
    f.export_package(p.inspector_db, f.INSPECTOR, p.package(), p.key)
    f.import_package(p.committee_db, p.package())
    audit_key.forget()
    yield p
    p.close()


def _raw(key: Ed25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def _admin(db: Database) -> UserInfo:
    try:
        return find_user(db, "admin")
    except NotFoundError:
        return make_user(db, "admin", m.Role.ADMIN)


def _no_passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(PASSPHRASE_ENV, raising=False)
    audit_key.forget()


def _run(db: Database, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = cli.main(["--db", db.url, *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_the_key_on_disk_is_encrypted_and_verify_needs_no_passphrase(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = _fresh(tmp_path)
    _entries(db, 3)
    audit_log.export_xlsx(db, _admin(db), tmp_path / "log.xlsx")  # signs: the key is made
    pem = audit_key.key_path().read_bytes()
    assert pem.startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----")
    with pytest.raises(TypeError):  # no password: cannot be read at all
        serialization.load_pem_private_key(pem, password=None)
    with pytest.raises(ValueError):
        serialization.load_pem_private_key(pem, password=b"not the passphrase")
    key = serialization.load_pem_private_key(pem, password=SUITE_PASSPHRASE.encode())
    assert isinstance(key, Ed25519PrivateKey)
    own = fingerprint(_raw(key))
    public = (audit_key.key_folder() / audit_key.PUBLIC_FILE).read_text(encoding="ascii")
    assert base64.b64decode(public) == _raw(key)

    _no_passphrase(monkeypatch)  # a verifier knows no passphrase
    report = audit_log.verify(db)
    assert report.intact and report.checkpoints == 1, report.lines()
    assert report.checkpoint_keys == [own] == [checkpoints.installation_fingerprint()]
    db.dispose()


def test_without_a_passphrase_finalise_and_every_export_are_refused_with_nothing_written(
    pair: f.FieldPair, monkeypatch: pytest.MonkeyPatch
) -> None:
    _no_passphrase(monkeypatch)
    committee, admin = pair.committee_db, f.user(pair.committee_db, "admin")
    key_before = audit_key.key_path().read_bytes()
    before = dump(committee)
    with pytest.raises(audit_key.AuditKeyLocked, match=PASSPHRASE_ENV):
        finalise_round(committee, admin, "outstanding")
    out = pair.tmp / "out"
    with pytest.raises(audit_key.AuditKeyLocked, match=PASSPHRASE_ENV):
        scoresheet_service.export_scoresheet(committee, admin, f.INSPECTOR, out / "one.xlsx")
    with pytest.raises(audit_key.AuditKeyLocked, match=PASSPHRASE_ENV):
        scoresheet_service.export_scoresheets(committee, admin, [f.INSPECTOR], out / "batch")
    with pytest.raises(audit_key.AuditKeyLocked, match=PASSPHRASE_ENV):
        audit_log.export_xlsx(committee, admin, out / "log.xlsx")
    with pytest.raises(audit_key.AuditKeyLocked, match=PASSPHRASE_ENV):
        f.export_package(pair.inspector_db, f.INSPECTOR, out / "p.cddpkg", pair.key)
    assert dump(committee) == before
    assert not out.exists() or not any(out.rglob("*"))
    assert audit_key.key_path().read_bytes() == key_before

    # no key yet and no passphrase: none is made (it would have to be made in the clear)
    monkeypatch.setenv(checkpoints.KEY_DIR_ENV, str(pair.tmp / "new-installation"))
    with pytest.raises(audit_key.AuditKeyLocked, match=PASSPHRASE_ENV):
        finalise_round(committee, admin, "outstanding")
    assert audit_key.state() == "none" and not audit_key.key_path().parent.exists()
    assert dump(committee) == before


def test_a_wrong_passphrase_is_refused_and_nothing_changes(
    pair: f.FieldPair, monkeypatch: pytest.MonkeyPatch
) -> None:
    committee, admin = pair.committee_db, f.user(pair.committee_db, "admin")
    key_before = audit_key.key_path().read_bytes()
    public_before = (audit_key.key_folder() / audit_key.PUBLIC_FILE).read_bytes()
    before = dump(committee)
    monkeypatch.setenv(PASSPHRASE_ENV, "a wrong passphrase")
    with pytest.raises(audit_key.AuditKeyError, match="wrong passphrase"):
        finalise_round(committee, admin, "outstanding")
    with pytest.raises(audit_key.AuditKeyError, match="wrong passphrase"):
        audit_log.export_xlsx(committee, admin, pair.tmp / "log.xlsx")
    assert not (pair.tmp / "log.xlsx").exists()
    assert not audit_key.try_unlock("another wrong one")
    assert not audit_key.is_unlocked()
    assert dump(committee) == before
    assert audit_key.key_path().read_bytes() == key_before
    assert (audit_key.key_folder() / audit_key.PUBLIC_FILE).read_bytes() == public_before

    monkeypatch.setenv(PASSPHRASE_ENV, SUITE_PASSPHRASE)
    finalise_round(committee, admin, "outstanding")
    report = audit_log.verify(committee)
    assert report.intact and report.checkpoints == 1, report.lines()


def test_an_old_plain_key_is_encrypted_at_its_next_unlock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An installation from before this change kept the key as plain PKCS#8 (mode 0600 only) and
    signed checkpoints with it: the key is kept (its checkpoints stay trusted), encrypted the
    first time a passphrase is given, and never used in the clear again."""
    db = _fresh(tmp_path)
    old = Ed25519PrivateKey.generate()
    folder = audit_key.key_folder()
    folder.mkdir(parents=True, exist_ok=True)
    plain = old.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    audit_key.key_path().write_bytes(plain)
    with db.transaction() as s:  # a checkpoint signed by the old program
        checkpoints.checkpoint(s, "admin", "before the change", old)
    _entries(db, 2)

    _no_passphrase(monkeypatch)
    assert audit_key.state() == "plain"
    assert checkpoints.installation_fingerprint() == fingerprint(_raw(old))
    assert audit_log.verify(db).intact  # verify reads the old key's public half, no passphrase
    with pytest.raises(audit_key.AuditKeyLocked, match=PASSPHRASE_ENV):
        audit_log.export_xlsx(db, _admin(db), tmp_path / "log.xlsx")  # not signed with a plain key
    assert audit_key.key_path().read_bytes() == plain and not (tmp_path / "log.xlsx").exists()
    with pytest.raises(audit_key.AuditKeyError, match="8"):
        audit_key.unlock("short")  # too short to protect it: still plain
    assert audit_key.key_path().read_bytes() == plain

    monkeypatch.setenv(PASSPHRASE_ENV, "the committee's passphrase")
    audit_log.export_xlsx(db, _admin(db), tmp_path / "log.xlsx")
    pem = audit_key.key_path().read_bytes()
    assert audit_key.state() == "encrypted" and b"ENCRYPTED" in pem
    with pytest.raises(TypeError):
        serialization.load_pem_private_key(pem, password=None)
    again = serialization.load_pem_private_key(pem, password=b"the committee's passphrase")
    assert isinstance(again, Ed25519PrivateKey) and _raw(again) == _raw(old)
    _no_passphrase(monkeypatch)
    report = audit_log.verify(db)
    assert report.intact and report.checkpoints == 2, report.lines()
    assert report.checkpoint_keys == [fingerprint(_raw(old))]
    db.dispose()


def test_a_public_file_swapped_for_another_key_is_found_at_unlock(tmp_path: Path) -> None:
    audit_key.unlock(SUITE_PASSPHRASE)
    other = base64.b64encode(_raw(Ed25519PrivateKey.generate())).decode("ascii")
    (audit_key.key_folder() / audit_key.PUBLIC_FILE).write_text(other + "\n", encoding="ascii")
    audit_key.forget()
    with pytest.raises(audit_key.AuditKeyError, match="replaced"):
        audit_key.unlock(SUITE_PASSPHRASE)


def test_a_cut_behind_the_last_checkpoint_is_found_without_the_passphrase(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = _fresh(tmp_path)
    _entries(db, 5)
    audit_log.export_xlsx(db, _admin(db), tmp_path / "log.xlsx")
    _entries(db, 5)
    _no_passphrase(monkeypatch)
    assert audit_log.verify(db).intact
    _cut(db, keep=3)
    report = audit_log.verify(db)
    assert not report.intact
    assert any("cut or rebuilt" in line for line in report.lines()), report.lines()


def test_the_command_line_names_the_variable_and_asks_at_a_terminal(
    pair: f.FieldPair, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    committee = pair.committee_db
    _no_passphrase(monkeypatch)
    sign_in(monkeypatch, "admin")
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))  # a script: no terminal
    out = pair.tmp / "log.xlsx"
    code, _, err = _run(committee, capsys, "audit", "export", "--out", str(out))
    assert code == 1 and PASSPHRASE_ENV in err and not out.exists()
    before = dump(committee)
    code, _, err = _run(committee, capsys, "finalise", "--round", "outstanding")
    assert code == 1 and PASSPHRASE_ENV in err
    assert dump(committee) == before

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    asked: list[str] = []

    def typed(prompt: str = "") -> str:
        asked.append(prompt)
        return SUITE_PASSPHRASE

    monkeypatch.setattr(sys, "stdin", Terminal(""))
    monkeypatch.setattr("getpass.getpass", typed)
    code, _, err = _run(committee, capsys, "finalise", "--round", "outstanding")
    assert code == 0, err
    assert len(asked) == 1 and "audit key" in asked[0]
    assert audit_log.verify(committee).intact


def test_an_inspectors_package_passphrase_also_opens_a_new_audit_key(
    pair: f.FieldPair, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """On an inspector's laptop one passphrase may serve both keys: the package's passphrase,
    given in a file, makes (or opens) the audit key when $EVALUATOR_PASSPHRASE is not set."""
    _no_passphrase(monkeypatch)
    first = checkpoints.installation_fingerprint()  # the fixture's key signed the first export
    assert first is not None
    monkeypatch.setenv(checkpoints.KEY_DIR_ENV, str(pair.tmp / "laptop-audit-key"))
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    passfile = pair.tmp / "pass.txt"
    passfile.write_bytes(f.PASSPHRASE + b"\n")
    sign_in(monkeypatch, "มาลี")
    out = pair.tmp / "again.cddpkg"
    code, _, err = _run(
        pair.inspector_db,
        capsys,
        "export",
        "package",
        "--inspector",
        f.INSPECTOR,
        "--out",
        str(out),
        "--key",
        str(pair.key_path),
        "--passphrase-file",
        str(passfile),
    )
    assert code == 0, err
    pem = audit_key.key_path().read_bytes()
    assert isinstance(serialization.load_pem_private_key(pem, f.PASSPHRASE), Ed25519PrivateKey)
    audit_key.forget()
    report = audit_log.verify(pair.inspector_db, trusted={first})
    assert report.intact and report.checkpoints == 2, report.lines()
    assert checkpoints.installation_fingerprint() in report.checkpoint_keys


def test_an_export_onto_a_workbook_held_open_is_reported_and_logs_no_checkpoint(
    pair: f.FieldPair, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 16 item 6: the audit export and the scoresheet go through files.replace_file like
    every other output: a target Excel holds open is retried, then named; the old file is kept
    whole, no temporary is left, and no checkpoint claims an export that did not happen."""
    committee, admin = pair.committee_db, f.user(pair.committee_db, "admin")
    folder = pair.tmp / "out"
    log, sheet = folder / "log.xlsx", folder / "sheet.xlsx"
    audit_log.export_xlsx(committee, admin, log)
    scoresheet_service.export_scoresheet(committee, admin, f.INSPECTOR, sheet)
    kept = {p: p.read_bytes() for p in (log, sheet)}
    real = files.os.replace

    def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        if Path(dst) in kept:
            raise PermissionError(13, "The process cannot access the file", str(dst))
        real(src, dst)

    monkeypatch.setattr(files.os, "replace", replace)
    monkeypatch.setattr(files, "FIRST_DELAY", 0.001)
    before = dump(committee)
    with pytest.raises(files.OutputInUseError, match=r"log\.xlsx"):
        audit_log.export_xlsx(committee, admin, log)
    with pytest.raises(files.OutputInUseError, match=r"sheet\.xlsx"):
        scoresheet_service.export_scoresheet(committee, admin, f.INSPECTOR, sheet)
    assert dump(committee) == before
    assert {p: p.read_bytes() for p in (log, sheet)} == kept
    assert sorted(p.name for p in folder.iterdir()) == ["log.xlsx", "sheet.xlsx"]
