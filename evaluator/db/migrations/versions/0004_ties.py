"""ties: the committee's decisions on ties at a round's cutoff (DESIGN.md section 6)

Revision ID: 0004_ties
Revises: 0003_certificate_register
Create Date: 2026-12-06 20:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_ties"
down_revision: str | None = "0003_certificate_register"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "tie_decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("zone", sa.Integer(), nullable=False),
        sa.Column("tambons", sa.JSON(), nullable=False),
        sa.Column("winners", sa.JSON(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("decided_by", sa.String(length=200), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["round_id"], ["rounds.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("tie_decisions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_tie_decisions_round_id"), ["round_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("tie_decisions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tie_decisions_round_id"))
    op.drop_table("tie_decisions")
