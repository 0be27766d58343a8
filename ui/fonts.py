"""Loading Sarabun into Qt, so Thai renders the same on machines with no Thai font."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase

FAMILY = "Sarabun"


def font_files() -> list[Path]:
    import fontpkg_sarabun

    root = Path(fontpkg_sarabun.ROOT) / "files"
    return [root / f"Sarabun-{style}.ttf" for style in ("Regular", "Bold", "Italic", "SemiBold")]


def load_sarabun() -> str:
    """Register Sarabun with Qt and return the family name to use."""
    family = FAMILY
    for path in font_files():
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families = QFontDatabase.applicationFontFamilies(font_id)
            if families:
                family = families[0]
    return family


def app_font(family: str, point_size: int = 11) -> QFont:
    font = QFont(family, point_size)
    font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
    return font
