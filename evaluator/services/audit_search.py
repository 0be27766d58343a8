"""Finding text in a large audit log at once: a trigram index of the entries' old values, new
values and reasons, kept beside the log and brought up to date apart from the writes that log.

The search (:class:`evaluator.services.audit_log.AuditFilter` ``text``) is a substring test,
``LIKE '%text%'`` on the three columns, which alone reads the whole log: about 10 ms for 25,000
entries, at every pause in the typing. On SQLite the log has a second, derived table
``audit_text``: an FTS5 table with the ``trigram`` tokenizer (every three characters of the
three columns), contentless (it keeps no copy of the text, only which entries hold which
trigrams) and without positions (``detail='none'``): 2.5 MB for the 4 MB of text of a log of
30,000 entries (a score import of 15,000 rows), the database file a fifth larger.

* **What a search reads.** For a text of three characters or more: every entry written after the
  index's last one (a plain range of the log's primary key, usually empty), then the entries the
  index lists under a few of the text's trigrams (every third one and the last, all of which an
  entry holding the text holds), newest first in the index's own order, so a page of them stops
  after its rows. Each is then tested by the same ``LIKE`` as without the index, which only
  narrows where to look: the entries found are exactly those the plain scan finds, however far
  behind the index is (tested on random logs and texts, the index
  complete, partial and absent). Shorter texts, PostgreSQL, and a database without the index
  (or an SQLite without FTS5's trigram tokenizer) scan as before.
* **When it is written.** Never by the writes that log: a score import writes two entries per
  score row, and keeping a text index up to date inside it would slow every import. The audit
  view brings the index up to the log's end in the background when it opens (:func:`catch_up`:
  one short write transaction per 20,000 entries, about 0.1 s each); the log is append-only (its
  triggers refuse UPDATE and DELETE), so the entries after the index's last row id are exactly
  the ones it lacks. (A future migration that rewrites entries must drop ``audit_text``; it is
  then built again.)
* **What it is not.** A search aid, never evidence: ``verify`` never reads it. An entry changed
  by hand after it was indexed (which ``verify`` reports) is found by its new text only while
  that text shares the trigrams searched; rows deleted from ``audit_text`` by hand, or rows
  added with higher row ids, hide entries from the search and change nothing else. Dropping the
  table returns the search to the plain scan, and the next :func:`catch_up` builds it again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, column, literal_column, table, text
from sqlalchemy.exc import OperationalError

from evaluator.db import Database, schema
from evaluator.db.locks import begin_write
from evaluator.permissions import Action, UserInfo, require
from evaluator.services.users import user_in

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

TABLE = schema.AUDIT_SEARCH_TABLE
CHUNK = 20_000  # entries indexed per write transaction
_SHORTEST = 3  # characters: the trigram tokenizer finds nothing shorter

_CREATE = (
    f"CREATE VIRTUAL TABLE {TABLE} USING fts5("
    "old, new, reason, content='', tokenize='trigram', detail='none')"
)
_FTS = table(TABLE, column("rowid"))
_LOG = schema.audit_log


def indexed_upto(session: Session) -> int | None:
    """The last entry id the index holds (0: none yet), or None when there is no index to use
    (not SQLite, or no ``audit_text`` table)."""
    if session.get_bind().dialect.name != "sqlite":
        return None
    found = session.execute(
        text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :name"),
        {"name": TABLE},
    ).first()
    if found is None:
        return None
    last = session.execute(text(f"SELECT rowid FROM {TABLE} ORDER BY rowid DESC LIMIT 1")).scalar()
    return int(last or 0)


def match_query(needle: str) -> str | None:
    """The FTS5 query listing entries that may hold ``needle``: every third trigram of it and
    its last (each a quoted string, quotes doubled), all of which such an entry holds; None when
    ``needle`` is too short for a trigram."""
    if len(needle) < _SHORTEST:
        return None
    starts = list(range(0, len(needle) - _SHORTEST + 1, _SHORTEST))
    if starts[-1] != len(needle) - _SHORTEST:
        starts.append(len(needle) - _SHORTEST)
    grams = (needle[i : i + _SHORTEST].replace('"', '""') for i in starts)
    return " AND ".join(f'"{gram}"' for gram in grams)


def _create(session: Session) -> bool:
    """The index table made (empty); False when this SQLite has no FTS5 trigram tokenizer."""
    try:
        session.execute(text(_CREATE))
    except OperationalError:  # "no such module: fts5" / "no such tokenizer: trigram"
        return False
    return True


def catch_up(
    db: Database, user: UserInfo, *, chunk: int = CHUNK, cancelled: Callable[[], bool] | None = None
) -> int:
    """Index every entry written since the index's last one, ``chunk`` entries per write
    transaction (the log's write lock held briefly each time); the index made first when the
    database has none. Returns how many entries were indexed (0 on PostgreSQL, and where
    SQLite lacks the trigram tokenizer: the search then scans, as it always did).
    ``cancelled()``, when given, is asked between transactions."""
    with db.transaction() as session:
        require(user_in(session, user.id), Action.VIEW_AUDIT_LOG)
    if not db.is_sqlite:
        return 0
    done = 0
    while cancelled is None or not cancelled():
        with db.transaction() as session:
            begin_write(session)  # two catching up at once: the second reads the first's work
            upto = indexed_upto(session)
            if upto is None:
                if not _create(session):
                    return done
                upto = 0
            added = (
                session.connection()
                .execute(
                    text(
                        f"INSERT INTO {TABLE}(rowid, old, new, reason) "
                        "SELECT id, old, new, reason FROM audit_log "
                        "WHERE id > :upto ORDER BY id LIMIT :chunk"
                    ),
                    {"upto": upto, "chunk": chunk},
                )
                .rowcount
            )
        done += max(added, 0)
        if added < chunk:
            break
    return done


def listed(query: Select[*tuple[Any, ...]], match: str) -> Select[*tuple[Any, ...]]:
    """``query`` (a select of columns of the log, with its conditions) over the entries the
    index lists under ``match`` (:func:`match_query`), newest first: read from the index in its
    own row order, so a page stops after its rows instead of gathering every candidate."""
    joined = _FTS.join(_LOG, _LOG.c.id == _FTS.c.rowid)
    query = query.select_from(joined).where(literal_column(TABLE).op("MATCH")(match))
    return query.order_by(_FTS.c.rowid.desc())
