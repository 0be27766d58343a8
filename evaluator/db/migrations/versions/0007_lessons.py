"""lessons: the lessons learned (ถอดบทเรียน) of a sheet and the committee's worth-spreading mark

Revision ID: 0007_lessons
Revises: 0006_accounts
Create Date: 2026-12-06 23:10:00

One row per sheet at most (``sheet_id`` unique), deleted with its sheet. Existing sheets have no
lessons, so their audit seals stay valid: a sheet's digest covers its lessons only when it has a
row here (``evaluator.audit.sheet_digests``).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_lessons"
down_revision: str | None = "0006_accounts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "lessons",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sheet_id", sa.Integer(), nullable=False),
        sa.Column("good_practices", sa.Text(), nullable=False),
        sa.Column("success_factors", sa.Text(), nullable=False),
        sa.Column("obstacles", sa.Text(), nullable=False),
        sa.Column("transferable", sa.Text(), nullable=False),
        sa.Column("village_results", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("spread_by", sa.String(length=200), nullable=True),
        sa.Column("spread_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("spread_note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["sheet_id"],
            ["sheets.id"],
            name=op.f("fk_lessons_sheet_id_sheets"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lessons")),
    )
    with op.batch_alter_table("lessons", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_lessons_sheet_id"), ["sheet_id"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("lessons", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lessons_sheet_id"))
    op.drop_table("lessons")
