"""Whether a certificate still stands: its round's current finalised result against the one it
was printed from.

A certificate is **valid** while its round is finalised with the very result (SHA-256 of the
canonical result) the certificate carries and its tambon is one of that result's winners. It is
**withdrawn** when the round was reopened (and perhaps decided differently) or its tambon is no
longer a winner; the date is the reopening's, from the audit log. A **draft** (printed before the
round was finalised) never stands. Reading needs no password: whoever holds the file may check.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy import select

from evaluator.db import Database
from evaluator.db import models as m
from evaluator.errors import NotFoundError

Standing = Literal["valid", "withdrawn", "draft", "unknown"]


@dataclass(frozen=True)
class CertificateStanding:
    """A certificate's standing in one database, and why (Thai — English)."""

    status: Standing
    reason: str
    since: datetime | None = None  # for a withdrawn certificate: when its round was reopened


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
) -> CertificateStanding:
    """The standing of a certificate of ``tambon_code`` in ``contest``/``round_code`` printed
    from the result ``result_hash`` (None for a draft), as this database sees it now."""
    from evaluator.services.ranking import rank_round

    if draft or not result_hash:
        return CertificateStanding(
            "draft",
            "ฉบับร่าง พิมพ์ก่อนยืนยันผล ไม่ใช่เกียรติบัตรที่รับรอง — "
            "a draft printed before the result was finalised, not a certificate",
        )
    with db.transaction() as s:
        known = s.scalar(
            select(m.Round.id)
            .join(m.Contest, m.Round.contest_id == m.Contest.id)
            .where(m.Contest.code == contest, m.Round.code == round_code)
        )
    if known is None:
        return CertificateStanding(
            "unknown",
            f"ไม่พบรอบ {contest}/{round_code} ในฐานข้อมูลนี้ — "
            "this database does not know the certificate's round",
        )
    try:
        ranking = rank_round(db, round_code, contest=contest)
    except NotFoundError as exc:
        return CertificateStanding("unknown", str(exc))
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
