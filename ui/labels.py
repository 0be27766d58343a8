"""Every code the UI shows as words, in one place: roles, sheet and tambon states, ranking
statuses, import outcomes, key states, audit sources and entities, document kinds.

Each title is translated in the context it always had (so the committed .ts keeps working);
an unknown code is shown as it is rather than hidden.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale

from evaluator.db.models import Role, SheetStatus
from evaluator.scoring.labels import status_label

if TYPE_CHECKING:
    from collections.abc import Mapping

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
    from evaluator.services.tambons import TambonStatus  # with the tambon list, not at start

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
        "assignment": QCoreApplication.translate("AuditView", "การมอบหมาย"),
        "leaders": QCoreApplication.translate("AuditView", "ผู้นำการเปลี่ยนแปลง"),
        "lesson": QCoreApplication.translate("AuditView", "บทเรียน"),
        "digest": QCoreApplication.translate("AuditView", "ค่าตรวจสอบแบบประเมิน"),
        "audit": QCoreApplication.translate("AuditView", "บันทึกการเปลี่ยนแปลง"),
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
        "lessons_book": QCoreApplication.translate("DocumentsView", "หนังสือแนวปฏิบัติที่ดี (ถอดบทเรียน)"),
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


def action_title(action: str) -> str:
    """What an audit entry did."""
    return {
        "create": QCoreApplication.translate("AuditAction", "เพิ่ม"),
        "update": QCoreApplication.translate("AuditAction", "แก้ไข"),
        "delete": QCoreApplication.translate("AuditAction", "ลบ"),
        "set": QCoreApplication.translate("AuditAction", "ตั้งค่า"),
        "seal": QCoreApplication.translate("AuditAction", "ประทับตราเนื้อหา"),
        "checkpoint": QCoreApplication.translate("AuditAction", "จุดตรวจสอบที่ลงนาม"),
        "submit": QCoreApplication.translate("AuditAction", "ส่งแบบประเมิน"),
        "set_score": QCoreApplication.translate("AuditAction", "ให้คะแนน"),
        "set_note": QCoreApplication.translate("AuditAction", "แก้หมายเหตุ"),
        "set_lessons": QCoreApplication.translate("AuditAction", "แก้บทเรียน"),
        "mark_spread": QCoreApplication.translate("AuditAction", "ทำเครื่องหมายควรขยายผล"),
        "unmark_spread": QCoreApplication.translate("AuditAction", "ยกเลิกเครื่องหมายควรขยายผล"),
        "add_photo": QCoreApplication.translate("AuditAction", "เพิ่มรูปภาพ"),
        "remove_photo": QCoreApplication.translate("AuditAction", "ลบรูปภาพ"),
        "finalise": QCoreApplication.translate("AuditAction", "ยืนยันผล"),
        "reopen": QCoreApplication.translate("AuditAction", "เปิดอีกครั้ง"),
        "refused": QCoreApplication.translate("AuditAction", "ปฏิเสธการเปลี่ยนแปลง"),
        "resolve_tie": QCoreApplication.translate("AuditAction", "ตัดสินคะแนนเท่ากัน"),
        "set_signatory": QCoreApplication.translate("AuditAction", "ตั้งผู้ลงนาม"),
        "set_password": QCoreApplication.translate("AuditAction", "ตั้งรหัสผ่าน"),
        "change_password": QCoreApplication.translate("AuditAction", "เปลี่ยนรหัสผ่าน"),
        "login_failed": QCoreApplication.translate("AuditAction", "เข้าระบบไม่สำเร็จ"),
        "key.register": QCoreApplication.translate("AuditAction", "ลงทะเบียนกุญแจ"),
        "key.generate": QCoreApplication.translate("AuditAction", "สร้างกุญแจ"),
        "sync.insert": QCoreApplication.translate("AuditAction", "รับแบบประเมินใหม่"),
        "sync.replace": QCoreApplication.translate("AuditAction", "รับฉบับใหม่แทนฉบับเดิม"),
        "sync.conflict": QCoreApplication.translate("AuditAction", "รับฉบับที่ขัดแย้ง"),
        "sync.receive": QCoreApplication.translate("AuditAction", "จดว่าได้รับ"),
        "sync.refused": QCoreApplication.translate("AuditAction", "ไม่รับแพ็กเกจ"),
        "conflict.resolve": QCoreApplication.translate("AuditAction", "ตัดสินข้อขัดแย้ง"),
        "conflict.supersede": QCoreApplication.translate("AuditAction", "ฉบับที่ไม่ได้เลือก"),
    }.get(action, action)


def field_title(key: str) -> str:
    """A field of an audit entry's old or new value."""
    return {
        "inspector": QCoreApplication.translate("AuditField", "ผู้ประเมิน"),
        "round": QCoreApplication.translate("AuditField", "รอบ"),
        "tambon": QCoreApplication.translate("AuditField", "ตำบล"),
        "name": QCoreApplication.translate("AuditField", "ชื่อ"),
        "role": QCoreApplication.translate("AuditField", "บทบาท"),
        "position": QCoreApplication.translate("AuditField", "ตำแหน่ง"),
        "zone_number": QCoreApplication.translate("AuditField", "เขตตรวจราชการ"),
        "zone": QCoreApplication.translate("AuditField", "เขตตรวจราชการ"),
        "home_province_code": QCoreApplication.translate("AuditField", "รหัสจังหวัดภูมิลำเนา"),
        "status": QCoreApplication.translate("AuditField", "สถานะ"),
        "score": QCoreApplication.translate("AuditField", "คะแนน"),
        "scores": QCoreApplication.translate("AuditField", "คะแนน"),
        "note": QCoreApplication.translate("AuditField", "หมายเหตุ"),
        "notes": QCoreApplication.translate("AuditField", "หมายเหตุ"),
        "criterion": QCoreApplication.translate("AuditField", "เกณฑ์"),
        "version": QCoreApplication.translate("AuditField", "รุ่น"),
        "winners": QCoreApplication.translate("AuditField", "ผู้ได้รับรางวัล"),
        "tambons": QCoreApplication.translate("AuditField", "ตำบล"),
        "result_hash": QCoreApplication.translate("AuditField", "SHA-256 ของผล"),
        "fingerprint": QCoreApplication.translate("AuditField", "ลายนิ้วมือกุญแจ"),
        "login": QCoreApplication.translate("AuditField", "ชื่อเข้าระบบ"),
        "disabled": QCoreApplication.translate("AuditField", "ระงับ"),
        "failed_logins": QCoreApplication.translate("AuditField", "เข้าระบบผิด (ครั้ง)"),
        "locked_sheets": QCoreApplication.translate("AuditField", "แบบประเมินที่ล็อก"),
        "unlocked_sheets": QCoreApplication.translate("AuditField", "แบบประเมินที่ปลดล็อก"),
        "title": QCoreApplication.translate("AuditField", "คำนำหน้า/ชื่อเรื่อง"),
        "path": QCoreApplication.translate("AuditField", "ไฟล์"),
        "file": QCoreApplication.translate("AuditField", "ไฟล์"),
        "sheets": QCoreApplication.translate("AuditField", "แบบประเมิน"),
        "attempted": QCoreApplication.translate("AuditField", "สิ่งที่พยายามทำ"),
        "lessons": QCoreApplication.translate("AuditField", "บทเรียน"),
        "base_version": QCoreApplication.translate("AuditField", "รุ่นที่แก้ต่อจาก"),
        "hash": QCoreApplication.translate("AuditField", "SHA-256"),
        "conflict_of": QCoreApplication.translate("AuditField", "ขัดแย้งกับแบบประเมิน"),
        "uuid": QCoreApplication.translate("AuditField", "รหัสแบบประเมิน"),
        "general_note": QCoreApplication.translate("AuditField", "หมายเหตุทั่วไป"),
        "updated_at": QCoreApplication.translate("AuditField", "แก้ไขเมื่อ"),
        "created_at": QCoreApplication.translate("AuditField", "สร้างเมื่อ"),
        "submitted_at": QCoreApplication.translate("AuditField", "ส่งเมื่อ"),
        "tambon_code": QCoreApplication.translate("AuditField", "รหัสตำบล"),
        "value": QCoreApplication.translate("AuditField", "ค่า"),
        "zones": QCoreApplication.translate("AuditField", "เขตตรวจราชการ"),
        "provinces": QCoreApplication.translate("AuditField", "จังหวัด"),
        "districts": QCoreApplication.translate("AuditField", "อำเภอ"),
        "villages": QCoreApplication.translate("AuditField", "หมู่บ้าน"),
        "leaders": QCoreApplication.translate("AuditField", "ผู้นำการเปลี่ยนแปลง"),
        "inspectors": QCoreApplication.translate("AuditField", "ผู้ประเมิน"),
        "users": QCoreApplication.translate("AuditField", "ผู้ใช้"),
        "signatories": QCoreApplication.translate("AuditField", "ผู้ลงนาม"),
        "assignments": QCoreApplication.translate("AuditField", "การมอบหมาย"),
        "conflicts": QCoreApplication.translate("AuditField", "ข้อขัดแย้ง"),
        "drafts": QCoreApplication.translate("AuditField", "ฉบับร่าง"),
        "incomplete": QCoreApplication.translate("AuditField", "ยังไม่ครบ"),
        "seed": QCoreApplication.translate("AuditField", "ค่าตั้งต้นของข้อมูลสุ่ม"),
    }.get(key, key)


def _value_text(key: str, value: object, rounds: Mapping[str, str] | None = None) -> str:
    if isinstance(value, bool):
        return (
            QCoreApplication.translate("AuditField", "ใช่")
            if value
            else QCoreApplication.translate("AuditField", "ไม่")
        )
    if value is None:
        return "–"
    if key == "role":
        try:
            return role_title(Role(str(value)))
        except ValueError:
            return str(value)
    if key == "status":
        return sheet_status_title(str(value))
    if key == "round" and rounds and str(value) in rounds:
        return f"{rounds[str(value)]} ({value})"
    if isinstance(value, list):
        return ", ".join(_value_text(key, v, rounds) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{field_title(k)} {_value_text(k, v, rounds)}" for k, v in value.items())
    return str(value)


def change_text(text: str | None, rounds: Mapping[str, str] | None = None) -> str:
    """An audit entry's old or new value as readable lines ("ผู้ประเมิน: …") instead of raw
    JSON, a round named by its title (``rounds``: title by code) beside its code; text that is
    not JSON (a digest) as it is."""
    if not text:
        return ""
    try:
        value = json.loads(text)
    except ValueError:
        return text
    if isinstance(value, dict):
        return "\n".join(f"{field_title(k)}: {_value_text(k, v, rounds)}" for k, v in value.items())
    if isinstance(value, list):
        return "\n".join(_value_text("", v, rounds) for v in value)
    return _value_text("", value, rounds)
