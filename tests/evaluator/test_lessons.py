"""Lessons learned: written by the sheet's inspector on an open draft, audited and sealed,
marked worth spreading by the committee only, listed and searched, themes counted."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import select, update

from evaluator import audit
from evaluator.db import Database
from evaluator.db import models as m
from evaluator.errors import InputError, LockedError, PermissionDenied
from evaluator.lesson_themes import count_themes, themes_of
from evaluator.services import audit_log, lessons, sheets
from tests.evaluator.sheet_fixtures import FULL, Contest, build_contest

GARDEN = "ทุกครัวเรือนปลูกผักสวนครัวริมรั้ว ผู้นำทำก่อนเป็นตัวอย่าง"
RICE = "ตั้งธนาคารข้าวชุมชน ให้ยืมข้าวเปลือกช่วงขาดแคลน คืนหลังเก็บเกี่ยว"


@pytest.fixture
def db(any_db: Database) -> Database:
    return any_db


@pytest.fixture
def contest(db: Database) -> Contest:
    return build_contest(db)


def _draft(db: Database, contest: Contest, user: object = None, tambon: int = 0) -> int:
    who = user or contest.inspector_a
    return sheets.start_sheet(db, who, "outstanding", contest.tambons[tambon])  # type: ignore[arg-type]


def _logged(db: Database, entity: str = "lesson") -> list[tuple[str, str, str | None]]:
    with db.transaction() as s:
        return [
            (r[0], r[1], r[2])
            for r in s.execute(
                select(m.AuditEntry.action, m.AuditEntry.actor, m.AuditEntry.new)
                .where(m.AuditEntry.entity == entity)
                .order_by(m.AuditEntry.id)
            )
        ]


def test_inspector_saves_lessons_field_by_field_audited_and_versioned(
    db: Database, contest: Contest
) -> None:
    sheet_id = _draft(db, contest)
    before = sheets.get_sheet(db, contest.inspector_a, sheet_id).version
    saved = lessons.save_lessons(
        db, contest.inspector_a, sheet_id, {"good_practices": GARDEN + "\r\nบรรทัดสอง  "}
    )
    assert saved.version == before + 1
    saved = lessons.save_lessons(db, contest.inspector_a, sheet_id, {"obstacles": RICE})
    texts = lessons.get_lessons(db, contest.inspector_a, sheet_id)
    assert texts.good_practices == GARDEN + "\nบรรทัดสอง"  # line kept, trailing spaces gone
    assert texts.obstacles == RICE
    assert texts.success_factors == ""
    assert saved.version == before + 2
    # the same text again changes nothing: no version, no log entry
    again = lessons.save_lessons(db, contest.inspector_a, sheet_id, {"obstacles": RICE})
    assert again.version == saved.version
    logged = _logged(db)
    assert [a for a, _, _ in logged] == ["set_lessons", "set_lessons"]
    assert all(actor == contest.inspector_a.login for _, actor, _ in logged)
    assert RICE in (logged[1][2] or "")
    # every change was followed by a seal of the sheet that covers the lessons
    with db.transaction() as s:
        uuid = s.get_one(m.Sheet, sheet_id).uuid
        assert audit.sealed_digests(s)[uuid] == audit.sheet_digests(s, [uuid])[uuid]
    assert audit_log.verify(db).intact


def test_only_the_sheets_inspector_may_write_and_only_on_an_open_draft(
    db: Database, contest: Contest
) -> None:
    sheet_id = _draft(db, contest)
    for other in (contest.inspector_b, contest.committee):
        with pytest.raises(PermissionDenied):
            lessons.save_lessons(db, other, sheet_id, {"good_practices": "แก้แทน"})
    with pytest.raises(PermissionDenied):
        lessons.get_lessons(db, contest.inspector_b, sheet_id)
    with pytest.raises(InputError) as bad:
        lessons.save_lessons(db, contest.inspector_a, sheet_id, {"secret": "x", "obstacles": 5})
    assert {p.field for p in bad.value.problems} >= {"obstacles"}
    with pytest.raises(InputError):
        lessons.save_lessons(db, contest.inspector_a, sheet_id, {"obstacles": "ก" * 20_001})
    for code, value in FULL.items():
        sheets.set_score(db, contest.inspector_a, sheet_id, contest.criteria[code], value)
    sheets.submit(db, contest.inspector_a, sheet_id)
    with pytest.raises(InputError):
        lessons.save_lessons(db, contest.inspector_a, sheet_id, {"obstacles": RICE})
    sheets.reopen(db, contest.inspector_a, sheet_id)
    lessons.save_lessons(db, contest.inspector_a, sheet_id, {"obstacles": RICE})
    with db.transaction() as s:
        s.execute(
            update(m.Round).where(m.Round.id == contest.round_id).values(finalised_at=m.utcnow())
        )
    with pytest.raises(LockedError):
        lessons.save_lessons(db, contest.inspector_a, sheet_id, {"obstacles": "หลังปิดผล"})
    assert lessons.get_lessons(db, contest.inspector_a, sheet_id).obstacles == RICE
    assert [a for a, _, _ in _logged(db)] == ["set_lessons"]


def test_committee_marks_worth_spreading_the_inspector_may_not(
    db: Database, contest: Contest
) -> None:
    sheet_id = _draft(db, contest)
    with pytest.raises(InputError):  # nothing written yet
        lessons.mark_spread(db, contest.committee, sheet_id)
    lessons.save_lessons(db, contest.inspector_a, sheet_id, {"good_practices": RICE})
    with pytest.raises(PermissionDenied):
        lessons.mark_spread(db, contest.inspector_a, sheet_id)
    version = sheets.get_sheet(db, contest.inspector_a, sheet_id).version
    entry = lessons.mark_spread(db, contest.committee, sheet_id, "ขยายผลทั้งอำเภอ")
    assert entry.spread is not None
    assert entry.spread.by == contest.committee.login
    assert entry.spread.note == "ขยายผลทั้งอำเภอ"
    # the mark is the committee's, not the inspector's content: the sheet's version stays
    assert sheets.get_sheet(db, contest.inspector_a, sheet_id).version == version
    assert audit_log.verify(db).intact
    marked = lessons.list_lessons(db, contest.committee, spread_only=True)
    assert [e.sheet_id for e in marked] == [sheet_id]
    with pytest.raises(PermissionDenied):
        lessons.unmark_spread(db, contest.inspector_a, sheet_id)
    entry = lessons.unmark_spread(db, contest.admin, sheet_id, "ซ้ำกับตำบลอื่น")
    assert entry.spread is None
    assert lessons.list_lessons(db, contest.committee, spread_only=True) == []
    actions = [(a, actor) for a, actor, _ in _logged(db)]
    assert actions[1:] == [
        ("mark_spread", contest.committee.login),
        ("unmark_spread", contest.admin.login),
    ]
    with pytest.raises(InputError):
        lessons.unmark_spread(db, contest.admin, sheet_id)
    assert audit_log.verify(db).intact


def test_list_search_by_zone_province_text_and_inspectors_see_their_own(
    db: Database, contest: Contest
) -> None:
    a = _draft(db, contest, contest.inspector_a, 0)
    b = _draft(db, contest, contest.inspector_b, 1)
    empty = _draft(db, contest, contest.inspector_c, 2)
    lessons.save_lessons(db, contest.inspector_a, a, {"good_practices": GARDEN})
    lessons.save_lessons(db, contest.inspector_b, b, {"transferable": RICE})
    lessons.save_lessons(db, contest.inspector_c, empty, {"obstacles": "  "})
    everything = lessons.list_lessons(db, contest.committee)
    assert {e.sheet_id for e in everything} == {a, b}  # blank lessons are left out
    found = lessons.list_lessons(db, contest.committee, text="ธนาคาร ข้าว")
    assert [e.sheet_id for e in found] == [b]  # every word, anywhere in the lessons
    first = next(e for e in everything if e.sheet_id == a)
    assert first.tambon and first.province and first.zone
    named = lessons.list_lessons(db, contest.committee, text=f"{first.tambon} ผักสวนครัว")
    assert [e.sheet_id for e in named] == [a]
    by_zone = lessons.list_lessons(db, contest.committee, zone=first.zone)
    assert a in {e.sheet_id for e in by_zone}
    assert all(e.zone == first.zone for e in by_zone)
    assert lessons.list_lessons(db, contest.committee, zone=first.zone % 18 + 1, text="ผัก") == []
    by_province = lessons.list_lessons(db, contest.committee, province=first.province)
    assert a in {e.sheet_id for e in by_province}
    assert all(e.province == first.province for e in by_province)
    assert [e.sheet_id for e in lessons.list_lessons(db, contest.inspector_a)] == [a]
    assert lessons.list_lessons(db, contest.inspector_a, text="ธนาคารข้าว") == []


def test_themes_are_counted_once_per_tambon_on_word_boundaries() -> None:
    assert themes_of(RICE) == {"rice_bank"}
    assert themes_of("เลี้ยงปลาดุกในบ่อดิน") == {"fish"}
    assert themes_of("ปลายปีทุกหมู่บ้านประชุมกัน") == set()  # ปลา in ปลาย, หมู in หมู่: no
    assert "media" in themes_of("แจ้งข่าวทาง facebook ของตำบล")
    counts = count_themes(
        [
            ("100101", GARDEN),
            ("100101", "ปลูกผักสวนครัวเพิ่ม"),  # the same tambon again: still one
            ("100102", "ปลูกผักกินเองทุกบ้าน และตั้งธนาคารข้าว"),
            ("100103", RICE),
            ("100104", "ไม่มีอะไรเกี่ยวข้อง"),
        ]
    )
    table = {c.theme.key: c.tambons for c in counts}
    assert table["gardens"] == ("100101", "100102")
    assert table["rice_bank"] == ("100102", "100103")
    assert counts[0].count == 2
    assert "fish" not in table


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE lessons SET good_practices = 'แก้นอกโปรแกรม'",
        "UPDATE lessons SET spread_by = 'someone', spread_at = '2026-12-01 00:00:00'",
        "DELETE FROM lessons",
    ],
)
def test_a_hand_edit_of_lessons_with_sqlite3_is_found(
    db: Database, contest: Contest, statement: str
) -> None:
    if db.file_path is None:
        pytest.skip("a hand edit of the SQLite file")
    sheet_id = _draft(db, contest)
    lessons.save_lessons(db, contest.inspector_a, sheet_id, {"good_practices": GARDEN})
    with db.transaction() as s:
        uuid = s.get_one(m.Sheet, sheet_id).uuid
    assert audit_log.verify(db).intact
    db.dispose()
    with sqlite3.connect(db.file_path) as con:
        con.execute(statement)
    report = audit_log.verify(db)
    assert not report.intact
    assert any(b.where == uuid for b in report.breaks), report.lines()
