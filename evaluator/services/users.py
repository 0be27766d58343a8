"""The people who use this copy of the program, and who is using it now."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from evaluator import audit
from evaluator.db import Database
from evaluator.db import models as m
from evaluator.errors import InputError, NotFoundError, Problem
from evaluator.permissions import Action, UserInfo, require


def _info(user: m.User, inspector_name: str | None) -> UserInfo:
    return UserInfo(
        id=user.id,
        name=user.name,
        role=m.Role(user.role),
        inspector_id=user.inspector_id,
        inspector_name=inspector_name,
    )


def list_users(db: Database) -> list[UserInfo]:
    """Every user, admins first, then committee members, then inspectors, by name."""
    order = {m.Role.ADMIN: 0, m.Role.COMMITTEE: 1, m.Role.INSPECTOR: 2}
    with db.transaction() as s:
        rows = s.execute(
            select(m.User, m.Inspector.name).outerjoin(
                m.Inspector, m.User.inspector_id == m.Inspector.id
            )
        ).all()
        users = [_info(user, name) for user, name in rows]
    return sorted(users, key=lambda u: (order[u.role], u.name))


def user_in(session: Session, user_id: int) -> UserInfo:
    """The user ``user_id`` as stored, read in the caller's unit of work.

    Services check permissions against this, never against a role a caller passes in.
    """
    row = session.execute(
        select(m.User, m.Inspector.name)
        .outerjoin(m.Inspector, m.User.inspector_id == m.Inspector.id)
        .where(m.User.id == user_id)
    ).first()
    if row is None:
        raise NotFoundError(f"ไม่พบผู้ใช้หมายเลข {user_id} — no user {user_id}")
    return _info(row[0], row[1])


def get_user(db: Database, user_id: int) -> UserInfo:
    """Who am I: the user ``user_id`` with their role and inspector."""
    with db.transaction() as s:
        return user_in(s, user_id)


def find_user(db: Database, name: str) -> UserInfo:
    """The user called ``name``."""
    with db.transaction() as s:
        user_id = s.scalar(select(m.User.id).where(m.User.name == name.strip()))
        if user_id is None:
            raise NotFoundError(f"ไม่พบผู้ใช้ '{name}' — no user '{name}'")
        return user_in(s, user_id)


def create_user(
    db: Database,
    actor: UserInfo | None,
    name: str,
    role: m.Role,
    inspector_name: str | None = None,
) -> UserInfo:
    """Add a user; an inspector is linked to the inspector of that name (created when new).

    Only an admin may add users, except the very first user of an empty database, who
    must be an admin (``actor`` None).
    """
    name = name.strip()
    problems: list[Problem] = []
    if not name:
        problems.append(Problem("ต้องระบุชื่อผู้ใช้ — a name is required", field="name"))
    if role is m.Role.INSPECTOR and not (inspector_name or name).strip():
        problems.append(Problem("ต้องระบุชื่อผู้ประเมิน — inspector name", field="inspector"))
    if problems:
        raise InputError(problems)
    with db.transaction() as s:
        count = s.scalar(select(func.count()).select_from(m.User)) or 0
        if actor is None:
            if count:
                raise InputError([Problem("ต้องเข้าสู่ระบบในฐานะผู้ดูแลระบบ — sign in as an admin first")])
            if role is not m.Role.ADMIN:
                raise InputError(
                    [Problem("ผู้ใช้คนแรกต้องเป็นผู้ดูแลระบบ — the first user must be an admin")]
                )
            actor_name = name
        else:
            require(user_in(s, actor.id), Action.MANAGE_USERS)
            actor_name = actor.name
        if s.scalar(select(m.User.id).where(m.User.name == name)) is not None:
            raise InputError([Problem(f"มีผู้ใช้ชื่อ '{name}' แล้ว — already exists", field="name")])
        inspector_id: int | None = None
        if role is m.Role.INSPECTOR:
            iname = (inspector_name or name).strip()
            inspector = s.scalar(select(m.Inspector).where(m.Inspector.name == iname))
            if inspector is None:
                inspector = m.Inspector(name=iname)
                s.add(inspector)
                s.flush()
            inspector_id = inspector.id
        user = m.User(name=name, role=role, inspector_id=inspector_id)
        s.add(user)
        s.flush()
        audit.record(
            s,
            actor_name,
            audit.Source.KEYBOARD,
            [audit.Change("create", "user", name, new={"role": role.value})],
        )
        return user_in(s, user.id)
