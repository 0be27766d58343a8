"""Many rows into one table in one ``executemany``, for bulk writers (a score table of
200,000 rows, its audit entries).

SQLAlchemy's own executemany handles each row's parameters in Python (about as long as SQLite
takes to insert the row); :func:`insert_tuples` compiles the INSERT once per table, columns
and dialect, converts the values with the columns' own bind processors (so a
datetime or an enum is stored exactly as SQLAlchemy stores it; a value repeated row after row,
such as the one moment of a bulk write, is converted once, or by the caller with
:func:`bind_values`) and hands all rows to the driver at once.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import Table, func, insert, select, text
from sqlalchemy.engine import Dialect

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

_Prepared = tuple[str, bool, tuple[str, ...], list[tuple[int, Callable[[Any], Any]]]]
_PREPARED: dict[tuple[str, tuple[str, ...], str, str], _Prepared] = {}


def _prepare(table: Table, names: tuple[str, ...], dialect: Dialect) -> _Prepared:
    """The INSERT's text, whether its parameters are positional, the order of its columns and
    the bind processors to run (by position in that order), made once."""
    key = (table.name, names, dialect.name, dialect.driver)
    found = _PREPARED.get(key)
    if found is None:
        compiled = insert(table).compile(dialect=dialect, column_keys=list(names))
        order = tuple(compiled.positiontup or []) if compiled.positional else names
        convert: list[tuple[int, Callable[[Any], Any]]] = []
        for i, name in enumerate(order):
            processor = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
            if processor is not None:
                convert.append((i, processor))
        found = (compiled.string, compiled.positional, order, convert)
        _PREPARED[key] = found
    return found


def _converted(values: list[Any], processor: Callable[[Any], Any]) -> list[Any]:
    out: list[Any] = []
    last: object = out  # a sentinel no value is
    done: Any = None
    for value in values:
        if value is not last:
            last, done = value, processor(value)
        out.append(done)
    return out


def bind_values(session: Session, table: Table, values: Mapping[str, object]) -> dict[str, object]:
    """Values as the driver is given them (each column's bind processor applied, if it has
    one), for a writer that puts the same value in many rows: converted once, then handed to
    :func:`insert_tuples` with their columns named in ``converted``."""
    dialect = session.connection().dialect
    out: dict[str, object] = {}
    for name, value in values.items():
        processor = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
        out[name] = value if processor is None else processor(value)
    return out


def insert_tuples(
    session: Session,
    table: Table,
    names: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    converted: Collection[str] = (),
) -> int:
    """Insert rows (each a sequence of values in the order of ``names``) into ``table`` on the
    session's connection, in its transaction; returns how many. The values of the columns
    named in ``converted`` are already as the driver takes them (:func:`bind_values`); rows
    that need no conversion and are in the INSERT's order go to the driver as they are."""
    if not rows:
        return 0
    conn = session.connection()
    sql, positional, order, convert = _prepare(table, tuple(names), conn.dialect)
    if converted:
        skip = {order.index(name) for name in converted}
        convert = [(i, processor) for i, processor in convert if i not in skip]
    params: list[Any]
    if convert or order != tuple(names):
        columns: list[Any] = list(zip(*rows, strict=True))
        if order != tuple(names):
            where = {name: i for i, name in enumerate(names)}
            columns = [columns[where[name]] for name in order]
        for i, processor in convert:
            columns[i] = _converted(columns[i], processor)
        params = list(zip(*columns, strict=True))
    else:
        params = rows if isinstance(rows, list) else list(rows)
    if not positional:
        params = [dict(zip(order, values, strict=True)) for values in params]
    conn.exec_driver_sql(sql, params)
    return len(rows)


_VALUES_PER_STATEMENT = 4_000  # values of a multi-row INSERT on SQLite (its rows' together)
_FLAT_SQL: dict[tuple[str, tuple[str, ...], int], str] = {}


def insert_flat(
    session: Session,
    table: Table,
    names: Sequence[str],
    values: list[Any],
    *,
    converted: Collection[str] = (),
) -> int:
    """Insert rows given one after another in one flat list of ``values`` (each row's values
    in the order of ``names``) into ``table``, in the session's transaction; returns how
    many rows. On SQLite many rows go in one ``INSERT … VALUES (…), (…)`` statement (a row's
    values bound as in :func:`insert_tuples`, but one statement run per few hundred rows
    instead of one per row: a bulk writer's hundreds of thousands of audit entries); elsewhere,
    or when a value needs converting (its column not in ``converted``), through
    :func:`insert_tuples`. The rows get their ids in order, as one by one."""
    width = len(names)
    count = len(values) // width
    if not count:
        return 0
    conn = session.connection()
    dialect = conn.dialect
    _, positional, order, convert = _prepare(table, tuple(names), dialect)
    needs = [i for i, _ in convert if order[i] not in converted]
    if dialect.name != "sqlite" or not positional or order != tuple(names) or needs:
        rows = list(zip(*[iter(values)] * width, strict=True))
        return insert_tuples(session, table, names, rows, converted=converted)
    # as many values as SQLite takes in one statement (999 before 3.32), up to a bound
    driver = conn.connection.driver_connection
    room = driver.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)  # type: ignore[union-attr]
    step = max(1, min(room, _VALUES_PER_STATEMENT) // width) * width
    for start in range(0, count * width, step):
        chunk = values[start : start + step]
        conn.exec_driver_sql(
            _flat_sql(table, tuple(names), len(chunk) // width, dialect), tuple(chunk)
        )
    return count


def _flat_sql(table: Table, names: tuple[str, ...], rows: int, dialect: Dialect) -> str:
    key = (table.name, names, rows)
    sql = _FLAT_SQL.get(key)
    if sql is None:
        quote = dialect.identifier_preparer.quote
        row = "(" + ", ".join("?" * len(names)) + ")"
        sql = _FLAT_SQL[key] = (
            f"INSERT INTO {quote(table.name)} ({', '.join(quote(n) for n in names)}) VALUES "
            + ", ".join([row] * rows)
        )
    return sql


def reserve_ids(session: Session, table: Table, count: int) -> list[int]:
    """Ids for ``count`` new rows of ``table`` (its integer primary key ``id``), in ascending
    order, for a bulk writer to insert them with and know them without reading them back: on
    SQLite the ones it would give the rows itself (one above the largest id, counted up: the
    caller holds the write lock, so no other writer takes them), on PostgreSQL drawn from the
    column's sequence."""
    if count <= 0:
        return []
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        drawn = conn.execute(
            text(
                "SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :n)"
            ),
            {"table": table.name, "n": count},
        )
        return sorted(int(row[0]) for row in drawn)
    top = conn.execute(select(func.max(table.c.id))).scalar() or 0
    return list(range(top + 1, top + 1 + count))
