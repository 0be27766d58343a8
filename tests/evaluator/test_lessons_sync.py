"""Lessons travel with their sheet: in signed packages (a tampered lesson is refused, a package
of an older program without lessons still imports, a conflict keeps both) and in Excel
scoresheets (five columns; a workbook from before lessons leaves them as they are)."""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from evaluator.db import models as m
from evaluator.lesson_fields import NO_LESSONS, Lessons
from evaluator.services import audit_log, lessons, sheets
from evaluator.services import scoresheets as scoresheet_service
from evaluator.sync import keys
from evaluator.sync import scoresheet as xs
from evaluator.sync.package import MANIFEST, SHEETS, SIGNATURE, SIGNING_CONTEXT, PackageRefused
from evaluator.sync.wire import SheetData, canonical_json, sheet_from_json
from tests.evaluator import sync_fixtures as f

COMMITTEE = "กรรมการ"
GARDEN = "ทุกครัวเรือนปลูกผักสวนครัว 12 ชนิด\nผู้นำทำก่อน"
RICE = "ตั้งธนาคารข้าวชุมชน สมาชิก 84 ครัวเรือน"
# the data sheet of the fixture contest (three criteria): note M, status N, key O, uuid P,
# then the five lesson fields Q to U
LESSON_COLUMNS = dict(zip(("good_practices", "success_factors", "obstacles"), "QRS", strict=True))


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[f.FieldPair]:
    p = f.make_pair(tmp_path)
    yield p
    p.close()


def _write(pair: f.FieldPair, tambon: str, texts: dict[str, str], submit: bool = True) -> str:
    ins = f.user(pair.inspector_db, "มาลี")
    uuid = f.score(pair.inspector_db, ins, tambon, {"C1": 8, "C2": 7, "C3": 4}, submit=False)
    sheet_id = f.sheet_of(pair.inspector_db, tambon)
    lessons.save_lessons(pair.inspector_db, ins, sheet_id, texts)
    if submit:
        sheets.submit(pair.inspector_db, ins, sheet_id)
    return uuid


def _lessons_of(db: object, uuid: str) -> Lessons:
    with db.transaction() as s:  # type: ignore[attr-defined]
        row = s.scalar(
            select(m.Lesson)
            .join(m.Sheet, m.Lesson.sheet_id == m.Sheet.id)
            .where(m.Sheet.uuid == uuid)
        )
        if row is None:
            return NO_LESSONS
        return Lessons(
            row.good_practices,
            row.success_factors,
            row.obstacles,
            row.transferable,
            row.village_results,
        )


def test_a_sheet_without_lessons_hashes_and_travels_as_before() -> None:
    sheet = SheetData("0" * 8 + "-0000-0000-0000-" + "0" * 12, "r", "840501", "x", "draft", 1, 0)
    assert "lessons" not in sheet.content() and "lessons" not in sheet.to_json()
    old = {"status": "draft", "note": "", "scores": [], "photos": []}  # the content before lessons
    assert sheet.content_hash() == hashlib.sha256(canonical_json(old)).hexdigest()
    with_lessons = SheetData(**{**sheet.__dict__, "lessons": Lessons(obstacles="น้ำแล้ง")})
    assert with_lessons.content_hash() != sheet.content_hash()
    assert with_lessons.to_json()["lessons"] == Lessons(obstacles="น้ำแล้ง").as_dict()


def test_lessons_travel_in_a_package_and_a_newer_one_keeps_the_mark(pair: f.FieldPair) -> None:
    uuid = _write(pair, "840501", {"good_practices": GARDEN, "obstacles": RICE})
    f.export_package(pair.inspector_db, f.INSPECTOR, pair.package(), pair.key)
    assert f.import_package(pair.committee_db, pair.package()).counts["insert"] == 1
    assert _lessons_of(pair.committee_db, uuid) == Lessons(GARDEN, "", RICE, "", "")
    committee = f.user(pair.committee_db, COMMITTEE)
    sheet_id = f.sheet_of(pair.committee_db, "840501")
    lessons.mark_spread(pair.committee_db, committee, sheet_id, "ขยายผล")
    # the inspector adds to the lessons and sends a newer package
    ins = f.user(pair.inspector_db, "มาลี")
    own = f.sheet_of(pair.inspector_db, "840501")
    sheets.reopen(pair.inspector_db, ins, own)
    lessons.save_lessons(pair.inspector_db, ins, own, {"village_results": "ลดรายจ่าย 600 บาท"})
    sheets.submit(pair.inspector_db, ins, own)
    f.export_package(pair.inspector_db, f.INSPECTOR, pair.package("b.cddpkg"), pair.key)
    assert f.import_package(pair.committee_db, pair.package("b.cddpkg")).counts["replace"] == 1
    assert _lessons_of(pair.committee_db, uuid).village_results == "ลดรายจ่าย 600 บาท"
    marked = lessons.list_lessons(pair.committee_db, committee, spread_only=True)
    assert [e.sheet_uuid for e in marked] == [uuid]  # the committee's mark stays
    assert audit_log.verify(pair.committee_db).intact


def test_a_package_of_an_older_program_without_lessons_still_imports(pair: f.FieldPair) -> None:
    ins = f.user(pair.inspector_db, "มาลี")
    uuid = f.score(pair.inspector_db, ins, "840502", {"C1": 5, "C2": 6, "C3": 3})
    path = pair.package()
    f.export_package(pair.inspector_db, f.INSPECTOR, path, pair.key)
    with zipfile.ZipFile(path) as zf:
        sheets_json = json.loads(zf.read(SHEETS))
    assert all("lessons" not in s for s in sheets_json)  # the very bytes an older program wrote
    assert f.import_package(pair.committee_db, path).counts["insert"] == 1
    assert _lessons_of(pair.committee_db, uuid) == NO_LESSONS


def test_a_tampered_lesson_in_a_signed_package_is_refused(pair: f.FieldPair) -> None:
    _write(pair, "840501", {"good_practices": GARDEN})
    path = pair.package()
    f.export_package(pair.inspector_db, f.INSPECTOR, path, pair.key)
    with zipfile.ZipFile(path) as zf:
        members = {i.filename: zf.read(i) for i in zf.infolist()}
    sheets_json = json.loads(members[SHEETS])
    sheets_json[0]["lessons"]["good_practices"] = "แก้ไขระหว่างทาง"
    members[SHEETS] = canonical_json(sheets_json)
    bad = pair.package("bad.cddpkg")
    with zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in members.items():
            zf.writestr(name, content)
    before = f.dump(pair.committee_db)
    with pytest.raises(PackageRefused) as err:
        f.import_package(pair.committee_db, bad)
    assert err.value.code == "tampered"
    assert f.dump(pair.committee_db) == before


def test_lessons_changed_on_both_sides_are_kept_as_a_conflict(pair: f.FieldPair) -> None:
    uuid = _write(pair, "840501", {"good_practices": GARDEN})
    f.export_package(pair.inspector_db, f.INSPECTOR, pair.package(), pair.key)
    f.import_package(pair.committee_db, pair.package())
    # here an admin corrects the lessons; the inspector rewrites them offline
    admin = f.user(pair.committee_db, "admin")
    here = f.sheet_of(pair.committee_db, "840501")
    sheets.reopen(pair.committee_db, admin, here)
    lessons.save_lessons(pair.committee_db, admin, here, {"good_practices": "ฉบับกรรมการ"})
    ins = f.user(pair.inspector_db, "มาลี")
    own = f.sheet_of(pair.inspector_db, "840501")
    sheets.reopen(pair.inspector_db, ins, own)
    lessons.save_lessons(pair.inspector_db, ins, own, {"good_practices": "ฉบับผู้ประเมิน"})
    f.export_package(pair.inspector_db, f.INSPECTOR, pair.package("b.cddpkg"), pair.key)
    assert f.import_package(pair.committee_db, pair.package("b.cddpkg")).counts["conflict"] == 1
    assert _lessons_of(pair.committee_db, uuid).good_practices == "ฉบับกรรมการ"
    with pair.committee_db.transaction() as s:
        copy = s.scalar(select(m.Sheet.uuid).where(m.Sheet.conflict_of == uuid))
    assert copy is not None
    assert _lessons_of(pair.committee_db, copy).good_practices == "ฉบับผู้ประเมิน"  # nothing lost
    # the conflict says where the versions differ, and who wrote the lessons kept here
    [conflict] = f.list_conflicts(pair.committee_db)
    assert conflict.lessons_differ() == ["good_practices"]
    assert [v.lessons["good_practices"] for v in conflict.versions] == ["ฉบับกรรมการ", "ฉบับผู้ประเมิน"]
    assert conflict.current.made_by == "admin" and conflict.current.source == "keyboard"
    f.resolve_conflict(pair.committee_db, uuid, copy, "ผู้ประเมินเขียนละเอียดกว่า")
    assert _lessons_of(pair.committee_db, uuid).good_practices == "ฉบับผู้ประเมิน"
    assert _lessons_of(pair.committee_db, copy).good_practices == "ฉบับกรรมการ"
    assert audit_log.verify(pair.committee_db).intact


def _export(pair: f.FieldPair, name: str = "sheet.xlsx") -> Path:
    out = pair.tmp / name
    scoresheet_service.export_scoresheet(
        pair.committee_db, f.user(pair.committee_db, COMMITTEE), f.INSPECTOR, out
    )
    return out


def _row_of(ws: object, tambon: str) -> int:
    for row in range(xs.FIRST_ROW, ws.max_row + 1):  # type: ignore[attr-defined]
        if ws[f"F{row}"].value == tambon:  # type: ignore[index]
            return row
    raise AssertionError(tambon)


def test_a_scoresheet_carries_lessons_out_and_back(pair: f.FieldPair) -> None:
    uuid = _write(pair, "840501", {"good_practices": GARDEN}, submit=False)
    f.export_package(pair.inspector_db, f.INSPECTOR, pair.package(), pair.key)
    f.import_package(pair.committee_db, pair.package())
    path = _export(pair)
    wb = load_workbook(path)
    ws = wb[xs.DATA_SHEET]
    row = _row_of(ws, "840501")
    assert ws[f"Q{xs.HEADER_ROW}"].value == "แนวปฏิบัติที่ดี"
    assert ws[f"Q{row}"].value == GARDEN
    assert not ws[f"S{row}"].protection.locked
    ws[f"S{row}"] = "ดินเค็ม\nแก้ด้วยปุ๋ยหมัก"
    other = _row_of(ws, "840503")
    ws[f"R{other}"] = "มีอาสาสมัครเกษตรหมู่บ้าน"  # lessons alone start a sheet
    filled = pair.tmp / "filled.xlsx"
    wb.save(filled)
    result = scoresheet_service.import_scoresheet(
        pair.committee_db, f.user(pair.committee_db, COMMITTEE), filled
    )
    assert result.counts["replace"] == 1 and result.counts["insert"] == 1
    assert _lessons_of(pair.committee_db, uuid) == Lessons(GARDEN, "", "ดินเค็ม\nแก้ด้วยปุ๋ยหมัก", "", "")
    new = f.sheet_uuid(pair.committee_db, "840503")
    assert _lessons_of(pair.committee_db, new).success_factors == "มีอาสาสมัครเกษตรหมู่บ้าน"
    assert audit_log.verify(pair.committee_db).intact


def test_a_scoresheet_from_before_lessons_leaves_them_as_they_are(pair: f.FieldPair) -> None:
    uuid = _write(pair, "840501", {"good_practices": GARDEN}, submit=False)
    f.export_package(pair.inspector_db, f.INSPECTOR, pair.package(), pair.key)
    f.import_package(pair.committee_db, pair.package())
    path = _export(pair)
    wb = load_workbook(path)
    meta = wb[xs.META_SHEET]
    for row in range(1, 20):  # what an older program wrote: no lessons in _meta, no columns
        if meta.cell(row=row, column=1).value == "lessons":
            meta.delete_rows(row)
            break
    ws = wb[xs.DATA_SHEET]
    ws.delete_cols(17, 5)
    row = _row_of(ws, "840501")
    ws[f"M{row}"] = "หมายเหตุใหม่"
    old = pair.tmp / "old.xlsx"
    wb.save(old)
    result = scoresheet_service.import_scoresheet(
        pair.committee_db, f.user(pair.committee_db, COMMITTEE), old
    )
    assert result.counts["replace"] == 1
    assert _lessons_of(pair.committee_db, uuid).good_practices == GARDEN


def _unmark_entries(db: object, uuid: str) -> list[m.AuditEntry]:
    with db.transaction() as s:  # type: ignore[attr-defined]
        return list(
            s.scalars(
                select(m.AuditEntry)
                .where(m.AuditEntry.action == "unmark_spread", m.AuditEntry.entity_key == uuid)
                .order_by(m.AuditEntry.id)
            )
        )


def _marked_then_emptied_offline(pair: f.FieldPair) -> tuple[str, int]:
    """A sheet whose lessons the committee marked, then emptied by its inspector offline."""
    uuid = _write(pair, "840501", {"good_practices": GARDEN, "obstacles": RICE})
    f.export_package(pair.inspector_db, f.INSPECTOR, pair.package(), pair.key)
    f.import_package(pair.committee_db, pair.package())
    sheet_id = f.sheet_of(pair.committee_db, "840501")
    lessons.mark_spread(pair.committee_db, f.user(pair.committee_db, COMMITTEE), sheet_id, "ดีมาก")
    ins = f.user(pair.inspector_db, "มาลี")
    own = f.sheet_of(pair.inspector_db, "840501")
    sheets.reopen(pair.inspector_db, ins, own)
    lessons.save_lessons(pair.inspector_db, ins, own, {"good_practices": "", "obstacles": ""})
    sheets.submit(pair.inspector_db, ins, own)
    f.export_package(pair.inspector_db, f.INSPECTOR, pair.package("b.cddpkg"), pair.key)
    return uuid, sheet_id


def test_a_newer_package_that_empties_marked_lessons_takes_the_mark_away_and_says_so(
    pair: f.FieldPair,
) -> None:
    uuid, sheet_id = _marked_then_emptied_offline(pair)
    result = f.import_package(pair.committee_db, pair.package("b.cddpkg"))
    assert result.counts["replace"] == 1
    assert _lessons_of(pair.committee_db, uuid) == NO_LESSONS
    committee = f.user(pair.committee_db, COMMITTEE)
    assert lessons.list_lessons(pair.committee_db, committee, spread_only=True) == []
    with pair.committee_db.transaction() as s:
        row = s.scalar(select(m.Lesson).where(m.Lesson.sheet_id == sheet_id))
        assert row is not None and row.spread_by is None and row.spread_at is None
    # not lost silently: the log keeps who had marked it, the note and why it went
    (entry,) = _unmark_entries(pair.committee_db, uuid)
    assert json.loads(entry.old or "{}") == {"by": COMMITTEE, "note": "ดีมาก"}
    assert entry.source == "package" and "b.cddpkg" in (entry.reason or "")
    assert "the lessons are now empty" in (entry.reason or "")
    # and the import's result names the sheet, in the command line's and the screen's words
    assert [sh.tambon_code for sh in result.unmarked] == ["840501"]
    assert any("mark taken away" in line and "840501" in line for line in result.lines())
    assert any("ยกเลิกเครื่องหมายควรขยายผล" in line for line in result.lines("th"))
    assert any("Worth-spreading mark taken away" in line for line in result.lines("en"))
    assert audit_log.verify(pair.committee_db).intact
    # lessons written again later are not marked behind the committee's back
    ins = f.user(pair.inspector_db, "มาลี")
    own = f.sheet_of(pair.inspector_db, "840501")
    sheets.reopen(pair.inspector_db, ins, own)
    lessons.save_lessons(pair.inspector_db, ins, own, {"transferable": "อย่างอื่น"})
    f.export_package(pair.inspector_db, f.INSPECTOR, pair.package("c.cddpkg"), pair.key)
    assert f.import_package(pair.committee_db, pair.package("c.cddpkg")).unmarked == []
    assert lessons.list_lessons(pair.committee_db, committee, spread_only=True) == []


def test_choosing_a_version_without_lessons_in_a_conflict_takes_the_mark_away(
    pair: f.FieldPair,
) -> None:
    uuid, sheet_id = _marked_then_emptied_offline(pair)
    admin = f.user(pair.committee_db, "admin")
    sheets.reopen(pair.committee_db, admin, sheet_id)  # changed here too: a conflict
    assert f.import_package(pair.committee_db, pair.package("b.cddpkg")).counts["conflict"] == 1
    assert _unmark_entries(pair.committee_db, uuid) == []  # the copy waits; the mark stays
    with pair.committee_db.transaction() as s:
        copy = s.scalar(select(m.Sheet.uuid).where(m.Sheet.conflict_of == uuid))
    assert copy is not None
    f.resolve_conflict(pair.committee_db, uuid, copy, "ผู้ประเมินถอนบทเรียน")
    assert _lessons_of(pair.committee_db, uuid) == NO_LESSONS
    assert _lessons_of(pair.committee_db, copy).good_practices == GARDEN  # nothing lost
    (entry,) = _unmark_entries(pair.committee_db, uuid)
    assert entry.source == "keyboard" and "ผู้ประเมินถอนบทเรียน" in (entry.reason or "")
    committee = f.user(pair.committee_db, COMMITTEE)
    assert lessons.list_lessons(pair.committee_db, committee, spread_only=True) == []
    assert audit_log.verify(pair.committee_db).intact


# --- what a package carries: a lesson of only white space is no lesson -----------------------


def test_white_space_is_no_lesson_on_the_wire_as_on_the_form() -> None:
    blank = Lessons(good_practices="  \n\t", obstacles="\u200b")
    assert blank.empty and Lessons.cleaned(blank.as_dict()) == NO_LESSONS
    sheet = SheetData("0" * 8 + "-0000-0000-0000-" + "0" * 12, "r", "840501", "x", "draft", 1, 0)
    blank_sheet = SheetData(**{**sheet.__dict__, "lessons": blank})
    assert "lessons" not in blank_sheet.to_json()
    assert blank_sheet.content_hash() == sheet.content_hash()
    # text read from a package is cleaned as typed text is, and cleaning twice changes nothing
    problems: list[object] = []
    raw = {**sheet.to_json(), "lessons": {"good_practices": " ปลูกผัก  \r\n\r\n", "obstacles": " "}}
    read = sheet_from_json(raw, 0, "sheets.json", problems)  # type: ignore[arg-type]
    assert problems == [] and read is not None
    assert read.lessons == Lessons(good_practices="ปลูกผัก")
    assert Lessons.cleaned(read.lessons.as_dict()) == read.lessons


def _resigned(pair: f.FieldPair, src: Path, dst: Path, lessons_json: dict[str, str]) -> Path:
    """``src`` with lessons put into its first sheet, signed again with the inspector's own
    key: a package the committee must accept as the inspector's."""
    with zipfile.ZipFile(src) as zf:
        members = {i.filename: zf.read(i) for i in zf.infolist()}
    sheets_json = json.loads(members[SHEETS])
    sheets_json[0]["lessons"] = lessons_json
    members[SHEETS] = canonical_json(sheets_json)
    manifest = json.loads(members[MANIFEST])
    for item in manifest["members"]:
        if item["name"] == SHEETS:
            item["sha256"] = hashlib.sha256(members[SHEETS]).hexdigest()
            item["size"] = len(members[SHEETS])
    manifest["package_id"] = "11111111-2222-4333-8444-555555555555"
    members[MANIFEST] = canonical_json(manifest)
    members[SIGNATURE] = keys.sign(pair.key, SIGNING_CONTEXT + members[MANIFEST])
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in members.items():
            zf.writestr(name, content)
    return dst


def test_a_signed_package_whose_lessons_are_only_white_space_carries_no_lessons(
    pair: f.FieldPair,
) -> None:
    ins = f.user(pair.inspector_db, "มาลี")
    uuid = f.score(pair.inspector_db, ins, "840502", {"C1": 5, "C2": 6, "C3": 3})
    first = pair.package()
    f.export_package(pair.inspector_db, f.INSPECTOR, first, pair.key)
    assert f.import_package(pair.committee_db, first).counts["insert"] == 1
    blank = {"good_practices": "   \n \t", "obstacles": "\u200b\u200b", "transferable": ""}
    again = _resigned(pair, first, pair.package("blank.cddpkg"), blank)
    result = f.import_package(pair.committee_db, again)
    # the same content as the sheet already here: nothing replaced, no conflict nobody can see
    assert not result.changed and result.conflicts == []
    with pair.committee_db.transaction() as s:
        assert s.scalar(select(m.Lesson.id)) is None  # no row nobody could list or mark
    assert _lessons_of(pair.committee_db, uuid) == NO_LESSONS
    assert audit_log.verify(pair.committee_db).intact
