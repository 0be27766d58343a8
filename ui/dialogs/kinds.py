"""The imports and exports the File menu offers: kind, title and the permission each needs.

Kept apart from the dialogs (ui/dialogs/transfer.py, ui/dialogs/export.py) so that the main
window builds its menus without importing them (the start-up path).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from evaluator.permissions import Action

# (kind, menu title in Thai, permission): the titles are translated when the menus are built
_IMPORTS: list[tuple[str, object, Action]] = [
    ("package", QT_TRANSLATE_NOOP("Transfer", "แพ็กเกจแบบประเมินจากผู้ประเมิน…"), Action.IMPORT_PACKAGE),
    (
        "scoresheet",
        QT_TRANSLATE_NOOP("Transfer", "แบบประเมิน Excel ที่ผู้ประเมินกรอกแล้ว…"),
        Action.IMPORT_PACKAGE,
    ),
    ("scores", QT_TRANSLATE_NOOP("Transfer", "คะแนน (Excel/CSV)…"), Action.IMPORT_SCORES),
    ("geography", QT_TRANSLATE_NOOP("Transfer", "ข้อมูลพื้นที่ (Excel/CSV)…"), Action.IMPORT_GEOGRAPHY),
    (
        "contest",
        QT_TRANSLATE_NOOP("Transfer", "เกณฑ์และรอบการประกวด (TOML)…"),
        Action.IMPORT_CONTEST,
    ),
    (
        "inspectors",
        QT_TRANSLATE_NOOP("Transfer", "รายชื่อผู้ประเมิน (Excel/CSV)…"),
        Action.SET_UP_PEOPLE,
    ),
    (
        "assignments",
        QT_TRANSLATE_NOOP("Transfer", "การมอบหมายตำบลให้ผู้ประเมิน (Excel/CSV)…"),
        Action.SET_UP_PEOPLE,
    ),
    (
        "leaders",
        QT_TRANSLATE_NOOP("Transfer", "รายชื่อผู้นำการเปลี่ยนแปลง (Excel/CSV)…"),
        Action.SET_UP_PEOPLE,
    ),
    ("users", QT_TRANSLATE_NOOP("Transfer", "บัญชีผู้ใช้ (Excel/CSV)…"), Action.MANAGE_USERS),
]
# (kind, menu title in Thai, any of these permissions)
_EXPORTS: list[tuple[str, object, tuple[Action, ...]]] = [
    (
        "package",
        QT_TRANSLATE_NOOP("Transfer", "ส่งออกแพ็กเกจแบบประเมิน…"),
        (Action.EXPORT_OWN_PACKAGE, Action.EXPORT_ANY_PACKAGE),
    ),
    (
        "scoresheet",
        QT_TRANSLATE_NOOP("Transfer", "ส่งออกแบบประเมิน Excel ให้ผู้ประเมิน…"),
        (Action.EXPORT_SCORESHEET,),
    ),
]


def IMPORT_KINDS() -> list[tuple[str, str, Action]]:
    """(kind, menu title, permission) of every import the UI offers."""
    return [(k, QCoreApplication.translate("Transfer", str(t)), a) for k, t, a in _IMPORTS]


def EXPORT_KINDS() -> list[tuple[str, str, tuple[Action, ...]]]:
    """(kind, menu title, any of these permissions) of every export the UI offers."""
    return [(k, QCoreApplication.translate("Transfer", str(t)), a) for k, t, a in _EXPORTS]
