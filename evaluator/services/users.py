"""The people who use this copy of the program: accounts, signing in, and who is using it now.

Every account has a login (unique, normalised), a Thai display name, a role, for an inspector
the inspector record, and an Argon2id password hash (:mod:`evaluator.accounts`). The services
check permissions against the user as stored (:func:`user_in`), never a role a caller passes.
Only an admin (``MANAGE_USERS``) adds, disables and resets accounts; everyone may change their
own password. Failed sign-ins are counted, locked out for a growing time and audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Row, func, select

from evaluator import accounts, audit
from evaluator.db import Database
from evaluator.db import models as m
from evaluator.db.schema import audit_log, inspectors, users
from evaluator.errors import AuthError, InputError, NotFoundError, PermissionDenied, Problem
from evaluator.permissions import Action, UserInfo, require
from evaluator.services import sign_in
from evaluator.text import normalise

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def user_info(user: m.User | Row[Any], inspector_name: str | None) -> UserInfo:
    """A user as the services pass them around: a mapped ``User``, or a row of the ``users``
    table read with Core (:func:`user_in`, :func:`list_users`)."""
    return UserInfo(
        id=user.id,
        name=user.name,
        role=m.Role(user.role),
        inspector_id=user.inspector_id,
        inspector_name=inspector_name,
        login=user.login,
    )


@dataclass(frozen=True)
class Account:
    """A user as the admin sees them: the account's state, never its password hash."""

    user: UserInfo
    has_password: bool
    must_change_password: bool
    disabled: bool
    failed_logins: int
    locked_until: datetime | None

    @property
    def state(self) -> str:
        if self.disabled:
            return "disabled"
        if not self.has_password:
            return "no password"
        if self.locked_until is not None and self.locked_until > m.utcnow():
            return "locked"
        return "active"


@dataclass(frozen=True)
class NewAccount:
    """An account just made; ``one_time_password`` is set (and shown once) when the admin gave
    no password."""

    user: UserInfo
    one_time_password: str | None


_ORDER = {m.Role.ADMIN: 0, m.Role.COMMITTEE: 1, m.Role.INSPECTOR: 2}


# every column of a user and their inspector's name, read with Core: the sign-in's list and the
# check of the acting user come before the app's first window, which needs no mapped class
_USER_ROW = select(users, inspectors.c.name.label("inspector_name")).outerjoin(
    inspectors, users.c.inspector_id == inspectors.c.id
)


def _rows(session: Session | Connection) -> list[tuple[Row[Any], str | None]]:
    rows = session.execute(_USER_ROW).all()
    return sorted(
        ((u, u.inspector_name) for u in rows),
        key=lambda r: (_ORDER[m.Role(r[0].role)], r[0].name, r[0].login),
    )


def list_users(db: Database) -> list[UserInfo]:
    """Every user who may sign in (not disabled), admins first, then committee members, then
    inspectors, by name: the "who are you" list."""
    with db.connection() as connection:
        return [user_info(u, n) for u, n in _rows(connection) if not u.disabled]


def list_accounts(db: Database, actor: UserInfo) -> list[Account]:
    """Every account with its state (admin)."""
    with db.connection() as s:
        require(user_in(s, actor.id), Action.MANAGE_USERS)
        return [
            Account(
                user_info(u, n),
                has_password=u.password_hash is not None,
                must_change_password=u.must_change_password,
                disabled=u.disabled,
                failed_logins=u.failed_logins,
                locked_until=_aware(u.locked_until),
            )
            for u, n in _rows(s)
        ]


def _aware(at: datetime | None) -> datetime | None:
    """SQLite gives back naive date-times; they were stored in UTC."""
    if at is not None and at.tzinfo is None:
        return at.replace(tzinfo=m.utcnow().tzinfo)
    return at


def user_in(session: Session | Connection, user_id: int) -> UserInfo:
    """The user ``user_id`` as stored, read in the caller's unit of work (an ORM session or a
    Core connection: the statement is Core's).

    Services check permissions against this, never against a role a caller passes in. A
    disabled account may do nothing.
    """
    row = session.execute(_USER_ROW.where(users.c.id == user_id)).first()
    if row is None:
        raise NotFoundError(f"ไม่พบผู้ใช้หมายเลข {user_id} — no user {user_id}")
    if row.disabled:
        raise PermissionDenied(
            f"บัญชี {row.login} ถูกระงับการใช้งาน — the account {row.login} is disabled"
        )
    return user_info(row, row.inspector_name)


def get_user(db: Database, user_id: int) -> UserInfo:
    """Who am I: the user ``user_id`` with their role and inspector."""
    with db.transaction() as s:
        return user_in(s, user_id)


def find_user_id(session: Session, text: str) -> int:
    """The user whose login is ``text`` or, failing that, whose display name is (when only one
    has it)."""
    login = accounts.normalise_login(text)
    user_id = session.scalar(select(m.User.id).where(m.User.login == login))
    if user_id is not None:
        return user_id
    name = normalise(text)
    ids = session.scalars(select(m.User.id).where(m.User.name == name)).all()
    if len(ids) == 1:
        return ids[0]
    if len(ids) > 1:
        raise NotFoundError(
            f"มีผู้ใช้ชื่อ '{name}' หลายคน ระบุชื่อเข้าใช้แทน — several users are called '{name}'; "
            "give the login"
        )
    raise NotFoundError(f"ไม่พบผู้ใช้ '{text}' — no user '{text}'")


def find_user(db: Database, name: str) -> UserInfo:
    """The user whose login (or, when unique, display name) is ``name``."""
    with db.transaction() as s:
        return user_in(s, find_user_id(s, name))


def _check_new_password(password: str, login: str) -> None:
    problems = accounts.check_password_rules(password, login)
    if problems:
        raise InputError(problems)


def store_user(
    s: Session,
    actor_login: str,
    login: str,
    name: str,
    role: m.Role,
    inspector_name: str | None,
    password_hash: str | None,
    *,
    must_change_password: bool = False,
    source: audit.Source = audit.Source.KEYBOARD,
    row: int | None = None,
) -> m.User:
    """Insert one checked account in the caller's unit of work (the caller checked the actor's
    permission and the values); an inspector is linked to the inspector of that name (created
    when new). A taken login is refused."""
    if s.scalar(select(m.User.id).where(m.User.login == login)) is not None:
        raise InputError(
            [
                Problem(
                    f"มีชื่อเข้าใช้ '{login}' แล้ว — the login is taken: '{login}'",
                    row=row,
                    field="login",
                )
            ]
        )
    inspector_id: int | None = None
    if role is m.Role.INSPECTOR:
        iname = normalise(inspector_name or name)
        inspector = s.scalar(select(m.Inspector).where(m.Inspector.name == iname))
        if inspector is None:
            inspector = m.Inspector(name=iname)
            s.add(inspector)
            s.flush()
        inspector_id = inspector.id
    user = m.User(
        login=login,
        name=name,
        role=role,
        inspector_id=inspector_id,
        password_hash=password_hash,
        must_change_password=must_change_password and password_hash is not None,
    )
    s.add(user)
    s.flush()
    new: dict[str, object] = {"name": name, "role": role.value}
    if inspector_id is not None:
        new["inspector"] = normalise(inspector_name or name)
    audit.record(s, actor_login, source, [audit.Change("create", "user", login, new=new)])
    return user


@dataclass(frozen=True)
class UserSpec:
    """One account to add (a row of a users file): no password means a one-time one."""

    login: str
    name: str
    role: m.Role
    inspector_name: str | None = None
    password: str | None = None
    row: int | None = None


def _ready(
    specs: list[UserSpec], *, one_time: bool = True
) -> list[tuple[UserSpec, str, str, str | None]]:
    """The specs checked (login rules, a name, password rules, no login twice) with their
    normalised login and name and, with ``one_time``, a one-time password for those without one;
    any problem, named by row, refuses them all."""
    problems: list[Problem] = []
    ready: list[tuple[UserSpec, str, str, str | None]] = []
    seen: set[str] = set()
    for spec in specs:
        name = normalise(spec.name)
        login = accounts.normalise_login(spec.login)
        found = accounts.check_login(login)
        if not name:
            found.append(Problem("ต้องระบุชื่อผู้ใช้ — a name is required", field="name"))
        if spec.password is not None:
            found += accounts.check_password_rules(spec.password, login)
        if login in seen:
            found.append(
                Problem(
                    f"ชื่อเข้าใช้ '{login}' ซ้ำในไฟล์ — login '{login}' is in the file twice",
                    field="login",
                )
            )
        seen.add(login)
        problems += [Problem(p.message, p.file, spec.row, p.field) for p in found]
        fresh = accounts.one_time_password() if spec.password is None and one_time else None
        ready.append((spec, login, name, fresh))
    if problems:
        raise InputError(problems)
    return ready


def add_users(
    db: Database,
    actor: UserInfo,
    specs: list[UserSpec],
    *,
    source: audit.Source = audit.Source.IMPORT,
) -> list[NewAccount]:
    """Add many accounts at once (an import of users): all of them, or (any problem, named by
    row) none. Each account without a password gets a one-time password, returned once."""
    ready = _ready(specs)
    made: list[NewAccount] = []
    with db.transaction() as s:
        admin = user_in(s, actor.id)
        require(admin, Action.MANAGE_USERS)
        for spec, login, name, one_time in ready:
            password = spec.password if spec.password is not None else one_time
            assert password is not None
            user = store_user(
                s,
                admin.login,
                login,
                name,
                spec.role,
                spec.inspector_name,
                accounts.hash_password(password),
                must_change_password=one_time is not None,
                source=source,
                row=spec.row,
            )
            made.append(NewAccount(user_in(s, user.id), one_time))
    return made


def add_users_sharing_hash(
    s: Session, actor: UserInfo, specs: list[UserSpec], password_hash: str, source: audit.Source
) -> list[UserInfo]:
    """Add accounts that all sign in with the password of ``password_hash`` (the demo's public
    password ``demo``: one Argon2id hash for all of them instead of one each, which would take
    seconds), in the caller's unit of work, checked and audited like :func:`add_users`."""
    ready = _ready(specs, one_time=False)
    admin = user_in(s, actor.id)
    require(admin, Action.MANAGE_USERS)
    out = []
    for spec, login, name, _none in ready:
        user = store_user(
            s,
            admin.login,
            login,
            name,
            spec.role,
            spec.inspector_name,
            password_hash,
            source=source,
            row=spec.row,
        )
        out.append(user_in(s, user.id))
    return out


def store_first_admin(
    s: Session, login: str, name: str, password_hash: str | None, source: str = "keyboard"
) -> m.User:
    """The first account of an empty database, an admin, in the caller's unit of work (it
    names itself as the actor of its audit entry). Refused once any account exists."""
    if s.scalar(select(func.count()).select_from(m.User)):
        raise InputError([Problem("ต้องเข้าสู่ระบบในฐานะผู้ดูแลระบบ — sign in as an admin first")])
    return store_user(
        s, login, login, name, m.Role.ADMIN, None, password_hash, source=audit.Source(source)
    )


def create_user(
    db: Database,
    actor: UserInfo | None,
    name: str,
    role: m.Role,
    inspector_name: str | None = None,
    *,
    login: str | None = None,
    password: str | None = None,
    must_change_password: bool = False,
) -> UserInfo:
    """Add a user; an inspector is linked to the inspector of that name (created when new).

    ``login`` defaults to the name as a login; without ``password`` the account has none and
    cannot sign in until one is set. Only an admin may add users, except the very first user
    of a database, who must be an admin (``actor`` None).
    """
    name = normalise(name)
    login = accounts.normalise_login(login if login is not None else name)
    problems: list[Problem] = []
    if not name:
        problems.append(Problem("ต้องระบุชื่อผู้ใช้ — a name is required", field="name"))
    problems += accounts.check_login(login)
    if role is m.Role.INSPECTOR and not normalise(inspector_name or name):
        problems.append(Problem("ต้องระบุชื่อผู้ประเมิน — inspector name", field="inspector"))
    if password is not None:
        problems += accounts.check_password_rules(password, login)
    if problems:
        raise InputError(problems)
    password_hash = accounts.hash_password(password) if password is not None else None
    with db.transaction() as s:
        if actor is None:
            if role is not m.Role.ADMIN and not s.scalar(select(func.count(m.User.id))):
                raise InputError(
                    [Problem("ผู้ใช้คนแรกต้องเป็นผู้ดูแลระบบ — the first user must be an admin")]
                )
            user = store_first_admin(s, login, name, password_hash)
        else:
            admin = user_in(s, actor.id)
            require(admin, Action.MANAGE_USERS)
            user = store_user(
                s,
                admin.login,
                login,
                name,
                role,
                inspector_name,
                password_hash,
                must_change_password=must_change_password,
            )
        return user_in(s, user.id)


def add_user(
    db: Database,
    actor: UserInfo,
    login: str,
    name: str,
    role: m.Role,
    inspector_name: str | None = None,
    password: str | None = None,
) -> NewAccount:
    """An admin adds an account. Without ``password`` a one-time password is made (returned
    once, to be handed over; the user is asked to change it at first sign-in in the app)."""
    one_time = accounts.one_time_password() if password is None else None
    user = create_user(
        db,
        actor,
        name,
        role,
        inspector_name,
        login=login,
        password=password if password is not None else one_time,
        must_change_password=one_time is not None,
    )
    return NewAccount(user, one_time)


def set_password(
    db: Database, actor: UserInfo, login: str, password: str | None = None
) -> str | None:
    """An admin sets (resets) the password of ``login``; also clears a lock-out. Without
    ``password`` a one-time password is made and returned (shown once)."""
    one_time = accounts.one_time_password() if password is None else None
    new_password = password if password is not None else one_time
    assert new_password is not None
    with db.transaction() as s:
        admin = user_in(s, actor.id)
        require(admin, Action.MANAGE_USERS)
        user = s.get(m.User, find_user_id(s, login))
        assert user is not None
        _check_new_password(new_password, user.login)
        user.password_hash = accounts.hash_password(new_password)
        user.must_change_password = one_time is not None or user.id != admin.id
        user.failed_logins = 0
        user.locked_until = None
        audit.record(
            s,
            admin.login,
            audit.Source.KEYBOARD,
            [
                audit.Change(
                    "set_password", "user", user.login, reason="one-time" if one_time else ""
                )
            ],
        )
    return one_time


def change_own_password(db: Database, login: str, old_password: str, new_password: str) -> None:
    """Anyone changes their own password, proving the old one (a failure counts like a failed
    sign-in)."""
    user = authenticate(db, login, old_password)
    if old_password == new_password:
        raise InputError(
            [Problem("รหัสผ่านใหม่ต้องต่างจากเดิม — the new password must differ", field="password")]
        )
    _check_new_password(new_password, user.login)
    with db.transaction() as s:
        row = s.get(m.User, user.id)
        assert row is not None
        row.password_hash = accounts.hash_password(new_password)
        row.must_change_password = False
        audit.record(
            s,
            row.login,
            audit.Source.KEYBOARD,
            [audit.Change("change_password", "user", row.login)],
        )


def authenticate(db: Database, login: str, password: str) -> UserInfo:
    """The user who signs in with ``login`` and ``password``, or :class:`AuthError`.

    A wrong login and a wrong password give the same message and take the same time. After
    :data:`~evaluator.accounts.FREE_FAILURES` failures in a row the account is locked for a
    growing time (even the right password is refused until then). Every failure is written to
    the audit log; a success resets the count.
    """
    key = accounts.normalise_login(login)
    now = m.utcnow()
    with db.transaction() as s:
        user = s.scalar(select(m.User).where(m.User.login == key)) if key else None
        if user is None:
            refusal: str | None = sign_in.refuse_unknown(s, key, password)
        else:
            refusal, why = sign_in.refusal_for(user, password, now)
            if refusal is None:
                if user.failed_logins or user.locked_until is not None:
                    user.failed_logins = 0
                    user.locked_until = None
                assert user.password_hash is not None
                if accounts.needs_rehash(user.password_hash):
                    user.password_hash = accounts.hash_password(password)
                s.flush()
                inspector = s.get(m.Inspector, user.inspector_id) if user.inspector_id else None
                return user_info(user, inspector.name if inspector else None)
            sign_in.record_failure(s, user, why, now)
    raise AuthError(refusal or sign_in.WRONG)


def has_users(db: Database) -> bool:
    with db.transaction() as s:
        return bool(s.scalar(select(func.count()).select_from(m.User)))


def admin_without_password(db: Database, login: str) -> bool:
    """Whether ``login`` is an admin and no admin of the database has a password yet (a database
    from before accounts): then ``init`` may set that admin's password."""
    key = accounts.normalise_login(login)
    with db.transaction() as s:
        with_password = s.scalar(
            select(func.count())
            .select_from(m.User)
            .where(m.User.role == m.Role.ADMIN, m.User.password_hash.is_not(None))
        )
        user = s.scalar(select(m.User).where(m.User.login == key))
        return bool(user is not None and user.role == m.Role.ADMIN and not with_password)


def set_first_admin_password(db: Database, login: str, password: str) -> UserInfo:
    """Give the admin ``login`` a password on a database where no admin has one yet (whoever
    holds such a file could edit it anyway). Refused once any admin has a password."""
    key = accounts.normalise_login(login)
    _check_new_password(password, key)
    with db.transaction() as s:
        with_password = s.scalar(
            select(func.count())
            .select_from(m.User)
            .where(m.User.role == m.Role.ADMIN, m.User.password_hash.is_not(None))
        )
        user = s.scalar(select(m.User).where(m.User.login == key))
        if user is None or user.role != m.Role.ADMIN or with_password:
            raise AuthError(
                "ตั้งรหัสผ่านได้เฉพาะผู้ดูแลระบบของฐานข้อมูลที่ยังไม่มีผู้ดูแลระบบคนใดมีรหัสผ่าน"
                " — only an admin of a database where no admin has a password yet"
            )
        user.password_hash = accounts.hash_password(password)
        user.must_change_password = False
        user.disabled = False
        audit.record(
            s, user.login, audit.Source.SYSTEM, [audit.Change("set_password", "user", user.login)]
        )
        s.flush()
        return user_info(user, None)


def password_change_due(db: Database, user_id: int) -> bool:
    """Whether the user signed in with a one-time password and must set their own now."""
    with db.connection() as c:
        return bool(c.scalar(select(users.c.must_change_password).where(users.c.id == user_id)))


def is_demo_database(db: Database) -> bool:
    """Whether the database was filled by ``evaluator demo`` (its accounts' password is
    ``demo``; the sign-in dialog says so)."""
    with db.connection() as c:
        found = c.scalar(
            select(audit_log.c.id)
            .where(audit_log.c.entity == "demo", audit_log.c.action == "create")
            .limit(1)
        )
    return found is not None
