"""Merging sheets that come from inspectors (packages, Excel scoresheets) into a database.

The decision for each incoming sheet is a pure function of plain data (:func:`decide_package`,
:func:`decide_scoresheet`); :func:`apply` then carries the decisions out in the caller's unit of
work, with an audit entry for every change.

Versions and lineages
    A sheet is known everywhere by its ``uuid``. Every saved change bumps ``version``; an edit does
    not touch ``base_version`` (the services in ``evaluator.services.sheets`` work so). An inspector
    is the only author of the versions in their packages, so the versions of one uuid they send
    form one line: a higher version descends from every lower one.

    What this database has *received* of a uuid (version → content hash) is remembered in the
    audit log: every sync entry (actions ``sync.*``) names the uuid and the version and content
    hash it received. The local sheet is *clean* when its content is still the content of the
    last version received; then a newer version simply replaces it. When a committee member has
    changed the sheet since (it is *dirty*), a newer version is kept beside it as a conflict copy
    (a ``Sheet`` row with a fresh uuid and ``conflict_of`` = the sheet's uuid) until somebody
    resolves the conflict with a reason (:func:`resolve`). Nothing is ever dropped silently:
    a conflict copy that loses is kept, marked ``locked`` (superseded), and the audit log holds
    both contents.

The rules for a package's sheet (``iv``/``ih``: incoming version and content hash):
    * round finalised or sheet locked: never changed (outcome ``locked``, reported, logged);
    * unknown uuid: inserted; but when this inspector already has another sheet for the same
      tambon and round (a *twin*, e.g. from an Excel import), it becomes a conflict copy of it;
    * ``(iv, ih)`` received before, or the content is already here or in an open conflict copy:
      nothing changes (``duplicate``); same content under a new version: only remembered
      (``receive``);
    * never received anything of this uuid (both databases began as copies of one, like two
      copies of the demo): replace when the incoming version is newer and the audit log shows no
      change made to the sheet here, or when ``base_version`` equals the local version (the
      inspector started from what we have); else conflict;
    * ``iv`` lower than the last version received ``R``: an older package (``stale``), nothing;
    * ``iv == R`` with other content: the inspector's history forked (a restored backup): conflict;
    * ``iv > R``: replace when the local sheet is clean, else conflict.

Conflict copies never count in rankings: every reader filters ``conflict_of IS NULL``.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session, defer

from evaluator import audit
from evaluator.db import models as m
from evaluator.errors import EvaluatorError, InputError, LockedError, NotFoundError, Problem

UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
SHA256_RE = re.compile(r"^[0-9a-f]{64}$")
SYNC_ACTIONS = ("sync.insert", "sync.replace", "sync.conflict", "sync.receive")
PACKAGE_STATUSES = ("draft", "submitted")
PHOTO_TYPES = ("image/jpeg", "image/png", "image/gif", "image/webp")
MAX_TEXT = 20_000


# --- plain data ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScoreData:
    """The score of one criterion (by code) with its note."""

    criterion: str
    value: float
    note: str = ""


@dataclass(frozen=True)
class PhotoData:
    """A photo of a sheet, by content hash (the bytes travel separately)."""

    sha256: str
    filename: str
    mime_type: str = "image/jpeg"
    caption: str = ""
    criterion: str | None = None


@dataclass(frozen=True)
class SheetData:
    """One sheet as plain data: identity, versions, and content (status, notes, scores, photos)."""

    uuid: str
    round: str
    tambon_code: str
    inspector: str
    status: str
    version: int
    base_version: int
    note: str = ""
    scores: tuple[ScoreData, ...] = ()
    photos: tuple[PhotoData, ...] = ()
    created_at: str | None = None
    updated_at: str | None = None
    submitted_at: str | None = None

    def content(self) -> dict[str, object]:
        """What a merge compares: status, note, scores and photos, in a canonical order."""
        return {
            "status": self.status,
            "note": self.note,
            "scores": [
                [s.criterion, float(s.value), s.note]
                for s in sorted(self.scores, key=lambda s: s.criterion)
            ],
            "photos": sorted(
                [p.sha256, p.filename, p.mime_type, p.caption, p.criterion or ""]
                for p in self.photos
            ),
        }

    def content_hash(self) -> str:
        return hashlib.sha256(canonical_json(self.content())).hexdigest()

    def to_json(self) -> dict[str, object]:
        return {
            "uuid": self.uuid,
            "round": self.round,
            "tambon_code": self.tambon_code,
            "inspector": self.inspector,
            "status": self.status,
            "version": self.version,
            "base_version": self.base_version,
            "note": self.note,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "submitted_at": self.submitted_at,
            "scores": [
                {"criterion": s.criterion, "value": float(s.value), "note": s.note}
                for s in self.scores
            ],
            "photos": [
                {
                    "sha256": p.sha256,
                    "filename": p.filename,
                    "mime_type": p.mime_type,
                    "caption": p.caption,
                    "criterion": p.criterion,
                }
                for p in self.photos
            ],
        }

    def snapshot(self) -> dict[str, object]:
        """The sheet as the audit log keeps it: everything needed to rebuild its content."""
        return {
            "uuid": self.uuid,
            "round": self.round,
            "tambon_code": self.tambon_code,
            "inspector": self.inspector,
            "version": self.version,
            "base_version": self.base_version,
            "hash": self.content_hash(),
            "status": self.status,
            "note": self.note,
            "scores": {s.criterion: {"value": float(s.value), "note": s.note} for s in self.scores},
            "photos": [
                {
                    "sha256": p.sha256,
                    "filename": p.filename,
                    "mime_type": p.mime_type,
                    "caption": p.caption,
                    "criterion": p.criterion,
                }
                for p in self.photos
            ],
        }


def canonical_json(value: object) -> bytes:
    """The one byte form of a JSON value: sorted keys, no spaces, UTF-8."""
    return json.dumps(
        value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False
    ).encode("utf-8")


def _iso(at: datetime | None) -> str | None:
    return None if at is None else at.isoformat()


def parse_time(text: str | None) -> datetime | None:
    """An ISO date-time as an aware datetime (UTC when the text has no offset)."""
    if text is None:
        return None
    at = datetime.fromisoformat(text)
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


# --- reading sheets from JSON (packages) -----------------------------------------------------


class _Checker:
    def __init__(self, file: str, problems: list[Problem]) -> None:
        self.file = file
        self.problems = problems

    def fail(self, where: str, message: str) -> None:
        self.problems.append(Problem(message, file=self.file, field=where))

    def text(
        self, obj: Mapping[str, object], key: str, where: str, *, optional: bool = False
    ) -> str | None:
        value = obj.get(key)
        if value is None and optional:
            return None
        if not isinstance(value, str) or len(value) > MAX_TEXT:
            self.fail(f"{where}.{key}", "ต้องเป็นข้อความ — must be a text")
            return None
        return value

    def integer(self, obj: Mapping[str, object], key: str, where: str, minimum: int) -> int | None:
        value = obj.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.fail(
                f"{where}.{key}",
                f"ต้องเป็นจำนวนเต็มตั้งแต่ {minimum} — must be an integer ≥ {minimum}",
            )
            return None
        return value


def sheet_from_json(
    obj: object, index: int, file: str, problems: list[Problem]
) -> SheetData | None:
    """A sheet of a package's ``sheets.json``, checked field by field; problems are appended."""
    where = f"sheets[{index}]"
    ck = _Checker(file, problems)
    if not isinstance(obj, dict):
        ck.fail(where, "ต้องเป็นออบเจกต์ JSON — must be an object")
        return None
    before = len(problems)
    uuid = ck.text(obj, "uuid", where)
    if uuid is not None and not UUID_RE.match(uuid):
        ck.fail(f"{where}.uuid", "รหัส uuid ไม่ถูกต้อง — not a uuid")
    round_code = ck.text(obj, "round", where)
    tambon = ck.text(obj, "tambon_code", where)
    if tambon is not None and not re.fullmatch(r"\d{6}", tambon):
        ck.fail(f"{where}.tambon_code", "รหัสตำบลต้องเป็นตัวเลข 6 หลัก — must be 6 digits")
    inspector = ck.text(obj, "inspector", where)
    status = ck.text(obj, "status", where)
    if status is not None and status not in PACKAGE_STATUSES:
        ck.fail(f"{where}.status", f"สถานะ '{status}' ไม่ถูกต้อง — status must be draft or submitted")
    version = ck.integer(obj, "version", where, 1)
    base = ck.integer(obj, "base_version", where, 0)
    if version is not None and base is not None and base >= version:
        ck.fail(
            f"{where}.base_version",
            "base_version ต้องน้อยกว่า version — base_version must be lower than version",
        )
    note = ck.text(obj, "note", where)
    stamps: dict[str, str | None] = {}
    for key in ("created_at", "updated_at", "submitted_at"):
        stamp = ck.text(obj, key, where, optional=True)
        if stamp is not None:
            try:
                parse_time(stamp)
            except ValueError:
                ck.fail(f"{where}.{key}", "วันเวลาไม่ถูกต้อง — not an ISO date-time")
        stamps[key] = stamp
    scores: list[ScoreData] = []
    raw_scores = obj.get("scores")
    if not isinstance(raw_scores, list):
        ck.fail(f"{where}.scores", "ต้องเป็นรายการ — must be a list")
        raw_scores = []
    seen: set[str] = set()
    for j, sc in enumerate(raw_scores):
        sw = f"{where}.scores[{j}]"
        if not isinstance(sc, dict):
            ck.fail(sw, "ต้องเป็นออบเจกต์ JSON — must be an object")
            continue
        code = ck.text(sc, "criterion", sw)
        value = sc.get("value")
        if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
            ck.fail(f"{sw}.value", "คะแนนต้องเป็นตัวเลข — the score must be a number")
            value = None
        snote = ck.text(sc, "note", sw)
        if code is not None and code in seen:
            ck.fail(sw, f"เกณฑ์ {code} ซ้ำ — criterion {code} appears twice")
        if code is not None:
            seen.add(code)
        if code is not None and value is not None and snote is not None:
            scores.append(ScoreData(code, float(value), snote))
    photos: list[PhotoData] = []
    raw_photos = obj.get("photos")
    if not isinstance(raw_photos, list):
        ck.fail(f"{where}.photos", "ต้องเป็นรายการ — must be a list")
        raw_photos = []
    for j, ph in enumerate(raw_photos):
        pw = f"{where}.photos[{j}]"
        if not isinstance(ph, dict):
            ck.fail(pw, "ต้องเป็นออบเจกต์ JSON — must be an object")
            continue
        digest = ck.text(ph, "sha256", pw)
        if digest is not None and not SHA256_RE.match(digest):
            ck.fail(f"{pw}.sha256", "ไม่ใช่ค่า SHA-256 — not a SHA-256 digest")
        filename = ck.text(ph, "filename", pw)
        mime = ck.text(ph, "mime_type", pw)
        caption = ck.text(ph, "caption", pw)
        crit = ck.text(ph, "criterion", pw, optional=True)
        if filename is not None and not 0 < len(filename) <= 300:
            ck.fail(f"{pw}.filename", "ชื่อไฟล์ยาวเกิน 300 ตัวอักษร — a bad file name")
            filename = None
        if mime is not None and mime not in PHOTO_TYPES:
            ck.fail(f"{pw}.mime_type", f"ชนิดไฟล์ '{mime}' ไม่ใช่รูปภาพ — not an image type")
            mime = None
        if digest and filename is not None and mime is not None and caption is not None:
            photos.append(PhotoData(digest, filename, mime, caption, crit))
    if len(problems) > before:
        return None
    assert uuid and round_code and tambon and inspector is not None and status
    assert version is not None and base is not None and note is not None
    return SheetData(
        uuid=uuid,
        round=round_code,
        tambon_code=tambon,
        inspector=inspector,
        status=status,
        version=version,
        base_version=base,
        note=note,
        scores=tuple(scores),
        photos=tuple(photos),
        created_at=stamps["created_at"],
        updated_at=stamps["updated_at"],
        submitted_at=stamps["submitted_at"],
    )


# --- the decision ----------------------------------------------------------------------------


class Outcome(StrEnum):
    """What a merge does with one incoming sheet."""

    INSERT = "insert"
    REPLACE = "replace"
    CONFLICT = "conflict"
    RECEIVE = "receive"
    DUPLICATE = "duplicate"
    STALE = "stale"
    LOCKED = "locked"

    @property
    def changes(self) -> bool:
        return self in (Outcome.INSERT, Outcome.REPLACE, Outcome.CONFLICT)

    @property
    def label(self) -> str:
        """The outcome in Thai."""
        return OUTCOME_TITLES[self]


OUTCOME_TITLES = {
    Outcome.INSERT: "แบบประเมินใหม่",
    Outcome.REPLACE: "ปรับเป็นฉบับใหม่กว่า",
    Outcome.CONFLICT: "ขัดแย้ง เก็บไว้ทั้งสองฉบับ",
    Outcome.RECEIVE: "เนื้อหาเดิม บันทึกรุ่นไว้",
    Outcome.DUPLICATE: "เคยรับแล้ว ไม่เปลี่ยนแปลง",
    Outcome.STALE: "เก่ากว่าฉบับที่มีอยู่ ไม่เปลี่ยนแปลง",
    Outcome.LOCKED: "รอบนี้ยืนยันผลแล้ว ไม่เปลี่ยนแปลง",
}


@dataclass(frozen=True)
class Target:
    """The local sheet an incoming sheet merges into (same uuid, or a twin)."""

    uuid: str
    version: int
    base_version: int
    content_hash: str
    locked: bool


@dataclass(frozen=True)
class Decision:
    outcome: Outcome
    reason: str


def decide_package(
    incoming_uuid: str,
    version: int,
    base_version: int,
    content_hash: str,
    target: Target | None,
    received: Mapping[int, frozenset[str]],
    challengers: frozenset[str],
    round_final: bool,
    changed_here: bool = True,
) -> Decision:
    """What to do with one sheet of a signed package (see the module docstring).

    ``changed_here``: whether the audit log holds a change to the local sheet made here (only
    looked at while nothing of this uuid was ever received, as when both databases started as
    copies of one).
    """
    here = target is not None and target.content_hash == content_hash
    if content_hash in received.get(version, frozenset()):
        return Decision(Outcome.DUPLICATE, "ฉบับนี้เคยรับแล้ว — this version was received before")
    if round_final or (target is not None and target.locked):
        if here:
            return Decision(Outcome.DUPLICATE, "เนื้อหาเหมือนเดิม — same content")
        return Decision(
            Outcome.LOCKED,
            "รอบนี้ยืนยันผลแล้ว แบบประเมินแก้ไขไม่ได้ — the round is finalised; the sheet is locked",
        )
    if target is None:
        return Decision(Outcome.INSERT, "แบบประเมินใหม่ — a new sheet")
    if here:
        return Decision(Outcome.RECEIVE, "เนื้อหาเหมือนที่มีอยู่ — the content is already here")
    if content_hash in challengers:
        return Decision(Outcome.DUPLICATE, "อยู่ในรายการขัดแย้งแล้ว — already kept as a conflict")
    twin = target.uuid != incoming_uuid
    if not received:
        if not twin and version > target.version and not changed_here:
            return Decision(
                Outcome.REPLACE,
                "รุ่นใหม่กว่า และไม่มีการแก้ไขที่นี่ — a newer version; never changed here",
            )
        if not twin and base_version == target.version:
            return Decision(
                Outcome.REPLACE,
                "ผู้ประเมินแก้จากฉบับที่ตรงกับที่มีอยู่ — edited from the version held here",
            )
        reason = (
            "ผู้ประเมินคนเดียวกันมีแบบประเมินอีกฉบับของตำบลนี้ในรอบนี้"
            " — the inspector already has another sheet for this tambon and round"
            if twin
            else "แก้ไขทั้งสองฝั่งจากฉบับเดียวกัน — both sides changed the sheet"
        )
        return Decision(Outcome.CONFLICT, reason)
    last = max(received)
    if version < last:
        return Decision(
            Outcome.STALE,
            f"รุ่น {version} เก่ากว่ารุ่น {last} ที่เคยรับ — older than version {last} received",
        )
    if version == last:
        return Decision(
            Outcome.CONFLICT,
            f"รุ่น {version} เดียวกันแต่เนื้อหาต่างกัน — same version {version}, other content",
        )
    if target.content_hash in received[last]:
        return Decision(Outcome.REPLACE, f"รุ่นใหม่กว่า ({last} → {version}) — a newer version")
    return Decision(
        Outcome.CONFLICT,
        "คณะกรรมการแก้ไขแบบประเมินนี้หลังรับรุ่นก่อน และผู้ประเมินก็แก้ไขด้วย"
        " — changed here and by the inspector since the last version received",
    )


def decide_scoresheet(
    content_hash: str,
    base_hash: str | None,
    target: Target | None,
    received: frozenset[str],
    challengers: frozenset[str],
    round_final: bool,
) -> Decision:
    """What to do with one sheet of an Excel scoresheet: a three-way merge against the content
    it was exported with (``base_hash``; None for a sheet that did not exist then).

    ``received``: contents already taken from this same workbook (a second import is a no-op).
    """
    if base_hash is not None and content_hash == base_hash:
        return Decision(Outcome.DUPLICATE, "ไม่ได้แก้ไขในไฟล์ — unchanged in the workbook")
    here = target is not None and target.content_hash == content_hash
    if here or content_hash in received or content_hash in challengers:
        return Decision(Outcome.DUPLICATE, "เคยรับแล้ว — already here")
    if round_final or (target is not None and target.locked):
        return Decision(
            Outcome.LOCKED,
            "รอบนี้ยืนยันผลแล้ว แบบประเมินแก้ไขไม่ได้ — the round is finalised; the sheet is locked",
        )
    if target is None:
        return Decision(Outcome.INSERT, "แบบประเมินใหม่ — a new sheet")
    if base_hash is not None and target.content_hash == base_hash:
        return Decision(
            Outcome.REPLACE, "แก้ไขในไฟล์ Excel — changed in the workbook, unchanged here"
        )
    return Decision(
        Outcome.CONFLICT,
        "แก้ไขทั้งในไฟล์ Excel และในโปรแกรมหลังส่งออกไฟล์"
        " — changed both in the workbook and here since it was exported",
    )


# --- the local side --------------------------------------------------------------------------


@dataclass(frozen=True)
class RoundKey:
    id: int
    code: str
    final: bool


@dataclass
class LocalContext:
    """What a merge needs to know of the local database for one contest and one inspector."""

    contest_id: int
    inspector_id: int
    inspector: str
    rounds: dict[str, RoundKey]
    criteria: dict[str, tuple[int, float]]  # code -> (id, max_score)
    criterion_codes: dict[int, str]


def load_context(session: Session, contest_id: int, inspector: m.Inspector) -> LocalContext:
    rounds = {
        r.code: RoundKey(r.id, r.code, r.finalised_at is not None)
        for r in session.scalars(select(m.Round).where(m.Round.contest_id == contest_id))
    }
    criteria = {
        c.code: (c.id, c.max_score)
        for c in session.scalars(select(m.Criterion).where(m.Criterion.contest_id == contest_id))
    }
    return LocalContext(
        contest_id=contest_id,
        inspector_id=inspector.id,
        inspector=inspector.name,
        rounds=rounds,
        criteria=criteria,
        criterion_codes={cid: code for code, (cid, _) in criteria.items()},
    )


def check_against_context(
    sheets: Sequence[SheetData], ctx: LocalContext, session: Session, file: str
) -> list[Problem]:
    """Every reference of the incoming sheets must exist here, every score within its range."""
    problems: list[Problem] = []
    codes = {s.tambon_code for s in sheets}
    known = (
        set(session.scalars(select(m.Tambon.code).where(m.Tambon.code.in_(codes))))
        if codes
        else set()
    )
    seen: set[str] = set()
    for i, sh in enumerate(sheets):
        where = f"sheets[{i}] ({sh.round}/{sh.tambon_code})"
        if sh.uuid in seen:
            problems.append(
                Problem(f"uuid {sh.uuid} ซ้ำในไฟล์ — uuid appears twice", file, None, where)
            )
        seen.add(sh.uuid)
        if sh.inspector != ctx.inspector:
            problems.append(
                Problem(
                    f"แบบประเมินของ '{sh.inspector}' อยู่ในแพ็กเกจของ '{ctx.inspector}'"
                    " — a sheet of another inspector",
                    file,
                    None,
                    where,
                )
            )
        if sh.round not in ctx.rounds:
            problems.append(Problem(f"ไม่มีรอบ '{sh.round}' — no such round", file, None, where))
        if sh.tambon_code not in known:
            problems.append(
                Problem(f"ไม่มีตำบลรหัส {sh.tambon_code} — no such tambon", file, None, where)
            )
        for sc in sh.scores:
            crit = ctx.criteria.get(sc.criterion)
            if crit is None:
                problems.append(
                    Problem(f"ไม่มีเกณฑ์ '{sc.criterion}' — no such criterion", file, None, where)
                )
            elif not 0 <= sc.value <= crit[1]:
                problems.append(
                    Problem(
                        f"คะแนนเกณฑ์ {sc.criterion} = {sc.value:g} ต้องอยู่ระหว่าง 0 ถึง {crit[1]:g}"
                        f" — score out of range",
                        file,
                        None,
                        where,
                    )
                )
        for ph in sh.photos:
            if ph.criterion is not None and ph.criterion not in ctx.criteria:
                problems.append(
                    Problem(
                        f"รูปภาพอ้างถึงเกณฑ์ '{ph.criterion}' ที่ไม่มี — no such criterion",
                        file,
                        None,
                        where,
                    )
                )
    return problems


def read_sheets(session: Session, rows: Sequence[m.Sheet]) -> dict[int, SheetData]:
    """Local sheets as plain data (photos without their bytes), by sheet id."""
    if not rows:
        return {}
    ids = [r.id for r in rows]
    codes: dict[int, str] = dict(session.execute(select(m.Criterion.id, m.Criterion.code)).all())
    rounds: dict[int, str] = dict(session.execute(select(m.Round.id, m.Round.code)).all())
    names: dict[int, str] = dict(
        session.execute(
            select(m.Inspector.id, m.Inspector.name).where(
                m.Inspector.id.in_({r.inspector_id for r in rows})
            )
        ).all()
    )
    scores: dict[int, list[ScoreData]] = defaultdict(list)
    photos: dict[int, list[PhotoData]] = defaultdict(list)
    for chunk in _chunks(ids, 500):
        for sid, cid, value, note in session.execute(
            select(m.Score.sheet_id, m.Score.criterion_id, m.Score.value, m.Score.note).where(
                m.Score.sheet_id.in_(chunk)
            )
        ):
            scores[sid].append(ScoreData(codes[cid], float(value), note or ""))
        for ph in session.scalars(
            select(m.Photo).options(defer(m.Photo.data)).where(m.Photo.sheet_id.in_(chunk))
        ):
            photos[ph.sheet_id].append(
                PhotoData(
                    ph.sha256,
                    ph.filename,
                    ph.mime_type,
                    ph.caption or "",
                    codes.get(ph.criterion_id) if ph.criterion_id is not None else None,
                )
            )
    out: dict[int, SheetData] = {}
    for r in rows:
        out[r.id] = SheetData(
            uuid=r.uuid,
            round=rounds[r.round_id],
            tambon_code=r.tambon_code,
            inspector=names[r.inspector_id],
            status=str(r.status),
            version=r.version,
            base_version=r.base_version,
            note=r.note or "",
            scores=tuple(sorted(scores[r.id], key=lambda s: s.criterion)),
            photos=tuple(photos[r.id]),
            created_at=_iso(r.created_at),
            updated_at=_iso(r.updated_at),
            submitted_at=_iso(r.submitted_at),
        )
    return out


def _chunks(items: Sequence[int] | Sequence[str], size: int) -> Iterable[list[object]]:
    for i in range(0, len(items), size):
        yield list(items[i : i + size])


def received_versions(
    session: Session,
    uuids: Iterable[str],
    *,
    source: str | None = None,
    origin: str | None = None,
    field: str = "hash",
) -> dict[str, dict[int, frozenset[str]]]:
    """What this database has received of each uuid: version → content hashes (audit log).

    ``source`` keeps only entries from one source (package, excel), ``origin`` only those from
    one origin (an Excel workbook's id); ``field`` names the hash to read.
    """
    keys = sorted(set(uuids))
    found: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    for chunk in _chunks(keys, 500):
        query = select(m.AuditEntry.entity_key, m.AuditEntry.new).where(
            m.AuditEntry.entity == "sheet",
            m.AuditEntry.entity_key.in_(chunk),
            m.AuditEntry.action.in_(SYNC_ACTIONS),
        )
        if source is not None:
            query = query.where(m.AuditEntry.source == source)
        for key, new in session.execute(query):
            try:
                data = json.loads(new or "{}")
                version, digest = int(data["version"]), str(data[field])
            except (ValueError, KeyError, TypeError):
                continue
            if origin is not None and data.get("origin") != origin:
                continue
            found[key][version].add(digest)
    return {k: {v: frozenset(h) for v, h in vs.items()} for k, vs in found.items()}


# --- planning and applying -------------------------------------------------------------------


@dataclass
class PlannedSheet:
    """One incoming sheet with the decision taken for it."""

    incoming: SheetData
    decision: Decision
    round_id: int
    target_id: int | None = None
    target_uuid: str | None = None
    target_before: SheetData | None = None
    new_version: int | None = None
    extra: dict[str, object] = field(default_factory=dict)


@dataclass
class MergeResult:
    """What a merge did, sheet by sheet (plain data, for reports and the import list)."""

    sheets: list[dict[str, object]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return any(self.counts.get(o.value, 0) for o in Outcome if o.changes)


def sheets_by_place(
    session: Session, inspector_id: int, round_ids: Iterable[int]
) -> dict[tuple[int, str], m.Sheet]:
    """An inspector's own sheets (not conflict copies) by (round id, tambon code), the oldest
    where there are several: the sheet an incoming sheet of that place is a twin of."""
    places: dict[tuple[int, str], m.Sheet] = {}
    for row in session.scalars(
        select(m.Sheet)
        .where(
            m.Sheet.inspector_id == inspector_id,
            m.Sheet.conflict_of.is_(None),
            m.Sheet.round_id.in_(list(round_ids)),
        )
        .order_by(m.Sheet.id)
    ):
        places.setdefault((row.round_id, row.tambon_code), row)
    return places


def _targets(
    session: Session, ctx: LocalContext, incoming: Sequence[SheetData], file: str
) -> tuple[dict[str, m.Sheet], dict[tuple[int, str], m.Sheet], list[Problem]]:
    """Local sheets by uuid, this inspector's sheets by (round, tambon), and identity problems."""
    problems: list[Problem] = []
    by_uuid: dict[str, m.Sheet] = {}
    uuids = [s.uuid for s in incoming]
    for chunk in _chunks(uuids, 500):
        for row in session.scalars(select(m.Sheet).where(m.Sheet.uuid.in_(chunk))):
            by_uuid[row.uuid] = row
    twins = sheets_by_place(session, ctx.inspector_id, [r.id for r in ctx.rounds.values()])
    for sh in incoming:
        known = by_uuid.get(sh.uuid)
        if known is None:
            continue
        rnd = ctx.rounds.get(sh.round)
        if (
            known.conflict_of is not None
            or known.inspector_id != ctx.inspector_id
            or rnd is None
            or known.round_id != rnd.id
            or known.tambon_code != sh.tambon_code
        ):
            problems.append(
                Problem(
                    f"uuid {sh.uuid} เป็นของแบบประเมินอื่นในฐานข้อมูลนี้ (ผู้ประเมิน รอบ หรือตำบลไม่ตรง)"
                    " — this uuid belongs to another sheet here",
                    file,
                    None,
                    f"{sh.round}/{sh.tambon_code}",
                )
            )
    return by_uuid, twins, problems


def plan_package(
    session: Session, ctx: LocalContext, incoming: Sequence[SheetData], file: str
) -> list[PlannedSheet]:
    """Decide every sheet of a package; raises InputError for identity clashes (nothing done)."""
    by_uuid, twins, problems = _targets(session, ctx, incoming, file)
    if problems:
        raise InputError(problems)
    rows: dict[int, m.Sheet] = {}
    for sh in incoming:
        rnd = ctx.rounds[sh.round]
        row = by_uuid.get(sh.uuid) or twins.get((rnd.id, sh.tambon_code))
        if row is not None:
            rows[row.id] = row
    local = read_sheets(session, list(rows.values()))
    challengers = _open_challengers(session, [r.uuid for r in rows.values()])
    received = received_versions(
        session, [s.uuid for s in incoming], source=audit.Source.PACKAGE.value
    )
    # only asked while nothing of a uuid was ever received and the contents differ
    never = [
        sh.uuid
        for sh in incoming
        if sh.uuid in by_uuid
        and sh.uuid not in received
        and local[by_uuid[sh.uuid].id].content_hash() != sh.content_hash()
    ]
    changed = changed_here(session, never)
    planned: list[PlannedSheet] = []
    for sh in incoming:
        rnd = ctx.rounds[sh.round]
        row = by_uuid.get(sh.uuid) or twins.get((rnd.id, sh.tambon_code))
        target = None
        before = None
        if row is not None:
            before = local[row.id]
            target = Target(
                row.uuid,
                row.version,
                row.base_version,
                before.content_hash(),
                row.status is m.SheetStatus.LOCKED,
            )
        decision = decide_package(
            sh.uuid,
            sh.version,
            sh.base_version,
            sh.content_hash(),
            target,
            received.get(sh.uuid, {}),
            challengers.get(row.uuid, frozenset()) if row is not None else frozenset(),
            rnd.final,
            changed_here=sh.uuid in changed or sh.uuid not in by_uuid,
        )
        new_version = sh.version
        if decision.outcome is Outcome.REPLACE and row is not None:
            new_version = (
                max(sh.version, row.version + 1)
                if row.uuid != sh.uuid or row.version >= sh.version
                else sh.version
            )
        planned.append(
            PlannedSheet(
                incoming=sh,
                decision=decision,
                round_id=rnd.id,
                target_id=row.id if row is not None else None,
                target_uuid=row.uuid if row is not None else None,
                target_before=before,
                new_version=new_version,
            )
        )
    return planned


def changed_here(session: Session, uuids: Sequence[str]) -> set[str]:
    """The sheets (of ``uuids``) the audit log shows were changed in this database: any entry
    about the sheet, its scores or photos (keys ``uuid`` or ``uuid/…``), other than its creation
    and the merge's own."""
    out: set[str] = set()
    head = func.substr(m.AuditEntry.entity_key, 1, 36)
    for chunk in _chunks(sorted(set(uuids)), 500):
        out.update(
            session.scalars(
                select(head)
                .where(
                    m.AuditEntry.entity.in_(("sheet", "score", "photo")),
                    head.in_(chunk),
                    ~m.AuditEntry.action.startswith("sync."),
                    ~((m.AuditEntry.entity == "sheet") & (m.AuditEntry.action == "create")),
                )
                .distinct()
            )
        )
    return out


def _open_challengers(session: Session, uuids: Sequence[str]) -> dict[str, frozenset[str]]:
    """The content hashes of the open conflict copies of each sheet."""
    rows: list[m.Sheet] = []
    for chunk in _chunks(list(uuids), 500):
        rows.extend(
            session.scalars(
                select(m.Sheet).where(
                    m.Sheet.conflict_of.in_(chunk), m.Sheet.status != m.SheetStatus.LOCKED
                )
            )
        )
    data = read_sheets(session, rows)
    out: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        assert row.conflict_of is not None
        out[row.conflict_of].add(data[row.id].content_hash())
    return {k: frozenset(v) for k, v in out.items()}


PhotoSource = Callable[[str], bytes]


def _write_content(
    session: Session,
    row: m.Sheet,
    sheet: SheetData,
    ctx: LocalContext,
    photo_bytes: PhotoSource,
    existing_photos: dict[str, bytes] | None = None,
) -> None:
    """Make ``row``'s notes, status, scores and photos those of ``sheet``."""
    row.status = m.SheetStatus(sheet.status)
    row.note = sheet.note
    row.updated_at = parse_time(sheet.updated_at) or m.utcnow()
    row.submitted_at = parse_time(sheet.submitted_at)
    if row.status is m.SheetStatus.SUBMITTED and row.submitted_at is None:
        row.submitted_at = m.utcnow()
    current = {
        sc.criterion_id: sc
        for sc in session.scalars(select(m.Score).where(m.Score.sheet_id == row.id))
    }
    wanted = {ctx.criteria[s.criterion][0]: s for s in sheet.scores}
    for cid, sc in current.items():
        if cid not in wanted:
            session.delete(sc)
    for cid, want in wanted.items():
        have = current.get(cid)
        if have is None:
            session.add(
                m.Score(sheet_id=row.id, criterion_id=cid, value=want.value, note=want.note)
            )
        elif have.value != want.value or have.note != want.note:
            have.value, have.note = want.value, want.note
    old_photos = list(session.scalars(select(m.Photo).where(m.Photo.sheet_id == row.id)))
    keep: dict[tuple[str, str, str, str, str | None], m.Photo] = {}
    for ph in old_photos:
        key = (ph.sha256, ph.filename, ph.mime_type, ph.caption or "", _code(ctx, ph.criterion_id))
        if key in keep:
            session.delete(ph)
        else:
            keep[key] = ph
    wanted_photos = {
        (p.sha256, p.filename, p.mime_type, p.caption, p.criterion): p for p in sheet.photos
    }
    for key, ph in keep.items():
        if key not in wanted_photos:
            session.delete(ph)
    for key, p in wanted_photos.items():
        if key in keep:
            continue
        data = (existing_photos or {}).get(p.sha256)
        if data is None:
            data = photo_bytes(p.sha256)
        session.add(
            m.Photo(
                sheet_id=row.id,
                criterion_id=ctx.criteria[p.criterion][0] if p.criterion else None,
                sha256=p.sha256,
                filename=p.filename,
                mime_type=p.mime_type,
                caption=p.caption,
                data=data,
            )
        )


def _insert_new(
    session: Session,
    ctx: LocalContext,
    fresh: Sequence[tuple[m.Sheet, SheetData]],
    photo_bytes: PhotoSource,
) -> None:
    """Write new sheets with their scores and photos, a few statements for all of them."""
    if not fresh:
        return
    session.add_all([row for row, _ in fresh])
    session.flush()
    scores = [
        {
            "sheet_id": row.id,
            "criterion_id": ctx.criteria[sc.criterion][0],
            "value": sc.value,
            "note": sc.note,
        }
        for row, sheet in fresh
        for sc in sheet.scores
    ]
    if scores:
        session.execute(insert(m.Score), scores)
    # photos a few at a time: their bytes are read from the package as they are stored
    photos = [(row.id, p) for row, sheet in fresh for p in sheet.photos]
    for i in range(0, len(photos), 16):
        session.execute(
            insert(m.Photo),
            [
                {
                    "sheet_id": sheet_id,
                    "criterion_id": ctx.criteria[p.criterion][0] if p.criterion else None,
                    "sha256": p.sha256,
                    "filename": p.filename,
                    "mime_type": p.mime_type,
                    "caption": p.caption,
                    "data": photo_bytes(p.sha256),
                    "created_at": m.utcnow(),
                }
                for sheet_id, p in photos[i : i + 16]
            ],
        )


def _code(ctx: LocalContext, criterion_id: int | None) -> str | None:
    return None if criterion_id is None else ctx.criterion_codes.get(criterion_id)


def _new_row(sheet: SheetData, ctx: LocalContext, round_id: int, uuid: str) -> m.Sheet:
    now = m.utcnow()
    return m.Sheet(
        uuid=uuid,
        round_id=round_id,
        inspector_id=ctx.inspector_id,
        tambon_code=sheet.tambon_code,
        status=m.SheetStatus(sheet.status),
        version=sheet.version,
        base_version=sheet.base_version,
        note=sheet.note,
        created_at=parse_time(sheet.created_at) or now,
        updated_at=parse_time(sheet.updated_at) or now,
        submitted_at=parse_time(sheet.submitted_at)
        or (now if sheet.status == m.SheetStatus.SUBMITTED.value else None),
    )


def score_changes(
    before: SheetData | None, after: SheetData, key_uuid: str, reason: str
) -> list[audit.Change]:
    """One audit change per score whose value or note changed between two contents."""
    old = {s.criterion: s for s in (before.scores if before else ())}
    new = {s.criterion: s for s in after.scores}
    out: list[audit.Change] = []
    for code in sorted(set(old) | set(new)):
        a, b = old.get(code), new.get(code)
        if a is not None and b is not None and a.value == b.value and a.note == b.note:
            continue
        action = "create" if a is None else "delete" if b is None else "update"
        out.append(
            audit.Change(
                action,
                "score",
                f"{key_uuid}/{code}",
                old=None if a is None else {"value": a.value, "note": a.note},
                new=None if b is None else {"value": b.value, "note": b.note},
                reason=reason,
            )
        )
    return out


def apply(
    session: Session,
    ctx: LocalContext,
    planned: Sequence[PlannedSheet],
    photo_bytes: PhotoSource,
    *,
    actor: str,
    source: audit.Source,
    reason: str,
    origin: str,
    progress: Callable[[int, int], None] | None = None,
) -> MergeResult:
    """Carry the decisions out in the caller's unit of work; every change goes to the audit log.

    ``origin`` names where the sheets came from (a package's or a workbook's id); it is kept in
    the audit entries so that a workbook imported twice is recognised.
    """
    result = MergeResult(counts={o.value: 0 for o in Outcome})
    changes: list[audit.Change] = []
    fresh: list[tuple[m.Sheet, SheetData]] = []  # new rows, written in bulk at the end
    total = len(planned)
    for done, p in enumerate(planned, start=1):
        sh = p.incoming
        outcome = p.decision.outcome
        result.counts[outcome.value] += 1
        entry: dict[str, object] = {
            "uuid": sh.uuid,
            "round": sh.round,
            "tambon_code": sh.tambon_code,
            "version": sh.version,
            "outcome": outcome.value,
            "reason": p.decision.reason,
        }
        new_snapshot = {**sh.snapshot(), "origin": origin, **p.extra}
        if outcome is Outcome.INSERT:
            row = _new_row(sh, ctx, p.round_id, sh.uuid)
            fresh.append((row, sh))
            entry["row"] = row.uuid
            changes.append(
                audit.Change("sync.insert", "sheet", sh.uuid, None, new_snapshot, reason)
            )
        elif outcome is Outcome.REPLACE:
            assert p.target_id is not None and p.target_before is not None
            row = session.get_one(m.Sheet, p.target_id)
            _write_content(session, row, sh, ctx, photo_bytes)
            row.version = p.new_version or sh.version
            if row.uuid == sh.uuid:
                row.base_version = min(sh.base_version, row.version - 1)
            entry["row"] = row.uuid
            entry["from_version"] = p.target_before.version
            # the scores first: the entry with the whole content is the sheet's last
            changes.extend(score_changes(p.target_before, sh, row.uuid, reason))
            changes.append(
                audit.Change(
                    "sync.replace",
                    "sheet",
                    sh.uuid,
                    {**p.target_before.snapshot(), "row": row.uuid},
                    {**new_snapshot, "row": row.uuid},
                    reason,
                )
            )
        elif outcome is Outcome.CONFLICT:
            assert p.target_uuid is not None
            row = _new_row(sh, ctx, p.round_id, m.new_uuid())
            row.conflict_of = p.target_uuid
            fresh.append((row, sh))
            entry["row"] = row.uuid
            entry["conflict_of"] = p.target_uuid
            changes.append(
                audit.Change(
                    "sync.conflict",
                    "sheet",
                    sh.uuid,
                    None if p.target_before is None else p.target_before.snapshot(),
                    {**new_snapshot, "row": row.uuid, "conflict_of": p.target_uuid},
                    reason,
                )
            )
        elif outcome is Outcome.RECEIVE:
            changes.append(
                audit.Change(
                    "sync.receive",
                    "sheet",
                    sh.uuid,
                    None,
                    {
                        "version": sh.version,
                        "hash": sh.content_hash(),
                        "origin": origin,
                        "row": p.target_uuid,
                        **p.extra,
                    },
                    reason,
                )
            )
        elif outcome is Outcome.LOCKED:
            changes.append(
                audit.Change(
                    "sync.refused",
                    "sheet",
                    sh.uuid,
                    None,
                    {"version": sh.version, "hash": sh.content_hash(), "origin": origin, **p.extra},
                    f"{reason}: {p.decision.reason}",
                )
            )
        result.sheets.append(entry)
        if progress is not None:
            progress(done, total)
    _insert_new(session, ctx, fresh, photo_bytes)
    session.flush()
    if changes:
        audit.record(session, actor, source, changes)
    return result


# --- conflicts -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ConflictVersion:
    """One of the contents of a sheet in conflict."""

    row_uuid: str
    is_current: bool
    version: int
    status: str
    note: str
    scores: dict[str, float]
    score_notes: dict[str, str]
    photos: int
    updated_at: datetime | None


@dataclass(frozen=True)
class Conflict:
    """A sheet with one or more open conflict copies: the committee chooses one content."""

    sheet_uuid: str
    round: str
    tambon_code: str
    tambon: str
    inspector: str
    current: ConflictVersion
    copies: list[ConflictVersion]


def _version(row: m.Sheet, data: SheetData, current: bool) -> ConflictVersion:
    return ConflictVersion(
        row_uuid=row.uuid,
        is_current=current,
        version=row.version,
        status=str(row.status),
        note=row.note or "",
        scores={s.criterion: s.value for s in data.scores},
        score_notes={s.criterion: s.note for s in data.scores if s.note},
        photos=len(data.photos),
        updated_at=row.updated_at,
    )


def conflicts(session: Session) -> list[Conflict]:
    """Every sheet with open conflict copies, oldest first."""
    copies = list(
        session.scalars(
            select(m.Sheet)
            .where(m.Sheet.conflict_of.is_not(None), m.Sheet.status != m.SheetStatus.LOCKED)
            .order_by(m.Sheet.id)
        )
    )
    if not copies:
        return []
    primary_uuids = sorted({c.conflict_of for c in copies if c.conflict_of})
    primaries = {
        r.uuid: r for r in session.scalars(select(m.Sheet).where(m.Sheet.uuid.in_(primary_uuids)))
    }
    data = read_sheets(session, [*copies, *primaries.values()])
    names = dict(session.execute(select(m.Tambon.code, m.Tambon.name_th)).all())
    out: list[Conflict] = []
    for uuid in primary_uuids:
        primary = primaries.get(uuid)
        if primary is None:
            continue
        pd = data[primary.id]
        out.append(
            Conflict(
                sheet_uuid=uuid,
                round=pd.round,
                tambon_code=pd.tambon_code,
                tambon=names.get(pd.tambon_code, ""),
                inspector=pd.inspector,
                current=_version(primary, pd, True),
                copies=[_version(c, data[c.id], False) for c in copies if c.conflict_of == uuid],
            )
        )
    return out


@dataclass(frozen=True)
class Resolution:
    sheet_uuid: str
    kept_row: str
    superseded: list[str]
    version: int


def resolve(
    session: Session, sheet_uuid: str, keep_row: str, reason: str, actor: str
) -> Resolution:
    """Settle a conflict: the sheet takes the content of ``keep_row`` (itself or one of its open
    copies); every other content stays in a copy marked locked (superseded), and the audit log
    records both contents and the reason."""
    reason = reason.strip()
    if not reason:
        raise InputError([Problem("ต้องระบุเหตุผลในการเลือก — a reason is required", field="reason")])
    primary = session.scalar(select(m.Sheet).where(m.Sheet.uuid == sheet_uuid))
    if primary is None or primary.conflict_of is not None:
        raise NotFoundError(f"ไม่พบแบบประเมิน {sheet_uuid} — no such sheet")
    open_copies = list(
        session.scalars(
            select(m.Sheet)
            .where(m.Sheet.conflict_of == sheet_uuid, m.Sheet.status != m.SheetStatus.LOCKED)
            .order_by(m.Sheet.id)
        )
    )
    if not open_copies:
        raise EvaluatorError(f"แบบประเมิน {sheet_uuid} ไม่มีข้อขัดแย้ง — no open conflict")
    rnd = session.get_one(m.Round, primary.round_id)
    if rnd.finalised_at is not None or primary.status is m.SheetStatus.LOCKED:
        raise LockedError(
            f"รอบ '{rnd.title or rnd.code}' ยืนยันผลแล้ว แก้ไขไม่ได้ — the round is finalised"
        )
    if keep_row != sheet_uuid and keep_row not in {c.uuid for c in open_copies}:
        raise NotFoundError(
            f"{keep_row} ไม่ใช่ฉบับหนึ่งของข้อขัดแย้งนี้ — not one of this conflict's versions"
        )
    contest = session.get_one(m.Contest, rnd.contest_id)
    inspector = session.get_one(m.Inspector, primary.inspector_id)
    ctx = load_context(session, contest.id, inspector)
    data = read_sheets(session, [primary, *open_copies])
    before = data[primary.id]
    changes: list[audit.Change] = []
    superseded: list[str] = []
    if keep_row != sheet_uuid:
        winner = next(c for c in open_copies if c.uuid == keep_row)
        won = data[winner.id]
        photos = {
            ph.sha256: bytes(ph.data)
            for ph in session.scalars(
                select(m.Photo).where(m.Photo.sheet_id.in_([primary.id, winner.id]))
            )
        }
        # the copy keeps the content the sheet had; the sheet takes the chosen content
        _write_content(session, winner, before, ctx, photos.__getitem__, photos)
        winner_version = winner.version
        winner.version = max(winner.version, primary.version)
        session.flush()
        _write_content(session, primary, won, ctx, photos.__getitem__, photos)
        primary.version = max(primary.version, winner_version) + 1
        primary.updated_at = m.utcnow()
        changes.extend(score_changes(before, won, sheet_uuid, reason))
        changes.append(
            audit.Change(
                "conflict.resolve",
                "sheet",
                sheet_uuid,
                {**before.snapshot(), "row": sheet_uuid},
                {**won.snapshot(), "row": sheet_uuid, "chosen": keep_row},
                reason,
            )
        )
    else:
        changes.append(
            audit.Change(
                "conflict.resolve",
                "sheet",
                sheet_uuid,
                None,
                {**before.snapshot(), "row": sheet_uuid, "chosen": keep_row},
                reason,
            )
        )
    for copy in open_copies:
        copy.status = m.SheetStatus.LOCKED
    session.flush()
    kept = read_sheets(session, open_copies)
    for copy in open_copies:
        superseded.append(copy.uuid)
        changes.append(
            audit.Change(
                "conflict.supersede",
                "sheet",
                copy.uuid,
                {"conflict_of": sheet_uuid, "open": True},
                {**kept[copy.id].snapshot(), "row": copy.uuid, "conflict_of": sheet_uuid},
                reason,
            )
        )
    audit.record(session, actor, audit.Source.KEYBOARD, changes)
    return Resolution(sheet_uuid, keep_row, superseded, primary.version)
