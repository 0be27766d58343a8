"""Reading a round's sheets and tambons for the ranking (services/round_read.py).

Both reads (each sheet's scores joined into its row, or apart in a second query for a contest
with many criteria) give exactly what a plain ORM read gives: the same sheets in the same
order, each with its scores of the contest's criteria in the order of their ids, field for
field; on SQLite and PostgreSQL.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select, text, update

from evaluator.db import Database
from evaluator.db import models as m
from evaluator.errors import EvaluatorError
from evaluator.scoring.model import Sheet, Tambon
from evaluator.services import round_read as rr
from evaluator.services.round_context import context_for_round
from tests.evaluator.ranking_fixtures import ContestBuilder


def _contest(db: Database) -> ContestBuilder:
    """Sheets of every kind: complete, a criterion missing, none scored, a draft, a merge
    conflict copy, a locked one, an inspector of the tambon's own province, odd values, and a
    score of another contest's criterion (a hand edit)."""
    b = ContestBuilder(db, criteria=(("C1", 10, 50), ("C2", 7, 30), ("C3", 3, 20)))
    b.round("r", winners_per_zone=1)
    b.round("other", winners_per_zone=1)
    t1, t2, t3 = b.tambons("180101", "840101", "500101")
    b.sheet("r", "ผู้ประเมิน ก", t1, [7.5, 5, 2])
    b.sheet("r", "ผู้ประเมิน ข", t1, [7.123456789012345, 0.1, 1e-300])
    b.sheet("r", "ผู้ประเมิน ค", t2, [8, None, 3])
    b.sheet("r", "ผู้ประเมิน ง", t2, [])
    b.sheet("r", "ผู้ประเมิน ก", t3, [1, 2, 3], status="draft")
    b.sheet("r", "ผู้ประเมิน ข", t3, [4, 5, 1], conflict_of="another-uuid")
    b.sheet("r", "ผู้ประเมิน จ", t3, [9, 6, 2], status="locked", home_province="50")
    b.sheet("other", "ผู้ประเมิน ก", t1, [1, 1, 1])  # another round: not read
    foreign = ContestBuilder(db, criteria=(("X1", 10, 100),), code="OTHER")
    with db.transaction() as s:
        first = s.scalar(select(m.Sheet.id).where(m.Sheet.round_id == b.round_ids["r"]))
        s.add(m.Score(sheet_id=first, criterion_id=foreign.criterion_ids["X1"], value=4.0))
        # the criteria's positions not in the order of their ids
        s.execute(
            update(m.Criterion).where(m.Criterion.id == b.criterion_ids["C1"]).values(position=99)
        )
    return b


def _plainly(db: Database, round_code: str) -> tuple[Sheet, ...]:
    """The round's sheets read through the ORM, one object at a time (those of an inspector
    the database knows)."""
    with db.transaction() as s:
        rnd = s.scalar(select(m.Round).where(m.Round.code == round_code))
        assert rnd is not None
        codes = {
            c.id: c.code
            for c in s.scalars(select(m.Criterion).where(m.Criterion.contest_id == rnd.contest_id))
        }
        sheets = s.scalars(select(m.Sheet).where(m.Sheet.round_id == rnd.id).order_by(m.Sheet.id))
        return tuple(
            Sheet(
                key=sh.uuid,
                inspector=sh.inspector.name,
                tambon_code=sh.tambon_code,
                status=str(sh.status),
                scores={
                    codes[sc.criterion_id]: sc.value
                    for sc in sorted(sh.scores, key=lambda sc: sc.criterion_id)
                    if sc.criterion_id in codes and sc.value is not None
                },
                inspector_home_province=sh.inspector.home_province_code,
                conflict_of=sh.conflict_of,
            )
            for sh in sheets
            if sh.inspector is not None
        )


def _same(got: tuple[Sheet, ...], expected: tuple[Sheet, ...]) -> None:
    assert got == expected
    for g, e in zip(got, expected, strict=True):
        assert list(vars(g).items()) == list(vars(e).items())  # the fields' order too
        assert list(g.scores.items()) == list(e.scores.items())  # the scores' order too
        assert type(g.status) is str and type(g.scores) is dict


@pytest.mark.parametrize("joined", [True, False], ids=["joined", "apart"])
def test_both_reads_are_the_plain_read(
    any_db: Database, joined: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    _contest(any_db)
    if not joined:
        monkeypatch.setattr(rr, "JOINED_CRITERIA", 0)
    with any_db.transaction() as s:
        ctx, rnd = context_for_round(s, "r", None)
        got = ctx.sheets(rnd)
        tambons = ctx.tambons
    expected = _plainly(any_db, "r")
    assert len(expected) == 7
    _same(got, expected)
    first = expected[0]
    assert "X1" not in first.scores and first.scores == {"C1": 7.5, "C2": 5.0, "C3": 2.0}
    assert expected[2].scores == {"C1": 8.0, "C3": 3.0} and expected[3].scores == {}
    assert {t.code for t in tambons} == {"180101", "840101", "500101"}
    assert all(type(t) is Tambon for t in tambons)
    chainat = next(t for t in tambons if t.code == "180101")
    assert chainat == Tambon("180101", "ทดสอบ180101", 1, "ชัยนาท", "ทดสอบ1801", "18")


def test_a_contest_of_many_criteria_reads_its_scores_apart(any_db: Database) -> None:
    """More criteria than one statement may join: the scores come in a second query."""
    many = tuple((f"K{i:02d}", 10.0, 1.0) for i in range(rr.JOINED_CRITERIA + 5))
    b = ContestBuilder(any_db, criteria=many)
    b.round("r", winners_per_zone=1)
    t = b.tambon("180101")
    b.sheet("r", "ผู้ประเมิน ก", t, [float(i % 10) for i in range(len(many))])
    b.sheet("r", "ผู้ประเมิน ข", t, [None, *[1.5] * (len(many) - 1)])
    with any_db.transaction() as s:
        ctx, rnd = context_for_round(s, "r", None)
        got = ctx.sheets(rnd)
    _same(got, _plainly(any_db, "r"))
    assert len(got[0].scores) == len(many) and "K00" not in got[1].scores


@pytest.mark.parametrize("joined", [True, False], ids=["joined", "apart"])
def test_a_status_that_is_no_sheet_status_is_named(
    db: Database, joined: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A hand edit (sqlite3) leaves a status the program never writes: the read stops with a
    message naming the sheet, as SQLAlchemy's own read of the column would refuse it."""
    b = _contest(db)
    if not joined:
        monkeypatch.setattr(rr, "JOINED_CRITERIA", 0)
    uuid = b.sheet("r", "ผู้ประเมิน ฉ", "180101", [1, 1, 1])
    with db.transaction() as s:
        s.execute(text("UPDATE sheets SET status = 'bogus' WHERE uuid = :u"), {"u": uuid})
    with db.transaction() as s:
        ctx, rnd = context_for_round(s, "r", None)
        with pytest.raises(EvaluatorError, match=uuid) as raised:
            ctx.sheets(rnd)
    assert "bogus" in str(raised.value) and "แบบประเมิน" in str(raised.value)


def test_the_read_reflects_the_database_each_time(db: Database) -> None:
    """Nothing of a round is kept between reads: a score changed in between is read anew."""
    b = _contest(db)
    with db.transaction() as s:
        ctx, rnd = context_for_round(s, "r", None)
        before = ctx.sheets(rnd)[0].scores["C1"]
    with db.transaction() as s:
        s.execute(
            update(m.Score)
            .where(m.Score.criterion_id == b.criterion_ids["C1"], m.Score.value == 7.5)
            .values(value=6.25)
        )
    with db.transaction() as s:
        ctx, rnd = context_for_round(s, "r", None)
        after = ctx.sheets(rnd)[0].scores["C1"]
    assert (before, after) == (7.5, 6.25)


@pytest.mark.parametrize("joined", [True, False], ids=["joined", "apart"])
def test_a_sheet_of_no_known_inspector_is_not_read(
    db: Database, joined: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sheet whose inspector is gone (a hand edit with the foreign keys off) is left out,
    as the join of sheets and inspectors always left it out."""
    _contest(db)
    if not joined:
        monkeypatch.setattr(rr, "JOINED_CRITERIA", 0)
    with db.transaction() as s:
        s.execute(text("PRAGMA foreign_keys=OFF"))
        s.execute(text("UPDATE sheets SET inspector_id = 9999 WHERE id = 1"))
    with db.transaction() as s:
        ctx, rnd = context_for_round(s, "r", None)
        got = ctx.sheets(rnd)
    expected = _plainly(db, "r")
    assert len(expected) == 6
    _same(got, expected)


@given(
    st.lists(
        st.one_of(st.none(), st.floats(allow_nan=False), st.sampled_from([math.inf, -0.0])),
        max_size=rr.JOINED_CRITERIA,
    ),
    st.data(),
)
def test_a_sheets_scores_are_read_from_its_row_as_zipped(
    values: list[float | None], data: st.DataObject
) -> None:
    """The reader written for a number of criteria gives a row's values by code, in order,
    exactly when none is missing (else None: the caller leaves out the missing ones); the
    codes, any text, are its arguments, never part of the code it is compiled from."""
    odd = ["'", '"""', "}\n__import__('os')"]
    drawn = data.draw(st.lists(st.text(max_size=8), min_size=len(values), max_size=len(values)))
    codes = [f"{i}:{(odd + drawn)[i]}" for i in range(len(values))]  # unique, any text
    row = (1, "uuid", "180101", "submitted", None, 7, *values)
    got = rr._scores_reader(len(values))(*codes)(row)
    if None in values:
        assert got is None
    else:
        assert got == dict(zip(codes, values, strict=True))
        assert list(got) == codes and all(a is b for a, b in zip(got.values(), values, strict=True))
