"""What the program is: its version, its licence and the licences of what it is built from.

The About box of the app, ``evaluator --version`` and the bundle's ``NOTICE.txt`` all read this
one table, so the attribution that geothai's data (CC-BY-4.0) and the Sarabun font (OFL-1.1)
require travels with every copy of the program.
"""

from __future__ import annotations

import platform
import sys
from dataclasses import dataclass
from importlib import metadata

from evaluator import __version__

NAME_TH = "ระบบประเมินตำบลผู้นำการเปลี่ยนแปลง"
NAME_EN = "Change-leader award evaluator"
DISTRIBUTION = "cdd-evaluator"
LICENCE = "MIT"
COPYRIGHT = "Copyright (c) 2026 The cdd-evaluator authors"


@dataclass(frozen=True)
class Component:
    """A part the program ships with: its distribution name, licence and what it is used for."""

    distribution: str
    licence: str
    used_for: str


COMPONENTS: tuple[Component, ...] = (
    Component("PySide6-Essentials", "LGPL-3.0-only", "Qt for Python: the desktop app"),
    Component("PySide6-Addons", "LGPL-3.0-only", "Qt for Python: more Qt modules"),
    Component("PySide6-Pdf", "LGPL-3.0-only", "Qt PDF: document previews"),
    Component("SQLAlchemy", "MIT", "the database"),
    Component("alembic", "MIT", "database upgrades"),
    Component("geothai", "MIT (code), CC-BY-4.0 (data)", "Thailand's provinces and tambons"),
    Component("fontpkg-sarabun", "OFL-1.1", "the Sarabun font"),
    Component("reportlab", "BSD-3-Clause", "PDF documents"),
    Component("rl-accel", "BSD-3-Clause", "PDF documents (speed-ups)"),
    Component("pillow", "MIT-CMU", "photos in documents"),
    Component("uharfbuzz", "Apache-2.0 (HarfBuzz: MIT)", "Thai text shaping"),
    Component("openpyxl", "MIT", "Excel files"),
    Component("pyHanko", "MIT", "signed PDF certificates"),
    Component("pyhanko-certvalidator", "MIT", "certificate checks"),
    Component("asn1crypto", "MIT", "signatures"),
    Component("cryptography", "Apache-2.0 OR BSD-3-Clause", "keys and signatures"),
    Component("segno", "BSD-3-Clause", "QR codes"),
    Component("pythainlp", "Apache-2.0", "Thai word breaking"),
    Component("platformdirs", "MIT", "where files are kept"),
    Component("argon2-cffi", "MIT", "passwords (Argon2id)"),
    Component("numpy", "BSD-3-Clause", "leniency-adjusted scores and resampling"),
)

ATTRIBUTIONS = (
    "ข้อมูลจังหวัด อำเภอ ตำบล: GeoThai/data (https://github.com/GeoThai/data)"
    " © 2026 Pongsakorn Thipayanate, อนุญาตภายใต้ Creative Commons Attribution 4.0"
    " International (CC-BY-4.0, https://creativecommons.org/licenses/by/4.0/);"
    " แหล่งที่มา: กรมการปกครอง, ไปรษณีย์ไทย, thailand-geography-json (MIT, © Joe Takara)"
    " — Province, district and tambon data: GeoThai/data, CC-BY-4.0; sources: Department of"
    " Provincial Administration, Thailand Post, thailand-geography-json.",
    "แบบอักษร Sarabun © 2018 The Sarabun Project Authors"
    " (https://github.com/cadsondemak/Sarabun), SIL Open Font License 1.1"
    " — the Sarabun font, SIL Open Font License 1.1.",
)


def installed_version(distribution: str) -> str:
    """The installed version of a distribution, or "-" when it cannot be found (e.g. frozen)."""
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "-"


def version_line() -> str:
    """One line for ``--version``: the program, its version, Python and the platform."""
    frozen = " (bundle)" if getattr(sys, "frozen", False) else ""
    return (
        f"evaluator {__version__}{frozen} — {NAME_TH} / {NAME_EN}; "
        f"Python {platform.python_version()} on {platform.system()} {platform.machine()}"
    )


def notice_text() -> str:
    """The plain-text notice: this program's licence, each component's, and the attributions."""
    lines = [
        f"{NAME_TH} — {NAME_EN} {__version__}",
        f"{COPYRIGHT}. Licensed under the {LICENCE} License.",
        "",
        "Third-party components (distribution, version, licence, used for):",
    ]
    for part in COMPONENTS:
        version = installed_version(part.distribution)
        lines.append(f"  {part.distribution} {version}: {part.licence} — {part.used_for}")
    lines += ["", "Attributions:", *(f"  {text}" for text in ATTRIBUTIONS)]
    return "\n".join(lines) + "\n"
