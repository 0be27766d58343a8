"""audit chain: one head row that serialises appends; every existing sheet sealed

Revision ID: 0005_audit_chain
Revises: 0004_ties
Create Date: 2026-12-06 21:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

revision: str = "0005_audit_chain"
down_revision: str | None = "0004_ties"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("entries", sa.Integer(), nullable=False),
        sa.Column("last_id", sa.Integer(), nullable=True),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_head")),
    )
    # the head of the log as it is, then a seal of every sheet already there, so that a sheet
    # edited behind the program's back from now on is found
    from evaluator import audit

    session = Session(bind=op.get_bind())
    uuids = list(session.scalars(sa.text("SELECT uuid FROM sheets ORDER BY id")))
    audit.record(session, "system", audit.Source.SYSTEM, [], sheets=uuids)
    session.flush()
    session.close()


def downgrade() -> None:
    op.drop_table("audit_head")
