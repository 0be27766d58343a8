"""A round's tambons and sheets read from the database into the plain inputs of scoring.

The ranking's read (issue 17 item 4): the rows are taken from the driver's cursor as they are
(SQLAlchemy still compiles and runs each statement, for SQLite and PostgreSQL alike; building
its Row objects for tens of thousands of scores cost more than the queries themselves), and a
sheet's scores come in the same row as the sheet: one LEFT JOIN of ``scores`` per criterion of
the contest, each a look-up in the unique (sheet_id, criterion_id) index, so a round is one row
per sheet instead of one per score, with nothing to regroup in Python. A contest with more
criteria than a join may hold reads its scores in a second query instead, one row per score in
the order of the sheets' ids (each sheet's scores a run of rows found by bisection).

Either way a sheet's scores are its scores of the contest's criteria that have a value, in the
order of the criteria's ids (a score of another contest's criterion, a hand edit, is not read),
and a status that is not a sheet status stops the read with a message naming the sheet.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from typing import Any

from sqlalchemy import Connection, CursorResult, and_, bindparam, select
from sqlalchemy.orm import aliased
from sqlalchemy.sql import ClauseElement, Executable
from sqlalchemy.sql.compiler import SQLCompiler

from evaluator.db import models as m
from evaluator.errors import EvaluatorError
from evaluator.geography import tambon_places
from evaluator.scoring import model as sc

JOINED_CRITERIA = 40
"""Up to this many criteria, a sheet's scores are read in its own row (SQLite joins at most 64
tables in one statement)."""

_STATUSES = frozenset(m.SheetStatus)


def plain_rows(connection: Connection, statement: Executable) -> Sequence[tuple[Any, ...]]:
    """Every row of ``statement`` as the driver gives it (plain tuples, fetched at once): no
    Row objects and no result processing, for bulk reads whose columns are numbers and text
    the driver returns as they are stored."""
    return _fetched(connection.execute(statement))


def _fetched(result: CursorResult[Any]) -> Sequence[tuple[Any, ...]]:
    try:
        rows: Sequence[tuple[Any, ...]] = result.cursor.fetchall()
    finally:
        result.close()
    return rows


_Compiled = tuple[str, tuple[str, ...] | None]
_COMPILED: dict[tuple[str, str, str], _Compiled] = {}


def compiled_rows(
    connection: Connection,
    key: str,
    statement: Callable[[], ClauseElement],
    parameters: Mapping[str, Any],
) -> Sequence[tuple[Any, ...]]:
    """The rows of ``statement()`` (named ``key``; its values as bound parameters) like
    :func:`plain_rows`, its SQL compiled once per dialect: a statement of a dozen joins costs
    SQLAlchemy milliseconds to build and look up in its cache, each time."""
    dialect = connection.dialect
    found = _COMPILED.get((key, dialect.name, dialect.driver))
    if found is None:
        compiled = statement().compile(dialect=dialect)
        assert isinstance(compiled, SQLCompiler)
        order = tuple(compiled.positiontup or ()) if compiled.positional else None
        found = _COMPILED[(key, dialect.name, dialect.driver)] = (compiled.string, order)
    sql, order = found
    values = tuple(parameters[name] for name in order) if order is not None else dict(parameters)
    return _fetched(connection.exec_driver_sql(sql, values))


def read_tambons(connection: Connection) -> tuple[sc.Tambon, ...]:
    """Every tambon with its place."""
    rows = compiled_rows(connection, "tambons", tambon_places, {})
    new, tambon = object.__new__, sc.Tambon
    tambons: list[sc.Tambon] = []
    append = tambons.append
    for code, name, district, province_code, province, zone in rows:
        made = new(tambon)  # sc.Tambon.read(...) inlined, its fields in their order
        fields = made.__dict__
        fields["code"] = code
        fields["name"] = name
        fields["zone"] = zone
        fields["province"] = province
        fields["district"] = district
        fields["province_code"] = province_code
        append(made)
    return tuple(tambons)


_SHEET_COLUMNS = (
    m.Sheet.id,
    m.Sheet.uuid,
    m.Sheet.tambon_code,
    m.Sheet.status,
    m.Sheet.conflict_of,
    m.Sheet.inspector_id,
)


def read_sheets(
    connection: Connection, round_id: int, criteria: Mapping[int, str]
) -> tuple[sc.Sheet, ...]:
    """The round's sheets in the order of their ids, each with its scores of ``criteria``
    (criterion id → code: the contest's)."""
    if len(criteria) <= JOINED_CRITERIA:
        return _joined(connection, round_id, criteria)
    return _apart(connection, round_id, criteria)


def _joined_statement(criteria: int) -> ClauseElement:
    """The sheets of round ``:round_id``, each with its value of criteria ``:c0``, ``:c1`` …
    (None where it has none: no row, or a null value, which the read apart leaves out)."""
    scores = [aliased(m.Score) for _ in range(criteria)]
    statement = select(*_SHEET_COLUMNS, *(x.value for x in scores))
    for i, x in enumerate(scores):
        statement = statement.outerjoin(
            x, and_(x.sheet_id == m.Sheet.id, x.criterion_id == bindparam(f"c{i}"))
        )
    return statement.where(m.Sheet.round_id == bindparam("round_id")).order_by(m.Sheet.id)


def _inspectors(connection: Connection) -> dict[int, tuple[str, str | None]]:
    """Every inspector's name and home province, by id (a few hundred rows: cheaper than
    joining them to each of thousands of sheets)."""
    rows = compiled_rows(connection, "inspectors", _inspectors_statement, {})
    return {i: (name, home) for i, name, home in rows}


def _inspectors_statement() -> ClauseElement:
    return select(m.Inspector.id, m.Inspector.name, m.Inspector.home_province_code)


def _joined(
    connection: Connection, round_id: int, criteria: Mapping[int, str]
) -> tuple[sc.Sheet, ...]:
    """One row per sheet: its columns, then its score of each criterion (None: no score)."""
    ids = sorted(criteria)
    codes = tuple(criteria[i] for i in ids)
    rows = compiled_rows(
        connection,
        f"sheets with {len(ids)} scores",
        lambda: _joined_statement(len(ids)),
        {"round_id": round_id, **{f"c{i}": c for i, c in enumerate(ids)}},
    )
    inspectors = _inspectors(connection)
    every = _scores_reader(len(codes))(*codes)
    new, sheet = object.__new__, sc.Sheet
    sheets: list[sc.Sheet] = []
    append = sheets.append
    for row in rows:
        inspector = inspectors.get(row[5])
        if inspector is None:  # no such inspector (a hand edit): not read, as by a join
            continue
        own = every(row)
        if own is None:  # some criteria not scored
            values = row[_SHEET_WIDTH:]
            own = {code: v for code, v in zip(codes, values, strict=True) if v is not None}
        status = row[3]
        if status not in _STATUSES:
            raise _unknown_status(row[1], status)
        # sc.Sheet.read(...) inlined, its fields in their order: a round's read makes thousands
        made = new(sheet)
        fields = made.__dict__
        fields["key"] = row[1]
        fields["inspector"] = inspector[0]
        fields["tambon_code"] = row[2]
        fields["status"] = status
        fields["scores"] = own
        fields["inspector_home_province"] = inspector[1]
        fields["conflict_of"] = row[4]
        append(made)
    return tuple(sheets)


_SHEET_WIDTH = len(_SHEET_COLUMNS)

ScoresReader = Callable[[Sequence[Any]], dict[str, Any] | None]


@cache
def _scores_reader(count: int) -> Callable[..., ScoresReader]:
    """For a contest of ``count`` criteria: a function that takes their codes (in the order of
    the row's values) and gives the reader of a sheet's row, which returns its scores by code
    when every value is there, else None (the caller then leaves out the missing ones).

    The usual sheet of a round, read a few thousand times: its values unpacked and checked one
    by one, then put in a dict made at its size at once, costs a third of ``dict(zip(codes,
    row[6:]))`` after ``None in row[6:]`` (which compares each float with None). As
    :mod:`dataclasses` and :func:`collections.namedtuple` do, the function is written for the
    number of values and compiled once; its text holds nothing but that number (the codes are
    its arguments, never written into it)."""
    values = [f"v{i}" for i in range(count)]
    keys = [f"k{i}" for i in range(count)]
    skipped = ", ".join(["_"] * _SHEET_WIDTH)
    missing = " or ".join(f"{v} is None" for v in values) or "False"
    text = (
        f"def reader({', '.join(keys)}):\n"
        f"    def read(row):\n"
        f"        {skipped}, {''.join(v + ', ' for v in values)}= row\n"
        f"        if {missing}:\n"
        f"            return None\n"
        f"        return {{{', '.join(f'{k}: {v}' for k, v in zip(keys, values, strict=True))}}}\n"
        f"    return read\n"
    )
    namespace: dict[str, Any] = {}
    exec(compile(text, f"<scores of {count} criteria>", "exec"), namespace)
    made: Callable[..., ScoresReader] = namespace["reader"]
    return made


def _apart(
    connection: Connection, round_id: int, criteria: Mapping[int, str]
) -> tuple[sc.Sheet, ...]:
    """The sheets, then their scores one row each, both in the order of the sheets' ids."""
    score_rows = plain_rows(
        connection,
        select(m.Score.sheet_id, m.Score.criterion_id, m.Score.value)
        .join(m.Sheet, m.Score.sheet_id == m.Sheet.id)
        .where(m.Sheet.round_id == round_id, m.Score.value.is_not(None))
        .order_by(m.Sheet.id, m.Score.criterion_id),
    )
    rows = plain_rows(
        connection,
        select(*_SHEET_COLUMNS).where(m.Sheet.round_id == round_id).order_by(m.Sheet.id),
    )
    inspectors = _inspectors(connection)
    sheet_ids, criterion_ids, values = zip(*score_rows, strict=True) if score_rows else ((), (), ())
    every = tuple(sorted(criteria))
    every_code = tuple(criteria[i] for i in every)
    sheets: list[sc.Sheet] = []
    end = 0
    for row in rows:
        start = bisect_left(sheet_ids, row[0], end)
        end = bisect_right(sheet_ids, row[0], start)
        inspector = inspectors.get(row[5])
        if inspector is None:  # no such inspector (a hand edit): not read, as by a join
            continue
        own_ids = criterion_ids[start:end]
        if own_ids == every:  # the usual sheet: each of the contest's criteria scored
            own = dict(zip(every_code, values[start:end], strict=True))
        else:
            own = {
                criteria[c]: v
                for c, v in zip(own_ids, values[start:end], strict=True)
                if c in criteria
            }
        sheets.append(_sheet(row, inspector, own))
    return tuple(sheets)


def _sheet(
    row: Sequence[Any], inspector: tuple[str, str | None], scores: dict[str, float]
) -> sc.Sheet:
    """``sc.Sheet(...)`` of a row of the sheet columns, with its inspector and scores."""
    _, uuid, tambon_code, status, conflict_of, _ = row
    if status not in _STATUSES:
        raise _unknown_status(uuid, status)
    name, home = inspector
    return sc.Sheet.read(uuid, name, tambon_code, status, scores, home, conflict_of)


def _unknown_status(uuid: str, status: object) -> EvaluatorError:
    return EvaluatorError(
        f"แบบประเมิน {uuid} มีสถานะ '{status}' ที่ไม่ใช่สถานะของแบบประเมิน"
        f" — sheet {uuid} has the status '{status}', which is not a sheet status"
    )
