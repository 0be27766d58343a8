"""Crafted bad packages: each is refused with a clear reason and the committee's database is
left exactly as it was."""

from __future__ import annotations

import hashlib
import json
import stat
import struct
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from evaluator.cli import parser as cli
from evaluator.db import models as m
from evaluator.sync import keys
from evaluator.sync.package import (
    MANIFEST,
    SHEETS,
    SIGNATURE,
    SIGNING_CONTEXT,
    Limits,
    PackageRefused,
    read_package,
)
from evaluator.sync.wire import canonical_json
from tests.accounts import sign_in
from tests.evaluator import sync_fixtures as f


@pytest.fixture
def good(tmp_path: Path) -> Iterator[tuple[f.FieldPair, Path]]:
    """A pair of databases and a good package with two sheets and a photo."""
    pair = f.make_pair(tmp_path)
    ins = f.user(pair.inspector_db, "มาลี")
    f.score(pair.inspector_db, ins, "840501", {"C1": 8, "C2": 7, "C3": 4}, photo=f.PNG)
    f.score(pair.inspector_db, ins, "840502", {"C1": 5, "C2": 6, "C3": 3})
    path = pair.package("good.cddpkg")
    f.export_package(pair.inspector_db, f.INSPECTOR, path, pair.key)
    yield pair, path
    pair.close()


def _members(path: Path) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(path) as zf:
        return [(i, zf.read(i)) for i in zf.infolist()]


def _rezip(
    src: Path,
    dst: Path,
    change: Callable[[dict[str, bytes]], dict[str, bytes]] = lambda d: d,
) -> Path:
    data = {i.filename: b for i, b in _members(src)}
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in change(dict(data)).items():
            zf.writestr(name, content)
    return dst


def _refused(pair: f.FieldPair, path: Path, code: str | None, *, text: str | None = None) -> str:
    before = f.dump(pair.committee_db)
    with pytest.raises(PackageRefused) as err:
        f.import_package(pair.committee_db, path, actor="กรรมการ")
    if code is not None:
        assert err.value.code == code, str(err.value)
    message = str(err.value)
    assert message.strip()
    if text is not None:
        assert text in message
    assert f.dump(pair.committee_db) == before
    return message


def test_the_good_package_is_accepted(good: tuple[f.FieldPair, Path]) -> None:
    pair, path = good
    assert f.import_package(pair.committee_db, path, actor="กรรมการ").counts["insert"] == 2


def _data_offset(path: Path, name: str) -> int:
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(name)
    raw = path.read_bytes()
    name_len, extra_len = struct.unpack(
        "<HH", raw[info.header_offset + 26 : info.header_offset + 30]
    )
    return info.header_offset + 30 + name_len + extra_len


@pytest.mark.parametrize("member", [MANIFEST, SIGNATURE, SHEETS, "photo"])
def test_a_flipped_byte_is_refused(good: tuple[f.FieldPair, Path], member: str) -> None:
    pair, path = good
    if member == "photo":
        member = next(i.filename for i, _ in _members(path) if i.filename.startswith("photos/"))
    raw = bytearray(path.read_bytes())
    raw[_data_offset(path, member) + 5] ^= 0x01
    bad = pair.package("flipped.cddpkg")
    bad.write_bytes(bytes(raw))
    _refused(pair, bad, None)


def test_an_edited_sheets_member_is_refused_as_altered(good: tuple[f.FieldPair, Path]) -> None:
    pair, path = good

    def raise_scores(d: dict[str, bytes]) -> dict[str, bytes]:
        sheets = json.loads(d[SHEETS])
        sheets[0]["scores"][0]["value"] = 10
        d[SHEETS] = canonical_json(sheets)
        return d

    bad = _rezip(path, pair.package("edited.cddpkg"), raise_scores)
    _refused(pair, bad, "tampered", text="sheets.json")


def test_an_edited_manifest_is_refused_by_its_signature(good: tuple[f.FieldPair, Path]) -> None:
    pair, path = good

    def rehash(d: dict[str, bytes]) -> dict[str, bytes]:
        sheets = json.loads(d[SHEETS])
        sheets[0]["scores"][0]["value"] = 10
        d[SHEETS] = canonical_json(sheets)
        manifest = json.loads(d[MANIFEST])
        for item in manifest["members"]:
            if item["name"] == SHEETS:
                item["sha256"] = hashlib.sha256(d[SHEETS]).hexdigest()
                item["size"] = len(d[SHEETS])
        d[MANIFEST] = canonical_json(manifest)
        return d

    bad = _rezip(path, pair.package("rehashed.cddpkg"), rehash)
    _refused(pair, bad, "signature", text="ลายมือชื่อ")


def test_a_package_re_signed_by_an_unknown_key_is_refused(good: tuple[f.FieldPair, Path]) -> None:
    pair, path = good
    thief = keys.load_private_key(keys.generate(b"thief's pass").private_pem, b"thief's pass")

    def resign(d: dict[str, bytes]) -> dict[str, bytes]:
        manifest = json.loads(d[MANIFEST])
        manifest["inspector"]["public_key"] = f.b64(keys.public_raw(thief))
        d[MANIFEST] = canonical_json(manifest)
        d[SIGNATURE] = keys.sign(thief, SIGNING_CONTEXT + d[MANIFEST])
        return d

    bad = _rezip(path, pair.package("resigned.cddpkg"), resign)
    message = _refused(pair, bad, "unregistered_key")
    assert keys.fingerprint(keys.public_raw(thief)) in message


def test_an_unknown_inspector_is_refused(good: tuple[f.FieldPair, Path]) -> None:
    pair, path = good
    with pair.committee_db.transaction() as s:
        insp = s.scalar(select(m.Inspector).where(m.Inspector.name == f.INSPECTOR))
        assert insp is not None
        insp.name = "คนอื่น"
    _refused(pair, path, "unknown_inspector")


def test_a_package_for_another_contest_is_refused(tmp_path: Path) -> None:
    pair = f.make_pair(tmp_path)
    try:
        with pair.inspector_db.transaction() as s:
            contest = s.scalar(select(m.Contest))
            assert contest is not None
            contest.code = "CL2565"
        ins = f.user(pair.inspector_db, "มาลี")
        f.score(pair.inspector_db, ins, "840501", {"C1": 8, "C2": 7, "C3": 4})
        path = pair.package()
        f.export_package(pair.inspector_db, f.INSPECTOR, path, pair.key)
        _refused(pair, path, "contest", text="CL2565")
    finally:
        pair.close()


def test_a_package_for_another_rubric_version_is_refused(tmp_path: Path) -> None:
    pair = f.make_pair(tmp_path)
    try:
        with pair.inspector_db.transaction() as s:
            contest = s.scalar(select(m.Contest))
            assert contest is not None
            contest.rubric_version = 2
        ins = f.user(pair.inspector_db, "มาลี")
        f.score(pair.inspector_db, ins, "840501", {"C1": 8, "C2": 7, "C3": 4})
        path = pair.package()
        f.export_package(pair.inspector_db, f.INSPECTOR, path, pair.key)
        _refused(pair, path, "rubric_version", text="รุ่น 2")
    finally:
        pair.close()


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("../x", "path"),
        ("photos/../../etc/passwd", "path"),
        ("/etc/passwd", "path"),
        ("C:/Windows/x", "path"),
        ("photos\\..\\x", "path"),
        ("readme.txt", "malformed"),
    ],
)
def test_bad_member_names_are_refused(good: tuple[f.FieldPair, Path], name: str, code: str) -> None:
    pair, path = good

    def add(d: dict[str, bytes]) -> dict[str, bytes]:
        d[name] = b"evil"
        return d

    bad = _rezip(path, pair.package("slip.cddpkg"), add)
    _refused(pair, bad, code)


def test_a_symlink_member_is_refused(good: tuple[f.FieldPair, Path]) -> None:
    pair, path = good
    bad = _rezip(path, pair.package("link.cddpkg"))
    with zipfile.ZipFile(bad, "a") as zf:
        info = zipfile.ZipInfo("photos/" + "0" * 64)
        info.create_system = 3
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(info, "/etc/passwd")
    _refused(pair, bad, "symlink")


def test_a_duplicated_member_name_is_refused(good: tuple[f.FieldPair, Path]) -> None:
    pair, path = good
    bad = _rezip(path, pair.package("dup.cddpkg"))
    with pytest.warns(UserWarning), zipfile.ZipFile(bad, "a") as zf:
        zf.writestr(SHEETS, b"[]")
    _refused(pair, bad, "malformed", text="ซ้ำ")


def test_a_missing_member_is_refused(good: tuple[f.FieldPair, Path]) -> None:
    pair, path = good

    def drop_photo(d: dict[str, bytes]) -> dict[str, bytes]:
        return {k: v for k, v in d.items() if not k.startswith("photos/")}

    _refused(pair, _rezip(path, pair.package("nophoto.cddpkg"), drop_photo), "missing")

    def drop_signature(d: dict[str, bytes]) -> dict[str, bytes]:
        return {k: v for k, v in d.items() if k != SIGNATURE}

    _refused(pair, _rezip(path, pair.package("nosig.cddpkg"), drop_signature), "missing")


def test_an_extra_photo_not_in_the_manifest_is_refused(good: tuple[f.FieldPair, Path]) -> None:
    pair, path = good
    extra = b"\x89PNG\r\n\x1a\nsmuggled"

    def add(d: dict[str, bytes]) -> dict[str, bytes]:
        d["photos/" + hashlib.sha256(extra).hexdigest()] = extra
        return d

    _refused(pair, _rezip(path, pair.package("extra.cddpkg"), add), "tampered")


def test_an_oversized_member_is_refused(good: tuple[f.FieldPair, Path]) -> None:
    pair, path = good
    big = b"\xff\xd8\xff" + bytes(26 << 20)  # one byte over the 25 MB photo limit and more

    def add(d: dict[str, bytes]) -> dict[str, bytes]:
        d["photos/" + hashlib.sha256(big).hexdigest()] = big
        return d

    message = _refused(pair, _rezip(path, pair.package("big.cddpkg"), add), "oversize")
    assert "ใหญ่" in message
    with pytest.raises(PackageRefused) as err:
        read_package(path, Limits(max_sheets_bytes=100))
    assert err.value.code == "oversize"


def test_a_zip_bomb_is_refused_before_it_is_inflated(good: tuple[f.FieldPair, Path]) -> None:
    pair, path = good

    def bomb(d: dict[str, bytes]) -> dict[str, bytes]:
        d[SHEETS] = b"[" + b" " * (200 << 20) + b"]"  # 200 MB of spaces deflate to ~200 KB
        return d

    _refused(pair, _rezip(path, pair.package("bomb.cddpkg"), bomb), "ratio", text="zip bomb")


def test_a_member_that_lies_about_its_size_is_refused(good: tuple[f.FieldPair, Path]) -> None:
    pair, path = good
    bad = pair.package("liar.cddpkg")
    _rezip(path, bad)
    raw = bytearray(bad.read_bytes())
    with zipfile.ZipFile(bad) as zf:
        info = zf.getinfo(SHEETS)
    # shrink the declared size in the central directory and in the local header
    # (signature, offset of the uncompressed size, of the name length, of the name)
    for signature, size_at, len_at, name_at in (
        (b"PK\x03\x04", 22, 26, 30),
        (b"PK\x01\x02", 24, 28, 46),
    ):
        start = 0
        while (pos := raw.find(signature, start)) >= 0:
            name_len = struct.unpack("<H", raw[pos + len_at : pos + len_at + 2])[0]
            if raw[pos + name_at : pos + name_at + name_len] == SHEETS.encode():
                raw[pos + size_at : pos + size_at + 4] = struct.pack("<I", info.file_size // 2)
            start = pos + 4
    bad.write_bytes(bytes(raw))
    _refused(pair, bad, None)


@pytest.mark.parametrize(
    "content",
    [b"", b"garbage, not a zip at all" * 10, b"PK\x03\x04" + bytes(100), bytes(range(256)) * 4],
)
def test_garbage_is_refused(good: tuple[f.FieldPair, Path], content: bytes) -> None:
    pair, _ = good
    bad = pair.package("garbage.cddpkg")
    bad.write_bytes(content)
    _refused(pair, bad, "not_package", text="ไม่ใช่")


@pytest.mark.parametrize(
    "sheets",
    [
        b"{not json",
        b'{"a": 1}',
        b'[{"uuid": "x"}]',
        canonical_json([{"uuid": "not-a-uuid"}]),
    ],
)
def test_malformed_sheets_are_refused_even_when_signed(
    good: tuple[f.FieldPair, Path], sheets: bytes
) -> None:
    pair, path = good

    def replace(d: dict[str, bytes]) -> dict[str, bytes]:
        d[SHEETS] = sheets
        d = {k: v for k, v in d.items() if not k.startswith("photos/")}
        manifest = json.loads(d[MANIFEST])
        manifest["members"] = [
            {"name": SHEETS, "size": len(sheets), "sha256": hashlib.sha256(sheets).hexdigest()}
        ]
        d[MANIFEST] = canonical_json(manifest)
        d[SIGNATURE] = keys.sign(pair.key, SIGNING_CONTEXT + d[MANIFEST])
        return d

    _refused(pair, _rezip(path, pair.package("malformed.cddpkg"), replace), "malformed")


def test_the_cli_explains_a_refusal_on_stderr(
    good: tuple[f.FieldPair, Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pair, path = good
    sign_in(monkeypatch, "กรรมการ")
    bad = _rezip(path, pair.package("x.cddpkg"), lambda d: {**d, "../x": b"1"})
    code = cli.main(["--db", pair.committee_db.url, "import", "package", str(bad)])
    err = capsys.readouterr().err
    assert code == 2
    assert "../x" in err and "ไม่มีการเปลี่ยนแปลง" in err


def test_a_photo_changed_after_the_check_is_refused_when_it_is_read(
    good: tuple[f.FieldPair, Path],
) -> None:
    pair, path = good
    package = read_package(path)
    [digest] = package.photos
    assert package.photo(digest) == f.PNG

    def swap(d: dict[str, bytes]) -> dict[str, bytes]:
        d["photos/" + digest] = f.JPEG
        return d

    swapped = _rezip(path, pair.package("swapped.cddpkg"), swap)
    swapped.replace(path)
    with pytest.raises(PackageRefused) as err:
        package.photo(digest)
    assert err.value.code == "tampered"
