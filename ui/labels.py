"""Every code the UI shows as words, in one place: roles, sheet and tambon states, ranking
statuses, import outcomes, key states, audit sources and entities, document kinds.

Each title is translated in the context it always had (so the committed .ts keeps working);
an unknown code is shown as it is rather than hidden.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

from evaluator.db.models import Role, SheetStatus
from evaluator.scoring.labels import status_label
from evaluator.services.tambons import TambonStatus


def _t(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def role_title(role: Role) -> str:
    """A user's role."""
    return {
        Role.INSPECTOR: _t("Roles", "ผู้ประเมิน"),
        Role.COMMITTEE: _t("Roles", "คณะกรรมการ"),
        Role.ADMIN: _t("Roles", "ผู้ดูแลระบบ"),
    }.get(role, str(role))


def sheet_status_title(status: SheetStatus | str) -> str:
    """A sheet's state: draft, submitted, locked."""
    titles = {
        SheetStatus.DRAFT: _t("SheetStatus", "ร่าง"),
        SheetStatus.SUBMITTED: _t("SheetStatus", "ส่งแล้ว"),
        SheetStatus.LOCKED: _t("SheetStatus", "ปิดผลแล้ว"),
    }
    try:
        return titles[SheetStatus(status)]
    except ValueError:
        return str(status)


def tambon_status_title(status: TambonStatus) -> str:
    """A tambon's state in a round (the state of its sheets)."""
    return {
        TambonStatus.NONE: _t("TambonTableModel", "ยังไม่มีแบบประเมิน"),
        TambonStatus.DRAFT: _t("TambonTableModel", "กำลังประเมิน"),
        TambonStatus.SUBMITTED: _t("TambonTableModel", "ส่งแล้ว"),
        TambonStatus.LOCKED: _t("TambonTableModel", "ปิดผลแล้ว"),
    }.get(status, str(status))


def ranking_status_title(status: str) -> str:
    """A tambon's status in a ranking, from the one status table (evaluator.scoring.labels),
    which carries the English too."""
    label = status_label(status)
    if label is None:
        return status
    return label.english if QLocale().language() == QLocale.Language.English else label.short


def outcome_title(outcome: str) -> str:
    """What importing a sheet did."""
    return {
        "insert": _t("Outcome", "เพิ่มใหม่"),
        "replace": _t("Outcome", "แทนฉบับเดิม"),
        "conflict": _t("Outcome", "ขัดแย้ง (เก็บไว้ทั้งสองฉบับ)"),
        "receive": _t("Outcome", "มีอยู่แล้ว (จดว่าได้รับ)"),
        "duplicate": _t("Outcome", "ซ้ำ ไม่เปลี่ยนแปลง"),
        "stale": _t("Outcome", "เก่ากว่าฉบับที่มี ไม่เปลี่ยนแปลง"),
        "locked": _t("Outcome", "ไม่รับ: รอบยืนยันผลแล้ว"),
    }.get(outcome, outcome)


def key_state_title(state: str) -> str:
    """Whether an inspector's key is registered."""
    return {
        "none": _t("KeyState", "ยังไม่ได้ลงทะเบียน"),
        "key": _t("KeyState", "ลงทะเบียนกุญแจแล้ว"),
        "fingerprint": _t("KeyState", "ลงทะเบียนลายนิ้วมือแล้ว (รอแพ็กเกจแรก)"),
    }.get(state, state)


def source_title(source: str) -> str:
    """Where a change in the audit log came from."""
    return {
        "keyboard": _t("AuditSource", "แป้นพิมพ์"),
        "package": _t("AuditSource", "แพ็กเกจ"),
        "excel": _t("AuditSource", "Excel"),
        "import": _t("AuditSource", "นำเข้าไฟล์"),
        "demo": _t("AuditSource", "ข้อมูลตัวอย่าง"),
        "system": _t("AuditSource", "ระบบ"),
    }.get(source, source)


def entity_title(entity: str) -> str:
    """What kind of thing an audit entry changed."""
    return {
        "sheet": _t("AuditView", "แบบประเมิน"),
        "score": _t("AuditView", "คะแนน"),
        "photo": _t("AuditView", "รูปภาพ"),
        "inspector": _t("AuditView", "ผู้ประเมิน"),
        "round": _t("AuditView", "รอบการประกวด"),
        "contest": _t("AuditView", "การประกวด"),
        "user": _t("AuditView", "ผู้ใช้"),
        "signatory": _t("AuditView", "ผู้ลงนาม"),
        "demo": _t("AuditView", "ข้อมูลตัวอย่าง"),
    }.get(entity, entity)


def document_kind_title(key: str, default: str) -> str:
    """A kind of document the documents view makes (``default``: the kind's own title)."""
    return {
        "certificates": _t("DocumentsView", "เกียรติบัตรตำบลที่ได้รับรางวัล"),
        "certificates_leaders": _t("DocumentsView", "เกียรติบัตรตำบลและผู้นำการเปลี่ยนแปลงรายบุคคล"),
        "plaques": _t("DocumentsView", "ข้อความจารึกโล่ (PDF และ Excel สำหรับช่าง)"),
        "summary": _t("DocumentsView", "รายงานสรุปผลรอบการประกวด"),
        "executive": _t("DocumentsView", "รายงานสรุปสำหรับผู้บริหาร"),
        "tambon_report": _t("DocumentsView", "รายงานคะแนนรายตำบล"),
        "excel": _t("DocumentsView", "Excel: ผลการจัดอันดับ คะแนนดิบ และงบประมาณ"),
    }.get(key, default)


def conflict_version_title(index: int, version: int) -> str:
    """One version of a conflicting sheet: the database's own (index 0) or a received one."""
    if index == 0:
        title = _t("ConflictsView", "ฉบับในฐานข้อมูลนี้")
    else:
        title = _t("ConflictsView", "ฉบับที่รับมา %1").replace("%1", str(index))
    return title + _t("ConflictsView", " (รุ่น %1)").replace("%1", str(version))
