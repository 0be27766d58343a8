"""What each role may do (DESIGN.md section 2), checked by the services, not only by the UI.

An inspector scores the tambons assigned to them and hands on their own sheets; a committee
member sees everything, imports packages and scores, ranks and compares; an admin also sets up
the contest, finalises rounds, prints certificates and manages users.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from evaluator.db.models import Role
from evaluator.errors import PermissionDenied


class Action(StrEnum):
    """Something a user may or may not do."""

    VIEW_PROGRESS = "view_progress"
    VIEW_TAMBONS = "view_tambons"
    VIEW_ALL_SHEETS = "view_all_sheets"
    EDIT_OWN_SHEET = "edit_own_sheet"
    EDIT_ANY_SHEET = "edit_any_sheet"
    REOPEN_ANY_SHEET = "reopen_any_sheet"
    VIEW_RANKINGS = "view_rankings"
    COMPARE = "compare"
    FINALISE_ROUND = "finalise_round"
    REOPEN_ROUND = "reopen_round"
    RESOLVE_CONFLICT = "resolve_conflict"
    RESOLVE_TIE = "resolve_tie"
    IMPORT_PACKAGE = "import_package"
    IMPORT_SCORES = "import_scores"
    IMPORT_GEOGRAPHY = "import_geography"
    IMPORT_CONTEST = "import_contest"
    EXPORT_OWN_PACKAGE = "export_own_package"
    EXPORT_ANY_PACKAGE = "export_any_package"
    EXPORT_REPORTS = "export_reports"
    PRINT_CERTIFICATES = "print_certificates"
    MANAGE_SIGNATORIES = "manage_signatories"
    MANAGE_USERS = "manage_users"
    VIEW_AUDIT_LOG = "view_audit_log"
    MANAGE_SIGNING_KEY = "manage_signing_key"
    EXPORT_SCORESHEET = "export_scoresheet"
    SET_UP_PEOPLE = "set_up_people"
    REGISTER_KEY = "register_key"
    REPLACE_KEY = "replace_key"
    MARK_LESSON = "mark_lesson"


ACTION_TITLES: dict[Action, str] = {
    Action.VIEW_PROGRESS: "ดูความคืบหน้า",
    Action.VIEW_TAMBONS: "ดูรายชื่อตำบล",
    Action.VIEW_ALL_SHEETS: "ดูแบบประเมินของทุกคน",
    Action.EDIT_OWN_SHEET: "ให้คะแนนในแบบประเมินของตน",
    Action.EDIT_ANY_SHEET: "แก้ไขแบบประเมินของผู้อื่น",
    Action.REOPEN_ANY_SHEET: "เปิดแบบประเมินของผู้อื่นกลับเป็นร่าง",
    Action.VIEW_RANKINGS: "ดูผลการจัดอันดับ",
    Action.COMPARE: "เปรียบเทียบตำบล",
    Action.FINALISE_ROUND: "ยืนยันผลรอบการประกวด",
    Action.REOPEN_ROUND: "เปิดรอบที่ยืนยันผลแล้วอีกครั้ง",
    Action.RESOLVE_CONFLICT: "ตัดสินแบบประเมินที่ขัดแย้งกัน",
    Action.RESOLVE_TIE: "ตัดสินกรณีคะแนนเท่ากันที่ลำดับตัดรางวัล",
    Action.IMPORT_PACKAGE: "นำเข้าแพ็กเกจแบบประเมิน",
    Action.IMPORT_SCORES: "นำเข้าคะแนนจาก Excel/CSV",
    Action.IMPORT_GEOGRAPHY: "นำเข้าข้อมูลพื้นที่",
    Action.IMPORT_CONTEST: "นำเข้าเกณฑ์และรอบการประกวด",
    Action.EXPORT_OWN_PACKAGE: "ส่งออกแพ็กเกจแบบประเมินของตน",
    Action.EXPORT_ANY_PACKAGE: "ส่งออกแพ็กเกจแบบประเมินของผู้อื่น",
    Action.EXPORT_REPORTS: "ส่งออกรายงาน",
    Action.PRINT_CERTIFICATES: "พิมพ์เกียรติบัตร",
    Action.MANAGE_SIGNATORIES: "กำหนดผู้ลงนาม",
    Action.MANAGE_USERS: "จัดการผู้ใช้",
    Action.VIEW_AUDIT_LOG: "ดูและส่งออกบันทึกการเปลี่ยนแปลง",
    Action.MANAGE_SIGNING_KEY: "นำเข้าหรือลบกุญแจลงนามเกียรติบัตรของกรม",
    Action.EXPORT_SCORESHEET: "ส่งออกแบบประเมิน Excel ให้ผู้ประเมิน",
    Action.SET_UP_PEOPLE: "กำหนดผู้ประเมิน การมอบหมาย และผู้นำการเปลี่ยนแปลง",
    Action.REGISTER_KEY: "ลงทะเบียนกุญแจของผู้ประเมิน",
    Action.REPLACE_KEY: "เปลี่ยนกุญแจที่ลงทะเบียนไว้ของผู้ประเมิน",
    Action.MARK_LESSON: "ทำเครื่องหมายบทเรียนที่ควรขยายผล",
}

ROLE_TITLES: dict[Role, str] = {
    Role.INSPECTOR: "ผู้ประเมิน",
    Role.COMMITTEE: "คณะกรรมการ",
    Role.ADMIN: "ผู้ดูแลระบบ",
}

_INSPECTOR = frozenset(
    {
        Action.VIEW_PROGRESS,
        Action.VIEW_TAMBONS,
        Action.EDIT_OWN_SHEET,
        Action.EXPORT_OWN_PACKAGE,
    }
)
_COMMITTEE = frozenset(
    {
        Action.VIEW_PROGRESS,
        Action.VIEW_TAMBONS,
        Action.VIEW_ALL_SHEETS,
        Action.VIEW_RANKINGS,
        Action.COMPARE,
        Action.IMPORT_PACKAGE,
        Action.IMPORT_SCORES,
        Action.RESOLVE_CONFLICT,
        Action.RESOLVE_TIE,
        Action.EXPORT_REPORTS,
        Action.VIEW_AUDIT_LOG,
        Action.EXPORT_SCORESHEET,
        Action.REGISTER_KEY,
        Action.MARK_LESSON,
    }
)
# Finalising and reopening a round are the admin's (issue: "finalise (admin)"); the committee
# decides, department staff lock the result.
_ADMIN = frozenset(Action)

ROLE_ACTIONS: dict[Role, frozenset[Action]] = {
    Role.INSPECTOR: _INSPECTOR,
    Role.COMMITTEE: _COMMITTEE,
    Role.ADMIN: _ADMIN,
}


@dataclass(frozen=True)
class UserInfo:
    """Who is using the program: a ``users`` row as plain data.

    ``login`` is what they sign in with and what the audit log names (the actor); ``name`` is
    their display name in Thai (also :attr:`display_name`).
    """

    id: int
    name: str
    role: Role
    inspector_id: int | None = None
    inspector_name: str | None = None
    login: str = ""

    def __post_init__(self) -> None:
        if not self.login:  # made by hand (tests): the name stands for the login
            object.__setattr__(self, "login", self.name)

    @property
    def display_name(self) -> str:
        return self.name

    @property
    def role_title(self) -> str:
        return ROLE_TITLES[self.role]


def actions_of(role: Role) -> frozenset[Action]:
    """Everything a role may do."""
    return ROLE_ACTIONS[role]


def allowed(user: UserInfo, action: Action) -> bool:
    """Whether ``user``'s role may do ``action``."""
    return action in ROLE_ACTIONS[user.role]


def require(user: UserInfo, action: Action) -> None:
    """Raise :class:`PermissionDenied` unless ``user``'s role may do ``action``."""
    if not allowed(user, action):
        raise PermissionDenied(
            f"{ROLE_TITLES[user.role]} ไม่มีสิทธิ์{ACTION_TITLES[action]}"
            f" — the {user.role.value} role may not {action.value.replace('_', ' ')}"
        )


def may_edit_sheet(user: UserInfo, sheet_inspector_id: int) -> bool:
    """Whether ``user`` may change a sheet written by ``sheet_inspector_id``."""
    if allowed(user, Action.EDIT_ANY_SHEET):
        return True
    return (
        allowed(user, Action.EDIT_OWN_SHEET)
        and user.inspector_id is not None
        and user.inspector_id == sheet_inspector_id
    )


def require_sheet_edit(user: UserInfo, sheet_inspector_id: int) -> None:
    """Raise :class:`PermissionDenied` unless ``user`` may change that inspector's sheet."""
    if not may_edit_sheet(user, sheet_inspector_id):
        raise PermissionDenied("แก้ไขได้เฉพาะแบบประเมินของตนเอง — you may only edit your own sheets")


def may_view_sheet(user: UserInfo, sheet_inspector_id: int) -> bool:
    """Whether ``user`` may read a sheet written by ``sheet_inspector_id``."""
    if allowed(user, Action.VIEW_ALL_SHEETS):
        return True
    return user.inspector_id is not None and user.inspector_id == sheet_inspector_id


def require_sheet_view(user: UserInfo, sheet_inspector_id: int) -> None:
    """Raise :class:`PermissionDenied` unless ``user`` may read that inspector's sheet."""
    if not may_view_sheet(user, sheet_inspector_id):
        raise PermissionDenied("ดูได้เฉพาะแบบประเมินของตนเอง — you may only see your own sheets")
