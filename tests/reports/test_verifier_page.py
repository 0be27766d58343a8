"""The offline verification page (``evaluator export verifier``) opened in real headless
Chromium with the URL from a certificate's QR code: genuine, altered, withdrawn, a typed code,
English, and nothing fetched from anywhere."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select

from evaluator.db import Database
from evaluator.db import models as m
from evaluator.services.certificate_register import register
from reports.certificates.seal import b64url, read_facts, unb64url
from tests.accounts import sign_in
from tests.reports.pdftools import render_png, run_cli
from tests.reports.test_certificates_cli import _contest, _finalise

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")


@pytest.fixture(autouse=True)
def _signed_in(monkeypatch: pytest.MonkeyPatch) -> None:
    """Certificates are made by the admin that ``_contest`` makes (signed in like a script)."""
    sign_in(monkeypatch, "ผู้ดูแลระบบ")


def open_in_chromium(url: str, profile: Path) -> str:
    """The DOM after the page's scripts ran (Web Crypto included), as headless Chromium sees it."""
    assert CHROMIUM is not None
    result = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-dev-shm-usage",
            f"--user-data-dir={profile}",
            "--virtual-time-budget=5000",
            "--dump-dom",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "<html" in result.stdout, result.stderr[-2000:]
    return result.stdout


def verdict(dom: str) -> tuple[str, str]:
    found = re.search(r'<div id="verdict" data-status="([^"]+)"[^>]*>(.*?)</div>', dom, re.S)
    assert found, dom[:2000]
    return found.group(1), found.group(2)


def facts_shown(dom: str) -> dict[str, str]:
    return dict(re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", dom))


def _qr_text(pdf: Path, tmp_path: Path) -> str:
    """What a phone reads from the printed QR code (zxing-cpp on a 150-dpi render)."""
    import zxingcpp

    png = render_png(pdf, tmp_path / f"{pdf.stem}-scan", dpi=150)
    with Image.open(png) as img:
        (found,) = zxingcpp.read_barcodes(img.convert("L"))
    return str(found.text)


@pytest.fixture
def issued(db: Database, tmp_path: Path) -> tuple[Database, list[Path], Path]:
    _contest(db)
    _finalise(db)
    assert db.file_path is not None
    out = tmp_path / "certs"
    argv = ["--db", str(db.file_path), "certificates", "--round", "outstanding", "--out", str(out)]
    assert run_cli(argv) == 0
    site = tmp_path / "site"
    assert run_cli(["--db", str(db.file_path), "export", "verifier", "--out", str(site)]) == 0
    return db, sorted(out.glob("*.pdf")), site / "index.html"


def test_the_register_is_written_when_certificates_are_made(
    issued: tuple[Database, list[Path], Path],
) -> None:
    db, _pdfs, _ = issued
    rows = register(db)
    assert [r.entry.tambon_code for r in rows] == ["300101", "300102"]
    assert all(r.status == "valid" for r in rows)
    with db.transaction() as s:
        codes = s.scalars(select(m.CertificateRecord.code)).all()
    assert len(set(codes)) == 2


def test_the_page_is_self_contained(issued: tuple[Database, list[Path], Path]) -> None:
    _, _, page = issued
    text = page.read_text(encoding="utf-8")
    assert not re.search(r"\b(src|href)\s*=", text)  # no script, font, image or link to fetch
    assert "http://" not in text and "https://" not in text
    assert "connect-src 'none'" in text  # and the page may not fetch anything either
    data = json.loads(
        re.search(r'<script type="application/json" id="data">(.*?)</script>', text, re.S)
        .group(1)  # type: ignore[union-attr]
        .replace("<\\/", "</")
    )
    assert data["alg"] == "ECDSA-P256" and len(data["register"]) == 2


@needs_chromium
def test_chromium_checks_a_genuine_an_altered_and_a_withdrawn_certificate(
    issued: tuple[Database, list[Path], Path], tmp_path: Path
) -> None:
    db, pdfs, page = issued
    profile = tmp_path / "chromium-profile"
    scanned = _qr_text(pdfs[0], tmp_path)
    fragment = scanned.split("#", 1)[1]
    base = page.resolve().as_uri()

    # genuine: the signature verifies with Web Crypto, the facts are shown in Thai, valid
    dom = open_in_chromium(f"{base}#{fragment}", profile)
    status, text = verdict(dom)
    assert status == "valid", text
    assert "เกียรติบัตรถูกต้อง" in text
    shown = facts_shown(dom)
    assert shown["ผู้ได้รับ"] == "ในเมือง"
    assert shown["รางวัล"] == "ตำบลผู้นำการเปลี่ยนแปลงดีเด่น"
    assert shown["เงินรางวัล"] == "๑๐๐,๐๐๐ บาท"
    assert shown["สถานะ"] == "มีผล"
    code = shown["รหัสตรวจสอบ"]
    assert re.fullmatch(r"[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}", code)

    # English on request
    dom = open_in_chromium(f"{base}?lang=en#{fragment}", profile)
    status, text = verdict(dom)
    assert status == "valid" and "Genuine certificate" in text
    assert facts_shown(dom)["Prize"] == "100,000 baht"

    # altered: the prize in the QR's facts raised, the signature kept
    facts_text, signature_text = fragment.split(".")
    facts = unb64url(facts_text)
    assert read_facts(facts)["prize_baht"] == "100000"
    forged = b64url(facts.replace(b"|100000|", b"|900000|")) + "." + signature_text
    status, text = verdict(open_in_chromium(f"{base}#{forged}", profile))
    assert status == "bad-signature" and "ลายมือชื่อไม่ถูกต้อง" in text
    # a signature of something else entirely
    other = _qr_text(pdfs[1], tmp_path).split("#", 1)[1]
    assert other != fragment
    spliced = facts_text + "." + other.split(".")[1]
    status, _ = verdict(open_in_chromium(f"{base}#{spliced}", profile))
    assert status == "bad-signature"
    # not a certificate at all
    status, _ = verdict(open_in_chromium(f"{base}#hello.world", profile))
    assert status == "malformed"

    # a typed code: found in the register; a made-up one is not
    status, text = verdict(open_in_chromium(f"{base}?code={code.lower()}", profile))
    assert status == "valid" and "พบรหัสนี้ในทะเบียน" in text
    status, text = verdict(open_in_chromium(f"{base}?code=AAAA-BBBB-CCCC", profile))
    assert status == "unknown-code" and "ไม่พบรหัสตรวจสอบนี้ในทะเบียน" in text

    # withdrawn: the round is reopened and decided differently, the page exported again
    from tests.reports.test_verify_attacks import _rescore_and_refinalise

    _rescore_and_refinalise(db, "300102", "300103")
    assert db.file_path is not None
    site = tmp_path / "site-after"
    assert run_cli(["--db", str(db.file_path), "export", "verifier", "--out", str(site)]) == 0
    after = (site / "index.html").resolve().as_uri()
    status, text = verdict(open_in_chromium(f"{after}#{fragment}", profile))
    assert status == "withdrawn" and "ถูกเพิกถอน" in text and "เมื่อวันที่" in text
    status, _ = verdict(open_in_chromium(f"{after}?code={code}", profile))
    assert status == "withdrawn"
    # the old page does not know yet: its register says valid (it is a snapshot, dated)
    status, _ = verdict(open_in_chromium(f"{base}#{fragment}", profile))
    assert status == "valid"


@needs_chromium
def test_a_code_missing_from_an_older_page_is_unknown(
    issued: tuple[Database, list[Path], Path], tmp_path: Path
) -> None:
    """A page exported before a certificate was made knows its key but not its code."""
    _db, pdfs, _ = issued
    empty_site = tmp_path / "empty"
    page_text = (
        (pdfs[0].parent.parent / "site" / "index.html")
        .read_text(encoding="utf-8")
        .replace('"register":[{', '"register":[],"unused":[{', 1)
    )
    empty_site.mkdir()
    (empty_site / "index.html").write_text(page_text, encoding="utf-8")
    fragment = _qr_text(pdfs[0], tmp_path).split("#", 1)[1]
    dom = open_in_chromium(
        f"{(empty_site / 'index.html').resolve().as_uri()}#{fragment}", tmp_path / "profile"
    )
    status, text = verdict(dom)
    assert status == "unknown-code" and "ไม่พบรหัสนี้ในทะเบียน" in text
