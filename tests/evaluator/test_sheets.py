"""Scoring one sheet: every change its own transaction, audited, validated, and role-checked."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, update

from evaluator import audit
from evaluator.db import Database
from evaluator.db import models as m
from evaluator.errors import InputError, LockedError, NotFoundError, PermissionDenied
from evaluator.services import sheet_photos, sheets
from tests.evaluator.sheet_fixtures import FULL, Contest, add_sheet, build_contest

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture
def db(any_db: Database) -> Database:
    """Every test here runs on SQLite and on PostgreSQL."""
    return any_db


@pytest.fixture
def contest(db: Database) -> Contest:
    return build_contest(db)


def _draft(db: Database, contest: Contest) -> int:
    return sheets.start_sheet(db, contest.inspector_a, "outstanding", contest.tambons[0])


def _audit_actions(db: Database) -> list[str]:
    """The logged changes, in order (the seal after each, the sheet's content digest, aside)."""
    with db.transaction() as s:
        return list(
            s.scalars(
                select(m.AuditEntry.action)
                .where(m.AuditEntry.entity != audit.SEAL_ENTITY)
                .order_by(m.AuditEntry.id)
            )
        )


def test_get_sheet_gives_the_rubric_with_levels(db: Database, contest: Contest) -> None:
    sheet_id = _draft(db, contest)
    view = sheets.get_sheet(db, contest.inspector_a, sheet_id)
    assert [c.code for c in view.criteria] == ["C1", "C2", "C3", "C4"]
    c1 = view.criteria[0]
    assert c1.title == "ผู้นำทำก่อน"
    assert c1.max_score == 10
    assert [lv.label for lv in c1.levels] == ["เริ่มต้น", "พัฒนา", "ดีเด่น"]
    assert c1.level_of(9.0) is not None and c1.level_of(9.0).label == "ดีเด่น"  # type: ignore[union-attr]
    assert view.editable
    assert view.status is m.SheetStatus.DRAFT
    assert view.tambon_code == contest.tambons[0]
    assert view.inspector == "ผู้ตรวจ ก"
    assert len(view.missing) == 4
    assert view.total is None


def test_start_sheet_twice_gives_the_same_sheet(db: Database, contest: Contest) -> None:
    assert _draft(db, contest) == _draft(db, contest)


def test_start_sheet_needs_an_assignment(db: Database, contest: Contest) -> None:
    unassigned = contest.tambons[-1]
    with pytest.raises(PermissionDenied):
        sheets.start_sheet(db, contest.inspector_a, "outstanding", unassigned)
    with pytest.raises(PermissionDenied):
        sheets.start_sheet(db, contest.committee, "outstanding", contest.tambons[0])


def test_each_change_bumps_the_version_and_is_audited(db: Database, contest: Contest) -> None:
    sheet_id = _draft(db, contest)
    v0 = sheets.get_sheet(db, contest.inspector_a, sheet_id).version
    c1 = contest.criteria["C1"]
    saved = sheets.set_score(db, contest.inspector_a, sheet_id, c1, 7.5)
    assert saved.version == v0 + 1
    saved = sheets.set_criterion_note(db, contest.inspector_a, sheet_id, c1, "ผู้นำปลูกผักทุกบ้าน")
    assert saved.version == v0 + 2
    saved = sheets.set_note(db, contest.inspector_a, sheet_id, "ลงพื้นที่ 3 มิ.ย. 2564")
    assert saved.version == v0 + 3
    # the same value again changes nothing
    assert sheets.set_score(db, contest.inspector_a, sheet_id, c1, 7.5).version == v0 + 3
    view = sheets.get_sheet(db, contest.inspector_a, sheet_id)
    assert view.criteria[0].score == 7.5
    assert view.criteria[0].note == "ผู้นำปลูกผักทุกบ้าน"
    assert view.note == "ลงพื้นที่ 3 มิ.ย. 2564"
    assert _audit_actions(db) == ["create", "set_score", "set_note", "set_note"]
    with db.transaction() as s:
        entry = s.scalars(select(m.AuditEntry).where(m.AuditEntry.action == "set_score")).one()
        assert entry.actor == contest.inspector_a.name
        assert entry.source == audit.Source.KEYBOARD
        assert entry.entity_key.endswith("/C1")
        assert audit.verify_chain(s) == []


@pytest.mark.parametrize("value", [-0.5, 10.01, float("nan"), float("inf")])
def test_scores_outside_0_to_max_are_refused(db: Database, contest: Contest, value: float) -> None:
    sheet_id = _draft(db, contest)
    with pytest.raises(InputError) as info:
        sheets.set_score(db, contest.inspector_a, sheet_id, contest.criteria["C1"], value)
    assert info.value.problems[0].field == "C1"
    assert sheets.get_sheet(db, contest.inspector_a, sheet_id).criteria[0].score is None


def test_edges_of_the_range_are_accepted(db: Database, contest: Contest) -> None:
    sheet_id = _draft(db, contest)
    sheets.set_score(db, contest.inspector_a, sheet_id, contest.criteria["C1"], 0)
    sheets.set_score(db, contest.inspector_a, sheet_id, contest.criteria["C3"], 5)
    view = sheets.get_sheet(db, contest.inspector_a, sheet_id)
    assert (view.criteria[0].score, view.criteria[2].score) == (0, 5)


def test_clearing_a_score_removes_it_and_its_note(db: Database, contest: Contest) -> None:
    sheet_id = _draft(db, contest)
    c2 = contest.criteria["C2"]
    sheets.set_score(db, contest.inspector_a, sheet_id, c2, 4)
    sheets.set_criterion_note(db, contest.inspector_a, sheet_id, c2, "ดี")
    sheets.set_score(db, contest.inspector_a, sheet_id, c2, None)
    view = sheets.get_sheet(db, contest.inspector_a, sheet_id)
    assert view.criteria[1].score is None
    assert view.criteria[1].note == ""
    with pytest.raises(InputError):
        sheets.set_criterion_note(db, contest.inspector_a, sheet_id, c2, "ไม่มีคะแนน")


def test_submit_refuses_an_incomplete_sheet_naming_the_missing(
    db: Database, contest: Contest
) -> None:
    sheet_id = _draft(db, contest)
    sheets.set_score(db, contest.inspector_a, sheet_id, contest.criteria["C1"], 8)
    sheets.set_score(db, contest.inspector_a, sheet_id, contest.criteria["C3"], 2)
    with pytest.raises(InputError) as info:
        sheets.submit(db, contest.inspector_a, sheet_id)
    assert [p.field for p in info.value.problems] == ["C2", "C4"]
    assert "ทุกครัวเรือนปลูกผัก" in str(info.value)
    assert sheets.get_sheet(db, contest.inspector_a, sheet_id).status is m.SheetStatus.DRAFT


def test_submit_then_reopen(db: Database, contest: Contest) -> None:
    sheet_id = _draft(db, contest)
    for code, value in FULL.items():
        sheets.set_score(db, contest.inspector_a, sheet_id, contest.criteria[code], value)
    saved = sheets.submit(db, contest.inspector_a, sheet_id)
    assert saved.status is m.SheetStatus.SUBMITTED
    view = sheets.get_sheet(db, contest.inspector_a, sheet_id)
    assert view.total == pytest.approx(75.0)
    assert not view.editable
    assert view.submitted_at is not None
    with pytest.raises(InputError):  # a submitted sheet is not edited in place
        sheets.set_score(db, contest.inspector_a, sheet_id, contest.criteria["C1"], 1)
    sheets.reopen(db, contest.inspector_a, sheet_id)
    view = sheets.get_sheet(db, contest.inspector_a, sheet_id)
    assert view.status is m.SheetStatus.DRAFT and view.editable
    assert view.submitted_at is None
    assert _audit_actions(db)[-2:] == ["submit", "reopen"]


def test_an_inspector_may_only_touch_their_own_sheet(db: Database, contest: Contest) -> None:
    sheet_id = _draft(db, contest)
    c1 = contest.criteria["C1"]
    for other in (contest.inspector_b, contest.committee):
        with pytest.raises(PermissionDenied):
            sheets.set_score(db, other, sheet_id, c1, 5)
        with pytest.raises(PermissionDenied):
            sheets.set_note(db, other, sheet_id, "x")
        with pytest.raises(PermissionDenied):
            sheets.submit(db, other, sheet_id)
    with pytest.raises(PermissionDenied):
        sheets.get_sheet(db, contest.inspector_b, sheet_id)
    # the committee reads every sheet, but cannot change it
    assert not sheets.get_sheet(db, contest.committee, sheet_id).editable
    # the admin may correct it
    sheets.set_score(db, contest.admin, sheet_id, c1, 5)
    assert sheets.get_sheet(db, contest.inspector_a, sheet_id).criteria[0].score == 5


def test_a_finalised_round_refuses_every_change(db: Database, contest: Contest) -> None:
    sheet_id = _draft(db, contest)
    c1 = contest.criteria["C1"]
    sheets.set_score(db, contest.inspector_a, sheet_id, c1, 5)
    with db.transaction() as s:
        s.execute(
            update(m.Round).where(m.Round.id == contest.round_id).values(finalised_at=m.utcnow())
        )
    before = _audit_actions(db)
    with pytest.raises(LockedError):
        sheets.set_score(db, contest.inspector_a, sheet_id, c1, 6)
    with pytest.raises(LockedError):
        sheets.set_note(db, contest.inspector_a, sheet_id, "x")
    with pytest.raises(LockedError):
        sheet_photos.add_photo(db, contest.inspector_a, sheet_id, "a.png", PNG)
    with pytest.raises(LockedError):
        sheets.reopen(db, contest.admin, sheet_id)
    with pytest.raises(LockedError):
        sheets.start_sheet(db, contest.inspector_a, "outstanding", contest.tambons[1])
    # nothing changed; each refused attempt is in the log
    assert _audit_actions(db) == before + ["refused"] * 5
    view = sheets.get_sheet(db, contest.inspector_a, sheet_id)
    assert view.criteria[0].score == 5 and view.note == ""
    assert not sheets.get_sheet(db, contest.inspector_a, sheet_id).editable


def test_photos_add_read_remove_and_undo(db: Database, contest: Contest) -> None:
    sheet_id = _draft(db, contest)
    info = sheet_photos.add_photo(
        db, contest.inspector_a, sheet_id, "แปลงผัก.png", PNG, criterion_id=contest.criteria["C2"]
    )
    assert info.mime_type == "image/png"
    assert info.size == len(PNG)
    view = sheets.get_sheet(db, contest.inspector_a, sheet_id)
    assert [p.filename for p in view.photos] == ["แปลงผัก.png"]
    assert sheet_photos.photo_data(db, contest.committee, info.id) == PNG
    with pytest.raises(PermissionDenied):
        sheet_photos.photo_data(db, contest.inspector_b, info.id)
    removed = sheet_photos.remove_photo(db, contest.inspector_a, info.id)
    assert removed.data == PNG
    assert sheets.get_sheet(db, contest.inspector_a, sheet_id).photos == ()
    again = sheet_photos.add_photo(
        db, contest.inspector_a, sheet_id, removed.info.filename, removed.data
    )
    assert again.sha256 == info.sha256
    with pytest.raises(NotFoundError):
        sheet_photos.remove_photo(db, contest.inspector_a, 999_999)


def test_a_file_that_is_not_an_image_is_refused(db: Database, contest: Contest) -> None:
    sheet_id = _draft(db, contest)
    with pytest.raises(InputError) as info:
        sheet_photos.add_photo(db, contest.inspector_a, sheet_id, "notes.txt", b"hello")
    assert info.value.problems[0].file == "notes.txt"
    with db.transaction() as s:
        assert s.scalar(select(func.count()).select_from(m.Photo)) == 0


def test_list_sheets_shows_an_inspector_only_their_own(db: Database, contest: Contest) -> None:
    add_sheet(db, contest, "ผู้ตรวจ ก", contest.tambons[0], FULL, m.SheetStatus.SUBMITTED)
    add_sheet(db, contest, "ผู้ตรวจ ข", contest.tambons[0], {"C1": 3})
    mine = sheets.list_sheets(db, contest.inspector_a)
    assert [(x.inspector, x.total) for x in mine] == [("ผู้ตรวจ ก", pytest.approx(75.0))]
    everyone = sheets.list_sheets(db, contest.committee, round_code="outstanding")
    assert sorted(x.inspector for x in everyone) == ["ผู้ตรวจ ก", "ผู้ตรวจ ข"]
    partial = next(x for x in everyone if x.inspector == "ผู้ตรวจ ข")
    assert (partial.scored, partial.criteria, partial.total) == (1, 4, None)
