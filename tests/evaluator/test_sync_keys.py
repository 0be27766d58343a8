"""Inspector keys: made on the inspector's machine, protected by a passphrase, registered by
the committee from a file or from the fingerprint read aloud."""

from __future__ import annotations

import re
import stat
from pathlib import Path

import pytest

from evaluator.errors import EvaluatorError, InputError, PermissionDenied
from evaluator.sync import keys
from evaluator.sync.package import PackageRefused
from tests.evaluator import sync_fixtures as f


def test_private_key_is_encrypted_and_owner_only(tmp_path: Path) -> None:
    pair = keys.generate(b"a long passphrase")
    path = tmp_path / "k" / "key.pem"
    keys.write_private_key(path, pair.private_pem)
    data = path.read_bytes()
    assert b"ENCRYPTED PRIVATE KEY" in data
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    key = keys.read_private_key(path, b"a long passphrase")
    assert keys.public_raw(key) == pair.public_raw
    with pytest.raises(keys.KeyFileError, match="รหัสผ่านไม่ถูกต้อง"):
        keys.read_private_key(path, b"the wrong passphrase")


def test_short_passphrase_and_accidental_overwrite_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="อย่างน้อย"):
        keys.generate(b"short")
    path = tmp_path / "key.pem"
    keys.write_private_key(path, keys.generate(b"passphrase-1").private_pem)
    with pytest.raises(keys.KeyFileError, match="--force"):
        keys.write_private_key(path, keys.generate(b"passphrase-2").private_pem)
    keys.write_private_key(path, keys.generate(b"passphrase-2").private_pem, overwrite=True)
    keys.read_private_key(path, b"passphrase-2")


def test_fingerprint_is_short_readable_and_normalised() -> None:
    pair = keys.generate(b"passphrase-x")
    fp = pair.fingerprint
    assert re.fullmatch(r"[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}", fp)
    spoken = fp.lower().replace("-", " ")
    assert keys.normalise_fingerprint(spoken) == fp
    with pytest.raises(InputError):
        keys.normalise_fingerprint("12345")
    assert keys.fingerprint(keys.generate(b"passphrase-y").public_raw) != fp


def test_public_key_file_round_trip_with_comments() -> None:
    pair = keys.generate(b"passphrase-z")
    data = keys.public_key_file(pair.public_raw, f.INSPECTOR)
    text = data.decode("utf-8")
    assert f.INSPECTOR in text and pair.fingerprint in text
    assert keys.read_public_key(data) == pair.public_raw
    with pytest.raises(InputError, match="ไม่ใช่ไฟล์กุญแจสาธารณะ"):
        keys.read_public_key(b"-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n")
    with pytest.raises(InputError):
        keys.read_public_key(b"hello")


def test_passphrase_sources_file_then_environment(tmp_path: Path) -> None:
    file = tmp_path / "pass.txt"
    file.write_bytes(b"from the file\nsecond line\n")
    assert keys.read_passphrase(file, env={keys.PASSPHRASE_ENV: "env"}) == b"from the file"
    assert keys.read_passphrase(None, env={keys.PASSPHRASE_ENV: "จากตัวแปร"}) == "จากตัวแปร".encode()


def test_generate_stores_public_key_in_the_inspector_database(tmp_path: Path) -> None:
    pair = f.make_pair(tmp_path, register=False)
    try:
        [info] = [k for k in f.list_keys(pair.inspector_db) if k.inspector == f.INSPECTOR]
        assert info.state == "key"
        assert info.fingerprint == keys.fingerprint(keys.public_raw(pair.key))
        committee = {k.inspector: k for k in f.list_keys(pair.committee_db)}
        assert committee[f.INSPECTOR].state == "none"
    finally:
        pair.close()


def test_committee_registers_by_file_and_refuses_a_silent_key_change(tmp_path: Path) -> None:
    pair = f.make_pair(tmp_path)
    try:
        fp = keys.fingerprint(keys.public_raw(pair.key))
        [info] = [k for k in f.list_keys(pair.committee_db) if k.inspector == f.INSPECTOR]
        assert (info.state, info.fingerprint) == ("key", fp)
        other = keys.public_key_file(keys.generate(b"another one").public_raw, f.INSPECTOR)
        with pytest.raises(EvaluatorError, match="--replace"):
            f.register_public_key(pair.committee_db, f.INSPECTOR, other, actor="กรรมการ")
        # replacing a registered key lets other packages in: the admin's decision alone
        with pytest.raises(PermissionDenied):
            f.register_public_key(
                pair.committee_db, f.INSPECTOR, other, actor="กรรมการ", replace=True
            )
        info = f.register_public_key(
            pair.committee_db, f.INSPECTOR, other, actor="admin", replace=True
        )
        assert info.fingerprint != fp
    finally:
        pair.close()


def test_fingerprint_registration_takes_the_key_from_the_first_package(tmp_path: Path) -> None:
    pair = f.make_pair(tmp_path, register=False)
    try:
        fp = keys.fingerprint(keys.public_raw(pair.key))
        info = f.register_fingerprint(
            pair.committee_db, f.INSPECTOR, fp.lower().replace("-", " "), actor="กรรมการ"
        )
        assert (info.state, info.fingerprint) == ("fingerprint", fp)
        ins = f.user(pair.inspector_db, "มาลี")
        f.score(pair.inspector_db, ins, "840501", {"C1": 8, "C2": 7, "C3": 4})
        f.export_package(pair.inspector_db, f.INSPECTOR, pair.package(), pair.key)
        result = f.import_package(pair.committee_db, pair.package(), actor="กรรมการ")
        assert result.key_registered
        assert result.counts["insert"] == 1
        [info] = [k for k in f.list_keys(pair.committee_db) if k.inspector == f.INSPECTOR]
        assert (info.state, info.fingerprint) == ("key", fp)
    finally:
        pair.close()


def test_a_key_with_another_fingerprint_is_refused(tmp_path: Path) -> None:
    pair = f.make_pair(tmp_path, register=False)
    try:
        wrong = keys.generate(b"impostor key").fingerprint
        f.register_fingerprint(pair.committee_db, f.INSPECTOR, wrong, actor="กรรมการ")
        ins = f.user(pair.inspector_db, "มาลี")
        f.score(pair.inspector_db, ins, "840501", {"C1": 8, "C2": 7, "C3": 4})
        f.export_package(pair.inspector_db, f.INSPECTOR, pair.package(), pair.key)
        before = f.dump(pair.committee_db)
        with pytest.raises(PackageRefused) as err:
            f.import_package(pair.committee_db, pair.package(), actor="กรรมการ")
        assert err.value.code == "unregistered_key"
        assert wrong in str(err.value)
        assert f.dump(pair.committee_db) == before
    finally:
        pair.close()


def test_export_refuses_a_private_key_that_is_not_the_inspectors(tmp_path: Path) -> None:
    pair = f.make_pair(tmp_path)
    try:
        ins = f.user(pair.inspector_db, "มาลี")
        f.score(pair.inspector_db, ins, "840501", {"C1": 8, "C2": 7, "C3": 4})
        stranger = keys.load_private_key(
            keys.generate(b"stranger key").private_pem, b"stranger key"
        )
        with pytest.raises(EvaluatorError, match="ไม่ตรงกับกุญแจ"):
            f.export_package(pair.inspector_db, f.INSPECTOR, pair.package(), stranger)
        assert not pair.package().exists()
    finally:
        pair.close()


def test_registering_again_changes_nothing_and_a_file_completes_a_fingerprint(
    tmp_path: Path,
) -> None:
    pair = f.make_pair(tmp_path, register=False)
    try:
        public = f.public_key_file(pair.inspector_db, f.INSPECTOR)
        fp = keys.fingerprint(keys.public_raw(pair.key))
        f.register_fingerprint(pair.committee_db, f.INSPECTOR, fp, actor="กรรมการ")
        before = f.dump(pair.committee_db)
        f.register_fingerprint(pair.committee_db, f.INSPECTOR, fp, actor="กรรมการ")
        assert f.dump(pair.committee_db) == before
        info = f.register_public_key(pair.committee_db, f.INSPECTOR, public, actor="กรรมการ")
        assert (info.state, info.fingerprint) == ("key", fp)
        before = f.dump(pair.committee_db)
        f.register_public_key(pair.committee_db, f.INSPECTOR, public, actor="กรรมการ")
        f.register_fingerprint(pair.committee_db, f.INSPECTOR, fp, actor="กรรมการ")
        assert f.dump(pair.committee_db) == before
    finally:
        pair.close()


def test_an_unregistered_key_is_told_where_to_register_it(tmp_path: Path) -> None:
    """A clerk reads the screen that fixes it (menu and tab), not a command to type."""
    pair = f.make_pair(tmp_path, register=False)
    try:
        ins = f.user(pair.inspector_db, "มาลี")
        f.score(pair.inspector_db, ins, "840501", {"C1": 8, "C2": 7, "C3": 4})
        f.export_package(pair.inspector_db, f.INSPECTOR, pair.package(), pair.key)
        with pytest.raises(PackageRefused) as err:
            f.import_package(pair.committee_db, pair.package(), actor="กรรมการ")
        assert err.value.code == "unregistered_key"
        thai = str(err.value).split(" — ")[0]
        assert f.INSPECTOR in thai
        assert "เมนู แฟ้ม › ลงทะเบียนกุญแจผู้ประเมิน…" in thai and "แท็บ กุญแจผู้ประเมิน" in thai
        assert "keys register" not in thai  # the command is only mentioned for scripts, in English
    finally:
        pair.close()
