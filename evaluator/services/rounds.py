"""The rounds as choices in a list (:func:`list_rounds`, from :mod:`.round_list`), and the lock
on a finalised round that every service checks before changing a sheet.

A finalised round's sheets are locked: :func:`ensure_round_open` refuses any change to them
(an edit, an import, a merge) with :class:`~evaluator.errors.LockedError`, and records the refused
attempt in the audit log in a transaction of its own, so the refusal stays although the caller's
work is rolled back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, event, select, text

from evaluator import audit
from evaluator.db import models as m
from evaluator.db.locks import lock_rounds
from evaluator.errors import LockedError, NotFoundError
from evaluator.services.round_list import RoundRef as RoundRef  # where they lived: still here
from evaluator.services.round_list import list_rounds as list_rounds

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, SessionTransaction


def round_key(contest_code: str, round_code: str) -> str:
    """How the audit log names a round."""
    return f"{contest_code}/{round_code}"


def _engine_of(session: Session) -> Engine:
    bind = session.get_bind()
    return bind.engine if isinstance(bind, Connection) else bind


def _holds_writes(session: Session) -> bool:
    """Whether the session's open transaction has written (and so may hold write locks that a
    second connection would wait on)."""
    if not session.in_transaction():
        return False
    connection = session.connection()
    dialect = connection.dialect.name
    if dialect == "sqlite":
        # pysqlite opens a transaction only before the first write.
        return bool(getattr(connection.connection.driver_connection, "in_transaction", True))
    if dialect == "postgresql":
        xid = connection.execute(text("SELECT txid_current_if_assigned()")).scalar()
        return xid is not None
    return True


def _write_refusal(engine: Engine, actor: str, source: str, change: audit.Change) -> None:
    from sqlalchemy.orm import Session  # the ORM comes after the first window (models.load)

    with Session(engine) as other, other.begin():
        audit.record(other, actor, source, [change])


def _after_root_transaction(session: Session, action: Callable[[], None]) -> None:
    """Run ``action`` once the session's outermost transaction has ended (either way)."""
    done = False

    def listener(_session: Session, transaction: SessionTransaction) -> None:
        nonlocal done
        if done or transaction.parent is not None:
            return
        done = True
        action()

    event.listen(session, "after_transaction_end", listener)


def ensure_round_open(
    session: Session,
    round_id: int,
    actor: str,
    source: audit.Source | str,
    *,
    attempted: str = "",
) -> None:
    """Raise :class:`LockedError` when the round is finalised, after logging the refused
    attempt (``attempted`` says what it was, e.g. a sheet's uuid).

    Services call this before changing a sheet of the round. The refusal is written in a
    transaction of its own, so it stays in the log even though the caller's transaction is
    rolled back: at once when the caller has written nothing yet, otherwise (its write locks
    would block a second writer) as soon as the caller's transaction ends.
    """
    # The lock first, so that a finalisation is either complete (and seen here) or waits for
    # the caller's transaction to end (evaluator.db.locks).
    lock_rounds(session, [round_id])
    row = session.execute(
        select(m.Round.code, m.Round.finalised_at, m.Round.finalised_by, m.Contest.code)
        .join(m.Contest, m.Round.contest_id == m.Contest.id)
        .where(m.Round.id == round_id)
    ).first()
    if row is None:
        raise NotFoundError(f"ไม่พบรอบหมายเลข {round_id} — no round {round_id}")
    round_code, finalised_at, finalised_by, contest_code = row
    if finalised_at is None:
        return
    message = (
        f"รอบ {round_code} ยืนยันผลแล้ว (โดย {finalised_by}) แบบประเมินของรอบนี้ถูกล็อก"
        f" แก้ไข นำเข้า หรือรวมไม่ได้ — round {round_code} is finalised; its sheets are locked"
    )
    change = audit.Change(
        action="refused",
        entity="round",
        entity_key=round_key(contest_code, round_code),
        new={"attempted": attempted} if attempted else None,
        reason=f"ปฏิเสธการเปลี่ยนแปลงแบบประเมินของรอบที่ยืนยันผลแล้ว — change refused ({source})",
    )
    engine = _engine_of(session)
    if _holds_writes(session):
        _after_root_transaction(session, lambda: _write_refusal(engine, actor, str(source), change))
    else:
        _write_refusal(engine, actor, str(source), change)
    raise LockedError(message)
