"""The certificates' fast QR encoder gives exactly segno's symbol (reports/certificates/qr.py)."""

from __future__ import annotations

import io
import random
import string

import numpy as np
import pytest
import segno
from reportlab.pdfgen.canvas import Canvas

from reports.certificates import draw_qr, qr

URL_CHARS = string.ascii_letters + string.digits + "-_"


def segno_modules(payload: str, error: str) -> np.ndarray:
    code = segno.make(payload, error=error, micro=False, mask=0)
    return np.array([list(row) for row in code.matrix], dtype=np.uint8)


@pytest.mark.parametrize("error", ["l", "m", "q", "h"])
def test_same_modules_as_segno_across_versions(error: str) -> None:
    """URLs like the certificates' (one byte-mode segment) from version 1 up to 30-odd, each
    error level (segno raises it when the version has room: so do we)."""
    rng = random.Random(2564)
    lengths = [*range(1, 30), *range(30, 1300, 41)]
    for length in lengths:
        payload = "https://cdd.go.th/verify/#" + "".join(rng.choices(URL_CHARS, k=length))
        try:
            expected = segno_modules(payload, error)
        except segno.DataOverflowError:
            continue
        got = qr.matrix(payload, error, mask=0)
        assert got.shape == expected.shape, (length, error)
        assert (got == expected).all(), (length, error)


@pytest.mark.parametrize(
    "payload",
    ["1234567890", "HELLO WORLD 42", "ตรวจสอบเกียรติบัตร", "index.html#AbC.dEf", "a"],
)
def test_other_texts_go_through_segno_and_match(payload: str) -> None:
    """Digits, QR alphanumerics, Thai (UTF-8) and short texts: the same symbol too."""
    assert (qr.matrix(payload, "m") == segno_modules(payload, "m")).all()


def test_the_drawn_rectangles_are_each_run_of_dark_modules() -> None:
    """draw_qr writes one ``x y width height re`` per run of dark modules in a row (y counted
    from the bottom row), whatever the numbers' widths: checked token by token against the
    runs found plainly, module by module."""
    rng = random.Random(17)
    for length in (1, 40, 300, 700, 1500):
        payload = "https://cdd.go.th/verify/#" + "".join(rng.choices(URL_CHARS, k=length))
        canvas = Canvas(io.BytesIO())
        draw_qr(canvas, payload, 700.5, 66, 120)
        tokens = canvas._code[-1].split()
        rows = qr.matrix(payload, "m", mask=0).tolist()
        n = len(rows)
        cell = 120 / n
        expected = ["q", "0", "g", f"{cell:.4f}", "0", "0", f"{cell:.4f}", "700.500", "65.990"]
        expected.append("cm")
        for r, row in enumerate(rows):
            c = 0
            while c < n:
                if row[c]:
                    end = c
                    while end < n and row[end]:
                        end += 1
                    expected += [str(c), str(n - 1 - r), str(end - c), f"{1 + 0.02 / cell:.4f}"]
                    expected.append("re")
                    c = end
                else:
                    c += 1
        assert tokens == [*expected, "f", "Q"], length
