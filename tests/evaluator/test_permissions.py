"""Roles and what they may do: checked in the services, not only hidden in the UI."""

from __future__ import annotations

import pytest

from evaluator.db import Database
from evaluator.db import models as m
from evaluator.errors import InputError, PermissionDenied
from evaluator.permissions import (
    Action,
    UserInfo,
    actions_of,
    allowed,
    may_edit_sheet,
    require,
    require_sheet_edit,
)
from evaluator.services import users
from tests.evaluator.sheet_fixtures import build_contest

INSPECTOR = UserInfo(1, "ผู้ตรวจ", m.Role.INSPECTOR, inspector_id=7)
COMMITTEE = UserInfo(2, "กรรมการ", m.Role.COMMITTEE)
ADMIN = UserInfo(3, "ผู้ดูแล", m.Role.ADMIN)


def test_inspector_scores_but_does_not_rank_or_finalise() -> None:
    assert allowed(INSPECTOR, Action.EDIT_OWN_SHEET)
    assert not allowed(INSPECTOR, Action.VIEW_RANKINGS)
    assert not allowed(INSPECTOR, Action.COMPARE)
    assert not allowed(INSPECTOR, Action.FINALISE_ROUND)
    assert not allowed(INSPECTOR, Action.IMPORT_PACKAGE)


def test_committee_ranks_and_imports_but_does_not_finalise_or_score() -> None:
    assert allowed(COMMITTEE, Action.VIEW_RANKINGS)
    assert allowed(COMMITTEE, Action.COMPARE)
    assert allowed(COMMITTEE, Action.IMPORT_PACKAGE)
    assert not allowed(COMMITTEE, Action.FINALISE_ROUND)
    assert not allowed(COMMITTEE, Action.EDIT_OWN_SHEET)
    assert not allowed(COMMITTEE, Action.MANAGE_USERS)


def test_admin_may_do_everything() -> None:
    assert actions_of(m.Role.ADMIN) == frozenset(Action)


def test_require_names_the_role_and_the_action_in_thai() -> None:
    with pytest.raises(PermissionDenied) as info:
        require(INSPECTOR, Action.FINALISE_ROUND)
    assert "ผู้ประเมิน" in str(info.value)
    assert "ยืนยันผล" in str(info.value)
    require(ADMIN, Action.FINALISE_ROUND)  # no error


def test_an_inspector_edits_only_their_own_sheets() -> None:
    assert may_edit_sheet(INSPECTOR, 7)
    assert not may_edit_sheet(INSPECTOR, 8)
    assert not may_edit_sheet(COMMITTEE, 7)
    assert may_edit_sheet(ADMIN, 8)
    with pytest.raises(PermissionDenied):
        require_sheet_edit(INSPECTOR, 8)


def test_first_user_must_be_an_admin_then_only_admins_add_users(db: Database) -> None:
    with pytest.raises(InputError):
        users.create_user(db, None, "ผู้ตรวจ ก", m.Role.INSPECTOR)
    admin = users.create_user(db, None, "ผู้ดูแลระบบ", m.Role.ADMIN)
    assert admin.role is m.Role.ADMIN
    with pytest.raises(InputError):  # a second "first user" is refused
        users.create_user(db, None, "อีกคน", m.Role.ADMIN)
    inspector = users.create_user(db, admin, "สมชาย", m.Role.INSPECTOR, "ผู้ตรวจ ก")
    assert inspector.inspector_id is not None
    assert inspector.inspector_name == "ผู้ตรวจ ก"
    with pytest.raises(PermissionDenied):
        users.create_user(db, inspector, "สมหญิง", m.Role.COMMITTEE)
    assert [u.name for u in users.list_users(db)] == ["ผู้ดูแลระบบ", "สมชาย"]
    assert users.get_user(db, inspector.id) == inspector
    assert users.find_user(db, "สมชาย") == inspector


def test_a_forged_role_does_not_help(db: Database) -> None:
    """Services read the role from the database, not from what the caller claims."""
    contest = build_contest(db)
    forged = UserInfo(contest.inspector_a.id, contest.inspector_a.name, m.Role.ADMIN, None)
    with pytest.raises(PermissionDenied):
        users.create_user(db, forged, "ผู้บุกรุก", m.Role.ADMIN)
