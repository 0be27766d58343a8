"""Write locks that keep finalising a round and changing its sheets apart.

Finalising reads a round's sheets, ranks them, stores the result and locks the sheets; anything
that changes sheets (typing, a package, a score table, a scoresheet, a conflict resolution)
must either finish before finalising reads, or wait until it has committed and then find the
round finalised. Both sides take a lock before they read what they decide on:

* SQLite: the database's one write lock, taken at the start (``BEGIN IMMEDIATE``): a second
  writer waits (``busy_timeout``) until the first commits.
* PostgreSQL: a row lock on the round (``SELECT … FOR UPDATE`` by finalise and reopen,
  ``FOR SHARE`` by a change of its sheets): changes of sheets run side by side, finalising waits
  for them and they wait for finalising.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError

from evaluator.db import models as m

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# PostgreSQL SQLSTATEs of lock contention: deadlock, lock not available, serialisation failure.
_PG_CONTENTION = {"40P01", "55P03", "40001"}


def begin_write(session: Session) -> None:
    """Take SQLite's write lock now, before the unit of work reads what it will write against.

    A no-op on PostgreSQL, and when the session's transaction has already written (it holds the
    lock then). Call it before the first read of the unit of work that matters.
    """
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        return
    driver = connection.connection.driver_connection
    if not getattr(driver, "in_transaction", True):
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def lock_rounds(
    session: Session, round_ids: Iterable[int] | None = None, *, exclusive: bool = False
) -> None:
    """Lock rounds against finalising (``exclusive``: against any change of their sheets too).

    ``round_ids`` None: every round. On SQLite the one write lock covers everything.
    """
    begin_write(session)
    if session.get_bind().dialect.name != "postgresql":
        return
    query = select(m.Round.id).order_by(m.Round.id)
    if round_ids is not None:
        ids = sorted(set(round_ids))
        if not ids:
            return
        query = query.where(m.Round.id.in_(ids))
    session.execute(query.with_for_update(read=not exclusive)).all()


def is_contention(exc: BaseException) -> bool:
    """Whether ``exc`` is a lock that timed out or a deadlock (worth trying again)."""
    if not isinstance(exc, DBAPIError):
        return False
    orig = exc.orig
    state = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    if state in _PG_CONTENTION:
        return True
    text = str(orig).lower()
    return "database is locked" in text or "database is busy" in text or "deadlock" in text
