"""An admin's changes to other people's accounts: disable or enable one, change its role.

Both re-read the acting admin as stored (:func:`~evaluator.services.users.user_in`), refuse
a change to one's own account (an admin cannot lock themselves out or demote themselves) and
never leave the database without an enabled admin; every change is audited.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from evaluator import audit
from evaluator.db import Database
from evaluator.db import models as m
from evaluator.errors import InputError, Problem
from evaluator.permissions import Action, UserInfo, require
from evaluator.services.users import find_user_id, user_in, user_info
from evaluator.text import normalise


def set_disabled(db: Database, actor: UserInfo, login: str, disabled: bool = True) -> UserInfo:
    """An admin disables (or enables again) an account. The last enabled admin with a password
    cannot be disabled, nor can admins disable themselves."""
    with db.transaction() as s:
        admin = user_in(s, actor.id)
        require(admin, Action.MANAGE_USERS)
        user = s.get(m.User, find_user_id(s, login))
        assert user is not None
        if disabled and user.id == admin.id:
            raise InputError([Problem("ระงับบัญชีของตนเองไม่ได้ — you cannot disable yourself")])
        if disabled and user.role == m.Role.ADMIN and not _other_admins(s, user.id):
            raise InputError(
                [Problem(f"{user.login} เป็นผู้ดูแลระบบคนสุดท้าย — {user.login} is the last admin")]
            )
        if user.disabled == disabled:
            return user_info(user, None)
        user.disabled = disabled
        audit.record(
            s,
            admin.login,
            audit.Source.KEYBOARD,
            [
                audit.Change(
                    "update",
                    "user",
                    user.login,
                    old={"disabled": not disabled},
                    new={"disabled": disabled},
                )
            ],
        )
        s.flush()
        inspector = s.get(m.Inspector, user.inspector_id) if user.inspector_id else None
        return user_info(user, inspector.name if inspector else None)


def _other_admins(s: Session, user_id: int) -> int:
    """How many enabled admins with a password there are besides ``user_id``."""
    return (
        s.scalar(
            select(func.count())
            .select_from(m.User)
            .where(
                m.User.role == m.Role.ADMIN,
                m.User.id != user_id,
                m.User.disabled.is_(False),
                m.User.password_hash.is_not(None),
            )
        )
        or 0
    )


def set_role(
    db: Database,
    actor: UserInfo,
    login: str,
    role: m.Role,
    inspector_name: str | None = None,
) -> UserInfo:
    """An admin changes the role of ``login``. An inspector is linked to the inspector named
    ``inspector_name`` (default: the account's own inspector, else its display name; created
    when new); another role drops the link. Admins cannot change their own role, and the last
    enabled admin is never demoted."""
    with db.transaction() as s:
        admin = user_in(s, actor.id)
        require(admin, Action.MANAGE_USERS)
        user = s.get(m.User, find_user_id(s, login))
        assert user is not None
        old_role = m.Role(user.role)
        old_inspector = s.get(m.Inspector, user.inspector_id) if user.inspector_id else None
        if user.id == admin.id:
            raise InputError(
                [
                    Problem(
                        "เปลี่ยนบทบาทของตนเองไม่ได้ ให้ผู้ดูแลระบบคนอื่นเปลี่ยนให้"
                        " — you cannot change your own role; ask another admin",
                        field="role",
                    )
                ]
            )
        if old_role is m.Role.ADMIN and role is not m.Role.ADMIN and not _other_admins(s, user.id):
            raise InputError(
                [
                    Problem(
                        f"{user.login} เป็นผู้ดูแลระบบคนสุดท้าย — {user.login} is the last admin",
                        field="role",
                    )
                ]
            )
        inspector: m.Inspector | None = None
        if role is m.Role.INSPECTOR:
            wanted = normalise(inspector_name or "")
            if not wanted:
                wanted = old_inspector.name if old_inspector is not None else user.name
            inspector = s.scalar(select(m.Inspector).where(m.Inspector.name == wanted))
            if inspector is None:
                inspector = m.Inspector(name=wanted)
                s.add(inspector)
                s.flush()
        new_id = inspector.id if inspector is not None else None
        if old_role is role and user.inspector_id == new_id:
            return user_info(user, inspector.name if inspector else None)
        old: dict[str, object] = {"role": old_role.value}
        new: dict[str, object] = {"role": role.value}
        if old_inspector is not None:
            old["inspector"] = old_inspector.name
        if inspector is not None:
            new["inspector"] = inspector.name
        user.role = role
        user.inspector_id = new_id
        audit.record(
            s,
            admin.login,
            audit.Source.KEYBOARD,
            [audit.Change("update", "user", user.login, old=old, new=new)],
        )
        s.flush()
        return user_info(user, inspector.name if inspector else None)
