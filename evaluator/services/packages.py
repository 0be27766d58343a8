"""Signed packages as users handle them: export an inspector's sheets, import a package, and the
list of what was imported.

An import reads and verifies the whole package first (structure, member hashes, signature by the
inspector's registered key, contest and rubric version, every reference, and that every sheet is
for a tambon assigned to that inspector in that round here) and only then merges it, all in one
unit of work: a refused or failed import changes nothing, and importing the same package again
changes nothing the second time.

Sheets of a finalised round are never changed: an import *skips* them (outcome ``locked``),
reports them and writes a ``sync.refused`` audit entry, and merges the rest of the package; an
inspector's package always carries all their sheets, so refusing the whole package would block
the sheets of the rounds still open.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from evaluator import audit
from evaluator.db import Database
from evaluator.db import models as m
from evaluator.db.locks import lock_rounds
from evaluator.errors import EvaluatorError, InputError, NotFoundError, Problem
from evaluator.permissions import Action, UserInfo, require
from evaluator.progress import Cancelled, Progress
from evaluator.services import audit_key, checkpoints
from evaluator.services.package_text import RESULT, ImportResult, SheetOutcome
from evaluator.services.users import user_in
from evaluator.sync import keys
from evaluator.sync.apply import MergeResult, apply, plan_package
from evaluator.sync.decide import Outcome
from evaluator.sync.local import (
    check_against_context,
    check_assignments,
    contest_for,
    contest_info,
    find_inspector,
    load_context,
    read_sheets,
)
from evaluator.sync.package import Package, build_package, check_signature, read_package
from evaluator.sync.package_zip import DEFAULT_LIMITS, Limits, PackageRefused, refuse
from evaluator.sync.wire import SheetData
from evaluator.text import normalise


class ImportCancelled(EvaluatorError):
    """The user cancelled an import; nothing was changed."""


# --- export ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportResult:
    path: Path
    inspector: str
    contest: str
    sheets: int
    photos: int
    bytes: int
    fingerprint: str
    package_id: str

    def lines(self) -> list[str]:
        """What was written, in the current language (Thai on the command line)."""
        return [
            RESULT.text(
                "exported", path=self.path, sheets=self.sheets, photos=self.photos,
                size=f"{self.bytes:,}",
            ),
            RESULT.text("signed", inspector=self.inspector, fingerprint=self.fingerprint),
        ]  # fmt: skip


def export_package(
    db: Database,
    user: UserInfo,
    inspector: str,
    out: Path,
    private_key: Ed25519PrivateKey,
    *,
    contest_code: str | None = None,
) -> ExportResult:
    """Write a signed package of every sheet of ``inspector`` in one contest: an inspector
    their own, the admin anyone's."""
    with db.transaction() as s:
        actor = user_in(s, user.id)
        require(
            actor,
            Action.EXPORT_OWN_PACKAGE
            if actor.inspector_name == inspector
            else Action.EXPORT_ANY_PACKAGE,
        )
        signing = audit_key.signing_key()  # no passphrase: refused before the package is written
        row = find_inspector(s, inspector)
        public = keys.public_raw(private_key)
        state = keys.key_state(row.public_key)
        if state.public_raw is not None and state.public_raw != public:
            raise EvaluatorError(
                f"กุญแจส่วนตัวที่ใช้ ({keys.fingerprint(public)}) ไม่ตรงกับกุญแจของ '{inspector}' "
                f"ในฐานข้อมูลนี้ ({state.fingerprint}) — the private key used"
                f" ({keys.fingerprint(public)}) is not the key of '{inspector}' in this database"
                f" ({state.fingerprint})"
            )
        contest = contest_for(s, row.id, contest_code)
        round_ids = list(s.scalars(select(m.Round.id).where(m.Round.contest_id == contest.id)))
        rows = list(
            s.scalars(
                select(m.Sheet)
                .where(
                    m.Sheet.inspector_id == row.id,
                    m.Sheet.conflict_of.is_(None),
                    m.Sheet.round_id.in_(round_ids),
                )
                .order_by(m.Sheet.id)
            )
        )
        if not rows:
            raise InputError(
                [
                    Problem(
                        f"'{inspector}' ยังไม่มีแบบประเมินในการประกวด {contest.code}"
                        f" — '{inspector}' has no sheets in contest {contest.code} to export"
                    )
                ]
            )
        data = read_sheets(s, rows)
        sheets = []
        for r in rows:
            sh = data[r.id]
            if sh.status == m.SheetStatus.LOCKED.value:
                # locked is the committee's state; the inspector hands the sheet on as submitted
                sh = SheetData(**{**sh.__dict__, "status": m.SheetStatus.SUBMITTED.value})
            sheets.append(sh)
        info = contest_info(s, contest)
        sheet_ids = [r.id for r in rows]

        def photo(digest: str) -> bytes:
            data = s.scalar(
                select(m.Photo.data)
                .where(m.Photo.sha256 == digest, m.Photo.sheet_id.in_(sheet_ids))
                .limit(1)
            )
            if data is None:
                raise NotFoundError(f"ไม่พบรูปภาพ {digest[:16]} — photo {digest[:16]} is missing")
            return bytes(data)

        built = build_package(
            out,
            inspector=inspector,
            private_key=private_key,
            contest=info,
            sheets=sheets,
            photos=photo,
        )
        checkpoints.checkpoint(
            s,
            actor.login,
            f"ส่งออกแพ็กเกจของ {inspector} — package exported ({built.package_id})",
            signing,
        )
    return ExportResult(
        path=built.path,
        inspector=inspector,
        contest=info.code,
        sheets=built.sheets,
        photos=built.photos,
        bytes=built.bytes,
        fingerprint=built.fingerprint,
        package_id=built.package_id,
    )


# --- import ----------------------------------------------------------------------------------


def _trusted_key(session: Session, package: Package) -> tuple[m.Inspector, bytes, bool]:
    """The inspector's registered key; True when it is only registered by fingerprint."""
    row = session.scalar(
        select(m.Inspector).where(m.Inspector.name == normalise(package.inspector))
    )
    if row is None:
        raise refuse(
            "unknown_inspector",
            f"ไม่มีผู้ประเมินชื่อ '{package.inspector}' ในฐานข้อมูลนี้"
            f" — no inspector named '{package.inspector}' in this database",
            package.file,
        )
    state = keys.key_state(row.public_key)
    if state.state == "none":
        raise refuse(
            "unregistered_key",
            f"ยังไม่ได้ลงทะเบียนกุญแจของ '{package.inspector}' (ลายนิ้วมือในแพ็กเกจ"
            f" {package.fingerprint}) ลงทะเบียนกุญแจที่ เมนู แฟ้ม › ลงทะเบียนกุญแจผู้ประเมิน…"
            " (หรือหน้า แพ็กเกจ แท็บ กุญแจผู้ประเมิน) แล้วนำเข้าแพ็กเกจนี้อีกครั้ง"
            f" — the key of '{package.inspector}' is not registered (the package's fingerprint:"
            f" {package.fingerprint}): register it in File › Register an"
            " inspector's key… (or the Packages view, Inspector keys tab; `keys register` from a"
            " script), then import this package again",
            package.file,
        )
    if state.state == "fingerprint":
        if state.fingerprint != package.fingerprint:
            raise refuse(
                "unregistered_key",
                f"แพ็กเกจลงนามด้วยกุญแจ {package.fingerprint} แต่ลายนิ้วมือที่ลงทะเบียนไว้ของ "
                f"'{package.inspector}' คือ {state.fingerprint}"
                f" — the package is signed by key {package.fingerprint}, but the registered"
                f" fingerprint of '{package.inspector}' is {state.fingerprint}",
                package.file,
            )
        return row, package.public_key, True
    assert state.public_raw is not None
    return row, state.public_raw, False


def _check_contest(session: Session, package: Package) -> m.Contest:
    contest = session.scalar(select(m.Contest).where(m.Contest.code == package.contest_code))
    if contest is None:
        codes = ", ".join(session.scalars(select(m.Contest.code))) or "-"
        raise refuse(
            "contest",
            f"แพ็กเกจนี้ทำสำหรับการประกวด '{package.contest_code}' ซึ่งไม่มีในฐานข้อมูลนี้ "
            f"(มี: {codes}) — the package is for contest '{package.contest_code}', which is not"
            f" in this database (there are: {codes})",
            package.file,
        )
    if contest.rubric_version != package.rubric_version:
        raise refuse(
            "rubric_version",
            f"แพ็กเกจให้คะแนนตามเกณฑ์รุ่น {package.rubric_version} แต่ฐานข้อมูลนี้ใช้เกณฑ์รุ่น "
            f"{contest.rubric_version} — the package is scored against rubric version"
            f" {package.rubric_version}, this database uses version {contest.rubric_version}",
            package.file,
        )
    return contest


def previous_import(session: Session, kind: str, digest: str) -> datetime | None:
    return session.scalar(
        select(m.ImportRecord.imported_at)
        .where(m.ImportRecord.kind == kind, m.ImportRecord.sha256 == digest)
        .order_by(m.ImportRecord.id)
        .limit(1)
    )


def sheet_outcomes(result: MergeResult) -> list[SheetOutcome]:
    """What a merge did with each sheet (a package's or a scoresheet's)."""
    out = []
    for e in result.sheets:
        outcome = Outcome(str(e["outcome"]))
        out.append(
            SheetOutcome(
                uuid=str(e["uuid"]),
                round=str(e["round"]),
                tambon_code=str(e["tambon_code"]),
                version=int(str(e["version"])),
                outcome=outcome.value,
                title=outcome.label,
                reason=str(e["reason"]),
                row=None if e.get("row") is None else str(e["row"]),
                conflict_of=None if e.get("conflict_of") is None else str(e["conflict_of"]),
                spread_removed=bool(e.get("spread_removed")),
            )
        )
    return out


def import_package(
    db: Database,
    user: UserInfo,
    path: Path,
    *,
    limits: Limits = DEFAULT_LIMITS,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportResult:
    """Verify a package completely, then merge it in one unit of work (see the module docstring).

    Raises PackageRefused (an InputError with a ``code``) with a clear reason when the package is
    malformed, altered, signed by a key that is not the inspector's registered key, or made for
    another contest or rubric version; nothing is changed then.
    """
    with db.transaction() as s:
        require(user_in(s, user.id), Action.IMPORT_PACKAGE)
    if progress:
        progress(0, 1, RESULT.text("checking"))
    package = read_package(Path(path), limits)
    with db.transaction() as s:
        lock_rounds(s)  # finalising waits for this import, or this one for it (db.locks)
        actor = user_in(s, user.id)
        require(actor, Action.IMPORT_PACKAGE)
        inspector, trusted, by_fingerprint = _trusted_key(s, package)
        check_signature(package, trusted)
        contest = _check_contest(s, package)
        if progress:
            progress(1, 1, RESULT.text("checking"))
        empty = ImportResult(
            kind="package",
            file=package.file,
            inspector=package.inspector,
            contest=contest.code,
            content_sha256=package.manifest_sha256,
            counts={o.value: 0 for o in Outcome},
            sheets=[],
            fingerprint=package.fingerprint,
            package_id=package.package_id,
        )
        previous = previous_import(s, "package", package.manifest_sha256)
        if previous is not None:
            return replace(empty, previously_imported=previous)
        ctx = load_context(s, contest.id, inspector)
        problems = check_against_context(package.sheets, ctx, s, package.file)
        if problems:
            raise PackageRefused(problems, "content")
        problems = check_assignments(s, ctx, package.sheets, package.file)
        if problems:
            raise PackageRefused(problems, "unassigned")
        planned = plan_package(s, ctx, package.sheets, package.file)

        def step(done: int, total: int, text: str) -> None:
            if cancelled is not None and cancelled():
                raise ImportCancelled("ยกเลิกการนำเข้าแล้ว ไม่มีการเปลี่ยนแปลง — cancelled")
            if progress:
                progress(done, total, text)

        reason = f"นำเข้าแพ็กเกจ {package.file} ({package.manifest_sha256[:16]})"
        result = apply(
            s,
            ctx,
            planned,
            package.photo,
            actor=actor.login,
            source=audit.Source.PACKAGE,
            reason=reason,
            origin=package.manifest_sha256,
            progress=step,
        )
        changes: list[audit.Change] = []
        if by_fingerprint:
            inspector.public_key = package.public_key
            changes.append(
                audit.Change(
                    "key.register",
                    "inspector",
                    inspector.name,
                    old={"fingerprint": package.fingerprint, "by": "fingerprint"},
                    new={"fingerprint": package.fingerprint, "by": "package"},
                    reason=f"กุญแจจากแพ็กเกจ {package.file} ตรงกับลายนิ้วมือที่ลงทะเบียนไว้",
                )
            )
        if changes:
            audit.record(s, actor.login, audit.Source.PACKAGE, changes)
        outcomes = sheet_outcomes(result)
        record_id = None
        wrote = (
            result.changed
            or by_fingerprint
            or any(o.outcome in (Outcome.RECEIVE.value, Outcome.LOCKED.value) for o in outcomes)
        )
        if wrote:
            record = m.ImportRecord(
                kind="package",
                filename=package.file,
                sha256=package.manifest_sha256,
                actor=actor.login,
                summary={
                    "inspector": package.inspector,
                    "fingerprint": package.fingerprint,
                    "package_id": package.package_id,
                    "contest": contest.code,
                    "file_sha256": package.file_sha256,
                    "created_at": package.created_at,
                    "counts": result.counts,
                    "key_registered": by_fingerprint,
                    "audit_head": audit.head_of_log(s),
                    "sheets": [e for e in result.sheets if e["outcome"] != Outcome.DUPLICATE.value],
                },
            )
            s.add(record)
            s.flush()
            record_id = record.id
        return replace(
            empty,
            counts=result.counts,
            sheets=outcomes,
            key_registered=by_fingerprint,
            import_id=record_id,
        )


# --- the list of imports ----------------------------------------------------------------------


@dataclass(frozen=True)
class ImportInfo:
    """One line of the list of imported packages and scoresheets, with what it changed."""

    id: int
    kind: str
    filename: str
    content_sha256: str
    imported_at: datetime
    actor: str
    inspector: str
    counts: dict[str, int]
    sheets: list[SheetOutcome]


SYNC_KINDS = ("package", "scoresheet")


def list_imports(db: Database, kinds: tuple[str, ...] = SYNC_KINDS) -> list[ImportInfo]:
    """The imported packages (and scoresheets), newest first, each with what it changed."""
    with db.transaction() as s:
        rows = s.scalars(
            select(m.ImportRecord)
            .where(m.ImportRecord.kind.in_(kinds))
            .order_by(m.ImportRecord.id.desc())
        )
        out = []
        for r in rows:
            summary = r.summary or {}
            raw_counts = summary.get("counts")
            counts = (
                {str(k): int(str(v)) for k, v in raw_counts.items()}
                if isinstance(raw_counts, dict)
                else {}
            )
            raw_sheets = summary.get("sheets")
            sheets = []
            if isinstance(raw_sheets, list):
                for e in raw_sheets:
                    if not isinstance(e, dict):
                        continue
                    outcome = Outcome(str(e.get("outcome")))
                    sheets.append(
                        SheetOutcome(
                            uuid=str(e.get("uuid")),
                            round=str(e.get("round")),
                            tambon_code=str(e.get("tambon_code")),
                            version=int(str(e.get("version", 0))),
                            outcome=outcome.value,
                            title=outcome.label,
                            reason=str(e.get("reason", "")),
                            row=None if e.get("row") is None else str(e.get("row")),
                            conflict_of=(
                                None if e.get("conflict_of") is None else str(e.get("conflict_of"))
                            ),
                        )
                    )
            out.append(
                ImportInfo(
                    id=r.id,
                    kind=r.kind,
                    filename=r.filename,
                    content_sha256=r.sha256,
                    imported_at=r.imported_at,
                    actor=r.actor,
                    inspector=str(summary.get("inspector", "")),
                    counts=counts,
                    sheets=sheets,
                )
            )
        return out


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes, read a block at a time."""
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
