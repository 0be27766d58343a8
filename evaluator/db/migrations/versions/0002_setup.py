"""set-up: inspectors' phone and e-mail, leaders' village and phone (DESIGN.md section 5)

Revision ID: 0002_setup
Revises: 0001
Create Date: 2026-12-06 20:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_setup"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("inspectors", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("phone", sa.String(length=50), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("email", sa.String(length=200), nullable=False, server_default="")
        )
    with op.batch_alter_table("leaders", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("village", sa.String(length=100), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("phone", sa.String(length=50), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("leaders", schema=None) as batch_op:
        batch_op.drop_column("phone")
        batch_op.drop_column("village")
    with op.batch_alter_table("inspectors", schema=None) as batch_op:
        batch_op.drop_column("email")
        batch_op.drop_column("phone")
