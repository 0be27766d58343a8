"""Ship the user guide: copy docs/คู่มือ-ผู้ใช้.md into resources/guide/ (``make guide``).

    python tools/guide.py

The copy (``guide.md``) shows ``NAME.jpg`` where the guide shows ``screenshots/NAME.png``; each
of those screenshots is scaled to at most 820 pixels wide and saved as JPEG beside it, small
enough to ship in the wheel and the bundle. Files of resources/guide/ the guide no longer shows
are removed. Run it after changing the guide or taking new screenshots.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ui.dialogs.guide import GUIDE, SOURCE_NAME, shipped_text, shown_images  # noqa: E402

WIDTH = 820


def main() -> int:
    source = (ROOT / "docs" / SOURCE_NAME).read_text(encoding="utf-8")
    target = ROOT / "resources" / GUIDE
    folder = target.parent
    folder.mkdir(parents=True, exist_ok=True)
    names = shown_images(source)
    for name in names:
        image = QImage(str(ROOT / "docs" / "screenshots" / f"{name}.png"))
        if image.isNull():
            print(f"missing screenshot: docs/screenshots/{name}.png", file=sys.stderr)
            return 1
        if image.width() > WIDTH:
            image = image.scaledToWidth(WIDTH, Qt.TransformationMode.SmoothTransformation)
        rgb = image.convertToFormat(QImage.Format.Format_RGB32)
        rgb.save(str(folder / f"{name}.jpg"), None, 82)  # JPEG by the suffix
    for old in folder.glob("*.jpg"):
        if old.stem not in names:
            old.unlink()
    target.write_text(shipped_text(source), encoding="utf-8")
    print(f"{target.relative_to(ROOT)}: {len(names)} screenshots")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
