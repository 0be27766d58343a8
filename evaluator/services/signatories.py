"""Who signs the certificates (ผู้ลงนาม): read them, and set the one who signs (admin only)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, update

from evaluator import audit
from evaluator.db import Database
from evaluator.db import models as m
from evaluator.errors import InputError, Problem
from evaluator.permissions import Action, UserInfo, require
from evaluator.services.users import user_in

MAX_SIGNATURE_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class Signatory:
    id: int
    name: str
    position: str
    active: bool
    has_signature: bool


def list_signatories(db: Database) -> list[Signatory]:
    """Every signatory, the active one first."""
    with db.transaction() as s:
        rows = s.scalars(select(m.Signatory).order_by(m.Signatory.active.desc(), m.Signatory.id))
        return [
            Signatory(r.id, r.name, r.position, r.active, r.signature_png is not None) for r in rows
        ]


def signature_image(db: Database, signatory_id: int) -> bytes | None:
    """The scanned signature (PNG) of a signatory."""
    with db.transaction() as s:
        row = s.get(m.Signatory, signatory_id)
        return None if row is None or row.signature_png is None else bytes(row.signature_png)


def set_signatory(
    db: Database,
    user: UserInfo,
    name: str,
    position: str,
    signature_png: bytes | None = None,
    *,
    keep_signature: bool = True,
) -> Signatory:
    """Make ``name`` (in ``position``) the one active signatory of the certificates.

    The same name and position update that signatory; a new signature replaces the old one
    (``keep_signature`` False with no image removes it). Every other signatory is made inactive.
    """
    name, position = name.strip(), position.strip()
    problems = []
    if not name:
        problems.append(Problem("ต้องระบุชื่อผู้ลงนาม — a name is required", field="name"))
    if not position:
        problems.append(Problem("ต้องระบุตำแหน่ง — a position is required", field="position"))
    if signature_png is not None:
        if not signature_png.startswith(b"\x89PNG\r\n\x1a\n"):
            problems.append(Problem("ลายมือชื่อต้องเป็นไฟล์ PNG — not a PNG", field="signature"))
        elif len(signature_png) > MAX_SIGNATURE_BYTES:
            problems.append(Problem("ไฟล์ลายมือชื่อใหญ่เกิน 2 MB — too large", field="signature"))
    if problems:
        raise InputError(problems)
    with db.transaction() as s:
        actor = user_in(s, user.id)
        require(actor, Action.MANAGE_SIGNATORIES)
        row = s.scalar(
            select(m.Signatory).where(m.Signatory.name == name, m.Signatory.position == position)
        )
        before = None
        if row is None:
            row = m.Signatory(name=name, position=position, active=True)
            s.add(row)
        else:
            before = {"active": row.active, "signature": row.signature_png is not None}
        if signature_png is not None:
            row.signature_png = signature_png
        elif not keep_signature:
            row.signature_png = None
        row.active = True
        s.flush()
        s.execute(update(m.Signatory).where(m.Signatory.id != row.id).values(active=False))
        audit.record(
            s,
            actor.login,
            audit.Source.KEYBOARD,
            [
                audit.Change(
                    "set_signatory",
                    "signatory",
                    f"{name}/{position}",
                    old=before,
                    new={"active": True, "signature": row.signature_png is not None},
                )
            ],
        )
        return Signatory(row.id, row.name, row.position, True, row.signature_png is not None)
