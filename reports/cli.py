"""Command-line commands that make documents (certificates, reports) and check them."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from evaluator.cli.common import acting_user, add_export_kind, open_db, path_arg, user_arg
from evaluator.errors import InputError, Problem
from evaluator.permissions import Action

if TYPE_CHECKING:
    from evaluator.db import Database
    from evaluator.permissions import UserInfo
    from reports.certificates import RoundCertificates
    from reports.signing import PdfCertificateSigner

P12_PASSWORD_ENV = "EVALUATOR_P12_PASSWORD"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the document commands to the ``evaluator`` command line."""
    cert = sub.add_parser(
        "certificates",
        help="signed certificates (เกียรติบัตร) for the winners of a round",
        description="One signed A4-landscape PDF per winning tambon (and with --leaders one per "
        "change leader of each), plus certificates.csv listing files and verification codes.",
    )
    cert.add_argument("--round", required=True, dest="round_code", metavar="CODE")
    cert.add_argument("--contest", metavar="CODE", help="the contest, when several have the round")
    cert.add_argument("--out", required=True, type=path_arg, metavar="DIR")
    cert.add_argument("--leaders", action="store_true", help="also one per change leader")
    cert.add_argument(
        "--kind",
        choices=("tambons", "leaders"),
        default="tambons",
        help="tambons (default: the winning tambons' certificates, with --leaders their leaders' "
        "too) or leaders (only change leaders' certificates: every leader of the winners, or "
        "those chosen with --tambon / --leaders-file)",
    )
    cert.add_argument(
        "--tambon",
        action="append",
        default=[],
        metavar="CODE[,CODE...]",
        help="only these tambons (repeatable): their certificate, or with --kind leaders their "
        "change leaders'",
    )
    cert.add_argument(
        "--leaders-file",
        type=path_arg,
        metavar="FILE",
        help="with --kind leaders: the leaders to print, one per row (.xlsx or .csv: "
        "tambon_code, first_name, last_name, as in the leaders file)",
    )
    cert.add_argument(
        "--logo",
        type=path_arg,
        metavar="IMAGE",
        help="PNG/JPEG emblem for the top of this batch (default: the emblem kept in the settings)",
    )
    cert.add_argument(
        "--emblem",
        type=path_arg,
        metavar="IMAGE",
        help="keep this PNG/JPEG as the emblem of every certificate (admins)",
    )
    cert.add_argument(
        "--pkcs12",
        type=path_arg,
        metavar="FILE",
        help="the department's key and certificate (.p12/.pfx); its password is read from "
        f"${P12_PASSWORD_ENV} or asked for. Without it the .p12 installed in the app's settings "
        "is used, else a self-signed key kept beside the database (made on first use).",
    )
    cert.add_argument("--date", type=date.fromisoformat, metavar="YYYY-MM-DD", dest="issued_on")
    cert.add_argument(
        "--verify-url",
        metavar="URL",
        help="the verification page's address (evaluator export verifier): the QR code holds "
        "URL#<facts>.<signature>",
    )
    cert.add_argument(
        "--workers",
        type=int,
        default=None,
        metavar="N",
        help="processes for large batches (default: one; from 3,000 certificates one per idle "
        "CPU, at most 8)",
    )
    cert.add_argument("--unsigned", action="store_true", help=argparse.SUPPRESS)
    user_arg(cert)
    cert.set_defaults(handler=_cmd_certificates)

    plq = sub.add_parser(
        "plaques",
        help="plaque texts (โล่) for the engraver: a PDF proof and an .xlsx sheet",
        description="The exact lines to engrave on the plaque of each winning tambon of a round "
        "(the excellent round): plaques_<round>.pdf and plaques_<round>.xlsx in DIR.",
    )
    plq.add_argument("--round", required=True, dest="round_code", metavar="CODE")
    plq.add_argument("--contest", metavar="CODE", help="the contest, when several have the round")
    plq.add_argument("--out", required=True, type=path_arg, metavar="DIR")
    plq.add_argument("--date", type=date.fromisoformat, metavar="YYYY-MM-DD", dest="issued_on")
    user_arg(plq)
    plq.set_defaults(handler=_cmd_plaques)

    def verifier_args(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--out", required=True, type=path_arg, metavar="DIR")
        parser.add_argument("--contest", metavar="CODE", help="only this contest's certificates")
        parser.add_argument(
            "--url",
            metavar="URL",
            help="the address where DIR/index.html will be published; kept as the setting the "
            "certificates' QR codes point to (an admin: signs in with --user/$EVALUATOR_USER)",
        )

    add_export_kind(
        sub,
        "verifier",
        "หน้าตรวจสอบเกียรติบัตรแบบออฟไลน์ (index.html ไฟล์เดียว) — the offline verification page "
        "with the department's public key and the register of issued certificates",
        _cmd_export_verifier,
        verifier_args,
    )

    ver = sub.add_parser(
        "verify",
        help="check a signed certificate PDF (exit 0 only if intact, signed by a trusted key, "
        "not a draft and, with --db, not withdrawn)",
    )
    ver.add_argument("files", nargs="+", type=path_arg, metavar="FILE.pdf")
    ver.add_argument(
        "--trust",
        action="append",
        type=path_arg,
        default=[],
        metavar="CERT",
        help="a trusted signer or CA certificate (PEM/DER), repeatable; besides these, only the "
        "department's certificate installed in the settings and this installation's own "
        "self-signed key (of --db) are trusted",
    )
    ver.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        default=argparse.SUPPRESS,  # the global --db, also accepted after the command
        help="the installation whose key and results to check against: its self-signed key is "
        "trusted, and a certificate whose round was reopened or decided differently is withdrawn",
    )
    ver.add_argument("--json", action="store_true", help="print the findings as JSON")
    ver.set_defaults(handler=_cmd_verify)


def _load_signer(args: argparse.Namespace, db: Database) -> PdfCertificateSigner:
    from reports.signing import (
        PdfCertificateSigner,
        SigningError,
        installed_pkcs12,
        signing_folder,
    )

    folder = signing_folder(db)
    p12 = installed_pkcs12(folder, args.pkcs12)  # --pkcs12, else the one installed in settings
    if p12 is not None:
        password = os.environ.get(P12_PASSWORD_ENV)
        try:
            return PdfCertificateSigner.from_pkcs12(p12, password)
        except SigningError:
            if password is None and sys.stdin.isatty():
                password = getpass.getpass(f"รหัสผ่านของ {p12} — PKCS#12 password: ")
                return PdfCertificateSigner.from_pkcs12(p12, password)
            raise
    return PdfCertificateSigner.self_signed(folder, passphrase=_self_signed_passphrase(folder))


def _self_signed_passphrase(folder: Path) -> str | None:
    """$EVALUATOR_PASSPHRASE, else (on a terminal) asked; twice for a key about to be made."""
    from reports.signing import KEY_FILE, PASSPHRASE_ENV

    given = os.environ.get(PASSPHRASE_ENV)
    if given or not sys.stdin.isatty():
        return given or None  # none: the signer says what is missing
    if (folder / KEY_FILE).exists():
        return getpass.getpass("รหัสผ่านของกุญแจลงนาม — signing key passphrase: ")
    first = getpass.getpass("ตั้งรหัสผ่านของกุญแจลงนามใหม่ — new signing key passphrase: ")
    if getpass.getpass("พิมพ์อีกครั้ง — again: ") != first:
        raise InputError([Problem("รหัสผ่านสองครั้งไม่ตรงกัน — the passphrases differ")])
    return first


def _cmd_certificates(args: argparse.Namespace) -> int:
    from evaluator.services.certificate_register import emblem, set_emblem
    from reports.certificates import (
        default_workers,
        issue_certificates,
        prepare_image,
        record_issued,
    )

    logo = None
    given = args.emblem if args.emblem is not None else args.logo
    if given is not None:
        logo = given.read_bytes()
        try:
            prepare_image(logo)
        except Exception as exc:
            raise InputError(
                [Problem(f"อ่านรูปโลโก้ไม่ได้ — not a PNG/JPEG image: {exc}", file=str(given))]
            ) from exc
    db = open_db(args)
    try:
        user = acting_user(args, db, Action.PRINT_CERTIFICATES)
        if args.emblem is not None:
            set_emblem(db, user, logo, args.contest)
        if logo is None:
            logo = emblem(db, args.contest)
        batch = _certificate_batch(args, db, user)
        signer = None if args.unsigned else _load_signer(args, db)
    finally:
        db.dispose()
    if batch.draft:
        print(
            f"คำเตือน: รอบ {args.round_code} ยังไม่ปิดรอบ เกียรติบัตรจึงพิมพ์เป็นฉบับร่าง — "
            "warning: the round is not finalised, the certificates are marked as drafts",
            file=sys.stderr,
        )
    if not batch.items:
        print(
            f"คำเตือน: รอบ {args.round_code} ยังไม่มีตำบลที่ได้รับรางวัล — no winners in this round",
            file=sys.stderr,
        )
    if batch.ties:
        print(
            f"คำเตือน: มี {len(batch.ties)} ตำบลคะแนนเท่ากันที่ขอบโควตา ยังไม่ออกเกียรติบัตรให้"
            f" ({', '.join(batch.ties)}) — tied tambons get no certificate until the committee "
            "decides",
            file=sys.stderr,
        )
    workers = args.workers if args.workers is not None else default_workers(len(batch.items))
    result = issue_certificates(batch.items, args.out, signer, logo=logo, workers=max(1, workers))
    db = open_db(args)
    try:  # the register the verification page carries
        record_issued(db, user.login, result, signer.info.sha256 if signer else None)
    finally:
        db.dispose()
    tambons = sum(1 for f in result.files if f.kind == "tambon")
    leaders = len(result.files) - tambons
    print(
        f"ออกเกียรติบัตร {len(result.files)} ฉบับ (ตำบล {tambons}, ผู้นำ {leaders}) ที่ {args.out}"
        f" — {len(result.files)} certificates written"
    )
    if signer is not None:
        who = "สร้างเอง (self-signed)" if signer.info.self_signed else signer.info.issuer
        print(f"ลงนามด้วย — signed by: {signer.info.subject} [{who}]")
    return 0


def _certificate_batch(args: argparse.Namespace, db: Database, user: UserInfo) -> RoundCertificates:
    """The certificates the arguments ask for: a round's (``--kind tambons``, optionally only
    ``--tambon``), or chosen change leaders' (``--kind leaders``) through the same service as the
    app's leaders list; leaders who get none are listed on stderr."""
    from evaluator.services.leaders import choose_leaders
    from reports.certificates import certificates_for_leaders, certificates_for_round

    tambons = [c.strip() for text in args.tambon for c in text.split(",") if c.strip()]
    common = {"contest": args.contest, "issued_on": args.issued_on, "verify_url": args.verify_url}
    if args.kind == "tambons":
        if args.leaders_file is not None:
            raise InputError(
                [Problem("--leaders-file ใช้กับ --kind leaders — use it with --kind leaders")]
            )
        batch = certificates_for_round(db, args.round_code, leaders=args.leaders, **common)
        if not tambons:
            return batch
        wanted = {c for c in tambons}
        items = [i for i in batch.items if i.tambon_code in wanted]
        return replace(batch, items=items)
    if not tambons and args.leaders_file is None:
        batch = certificates_for_round(db, args.round_code, leaders=True, **common)
        return replace(batch, items=[i for i in batch.items if i.kind == "leader"])
    ids = choose_leaders(db, user, tambons=tambons, path=args.leaders_file)
    chosen = certificates_for_leaders(db, args.round_code, ids, **common)
    for name in chosen.skipped:
        print(
            f"คำเตือน: {name} ไม่ได้รับเกียรติบัตร ตำบลไม่ได้รับรางวัลในรอบนี้ — no certificate: "
            "the tambon is not among the round's winners",
            file=sys.stderr,
        )
    if not chosen.items:
        raise InputError(
            [Problem("ผู้นำที่เลือกไม่มีใครอยู่ในตำบลที่ได้รับรางวัล — none of them is a winner's leader")]
        )
    return chosen


def _cmd_plaques(args: argparse.Namespace) -> int:
    from reports.plaques import plaques_for_round, write_plaques

    db = open_db(args)
    try:
        acting_user(args, db, Action.PRINT_CERTIFICATES)
        batch = plaques_for_round(
            db, args.round_code, contest=args.contest, issued_on=args.issued_on
        )
    finally:
        db.dispose()
    if batch.draft:
        print(
            f"คำเตือน: รอบ {args.round_code} ยังไม่ปิดรอบ ข้อความจึงเป็นฉบับร่าง — "
            "warning: the round is not finalised, the plaque texts are drafts",
            file=sys.stderr,
        )
    if batch.ties:
        print(
            f"คำเตือน: มี {len(batch.ties)} ตำบลคะแนนเท่ากันที่ขอบโควตา ยังไม่มีโล่"
            f" ({', '.join(batch.ties)}) — tied tambons are left out until the committee decides",
            file=sys.stderr,
        )
    pdf, xlsx = write_plaques(batch, args.out)
    print(f"ข้อความจารึกโล่ {len(batch.plaques)} แผ่น — {len(batch.plaques)} plaques: {pdf}, {xlsx}")
    return 0


def _cmd_verify(args: argparse.Namespace) -> int:
    from evaluator.db.failures import sqlite_path
    from reports.signing import local_certificate_sha256, signing_folder_of
    from reports.verify import format_report, trust_anchors, verify_pdf

    path = sqlite_path(args.db) if args.db is not None else None
    if path is not None and not path.exists():  # never made by verify: only the signature counts
        print(
            f"ไม่พบฐานข้อมูล {path} ตรวจได้เฉพาะลายเซ็น — no database at {path}: the register "
            "is not checked",
            file=sys.stderr,
        )
    db = open_db(args) if args.db is not None and (path is None or path.exists()) else None
    # with --db, verify_pdf adds that installation's anchors; without, the default one's
    anchors = trust_anchors(None if db else signing_folder_of(args.db), list(args.trust))
    local = local_certificate_sha256(args.db)
    try:
        reports = [verify_pdf(Path(f), anchors, db=db) for f in args.files]
    finally:
        if db is not None:
            db.dispose()
    if args.json:
        found = []
        for r in reports:
            entry = r.as_dict()
            entry["signed_with_this_installations_key"] = (
                r.signer_sha256 == local if local and r.signer_sha256 else None
            )
            found.append(entry)
        print(json.dumps(found, ensure_ascii=False, indent=2))
    else:
        texts = []
        for r in reports:
            text = format_report(r)
            if local and r.signer_sha256 == local:
                text += "\nลงนามด้วยกุญแจของเครื่องนี้ — signed with this installation's own key"
            texts.append(text)
        print("\n\n".join(texts))
    return 0 if all(r.ok for r in reports) else 1


def _cmd_export_verifier(args: argparse.Namespace) -> int:
    from cryptography.hazmat.primitives import hashes, serialization

    from evaluator.services.certificate_register import (
        register,
        set_verify_page_url,
        verify_page_url,
    )
    from reports.signing import signing_certificate, signing_folder
    from reports.verifier import page_data, write_verifier

    db = open_db(args)
    try:
        if args.url is not None:
            set_verify_page_url(db, acting_user(args, db), args.url, args.contest)
        cert = signing_certificate(signing_folder(db))
        if cert is None:
            raise InputError(
                [
                    Problem(
                        "ยังไม่มีกุญแจลงนามเกียรติบัตร ออกเกียรติบัตรก่อน — no signing key yet: "
                        "issue certificates first"
                    )
                ]
            )
        rows = register(db, contest=args.contest)
        url = verify_page_url(db, args.contest)
    finally:
        db.dispose()
    from datetime import UTC, datetime

    public = cert.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    data = page_data(
        public,
        cert.subject.rfc4514_string(),
        cert.fingerprint(hashes.SHA256()).hex(),
        rows,
        datetime.now(UTC),
    )
    path = write_verifier(args.out, data)
    register_rows = data["register"]
    count = len(register_rows) if isinstance(register_rows, list) else 0
    print(f"หน้าตรวจสอบเกียรติบัตร (ทะเบียน {count} ฉบับ): {path} — the verification page")
    if url:
        print(f"เผยแพร่ไฟล์นี้ที่ — publish it at: {url}")
    else:
        print(
            "ยังไม่ได้ตั้งที่อยู่หน้าตรวจสอบ: คิวอาร์โค้ดจะชี้ไปที่ index.html ในเครื่อง ตั้งด้วย --url — "
            "no address set yet: QR codes point to a local index.html; set one with --url",
            file=sys.stderr,
        )
    return 0
