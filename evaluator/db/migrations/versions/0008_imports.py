"""imports: the audit log without a unique index on its hashes; scores without a second index
on their sheet

Revision ID: 0008_imports
Revises: 0007_lessons
Create Date: 2026-12-07 02:00:00

Every entry appended to the log also went into a unique index of its SHA-256, a random key: a
bulk import of 200,000 score rows appends about 400,000 entries, and once that index outgrew
SQLite's page cache each insert touched pages outside it, so the time per row grew with the
file. Nothing looks an entry up by its hash (the chain links entries by ``prev_hash`` and is
checked in id order; the head keeps the last id). ``scores.sheet_id`` had an index of its own
beside the unique (sheet_id, criterion_id) index that already serves every look-up by sheet.

On SQLite dropping the constraint rebuilds the table; its append-only triggers go with the old
table and are made again.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0008_imports"
down_revision: str | None = "0007_lessons"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SQLITE_VERBS = ("UPDATE", "DELETE")


def _sqlite() -> bool:
    return op.get_bind().dialect.name == "sqlite"


def _drop_sqlite_triggers() -> None:
    for verb in _SQLITE_VERBS:
        op.execute(f"DROP TRIGGER IF EXISTS audit_log_no_{verb.lower()}")


def _make_sqlite_triggers() -> None:
    for verb in _SQLITE_VERBS:
        op.execute(
            f"CREATE TRIGGER audit_log_no_{verb.lower()} BEFORE {verb} ON audit_log "
            "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END"
        )


def upgrade() -> None:
    if _sqlite():
        _drop_sqlite_triggers()
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_audit_log_hash"), type_="unique")
    if _sqlite():
        _make_sqlite_triggers()
    with op.batch_alter_table("scores", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_scores_sheet_id"))


def downgrade() -> None:
    with op.batch_alter_table("scores", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_scores_sheet_id"), ["sheet_id"], unique=False)
    if _sqlite():
        _drop_sqlite_triggers()
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_unique_constraint(batch_op.f("uq_audit_log_hash"), ["hash"])
    if _sqlite():
        _make_sqlite_triggers()
