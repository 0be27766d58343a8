"""An admin's changes to other accounts (DESIGN.md section 5, ``users set-role|disable``): the
role changed with the inspector link kept right, the wrong role refused, an admin never demoting
or disabling themselves or the last admin, every change audited, through the service and the
CLI alike."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from evaluator.db import Database
from evaluator.db import models as m
from evaluator.errors import InputError, PermissionDenied
from evaluator.permissions import UserInfo
from evaluator.services import account_admin, users
from tests.accounts import make_user, sign_in
from tests.evaluator.helpers import dump, run_cli

SOMCHAI = "นายสมชาย น้ำใจดี"


def _user_audit(db: Database, login: str) -> list[tuple[str, object, object]]:
    with db.transaction() as s:
        return [
            (e.actor, json.loads(e.old or "null"), json.loads(e.new or "null"))
            for e in s.scalars(
                select(m.AuditEntry)
                .where(m.AuditEntry.entity == "user", m.AuditEntry.entity_key == login)
                .where(m.AuditEntry.action == "update")
                .order_by(m.AuditEntry.id)
            )
        ]


@pytest.fixture
def admin(db: Database) -> UserInfo:
    return make_user(db, "admin", m.Role.ADMIN, name="ผู้ดูแล")


def test_an_admin_changes_roles_and_the_inspector_link_follows(
    db: Database, admin: UserInfo
) -> None:
    make_user(db, "malee", m.Role.COMMITTEE, name="นางมาลี ใจดี")
    inspector = account_admin.set_role(db, admin, "malee", m.Role.INSPECTOR, SOMCHAI)
    assert inspector.role is m.Role.INSPECTOR and inspector.inspector_name == SOMCHAI
    with db.transaction() as s:
        assert s.scalar(select(m.Inspector.id).where(m.Inspector.name == SOMCHAI)) is not None
    back = account_admin.set_role(db, admin, "malee", m.Role.COMMITTEE)
    assert back.role is m.Role.COMMITTEE and back.inspector_name is None
    assert users.find_user(db, "malee").inspector_id is None
    promoted = account_admin.set_role(db, admin, "malee", m.Role.ADMIN)
    assert promoted.role is m.Role.ADMIN
    before = dump(db)
    assert account_admin.set_role(db, admin, "malee", m.Role.ADMIN).role is m.Role.ADMIN
    assert dump(db) == before  # no change, no audit entry
    assert _user_audit(db, "malee") == [
        ("admin", {"role": "committee"}, {"role": "inspector", "inspector": SOMCHAI}),
        ("admin", {"role": "inspector", "inspector": SOMCHAI}, {"role": "committee"}),
        ("admin", {"role": "committee"}, {"role": "admin"}),
    ]
    # an inspector account without a name given keeps its own inspector
    make_user(db, "insp", m.Role.INSPECTOR, name="นายสุข ดี", inspector="นายสุข ดี")
    same = account_admin.set_role(db, admin, "insp", m.Role.INSPECTOR)
    assert same.inspector_name == "นายสุข ดี"


def test_the_wrong_role_changes_no_account(db: Database, admin: UserInfo) -> None:
    committee = make_user(db, "chair", m.Role.COMMITTEE)
    inspector = make_user(db, "insp", m.Role.INSPECTOR, inspector=SOMCHAI)
    before = dump(db)
    for actor in (committee, inspector):
        with pytest.raises(PermissionDenied):
            account_admin.set_role(db, actor, "chair", m.Role.ADMIN)
        with pytest.raises(PermissionDenied):
            account_admin.set_role(db, actor, "admin", m.Role.INSPECTOR, SOMCHAI)
        with pytest.raises(PermissionDenied):
            account_admin.set_disabled(db, actor, "admin")
    # a role a caller claims is never trusted: the stored one is read again
    forged = UserInfo(committee.id, "chair", m.Role.ADMIN, None, None, login="chair")
    with pytest.raises(PermissionDenied):
        account_admin.set_role(db, forged, "chair", m.Role.ADMIN)
    assert dump(db) == before


def test_no_admin_demotes_or_disables_themselves_or_the_last_admin(
    db: Database, admin: UserInfo
) -> None:
    before = dump(db)
    with pytest.raises(InputError, match="your own role"):
        account_admin.set_role(db, admin, "admin", m.Role.COMMITTEE)
    with pytest.raises(InputError, match="yourself"):
        account_admin.set_disabled(db, admin, "admin")
    assert dump(db) == before
    second = make_user(db, "second", m.Role.ADMIN)
    # the first admin disabled by the second: then the second is the last admin
    account_admin.set_disabled(db, second, "admin")
    with pytest.raises(InputError, match="your own role"):
        account_admin.set_role(db, second, "second", m.Role.COMMITTEE)
    # a disabled admin may do nothing at all, not even be the one who acts
    with pytest.raises(PermissionDenied):
        account_admin.set_role(db, admin, "second", m.Role.COMMITTEE)
    # an admin without a password does not count as another admin (nobody could sign in as
    # them): an admin whose password was wiped by a hand edit while signed in cannot demote or
    # disable the only admin who still can sign in
    account_admin.set_disabled(db, second, "admin", disabled=False)
    make_user(db, "third", m.Role.ADMIN, password=None)
    with db.transaction() as s:
        s.get_one(m.User, admin.id).password_hash = None
    with pytest.raises(InputError, match="last admin"):
        account_admin.set_role(db, admin, "second", m.Role.COMMITTEE)
    with pytest.raises(InputError, match="last admin"):
        account_admin.set_disabled(db, admin, "second")


def test_users_set_role_from_the_command_line(
    db: Database,
    admin: UserInfo,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    make_user(db, "malee", m.Role.COMMITTEE, name="นางมาลี ใจดี")
    make_user(db, "chair", m.Role.COMMITTEE)
    sign_in(monkeypatch, "admin")
    done = run_cli(db, capsys, "users", "set-role", "malee", "--role", "ผู้ประเมิน")
    assert done.code == 0, done.err
    assert "role set to inspector" in done.out
    assert users.find_user(db, "malee").inspector_name == "นางมาลี ใจดี"
    refused = run_cli(db, capsys, "users", "set-role", "admin", "--role", "committee")
    assert refused.code != 0 and "your own role" in refused.err
    sign_in(monkeypatch, "chair")
    before = dump(db)
    denied = run_cli(db, capsys, "users", "set-role", "chair", "--role", "admin")
    assert denied.code != 0
    assert dump(db) == before
