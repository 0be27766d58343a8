"""The tambon list (one query), a tambon's detail, comparison, and the progress numbers."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from evaluator.db import Database
from evaluator.db import models as m
from evaluator.errors import InputError, PermissionDenied
from evaluator.services import progress, tambons
from evaluator.services.tambons import TambonStatus
from tests.evaluator.sheet_fixtures import FULL, Contest, add_sheet, build_contest


@pytest.fixture
def db(any_db: Database) -> Database:
    """Every test here runs on SQLite and on PostgreSQL."""
    return any_db


@pytest.fixture
def contest(db: Database) -> Contest:
    c = build_contest(db, tambon_count=12, assigned=6)
    t = c.tambons
    add_sheet(db, c, "ผู้ตรวจ ก", t[0], FULL, m.SheetStatus.SUBMITTED)  # 75
    add_sheet(
        db, c, "ผู้ตรวจ ข", t[0], {"C1": 10, "C2": 10, "C3": 5, "C4": 5}, m.SheetStatus.SUBMITTED
    )
    add_sheet(db, c, "ผู้ตรวจ ค", t[0], {"C1": 2}, m.SheetStatus.DRAFT)
    add_sheet(db, c, "ผู้ตรวจ ก", t[1], {"C1": 5, "C2": 5}, m.SheetStatus.SUBMITTED)  # incomplete
    add_sheet(db, c, "ผู้ตรวจ ก", t[2], {"C1": 5, "C2": 5, "C3": 5, "C4": 5}, m.SheetStatus.SUBMITTED)
    return c


def test_list_has_every_tambon_with_thai_and_latin_names(db: Database, contest: Contest) -> None:
    rows = tambons.list_tambons(db, contest.committee)
    assert sorted(r.code for r in rows) == sorted(contest.tambons)
    first = next(r for r in rows if r.code == contest.tambons[0])
    assert first.tambon and first.tambon_en and first.district_en and first.province_en
    assert 1 <= first.zone <= 18
    assert [r.zone for r in rows] == sorted(r.zone for r in rows)


def test_status_and_score_follow_the_sheets(db: Database, contest: Contest) -> None:
    rows = {r.code: r for r in tambons.list_tambons(db, contest.committee, "outstanding")}
    t = contest.tambons
    assert rows[t[0]].status is TambonStatus.DRAFT  # one sheet is still a draft
    assert (rows[t[0]].sheets, rows[t[0]].submitted) == (3, 2)
    assert rows[t[0]].score == pytest.approx((75 + 100) / 2)
    assert rows[t[1]].status is TambonStatus.SUBMITTED
    assert rows[t[1]].score is None  # its only sheet is incomplete: it does not count
    assert rows[t[2]].score == pytest.approx(40 * 0.5 + 30 * 0.5 + 20 + 10)
    assert rows[t[3]].status is TambonStatus.NONE and rows[t[3]].score is None


def test_the_list_is_one_query(db: Database, contest: Contest) -> None:
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        tambons.list_tambons(db, contest.committee, "outstanding")
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    big = [q for q in statements if "FROM tambons" in q]
    assert len(big) == 1


def test_an_inspector_sees_only_their_tambons_and_sheets(db: Database, contest: Contest) -> None:
    rows = {r.code: r for r in tambons.list_tambons(db, contest.inspector_b)}
    assert set(rows) == set(contest.tambons[:6])
    assert rows[contest.tambons[0]].sheets == 1  # only their own sheet counts
    assert rows[contest.tambons[0]].score == pytest.approx(100.0)
    detail = tambons.tambon_detail(db, contest.inspector_b, contest.tambons[0])
    assert [s.inspector for s in detail.sheets] == ["ผู้ตรวจ ข"]


def test_detail_has_villages_leaders_and_sheets(db: Database, contest: Contest) -> None:
    d = tambons.tambon_detail(db, contest.committee, contest.tambons[0])
    assert len(d.leaders) == 15
    assert d.leaders[0].name.startswith("นาย")
    assert [v.is_focus for v in d.villages] == [True, False]
    assert sorted(s.inspector for s in d.sheets) == ["ผู้ตรวจ ก", "ผู้ตรวจ ข", "ผู้ตรวจ ค"]


def test_compare_three_tambons(db: Database, contest: Contest) -> None:
    t = contest.tambons
    cmp = tambons.compare_tambons(db, contest.committee, "outstanding", [t[0], t[1], t[2]])
    assert [c.code for c in cmp.criteria] == ["C1", "C2", "C3", "C4"]
    first = cmp.tambons[0]
    assert [s.inspector for s in first.sheets] == ["ผู้ตรวจ ก", "ผู้ตรวจ ข"]  # drafts left out
    assert first.mean("C1") == pytest.approx(9.0)
    assert first.spread("C1") == pytest.approx(2.0)
    assert first.mean_total == pytest.approx(87.5)
    assert cmp.tambons[1].sheets[0].total is None  # incomplete
    assert cmp.tambons[1].spread("C1") is None  # one sheet: no spread
    with pytest.raises(InputError):
        tambons.compare_tambons(db, contest.committee, "outstanding", [t[0]])
    with pytest.raises(PermissionDenied):
        tambons.compare_tambons(db, contest.inspector_a, "outstanding", [t[0], t[1]])


def test_the_sheets_of_any_number_of_tambons_for_a_tie(db: Database, contest: Contest) -> None:
    """A tie at the cutoff can hold more than the compare view's four: the tie panel reads them
    all through tambon_sheets, with the compare view's rules (counted sheets, COMPARE)."""
    t = contest.tambons
    assert len(t) >= 5
    every = tambons.tambon_sheets(db, contest.committee, "outstanding", [*t, t[0]])
    assert [x.code for x in every.tambons] == t  # each once, in the order asked
    three = tambons.compare_tambons(db, contest.committee, "outstanding", t[:3])
    assert every.tambons[:3] == three.tambons
    with pytest.raises(PermissionDenied):
        tambons.tambon_sheets(db, contest.inspector_a, "outstanding", t)


def test_progress_counts_per_zone_and_nationally(db: Database, contest: Contest) -> None:
    p = progress.progress(db, contest.committee, "outstanding")
    n = p.national
    # 6 assigned tambons x 3 inspectors = 18 sheets expected
    assert n.expected == 18
    assert (n.submitted, n.incomplete, n.drafted) == (3, 1, 1)
    assert n.not_started == 18 - 5
    assert n.tambons == 6
    assert n.tambons_done == 0
    assert sum(z.counts.expected for z in p.zones) == 18
    assert len(p.zones) == 18
    assert {x.code for x in p.lacking} == set(contest.tambons[:6])
    lacking0 = next(x for x in p.lacking if x.code == contest.tambons[0])
    assert (lacking0.expected, lacking0.counted, lacking0.drafted) == (3, 2, 1)
    assert n.percent_done == pytest.approx(100 * 3 / 18)


def test_progress_without_assignments_expects_min_sheets(db: Database) -> None:
    c = build_contest(db, tambon_count=5, assigned=0)
    add_sheet(db, c, "ผู้ตรวจ ก", c.tambons[0], FULL, m.SheetStatus.SUBMITTED)
    p = progress.progress(db, c.committee)
    assert p.national.expected == 5
    assert p.national.tambons_done == 1
    assert len(p.lacking) == 4
