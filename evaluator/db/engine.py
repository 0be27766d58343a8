"""Opening a database (SQLite file or SQLAlchemy URL) and running units of work on it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs
import sqlalchemy.dialects.sqlite  # noqa: F401  # the usual database: loaded with the rest of SQLAlchemy
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

APP_NAME = "cdd-evaluator"


def default_db_path() -> Path:
    """The database in the user's data folder, used when ``--db`` is not given."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "evaluator.sqlite3"


def demo_db_path() -> Path:
    """The demo's own database (``make run``), beside the default one but never the same file."""
    return default_db_path().with_name("demo.sqlite3")


def to_url(db: str | Path) -> str:
    """Turn a file path or an SQLAlchemy URL into an SQLAlchemy URL."""
    text = str(db)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


@dataclass
class Database:
    """An open database: the engine, and units of work on it (an ORM session, or a Core
    connection where the ORM is not needed)."""

    url: str
    engine: Engine

    @cached_property
    def sessions(self) -> sessionmaker[Session]:
        """The session factory, made (and SQLAlchemy's ORM imported) at the first session."""
        from sqlalchemy.orm import sessionmaker

        return sessionmaker(self.engine, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def file_path(self) -> Path | None:
        """The SQLite file, or None for a server database or an in-memory one."""
        if not self.is_sqlite:
            return None
        name = make_url(self.url).database
        return Path(name) if name and name != ":memory:" else None

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: commit when the block ends, roll back everything if it raises."""
        session = self.sessions()
        try:
            with session.begin():
                yield session
        finally:
            session.close()

    @contextmanager
    def connection(self) -> Iterator[Connection]:
        """One unit of work with SQLAlchemy Core alone (no session, no mapped classes): a
        connection in a transaction, committed when the block ends, rolled back if it raises.
        The reads on the way to the app's first window use it (docs/architecture.md)."""
        with self.engine.begin() as connection:
            yield connection

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(db: str | Path | None = None, *, echo: bool = False) -> Database:
    """Connect to ``db`` (a path or URL; the default database when None) without migrating it."""
    if db is None:
        path = default_db_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        db = path
    url = to_url(db)
    if url.startswith("sqlite:///") and not url.endswith(":memory:"):
        Path(make_url(url).database or "").parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, echo=echo)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return Database(url=url, engine=engine)
