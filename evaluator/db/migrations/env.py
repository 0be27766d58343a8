"""Alembic environment: run migrations on the connection the program hands over."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from evaluator.db.models import Base
from evaluator.db.schema import in_migrations

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite://")
        with engine.connect() as conn:
            context.configure(
                connection=conn,
                target_metadata=target_metadata,
                render_as_batch=True,
                include_object=in_migrations,
            )
            with context.begin_transaction():
                context.run_migrations()
        return
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        include_object=in_migrations,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
