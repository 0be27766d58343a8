"""Field work services: inspector keys, package export and import, imports list, conflicts.

The UI and the CLI call these; each takes a :class:`~evaluator.db.Database` and plain values and
returns plain dataclasses. An import reads and verifies the whole package first (structure,
member hashes, signature by the inspector's registered key, contest and rubric version, every
reference) and only then merges it, all in one unit of work: a refused or failed import changes
nothing, and importing the same package again changes nothing the second time.

Sheets of a finalised round are never changed: an import *skips* them (outcome ``locked``),
reports them and writes a ``sync.refused`` audit entry, and merges the rest of the package; an
inspector's package always carries all their sheets, so refusing the whole package would block
the sheets of the rounds still open.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
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
from evaluator.services.audit_log import head_of_log
from evaluator.sync import keys, merge
from evaluator.sync.package import (
    DEFAULT_LIMITS,
    ContestInfo,
    Limits,
    Package,
    PackageRefused,
    build_package,
    check_signature,
    read_package,
    refuse,
)

Progress = Callable[[str, int, int], None]
"""``progress(stage, done, total)``: stage is ``"verify"`` or ``"merge"``."""
Cancelled = Callable[[], bool]


class ImportCancelled(EvaluatorError):
    """The user cancelled an import; nothing was changed."""


# --- keys ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class KeyInfo:
    """An inspector's key as this database knows it."""

    inspector: str
    state: str  # "none" | "key" | "fingerprint" (registered by fingerprint, key not seen yet)
    fingerprint: str | None
    key_path: Path | None = None


def find_inspector(session: Session, name: str) -> m.Inspector:
    row = session.scalar(select(m.Inspector).where(m.Inspector.name == name))
    if row is None:
        raise NotFoundError(f"ไม่พบผู้ประเมินชื่อ '{name}' — no inspector named '{name}'")
    return row


def _key_info(row: m.Inspector, path: Path | None = None) -> KeyInfo:
    state = keys.key_state(row.public_key)
    return KeyInfo(row.name, state.state, state.fingerprint, path)


def generate_inspector_key(
    db: Database,
    inspector: str,
    passphrase: bytes,
    *,
    key_path: Path | None = None,
    overwrite: bool = False,
    actor: str = "",
) -> KeyInfo:
    """Make the inspector's key pair on this machine: the private key (encrypted) goes to
    ``key_path`` (default: the user's data folder), the public key into this database."""
    path = key_path or keys.default_key_path(inspector)
    with db.transaction() as s:
        row = find_inspector(s, inspector)
        pair = keys.generate(passphrase)
        keys.write_private_key(path, pair.private_pem, overwrite=overwrite)
        old = keys.key_state(row.public_key).fingerprint
        row.public_key = pair.public_raw
        audit.record(
            s,
            actor or inspector,
            audit.Source.KEYBOARD,
            [
                audit.Change(
                    "key.generate",
                    "inspector",
                    inspector,
                    old=None if old is None else {"fingerprint": old},
                    new={"fingerprint": pair.fingerprint},
                    reason="สร้างกุญแจของผู้ประเมินบนเครื่องนี้",
                )
            ],
        )
        return _key_info(row, path)


def public_key_file(db: Database, inspector: str) -> bytes:
    """The public-key file of an inspector whose key this database holds."""
    with db.transaction() as s:
        row = find_inspector(s, inspector)
        state = keys.key_state(row.public_key)
        if state.public_raw is None:
            raise EvaluatorError(
                f"ยังไม่มีกุญแจของ '{inspector}' ในฐานข้อมูลนี้ (สร้างด้วย keys generate)"
                f" — no key for '{inspector}' here (make one with `keys generate`)"
            )
        return keys.public_key_file(state.public_raw, inspector)


def _register(
    db: Database, inspector: str, stored: bytes, fp: str, actor: str, replace: bool, how: str
) -> KeyInfo:
    with db.transaction() as s:
        row = find_inspector(s, inspector)
        before = keys.key_state(row.public_key)
        if before.fingerprint == fp and (before.state == "key" or how == "fingerprint"):
            return _key_info(row)  # already registered: nothing to change
        if before.state != "none" and before.fingerprint != fp and not replace:
            raise EvaluatorError(
                f"'{inspector}' มีกุญแจที่ลงทะเบียนไว้แล้ว ({before.fingerprint}) "
                "ใช้ --replace หากต้องการเปลี่ยนกุญแจ"
                f" — '{inspector}' already has a registered key; use --replace to change it"
            )
        row.public_key = stored
        audit.record(
            s,
            actor,
            audit.Source.KEYBOARD,
            [
                audit.Change(
                    "key.register",
                    "inspector",
                    inspector,
                    old=None if before.fingerprint is None else {"fingerprint": before.fingerprint},
                    new={"fingerprint": fp, "by": how},
                    reason="ลงทะเบียนกุญแจสาธารณะของผู้ประเมิน",
                )
            ],
        )
        return _key_info(row)


def register_public_key(
    db: Database, inspector: str, data: bytes, *, actor: str, replace: bool = False, file: str = ""
) -> KeyInfo:
    """Register an inspector's public key from the bytes of their public-key file."""
    raw = keys.read_public_key(data, file)
    return _register(db, inspector, raw, keys.fingerprint(raw), actor, replace, "file")


def register_fingerprint(
    db: Database, inspector: str, fingerprint: str, *, actor: str, replace: bool = False
) -> KeyInfo:
    """Register an inspector by the fingerprint of their key (read aloud); the key itself is
    taken from their first package whose key has exactly this fingerprint."""
    fp = keys.normalise_fingerprint(fingerprint)
    return _register(db, inspector, keys.pending_marker(fp), fp, actor, replace, "fingerprint")


def list_keys(db: Database) -> list[KeyInfo]:
    """Every inspector with the state of their key."""
    with db.transaction() as s:
        return [_key_info(r) for r in s.scalars(select(m.Inspector).order_by(m.Inspector.name))]


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
        return [
            f"ส่งออกแพ็กเกจ {self.path}: แบบประเมิน {self.sheets} ฉบับ รูปภาพ {self.photos} รูป "
            f"({self.bytes:,} ไบต์)",
            f"ลงนามโดย {self.inspector} กุญแจ {self.fingerprint}",
        ]


def contest_for(session: Session, inspector_id: int, code: str | None) -> m.Contest:
    if code is not None:
        contest = session.scalar(select(m.Contest).where(m.Contest.code == code))
        if contest is None:
            raise NotFoundError(f"ไม่พบการประกวดรหัส '{code}' — no contest '{code}'")
        return contest
    ids = set(
        session.scalars(
            select(m.Round.contest_id)
            .join(m.Sheet, m.Sheet.round_id == m.Round.id)
            .where(m.Sheet.inspector_id == inspector_id)
        )
    )
    if not ids:
        ids = set(session.scalars(select(m.Contest.id)))
    if len(ids) != 1:
        raise InputError(
            [
                Problem(
                    "มีการประกวดมากกว่าหนึ่งรายการ ระบุด้วย --contest"
                    " — more than one contest: name one with --contest",
                    field="contest",
                )
            ]
        )
    return session.get_one(m.Contest, ids.pop())


def contest_info(session: Session, contest: m.Contest) -> ContestInfo:
    criteria = session.scalars(
        select(m.Criterion)
        .where(m.Criterion.contest_id == contest.id)
        .order_by(m.Criterion.position, m.Criterion.id)
    )
    return ContestInfo(
        contest.code,
        contest.title,
        contest.rubric_version,
        tuple((c.code, c.max_score) for c in criteria),
    )


def export_package(
    db: Database,
    inspector: str,
    out: Path,
    private_key: Ed25519PrivateKey,
    *,
    contest_code: str | None = None,
    user: UserInfo | None = None,
) -> ExportResult:
    """Write a signed package of every sheet of ``inspector`` in one contest."""
    if user is not None and user.inspector_name != inspector:
        require(user, Action.EXPORT_ANY_PACKAGE)
    elif user is not None:
        require(user, Action.EXPORT_OWN_PACKAGE)
    with db.transaction() as s:
        row = find_inspector(s, inspector)
        public = keys.public_raw(private_key)
        state = keys.key_state(row.public_key)
        if state.public_raw is not None and state.public_raw != public:
            raise EvaluatorError(
                f"กุญแจส่วนตัวที่ใช้ ({keys.fingerprint(public)}) ไม่ตรงกับกุญแจของ '{inspector}' "
                f"ในฐานข้อมูลนี้ ({state.fingerprint}) — the private key is not this inspector's"
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
                        " — this inspector has no sheets to export"
                    )
                ]
            )
        data = merge.read_sheets(s, rows)
        sheets = []
        for r in rows:
            sh = data[r.id]
            if sh.status == m.SheetStatus.LOCKED.value:
                # locked is the committee's state; the inspector hands the sheet on as submitted
                sh = merge.SheetData(**{**sh.__dict__, "status": m.SheetStatus.SUBMITTED.value})
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
                raise NotFoundError(f"ไม่พบรูปภาพ {digest[:16]} — a photo is missing")
            return bytes(data)

        built = build_package(
            out,
            inspector=inspector,
            private_key=private_key,
            contest=info,
            sheets=sheets,
            photos=photo,
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


@dataclass(frozen=True)
class SheetOutcome:
    """What an import did with one sheet."""

    uuid: str
    round: str
    tambon_code: str
    version: int
    outcome: str
    title: str
    reason: str
    row: str | None = None
    conflict_of: str | None = None


@dataclass(frozen=True)
class ImportResult:
    """What an import of a package (or an Excel scoresheet) did."""

    kind: str
    file: str
    inspector: str
    contest: str
    content_sha256: str
    counts: dict[str, int]
    sheets: list[SheetOutcome]
    fingerprint: str | None = None
    package_id: str | None = None
    key_registered: bool = False
    previously_imported: datetime | None = None
    import_id: int | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(self.counts.get(o.value, 0) for o in merge.Outcome if o.changes)

    @property
    def conflicts(self) -> list[SheetOutcome]:
        return [s for s in self.sheets if s.outcome == merge.Outcome.CONFLICT.value]

    @property
    def skipped(self) -> list[SheetOutcome]:
        return [s for s in self.sheets if s.outcome == merge.Outcome.LOCKED.value]

    def lines(self) -> list[str]:
        """The result in Thai, one fact per line, for the CLI and the UI."""
        if self.previously_imported is not None:
            when = self.previously_imported.strftime("%Y-%m-%d %H:%M")
            return [
                f"{self.file}: นำเข้าแล้วเมื่อ {when} (UTC) ไม่มีอะไรเปลี่ยนแปลง"
                " — imported before; nothing changed"
            ]
        total = sum(self.counts.values())
        out = [f"นำเข้า {self.file} ของ {self.inspector}: แบบประเมิน {total} ฉบับ"]
        for outcome in merge.Outcome:
            n = self.counts.get(outcome.value, 0)
            if n:
                out.append(f"  {outcome.label} ({outcome.value}): {n}")
        if self.key_registered and self.fingerprint:
            out.append(f"ลงทะเบียนกุญแจ {self.fingerprint} ของ {self.inspector} จากแพ็กเกจนี้แล้ว")
        for sh in self.conflicts:
            out.append(
                f"  ขัดแย้ง — conflict: รอบ {sh.round} ตำบล {sh.tambon_code} แบบประเมิน "
                f"{sh.conflict_of} (ฉบับที่รับมา {sh.row})"
            )
        for sh in self.skipped:
            out.append(
                f"  ไม่เปลี่ยนแปลง — skipped: รอบ {sh.round} ตำบล {sh.tambon_code}: {sh.reason}"
            )
        if not self.changed:
            out.append("ไม่มีแบบประเมินใดเปลี่ยนแปลง — no sheet changed")
        return out


def _trusted_key(session: Session, package: Package) -> tuple[m.Inspector, bytes, bool]:
    """The inspector's registered key; True when it is only registered by fingerprint."""
    row = session.scalar(select(m.Inspector).where(m.Inspector.name == package.inspector))
    if row is None:
        raise refuse(
            "unknown_inspector",
            f"ไม่มีผู้ประเมินชื่อ '{package.inspector}' ในฐานข้อมูลนี้"
            " — the package's inspector is not known here",
            package.file,
        )
    state = keys.key_state(row.public_key)
    if state.state == "none":
        raise refuse(
            "unregistered_key",
            f"ยังไม่ได้ลงทะเบียนกุญแจของ '{package.inspector}' (กุญแจในแพ็กเกจ {package.fingerprint})"
            " ลงทะเบียนด้วย keys register ก่อน"
            " — the inspector's key is not registered; register it with `keys register`",
            package.file,
        )
    if state.state == "fingerprint":
        if state.fingerprint != package.fingerprint:
            raise refuse(
                "unregistered_key",
                f"แพ็กเกจลงนามด้วยกุญแจ {package.fingerprint} แต่ลายนิ้วมือที่ลงทะเบียนไว้ของ "
                f"'{package.inspector}' คือ {state.fingerprint}"
                " — signed by a key whose fingerprint is not the registered one",
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
            f"(มี: {codes}) — the package is for another contest",
            package.file,
        )
    if contest.rubric_version != package.rubric_version:
        raise refuse(
            "rubric_version",
            f"แพ็กเกจให้คะแนนตามเกณฑ์รุ่น {package.rubric_version} แต่ฐานข้อมูลนี้ใช้เกณฑ์รุ่น "
            f"{contest.rubric_version} — scored against another rubric version",
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


def _outcomes(result: merge.MergeResult) -> list[SheetOutcome]:
    out = []
    for e in result.sheets:
        outcome = merge.Outcome(str(e["outcome"]))
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
            )
        )
    return out


def import_package(
    db: Database,
    path: Path,
    *,
    actor: str,
    limits: Limits = DEFAULT_LIMITS,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    user: UserInfo | None = None,
) -> ImportResult:
    """Verify a package completely, then merge it in one unit of work (see the module docstring).

    Raises PackageRefused (an InputError with a ``code``) with a clear reason when the package is
    malformed, altered, signed by a key that is not the inspector's registered key, or made for
    another contest or rubric version; nothing is changed then.
    """
    if user is not None:
        require(user, Action.IMPORT_PACKAGE)
    if progress:
        progress("verify", 0, 1)
    package = read_package(Path(path), limits)
    with db.transaction() as s:
        lock_rounds(s)  # finalising waits for this import, or this one for it (db.locks)
        inspector, trusted, by_fingerprint = _trusted_key(s, package)
        check_signature(package, trusted)
        contest = _check_contest(s, package)
        if progress:
            progress("verify", 1, 1)
        empty = ImportResult(
            kind="package",
            file=package.file,
            inspector=package.inspector,
            contest=contest.code,
            content_sha256=package.manifest_sha256,
            counts={o.value: 0 for o in merge.Outcome},
            sheets=[],
            fingerprint=package.fingerprint,
            package_id=package.package_id,
        )
        previous = previous_import(s, "package", package.manifest_sha256)
        if previous is not None:
            return replace(empty, previously_imported=previous)
        ctx = merge.load_context(s, contest.id, inspector)
        problems = merge.check_against_context(package.sheets, ctx, s, package.file)
        if problems:
            raise PackageRefused(problems, "content")
        planned = merge.plan_package(s, ctx, package.sheets, package.file)

        def step(done: int, total: int) -> None:
            if cancelled is not None and cancelled():
                raise ImportCancelled("ยกเลิกการนำเข้าแล้ว ไม่มีการเปลี่ยนแปลง — cancelled")
            if progress:
                progress("merge", done, total)

        reason = f"นำเข้าแพ็กเกจ {package.file} ({package.manifest_sha256[:16]})"
        result = merge.apply(
            s,
            ctx,
            planned,
            package.photo,
            actor=actor,
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
            audit.record(s, actor, audit.Source.PACKAGE, changes)
        outcomes = _outcomes(result)
        record_id = None
        wrote = (
            result.changed
            or by_fingerprint
            or any(
                o.outcome in (merge.Outcome.RECEIVE.value, merge.Outcome.LOCKED.value)
                for o in outcomes
            )
        )
        if wrote:
            record = m.ImportRecord(
                kind="package",
                filename=package.file,
                sha256=package.manifest_sha256,
                actor=actor,
                summary={
                    "inspector": package.inspector,
                    "fingerprint": package.fingerprint,
                    "package_id": package.package_id,
                    "contest": contest.code,
                    "file_sha256": package.file_sha256,
                    "created_at": package.created_at,
                    "counts": result.counts,
                    "key_registered": by_fingerprint,
                    "audit_head": head_of_log(s),
                    "sheets": [
                        e for e in result.sheets if e["outcome"] != merge.Outcome.DUPLICATE.value
                    ],
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


# --- imports and conflicts -------------------------------------------------------------------


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
                    outcome = merge.Outcome(str(e.get("outcome")))
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


def list_conflicts(db: Database) -> list[merge.Conflict]:
    """Every sheet with open conflict copies: its current content and each copy's content."""
    with db.transaction() as s:
        return merge.conflicts(s)


def resolve_conflict(
    db: Database,
    sheet_uuid: str,
    keep_row: str,
    reason: str,
    *,
    actor: str,
    user: UserInfo | None = None,
) -> merge.Resolution:
    """Choose which content a sheet in conflict keeps (``keep_row``: the sheet's own uuid to keep
    the current content, or a copy's uuid); the reason is written to the audit log."""
    from evaluator.services.rounds import ensure_round_open

    if user is not None:
        require(user, Action.RESOLVE_CONFLICT)
    with db.transaction() as s:
        round_id = s.scalar(select(m.Sheet.round_id).where(m.Sheet.uuid == sheet_uuid))
        if round_id is not None:
            ensure_round_open(s, round_id, actor, audit.Source.KEYBOARD, attempted=sheet_uuid)
        return merge.resolve(s, sheet_uuid, keep_row, reason, actor)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
