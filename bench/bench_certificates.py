"""Benchmark: certificates for 1,000 winning tambons and for their 15,000 change leaders —
rendered (shaped Thai with ActualText), PAdES-signed and written — each beside bare reportlab
drawing the same number of one-page PDFs with the same Thai lines (unshaped ``drawCentredString``,
same fonts and sizes, no border, QR, images or signature). The ratio is what counts.

Run: ``.venv/bin/python bench/bench_certificates.py`` (``--tambons``/``--leaders`` to change the
counts, ``--workers`` for the processes of the parallel run).
"""

from __future__ import annotations

import argparse
import io
import os
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reportlab.pdfgen.canvas import Canvas

from reports import thai
from reports.certificates import (
    PAGE,
    STYLES,
    CertificateData,
    SignatoryData,
    certificate_lines,
    default_workers,
    issue_certificates,
    prepare_image,
    render_certificate,
    sealed,
)
from reports.font_subsets import SharedSubsets
from reports.signing import PdfCertificateSigner

BENCH_PASSPHRASE = "bench signing passphrase"  # the throwaway key is encrypted like any other

PROVINCES = [
    ("นครราชสีมา", "เมืองนครราชสีมา", 13),
    ("ขอนแก่น", "น้ำพอง", 12),
    ("เชียงใหม่", "แม่ริม", 15),
    ("สุราษฎร์ธานี", "พุนพิน", 5),
    ("ศรีสะเกษ", "กันทรลักษ์", 14),
    ("พิษณุโลก", "วังทอง", 17),
]
TAMBON_NAMES = [
    "บ้านใหม่",
    "หนองบัว",
    "ท่าช้าง",
    "โพธิ์กลาง",
    "ดอนแก้ว",
    "ป่าไผ่",
    "ห้วยทราย",
    "น้ำเกี๋ยน",
    "ศรีสุข",
    "กุดน้ำใส",
    "หนองจะบก",
    "ทุ่งกุลา",
    "เวียงชัย",
    "บึงพระ",
    "ท่าฉาง",
    "ปึกเตียน",
]
TITLES = ["นาย", "นาง", "นางสาว"]
FIRST = [
    "สมชาย",
    "สมศรี",
    "พิมพ์ชนก",
    "ประเสริฐ",
    "วิไลวรรณ",
    "ณัฐวุฒิ",
    "กิตติศักดิ์",
    "ปิยะนุช",
    "บุญเลิศ",
    "จันทร์เพ็ญ",
    "ธนพล",
    "สุนีย์",
    "อภิชาติ",
    "ศศิธร",
    "วีระพงษ์",
    "ญาณิศา",
]
LAST = [
    "ใจดี",
    "ศรีสุวรรณ",
    "รักถิ่น",
    "มั่นคง",
    "แก้วมณี",
    "ทองดี",
    "บุญมา",
    "สุขเจริญ",
    "พึ่งตน",
    "ปัญญาดี",
    "ชื่นใจ",
    "วงศ์ใหญ่",
    "เพ็ชรรัตน์",
    "ศักดิ์ศรี",
    "อุ่นเรือน",
    "ฤทธิ์เดช",
]
POSITIONS = ["กำนัน", "ผู้ใหญ่บ้าน หมู่ที่ 3", "ผู้นำคนรุ่นใหม่", "อาสาพัฒนาชุมชน", "ปราชญ์ชาวบ้าน"]


def _signature_png() -> bytes:
    from PIL import Image, ImageDraw

    img = Image.new("RGBA", (360, 120), (255, 255, 255, 0))
    ImageDraw.Draw(img).line(
        [(20, 90), (80, 30), (140, 95), (200, 25), (330, 70)], fill=(10, 30, 120, 255), width=6
    )
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def make_items(
    tambons: int, leaders_each: int
) -> tuple[list[CertificateData], list[CertificateData]]:
    rng = random.Random(2564)
    signatory = SignatoryData("นายสมศักดิ์ ตั้งใจดี", "อธิบดีกรมการพัฒนาชุมชน", _signature_png())
    winners: list[CertificateData] = []
    leaders: list[CertificateData] = []
    for i in range(tambons):
        province, district, zone = PROVINCES[i % len(PROVINCES)]
        name = f"{rng.choice(TAMBON_NAMES)}{rng.choice(['', 'เหนือ', 'ใต้', 'พัฒนา', 'ทอง'])}"
        base = CertificateData(
            kind="tambon",
            recipient=name,
            tambon_code=f"{300000 + i:06d}",
            tambon=name,
            district=district,
            province=province,
            award="ตำบลผู้นำการเปลี่ยนแปลงดีเด่น",
            prize_baht=100_000,
            contest_code="CL2564",
            contest_title="โครงการเสริมสร้างและพัฒนาผู้นำการเปลี่ยนแปลง ปีงบประมาณ 2564",
            round_code="outstanding",
            issued_on=date(2021, 6, 25),
            result_hash=f"{rng.getrandbits(256):064x}",
            signatory=signatory,
            zone=zone,
        )
        winners.append(base)
        for n in range(1, leaders_each + 1):
            leaders.append(
                replace(
                    base,
                    kind="leader",
                    recipient=f"{rng.choice(TITLES)}{rng.choice(FIRST)} {rng.choice(LAST)}",
                    leader_position=rng.choice(POSITIONS),
                    leader_number=n,
                )
            )
    return winners, leaders


def page_lines(data: CertificateData) -> list[tuple[str, float, list[str]]]:
    """The certificate's lines as the certificate wraps them: (font name, size, lines)."""
    width = PAGE[0]
    out = []
    for style_name, text in certificate_lines(data):
        style = STYLES[style_name]
        f = thai.font(style.weight)
        out.append((f.name, style.size, thai.wrap(text, f, style.size, width - 200)))
    return out


def bare_reportlab(
    pages: Sequence[tuple[CertificateData, list[tuple[str, float, list[str]]]]],
) -> None:
    """The same Thai lines, same fonts and sizes, with reportlab's own drawCentredString."""
    width, height = PAGE
    regular, bold = thai.font().name, thai.font("bold").name
    for data, blocks in pages:
        out = io.BytesIO()
        c = Canvas(out, pagesize=PAGE, pageCompression=1, initialFontName=regular)
        y = height - 90
        for font_name, size, lines in blocks:
            c.setFont(font_name, size)
            for line in lines:
                y -= size * 1.25
                c.drawCentredString(width / 2, y, line)
        c.setFont(regular, 19)
        c.drawCentredString(width / 2, 120, f"({data.signatory.name if data.signatory else ''})")
        c.drawCentredString(width / 2, 95, data.signatory.position if data.signatory else "")
        c.setFont(bold, 9.5)
        c.drawCentredString(width - 95, 44, data.verification_code)
        c.showPage()
        c.save()
        out.getvalue()


def naive_pyhanko_ms(pdf: bytes, folder: Path, count: int = 20) -> float:
    """pyHanko used the plain way (DESIGN.md section 7): sign_pdf without bytes_reserved, with a
    SimpleSigner whose key is re-parsed for every signature."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    from reports.signing import CERT_FILE, KEY_FILE

    signer = signers.SimpleSigner.load(
        str(folder / KEY_FILE), str(folder / CERT_FILE), key_passphrase=BENCH_PASSPHRASE.encode()
    )
    assert signer is not None
    meta = signers.PdfSignatureMetadata(
        field_name="Sig", md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES
    )
    start = time.perf_counter()
    for _ in range(count):
        w = IncrementalPdfFileWriter(io.BytesIO(pdf))
        signers.sign_pdf(w, meta, signer=signer, output=io.BytesIO())
    return (time.perf_counter() - start) / count * 1000


def one_pass_ms(signer: PdfCertificateSigner, size: int, count: int = 200) -> float:
    """The signature as a batch writes it (reports.certificates.pades.fill: byte range written
    and hashed, CMS put together and put in), on a page the size of a certificate."""
    from reports.certificates import pades

    out = io.BytesIO()
    c = Canvas(out, pagesize=PAGE, pageCompression=0)
    c.addLiteral("%" + "0" * size)  # a comment as long as a certificate: the same hashing
    pades.reserve(c, signer, "นายสมศักดิ์ ตั้งใจดี")
    c.showPage()
    c.save()
    raw = out.getvalue()
    for _ in range(3):
        pades.fill(raw, signer)
    start = time.perf_counter()
    for _ in range(count):
        pades.fill(raw, signer)
    return (time.perf_counter() - start) / count * 1000


BLOCK = 100


def bench_set(
    name: str,
    items: list[CertificateData],
    signer: PdfCertificateSigner,
    workers: int,
    folder: Path,
) -> None:
    """Bare reportlab, render only and the full single-process pipeline run block by block in
    turn (so that a busy machine slows all three alike: each block is a batch of its own, with
    its own set-up and manifest); then the whole set as one batch, right after bare reportlab
    on the whole set; then the parallel run."""
    n = len(items)
    print(f"\n{name}: {n} certificates", flush=True)
    if n == 0:  # --leaders 0 (or --tambons 0): nothing to measure
        return
    png = items[0].signatory.signature_png if items[0].signatory else None
    signature = prepare_image(png) if png else None
    subsets = SharedSubsets()  # as a batch renders: its certificates share their font subsets
    base = render = full = 0.0
    cpu = [0.0, 0.0, 0.0]  # the process's own CPU time: what a busy machine disturbs least
    out = folder / f"{name}-1"
    for start in range(0, n, BLOCK):
        block = items[start : start + BLOCK]
        ready = [sealed(d, signer) for d in block]  # the real QR code and code; not timed
        pages = [(d, page_lines(d)) for d in ready]  # word breaking outside the timings
        t0, c0 = time.perf_counter(), time.process_time()
        bare_reportlab(pages)
        t1, c1 = time.perf_counter(), time.process_time()
        for d in ready:
            render_certificate(d, signature=signature, subsets=subsets)
        t2, c2 = time.perf_counter(), time.process_time()
        issue_certificates(block, out, signer, workers=1)
        t3, c3 = time.perf_counter(), time.process_time()
        base, render, full = base + t1 - t0, render + t2 - t1, full + t3 - t2
        cpu = [cpu[0] + c1 - c0, cpu[1] + c2 - c1, cpu[2] + c3 - c2]
    shutil.rmtree(out)
    rows = [
        ("bare reportlab (same Thai lines, unshaped)", base),
        ("render only (shaped + ActualText, border, sealed QR, signature image)", render),
        (f"render + PAdES sign + write, 1 process, batches of {BLOCK}", full),
    ]
    pages = [(d, page_lines(d)) for d in (sealed(d, signer) for d in items)]
    t0, c0 = time.perf_counter(), time.process_time()
    bare_reportlab(pages)
    t1, c1 = time.perf_counter(), time.process_time()
    issue_certificates(items, out, signer, workers=1)
    t2, c2 = time.perf_counter(), time.process_time()
    shutil.rmtree(out)
    cpu += [c1 - c0, c2 - c1]
    at_once = t1 - t0
    rows.append(("bare reportlab again, the whole set at once", at_once))
    rows.append(("render + PAdES sign + write, 1 process, the set as one batch", t2 - t1))
    if workers > 1:
        out = folder / f"{name}-{workers}"
        t0 = time.perf_counter()
        issue_certificates(items, out, signer, workers=workers)
        rows.append((f"render + PAdES sign + write, {workers} processes", time.perf_counter() - t0))
        shutil.rmtree(out)
    for index, (label, seconds) in enumerate(rows):
        reference = base if index < 3 else at_once  # beside the bare run of the same moment
        line = (
            f"  {label:<70} {seconds:8.2f} s {seconds / n * 1000:7.2f} ms/page"
            f"  × {seconds / reference:4.2f}"
        )
        if index < len(cpu):  # one process: its CPU time too (not the workers')
            own = cpu[0] if index < 3 else cpu[3]
            line += f"   CPU {cpu[index] / n * 1000:6.2f} ms/page × {cpu[index] / own:4.2f}"
        print(line, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tambons", type=int, default=1000)
    parser.add_argument("--leaders", type=int, default=15000)
    parser.add_argument(
        "--workers",
        type=int,
        default=min(8, os.cpu_count() or 1),
        help="processes of the parallel run (the CLI's default: "
        f"{default_workers(1000)} for 1,000 certificates here, now)",
    )
    args = parser.parse_args()
    leaders_each = max(1, -(-args.leaders // max(1, args.tambons)))
    winners, leaders = make_items(args.tambons, leaders_each)
    leaders = leaders[: args.leaders]
    print(f"CPUs: {os.cpu_count()}, load average at start: {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        t0 = time.perf_counter()
        signer = PdfCertificateSigner.self_signed(folder / "keys", passphrase=BENCH_PASSPHRASE)
        print(f"key made and loaded once: {time.perf_counter() - t0:.2f} s")
        first = (winners or make_items(1, 1)[0])[0]
        pdf = render_certificate(first)  # warm up fonts, shaping and the word segmenter
        bare_reportlab([(first, page_lines(first))])
        for _ in range(3):
            signer.sign(pdf)
        t0 = time.perf_counter()
        for _ in range(100):
            signer.sign(pdf)
        ours = (time.perf_counter() - t0) * 10
        naive = naive_pyhanko_ms(pdf, folder / "keys")
        print(f"one PAdES signature, plain pyHanko (sign twice, key re-read): {naive:6.1f} ms")
        print(f"one PAdES signature, key loaded once, fixed size, CMS templates: {ours:6.1f} ms")
        one_pass = one_pass_ms(signer, len(pdf))
        print(f"one PAdES signature written in the certificate's own pass:     {one_pass:6.2f} ms")
        bench_set("tambons", winners, signer, args.workers, folder)
        bench_set("leaders", leaders, signer, args.workers, folder)
    print(f"load average at end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
