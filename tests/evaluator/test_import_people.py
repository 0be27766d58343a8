"""Importing the contest's people: inspectors, assignments and change leaders (DESIGN.md section
5), through the checked, all-or-nothing path: every bad row named, the database unchanged,
warnings listed without refusing, admins only, every change audited."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from evaluator.db import Database
from evaluator.db import models as m
from evaluator.errors import InputError, PermissionDenied
from evaluator.permissions import UserInfo
from evaluator.services.people import import_assignments, import_inspectors, import_leaders
from evaluator.services.users import create_user
from tests.evaluator.helpers import (
    add_tambons,
    dump,
    finalise_round,
    make_contest,
    write_csv,
    write_xlsx,
)

INSPECTOR_HEADER = ["ชื่อ-สกุล", "ตำแหน่ง", "เขตตรวจราชการ", "จังหวัดภูมิลำเนา", "โทรศัพท์", "อีเมล"]
SOMCHAI = "นายสมชาย น้ำใจดี"
PIMJAI = "นางสาวพิมพ์ใจ ใจงาม"
INSPECTORS = [
    [SOMCHAI, "ผู้ตรวจราชการกรม", "5", "เชียงใหม่", "0812345678", "somchai@cdd.go.th"],
    [PIMJAI, "นักวิชาการพัฒนาชุมชนชำนาญการ", "15", "จ.สุราษฎร์ธานี", "", ""],
]


@pytest.fixture
def admin(db: Database) -> UserInfo:
    add_tambons(db)
    return create_user(db, None, "ผู้ดูแล", m.Role.ADMIN)


def _refused(db: Database, call: object, *args: object) -> InputError:
    before = dump(db)
    with pytest.raises(InputError) as info:
        call(*args)  # type: ignore[operator]
    assert dump(db) == before
    return info.value


def _inspectors(db: Database) -> dict[str, tuple[object, ...]]:
    with db.transaction() as s:
        rows = s.execute(
            select(
                m.Inspector.name,
                m.Inspector.position,
                m.Inspector.zone_number,
                m.Inspector.home_province_code,
                m.Inspector.phone,
                m.Inspector.email,
            )
        ).all()
    return {r[0]: tuple(r[1:]) for r in rows}


def _audit(db: Database, entity: str) -> list[m.AuditEntry]:
    with db.transaction() as s:
        entries = list(s.scalars(select(m.AuditEntry).where(m.AuditEntry.entity == entity)))
        s.expunge_all()
    return entries


# --- inspectors ------------------------------------------------------------------------------


def test_inspectors_from_a_tis620_csv_with_thai_headers(
    db: Database, admin: UserInfo, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "ผู้ประเมิน.csv", INSPECTOR_HEADER, INSPECTORS, encoding="cp874")
    summary = import_inspectors(db, admin, path)
    assert (summary.added, summary.updated, summary.unchanged) == (2, 0, 0)
    assert _inspectors(db) == {
        SOMCHAI: ("ผู้ตรวจราชการกรม", 5, "50", "0812345678", "somchai@cdd.go.th"),
        PIMJAI: ("นักวิชาการพัฒนาชุมชนชำนาญการ", 15, "84", "", ""),
    }
    entries = _audit(db, "inspector")
    assert len(entries) == 2 and {e.actor for e in entries} == {"ผู้ดูแล"}
    assert all(e.source == "import" for e in entries)
    again = import_inspectors(db, admin, path)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 2)
    assert not again.changed and again.previously_imported is not None
    assert len(_audit(db, "inspector")) == 2


def test_inspectors_xlsx_english_headers_any_order_thai_digits_and_updates(
    db: Database, admin: UserInfo, tmp_path: Path
) -> None:
    import_inspectors(db, admin, write_csv(tmp_path / "a.csv", INSPECTOR_HEADER, INSPECTORS))
    decomposed = SOMCHAI.replace("\u0e33", "\u0e4d\u0e32")
    path = write_xlsx(
        tmp_path / "b.xlsx",
        ["email", "zone", "name", "remark", "home_province", "position", "phone"],
        [["", "๑๘", f"  {decomposed} ", "ignored", "Chiang Mai", "ผู้ตรวจราชการกรม", 891112222]],
    )
    summary = import_inspectors(db, admin, path)
    assert (summary.added, summary.updated, summary.unchanged) == (0, 1, 0)
    people = _inspectors(db)
    assert len(people) == 2  # the decomposed ำ is the same name
    assert people[SOMCHAI] == ("ผู้ตรวจราชการกรม", 18, "50", "0891112222", "")
    update = [e for e in _audit(db, "inspector") if e.action == "update"]
    assert len(update) == 1 and '"zone_number":5' in (update[0].old or "")


def test_bad_inspector_rows_are_each_named_and_nothing_changes(
    db: Database, admin: UserInfo, tmp_path: Path
) -> None:
    rows = [
        [SOMCHAI, "ผู้ตรวจ", "19", "เชียงใหม่", "", ""],
        ["", "ผู้ตรวจ", "5", "เชียงใหม่", "", ""],
        [PIMJAI, "ผู้ตรวจ", "5", "เมืองลับแล", "", ""],
        ["นายหนึ่ง สอง", "ผู้ตรวจ", "5", "ลำปาง", "โทรหาได้", "not-an-email"],
        [f"{SOMCHAI} ", "ผู้ตรวจ", "5", "ลำปาง", "", ""],
    ]
    error = _refused(
        db, import_inspectors, db, admin, write_csv(tmp_path / "bad.csv", INSPECTOR_HEADER, rows)
    )
    where = {(p.file, p.row, p.field) for p in error.problems}
    assert where == {
        ("bad.csv", 2, "เขตตรวจราชการ"),
        ("bad.csv", 3, "ชื่อ-สกุล"),
        ("bad.csv", 4, "จังหวัดภูมิลำเนา"),
        ("bad.csv", 5, "โทรศัพท์"),
        ("bad.csv", 5, "อีเมล"),
        ("bad.csv", 6, "ชื่อ-สกุล"),
    }
    assert "แถว 2" in next(p.message for p in error.problems if p.row == 6)


def test_missing_column_is_refused(db: Database, admin: UserInfo, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "x.csv", ["ชื่อ-สกุล", "ตำแหน่ง"], [[SOMCHAI, "ผู้ตรวจ"]])
    error = _refused(db, import_inspectors, db, admin, path)
    assert {p.field for p in error.problems} == {
        "เขตตรวจราชการ (zone)",
        "จังหวัดภูมิลำเนา (home_province)",
    }


def test_only_an_admin_imports_people(db: Database, admin: UserInfo, tmp_path: Path) -> None:
    committee = create_user(db, admin, "กรรมการ", m.Role.COMMITTEE)
    inspector = create_user(db, admin, SOMCHAI, m.Role.INSPECTOR)
    path = write_csv(tmp_path / "a.csv", INSPECTOR_HEADER, INSPECTORS)
    for who in (committee, inspector):
        before = dump(db)
        with pytest.raises(PermissionDenied):
            import_inspectors(db, who, path)
        with pytest.raises(PermissionDenied):
            import_leaders(db, who, path)
        assert dump(db) == before
    # a role a caller forges is not believed: the stored role decides
    forged = UserInfo(committee.id, committee.name, m.Role.ADMIN)
    with pytest.raises(PermissionDenied):
        import_inspectors(db, forged, path)


# --- assignments -----------------------------------------------------------------------------

ASSIGNMENT_HEADER = ["รอบ", "ผู้ประเมิน", "รหัสตำบล"]


def _assignments(db: Database) -> set[tuple[str, str, str]]:
    with db.transaction() as s:
        rows = s.execute(
            select(m.Round.code, m.Inspector.name, m.Assignment.tambon_code)
            .join(m.Round, m.Assignment.round_id == m.Round.id)
            .join(m.Inspector, m.Assignment.inspector_id == m.Inspector.id)
        ).all()
    return {(r[0], r[1], r[2]) for r in rows}


def test_assignments_with_zone_and_conflict_warnings(
    db: Database, admin: UserInfo, tmp_path: Path
) -> None:
    make_contest(db)
    import_inspectors(db, admin, write_csv(tmp_path / "i.csv", INSPECTOR_HEADER, INSPECTORS))
    rows = [
        ["outstanding", SOMCHAI, "840503"],  # zone 5 inspector, zone 5 tambon: fine
        ["outstanding", SOMCHAI, "500101"],  # outside zone 5, and his home province
        ["outstanding", PIMJAI, "๘๔๐๕๐๑"],  # zone 15 inspector in zone 5, home province too
        ["outstanding", SOMCHAI, "840503"],  # the same row again: counted once
    ]
    path = write_csv(tmp_path / "a.csv", ASSIGNMENT_HEADER, rows)
    summary = import_assignments(db, admin, path)
    assert (summary.added, summary.unchanged) == (3, 0)
    assert _assignments(db) == {
        ("outstanding", SOMCHAI, "840503"),
        ("outstanding", SOMCHAI, "500101"),
        ("outstanding", PIMJAI, "840501"),
    }
    text = "\n".join(summary.warnings)
    assert "a.csv, แถว 3:" in text and "a.csv, แถว 4:" in text and "a.csv, แถว 5:" in text
    assert text.count("outside the tambon's zone") == 2
    assert text.count("conflict of interest") == 2
    assert len(_audit(db, "assignment")) == 3
    again = import_assignments(db, admin, path)
    assert (again.added, again.unchanged) == (0, 3) and not again.changed


def test_bad_assignments_are_refused(db: Database, admin: UserInfo, tmp_path: Path) -> None:
    ids = make_contest(db)
    import_inspectors(db, admin, write_csv(tmp_path / "i.csv", INSPECTOR_HEADER, INSPECTORS))
    finalise_round(db, ids.rounds["excellent"])
    rows = [
        ["outstanding", "นายไม่มี ตัวตน", "840503"],
        ["semifinal", SOMCHAI, "840503"],
        ["outstanding", SOMCHAI, "100101"],  # a real tambon, not a target one
        ["outstanding", SOMCHAI, "84050"],
        ["excellent", SOMCHAI, "840503"],
        ["outstanding", SOMCHAI, "840502"],  # good, but the file is refused as a whole
    ]
    error = _refused(
        db, import_assignments, db, admin, write_csv(tmp_path / "a.csv", ASSIGNMENT_HEADER, rows)
    )
    assert [(p.row, p.field) for p in error.problems] == [
        (2, "ผู้ประเมิน"),
        (3, "รอบ"),
        (4, "รหัสตำบล"),
        (5, "รหัสตำบล"),
        (6, "รอบ"),
    ]


# --- leaders ---------------------------------------------------------------------------------

LEADER_HEADER = ["รหัสตำบล", "คำนำหน้า", "ชื่อ", "นามสกุล", "ตำแหน่ง/บทบาท", "หมู่บ้าน", "โทรศัพท์"]


def _leaders(db: Database) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    with db.transaction() as s:
        for leader in s.scalars(select(m.Leader).order_by(m.Leader.id)):
            out.setdefault(leader.tambon_code, []).append(
                f"{leader.full_name}|{leader.position}|{leader.village}|{leader.phone}"
            )
    return out


def _leader_rows(code: str, count: int, prefix: str = "ผู้นำ") -> list[list[object]]:
    return [
        [code, "นาย", f"{prefix}{i}", "ทดสอบ", "ผู้ใหญ่บ้าน", "บ้านเกาะเต่า", "0771234567"]
        for i in range(1, count + 1)
    ]


def test_leaders_replace_only_the_tambons_in_the_file(
    db: Database, admin: UserInfo, tmp_path: Path
) -> None:
    first = write_csv(
        tmp_path / "l1.csv", LEADER_HEADER, _leader_rows("840503", 15) + _leader_rows("500101", 2)
    )
    summary = import_leaders(db, admin, first)
    assert (summary.added, summary.details["tambons_replaced"]) == (17, 2)
    assert len(_leaders(db)["840503"]) == 15
    assert _leaders(db)["840503"][0] == "นายผู้นำ1 ทดสอบ|ผู้ใหญ่บ้าน|บ้านเกาะเต่า|0771234567"

    second = write_xlsx(
        tmp_path / "l2.xlsx",
        ["tambon_code", "title", "first_name", "last_name"],
        [["500101", "นาง", "ใหม่", "คนเดียว"]],
    )
    summary = import_leaders(db, admin, second)
    assert (summary.added, summary.details["leaders_removed"]) == (1, 2)
    leaders = _leaders(db)
    assert leaders["500101"] == ["นางใหม่ คนเดียว|||"]
    assert len(leaders["840503"]) == 15  # not in the file: kept
    entries = _audit(db, "leaders")
    assert [e.action for e in entries] == ["create", "create", "replace"]
    assert "นางใหม่ คนเดียว" in (entries[-1].new or "")
    again = import_leaders(db, admin, second)
    assert not again.changed and again.unchanged == 1


def test_more_than_fifteen_leaders_is_a_warning(
    db: Database, admin: UserInfo, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "l.csv", LEADER_HEADER, _leader_rows("840503", 16))
    summary = import_leaders(db, admin, path)
    assert summary.added == 16
    assert len(summary.warnings) == 1 and "16" in summary.warnings[0]


def test_bad_leader_rows_are_refused(db: Database, admin: UserInfo, tmp_path: Path) -> None:
    import_leaders(
        db, admin, write_csv(tmp_path / "ok.csv", LEADER_HEADER, _leader_rows("840503", 3))
    )
    rows = [
        *_leader_rows("840503", 2, "ใหม่"),
        ["840503", "นาย", "ใหม่1", " ทดสอบ ", "", "", ""],  # the same name as row 2
        ["100101", "นาย", "ก", "ข", "", "", ""],  # not a target tambon
        ["840503", "นาย", "", "ข", "", "", ""],
        ["840503", "นาย", "ค", "ง", "", "", "ไม่มี"],
    ]
    error = _refused(
        db, import_leaders, db, admin, write_csv(tmp_path / "bad.csv", LEADER_HEADER, rows)
    )
    assert [(p.row, p.field) for p in error.problems] == [
        (4, "ชื่อ"),
        (5, "รหัสตำบล"),
        (6, "ชื่อ"),
        (7, "โทรศัพท์"),
    ]
    with db.transaction() as s:
        assert s.scalar(select(func.count(m.Leader.id))) == 3


# --- users (the check; accounts are stored by services.users) ---------------------------------


def test_user_rows_are_checked(db: Database, admin: UserInfo, tmp_path: Path) -> None:
    from evaluator.io.tables import read_table
    from evaluator.io.users_import import USER_COLUMNS, check_users
    from evaluator.services.people import load_context

    import_inspectors(db, admin, write_csv(tmp_path / "i.csv", INSPECTOR_HEADER, INSPECTORS))
    rows = [
        ["Somchai.N", SOMCHAI.replace("\u0e33", "\u0e4d\u0e32"), "ผู้ประเมิน", ""],
        ["kanokwan_b", "นางกนกวรรณ บุญมา", "Committee", "นายใคร ก็ได้"],
        ["admin2", "ผู้ดูแลสำรอง", "ผู้ดูแลระบบ", ""],
        ["ผู้ใช้ไทย", "ชื่อ", "admin", ""],
        ["somchai.n", "ซ้ำ", "committee", ""],
        ["x.y", "นายไม่มี ในรายชื่อ", "inspector", ""],
        ["z.z", "ใครสักคน", "หัวหน้า", ""],
    ]
    path = write_csv(tmp_path / "u.csv", ["login", "ชื่อ-สกุล", "บทบาท", "ผู้ประเมิน"], rows)
    with db.transaction() as s:
        ctx = load_context(s)
    check = check_users(read_table(path, USER_COLUMNS), ctx)
    assert [(r.login, r.role, r.inspector) for r in check.records] == [
        ("somchai.n", "inspector", SOMCHAI),
        ("kanokwan_b", "committee", None),
        ("admin2", "admin", None),
    ]
    assert [(p.row, p.field) for p in check.problems] == [
        (5, "login"),
        (6, "login"),
        (7, "ผู้ประเมิน"),
        (8, "บทบาท"),
    ]
    assert len(check.warnings) == 1 and "u.csv, แถว 3" in check.warnings[0]


def test_leaders_of_a_tambon_edited_by_hand(db: Database, admin: UserInfo, tmp_path: Path) -> None:
    from evaluator.errors import NotFoundError
    from evaluator.services.leaders import edit_leaders

    import_leaders(
        db, admin, write_csv(tmp_path / "l.csv", LEADER_HEADER, _leader_rows("840503", 3))
    )
    typed = [
        {"title": "นาง", "first_name": " สมศรี ", "last_name": "น\u0e49\u0e4d\u0e32ใจ"},
        {"title": " ", "first_name": "", "last_name": "​"},  # an empty row is ignored
        {"title": "นาย", "first_name": "บุญมี", "last_name": "มีสุข", "phone": "812345678"},
    ]
    changes, warnings = edit_leaders(db, admin, "840503", typed)
    assert (changes.added, changes.removed) == (2, 3) and not warnings
    assert _leaders(db)["840503"] == ["นางสมศรี น้ำใจ|||", "นายบุญมี มีสุข|||0812345678"]
    entry = _audit(db, "leaders")[-1]
    assert entry.action == "replace" and entry.source == "keyboard"
    before = dump(db)
    with pytest.raises(InputError) as info:
        edit_leaders(db, admin, "840503", [typed[0], typed[0]])
    assert [(p.row, p.field) for p in info.value.problems] == [(2, "ชื่อ (first_name)")]
    with pytest.raises(InputError) as info:
        edit_leaders(db, admin, "840503", [{"title": "นาย"}])
    assert {p.field for p in info.value.problems} == {"ชื่อ (first_name)", "นามสกุล (last_name)"}
    assert dump(db) == before
    with pytest.raises(NotFoundError):
        edit_leaders(db, admin, "100101", typed)
    committee = create_user(db, admin, "กรรมการ", m.Role.COMMITTEE)
    before = dump(db)
    with pytest.raises(PermissionDenied):
        edit_leaders(db, committee, "840503", [])
    assert dump(db) == before
    changes, _ = edit_leaders(db, admin, "840503", [])
    assert changes.removed == 2 and "840503" not in _leaders(db)


def test_two_replacements_of_one_tambon_at_once_keep_one_list(any_db: Database) -> None:
    import threading

    from evaluator.services.leaders import edit_leaders

    add_tambons(any_db)
    admin = create_user(any_db, None, "admin", m.Role.ADMIN)
    lists = [
        [{"title": "นาย", "first_name": f"{side}{i}", "last_name": "ทดสอบ"} for i in range(15)]
        for side in ("ก", "ข")
    ]
    errors: list[BaseException] = []

    def replace(leaders: list[dict[str, str]]) -> None:
        try:
            for _ in range(3):
                edit_leaders(any_db, admin, "840503", leaders)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=replace, args=(leaders,)) for leaders in lists]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    with any_db.transaction() as s:
        names = [r.first_name for r in s.scalars(select(m.Leader).order_by(m.Leader.id))]
    assert names in ([f"ก{i}" for i in range(15)], [f"ข{i}" for i in range(15)])
