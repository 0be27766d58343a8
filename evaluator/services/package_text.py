"""What importing a package did, as a screen says it in Thai or English (catalogue for
:meth:`evaluator.services.packages.ImportResult.lines`)."""

from __future__ import annotations

from evaluator.i18n import Catalog

RESULT = Catalog(
    "package_result",
    {
        "before": (
            "{file}: นำเข้าแล้วเมื่อ {when} ไม่มีอะไรเปลี่ยนแปลง",
            "{file}: imported before, on {when}; nothing changed",
        ),
        "head": (
            "นำเข้า {file} ของ {inspector}: แบบประเมิน {total} ฉบับ",
            "Imported {file} of {inspector}: {total} sheets",
        ),
        "key": (
            "ลงทะเบียนกุญแจ {fingerprint} ของ {inspector} จากแพ็กเกจนี้แล้ว",
            "Key {fingerprint} of {inspector} registered from this package",
        ),
        "conflict": (
            "  ขัดแย้ง: รอบ {round} ตำบล {tambon} แบบประเมิน {sheet} (ฉบับที่รับมา {row})",
            "  Conflict: round {round}, tambon {tambon}, sheet {sheet} (received version {row})",
        ),
        "skipped": (
            "  ไม่เปลี่ยนแปลง: รอบ {round} ตำบล {tambon}: {reason}",
            "  Not changed: round {round}, tambon {tambon}: {reason}",
        ),
        "unmarked": (
            "  ยกเลิกเครื่องหมายควรขยายผล: รอบ {round} ตำบล {tambon}"
            " (ฉบับใหม่ไม่มีบทเรียนแล้ว บันทึกไว้ในประวัติการแก้ไข)",
            "  Worth-spreading mark taken away: round {round}, tambon {tambon}"
            " (the new version has no lessons; written in the audit log)",
        ),
        "unchanged": ("ไม่มีแบบประเมินใดเปลี่ยนแปลง", "No sheet changed"),
        "checking": ("ตรวจแพ็กเกจและลายมือชื่อ", "Checking the package and its signature"),
        "exported": (
            "ส่งออกแพ็กเกจ {path}: แบบประเมิน {sheets} ฉบับ รูปภาพ {photos} รูป ({size} ไบต์)",
            "Exported package {path}: {sheets} sheets, {photos} photos ({size} bytes)",
        ),
        "signed": (
            "ลงนามโดย {inspector} กุญแจ {fingerprint}",
            "Signed by {inspector}, key {fingerprint}",
        ),
        "scoresheets": (
            "ส่งออกแบบประเมิน Excel {count} ไฟล์ที่ {folder}",
            "Exported {count} Excel scoresheets to {folder}",
        ),
        "scoresheets_cancelled": (
            "ยกเลิกแล้ว: ไฟล์ที่เขียนเสร็จอยู่ครบตามรายการข้างบน",
            "Cancelled: the files listed above were written in full",
        ),
    },
)
