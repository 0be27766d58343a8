"""Shared pieces of the report and export tests: the demo database, reading PDFs page by page,
running the commands as ``evaluator`` does."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from evaluator.cli import parser as cli
from evaluator.db import Database, open_database
from evaluator.services.demo import create_demo
from reports import reports_cli
from reports.cli import register as documents_register
from tests.reports.pdftools import _tool, pdfinfo, render_png

PUA = range(0xE000, 0xF900)


def make_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo database file (all 18 zones, 1,000 tambons, scores of the first round)."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    db = open_database(path)
    try:
        create_demo(db)
    finally:
        db.dispose()
    return path


def copy_of(source: Path, tmp_path: Path) -> Database:
    """A copy of a database file of the test's own, for a test that changes it."""
    target = tmp_path / "copy.sqlite3"
    shutil.copyfile(source, target)
    return open_database(target)


def page_count(pdf: Path) -> int:
    return int(pdfinfo(pdf)["Pages"])


def page_text(pdf: Path, page: int) -> str:
    """The text pdftotext gives for one page."""
    out = subprocess.run(
        [_tool("pdftotext"), "-enc", "UTF-8", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        check=True,
    )
    return out.stdout.decode("utf-8")


def page_lines(pdf: Path, page: int) -> list[str]:
    return [line.strip() for line in page_text(pdf, page).splitlines() if line.strip()]


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    """Each page's width and height in points."""
    out = subprocess.run(
        [_tool("pdfinfo"), "-f", "1", "-l", str(page_count(pdf)), str(pdf)],
        capture_output=True,
        check=True,
        text=True,
    )
    sizes = []
    for line in out.stdout.splitlines():
        if line.startswith("Page") and "size:" in line:
            parts = line.split("size:")[1].split()
            sizes.append((float(parts[0]), float(parts[2])))
    return sizes


def no_private_use(text: str) -> bool:
    """True when no character of the text is a private-use code point (what a glyph without
    ActualText would extract as)."""
    return not any(ord(ch) in PUA for ch in text)


def rendered_page(pdf: Path, tmp_path: Path, page: int = 1) -> Image.Image:
    """Page rendered by pdftoppm (a smoke test that poppler draws it)."""
    png = render_png(pdf, tmp_path / f"page{page}", dpi=60, page=page)
    image = Image.open(png)
    image.load()
    return image.convert("RGB")


def ink_share(image: Image.Image) -> float:
    """The share of pixels that are not (nearly) white."""
    grey = image.convert("L")
    histogram = grey.histogram()
    return sum(histogram[:240]) / (grey.width * grey.height)


def has_colour(image: Image.Image, rgb: tuple[int, int, int], tolerance: int = 12) -> bool:
    """Whether some pixel of the image is within ``tolerance`` of a colour."""
    r0, g0, b0 = rgb
    data = image.convert("RGB").tobytes()
    return any(
        abs(data[i] - r0) <= tolerance
        and abs(data[i + 1] - g0) <= tolerance
        and abs(data[i + 2] - b0) <= tolerance
        for i in range(0, len(data), 6)
    )


def run(db_path: Path, *argv: str) -> int:
    """``evaluator --db PATH …`` with the core and the reports' commands, as the entry point
    builds it (without the desktop app)."""
    return cli.main(
        ["--db", str(db_path), *argv], extensions=[documents_register, reports_cli.register]
    )
