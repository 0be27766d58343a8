"""Icons drawn as SVG, so they stay sharp at every screen scale (high-DPI)."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

import resources


@cache
def icon(name: str) -> QIcon:
    """The icon ``resources/icons/<name>.svg``; an empty icon when it is missing."""
    path = resources.path(f"icons/{name}.svg")
    return QIcon(str(path)) if path.exists() else QIcon()
