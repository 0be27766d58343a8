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


def role_title(role: Role) -> str:
    """A user's role."""
    return {
        Role.INSPECTOR: QCoreApplication.translate("Roles", "ผู้ประเมิน"),
        Role.COMMITTEE: QCoreApplication.translate("Roles", "คณะกรรมการ"),
        Role.ADMIN: QCoreApplication.translate("Roles", "ผู้ดูแลระบบ"),
    }.get(role, str(role))


def sheet_status_title(status: SheetStatus | str) -> str:
    """A sheet's state: draft, submitted, locked."""
    titles = {
        SheetStatus.DRAFT: QCoreApplication.translate("SheetStatus", "ร่าง"),
        SheetStatus.SUBMITTED: QCoreApplication.translate("SheetStatus", "ส่งแล้ว"),
        SheetStatus.LOCKED: QCoreApplication.translate("SheetStatus", "ปิดผลแล้ว"),
    }
    try:
        return titles[SheetStatus(status)]
    except ValueError:
        return str(status)


def tambon_status_title(status: TambonStatus) -> str:
    """A tambon's state in a round (the state of its sheets)."""
    return {
        TambonStatus.NONE: QCoreApplication.translate("TambonTableModel", "ยังไม่มีแบบประเมิน"),
        TambonStatus.DRAFT: QCoreApplication.translate("TambonTableModel", "กำลังประเมิน"),
        TambonStatus.SUBMITTED: QCoreApplication.translate("TambonTableModel", "ส่งแล้ว"),
        TambonStatus.LOCKED: QCoreApplication.translate("TambonTableModel", "ปิดผลแล้ว"),
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
        "insert": QCoreApplication.translate("Outcome", "เพิ่มใหม่"),
        "replace": QCoreApplication.translate("Outcome", "แทนฉบับเดิม"),
        "conflict": QCoreApplication.translate("Outcome", "ขัดแย้ง (เก็บไว้ทั้งสองฉบับ)"),
        "receive": QCoreApplication.translate("Outcome", "มีอยู่แล้ว (จดว่าได้รับ)"),
        "duplicate": QCoreApplication.translate("Outcome", "ซ้ำ ไม่เปลี่ยนแปลง"),
        "stale": QCoreApplication.translate("Outcome", "เก่ากว่าฉบับที่มี ไม่เปลี่ยนแปลง"),
        "locked": QCoreApplication.translate("Outcome", "ไม่รับ: รอบยืนยันผลแล้ว"),
    }.get(outcome, outcome)


def key_state_title(state: str) -> str:
    """Whether an inspector's key is registered."""
    return {
        "none": QCoreApplication.translate("KeyState", "ยังไม่ได้ลงทะเบียน"),
        "key": QCoreApplication.translate("KeyState", "ลงทะเบียนกุญแจแล้ว"),
        "fingerprint": QCoreApplication.translate("KeyState", "ลงทะเบียนลายนิ้วมือแล้ว (รอแพ็กเกจแรก)"),
    }.get(state, state)


def source_title(source: str) -> str:
    """Where a change in the audit log came from."""
    return {
        "keyboard": QCoreApplication.translate("AuditSource", "แป้นพิมพ์"),
        "package": QCoreApplication.translate("AuditSource", "แพ็กเกจ"),
        "excel": QCoreApplication.translate("AuditSource", "Excel"),
        "import": QCoreApplication.translate("AuditSource", "นำเข้าไฟล์"),
        "demo": QCoreApplication.translate("AuditSource", "ข้อมูลตัวอย่าง"),
        "system": QCoreApplication.translate("AuditSource", "ระบบ"),
    }.get(source, source)


def entity_title(entity: str) -> str:
    """What kind of thing an audit entry changed."""
    return {
        "sheet": QCoreApplication.translate("AuditView", "แบบประเมิน"),
        "score": QCoreApplication.translate("AuditView", "คะแนน"),
        "photo": QCoreApplication.translate("AuditView", "รูปภาพ"),
        "inspector": QCoreApplication.translate("AuditView", "ผู้ประเมิน"),
        "round": QCoreApplication.translate("AuditView", "รอบการประกวด"),
        "contest": QCoreApplication.translate("AuditView", "การประกวด"),
        "user": QCoreApplication.translate("AuditView", "ผู้ใช้"),
        "signatory": QCoreApplication.translate("AuditView", "ผู้ลงนาม"),
        "demo": QCoreApplication.translate("AuditView", "ข้อมูลตัวอย่าง"),
    }.get(entity, entity)


def document_kind_title(key: str, default: str) -> str:
    """A kind of document the documents view makes (``default``: the kind's own title)."""
    return {
        "certificates": QCoreApplication.translate("DocumentsView", "เกียรติบัตรตำบลที่ได้รับรางวัล"),
        "certificates_leaders": QCoreApplication.translate(
            "DocumentsView", "เกียรติบัตรตำบลและผู้นำการเปลี่ยนแปลงรายบุคคล"
        ),
        "plaques": QCoreApplication.translate(
            "DocumentsView", "ข้อความจารึกโล่ (PDF และ Excel สำหรับช่าง)"
        ),
        "summary": QCoreApplication.translate("DocumentsView", "รายงานสรุปผลรอบการประกวด"),
        "executive": QCoreApplication.translate("DocumentsView", "รายงานสรุปสำหรับผู้บริหาร"),
        "tambon_report": QCoreApplication.translate("DocumentsView", "รายงานคะแนนรายตำบล"),
        "excel": QCoreApplication.translate(
            "DocumentsView", "Excel: ผลการจัดอันดับ คะแนนดิบ และงบประมาณ"
        ),
    }.get(key, default)


def conflict_version_title(index: int, version: int) -> str:
    """One version of a conflicting sheet: the database's own (index 0) or a received one."""
    if index == 0:
        title = QCoreApplication.translate("ConflictsView", "ฉบับในฐานข้อมูลนี้")
    else:
        title = QCoreApplication.translate("ConflictsView", "ฉบับที่รับมา %1").replace("%1", str(index))
    return title + QCoreApplication.translate("ConflictsView", " (รุ่น %1)").replace(
        "%1", str(version)
    )
