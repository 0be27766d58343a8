"""The user's language: Thai (the source language) or English through Qt's translations."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

import resources

_translators: list[QTranslator] = []


def translation_file(language: str) -> Path:
    """The compiled translation (.qm, built by ``make`` from the committed .ts) of a language."""
    return resources.path(f"i18n/evaluator_{language}.qm")


def install_language(app: QCoreApplication, language: str) -> bool:
    """Use ``language`` ("th", the source language, or "en") for every later ``tr()``.

    Returns False when the English translation has not been built (``make translations``).
    """
    for old in _translators:
        app.removeTranslator(old)
    _translators.clear()
    if language == "th":
        QLocale.setDefault(QLocale(QLocale.Language.Thai, QLocale.Country.Thailand))
        return True
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    translator = QTranslator(app)
    if not translator.load(str(translation_file(language))):
        return False
    app.installTranslator(translator)
    _translators.append(translator)
    return True
