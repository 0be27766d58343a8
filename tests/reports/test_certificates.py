"""Certificates: the department's wording, Thai numerals and dates, signatory, QR code and
verification code, read back from the PDF with poppler."""

from __future__ import annotations

import csv
import dataclasses
import io
from datetime import date
from pathlib import Path

import pytest
import segno
from PIL import Image, ImageDraw

from evaluator.services.documents import LeaderInfo, RoundDocumentInfo
from reports.certificates import (
    OPENING,
    CertificateData,
    SignatoryData,
    build_certificates,
    issue_certificates,
    qr_payload,
    render_certificate,
    sealed,
)
from reports.signing import PdfCertificateSigner
from tests.reports.pdftools import (
    assert_fonts_embedded,
    image_count,
    pdfinfo,
    render_png,
    text_lines,
)

HASH = "3f9a" * 16


def signature_png() -> bytes:
    img = Image.new("RGBA", (360, 120), (255, 255, 255, 0))
    draw = ImageDraw.Draw(img)
    draw.line(
        [(20, 90), (80, 30), (140, 95), (200, 25), (330, 70)], fill=(10, 30, 120, 255), width=6
    )
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def logo_png() -> bytes:
    img = Image.new("RGB", (200, 200), "white")
    ImageDraw.Draw(img).ellipse((10, 10, 190, 190), fill=(200, 160, 40), outline="navy", width=8)
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def tambon_cert(**changes: object) -> CertificateData:
    data = CertificateData(
        kind="tambon",
        recipient="บ้านใหม่",
        tambon_code="300101",
        tambon="บ้านใหม่",
        district="เมืองนครราชสีมา",
        province="นครราชสีมา",
        award="ตำบลผู้นำการเปลี่ยนแปลงดีเด่น",
        prize_baht=100_000,
        contest_code="CL2564",
        contest_title="โครงการเสริมสร้างและพัฒนาผู้นำการเปลี่ยนแปลง ปีงบประมาณ 2564",
        round_code="outstanding",
        issued_on=date(2021, 6, 25),
        result_hash=HASH,
        signatory=SignatoryData("นายสมศักดิ์ ตั้งใจดี", "อธิบดีกรมการพัฒนาชุมชน"),
        zone=13,
    )
    return dataclasses.replace(data, **changes)  # type: ignore[arg-type]


def _write(tmp_path: Path, data: CertificateData, **kw: object) -> Path:
    pdf = tmp_path / data.file_name
    pdf.write_bytes(render_certificate(data, **kw))  # type: ignore[arg-type]
    return pdf


@pytest.fixture(scope="module")
def seal_signer(tmp_path_factory: pytest.TempPathFactory) -> PdfCertificateSigner:
    return PdfCertificateSigner.self_signed(tmp_path_factory.mktemp("seal-keys"))


def test_tambon_certificate_says_what_the_department_says(
    tmp_path: Path, seal_signer: PdfCertificateSigner
) -> None:
    data = sealed(tambon_cert(verify_url="https://cdd.go.th/verify/"), seal_signer)
    pdf = _write(tmp_path, data)
    lines = text_lines(pdf)
    for expected in [
        "กระทรวงมหาดไทย",
        "กรมการพัฒนาชุมชน",
        OPENING,
        "ตำบลบ้านใหม่",
        "อำเภอเมืองนครราชสีมา จังหวัดนครราชสีมา",
        "ได้รับรางวัลตำบลผู้นำการเปลี่ยนแปลงดีเด่น เขตตรวจราชการที่ ๑๓",
        "ตามโครงการเสริมสร้างและพัฒนาผู้นำการเปลี่ยนแปลง ปีงบประมาณ ๒๕๖๔",
        "พร้อมเงินรางวัล ๑๐๐,๐๐๐ บาท (หนึ่งแสนบาทถ้วน)",
        "ให้ไว้ ณ วันที่ ๒๕ มิถุนายน พ.ศ. ๒๕๖๔",
        "(นายสมศักดิ์ ตั้งใจดี)",
        "อธิบดีกรมการพัฒนาชุมชน",
        data.verification_code,
        "ตรวจสอบเกียรติบัตรนี้ได้ที่ cdd.go.th/verify/ หรือสแกนคิวอาร์โค้ด",
        f"ผลการประเมิน CL2564 / outstanding รหัสผล {HASH[:16]}",
    ]:
        assert expected in lines, expected
    assert not any(HASH[:32] in line for line in lines)  # shortened for a citizen
    assert not any("evaluator" in line for line in lines)  # no command names
    # read top to bottom, as printed
    order = [lines.index(t) for t in ["กระทรวงมหาดไทย", "กรมการพัฒนาชุมชน", OPENING, "ตำบลบ้านใหม่"]]
    assert order == sorted(order)
    assert lines.index("ตำบลบ้านใหม่") < lines.index("ให้ไว้ ณ วันที่ ๒๕ มิถุนายน พ.ศ. ๒๕๖๔")
    info = pdfinfo(pdf)
    assert info["Pages"] == "1"
    assert info["Page size"].startswith("841.89 x 595.276")  # A4 landscape
    assert "ฉบับร่าง ผลยังไม่รับรอง" not in lines


def test_leader_certificate_names_the_leader_and_the_tambon(tmp_path: Path) -> None:
    data = tambon_cert(
        kind="leader",
        recipient="นางสาวพิมพ์ชนก ศรีสุวรรณ",
        leader_position="ผู้ใหญ่บ้าน หมู่ที่ 4",
        leader_number=3,
    )
    lines = text_lines(_write(tmp_path, data))
    assert "นางสาวพิมพ์ชนก ศรีสุวรรณ" in lines
    assert "ผู้ใหญ่บ้าน หมู่ที่ ๔ ผู้นำการเปลี่ยนแปลงตำบลบ้านใหม่" in lines  # Thai numerals
    assert "อำเภอเมืองนครราชสีมา จังหวัดนครราชสีมา" in lines
    assert any(line.startswith("ซึ่งได้รับรางวัลตำบลผู้นำการเปลี่ยนแปลงดีเด่น") for line in lines)
    assert not any("เงินรางวัล" in line for line in lines)
    assert data.file_name == "outstanding_300101_leader_03.pdf"


def test_signature_image_or_a_line_to_sign_on(tmp_path: Path) -> None:
    from reports.certificates import prepare_image

    signed = tambon_cert(
        signatory=SignatoryData("นายสมศักดิ์ ตั้งใจดี", "อธิบดีกรมการพัฒนาชุมชน", signature_png())
    )
    with_image = tmp_path / "with"
    with_image.mkdir()
    a = _write(with_image, signed, signature=prepare_image(signature_png()))
    b = _write(tmp_path, tambon_cert())
    assert image_count(a) == 1
    assert image_count(b) == 0
    c = _write(tmp_path, tambon_cert(recipient="หนองบัว"), logo=prepare_image(logo_png()))
    assert image_count(c) == 1


def test_draft_certificates_say_so(tmp_path: Path) -> None:
    lines = text_lines(_write(tmp_path, tambon_cert(draft=True, result_hash=None)))
    assert "ฉบับร่าง ผลยังไม่รับรอง" in lines
    assert "ผลยังไม่ได้รับรอง (ยังไม่ปิดรอบ)" in lines


def test_the_code_comes_from_the_seal_and_the_seal_from_the_key(
    tmp_path: Path, seal_signer: PdfCertificateSigner
) -> None:
    from reports.certificates import check_seal, code_of, facts_of, read_facts

    a = sealed(tambon_cert(), seal_signer)
    assert a.seal is not None and len(a.seal.signature) == 64  # P-256, r || s
    assert a.verification_code == code_of(a.seal.signature)
    assert len(a.verification_code) == 14 and a.verification_code.count("-") == 2
    assert sealed(tambon_cert(), seal_signer).verification_code == a.verification_code
    assert sealed(tambon_cert(recipient="หนองบัว"), seal_signer).verification_code != (
        a.verification_code
    )
    assert tambon_cert().verification_code == ""  # unsealed: no code without the key
    other = PdfCertificateSigner.self_signed(tmp_path / "other")
    assert sealed(tambon_cert(), other).verification_code != a.verification_code
    public = seal_signer.certificate.public_key()
    assert check_seal(public, a.seal)
    assert not check_seal(other.certificate.public_key(), a.seal)
    facts = read_facts(a.seal.facts)
    assert facts["recipient"] == "บ้านใหม่" and facts["result"] == HASH[:16]
    assert facts["prize_baht"] == "100000" and facts["issued_on"] == "20210625"
    assert facts["zone"] == "13" and facts["round"] == "outstanding"
    assert a.seal.facts == facts_of(a) and len(a.seal.facts) < 120  # TIS-620: compact
    forged = dataclasses.replace(a.seal, facts=a.seal.facts.replace(b"100000", b"900000"))
    assert not check_seal(public, forged)


def test_qr_code_decodes_from_a_150_dpi_render_and_its_seal_verifies(
    tmp_path: Path, seal_signer: PdfCertificateSigner
) -> None:
    """Render the page as a reader's scanner would see a print, decode the QR with zxing-cpp,
    and check the seal in the URL with the department's public key."""
    import zxingcpp

    from reports.certificates import Seal, check_seal
    from reports.certificates.seal import unb64url

    data = sealed(tambon_cert(verify_url="https://cdd.go.th/verify/"), seal_signer)
    pdf = _write(tmp_path, data)
    png = render_png(pdf, tmp_path / "page", dpi=150)
    with Image.open(png) as img:
        found = zxingcpp.read_barcodes(img.convert("L"))
    assert len(found) == 1 and found[0].format == zxingcpp.BarcodeFormat.QRCode
    text = found[0].text
    assert text == qr_payload(data)
    page, fragment = text.split("#", 1)
    assert page == "https://cdd.go.th/verify/"
    facts, signature = (unb64url(part) for part in fragment.split(".", 1))
    seal = Seal(facts, signature)
    assert check_seal(seal_signer.certificate.public_key(), seal)
    assert seal.code == data.verification_code
    assert data.verification_code in text_lines(pdf)
    # big enough to print: at least 1.6 pt (0.56 mm) a module
    n = len(segno.make(text, error="m", micro=False, mask=0).matrix)
    from reports.certificates.page import qr_size

    assert qr_size(text) / n >= 1.6


def test_qr_code_on_the_page_holds_the_payload(
    tmp_path: Path, seal_signer: PdfCertificateSigner
) -> None:
    """Render the page and read every module of the QR back from the pixels."""
    from reports.certificates.page import qr_size

    data = sealed(tambon_cert(), seal_signer)
    pdf = _write(tmp_path, data)
    dpi = 300
    png = render_png(pdf, tmp_path / "page", dpi=dpi)
    payload = qr_payload(data)
    matrix = segno.make(payload, error="m", micro=False, mask=0).matrix
    n = len(matrix)
    size = qr_size(payload)
    x0, y0 = 841.89 - 58 - size, 66.0  # where _draw_footer puts it (points)
    scale = dpi / 72
    with Image.open(png) as img:
        gray = img.convert("L")
        page_h = gray.height
        for r in range(n):
            for col in range(n):
                px = (x0 + (col + 0.5) * size / n) * scale
                py = page_h - (y0 + size - (r + 0.5) * size / n) * scale
                dark = gray.getpixel((round(px), round(py))) < 128
                assert dark == bool(matrix[r][col]), (r, col)
    assert payload.startswith("index.html#")  # no address set: the page opened from disk
    assert qr_payload(tambon_cert()) == "index.html"  # unsealed: nothing to check


def _info(per_zone: bool = True) -> RoundDocumentInfo:
    return RoundDocumentInfo(
        contest_code="CL2564",
        contest_title="โครงการเสริมสร้างและพัฒนาผู้นำการเปลี่ยนแปลง ปีงบประมาณ 2564",
        round_code="outstanding",
        round_title="ตำบลผู้นำการเปลี่ยนแปลงดีเด่น",
        prize_baht=100_000,
        per_zone=per_zone,
        finalised_at=None,
        result_hash=HASH,
    )


@dataclasses.dataclass(frozen=True)
class _Winner:
    tambon_code: str
    tambon: str
    district: str
    province: str
    zone: int


WINNERS = [
    _Winner("300101", "ในเมือง", "เมืองนครราชสีมา", "นครราชสีมา", 13),
    _Winner("400101", "ในเมือง", "เมืองขอนแก่น", "ขอนแก่น", 12),
]


def _leaders() -> dict[str, list[LeaderInfo]]:
    return {
        "300101": [
            LeaderInfo(1, "300101", "นาย", "สมชาย", "ใจดี", "กำนัน"),
            LeaderInfo(2, "300101", "นาง", "สมศรี", "รักถิ่น", "ผู้ใหญ่บ้าน หมู่ที่ 2"),
        ],
        "400101": [LeaderInfo(3, "400101", "นาย", "ประเสริฐ", "มั่นคง", "")],
    }


def test_build_certificates_one_per_winner_and_leader() -> None:
    items = build_certificates(
        _info(),
        WINNERS,
        signatory=None,
        issued_on=date(2021, 6, 25),
        result_hash=HASH,
        leaders=_leaders(),
    )
    assert [(i.kind, i.tambon_code, i.recipient) for i in items] == [
        ("tambon", "300101", "ในเมือง"),
        ("leader", "300101", "นายสมชาย ใจดี"),
        ("leader", "300101", "นางสมศรี รักถิ่น"),
        ("tambon", "400101", "ในเมือง"),
        ("leader", "400101", "นายประเสริฐ มั่นคง"),
    ]
    assert len({i.file_name for i in items}) == len(items)
    assert items[0].zone == 13
    national = build_certificates(
        _info(per_zone=False),
        WINNERS,
        signatory=None,
        issued_on=date(2021, 6, 25),
        result_hash=HASH,
    )
    assert len(national) == 2 and national[0].zone is None


def test_issue_writes_files_manifest_and_reports_progress(tmp_path: Path) -> None:
    items = build_certificates(
        _info(),
        WINNERS,
        signatory=SignatoryData("นายสมศักดิ์ ตั้งใจดี", "อธิบดีกรมการพัฒนาชุมชน", signature_png()),
        issued_on=date(2021, 6, 25),
        result_hash=HASH,
        leaders=_leaders(),
    )
    seen: list[tuple[int, int]] = []
    result = issue_certificates(
        items, tmp_path / "out", None, logo=logo_png(), progress=lambda d, t: seen.append((d, t))
    )
    assert seen == [(i, 5) for i in range(1, 6)]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        [i.file_name for i in items] + ["certificates.csv"]
    )
    assert result.manifest is not None
    with result.manifest.open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert [r["verification_code"] for r in rows] == [i.verification_code for i in items]
    assert rows[1]["recipient"] == "นายสมชาย ใจดี"
    # the logo and the signature, compressed once and put in every file
    assert all(image_count(f.path) == 2 for f in result.files)


def test_issue_stops_when_cancelled(tmp_path: Path) -> None:
    items = build_certificates(
        _info(), WINNERS, signatory=None, issued_on=date(2021, 6, 25), result_hash=HASH
    )
    calls = iter([False, True])
    result = issue_certificates(items, tmp_path, None, cancelled=lambda: next(calls))
    assert result.cancelled
    assert len(result.files) == 1


@pytest.mark.parametrize("recipient", ["ผู้นำการเปลี่ยนแปลงดีเด่นที่มีชื่อยาวมาก" * 3])
def test_long_names_wrap_inside_the_frame(tmp_path: Path, recipient: str) -> None:
    lines = text_lines(_write(tmp_path, tambon_cert(kind="leader", recipient=recipient)))
    assert (
        "".join(line for line in lines if "ผู้นำการเปลี่ยนแปลงดีเด่นที่" in line)
        .replace(" ", "")
        .startswith(recipient[:20])
    )


def test_parallel_issue_signs_in_worker_processes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cryptography.hazmat.primitives.serialization import Encoding

    from reports.certificates import batch as certificates
    from reports.signing import PdfCertificateSigner
    from reports.verify import verify_pdf

    monkeypatch.setattr(certificates, "PARALLEL_MINIMUM", 4)
    monkeypatch.setattr(certificates, "CHUNK", 2)
    signer = PdfCertificateSigner.self_signed(tmp_path / "keys")
    items = build_certificates(
        _info(),
        WINNERS,
        signatory=SignatoryData("นายสมศักดิ์ ตั้งใจดี", "อธิบดีกรมการพัฒนาชุมชน", signature_png()),
        issued_on=date(2021, 6, 25),
        result_hash=HASH,
        leaders=_leaders(),
    )
    seen: list[int] = []
    result = issue_certificates(
        items, tmp_path / "out", signer, workers=2, progress=lambda d, t: seen.append(d)
    )
    assert [f.path.name for f in result.files] == [i.file_name for i in items]  # input order
    assert seen[-1] == len(items) and seen == sorted(seen)
    for f in result.files:
        report = verify_pdf(f.path, [signer.certificate.public_bytes(Encoding.DER)])
        assert report.ok and report.signer_sha256 == signer.info.sha256
    assert image_count(result.files[0].path) == 1


def test_every_font_is_embedded(tmp_path: Path, seal_signer: PdfCertificateSigner) -> None:
    from reports.certificates import prepare_image

    pdf = tmp_path / "signed.pdf"
    data = sealed(tambon_cert(), seal_signer)
    page = render_certificate(data, signature=prepare_image(signature_png()))
    pdf.write_bytes(seal_signer.sign(page))
    assert_fonts_embedded(pdf)
