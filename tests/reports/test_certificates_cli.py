"""``evaluator --db X certificates --round CODE --out DIR``: from the ranking to signed files."""

from __future__ import annotations

import csv
import io
import stat
from pathlib import Path

import pytest
from PIL import Image

from evaluator.db import Database
from evaluator.db import models as m
from reports.signing import KEY_FILE, signing_folder
from reports.verify import verify_pdf
from tests.accounts import make_user, sign_in
from tests.reports.pdftools import image_count, render_png, run_cli, text_lines
from tests.reports.test_certificates import logo_png, signature_png

# three tambons of นครราชสีมา (province 30, zone 13); the round picks the best two nationally
TAMBONS = [("300101", "ในเมือง", 9.0), ("300102", "โพธิ์กลาง", 8.0), ("300103", "หนองจะบก", 4.0)]


@pytest.fixture(autouse=True)
def _signed_in(monkeypatch: pytest.MonkeyPatch) -> None:
    """The commands run as the admin that ``_contest`` makes (as a script: $EVALUATOR_USER and
    $EVALUATOR_PASSWORD)."""
    sign_in(monkeypatch, "ผู้ดูแลระบบ")


def _contest(db: Database, *, signatory: bool = True) -> None:
    with db.transaction() as s:
        contest = m.Contest(
            code="CL2564", title="โครงการเสริมสร้างและพัฒนาผู้นำการเปลี่ยนแปลง ปีงบประมาณ 2564"
        )
        s.add(contest)
        s.flush()
        crit = m.Criterion(
            contest_id=contest.id, code="C1", title="ผู้นำทำก่อน", max_score=10, weight=100
        )
        rnd = m.Round(
            contest_id=contest.id,
            code="outstanding",
            title="ตำบลผู้นำการเปลี่ยนแปลงดีเด่น",
            prize_baht=100_000,
            winners=2,
        )
        s.add_all([crit, rnd])
        s.add(m.District(code="3001", name_th="เมืองนครราชสีมา", province_code="30"))
        inspector = m.Inspector(name="นายผู้ตรวจ ทดสอบ")
        s.add(inspector)
        s.flush()
        for code, name, score in TAMBONS:
            s.add(m.Tambon(code=code, name_th=name, district_code="3001"))
            s.flush()
            sheet = m.Sheet(
                round_id=rnd.id,
                inspector_id=inspector.id,
                tambon_code=code,
                status=m.SheetStatus.SUBMITTED,
            )
            s.add(sheet)
            s.flush()
            s.add(m.Score(sheet_id=sheet.id, criterion_id=crit.id, value=score))
            for i, (title, first, last) in enumerate(
                [("นาย", "สมชาย", "ใจดี"), ("นาง", "สมศรี", "รักถิ่น"), ("นางสาว", "ดวงใจ", "งามยิ่ง")]
            ):
                s.add(
                    m.Leader(
                        tambon_code=code,
                        title=title,
                        first_name=first,
                        last_name=f"{last}{i}",
                        position="กำนัน" if i == 0 else "",
                    )
                )
        if signatory:
            s.add(
                m.Signatory(
                    name="นายสมศักดิ์ ตั้งใจดี",
                    position="อธิบดีกรมการพัฒนาชุมชน",
                    signature_png=signature_png(),
                    active=True,
                )
            )
    make_user(db, "ผู้ดูแลระบบ", m.Role.ADMIN)  # certificates are printed by a signed-in admin


def _finalise(db: Database) -> str:
    from evaluator.services.finalise import finalise_round
    from tests.evaluator.ranking_fixtures import acting

    result = finalise_round(db, acting(db, "ผู้ดูแลระบบ", m.Role.ADMIN), "outstanding")
    digest = getattr(result, "result_hash", None) or getattr(result, "hash", None)
    assert isinstance(digest, str) and len(digest) == 64
    return digest


def test_certificates_for_a_finalised_round(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _contest(db)
    digest = _finalise(db)
    out = tmp_path / "certs"
    logo = tmp_path / "logo.png"
    logo.write_bytes(logo_png())
    assert db.file_path is not None
    from ui.launch import main as evaluator_main  # the real entry point, as users run it

    code = evaluator_main(
        [
            "--db",
            str(db.file_path),
            "certificates",
            "--round",
            "outstanding",
            "--out",
            str(out),
            "--leaders",
            "--logo",
            str(logo),
        ]
    )
    assert code == 0, capsys.readouterr().err
    printed = capsys.readouterr().out
    assert "8" in printed  # 2 tambons + 2 × 3 leaders
    names = sorted(p.name for p in out.glob("*.pdf"))
    assert names == [
        "outstanding_300101.pdf",
        "outstanding_300101_leader_01.pdf",
        "outstanding_300101_leader_02.pdf",
        "outstanding_300101_leader_03.pdf",
        "outstanding_300102.pdf",
        "outstanding_300102_leader_01.pdf",
        "outstanding_300102_leader_02.pdf",
        "outstanding_300102_leader_03.pdf",
    ]
    with (out / "certificates.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 8
    # the self-signed key was made beside the database, private
    key = signing_folder(db) / KEY_FILE
    assert stat.S_IMODE(key.stat().st_mode) == 0o600

    first = out / "outstanding_300101.pdf"
    lines = text_lines(first)
    assert "ตำบลในเมือง" in lines
    assert "อำเภอเมืองนครราชสีมา จังหวัดนครราชสีมา" in lines
    assert "ได้รับรางวัลตำบลผู้นำการเปลี่ยนแปลงดีเด่น" in lines  # national: no zone
    assert "พร้อมเงินรางวัล ๑๐๐,๐๐๐ บาท (หนึ่งแสนบาทถ้วน)" in lines
    assert "(นายสมศักดิ์ ตั้งใจดี)" in lines
    assert rows[0]["verification_code"] in lines
    assert any(digest[:16] in line for line in lines)
    assert image_count(first) == 2  # the logo and the scanned signature

    leader = text_lines(out / "outstanding_300101_leader_01.pdf")
    assert "นายสมชาย ใจดี0" in leader
    assert "กำนัน ผู้นำการเปลี่ยนแปลงตำบลในเมือง" in leader
    assert "อำเภอเมืองนครราชสีมา จังหวัดนครราชสีมา" in leader

    report = verify_pdf(first, db=db)
    assert report.ok and report.result_hash == digest
    assert report.trust == "installation" and report.standing is not None
    assert run_cli(["verify", str(first), "--db", str(db.file_path)]) == 0

    png = render_png(first, tmp_path / "page", dpi=40)
    with Image.open(png) as img:
        assert img.size == (468, 331)  # A4 landscape at 40 dpi


def test_a_round_not_yet_finalised_gives_marked_drafts(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _contest(db, signatory=False)
    out = tmp_path / "drafts"
    assert db.file_path is not None
    argv = ["--db", str(db.file_path), "certificates", "--round", "outstanding", "--out", str(out)]
    assert run_cli(argv) == 0
    assert "ยังไม่ปิดรอบ" in capsys.readouterr().err
    pdfs = sorted(out.glob("*.pdf"))
    assert [p.name for p in pdfs] == ["outstanding_300101.pdf", "outstanding_300102.pdf"]
    lines = text_lines(pdfs[0])
    assert "ฉบับร่าง ผลยังไม่รับรอง" in lines
    assert "ผลยังไม่ได้รับรอง (ยังไม่ปิดรอบ)" in lines
    assert image_count(pdfs[0]) == 0  # no signatory: a line to sign on, no image
    report = verify_pdf(pdfs[0], db=db)
    assert report.genuine and report.trusted  # a draft is still an intact signed file…
    assert report.certificate is not None and report.certificate["draft"] is True  # …marked
    assert not report.ok and report.status == "draft"  # …and never accepted (issue 12)
    assert run_cli(["--db", str(db.file_path), "verify", str(pdfs[0])]) == 1
    printed = capsys.readouterr().out
    assert printed.splitlines()[0].startswith("DRAFT")
    assert "FAILED: DRAFT" in printed


def test_unknown_round_is_a_clear_error(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _contest(db)
    assert db.file_path is not None
    argv = ["--db", str(db.file_path), "certificates", "--round", "nope", "--out", str(tmp_path)]
    assert run_cli(argv) != 0
    assert "nope" in capsys.readouterr().err
    assert not list(tmp_path.glob("*.pdf"))


def test_a_bad_logo_is_refused_before_anything_is_written(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _contest(db)
    bad = tmp_path / "logo.png"
    bad.write_bytes(b"not an image")
    assert db.file_path is not None
    argv = ["--db", str(db.file_path), "certificates", "--round", "outstanding"]
    assert run_cli([*argv, "--out", str(tmp_path / "o"), "--logo", str(bad)]) == 2
    assert "logo.png" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


def test_signature_png_is_scaled_once(tmp_path: Path) -> None:
    from reports.certificates import prepare_image

    big = Image.new("RGBA", (2400, 800), (0, 0, 0, 0))
    buf = io.BytesIO()
    big.save(buf, "PNG")
    prepared = prepare_image(buf.getvalue())
    assert (prepared.width, prepared.height) == (400, 133)


def test_certificates_signed_with_the_departments_pkcs12(
    db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from reports.verify import load_trusted
    from tests.reports.test_signing import _pkcs12

    _contest(db)
    _finalise(db)
    p12 = _pkcs12(tmp_path, b"s3cret")
    assert db.file_path is not None
    argv = ["--db", str(db.file_path), "certificates", "--round", "outstanding"]
    monkeypatch.setenv("EVALUATOR_P12_PASSWORD", "wrong")
    assert run_cli([*argv, "--out", str(tmp_path / "no"), "--pkcs12", str(p12)]) == 1
    assert "PKCS#12" in capsys.readouterr().err
    assert not (tmp_path / "no").exists()
    monkeypatch.setenv("EVALUATOR_P12_PASSWORD", "s3cret")
    assert run_cli([*argv, "--out", str(tmp_path / "ok"), "--pkcs12", str(p12)]) == 0
    assert not (signing_folder(db) / KEY_FILE).exists()  # no self-signed key was needed
    report = verify_pdf(
        tmp_path / "ok" / "outstanding_300101.pdf", load_trusted([tmp_path / "ca.pem"])
    )
    assert report.ok and report.trusted and not report.self_signed


def test_the_emblem_is_a_setting_an_admin_keeps(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from evaluator.services.certificate_register import emblem
    from tests.evaluator.ranking_fixtures import acting

    _contest(db)
    _finalise(db)  # as the admin ผู้ดูแลระบบ
    acting(db, "กรรมการ", m.Role.COMMITTEE)
    image = tmp_path / "emblem.png"
    image.write_bytes(logo_png())
    assert db.file_path is not None
    argv = ["--db", str(db.file_path), "certificates", "--round", "outstanding"]
    # a committee member may print, but not change what every certificate carries
    assert run_cli([*argv, "--out", str(tmp_path / "x"), "--emblem", str(image),
                    "--user", "กรรมการ"]) != 0  # fmt: skip
    assert emblem(db) is None
    assert run_cli([*argv, "--out", str(tmp_path / "a"), "--emblem", str(image),
                    "--user", "ผู้ดูแลระบบ"]) == 0  # fmt: skip
    assert emblem(db) == logo_png()
    capsys.readouterr()
    # later batches carry it without being told (the app's too: reports.jobs reads the same)
    assert run_cli([*argv, "--out", str(tmp_path / "b")]) == 0
    assert image_count(tmp_path / "b" / "outstanding_300101.pdf") == 2  # emblem and signature
    not_image = tmp_path / "emblem.txt"
    not_image.write_text("not an image")
    assert run_cli([*argv, "--out", str(tmp_path / "c"), "--emblem", str(not_image),
                    "--user", "ผู้ดูแลระบบ"]) != 0  # fmt: skip
    assert "emblem.txt" in capsys.readouterr().err
    assert emblem(db) == logo_png()  # unchanged
