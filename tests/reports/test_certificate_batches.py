"""A batch of certificates shares its font subsets and glyph runs (made once, reused), and each
certificate still draws, extracts and verifies exactly as one made alone; how many processes a
batch uses by default."""

from __future__ import annotations

import dataclasses
import re
import zlib
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import Encoding

from reports.certificates import batch, issue_certificates, render_certificate, sealed
from reports.font_subsets import SharedSubsets
from reports.signing import PdfCertificateSigner
from reports.verify import verify_pdf
from tests.reports.pdftools import render_png, text_lines
from tests.reports.test_certificates import tambon_cert

NAMES = ["หนองบัวใต้", "น้ำเกี๋ยนพัฒนา", "ปึกเตียนทอง", "ญาณิศาฤทธิ์", "หนองบัวใต้"]


def font_programs(pdf: bytes) -> list[bytes]:
    """The embedded TrueType programs (FontFile2 streams), decompressed, in file order."""
    out = []
    for number in re.findall(rb"/FontFile2 (\d+) 0 R", pdf):
        start = pdf.index(b"\n" + number + b" 0 obj")
        head = pdf.index(b"stream\r\n", start) if b"stream\r\n" in pdf[start:] else -1
        head = pdf.index(b"stream\n", start) + len(b"stream\n") if head < 0 else head + 8
        end = pdf.index(b"endstream", head)
        out.append(zlib.decompress(pdf[head:end].rstrip(b"\r\n")))
    return out


def test_a_batch_shares_font_subsets_and_each_file_stays_exact(tmp_path: Path) -> None:
    signer = PdfCertificateSigner.self_signed(tmp_path / "keys")
    items = [
        dataclasses.replace(tambon_cert(), recipient=n, tambon=n, tambon_code=f"30000{i}")
        for i, n in enumerate(NAMES)
    ]
    result = issue_certificates(items, tmp_path / "out", signer)
    anchor = [signer.certificate.public_bytes(Encoding.DER)]
    for item, issued in zip(items, result.files, strict=True):
        assert verify_pdf(issued.path, anchor).ok
        lines = text_lines(issued.path)  # the ActualText spans: exactly the text drawn
        assert f"ตำบล{item.recipient}" in lines
        assert "ขอมอบเกียรติบัตรฉบับนี้ไว้เพื่อแสดงว่า" in lines
    # the last certificate repeats the first's name: by then the batch numbers every glyph
    # alike, so the two last files embed the very same subsets (made once)
    last, before = (f.path.read_bytes() for f in result.files[-1:-3:-1])
    assert font_programs(last) == font_programs(before)
    # and the repeated name draws as it did alone (same pixels)
    alone = tmp_path / "alone.pdf"
    alone.write_bytes(render_certificate(sealed(items[-1], signer)))
    with_batch = render_png(result.files[-1].path, tmp_path / "batch", dpi=60)
    by_itself = render_png(alone, tmp_path / "alone", dpi=60)
    assert with_batch.read_bytes() == by_itself.read_bytes()


def test_shared_subsets_number_new_glyphs_after_the_batchs(tmp_path: Path) -> None:
    """A certificate drawing a glyph the batch has not seen adds it after the others: the
    glyphs already numbered keep their codes (so earlier glyph runs stay right)."""
    subsets = SharedSubsets()
    first = render_certificate(tambon_cert(recipient="หนองบัว"), subsets=subsets)
    second = render_certificate(tambon_cert(recipient="ฎีกาฐานฬา"), subsets=subsets)
    (tmp_path / "1.pdf").write_bytes(first)
    (tmp_path / "2.pdf").write_bytes(second)
    assert "ตำบลหนองบัว" in text_lines(tmp_path / "1.pdf")
    assert "ตำบลฎีกาฐานฬา" in text_lines(tmp_path / "2.pdf")
    assert all(
        len(b) >= len(a) for a, b in zip(font_programs(first), font_programs(second), strict=True)
    )


@pytest.mark.parametrize(
    ("count", "load", "cpus", "expected"),
    [
        (1000, 0.0, 8, 1),  # a small batch: one process (workers cost more than they save)
        (15000, 0.1, 2, 2),  # a large one on an idle machine: one per CPU
        (15000, 6.0, 2, 1),  # a busy machine: one process
        (15000, 2.2, 8, 6),  # idle CPUs only
        (15000, 0.0, 32, 8),  # at most 8
    ],
)
def test_default_workers_one_process_unless_large_and_idle(
    monkeypatch: pytest.MonkeyPatch, count: int, load: float, cpus: int, expected: int
) -> None:
    monkeypatch.setattr(batch.os, "cpu_count", lambda: cpus)
    monkeypatch.setattr(batch.os, "getloadavg", lambda: (load, load, load))
    assert batch.default_workers(count) == expected
