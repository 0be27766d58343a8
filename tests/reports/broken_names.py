"""Finding names cut at a line's end in a PDF, as its reader sees it (pdftotext -raw).

Each pair of consecutive lines is joined and segmented again with the database's names known
(reports.thai): a cut that falls inside a name of the database (a first name, a surname, a place)
or inside a code or number (``C2``, ``82.13``) is reported with both lines.
"""

from __future__ import annotations

import subprocess
from itertools import pairwise
from pathlib import Path

from reports import thai
from tests.reports.pdftools import _tool


def raw_lines(pdf: Path) -> list[str]:
    """The lines of a PDF in the order they are drawn (pdftotext -raw)."""
    out = subprocess.run(
        [_tool("pdftotext"), "-raw", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        check=True,
    )
    return [line.strip() for line in out.stdout.decode("utf-8").splitlines()]


def broken_names(pdf: Path, names: thai.Lexicon) -> list[str]:
    """Every place where a line ends inside a name of ``names`` or inside a code or number."""
    found: list[str] = []
    lines = raw_lines(pdf)
    for before, after in pairwise(lines):
        if not before or not after:
            continue
        tail, head = before[-40:], after[:40]
        # a code cut after its letters (``C | 2``) or a number after its point (``82. | 13``);
        # a line ending in a number and the next starting with one are two cells of a table
        if (tail[-1].isalpha() and tail[-1].isascii() and head[0] in "0123456789") or (
            tail[-1] == "." and tail[-2:-1].isdigit() and head[0].isdigit()
        ):
            found.append(f"{before!r} | {after!r}")
            continue
        with thai.using(names):
            tokens = thai.break_units(tail + head, whole_names=False)
        pos = 0
        for token in tokens:
            start, end = pos, pos + len(token)
            pos = end
            if start < len(tail) < end and token.strip() in names.words:
                found.append(f"{before!r} | {after!r} ({token})")
                break
    return found
