"""The certificates' fast QR encoder gives exactly segno's symbol (reports/certificates/qr.py)."""

from __future__ import annotations

import random
import string

import numpy as np
import pytest
import segno

from reports.certificates import qr

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
