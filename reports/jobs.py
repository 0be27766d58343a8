"""Document batches as plain jobs: ``make_documents(db, user, request, progress, cancelled)``.

The desktop runs these on its background helper; they are plain functions (no Qt) that check the
user's right, report progress as ``progress(done, total, text)``, and stop when ``cancelled()``
turns true: a certificate batch stops after the document in hand (every file is written whole,
through a temporary name, so no partial file is ever left). They return what was written.

Every kind of document the desktop offers is listed by :func:`document_kinds`. The round
summary, the executive summary and the per-tambon report come from ``reports/summary.py``,
``reports/executive.py`` and ``reports/tambon_report.py``; the Excel exports (rankings, raw
scores, budget) from ``reports/excel.py``. A kind whose module is missing, or that is listed but
not wired in here (``wired=False``), is shown as unavailable (:attr:`DocumentKind.available`),
and asking for it raises :class:`NotAvailable`.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from evaluator.db import Database
from evaluator.errors import EvaluatorError, InputError, Problem
from evaluator.i18n import Catalog
from evaluator.permissions import Action, UserInfo, require
from evaluator.progress import Cancelled, Progress

JOB = Catalog(
    "documents_job",
    {
        "winners": ("เตรียมข้อมูลผู้ได้รับรางวัล", "Preparing the winners' facts"),
        "not_winner": (
            "{name}: ตำบลไม่ได้รับรางวัลในรอบนี้ จึงไม่มีเกียรติบัตร",
            "{name}: the tambon is not a winner of this round, so no certificate",
        ),
        "draft_certificates": (
            "รอบนี้ยังไม่ยืนยันผล เกียรติบัตรจึงพิมพ์เป็นฉบับร่าง",
            "The round is not finalised: the certificates are printed as drafts",
        ),
        "tied_certificates": (
            "มี {count} ตำบลคะแนนเท่ากันที่ขอบโควตา ยังไม่ออกเกียรติบัตรให้ ({codes})",
            "{count} tambons are tied at the quota's edge and get no certificate until the"
            " committee decides ({codes})",
        ),
        "no_winners": ("รอบนี้ยังไม่มีตำบลที่ได้รับรางวัล", "This round has no winners yet"),
        "signing_key": ("เตรียมกุญแจลงนาม", "Preparing the signing key"),
        "certificate_step": ("เกียรติบัตร {done} จาก {total} ฉบับ", "Certificate {done} of {total}"),
        "plaque_texts": ("เตรียมข้อความจารึกโล่", "Preparing the plaque texts"),
        "draft_plaques": (
            "รอบนี้ยังไม่ยืนยันผล ข้อความจึงเป็นฉบับร่าง",
            "The round is not finalised: the plaque texts are drafts",
        ),
        "tied_plaques": (
            "มี {count} ตำบลคะแนนเท่ากันที่ขอบโควตา ยังไม่มีโล่ ({codes})",
            "{count} tambons are tied at the quota's edge and get no plaque until the committee"
            " decides ({codes})",
        ),
        "plaques_written": ("โล่ {count} แผ่น: {file}", "{count} plaques: {file}"),
        "draft_report": (
            "ผลยังไม่ยืนยัน รายงานจึงเป็นฉบับร่าง",
            "The results are not finalised: the report is a draft",
        ),
        "draft_excel": (
            "รอบนี้ยังไม่ยืนยันผล ตัวเลขอาจเปลี่ยน",
            "The round is not finalised: the figures may change",
        ),
    },
)
"""What a document batch says while it works and when it ends, in the user's language."""


@dataclass(frozen=True)
class DocumentKind:
    """One kind of document the desktop can make for a round."""

    key: str
    title: str  # Thai
    action: Action  # who may make it
    module: str  # the reports module that builds it
    per_tambon: bool = False  # needs a tambon as well as a round
    wired: bool = True  # False: the builder's module is still being written; not offered yet

    @property
    def available(self) -> bool:
        """Whether this kind can be made: wired in here, and its module installed."""
        return self.wired and importlib.util.find_spec(self.module) is not None


CERTIFICATES = "certificates"
CERTIFICATES_LEADERS = "certificates_leaders"
PLAQUES = "plaques"
SUMMARY = "summary"
EXECUTIVE = "executive"
TAMBON_REPORT = "tambon_report"
EXCEL = "excel"
LESSONS_BOOK = "lessons_book"
CERTIFICATE_KINDS = (CERTIFICATES, CERTIFICATES_LEADERS)  # the kinds signed with the key


def document_kinds() -> list[DocumentKind]:
    """Every kind of document, in the order the desktop lists them."""
    return [
        DocumentKind(
            CERTIFICATES,
            "เกียรติบัตรตำบลที่ได้รับรางวัล",
            Action.PRINT_CERTIFICATES,
            "reports.certificates",
        ),
        DocumentKind(
            CERTIFICATES_LEADERS,
            "เกียรติบัตรตำบลและผู้นำการเปลี่ยนแปลงรายบุคคล",
            Action.PRINT_CERTIFICATES,
            "reports.certificates",
        ),
        DocumentKind(PLAQUES, "ข้อความจารึกโล่", Action.PRINT_CERTIFICATES, "reports.plaques"),
        DocumentKind(SUMMARY, "รายงานสรุปผลรอบการประกวด", Action.EXPORT_REPORTS, "reports.summary"),
        DocumentKind(EXECUTIVE, "รายงานสรุปสำหรับผู้บริหาร", Action.EXPORT_REPORTS, "reports.executive"),
        DocumentKind(
            TAMBON_REPORT,
            "รายงานคะแนนรายตำบล",
            Action.EXPORT_REPORTS,
            "reports.tambon_report",
            per_tambon=True,
        ),
        DocumentKind(
            EXCEL,
            "Excel: ผลการจัดอันดับ คะแนนดิบ และงบประมาณ",
            Action.EXPORT_REPORTS,
            "reports.excel",
        ),
        DocumentKind(
            LESSONS_BOOK,
            "หนังสือแนวปฏิบัติที่ดี (ถอดบทเรียน)",
            Action.EXPORT_REPORTS,
            "reports.lessons_book",
        ),
    ]


def kind_of(key: str) -> DocumentKind:
    for kind in document_kinds():
        if kind.key == key:
            return kind
    raise KeyError(key)


@dataclass(frozen=True)
class DocumentRequest:
    """What to make: a kind of document for a round, into a folder."""

    kind: str
    round_code: str
    out_dir: Path
    tambon_code: str | None = None
    # certificates_leaders: only these change leaders (ids), those whose tambon won the round
    leader_ids: tuple[int, ...] = ()
    issued_on: date | None = None
    unsigned: bool = False  # certificates without a PAdES signature (tests, proofs)
    # the password of the department's installed PKCS#12 (kept in memory only, never shown)
    pkcs12_password: str | None = field(default=None, repr=False)
    # the passphrase of the self-signed key (else $EVALUATOR_PASSPHRASE); memory only
    key_passphrase: str | None = field(default=None, repr=False)


@dataclass
class DocumentResult:
    """What a job wrote (so far, when it was cancelled)."""

    kind: str
    out_dir: Path
    files: list[Path] = field(default_factory=list)
    planned: int = 0
    cancelled: bool = False
    draft: bool = False
    warnings: list[str] = field(default_factory=list)
    manifest: Path | None = None

    @property
    def first_pdf(self) -> Path | None:
        return next((f for f in self.files if f.suffix.lower() == ".pdf"), None)


class NotAvailable(EvaluatorError):
    """The builder of a kind of document is not installed in this version."""


def make_documents(
    db: Database,
    user: UserInfo,
    request: DocumentRequest,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    *,
    result: DocumentResult | None = None,
) -> DocumentResult:
    """Make the documents of ``request`` (see the module docstring).

    ``result``, when given, is filled in as files are written, so a caller that cancelled still
    knows exactly what was written.
    """
    kind = kind_of(request.kind)
    require(user, kind.action)
    if not kind.available:
        raise NotAvailable(
            f"{kind.title}: ยังไม่มีในรุ่นนี้ ({kind.module}) — not available in this version yet"
        )
    out = result if result is not None else DocumentResult(kind.key, request.out_dir)
    report = progress or (lambda _d, _t, _x: None)
    stop = cancelled or (lambda: False)
    if kind.key in (CERTIFICATES, CERTIFICATES_LEADERS):
        _certificates(db, user, request, kind.key == CERTIFICATES_LEADERS, out, report, stop)
    elif kind.key == PLAQUES:
        _plaques(db, request, out, report, stop)
    elif kind.key in (SUMMARY, EXECUTIVE, TAMBON_REPORT, LESSONS_BOOK):
        _report(db, request, kind, out, report, stop)
    elif kind.key == EXCEL:
        _excel(db, request, out, report, stop)
    else:  # the kinds not wired in are refused above, as not available
        raise NotAvailable(f"{kind.title}: ยังไม่ได้เชื่อมต่อ — not wired in yet")
    return out


def _certificates(
    db: Database,
    user: UserInfo,
    request: DocumentRequest,
    leaders: bool,
    out: DocumentResult,
    progress: Progress,
    cancelled: Cancelled,
) -> None:
    from reports.certificates import (
        RoundCertificates,
        certificates_for_leaders,
        certificates_for_round,
        issue_certificates,
        record_issued,
    )

    progress(0, 0, JOB.text("winners"))
    batch: RoundCertificates
    if leaders and request.leader_ids:
        chosen = certificates_for_leaders(
            db, request.round_code, request.leader_ids, issued_on=request.issued_on
        )
        out.warnings += [JOB.text("not_winner", name=name) for name in chosen.skipped]
        batch = chosen
    else:
        batch = certificates_for_round(
            db, request.round_code, leaders=leaders, issued_on=request.issued_on
        )
    out.planned = len(batch.items)
    out.draft = batch.draft
    if batch.draft:
        out.warnings.append(JOB.text("draft_certificates"))
    if batch.ties:
        out.warnings.append(
            JOB.text("tied_certificates", count=len(batch.ties), codes=", ".join(batch.ties))
        )
    if not batch.items:
        out.warnings.append(JOB.text("no_winners"))
    if cancelled():
        out.cancelled = True
        return
    signer = None
    if not request.unsigned:
        from reports.signing import PdfCertificateSigner, installed_pkcs12, signing_folder

        progress(0, out.planned, JOB.text("signing_key"))
        folder = signing_folder(db)
        p12 = installed_pkcs12(folder)  # the department's key when installed, else self-signed
        if p12 is not None:
            signer = PdfCertificateSigner.from_pkcs12(p12, request.pkcs12_password)
        else:
            signer = PdfCertificateSigner.self_signed(folder, passphrase=request.key_passphrase)
    total = out.planned

    def step(done: int, _total: int) -> None:
        progress(done, total, JOB.text("certificate_step", done=f"{done:,}", total=f"{total:,}"))

    from evaluator.services.certificate_register import emblem

    issued = issue_certificates(
        batch.items,
        request.out_dir,
        signer,
        logo=emblem(db),
        progress=step,
        cancelled=cancelled,
        workers=1,
    )
    record_issued(db, user.login, issued, signer.info.sha256 if signer is not None else None)
    out.files = [f.path for f in issued.files]
    out.manifest = issued.manifest
    out.cancelled = issued.cancelled


def _plaques(
    db: Database,
    request: DocumentRequest,
    out: DocumentResult,
    progress: Progress,
    cancelled: Cancelled,
) -> None:
    from reports.plaques import plaques_for_round, write_plaques_pdf, write_plaques_xlsx

    progress(0, 2, JOB.text("plaque_texts"))
    batch = plaques_for_round(db, request.round_code, issued_on=request.issued_on)
    out.planned = 2
    out.draft = batch.draft
    if batch.draft:
        out.warnings.append(JOB.text("draft_plaques"))
    if batch.ties:
        out.warnings.append(
            JOB.text("tied_plaques", count=len(batch.ties), codes=", ".join(batch.ties))
        )
    stem = "plaques_" + "".join(
        ch if ch.isalnum() or ch in "-_" else "-" for ch in batch.round_code
    )
    for done, write, suffix in (
        (1, write_plaques_pdf, ".pdf"),
        (2, write_plaques_xlsx, ".xlsx"),
    ):
        if cancelled():
            out.cancelled = True
            return
        out.files.append(write(batch, request.out_dir / f"{stem}{suffix}"))
        progress(done, 2, JOB.text("plaques_written", count=len(batch.plaques), file=stem + suffix))


def _report(
    db: Database,
    request: DocumentRequest,
    kind: DocumentKind,
    out: DocumentResult,
    progress: Progress,
    cancelled: Cancelled,
) -> None:
    """One report file: the round's summary, or the contest's executive summary."""
    out.planned = 1
    progress(0, 1, kind.title)
    if cancelled():
        out.cancelled = True
        return
    request.out_dir.mkdir(parents=True, exist_ok=True)
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in request.round_code)
    if kind.key == SUMMARY:
        from reports.summary import write_summary

        path = request.out_dir / f"summary_{safe}.pdf"
        written = write_summary(db, request.round_code, path, issued_on=request.issued_on)
    elif kind.key == TAMBON_REPORT:
        from reports.tambon_report import write_tambon_report

        code = (request.tambon_code or "").strip()
        if not code:
            raise InputError([Problem("ระบุรหัสตำบล — name a tambon", field="tambon_code")])
        path = request.out_dir / f"tambon_{code}_{safe}.pdf"
        written = write_tambon_report(
            db, code, path, round_code=request.round_code, issued_on=request.issued_on
        )
    elif kind.key == LESSONS_BOOK:
        from reports.lessons_book import write_lessons_book

        path = request.out_dir / "lessons_book.pdf"
        written = write_lessons_book(db, path, issued_on=request.issued_on)
    else:
        from reports.executive import write_executive

        path = request.out_dir / "executive_summary.pdf"
        written = write_executive(db, path, issued_on=request.issued_on)
    out.files.append(written.path)
    out.draft = written.draft
    if written.draft:
        out.warnings.append(JOB.text("draft_report"))
    progress(1, 1, kind.title)


def _excel(
    db: Database,
    request: DocumentRequest,
    out: DocumentResult,
    progress: Progress,
    cancelled: Cancelled,
) -> None:
    """The Excel exports for the budget office: the round's ranking, its raw scores, the budget."""
    from evaluator.services.documents import round_info
    from reports.excel import Written, write_budget, write_rankings, write_scores

    code = request.round_code
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in code)
    request.out_dir.mkdir(parents=True, exist_ok=True)
    steps: list[tuple[str, Callable[[Path], Written]]] = [
        (
            f"rankings_{safe}.xlsx",
            lambda p: write_rankings(db, code, p, issued_on=request.issued_on),
        ),
        (f"scores_{safe}.xlsx", lambda p: write_scores(db, p, round_code=code)),
        ("budget.xlsx", lambda p: write_budget(db, p, issued_on=request.issued_on)),
    ]
    out.planned = len(steps)
    out.draft = round_info(db, code).finalised_at is None
    if out.draft:
        out.warnings.append(JOB.text("draft_excel"))
    for done, (name, write) in enumerate(steps):
        if cancelled():
            out.cancelled = True
            return
        progress(done, len(steps), name)
        out.files.append(write(request.out_dir / name).path)
    progress(len(steps), len(steps), "Excel")
