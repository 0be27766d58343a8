"""Reading PDFs back the way a user's tools do: poppler's pdftotext, pdftoppm, pdfinfo."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

POPPLER_MISSING = (
    "poppler-utils (pdftotext/pdftoppm) is not installed: run scripts/system-deps.sh "
    "or apt-get install poppler-utils"
)


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} not found — {POPPLER_MISSING}")
    return path


def pdftotext(pdf: Path, *, layout: bool = False) -> str:
    """The text of a PDF as pdftotext extracts it (UTF-8)."""
    args = [_tool("pdftotext"), "-enc", "UTF-8"]
    if layout:
        args.append("-layout")
    out = subprocess.run([*args, str(pdf), "-"], capture_output=True, check=True)
    return out.stdout.decode("utf-8")


def text_lines(pdf: Path) -> list[str]:
    """The non-empty lines pdftotext gives, stripped."""
    return [line.strip() for line in pdftotext(pdf).splitlines() if line.strip()]


def render_png(pdf: Path, out_prefix: Path, *, dpi: int = 80, page: int = 1) -> Path:
    """Render one page with pdftoppm; returns the PNG's path."""
    subprocess.run(
        [
            _tool("pdftoppm"),
            "-png",
            "-r",
            str(dpi),
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(pdf),
            str(out_prefix),
        ],
        check=True,
        capture_output=True,
    )
    return out_prefix.with_suffix(".png")


def pdfinfo(pdf: Path) -> dict[str, str]:
    out = subprocess.run([_tool("pdfinfo"), str(pdf)], capture_output=True, check=True)
    info: dict[str, str] = {}
    for line in out.stdout.decode("utf-8", "replace").splitlines():
        key, _, value = line.partition(":")
        info[key.strip()] = value.strip()
    return info


def image_count(pdf: Path) -> int:
    """How many image XObjects (soft masks not counted) pdfimages lists."""
    out = subprocess.run(
        [_tool("pdfimages"), "-list", str(pdf)], capture_output=True, check=True, text=True
    )
    rows = out.stdout.splitlines()[2:]
    return sum(1 for row in rows if row.split()[2] == "image")


def run_cli(argv: list[str]) -> int:
    """Run the document commands as ``evaluator`` does (same parser options and error handling),
    with only the reports' commands registered."""
    import argparse

    from evaluator.cli import parser as cli
    from reports.cli import register

    parser = argparse.ArgumentParser(prog="evaluator")
    parser.add_argument("--db", default=None)
    register(parser.add_subparsers(dest="command"))
    return cli.run(parser.parse_args(argv))


def fonts(pdf: Path) -> list[tuple[str, bool]]:
    """Every font ``pdffonts`` lists for a PDF: (name, embedded)."""
    out = subprocess.run(
        [_tool("pdffonts"), str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    found = []
    for line in out:
        parts = line.split()
        # name, type (one or two words), encoding, emb, sub, uni, object, generation
        found.append((parts[0], parts[-5] == "yes"))
    return found


def assert_fonts_embedded(pdf: Path) -> None:
    """Every font the PDF uses is embedded (issue 14: no bare Helvetica)."""
    listed = fonts(pdf)
    assert listed, f"{pdf}: no fonts at all?"
    missing = [name for name, embedded in listed if not embedded]
    assert not missing, f"{pdf.name}: fonts not embedded: {missing}"
