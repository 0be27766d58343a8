"""Accounts: Argon2id passwords, signing in, lock-out, the admin's user commands, the migration
of users from before accounts, and every changing command refused without the right sign-in."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import select, text

from evaluator import accounts
from evaluator.cli import parser as cli
from evaluator.db import Database, migrate, open_database
from evaluator.db import models as m
from evaluator.errors import AuthError, InputError, PermissionDenied
from evaluator.services import account_admin, users
from tests.accounts import TEST_PASSWORD, make_user, sign_in
from tests.evaluator.helpers import dump


def _stored(db: Database, login: str) -> m.User:
    with db.transaction() as s:
        user = s.scalar(select(m.User).where(m.User.login == login))
        assert user is not None
        s.expunge(user)
        return user


# --- hashing and rules -----------------------------------------------------------------------


def test_passwords_are_stored_as_argon2id_hashes_never_in_clear(db: Database) -> None:
    make_user(db, "admin", m.Role.ADMIN, password=None)
    admin = users.find_user(db, "admin")
    with db.transaction() as s:
        s.get_one(m.User, admin.id).password_hash = accounts.hash_password("ลับมาก-2564")
    stored = _stored(db, "admin").password_hash
    assert stored is not None and stored.startswith("$argon2id$")
    assert "ลับมาก-2564" not in stored
    assert db.file_path is not None
    assert "ลับมาก-2564".encode() not in db.file_path.read_bytes()
    assert users.authenticate(db, "admin", "ลับมาก-2564").login == "admin"
    two = {accounts.hash_password("same password 1"), accounts.hash_password("same password 1")}
    assert len(two) == 2  # salted


def test_the_program_hashes_with_rfc_9106_parameters() -> None:
    accounts.set_hash_parameters()  # the program's own parameters (the suite uses cheap ones)
    try:
        stored = accounts.hash_password("correct horse battery")
    finally:
        accounts.set_hash_parameters(time_cost=1, memory_cost=1024, parallelism=1)
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert accounts.verify_password(stored, "correct horse battery")
    assert not accounts.verify_password(stored, "correct horse battery!")


@pytest.mark.parametrize(
    ("password", "ok"),
    [
        ("short", False),
        ("12345678", False),
        ("aaaaaaaaaaaa", False),
        ("kanokwan.b", False),  # the login itself
        ("Password", False),
        ("รหัสผ่านยาวพอ", True),
        ("correct horse battery", True),
    ],
)
def test_password_rules(password: str, ok: bool) -> None:
    assert (accounts.check_password_rules(password, "kanokwan.b") == []) is ok


def test_logins_are_normalised() -> None:
    assert accounts.normalise_login("  Kanokwan.B ") == "kanokwan.b"
    assert accounts.normalise_login("สม\u200bชาย  ใจดี") == "สมชาย ใจดี"
    assert accounts.normalise_login("น\u0e4d\u0e32") == "น\u0e33"  # sara am composed


def test_lockout_grows_and_is_capped() -> None:
    times = [accounts.lockout_seconds(n) for n in range(1, 12)]
    assert times[: accounts.FREE_FAILURES - 1] == [0] * (accounts.FREE_FAILURES - 1)
    assert times[accounts.FREE_FAILURES - 1] == accounts.LOCKOUT_FIRST_SECONDS
    assert times == sorted(times) and max(times) <= accounts.LOCKOUT_MAX_SECONDS


# --- authenticate ------------------------------------------------------------------------------


def test_authenticate_refuses_unknown_wrong_and_disabled(db: Database) -> None:
    admin = make_user(db, "admin", m.Role.ADMIN)
    make_user(db, "somchai", m.Role.COMMITTEE, name="สมชาย ใจดี")
    make_user(db, "nopass", m.Role.COMMITTEE, password=None)
    assert users.authenticate(db, " SomChai ", TEST_PASSWORD).name == "สมชาย ใจดี"
    with pytest.raises(AuthError, match="wrong login or password"):
        users.authenticate(db, "nobody", TEST_PASSWORD)
    with pytest.raises(AuthError, match="wrong login or password"):
        users.authenticate(db, "somchai", "not the password")
    with pytest.raises(AuthError, match="no password"):
        users.authenticate(db, "nopass", "")
    account_admin.set_disabled(db, admin, "somchai")
    with pytest.raises(AuthError, match="disabled"):
        users.authenticate(db, "somchai", TEST_PASSWORD)
    assert "somchai" not in [u.login for u in users.list_users(db)]
    somchai_id = _stored(db, "somchai").id
    with db.transaction() as s, pytest.raises(PermissionDenied):  # an open session: nothing
        users.user_in(s, somchai_id)
    account_admin.set_disabled(db, admin, "somchai", disabled=False)
    assert users.authenticate(db, "somchai", TEST_PASSWORD).login == "somchai"
    with db.transaction() as s:  # every failure is in the audit log, under the login tried
        failed = s.execute(
            select(m.AuditEntry.actor, m.AuditEntry.reason).where(
                m.AuditEntry.action == "login_failed"
            )
        ).all()
    assert ("nobody", "unknown login") in failed
    assert ("somchai", "wrong password") in failed
    assert ("somchai", "disabled") in failed


def test_lock_out_after_repeated_failures(db: Database) -> None:
    admin = make_user(db, "admin", m.Role.ADMIN)
    make_user(db, "malee", m.Role.COMMITTEE)
    for _ in range(accounts.FREE_FAILURES):
        with pytest.raises(AuthError, match="wrong login or password"):
            users.authenticate(db, "malee", "guess")
    with pytest.raises(AuthError, match="try again in"):  # even the right password, for now
        users.authenticate(db, "malee", TEST_PASSWORD)
    row = _stored(db, "malee")
    assert row.failed_logins == accounts.FREE_FAILURES and row.locked_until is not None
    with db.transaction() as s:  # the lock-out time passes
        stored = s.get_one(m.User, row.id)
        stored.locked_until = m.utcnow() - timedelta(seconds=1)
    assert users.authenticate(db, "malee", TEST_PASSWORD).login == "malee"
    assert _stored(db, "malee").failed_logins == 0
    for _ in range(accounts.FREE_FAILURES):
        with pytest.raises(AuthError):
            users.authenticate(db, "malee", "guess")
    users.set_password(db, admin, "malee", "รหัสใหม่ของมาลี")  # an admin's reset lifts it
    assert users.authenticate(db, "malee", "รหัสใหม่ของมาลี").login == "malee"


def test_admin_manages_accounts_and_others_may_not(db: Database) -> None:
    admin = make_user(db, "admin", m.Role.ADMIN)
    committee = make_user(db, "chair", m.Role.COMMITTEE)
    new = users.add_user(db, admin, "Kanokwan.B", "กนกวรรณ บุญมา", m.Role.INSPECTOR, "กนกวรรณ บุญมา")
    assert new.user.login == "kanokwan.b" and new.user.inspector_name == "กนกวรรณ บุญมา"
    assert new.one_time_password is not None
    assert users.authenticate(db, "kanokwan.b", new.one_time_password).role is m.Role.INSPECTOR
    assert _stored(db, "kanokwan.b").must_change_password
    users.change_own_password(db, "kanokwan.b", new.one_time_password, "รหัสของกนกวรรณเอง")
    assert not _stored(db, "kanokwan.b").must_change_password
    with pytest.raises(AuthError):
        users.change_own_password(db, "kanokwan.b", "wrong old one", "อีกรหัสหนึ่งยาว ๆ")
    with pytest.raises(InputError, match="login is taken"):
        users.add_user(db, admin, "KANOKWAN.B", "อีกคน", m.Role.COMMITTEE)
    with pytest.raises(InputError, match="8 characters"):
        users.add_user(db, admin, "x", "เอ็กซ์", m.Role.COMMITTEE, password="short")
    for attempt in (
        lambda: users.add_user(db, committee, "y", "วาย", m.Role.ADMIN),
        lambda: users.set_password(db, committee, "admin", "ยึดบัญชีผู้ดูแล"),
        lambda: account_admin.set_disabled(db, committee, "admin"),
        lambda: users.list_accounts(db, committee),
    ):
        with pytest.raises(PermissionDenied):
            attempt()
    with pytest.raises(InputError, match="yourself"):
        account_admin.set_disabled(db, admin, "admin")
    states = {a.user.login: a.state for a in users.list_accounts(db, admin)}
    assert states == {"admin": "active", "chair": "active", "kanokwan.b": "active"}
    with db.transaction() as s:
        actors = set(s.scalars(select(m.AuditEntry.actor)))
    assert actors <= {"admin", "kanokwan.b", "chair"}  # logins, never display names


# --- migration of users from before accounts ---------------------------------------------------


def test_users_from_before_accounts_get_their_name_as_login(tmp_path: Path) -> None:
    db = open_database(tmp_path / "old.sqlite3")
    cfg = migrate._config()
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        for name, role in [("ผู้ดูแล ระบบ", "admin"), ("Somchai", "committee"), ("somchai ", "admin")]:
            conn.execute(
                text("INSERT INTO users (name, role) VALUES (:n, :r)"), {"n": name, "r": role}
            )
    migrate.upgrade(db)
    with db.transaction() as s:
        rows = s.execute(select(m.User.name, m.User.login, m.User.password_hash)).all()
    assert sorted((n, lg) for n, lg, _ in rows) == [
        ("Somchai", "somchai"),
        ("somchai ", "somchai-2"),
        ("ผู้ดูแล ระบบ", "ผู้ดูแล ระบบ"),
    ]
    assert all(h is None for _, _, h in rows)  # nobody signs in until a password is set
    with pytest.raises(AuthError, match="no password"):
        users.authenticate(db, "somchai", "")
    # init --admin gives that admin a password, once, while no admin has one
    assert users.admin_without_password(db, "ผู้ดูแล ระบบ")
    users.set_first_admin_password(db, "ผู้ดูแล ระบบ", "รหัสผู้ดูแลใหม่")
    assert users.authenticate(db, "ผู้ดูแล ระบบ", "รหัสผู้ดูแลใหม่").role is m.Role.ADMIN
    with pytest.raises(AuthError):
        users.set_first_admin_password(db, "somchai-2", "รหัสผู้ดูแลอีกคน")
    db.dispose()


# --- the command line --------------------------------------------------------------------------


def _run(path: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = cli.main(["--db", str(path), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_init_creates_the_first_admin_and_users_commands(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "new.sqlite3"
    code, _, err = _run(path, capsys, "init")
    assert code != 0 and "EVALUATOR_PASSWORD" in err  # no terminal to ask the password at
    monkeypatch.setenv("EVALUATOR_PASSWORD", "รหัสผู้ดูแล-2564")
    code, out, err = _run(path, capsys, "init", "--admin", "Somsri", "--name", "สมศรี ใจดี")
    assert code == 0, err
    assert "somsri" in out
    code, _, err = _run(path, capsys, "users", "list")
    assert code != 0 and "EVALUATOR_USER" in err
    monkeypatch.setenv("EVALUATOR_USER", "somsri")
    code, out, err = _run(path, capsys, "users", "list")
    assert code == 0 and "somsri\tสมศรี ใจดี\tadmin" in out
    code, out, err = _run(path, capsys, "users", "add", "kanokwan.b", "--name", "กนกวรรณ บุญมา",
                          "--role", "คณะกรรมการ")  # fmt: skip
    assert code == 0, err
    [line] = [x for x in out.splitlines() if x.startswith("รหัสผ่านครั้งเดียวของ kanokwan.b: ")]
    one_time = line.rsplit(" ", 1)[1]
    db = open_database(path)
    assert users.authenticate(db, "kanokwan.b", one_time).role is m.Role.COMMITTEE
    db.dispose()
    monkeypatch.setenv("EVALUATOR_USER", "kanokwan.b")
    monkeypatch.setenv("EVALUATOR_PASSWORD", one_time)
    code, _, err = _run(path, capsys, "users", "add", "x.y", "--name", "เอ็กซ์", "--role", "admin")
    assert code != 0 and "สิทธิ์" in err
    monkeypatch.setenv("EVALUATOR_NEW_PASSWORD", "รหัสใหม่ของกนกวรรณ")
    code, _, err = _run(path, capsys, "passwd")
    assert code == 0, err
    monkeypatch.setenv("EVALUATOR_USER", "somsri")
    monkeypatch.setenv("EVALUATOR_PASSWORD", "รหัสผู้ดูแล-2564")
    code, _, err = _run(path, capsys, "users", "disable", "kanokwan.b")
    assert code == 0, err
    monkeypatch.setenv("KW_PASSWORD", "รหัสที่ผู้ดูแลตั้งให้")
    code, out, err = _run(path, capsys, "users", "set-password", "kanokwan.b",
                          "--password-env", "KW_PASSWORD")  # fmt: skip
    assert code == 0 and "รหัสผ่านครั้งเดียว" not in out
    code, out, _ = _run(path, capsys, "users", "list")
    assert "kanokwan.b\tกนกวรรณ บุญมา\tcommittee\t-\tdisabled" in out


# Every command that changes data or decides something, with what it needs to get past its
# arguments: each is refused for an inspector (wrong role), for a wrong password and without a
# user, and the database is left unchanged.
_CHANGING: list[list[str]] = [
    ["import", "geography", "{f}"],
    ["import", "scores", "{f}"],
    ["import", "contest", "{f}"],
    ["import", "package", "{f}"],
    ["import", "scoresheet", "{f}"],
    ["export", "scoresheet", "--inspector", "ใครก็ได้", "--out", "{d}/s.xlsx"],
    ["export", "package", "--inspector", "คนอื่น", "--out", "{d}/p.cddpkg"],
    ["keys", "register", "--inspector", "คนอื่น", "--fingerprint", "aaaa-bbbb-cccc-dddd"],
    ["keys", "generate", "--inspector", "คนอื่น", "--key", "{d}/k.pem"],
    ["conflicts", "resolve", "uuid", "--keep", "row", "--reason", "เพราะ"],
    ["finalise", "--round", "outstanding"],
    ["audit", "export", "--out", "{d}/log.xlsx"],
    ["reopen", "--round", "outstanding", "--reason", "เพราะ"],
    ["users", "add", "someone", "--name", "ใครสักคน", "--role", "admin"],
    ["users", "set-password", "admin"],
    ["users", "disable", "admin"],
    ["users", "list"],
]


@pytest.mark.parametrize("argv", _CHANGING, ids=lambda a: " ".join(a[:2]))
def test_every_changing_command_needs_the_right_user(
    argv: list[str],
    db: Database,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make_user(db, "admin", m.Role.ADMIN)
    make_user(db, "insp", m.Role.INSPECTOR, inspector="ผู้ประเมิน ก")
    dummy = tmp_path / "in.xlsx"
    dummy.write_bytes(b"whatever")
    args = [a.format(f=dummy, d=tmp_path) for a in argv]
    assert db.file_path is not None
    before = dump(db)

    code, _, err = _run(db.file_path, capsys, *args)  # nobody signed in
    assert code != 0 and "EVALUATOR_USER" in err

    sign_in(monkeypatch, "admin", "not the admin's password")
    code, _, err = _run(db.file_path, capsys, *args)
    assert code != 0 and "wrong login or password" in err

    sign_in(monkeypatch, "insp")
    code, _, err = _run(db.file_path, capsys, *args)
    assert code != 0 and ("สิทธิ์" in err or "ผู้ดูแลระบบ" in err), err

    after = dump(db)  # only the failed sign-ins were written (users' counts, the audit log)

    def kept(tables: dict[str, list[tuple[object, ...]]]) -> dict[str, list[tuple[object, ...]]]:
        return {k: v for k, v in tables.items() if k != "users" and not k.startswith("audit")}

    assert kept(after) == kept(before)
    with db.transaction() as s:
        logged = set(s.scalars(select(m.AuditEntry.action)))
    assert logged <= {"login_failed"}


def test_many_accounts_at_once_all_or_nothing(db: Database) -> None:
    admin = make_user(db, "admin", m.Role.ADMIN)
    before = dump(db)
    bad = [
        users.UserSpec("a.b", "เอ บี", m.Role.COMMITTEE, row=2),
        users.UserSpec("c.d", "ซี ดี", m.Role.INSPECTOR, "ซี ดี", password="short", row=3),
        users.UserSpec("A.B", "เอ บี อีกคน", m.Role.COMMITTEE, row=4),
    ]
    with pytest.raises(InputError) as refused:
        users.add_users(db, admin, bad)
    assert [p.row for p in refused.value.problems] == [3, 4]
    assert dump(db) == before
    made = users.add_users(db, admin, [bad[0], users.UserSpec("c.d", "ซี ดี", m.Role.INSPECTOR)])
    assert [a.user.login for a in made] == ["a.b", "c.d"]
    assert made[1].user.inspector_name == "ซี ดี"
    for account in made:
        assert account.one_time_password is not None
        assert users.authenticate(db, account.user.login, account.one_time_password)
    committee = users.find_user(db, "a.b")
    with pytest.raises(PermissionDenied):
        users.add_users(db, committee, [users.UserSpec("e.f", "อี เอฟ", m.Role.ADMIN)])
