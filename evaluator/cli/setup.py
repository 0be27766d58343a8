"""Commands that make a database and its accounts: ``init``, ``demo``, ``users``."""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from evaluator.cli.common import (
    PASSWORD_ENV,
    USER_ENV,
    acting_user,
    ask_secret,
    db_target,
    open_db,
    user_arg,
)
from evaluator.db import Database, open_database
from evaluator.db import models as m
from evaluator.errors import EvaluatorError, InputError, Problem
from evaluator.permissions import ROLE_TITLES, Action


def new_password(login: str) -> str:
    """A new password for ``login``: ``$EVALUATOR_PASSWORD``, else asked twice at the terminal."""
    password = os.environ.get(PASSWORD_ENV)
    if password is not None:
        return password
    first = ask_secret(f"รหัสผ่านใหม่ของ {login} — new password for {login}: ", PASSWORD_ENV)
    again = ask_secret("พิมพ์รหัสผ่านอีกครั้ง — the same password again: ", PASSWORD_ENV)
    if first != again:
        raise InputError([Problem("รหัสผ่านสองครั้งไม่ตรงกัน — the passwords differ", field="password")])
    return first


def _admin_login(args: argparse.Namespace) -> str:
    return str(args.admin or os.environ.get(USER_ENV) or "admin")


def _first_admin(args: argparse.Namespace, db: Database, password: str | None) -> None:
    """A database without users gets its first admin; a database from before accounts, whose
    admins have no password, gets one for the admin named."""
    from evaluator.services import users

    login = _admin_login(args)
    if not users.has_users(db):
        password = password if password is not None else new_password(login)
        user = users.create_user(
            db, None, args.name or login, m.Role.ADMIN, login=login, password=password
        )
        print(f"สร้างผู้ดูแลระบบ {user.login} แล้ว — first admin created: {user.login}")
    elif args.admin is not None and users.admin_without_password(db, login):
        user = users.set_first_admin_password(db, login, new_password(login))
        print(f"ตั้งรหัสผ่านของผู้ดูแลระบบ {user.login} แล้ว — admin password set: {user.login}")
    elif args.admin is not None:
        print(
            f"ฐานข้อมูลมีผู้ใช้แล้ว ไม่ได้สร้าง {login} (ใช้ evaluator users add) — the database "
            "already has users; add more with `evaluator users add`"
        )


def _cmd_init(args: argparse.Namespace) -> int:
    from evaluator import accounts
    from evaluator.db.failures import sqlite_path
    from evaluator.db.migrate import current_revision
    from evaluator.services.setup import init_database

    target = db_target(args, create=True)
    path = sqlite_path(target)
    existed = path is not None and path.exists()
    db = open_database(target)
    try:
        password = None
        if current_revision(db) is None:  # a new database: its admin's password first, checked
            login = accounts.normalise_login(_admin_login(args))
            try:
                password = new_password(login)
                problems = accounts.check_login(login)
                problems += accounts.check_password_rules(password, login)
                if problems:
                    raise InputError(problems)
            except EvaluatorError:
                db.dispose()
                if path is not None and not existed:  # the file this command just made
                    for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
                        leftover.unlink(missing_ok=True)
                raise
        result = init_database(db)
        if result.before == result.after:
            print(f"ฐานข้อมูลเป็นรุ่นล่าสุดแล้ว (schema {result.after}): {db.url}")
        else:
            print(f"สร้าง/ปรับรุ่นฐานข้อมูลแล้ว {result.before or '-'} → {result.after}: {db.url}")
        if result.backup:
            print(f"สำรองไฟล์เดิมไว้ที่ {result.backup}")
        _first_admin(args, db, password)
    finally:
        db.dispose()
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    from evaluator.demo import DEFAULT_SEED, DEMO_ADMIN_LOGIN, DEMO_PASSWORD
    from evaluator.services.demo import create_demo

    started = time.perf_counter()
    db = open_database(db_target(args, create=True))
    try:
        seed = DEFAULT_SEED if args.seed is None else args.seed
        result = create_demo(db, seed=seed, if_missing=args.if_missing)
    finally:
        db.dispose()
    seconds = time.perf_counter() - started
    if result.counts is None:
        print(f"ฐานข้อมูลมีข้อมูลอยู่แล้ว ไม่ได้สร้างข้อมูลตัวอย่าง — already has data: {result.url}")
        return 0
    c = result.counts
    print(
        f"สร้างข้อมูลตัวอย่างแล้ว (seed {c.seed}) — demo created: {result.url}\n"
        f"  {c.zones} เขตตรวจราชการ, {c.provinces} จังหวัด, {c.districts:,} อำเภอ, "
        f"{c.tambons:,} ตำบลเป้าหมาย, {c.villages:,} หมู่บ้าน\n"
        f"  ผู้นำการเปลี่ยนแปลง {c.leaders:,} คน, ผู้ประเมิน {c.inspectors} คน, "
        f"ผู้ใช้ {c.users} คน, ผู้ลงนาม {c.signatories} คน\n"
        f"  มอบหมาย {c.assignments:,} รายการ, แบบประเมิน {c.sheets:,} แบบ "
        f"(ฉบับร่าง {c.drafts}, ไม่ครบทุกเกณฑ์ {c.incomplete}, "
        f"ผู้ประเมินจากจังหวัดเดียวกัน {c.conflicts}), คะแนน {c.scores:,} รายการ\n"
        f"  ใช้เวลา {seconds:.1f} วินาที\n"
        f"ผู้ใช้ทุกคนของข้อมูลตัวอย่างใช้รหัสผ่าน '{DEMO_PASSWORD}' ผู้ดูแลระบบคือ '{DEMO_ADMIN_LOGIN}' "
        f"— every demo account's password is '{DEMO_PASSWORD}'; the admin's login is "
        f"'{DEMO_ADMIN_LOGIN}'"
    )
    return 0


# --- users -----------------------------------------------------------------------------------


def _role(text: str) -> m.Role:
    by_title = {title: role for role, title in ROLE_TITLES.items()}
    key = text.strip().casefold()
    for role in m.Role:
        if key == role.value:
            return role
    if text.strip() in by_title:
        return by_title[text.strip()]
    raise argparse.ArgumentTypeError(
        "บทบาทต้องเป็น inspector|committee|admin (ผู้ประเมิน|คณะกรรมการ|ผู้ดูแลระบบ)"
    )


def _one_time(login: str, password: str | None) -> None:
    if password is not None:
        print(
            f"รหัสผ่านครั้งเดียวของ {login}: {password}\n"
            "  แจ้งเจ้าของบัญชีเพียงครั้งเดียว ระบบไม่เก็บและจะไม่แสดงอีก ให้เปลี่ยนเมื่อเข้าใช้ครั้งแรก"
            f"\n  — one-time password of {login}: shown only now, hand it over; it is to be "
            "changed at first sign-in"
        )


def _cmd_users_list(args: argparse.Namespace) -> int:
    from evaluator.services.users import list_accounts

    db = open_db(args)
    try:
        admin = acting_user(args, db, Action.MANAGE_USERS)
        found = list_accounts(db, admin)
    finally:
        db.dispose()
    for a in found:
        u = a.user
        print(f"{u.login}\t{u.name}\t{u.role.value}\t{u.inspector_name or '-'}\t{a.state}")
    return 0


def _password_arg(args: argparse.Namespace, login: str) -> str | None:
    """The new password of another account: ``--password-env VAR``, or asked when
    ``--ask-password``, else None (a one-time password is made)."""
    if args.password_env:
        value = os.environ.get(args.password_env)
        if value is None:
            raise InputError(
                [Problem(f"ไม่มีตัวแปร {args.password_env} — {args.password_env} is not set")]
            )
        return value
    if args.ask_password:
        first = ask_secret(f"รหัสผ่านของ {login} — password for {login}: ", "--password-env")
        again = ask_secret("พิมพ์อีกครั้ง — again: ", "--password-env")
        if first != again:
            raise InputError([Problem("รหัสผ่านสองครั้งไม่ตรงกัน — the passwords differ")])
        return first
    return None


def _cmd_users_add(args: argparse.Namespace) -> int:
    from evaluator.services.users import add_user

    db = open_db(args)
    try:
        admin = acting_user(args, db, Action.MANAGE_USERS)
        new = add_user(
            db,
            admin,
            args.login,
            args.name,
            args.role,
            inspector_name=args.inspector,
            password=_password_arg(args, args.login),
        )
    finally:
        db.dispose()
    u = new.user
    print(f"เพิ่มผู้ใช้ {u.login} ({u.name}, {u.role_title}) แล้ว — user added")
    _one_time(u.login, new.one_time_password)
    return 0


def _cmd_users_set_password(args: argparse.Namespace) -> int:
    from evaluator.services.users import set_password

    db = open_db(args)
    try:
        admin = acting_user(args, db, Action.MANAGE_USERS)
        one_time = set_password(db, admin, args.login, _password_arg(args, args.login))
    finally:
        db.dispose()
    print(f"ตั้งรหัสผ่านของ {args.login} แล้ว — password set")
    _one_time(args.login, one_time)
    return 0


def _cmd_users_disable(args: argparse.Namespace) -> int:
    from evaluator.services.account_admin import set_disabled

    db = open_db(args)
    try:
        admin = acting_user(args, db, Action.MANAGE_USERS)
        user = set_disabled(db, admin, args.login, disabled=not args.enable)
    finally:
        db.dispose()
    state = "เปิดใช้" if args.enable else "ระงับ"
    print(f"{state}บัญชี {user.login} แล้ว — {'enabled' if args.enable else 'disabled'}")
    return 0


def _cmd_users_set_role(args: argparse.Namespace) -> int:
    from evaluator.services.account_admin import set_role

    db = open_db(args)
    try:
        admin = acting_user(args, db, Action.MANAGE_USERS)
        user = set_role(db, admin, args.login, args.role, inspector_name=args.inspector)
    finally:
        db.dispose()
    linked = f", ผู้ประเมิน {user.inspector_name}" if user.inspector_name else ""
    print(f"{user.login} เป็น{user.role_title}{linked} แล้ว — role set to {user.role.value}")
    return 0


def _cmd_passwd(args: argparse.Namespace) -> int:
    """Change one's own password: the old one from $EVALUATOR_PASSWORD or asked, the new one
    from $EVALUATOR_NEW_PASSWORD or asked twice."""
    from evaluator.services.users import change_own_password

    login = getattr(args, "user", None) or os.environ.get(USER_ENV, "")
    if not login:
        raise InputError([Problem(f"ระบุ --user หรือ {USER_ENV} — give --user LOGIN")])
    old = os.environ.get(PASSWORD_ENV)
    if old is None:
        old = ask_secret(f"รหัสผ่านปัจจุบันของ {login} — current password: ", PASSWORD_ENV)
    new = os.environ.get("EVALUATOR_NEW_PASSWORD")
    if new is None:
        new = ask_secret("รหัสผ่านใหม่ — new password: ", "EVALUATOR_NEW_PASSWORD")
        if ask_secret("พิมพ์อีกครั้ง — again: ", "EVALUATOR_NEW_PASSWORD") != new:
            raise InputError([Problem("รหัสผ่านสองครั้งไม่ตรงกัน — the passwords differ")])
    db = open_db(args)
    try:
        change_own_password(db, login, old, new)
    finally:
        db.dispose()
    print(f"เปลี่ยนรหัสผ่านของ {login} แล้ว — password changed")
    return 0


def _password_args(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--password-env",
        metavar="VAR",
        default=None,
        help="take the new password from environment variable VAR",
    )
    group.add_argument(
        "--ask-password", action="store_true", help="ask the new password at the terminal"
    )


def _register_users(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "users",
        help="accounts: list, add, set-password, set-role, disable, enable (admin)",
        description="บัญชีผู้ใช้ (ผู้ดูแลระบบ) — accounts (admin only). Without a password given, "
        "a one-time password is printed once.",
    )
    actions = parser.add_subparsers(dest="users_command", metavar="ACTION", required=True)
    lst = actions.add_parser("list", help="every account and its state")
    user_arg(lst)
    lst.set_defaults(handler=_cmd_users_list)
    add = actions.add_parser("add", help="add an account", allow_abbrev=False)
    add.add_argument("login", metavar="LOGIN", help="what they sign in with, e.g. kanokwan.b")
    add.add_argument("--name", required=True, metavar="TEXT", help="ชื่อ-สกุล (display name)")
    add.add_argument(
        "--role",
        required=True,
        type=_role,
        metavar="ROLE",
        help="inspector|committee|admin (ผู้ประเมิน|คณะกรรมการ|ผู้ดูแลระบบ)",
    )
    add.add_argument(
        "--inspector", default=None, metavar="NAME", help="the inspector's name (role inspector)"
    )
    _password_args(add)
    user_arg(add)
    add.set_defaults(handler=_cmd_users_add)
    setp = actions.add_parser(
        "set-password", help="set or reset a password (clears a lock-out)", allow_abbrev=False
    )
    setp.add_argument("login", metavar="LOGIN")
    _password_args(setp)
    user_arg(setp)
    setp.set_defaults(handler=_cmd_users_set_password)
    dis = actions.add_parser("disable", help="stop an account from signing in")
    dis.add_argument("login", metavar="LOGIN")
    user_arg(dis)
    dis.set_defaults(handler=_cmd_users_disable, enable=False)
    ena = actions.add_parser("enable", help="let a disabled account sign in again")
    ena.add_argument("login", metavar="LOGIN")
    user_arg(ena)
    ena.set_defaults(handler=_cmd_users_disable, enable=True)

    role = actions.add_parser(
        "set-role", help="change an account's role (not your own)", allow_abbrev=False
    )
    role.add_argument("login", metavar="LOGIN")
    role.add_argument(
        "--role",
        required=True,
        type=_role,
        metavar="ROLE",
        help="inspector|committee|admin (ผู้ประเมิน|คณะกรรมการ|ผู้ดูแลระบบ)",
    )
    role.add_argument(
        "--inspector", default=None, metavar="NAME", help="the inspector's name (role inspector)"
    )
    user_arg(role)
    role.set_defaults(handler=_cmd_users_set_role)

    passwd = sub.add_parser(
        "passwd",
        help="change your own password",
        description="เปลี่ยนรหัสผ่านของตนเอง — change your own password (old one from "
        f"${PASSWORD_ENV} or asked; new one from $EVALUATOR_NEW_PASSWORD or asked twice).",
    )
    user_arg(passwd)
    passwd.set_defaults(handler=_cmd_passwd)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``init``, ``demo [--seed N] [--if-missing]``, ``users …`` and ``passwd``."""
    init = sub.add_parser(
        "init",
        help="create or upgrade the database; a new database gets its first admin",
        description="สร้างหรือปรับรุ่นฐานข้อมูล — create or upgrade the database. A database "
        f"without users gets its first admin: login from --admin, else ${USER_ENV}, else "
        f"'admin'; password from ${PASSWORD_ENV}, else asked twice at the terminal.",
    )
    init.add_argument("--admin", default=None, metavar="LOGIN", help="the first admin's login")
    init.add_argument(
        "--name", default=None, metavar="TEXT", help="the first admin's display name (ชื่อ-สกุล)"
    )
    init.set_defaults(handler=_cmd_init)

    parser = sub.add_parser(
        "demo",
        help="a full demo data set (18 zones, 1,000 tambons, inspectors, scores)",
        description="สร้างข้อมูลตัวอย่าง: 1,000 ตำบลจริงใน 18 เขตตรวจราชการ ผู้นำ ผู้ประเมิน และคะแนน "
        "— build the demo data set in an empty database.",
    )
    parser.add_argument(
        "--seed", type=int, default=None, help="random seed (default 2564, the fiscal year)"
    )
    parser.add_argument(
        "--if-missing",
        action="store_true",
        help="do nothing when the database already has data (tambons, inspectors or sheets)",
    )
    parser.set_defaults(handler=_cmd_demo)
    _register_users(sub)
