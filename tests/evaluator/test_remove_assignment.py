"""Removing one assignment (``evaluator assignments remove``, the set-up screen): admin only,
refused with nothing changed when the inspector already has a sheet there or the round is
finalised, audited, and then the inspector may no longer open a sheet for that tambon."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from evaluator.db import Database
from evaluator.db import models as m
from evaluator.errors import InputError, NotFoundError, PermissionDenied
from evaluator.permissions import UserInfo
from evaluator.services.assignments import add_assignment, remove_assignment
from evaluator.services.people import import_assignments, import_inspectors
from tests.accounts import make_user, sign_in
from tests.evaluator.helpers import (
    add_tambons,
    dump,
    finalise_round,
    make_contest,
    run_cli,
    write_csv,
)

SOMCHAI = "นายสมชาย น้ำใจดี"
PIMJAI = "นางสาวพิมพ์ใจ ใจงาม"


@pytest.fixture
def admin(db: Database, tmp_path: Path) -> UserInfo:
    add_tambons(db)
    make_contest(db)
    user = make_user(db, "admin", m.Role.ADMIN)
    header = ["ชื่อ-สกุล", "ตำแหน่ง", "เขตตรวจราชการ", "จังหวัดภูมิลำเนา"]
    people = [[SOMCHAI, "ผู้ตรวจ", "5", "เชียงใหม่"], [PIMJAI, "นักวิชาการ", "5", "ลำปาง"]]
    import_inspectors(db, user, write_csv(tmp_path / "i.csv", header, people))
    rows = [
        ["outstanding", SOMCHAI, "840501"],
        ["outstanding", SOMCHAI, "840502"],
        ["outstanding", PIMJAI, "840501"],
        ["excellent", SOMCHAI, "840501"],
    ]
    import_assignments(db, user, write_csv(tmp_path / "a.csv", ["รอบ", "ผู้ประเมิน", "รหัสตำบล"], rows))
    return user


def _assigned(db: Database) -> set[tuple[str, str, str]]:
    with db.transaction() as s:
        return {
            (r, i, t)
            for r, i, t in s.execute(
                select(m.Round.code, m.Inspector.name, m.Assignment.tambon_code)
                .join(m.Round, m.Assignment.round_id == m.Round.id)
                .join(m.Inspector, m.Assignment.inspector_id == m.Inspector.id)
            )
        }


def _sheet(db: Database, round_code: str, name: str, tambon: str) -> None:
    with db.transaction() as s:
        rnd = s.scalar(select(m.Round).where(m.Round.code == round_code))
        inspector = s.scalar(select(m.Inspector).where(m.Inspector.name == name))
        assert rnd is not None and inspector is not None
        s.add(m.Sheet(round_id=rnd.id, inspector_id=inspector.id, tambon_code=tambon))


def test_an_admin_removes_one_assignment_audited(db: Database, admin: UserInfo) -> None:
    # the name as typed in another form (decomposed sara am) is the same inspector
    done = remove_assignment(
        db, admin, "outstanding", SOMCHAI.replace("\u0e33", "\u0e4d\u0e32"), "๘๔๐๕๐๒"
    )
    assert (done.round_code, done.inspector, done.tambon_code) == (
        "outstanding",
        SOMCHAI,
        "840502",
    )
    assert _assigned(db) == {
        ("outstanding", SOMCHAI, "840501"),
        ("outstanding", PIMJAI, "840501"),
        ("excellent", SOMCHAI, "840501"),
    }
    with db.transaction() as s:
        entry = s.scalar(
            select(m.AuditEntry).where(
                m.AuditEntry.entity == "assignment", m.AuditEntry.action == "delete"
            )
        )
        assert entry is not None
        assert entry.actor == "admin"
        assert json.loads(entry.old or "{}") == {
            "round": "outstanding",
            "inspector": SOMCHAI,
            "tambon": "840502",
        }
    with pytest.raises(NotFoundError, match="no such assignment"):
        remove_assignment(db, admin, "outstanding", SOMCHAI, "840502")


def test_a_sheet_or_a_finalised_round_keeps_the_assignment(db: Database, admin: UserInfo) -> None:
    _sheet(db, "outstanding", PIMJAI, "840501")
    before = dump(db)
    with pytest.raises(InputError, match="already has a sheet"):
        remove_assignment(db, admin, "outstanding", PIMJAI, "840501")
    with db.transaction() as s:
        finalised = s.scalar(select(m.Round.id).where(m.Round.code == "excellent"))
    assert dump(db) == before
    assert finalised is not None
    finalise_round(db, finalised)
    before = dump(db)
    with pytest.raises(InputError, match="finalised"):
        remove_assignment(db, admin, "excellent", SOMCHAI, "840501")
    for bad in (("nosuch", SOMCHAI, "840501"), ("outstanding", "นายไม่มี ตัวตน", "840501")):
        with pytest.raises(NotFoundError):
            remove_assignment(db, admin, *bad)
    with pytest.raises(InputError, match="6 digits"):
        remove_assignment(db, admin, "outstanding", SOMCHAI, "8405")
    assert dump(db) == before


def test_only_an_admin_removes_assignments(db: Database, admin: UserInfo) -> None:
    committee = make_user(db, "chair", m.Role.COMMITTEE)
    inspector = make_user(db, "somchai", m.Role.INSPECTOR, inspector=SOMCHAI)
    before = dump(db)
    for actor in (committee, inspector):
        with pytest.raises(PermissionDenied):
            remove_assignment(db, actor, "outstanding", SOMCHAI, "840502")
    assert dump(db) == before


def test_assignments_remove_from_the_command_line(
    db: Database,
    admin: UserInfo,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    sign_in(monkeypatch, "admin")
    args = ("assignments", "remove", "--round", "outstanding", "--inspector", PIMJAI)
    done = run_cli(db, capsys, *args, "--tambon", "840501", "--reason", "ย้ายไปเขตอื่น")
    assert done.code == 0, done.err
    assert "assignment removed" in done.out
    assert ("outstanding", PIMJAI, "840501") not in _assigned(db)
    with db.transaction() as s:
        reasons = set(s.scalars(select(m.AuditEntry.reason).where(m.AuditEntry.action == "delete")))
    assert reasons == {"ย้ายไปเขตอื่น"}
    _sheet(db, "outstanding", SOMCHAI, "840502")
    before = dump(db)
    refused = run_cli(
        db,
        capsys,
        "assignments",
        "remove",
        "--round",
        "outstanding",
        "--inspector",
        SOMCHAI,
        "--tambon",
        "840502",
    )
    assert refused.code != 0 and "already has a sheet" in refused.err
    assert dump(db) == before


def test_an_admin_adds_one_assignment_checked_like_a_file_row(
    db: Database,
    admin: UserInfo,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Somchai's home is เชียงใหม่ (zone 15 province) and he is of zone 5: 500101 is in his own
    # province and outside his zone, two warnings, but added
    done = add_assignment(db, admin, "outstanding", SOMCHAI, "500101")
    assert done.added
    text = "\n".join(done.warnings)
    assert "conflict of interest" in text and "outside the tambon's zone" in text
    assert ("outstanding", SOMCHAI, "500101") in _assigned(db)
    assert not add_assignment(db, admin, "outstanding", SOMCHAI, "500101").added  # once only
    with db.transaction() as s:
        entry = s.scalar(
            select(m.AuditEntry)
            .where(m.AuditEntry.entity == "assignment", m.AuditEntry.action == "create")
            .order_by(m.AuditEntry.id.desc())
        )
        assert entry is not None and entry.actor == "admin" and entry.source == "keyboard"
    committee = make_user(db, "chair", m.Role.COMMITTEE)
    before = dump(db)
    with pytest.raises(InputError, match="unknown inspector"):
        add_assignment(db, admin, "outstanding", "นายไม่มี ตัวตน", "840503")
    with pytest.raises(InputError, match="not a target tambon"):
        add_assignment(db, admin, "outstanding", SOMCHAI, "100101")
    with pytest.raises(PermissionDenied):
        add_assignment(db, committee, "outstanding", SOMCHAI, "840503")
    assert dump(db) == before
    sign_in(monkeypatch, "admin")
    args = ("assignments", "add", "--round", "outstanding", "--inspector", PIMJAI)
    done_cli = run_cli(db, capsys, *args, "--tambon", "840503")
    assert done_cli.code == 0, done_cli.err
    assert ("outstanding", PIMJAI, "840503") in _assigned(db)
    refused = run_cli(db, capsys, *args, "--tambon", "84050")
    assert refused.code != 0 and "6 digits" in refused.err
