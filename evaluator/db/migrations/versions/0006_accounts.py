"""accounts: login, password hash, disabled flag, failed sign-ins and lock-out

Revision ID: 0006_accounts
Revises: 0005_audit_chain
Create Date: 2026-12-06 20:20:00

Existing users keep their display name and get a login made from it (normalised like every
login: NFC, spaces collapsed, lower case; "-2", "-3"… added where two names give one login).
They have no password: nobody can sign in as them until an admin sets one
(``evaluator users set-password``). A database whose only users have no password is opened again
by ``evaluator init --admin LOGIN``, which sets that admin's password (see docs/accounts.md).
"""

import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_accounts"
down_revision: str | None = "0005_audit_chain"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ZERO_WIDTH = str.maketrans("", "", "\u200b\u200c\u200d\u2060\ufeff\u00ad")


def _login_of(name: str) -> str:
    """The login an existing user gets: their name as a login (frozen copy of the rule of
    ``evaluator.accounts.normalise_login`` at this revision)."""
    text = unicodedata.normalize("NFC", name.translate(_ZERO_WIDTH))
    return " ".join(text.split()).casefold()[:60] or "user"


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("login", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("password_hash", sa.String(length=255), nullable=True))
        batch_op.add_column(
            sa.Column(
                "must_change_password",
                sa.Boolean(),
                nullable=False,
                server_default=sa.false(),
            )
        )
        batch_op.add_column(
            sa.Column("disabled", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(
            sa.Column("failed_logins", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True))

    conn = op.get_bind()
    users = sa.table("users", sa.column("id", sa.Integer()), sa.column("name"), sa.column("login"))
    taken: set[str] = set()
    for user_id, name in conn.execute(sa.select(users.c.id, users.c.name).order_by(users.c.id)):
        base = _login_of(name)
        login, n = base, 1
        while login in taken:
            n += 1
            login = f"{base}-{n}"
        taken.add(login)
        conn.execute(sa.update(users).where(users.c.id == user_id).values(login=login))

    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.alter_column("login", existing_type=sa.String(length=64), nullable=False)
        batch_op.create_unique_constraint(batch_op.f("uq_users_login"), ["login"])
        batch_op.drop_constraint(batch_op.f("uq_users_name"), type_="unique")
        batch_op.alter_column("must_change_password", server_default=None)
        batch_op.alter_column("disabled", server_default=None)
        batch_op.alter_column("failed_logins", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.create_unique_constraint(batch_op.f("uq_users_name"), ["name"])
        batch_op.drop_constraint(batch_op.f("uq_users_login"), type_="unique")
        batch_op.drop_column("locked_until")
        batch_op.drop_column("failed_logins")
        batch_op.drop_column("disabled")
        batch_op.drop_column("must_change_password")
        batch_op.drop_column("password_hash")
        batch_op.drop_column("login")
