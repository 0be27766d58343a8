"""``evaluator import users FILE`` (DESIGN.md section 5): an admin adds the committee's, the
inspectors' and the admins' accounts from a table, each with a one-time password printed once;
a bad file is refused with every bad row named and the database unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from evaluator.db import Database
from evaluator.db import models as m
from evaluator.errors import AuthError, InputError, PermissionDenied
from evaluator.permissions import UserInfo
from evaluator.services.people import import_users
from evaluator.services.users import authenticate, list_accounts
from tests.accounts import TEST_PASSWORD, make_user, sign_in
from tests.evaluator.helpers import dump, run_cli, write_csv, write_xlsx

THAI_HEADER = ["ชื่อเข้าระบบ", "ชื่อ-สกุล", "บทบาท", "ผู้ประเมิน"]
ENGLISH_HEADER = ["login", "name", "role", "inspector"]
SOMCHAI = "นายสมชาย น้ำใจดี"
ROWS = [
    ["kanokwan.b", "นางกนกวรรณ บุญมา", "คณะกรรมการ", ""],
    ["somchai", SOMCHAI, "ผู้ประเมิน", SOMCHAI],
    ["Wichai_A", "นายวิชัย อดทน", "ผู้ดูแลระบบ", ""],
]


@pytest.fixture
def admin(db: Database, monkeypatch: pytest.MonkeyPatch) -> UserInfo:
    with db.transaction() as s:
        s.add(m.Inspector(name=SOMCHAI))
    user = make_user(db, "admin", m.Role.ADMIN, name="ผู้ดูแล")
    sign_in(monkeypatch, "admin")
    return user


def _passwords(out: str) -> dict[str, tuple[str, str, str]]:
    """login → (name, role, one-time password) from the printed table."""
    found: dict[str, tuple[str, str, str]] = {}
    for line in out.splitlines():
        cells = line.split("\t")
        if len(cells) == 4 and " — " not in line:
            found[cells[0]] = (cells[1], cells[2], cells[3])
    return found


def _logins(db: Database) -> set[str]:
    with db.transaction() as s:
        return set(s.scalars(select(m.User.login)))


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_thai_users_file_makes_accounts_whose_printed_passwords_sign_in(
    db: Database,
    admin: UserInfo,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    kind: str,
) -> None:
    path = (
        write_csv(tmp_path / "ผู้ใช้.csv", THAI_HEADER, ROWS)
        if kind == "csv"
        else write_xlsx(tmp_path / "ผู้ใช้.xlsx", THAI_HEADER, ROWS)
    )
    result = run_cli(db, capsys, "import", "users", str(path))
    assert result.code == 0, result.err
    printed = _passwords(result.out)
    assert set(printed) == {"kanokwan.b", "somchai", "wichai_a"}
    assert printed["kanokwan.b"][:2] == ("นางกนกวรรณ บุญมา", "committee")
    assert printed["somchai"][1] == "inspector" and printed["wichai_a"][1] == "admin"
    assert "first sign-in" in result.out and "เปลี่ยนรหัสผ่าน" in result.out
    for login, (_name, role, password) in printed.items():
        user = authenticate(db, login, password)
        assert user.login == login and user.role.value == role
    assert authenticate(db, "somchai", printed["somchai"][2]).inspector_name == SOMCHAI
    states = {a.user.login: a for a in list_accounts(db, admin)}
    assert all(states[login].must_change_password for login in printed)
    with db.transaction() as s:
        created = list(
            s.scalars(
                select(m.AuditEntry).where(
                    m.AuditEntry.entity == "user", m.AuditEntry.action == "create"
                )
            )
        )
        assert {e.entity_key for e in created} == set(printed)
        assert {e.actor for e in created} == {"admin"}
    # the same file again: every login is now taken, nothing changes
    before = dump(db)
    again = run_cli(db, capsys, "import", "users", str(path))
    assert again.code == 2 and "แถว 2" in again.err and "the login is taken" in again.err
    assert dump(db) == before


def test_english_headers_and_roles_through_the_service(
    db: Database, admin: UserInfo, tmp_path: Path
) -> None:
    rows = [["nida", "นางนิดา ใจดี", "Committee", ""], ["somchai", SOMCHAI, "inspector", ""]]
    path = write_csv(tmp_path / "users.csv", ENGLISH_HEADER, rows, encoding="utf-8-sig")
    result = import_users(db, admin, path)
    made = {a.user.login: a for a in result.accounts}
    assert set(made) == {"nida", "somchai"}
    assert made["somchai"].user.inspector_name == SOMCHAI  # by the account's own name
    assert all(a.one_time_password for a in result.accounts)


def test_bad_rows_are_all_named_and_nothing_changes(
    db: Database, admin: UserInfo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [
        ["nida", "นางนิดา ใจดี", "หัวหน้า", ""],  # row 2: unknown role
        ["preecha", "นายปรีชา มั่นคง", "คณะกรรมการ", ""],
        ["Preecha", "นายปรีชา สอง", "คณะกรรมการ", ""],  # row 4: duplicate login
        ["malee", "นางมาลี ไม่มีชื่อ", "ผู้ประเมิน", ""],  # row 5: no such inspector
        ["admin", "ผู้ดูแลซ้ำ", "ผู้ดูแลระบบ", ""],  # row 6: login already in the database
    ]
    path = write_csv(tmp_path / "bad.csv", THAI_HEADER, rows)
    before = dump(db)
    with pytest.raises(InputError) as info:
        import_users(db, admin, path)
    where = {(p.file, p.row, p.field) for p in info.value.problems}
    assert where == {
        ("bad.csv", 2, "บทบาท"),
        ("bad.csv", 4, "ชื่อเข้าระบบ"),
        ("bad.csv", 5, "ผู้ประเมิน"),
        ("bad.csv", 6, "ชื่อเข้าระบบ"),
    }
    assert dump(db) == before
    result = run_cli(db, capsys, "import", "users", str(path))
    assert result.code == 2
    for row in ("แถว 2", "แถว 4", "แถว 5", "แถว 6"):
        assert row in result.err
    assert "unknown role" in result.err and "duplicate login" in result.err
    assert "unknown inspector" in result.err and "the login is taken" in result.err
    assert dump(db) == before


def test_an_inspector_row_names_an_inspector_not_imported(
    db: Database, admin: UserInfo, tmp_path: Path
) -> None:
    rows = [["malee", "นางมาลี ดีงาม", "inspector", "นางสาวไม่มี ในระบบ"]]
    path = write_xlsx(tmp_path / "users.xlsx", ENGLISH_HEADER, rows)
    before = dump(db)
    with pytest.raises(InputError) as info:
        import_users(db, admin, path)
    [problem] = info.value.problems
    assert problem.row == 2 and problem.field is not None and "inspector" in problem.message
    assert dump(db) == before


def test_a_committee_member_and_a_wrong_password_are_refused(
    db: Database,
    admin: UserInfo,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    committee = make_user(db, "kanok", m.Role.COMMITTEE)
    path = write_csv(tmp_path / "users.csv", THAI_HEADER, ROWS)
    before = dump(db)
    with pytest.raises(PermissionDenied):
        import_users(db, committee, path)
    sign_in(monkeypatch, "kanok")
    result = run_cli(db, capsys, "import", "users", str(path))
    assert result.code == 1 and "may not manage users" in result.err and not result.out
    assert _logins(db) == {"admin", "kanok"}
    sign_in(monkeypatch, "admin", TEST_PASSWORD + "x")
    result = run_cli(db, capsys, "import", "users", str(path))
    assert result.code != 0 and "wrong login or password" in result.err
    assert not _passwords(result.out)
    assert _logins(db) == {"admin", "kanok"}
    with pytest.raises(AuthError):
        authenticate(db, "kanokwan.b", "")
    kept = set(before) - {"users", "audit_log", "audit_head"}  # failed sign-ins are counted
    after = dump(db)
    assert {k: after[k] for k in kept} == {k: before[k] for k in kept}


def test_the_users_template_imports_once_filled(
    db: Database, admin: UserInfo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "users.xlsx"
    assert run_cli(db, capsys, "export", "template", "users", "--out", str(out)).code == 0
    workbook = load_workbook(out)
    sheet = workbook.worksheets[0]
    sheet.append(["nida", "นางนิดา ใจดี", "คณะกรรมการ", ""])
    workbook.save(out)
    result = run_cli(db, capsys, "import", "users", str(out))
    assert result.code == 0, result.err
    assert set(_passwords(result.out)) == {"nida"}  # the example row was skipped
