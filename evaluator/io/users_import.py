"""The users table (DESIGN.md section 5): accounts of the committee, the inspectors and the
admins — ``login``, ``name`` (ชื่อ-สกุล), ``role`` (inspector | committee | admin, or ผู้ประเมิน |
คณะกรรมการ | ผู้ดูแลระบบ), optional ``inspector`` (the inspector's name, for the inspector role).

A pure check like the other people tables (:mod:`evaluator.io.people_import`): plain records,
every problem named by file, row and field, warnings that do not refuse the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from evaluator.errors import Problem
from evaluator.io.people_import import InspectorInfo, PeopleContext
from evaluator.io.tables import Column, RowCheck, Table
from evaluator.text import name_key

USER_COLUMNS: tuple[Column, ...] = (
    Column("login", "ชื่อเข้าระบบ", ("login_name", "username", "user", "ชื่อผู้ใช้")),
    Column("name", "ชื่อ-สกุล", ("ชื่อ-นามสกุล", "display_name", "full_name")),
    Column("role", "บทบาท", ("สิทธิ์", "หน้าที่")),
    Column("inspector", "ผู้ประเมิน", ("inspector_name", "ชื่อผู้ประเมิน"), required=False),
)

ROLE_NAMES: dict[str, str] = {
    "inspector": "inspector",
    "committee": "committee",
    "admin": "admin",
    "ผู้ประเมิน": "inspector",
    "คณะกรรมการ": "committee",
    "กรรมการ": "committee",
    "ผู้ดูแลระบบ": "admin",
    "ผู้ดูแล": "admin",
}
_LOGIN = re.compile(r"[a-z0-9][a-z0-9._\-]{1,62}")


@dataclass(frozen=True)
class UserRecord:
    """One checked account row; ``inspector_id`` only for the inspector role."""

    row: int
    login: str
    name: str
    role: str  # inspector | committee | admin
    inspector_id: int | None
    inspector: str | None


@dataclass
class UserCheck:
    records: list[UserRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def role_of(text: str) -> str | None:
    """The role a cell names, in English or Thai (``ผู้ประเมิน``, ``Committee``), or None."""
    return ROLE_NAMES.get(name_key(text))


def check_users(table: Table, ctx: PeopleContext) -> UserCheck:
    """Check every row of a users table: a login of Latin letters, digits, ``.``, ``_`` or
    ``-`` (case-insensitive, unique in the file), a name, a role in English or Thai, and for
    an inspector an inspector already imported."""
    out = UserCheck()
    seen: dict[str, int] = {}
    check = RowCheck(table, out.problems, out.warnings)

    for n, v in check.rows():
        login = v.get("login", "").lower()
        if not login:
            check.problem(n, "login", "ไม่ได้ระบุชื่อเข้าระบบ — the login is empty")
        elif not _LOGIN.fullmatch(login):
            check.problem(
                n,
                "login",
                f"ชื่อเข้าระบบ '{login}' ใช้ได้เฉพาะอักษรอังกฤษ ตัวเลข . _ - (2–63 ตัว) "
                "— a login is 2 to 63 Latin letters, digits, '.', '_' or '-'",
            )
        elif login in seen:
            check.problem(
                n, "login", f"ชื่อเข้าระบบ '{login}' ซ้ำกับแถว {seen[login]} — duplicate login"
            )
        else:
            seen[login] = n
        name = v.get("name", "")
        if not name:
            check.problem(n, "name", "ไม่ได้ระบุชื่อ-สกุล — the name is empty")
        elif len(name) > 200:
            check.problem(n, "name", "ชื่อยาวเกิน 200 ตัวอักษร — longer than 200 characters")
        role_text = v.get("role", "")
        role = role_of(role_text)
        if role is None:
            check.problem(
                n,
                "role",
                f"บทบาท '{role_text}' ต้องเป็น ผู้ประเมิน คณะกรรมการ หรือ ผู้ดูแลระบบ "
                "(inspector, committee, admin) — unknown role",
            )
        inspector_text = v.get("inspector", "")
        inspector: InspectorInfo | None = None
        if role == "inspector":
            wanted = inspector_text or name
            inspector = ctx.inspectors.get(name_key(wanted)) if wanted else None
            if inspector is None:
                check.problem(
                    n,
                    "inspector" if inspector_text or table.has("inspector") else "name",
                    f"ไม่มีผู้ประเมินชื่อ '{wanted}' นำเข้ารายชื่อผู้ประเมินก่อน "
                    "(evaluator import inspectors) — unknown inspector",
                )
        elif inspector_text and role is not None:
            check.warn(
                n,
                f"บทบาท {role_text} ไม่ผูกกับผู้ประเมิน จึงไม่ใช้ช่องผู้ประเมิน '{inspector_text}' "
                "— only an inspector's account is linked to an inspector",
            )
        if check.row_ok() and role is not None:
            out.records.append(
                UserRecord(
                    n,
                    login,
                    name,
                    role,
                    inspector.id if inspector else None,
                    inspector.name if inspector else None,
                )
            )
    return out
