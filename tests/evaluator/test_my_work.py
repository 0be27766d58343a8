"""An inspector's dashboard: their own assignments and sheets, never the whole country; the
service takes the acting user and reads their inspector link as stored."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from evaluator.db import Database
from evaluator.db import models as m
from evaluator.errors import PermissionDenied
from evaluator.permissions import UserInfo
from evaluator.services import progress
from evaluator.services.assignment_design import assignment_design
from tests.evaluator.sheet_fixtures import FULL, Contest, add_sheet, build_contest


@pytest.fixture
def db(any_db: Database) -> Database:
    return any_db


@pytest.fixture
def contest(db: Database) -> Contest:
    c = build_contest(db, tambon_count=12, assigned=4)
    t = c.tambons
    with db.transaction() as s:  # one more tambon for inspector ข alone
        s.add(
            m.Assignment(
                round_id=c.round_id, inspector_id=c.inspectors["ผู้ตรวจ ข"], tambon_code=t[8]
            )
        )
    add_sheet(db, c, "ผู้ตรวจ ก", t[0], FULL, m.SheetStatus.SUBMITTED)
    add_sheet(db, c, "ผู้ตรวจ ก", t[1], {"C1": 5, "C2": 5}, m.SheetStatus.SUBMITTED)  # incomplete
    add_sheet(db, c, "ผู้ตรวจ ก", t[2], {"C1": 7}, m.SheetStatus.DRAFT)
    add_sheet(db, c, "ผู้ตรวจ ข", t[0], FULL, m.SheetStatus.SUBMITTED)
    add_sheet(db, c, "ผู้ตรวจ ข", t[3], FULL, m.SheetStatus.DRAFT)
    return c


def test_an_inspector_sees_their_own_tambons_and_sheet_states(
    db: Database, contest: Contest
) -> None:
    t = contest.tambons
    work = progress.my_work(db, contest.inspector_a, "outstanding")
    assert work.inspector == "ผู้ตรวจ ก" and work.round_code == "outstanding"
    assert not work.round_final
    states = {x.code: x.state for x in work.tambons}
    assert states == {
        t[0]: "submitted",
        t[1]: "incomplete",
        t[2]: "draft",
        t[3]: "not_started",
    }  # t[8] is ข's alone
    first = next(x for x in work.tambons if x.code == t[0])
    assert (first.scored, first.criteria) == (4, 4) and first.total is not None
    assert first.tambon and first.district and first.province and first.zone
    gap = next(x for x in work.tambons if x.code == t[3])
    assert gap.sheet_id is None and gap.status is None and gap.scored == 0
    c = work.counts
    assert (c.expected, c.submitted, c.incomplete, c.drafted, c.not_started) == (4, 1, 1, 1, 1)


def test_an_inspectors_progress_is_their_own_never_the_countrys(
    db: Database, contest: Contest
) -> None:
    country = progress.progress(db, contest.committee, "outstanding")
    assert country.national.expected == 4 * 3 + 1
    mine = progress.progress(db, contest.inspector_b, "outstanding")
    n = mine.national
    assert (n.tambons, n.expected, n.submitted, n.drafted, n.not_started) == (5, 5, 1, 1, 3)
    assert sum(z.counts.expected for z in mine.zones) == 5
    assert {x.code for x in mine.lacking} == set(contest.tambons[1:4]) | {contest.tambons[8]}
    assert all(x.expected == 1 for x in mine.lacking)


def test_the_stored_link_counts_not_the_one_the_caller_passes(
    db: Database, contest: Contest
) -> None:
    """A caller that claims another inspector's link still gets the stored user's own work."""
    forged = UserInfo(
        contest.inspector_a.id,
        contest.inspector_a.name,
        m.Role.INSPECTOR,
        inspector_id=contest.inspectors["ผู้ตรวจ ข"],
        inspector_name="ผู้ตรวจ ข",
        login=contest.inspector_a.login,
    )
    work = progress.my_work(db, forged, "outstanding")
    assert work.inspector == "ผู้ตรวจ ก"
    assert contest.tambons[8] not in {x.code for x in work.tambons}


def test_a_committee_member_has_no_work_of_their_own_and_a_disabled_user_none_at_all(
    db: Database, contest: Contest
) -> None:
    assert progress.my_work(db, contest.committee, "outstanding").tambons == []
    with db.transaction() as s:
        s.execute(update(m.User).where(m.User.id == contest.inspector_c.id).values(disabled=True))
    with pytest.raises(PermissionDenied):
        progress.my_work(db, contest.inspector_c, "outstanding")


def test_the_dashboards_numbers_and_design_note_come_from_one_read_as_from_each_service(
    db: Database, contest: Contest
) -> None:
    """``progress_and_design`` (the dashboard's one job) gives what ``progress`` and
    ``assignment_design`` give apart; without a round no design, the numbers still; an
    inspector's numbers are their own, with no design; a disabled user gets nothing."""
    for round_code in ("outstanding", None):
        numbers, design = progress.progress_and_design(db, contest.committee, round_code)
        assert numbers == progress.progress(db, contest.committee, round_code)
        assert design == assignment_design(db, round_code)
        assert design is not None and design.source == "assignments"
    numbers, design = progress.progress_and_design(db, contest.committee, "no-such-round")
    assert numbers == progress.progress(db, contest.committee, "no-such-round")
    assert numbers.round_code is None and numbers.national.tambons > 0 and design is None
    own, design = progress.progress_and_design(db, contest.inspector_b, "outstanding")
    assert own == progress.progress(db, contest.inspector_b, "outstanding") and design is None
    with db.transaction() as s:
        s.execute(update(m.User).where(m.User.id == contest.inspector_c.id).values(disabled=True))
    with pytest.raises(PermissionDenied):
        progress.progress_and_design(db, contest.inspector_c, "outstanding")
