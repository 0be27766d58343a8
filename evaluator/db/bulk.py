"""Many rows into one table in one ``executemany``, for bulk writers (a score table of
200,000 rows, its audit entries).

SQLAlchemy's own executemany handles each row's parameters in Python (about as long as SQLite
takes to insert the row); :func:`insert_rows` compiles the INSERT once for the connection's
dialect, converts the values with the columns' own bind processors (so a datetime or an enum is
stored exactly as SQLAlchemy stores it) and hands all rows to the driver at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from operator import itemgetter
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session


def insert_rows(session: Session, table: Table, rows: Iterable[Mapping[str, object]]) -> int:
    """Insert rows (each a mapping of column name to value, all with the same keys) into
    ``table`` on the session's connection, in its transaction; returns how many."""
    items = list(rows)
    if not items:
        return 0
    names = list(items[0])
    conn = session.connection()
    dialect = conn.dialect
    compiled = insert(table).compile(dialect=dialect, column_keys=names)
    order = list(compiled.positiontup or []) if compiled.positional else names
    convert = [
        (i, processor)
        for i, name in enumerate(order)
        if (processor := table.c[name].type.dialect_impl(dialect).bind_processor(dialect))
    ]
    pick = itemgetter(*order)
    params: list[Any] = (
        [pick(row) for row in items] if len(order) > 1 else [(row[order[0]],) for row in items]
    )
    if convert:
        for n, values in enumerate(params):
            cells = list(values)
            for i, processor in convert:
                cells[i] = processor(cells[i])
            params[n] = tuple(cells)
    if not compiled.positional:
        params = [dict(zip(order, values, strict=True)) for values in params]
    conn.exec_driver_sql(compiled.string, params)
    return len(items)
