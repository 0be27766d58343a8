"""Render resources/icons/app.svg to the icon files a bundle needs: app.png and app.ico.

Usage: python packaging/make_icon.py OUT_DIR  (run by `make bundle`; needs PySide6 and Pillow)
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parents[1]
SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(size: int) -> Image.Image:
    renderer = QSvgRenderer(str(ROOT / "resources" / "icons" / "app.svg"))
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(buffer.data().data())))


def main(out_dir: Path) -> None:
    _app = QGuiApplication.instance() or QGuiApplication(["make_icon"])
    out_dir.mkdir(parents=True, exist_ok=True)
    big = render(SIZES[-1])
    big.save(out_dir / "app.png")
    big.save(out_dir / "app.ico", sizes=[(s, s) for s in SIZES])
    print(f"make_icon: {out_dir / 'app.png'}, {out_dir / 'app.ico'}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
