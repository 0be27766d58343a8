"""certificate register: every certificate issued, by its short code (issue 12)

Revision ID: 0003_certificate_register
Revises: 0002_setup
Create Date: 2026-12-06 20:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_certificate_register"
down_revision: str | None = "0002_setup"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "certificate_register",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("contest_code", sa.String(length=50), nullable=False),
        sa.Column("round_code", sa.String(length=50), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("tambon_code", sa.String(length=10), nullable=False),
        sa.Column("leader_number", sa.Integer(), nullable=True),
        sa.Column("recipient", sa.String(length=300), nullable=False),
        sa.Column("award", sa.String(length=300), nullable=False),
        sa.Column("zone", sa.Integer(), nullable=True),
        sa.Column("prize_baht", sa.Integer(), nullable=False),
        sa.Column("issued_on", sa.String(length=10), nullable=False),
        sa.Column("result_hash", sa.String(length=64), nullable=True),
        sa.Column("draft", sa.Boolean(), nullable=False),
        sa.Column("seal", sa.Text(), nullable=False),
        sa.Column("signer_sha256", sa.String(length=64), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("issued_by", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_certificate_register")),
        sa.UniqueConstraint("code", name=op.f("uq_certificate_register_code")),
    )
    with op.batch_alter_table("certificate_register", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_certificate_register_tambon_code"), ["tambon_code"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("certificate_register", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_certificate_register_tambon_code"))
    op.drop_table("certificate_register")
