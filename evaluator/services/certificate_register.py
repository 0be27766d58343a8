"""The register of issued certificates, and whether a certificate still stands: its round's
current finalised result against the one it was printed from.

Every certificate made is recorded (:func:`record_certificates`) by the short code printed on it
(derived from the signature of its sealed facts), with what it says and its seal; the offline
verification page carries the register with each certificate's standing (:func:`register`).

A certificate is **valid** while its round is finalised with the very result (SHA-256 of the
canonical result) the certificate carries and its tambon is one of that result's winners. It is
**withdrawn** when the round was reopened (and perhaps decided differently) or its tambon is no
longer a winner; the date is the reopening's, from the audit log. A **draft** (printed before the
round was finalised) never stands. Reading needs no password: whoever holds the file may check.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from evaluator import audit
from evaluator.db import Database
from evaluator.db import models as m
from evaluator.errors import InputError, NotFoundError, Problem
from evaluator.permissions import Action, UserInfo, require
from evaluator.services.users import user_in

if TYPE_CHECKING:
    from evaluator.services.ranking import RoundRanking

Standing = Literal["valid", "withdrawn", "draft", "unknown"]


@dataclass(frozen=True)
class CertificateStanding:
    """A certificate's standing in one database, and why (Thai — English)."""

    status: Standing
    reason: str
    since: datetime | None = None  # for a withdrawn certificate: when its round was reopened


def _ranking(db: Database, contest: str, round_code: str) -> RoundRanking | None:
    from evaluator.services.ranking import rank_round

    with db.transaction() as s:
        known = s.scalar(
            select(m.Round.id)
            .join(m.Contest, m.Round.contest_id == m.Contest.id)
            .where(m.Contest.code == contest, m.Round.code == round_code)
        )
    if known is None:
        return None
    try:
        return rank_round(db, round_code, contest=contest)
    except NotFoundError:
        return None


def _reopened_at(db: Database, round_key: str, result_hash: str) -> datetime | None:
    """When the round whose finalised result was ``result_hash`` was reopened (audit log)."""
    with db.transaction() as s:
        rows = s.execute(
            select(m.AuditEntry.at, m.AuditEntry.old)
            .where(
                m.AuditEntry.entity == "round",
                m.AuditEntry.action == "reopen",
                m.AuditEntry.entity_key == round_key,
            )
            .order_by(m.AuditEntry.id)
        ).all()
    for at, old in rows:
        try:
            previous = json.loads(old or "{}")
        except ValueError:
            continue
        if isinstance(previous, dict) and previous.get("result_hash") == result_hash:
            return at
    return None


def certificate_standing(
    db: Database,
    *,
    contest: str,
    round_code: str,
    tambon_code: str,
    result_hash: str | None,
    draft: bool,
    rankings: dict[tuple[str, str], RoundRanking | None] | None = None,
) -> CertificateStanding:
    """The standing of a certificate of ``tambon_code`` in ``contest``/``round_code`` printed
    from the result ``result_hash`` (None for a draft), as this database sees it now
    (``rankings`` keeps each round's ranking across calls)."""

    if draft or not result_hash:
        return CertificateStanding(
            "draft",
            "ฉบับร่าง พิมพ์ก่อนยืนยันผล ไม่ใช่เกียรติบัตรที่รับรอง — "
            "a draft printed before the result was finalised, not a certificate",
        )
    cache = rankings if rankings is not None else {}
    if (contest, round_code) not in cache:
        cache[(contest, round_code)] = _ranking(db, contest, round_code)
    ranking = cache[(contest, round_code)]
    if ranking is None:
        return CertificateStanding(
            "unknown",
            f"ไม่พบรอบ {contest}/{round_code} ในฐานข้อมูลนี้ — "
            "this database does not know the certificate's round",
        )
    since = _reopened_at(db, f"{contest}/{round_code}", result_hash)
    if not ranking.finalised or ranking.result_hash != result_hash:
        now = (
            "รอบนี้ถูกเปิดใหม่และยังไม่ยืนยันผล — the round was reopened and is not finalised"
            if not ranking.finalised
            else "รอบนี้ยืนยันผลใหม่แล้ว ผลต่างจากที่พิมพ์ไว้ — "
            "the round was decided again with a different result"
        )
        return CertificateStanding("withdrawn", f"ถูกเพิกถอน: {now}", since)
    if tambon_code not in {w.tambon_code for w in ranking.winners()}:
        return CertificateStanding(
            "withdrawn",
            f"ถูกเพิกถอน: ตำบล {tambon_code} ไม่ได้เป็นผู้ได้รับรางวัลของผลปัจจุบัน — "
            "the tambon is not a winner of the round's current result",
            since,
        )
    return CertificateStanding(
        "valid", "ตรงกับผลที่ยืนยันแล้วของรอบ — matches the round's finalised result"
    )


# --- the register ----------------------------------------------------------------------------


@dataclass(frozen=True)
class IssuedEntry:
    """One certificate as it was issued: what the register keeps of it."""

    code: str
    contest_code: str
    round_code: str
    kind: str
    tambon_code: str
    leader_number: int | None
    recipient: str
    award: str
    zone: int | None
    prize_baht: int
    issued_on: str
    result_hash: str | None
    draft: bool
    seal: str
    signer_sha256: str


@dataclass(frozen=True)
class RegisterRow:
    """A register entry with its standing today."""

    entry: IssuedEntry
    issued_at: datetime
    status: Standing
    reason: str
    since: datetime | None


def record_certificates(db: Database, actor: str, entries: Sequence[IssuedEntry]) -> int:
    """Add issued certificates to the register in one unit of work (a certificate issued again,
    with the same code, is updated: the same facts signed by the same key); returns how many.
    ``actor`` is who made them (the login of the user the caller authenticated)."""
    if not entries:
        return 0
    with db.transaction() as s:
        existing = {
            r.code: r
            for r in s.scalars(
                select(m.CertificateRecord).where(
                    m.CertificateRecord.code.in_([e.code for e in entries])
                )
            )
        }
        for e in entries:
            row = existing.get(e.code)
            if row is None:
                row = m.CertificateRecord(code=e.code)
                s.add(row)
                existing[e.code] = row
            for name in IssuedEntry.__dataclass_fields__:
                setattr(row, name, getattr(e, name))
            row.issued_at = m.utcnow()
            row.issued_by = actor
    return len(entries)


def register(db: Database, *, contest: str | None = None) -> list[RegisterRow]:
    """Every certificate in the register (of ``contest``), with its standing today."""
    with db.transaction() as s:
        query = select(m.CertificateRecord).order_by(
            m.CertificateRecord.contest_code,
            m.CertificateRecord.round_code,
            m.CertificateRecord.tambon_code,
            m.CertificateRecord.leader_number,
            m.CertificateRecord.id,
        )
        if contest is not None:
            query = query.where(m.CertificateRecord.contest_code == contest)
        records = [
            (
                IssuedEntry(**{n: getattr(r, n) for n in IssuedEntry.__dataclass_fields__}),
                r.issued_at,
            )
            for r in s.scalars(query)
        ]
    rankings: dict[tuple[str, str], RoundRanking | None] = {}
    rows = []
    for entry, issued_at in records:
        standing = certificate_standing(
            db,
            contest=entry.contest_code,
            round_code=entry.round_code,
            tambon_code=entry.tambon_code,
            result_hash=entry.result_hash,
            draft=entry.draft,
            rankings=rankings,
        )
        rows.append(RegisterRow(entry, issued_at, standing.status, standing.reason, standing.since))
    return rows


# --- the verification page's address ----------------------------------------------------------

VERIFY_URL_SETTING = "verify_url"


def _contest_row(session: Session, contest: str | None) -> m.Contest:
    query = select(m.Contest).order_by(m.Contest.id)
    if contest is not None:
        query = query.where(m.Contest.code == contest)
    row = session.scalars(query).first()
    if row is None:
        raise NotFoundError(f"ไม่พบการประกวด {contest or ''} — no such contest")
    return row


def verify_page_url(db: Database, contest: str | None = None) -> str | None:
    """The address where the verification page is published (the QR codes point there), or
    None while it is not set."""
    with db.transaction() as s:
        try:
            row = _contest_row(s, contest)
        except NotFoundError:
            return None
        value = (row.settings or {}).get(VERIFY_URL_SETTING)
    return str(value) if value else None


def set_verify_page_url(
    db: Database, user: UserInfo, url: str | None, contest: str | None = None
) -> str | None:
    """Set (or clear, with None/empty) the verification page's address; admins only (it is
    printed on every certificate). Returns the address kept."""
    url = (url or "").strip() or None
    if url is not None and not url.lower().startswith(("https://", "http://", "file://")):
        raise InputError(
            [
                Problem(
                    "ที่อยู่หน้าตรวจสอบต้องขึ้นต้นด้วย https:// — the address must be a URL",
                    field="verify_url",
                )
            ]
        )
    with db.transaction() as s:
        require(user_in(s, user.id), Action.MANAGE_SIGNING_KEY)
        row = _contest_row(s, contest)
        old = (row.settings or {}).get(VERIFY_URL_SETTING)
        settings = dict(row.settings or {})
        if url is None:
            settings.pop(VERIFY_URL_SETTING, None)
        else:
            settings[VERIFY_URL_SETTING] = url
        row.settings = settings
        audit.record(
            s,
            user.login,
            audit.Source.KEYBOARD,
            [
                audit.Change(
                    action="set",
                    entity="contest",
                    entity_key=f"{row.code}/{VERIFY_URL_SETTING}",
                    old={"verify_url": old},
                    new={"verify_url": url},
                    reason="",
                )
            ],
        )
    return url


# --- the emblem printed at the top of certificates ----------------------------------------------

EMBLEM_SETTING = "emblem"
EMBLEM_MAX_BYTES = 2_000_000


def emblem(db: Database, contest: str | None = None) -> bytes | None:
    """The department's emblem (PNG/JPEG bytes) printed at the top of certificates, if set."""
    with db.transaction() as s:
        try:
            row = _contest_row(s, contest)
        except NotFoundError:
            return None
        value = (row.settings or {}).get(EMBLEM_SETTING)
    if not value:
        return None
    try:
        return base64.b64decode(str(value), validate=True)
    except ValueError:
        return None


def set_emblem(
    db: Database, user: UserInfo, image: bytes | None, contest: str | None = None
) -> None:
    """Keep (or, with None, remove) the emblem for every certificate of the contest; admins
    only. The caller checks that the image opens; here: a PNG or JPEG, at most 2 MB."""
    if image is not None:
        if not image.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")):
            raise InputError(
                [Problem("ตราต้องเป็นไฟล์ PNG หรือ JPEG — the emblem must be a PNG or JPEG image")]
            )
        if len(image) > EMBLEM_MAX_BYTES:
            raise InputError([Problem("ไฟล์ตราใหญ่เกิน 2 MB — the emblem file is over 2 MB")])
    with db.transaction() as s:
        require(user_in(s, user.id), Action.MANAGE_SIGNING_KEY)
        row = _contest_row(s, contest)
        settings = dict(row.settings or {})
        had = bool(settings.get(EMBLEM_SETTING))
        if image is None:
            settings.pop(EMBLEM_SETTING, None)
        else:
            settings[EMBLEM_SETTING] = base64.b64encode(image).decode("ascii")
        row.settings = settings
        audit.record(
            s,
            user.login,
            audit.Source.KEYBOARD,
            [
                audit.Change(
                    action="set",
                    entity="contest",
                    entity_key=f"{row.code}/{EMBLEM_SETTING}",
                    old={"emblem": had},
                    new={
                        "emblem": image is not None,
                        "sha256": hashlib.sha256(image).hexdigest() if image else None,
                    },
                )
            ],
        )
