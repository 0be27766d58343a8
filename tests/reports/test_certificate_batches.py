"""A batch of certificates shares its font subsets and glyph runs (made once, reused), and each
certificate still draws, extracts and verifies exactly as one made alone; how many processes a
batch uses by default."""

from __future__ import annotations

import dataclasses
import re
import zlib
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.serialization import Encoding
from reportlab.pdfbase import pdfdoc

from reports import thai
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


def test_later_batches_start_with_the_subsets_the_one_before_ended_with(tmp_path: Path) -> None:
    """Batches of the process share one numbering (PROCESS_SUBSETS): the second batch's first
    certificate embeds the very subsets the first batch's last one did (made once), and a new
    glyph in it is added after them; every file still verifies and extracts exactly."""
    signer = PdfCertificateSigner.self_signed(tmp_path / "keys")
    first = issue_certificates(
        [tambon_cert(recipient=n, tambon=n, tambon_code=f"31000{i}") for i, n in enumerate(NAMES)],
        tmp_path / "one",
        signer,
    )
    again = issue_certificates([tambon_cert()], tmp_path / "two", signer)
    new_glyph = issue_certificates(
        [tambon_cert(recipient="ฎีกาฐานฬา", tambon="ฎีกาฐานฬา")], tmp_path / "three", signer
    )
    last = first.files[-1].path.read_bytes()
    assert font_programs(again.files[0].path.read_bytes()) == font_programs(last)
    grown = font_programs(new_glyph.files[0].path.read_bytes())
    assert all(len(b) >= len(a) for a, b in zip(font_programs(last), grown, strict=True))
    anchor = [signer.certificate.public_bytes(Encoding.DER)]
    for issued, name in (
        (again.files[0], "บ้านใหม่"),
        (new_glyph.files[0], "ฎีกาฐานฬา"),
    ):
        assert verify_pdf(issued.path, anchor).ok
        assert f"ตำบล{name}" in text_lines(issued.path)
    alone = tmp_path / "alone.pdf"
    alone.write_bytes(render_certificate(sealed(tambon_cert(), signer)))
    assert (
        render_png(again.files[0].path, tmp_path / "again", dpi=60).read_bytes()
        == render_png(alone, tmp_path / "alone", dpi=60).read_bytes()
    )


def _numbering(subsets: SharedSubsets, text: str) -> tuple[Any, dict[int, int]]:
    """A document started from ``subsets`` that uses ``text``'s characters, and its codes."""
    doc = pdfdoc.PDFDocument()
    ttf = thai.font().ttf
    subsets.start(doc, [ttf])
    ttf.splitString(text, doc)
    ttf.getSubsetInternalName(0, doc)
    return doc, dict(ttf.state[doc].assignments)


def test_a_document_started_from_an_older_numbering_is_not_carried() -> None:
    """Two documents started from the same numbering (two threads) give different codes to
    their new glyphs: only the first carried is kept, so that a code carried once means the
    same glyph in every later document."""
    subsets = SharedSubsets()
    ttf = thai.font().ttf
    base, _ = _numbering(subsets, "กขค")
    subsets.carry(base, [ttf])
    one, codes_one = _numbering(subsets, "งจ")
    two, codes_two = _numbering(subsets, "ฉช")
    assert codes_one[ord("ง")] == codes_two[ord("ฉ")]  # the same number, different glyphs
    subsets.carry(one, [ttf])
    subsets.carry(two, [ttf])  # started before one was carried: dropped
    _, later = _numbering(subsets, "")
    assert ord("ง") in later and ord("ฉ") not in later
    assert later[ord("ง")] == codes_one[ord("ง")]


def test_a_numbering_past_its_limit_starts_afresh(monkeypatch: pytest.MonkeyPatch) -> None:
    subsets = SharedSubsets()
    ttf = thai.font().ttf
    monkeypatch.setattr(SharedSubsets, "MAX_GLYPHS", 8)
    doc, _ = _numbering(subsets, "กขค")
    subsets.carry(doc, [ttf])
    _, carried = _numbering(subsets, "")
    assert ord("ก") in carried
    doc, _ = _numbering(subsets, "งจฉชซฌญฎฏ")  # past 8 codes: not kept
    subsets.carry(doc, [ttf])
    fresh_doc, fresh = _numbering(subsets, "")
    assert ord("ก") not in fresh
    assert getattr(ttf.state[fresh_doc], "shared", None) is None


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
