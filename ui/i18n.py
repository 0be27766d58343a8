"""The user's language: Thai (the source language) or English through Qt's translations.

Thai mode also loads the program's own Thai translation of Qt's dialogs and buttons
(resources/i18n/qtbase_th.ts: Yes/No, OK/Cancel, the file dialog, the text boxes' context
menu), because Qt ships no Thai of its own; the core's texts follow through
:func:`evaluator.i18n.set_language`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

import resources
from evaluator import i18n as core_i18n

_translators: list[QTranslator] = []


def translation_file(language: str) -> Path:
    """The compiled translation (.qm, built by ``make`` from the committed .ts) of a language."""
    return resources.path(f"i18n/evaluator_{language}.qm")


def qt_translation_file(language: str) -> Path:
    """The compiled translation of Qt's own dialogs and buttons into ``language``."""
    return resources.path(f"i18n/qtbase_{language}.qm")


def _load(app: QCoreApplication, path: Path) -> bool:
    translator = QTranslator(app)
    if not translator.load(str(path)):
        return False
    app.installTranslator(translator)
    _translators.append(translator)
    return True


def install_language(app: QCoreApplication, language: str) -> bool:
    """Use ``language`` ("th", the source language, or "en") for every later ``tr()``, for
    Qt's own buttons and dialogs, and for the texts the core writes.

    Returns False when a translation has not been built (``make translations``).
    """
    for old in _translators:
        app.removeTranslator(old)
    _translators.clear()
    if language == "th":
        QLocale.setDefault(QLocale(QLocale.Language.Thai, QLocale.Country.Thailand))
        loaded = _load(app, qt_translation_file("th"))
    else:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
        loaded = _load(app, translation_file(language))
    core_i18n.set_language("th" if language == "th" else "en")
    if hasattr(app, "setApplicationDisplayName"):
        app.setApplicationDisplayName(application_title())
    return loaded


def application_title() -> str:
    """The program's name in the user's language (window titles end with it)."""
    return QCoreApplication.translate("App", "ระบบประเมินตำบลผู้นำการเปลี่ยนแปลง")


def date_text(
    value: datetime | date | str | float | None,
    *,
    seconds: bool = False,
    time: bool = True,
) -> str:
    """The one way the app shows a date or moment: local time, in Thai with the Buddhist-era
    year ("6 ธ.ค. 2569 14:05"), in English the Gregorian ("6 Dec 2026 14:05"); "–" for none.
    ``value``: a datetime (without a zone: UTC, as stored), a date, ISO text, or a POSIX time."""
    if isinstance(value, (int, float)):
        value = datetime.fromtimestamp(value, UTC)
    return core_i18n.when(value, seconds=seconds, time=time)
