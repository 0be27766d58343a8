"""The ranking service on a real database: reading, chains of rounds, finalising, the lock."""

from __future__ import annotations

import dataclasses
import hashlib
import json

import pytest
from sqlalchemy import event, func, select, text

from evaluator import audit
from evaluator.db import Database
from evaluator.db import models as m
from evaluator.errors import (
    EvaluatorError,
    InputError,
    LockedError,
    NotFoundError,
    PermissionDenied,
)
from evaluator.scoring import result as rr
from evaluator.services import finalise as fin
from evaluator.services import ranking as rk
from evaluator.services import rounds
from evaluator.services.round_context import context_for_round
from tests.evaluator.ranking_fixtures import ContestBuilder, acting

# Zone 5: 840101, 840102, 840103 (สุราษฎร์ธานี), 860101 (ชุมพร); zone 15: 500101, 500102.


def build(db: Database, **settings: object) -> ContestBuilder:
    """Two rounds: outstanding (2 per zone, tie-break C1) and excellent (1 nationally)."""
    b = ContestBuilder(db, settings=dict(settings))
    b.round("outstanding", title="ดีเด่น", prize_baht=100_000, winners_per_zone=2,
            tie_break=["C1"])  # fmt: skip
    b.round("excellent", title="ดีเลิศ", prize_baht=1_000_000, winners=1,
            eligible_from="outstanding")  # fmt: skip
    b.tambon("840101", "ท่าทอง")
    b.tambon("840102", "บางใบไม้")
    b.tambon("840103", "คลองน้อย")
    b.tambon("860101", "ท่าตะเภา")
    b.tambon("500101", "ศรีภูมิ")
    b.tambon("500102", "พระสิงห์")
    # outstanding, C1 60 points, C2 40 points, both out of 10:
    # 840101: (9, 9) 90 and (8, 7) 76 → 83
    b.sheet("outstanding", "ก", "840101", [9, 9])
    b.sheet("outstanding", "ข", "840101", [8, 7])
    # 840102: (8, 8) 80; 840103: (10, 5) 80: equal, C1 1.0 > 0.8 → 840103 second
    b.sheet("outstanding", "ก", "840102", [8, 8])
    b.sheet("outstanding", "ก", "840103", [10, 5])
    # 860101: (7, 7) 70, and a draft (10, 10) that must not count
    b.sheet("outstanding", "ข", "860101", [7, 7])
    b.sheet("outstanding", "ค", "860101", [10, 10], status="draft")
    # 500101: (6, 6) 60; 500102: (5, 5) 50 and an incomplete sheet
    b.sheet("outstanding", "ค", "500101", [6, 6])
    b.sheet("outstanding", "ค", "500102", [5, 5])
    b.sheet("outstanding", "ก", "500102", [10, None])
    # excellent: 840101 (9, 8) 86; 500101 (9, 9) 90; 840102 (10, 10) but it did not win
    b.sheet("excellent", "ก", "840101", [9, 8])
    b.sheet("excellent", "ข", "500101", [9, 9])
    b.sheet("excellent", "ข", "840102", [10, 10])
    return b


def rows(r: rk.RoundRanking) -> list[tuple[object, ...]]:
    return [(e.zone, e.tambon_code, e.rank, e.status) for e in r.entries]


def test_rank_round_reads_names_and_orders_by_zone(db: Database) -> None:
    build(db)
    r = rk.rank_round(db, "outstanding")
    assert (r.contest_code, r.round_code, r.round_title, r.prize_baht) == (
        "T2564",
        "outstanding",
        "ดีเด่น",
        100_000,
    )
    assert (r.aggregation, r.quota_kind, r.quota, r.finalised, r.result_hash) == (
        "mean",
        "zone",
        2,
        False,
        None,
    )
    assert rows(r) == [
        (5, "840101", 1, "winner"),
        (5, "840103", 2, "winner"),
        (5, "840102", 3, "eligible"),
        (5, "860101", 4, "eligible"),
        (15, "500101", 1, "winner"),
        (15, "500102", 2, "winner"),
    ]
    top = r.entry("840101")
    assert (top.tambon, top.district, top.province) == ("ท่าทอง", "ทดสอบ8401", "สุราษฎร์ธานี")
    assert top.score == pytest.approx(83) and top.sheets == 2
    assert r.entry("840103").tie_break == (("C1", 1.0),)
    draft = r.entry("860101")
    assert draft.sheets == 1 and draft.score == pytest.approx(70)
    assert [n.status for n in draft.excluded_sheets] == ["draft"]
    assert "draft_sheet" in draft.flags
    incomplete = r.entry("500102")
    assert incomplete.score == pytest.approx(50)
    assert "C2" in incomplete.excluded_sheets[0].reason
    assert [e.tambon_code for e in r.winners()] == ["840101", "840103", "500101", "500102"]


def test_zone_filter(db: Database) -> None:
    build(db)
    r = rk.rank_round(db, "outstanding", zone=15)
    assert r.zone == 15
    assert rows(r) == [(15, "500101", 1, "winner"), (15, "500102", 2, "winner")]


def test_eligible_from_takes_the_winners_of_the_earlier_round(db: Database) -> None:
    build(db)
    r = rk.rank_round(db, "excellent")
    # 840102 has the best sheet (100) but was third in its zone in outstanding
    assert rows(r)[:2] == [(15, "500101", 1, "winner"), (5, "840101", 2, "eligible")]
    not_winner = r.entry("840102")
    assert not_winner.status == "ineligible"
    assert not_winner.reason == "ไม่ได้เป็นผู้ได้รับรางวัลในรอบ ดีเด่น"
    assert not_winner.score == pytest.approx(100)
    # a winner of outstanding without an excellent sheet
    assert r.entry("840103").reason == "ต้องมีแบบประเมินอย่างน้อย 1 แบบ มี 0 แบบ"


def test_a_chain_of_three_rounds(db: Database) -> None:
    b = ContestBuilder(db)
    b.round("a", winners_per_zone=2)
    b.round("b", winners_per_zone=1, eligible_from="a")
    b.round("c", winners=1, eligible_from="b", aggregation="median")
    for code in ("840101", "840102", "840103"):
        b.tambon(code)
    for code, a, bb, c in (("840101", 9, 5, 10), ("840102", 8, 9, 10), ("840103", 7, 10, 10)):
        b.sheet("a", "ก", code, [a, a])
        b.sheet("b", "ก", code, [bb, bb])
        b.sheet("c", "ก", code, [c, c])
    # a: 840101, 840102 win; b: of those 840102 (90) wins; c: only 840102 may take part
    assert [e.tambon_code for e in rk.rank_round(db, "b").winners()] == ["840102"]
    c = rk.rank_round(db, "c")
    assert rows(c) == [
        (5, "840102", 1, "winner"),
        (5, "840101", None, "ineligible"),
        (5, "840103", None, "ineligible"),
    ]


def test_eligible_from_cycle_is_refused(db: Database) -> None:
    b = ContestBuilder(db)
    b.round("a", winners_per_zone=1, eligible_from="b")
    b.round("b", winners_per_zone=1, eligible_from="a")
    b.tambon("840101")
    with pytest.raises(EvaluatorError, match="cycle"):
        rk.rank_round(db, "a")


def test_unknown_round(db: Database) -> None:
    build(db)
    with pytest.raises(NotFoundError):
        rk.rank_round(db, "nope")


def test_list_rounds(db: Database) -> None:
    build(db)
    info = rk.list_rounds(db)
    assert [(i.code, i.title, i.prize_baht, i.finalised) for i in info] == [
        ("outstanding", "ดีเด่น", 100_000, False),
        ("excellent", "ดีเลิศ", 1_000_000, False),
    ]
    assert (info[1].quota_kind, info[1].quota, info[1].eligible_from) == (
        "national",
        1,
        "outstanding",
    )


def test_each_aggregation_through_the_database(db: Database) -> None:
    b = ContestBuilder(db)
    for agg in ("mean", "median", "trimmed_mean"):
        b.round(agg, winners_per_zone=1, aggregation=agg)
    b.tambon("840101")
    for agg in ("mean", "median", "trimmed_mean"):
        for inspector, v in (("ก", 5), ("ข", 6), ("ค", 9), ("ง", 10)):  # totals 50, 60, 90, 100
            b.sheet(agg, inspector, "840101", [v, v])
    score = {agg: rk.rank_round(db, agg).entry("840101").score for agg in b.round_ids}
    # mean 300/4 = 75; median (60 + 90)/2 = 75; trimmed (60 + 90)/2 = 75 — and a skewed case:
    assert score == pytest.approx({"mean": 75, "median": 75, "trimmed_mean": 75})
    b.sheet("mean", "จ", "840101", [0, 0])
    b.sheet("median", "จ", "840101", [0, 0])
    b.sheet("trimmed_mean", "จ", "840101", [0, 0])
    # 0, 50, 60, 90, 100: mean 60; median 60; trimmed (50 + 60 + 90)/3 = 66.67
    score = {agg: rk.rank_round(db, agg).entry("840101").score for agg in b.round_ids}
    assert score == pytest.approx({"mean": 60, "median": 60, "trimmed_mean": 200 / 3})


def test_zscore_through_the_database(db: Database) -> None:
    b = ContestBuilder(db)
    b.round("z", winners_per_zone=1, aggregation="zscore")
    b.tambons("840101", "840102", "840103")
    # the case of test_ranking_rules.test_zscore_with_a_zero_sd_inspector
    b.sheet("z", "A", "840101", [8, 8])
    b.sheet("z", "A", "840102", [6, 6])
    b.sheet("z", "B", "840101", [7, 7])
    b.sheet("z", "B", "840103", [9, 9])
    b.sheet("z", "C", "840102", [5, 5])
    r = rk.rank_round(db, "z")
    assert [(e.tambon_code, e.rank) for e in r.entries] == [
        ("840103", 1),
        ("840101", 2),
        ("840102", 3),
    ]
    assert rk.ranking_json(r)["ranking"][0]["score"] == 84.14
    assert rk.ranking_json(r)["ranking"][2]["score"] == 62.93


def test_conflict_of_interest_excluded_by_default(db: Database) -> None:
    b = ContestBuilder(db)
    b.round("r", winners_per_zone=1)
    b.tambon("840101")
    b.sheet("r", "นอกพื้นที่", "840101", [6, 6], home_province="50")
    b.sheet("r", "คนในจังหวัด", "840101", [10, 10], home_province="84")
    r = rk.rank_round(db, "r")
    assert r.conflict_of_interest == "exclude"
    e = r.entry("840101")
    assert (e.score, e.sheets) == (pytest.approx(60), 1)
    assert "conflict_of_interest" in e.flags
    assert [n.inspector for n in e.excluded_sheets] == ["คนในจังหวัด"]
    assert rk.ranking_json(r)["conflict_of_interest"] == "exclude"


def test_conflict_of_interest_only_flagged_when_the_contest_says_so(db: Database) -> None:
    b = ContestBuilder(db, settings={"conflict_of_interest": "flag"})
    b.round("r", winners_per_zone=1)
    b.tambon("840101")
    b.sheet("r", "นอกพื้นที่", "840101", [6, 6], home_province="50")
    b.sheet("r", "คนในจังหวัด", "840101", [10, 10], home_province="84")
    r = rk.rank_round(db, "r")
    assert r.conflict_of_interest == "flag"
    e = r.entry("840101")
    assert (e.score, e.sheets) == (pytest.approx(80), 2)
    assert [n.inspector for n in e.flagged_sheets] == ["คนในจังหวัด"]
    assert e.excluded_sheets == ()


def test_bad_settings_are_reported(db: Database) -> None:
    b = ContestBuilder(db, settings={"conflict_of_interest": "ignore"})
    b.round("r", winners_per_zone=1, aggregation="geometric")
    with pytest.raises(EvaluatorError):
        rk.rank_round(db, "r")


def test_ranking_reads_a_constant_number_of_queries(db: Database) -> None:
    """A few bulk queries, never one per tambon or per sheet."""

    def count_queries(round_code: str) -> int:
        statements: list[str] = []

        def before(*args: object) -> None:
            statements.append(str(args[2]))

        event.listen(db.engine, "before_cursor_execute", before)
        try:
            rk.rank_round(db, round_code)
        finally:
            event.remove(db.engine, "before_cursor_execute", before)
        return len(statements)

    b = ContestBuilder(db)
    b.round("small", winners_per_zone=1)
    b.round("large", winners_per_zone=1)
    for i in range(3):
        b.sheet("small", f"ผู้ประเมิน{i}", b.tambon(f"8401{i:02d}"), [5, 5])
    for i in range(30):
        code = b.tambon(f"8402{i:02d}")
        b.sheet("large", f"ผู้ประเมิน{i % 4}", code, [i % 10, 5])
        b.sheet("large", f"ผู้ประเมิน{(i + 1) % 4}", code, [5, i % 10])
    small, large = count_queries("small"), count_queries("large")
    assert small == large
    # the round with its contest and the contest's rounds, criteria, tambons, inspectors, sheets
    assert large <= 5


def test_a_round_code_in_two_contests_needs_the_contest(db: Database) -> None:
    """The round, its contest and the contest's rounds are read in one query: a code two
    contests share is refused without --contest, and with it each contest ranks its own round
    among its own rounds only."""
    first = ContestBuilder(db, code="A2564")
    first.round("r", winners_per_zone=1).round("only_a", winners_per_zone=1)
    second = ContestBuilder(db, (("K1", 5, 100),), code="B2564", title="การประกวดที่สอง")
    second.round("r", winners=1)
    first.sheet("r", "ก", first.tambon("840101"), [9, 9])
    second.sheet("r", "ข", second.tambon("840102"), [4])
    with pytest.raises(EvaluatorError, match="several contests"):
        rk.rank_round(db, "r")
    with pytest.raises(NotFoundError):
        rk.rank_round(db, "r", contest="C2564")
    with pytest.raises(NotFoundError):
        rk.rank_round(db, "nowhere")
    a, b = rk.rank_round(db, "r", contest="A2564"), rk.rank_round(db, "r", contest="B2564")
    assert (a.contest_code, a.quota_kind, b.contest_code, b.quota_kind) == (
        "A2564", "zone", "B2564", "national"
    )  # fmt: skip
    assert [(e.tambon_code, e.score) for e in a.entries if e.sheets] == [("840101", 90.0)]
    assert [(e.tambon_code, e.score) for e in b.entries if e.sheets] == [("840102", 80.0)]
    assert rk.rank_round(db, "only_a").contest_code == "A2564"
    with db.transaction() as s:
        ctx, rnd = context_for_round(s, "r", "B2564")
        assert (rnd.contest.code, list(ctx.rounds), [c.code for c in ctx.criteria]) == (
            "B2564", ["r"], ["K1"]
        )  # fmt: skip
        assert ctx.criterion_codes == {second.criterion_ids["K1"]: "K1"}


# --- finalising ------------------------------------------------------------------------------


def sheet_statuses(db: Database, round_code: str) -> dict[str, int]:
    with db.transaction() as s:
        return dict(
            s.execute(
                select(m.Sheet.status, func.count())
                .join(m.Round)
                .where(m.Round.code == round_code)
                .group_by(m.Sheet.status)
            ).all()
        )


def audit_entries(db: Database, action: str) -> list[m.AuditEntry]:
    with db.transaction() as s:
        return list(s.scalars(select(m.AuditEntry).where(m.AuditEntry.action == action)))


def test_finalise_locks_sheets_and_stores_the_hashed_result(db: Database) -> None:
    build(db)
    before = rk.rank_round(db, "outstanding")
    result = fin.finalise_round(db, acting(db, "ประธานกรรมการ", m.Role.ADMIN), "outstanding")
    assert (result.winners, result.ties, result.locked_sheets) == (4, 0, 8)
    # submitted sheets are locked; the draft stays a draft (a locked sheet would count)
    assert sheet_statuses(db, "outstanding") == {
        m.SheetStatus.LOCKED: 8,
        m.SheetStatus.DRAFT: 1,
    }
    with db.transaction() as s:
        rnd = s.scalars(select(m.Round).where(m.Round.code == "outstanding")).one()
        assert rnd.finalised_at is not None and rnd.finalised_by == "ประธานกรรมการ"
        assert rnd.result_json is not None
        assert rnd.result_hash == hashlib.sha256(rnd.result_json.encode()).hexdigest()
        stored = json.loads(rnd.result_json)
        assert rnd.result_json == json.dumps(
            stored, ensure_ascii=False, sort_keys=True, separators=(",", ":")
        )
    assert stored["round"] == "outstanding" and stored["finalised_by"] == "ประธานกรรมการ"
    after = rk.rank_round(db, "outstanding")
    assert after.finalised and after.result_hash == result.result_hash
    assert after.finalised_by == "ประธานกรรมการ"
    assert rows(after) == rows(before)
    assert [e.score for e in after.entries] == [e.score for e in before.entries]
    (entry,) = audit_entries(db, "finalise")
    assert entry.actor == "ประธานกรรมการ" and result.result_hash in (entry.new or "")
    check = fin.verify_result(db, "outstanding")
    assert check.intact and check.matches_sheets


def test_printed_json_of_a_final_round_hashes_to_its_hash(db: Database) -> None:
    build(db)
    result = fin.finalise_round(db, acting(db, "admin", "admin"), "outstanding")
    data = rk.ranking_json(rk.rank_round(db, "outstanding"))
    assert data.pop("finalised") is True
    assert data.pop("result_hash") == result.result_hash
    assert rr.sha256(rr.canonical_json(data)) == result.result_hash


def test_finalise_twice_is_refused(db: Database) -> None:
    build(db)
    fin.finalise_round(db, acting(db, "admin", m.Role.ADMIN), "outstanding")
    with pytest.raises(LockedError):
        fin.finalise_round(db, acting(db, "admin", m.Role.ADMIN), "outstanding")


def test_only_an_admin_may_finalise(db: Database) -> None:
    build(db)
    with pytest.raises(PermissionDenied):
        fin.finalise_round(db, acting(db, "ผู้ประเมิน", m.Role.INSPECTOR), "outstanding")
    with pytest.raises(PermissionDenied):
        fin.finalise_round(db, acting(db, "กรรมการ", m.Role.COMMITTEE), "outstanding")
    assert not rk.rank_round(db, "outstanding").finalised


def test_finalise_checks_the_stored_role_not_the_one_passed_in(db: Database) -> None:
    build(db)
    committee = acting(db, "กรรมการ", m.Role.COMMITTEE)
    with pytest.raises(PermissionDenied):
        fin.finalise_round(db, dataclasses.replace(committee, role=m.Role.ADMIN), "outstanding")
    with pytest.raises(NotFoundError):
        fin.finalise_round(db, dataclasses.replace(committee, id=9999), "outstanding")
    assert not rk.rank_round(db, "outstanding").finalised


def test_a_round_is_finalised_after_the_round_it_draws_from(db: Database) -> None:
    build(db)
    with pytest.raises(EvaluatorError, match="outstanding"):
        fin.finalise_round(db, acting(db, "admin", m.Role.ADMIN), "excellent")
    fin.finalise_round(db, acting(db, "admin", m.Role.ADMIN), "outstanding")
    fin.finalise_round(db, acting(db, "admin", m.Role.ADMIN), "excellent")
    assert [e.tambon_code for e in rk.rank_round(db, "excellent").winners()] == ["500101"]


def test_open_merge_conflicts_block_finalising(db: Database) -> None:
    b = build(db)
    original = b.sheet("outstanding", "ง", "840102", [1, 1])
    b.sheet("outstanding", "ง", "840102", [2, 2], conflict_of=original)
    with pytest.raises(EvaluatorError, match="840102"):
        fin.finalise_round(db, acting(db, "admin", m.Role.ADMIN), "outstanding")


def test_superseded_copies_stay_locked_through_reopening(db: Database) -> None:
    b = build(db)
    original = b.sheet("outstanding", "ง", "840102", [1, 1])
    b.sheet("outstanding", "ง", "840102", [2, 2], status="locked", conflict_of=original)
    fin.finalise_round(db, acting(db, "admin", m.Role.ADMIN), "outstanding")
    fin.reopen_round(db, acting(db, "admin", m.Role.ADMIN), "outstanding", "แก้คะแนนผิด")
    with db.transaction() as s:
        copy = s.scalars(select(m.Sheet).where(m.Sheet.conflict_of == original)).one()
        assert copy.status is m.SheetStatus.LOCKED
    assert sheet_statuses(db, "outstanding")[m.SheetStatus.SUBMITTED] == 9


def test_reopen_needs_an_admin_and_a_reason(db: Database) -> None:
    build(db)
    result = fin.finalise_round(db, acting(db, "ผู้ดูแล", m.Role.ADMIN), "outstanding")
    with pytest.raises(PermissionDenied):
        fin.reopen_round(db, acting(db, "กรรมการ", m.Role.COMMITTEE), "outstanding", "ขอแก้")
    with pytest.raises(InputError):
        fin.reopen_round(db, acting(db, "ผู้ดูแล", m.Role.ADMIN), "outstanding", "  ")
    assert rk.rank_round(db, "outstanding").finalised
    reopened = fin.reopen_round(
        db, acting(db, "ผู้ดูแล", m.Role.ADMIN), "outstanding", "พบคะแนนกรอกผิด"
    )
    assert (reopened.unlocked_sheets, reopened.previous_hash) == (8, result.result_hash)
    assert sheet_statuses(db, "outstanding") == {
        m.SheetStatus.SUBMITTED: 8,
        m.SheetStatus.DRAFT: 1,
    }
    r = rk.rank_round(db, "outstanding")
    assert not r.finalised and r.result_hash is None
    (entry,) = audit_entries(db, "reopen")
    assert (entry.actor, entry.reason) == ("ผู้ดูแล", "พบคะแนนกรอกผิด")
    assert result.result_hash in (entry.old or "")
    with db.transaction() as s:
        assert audit.verify_chain(s) == []


def test_reopen_refused_while_a_later_round_depends_on_it(db: Database) -> None:
    build(db)
    fin.finalise_round(db, acting(db, "admin", m.Role.ADMIN), "outstanding")
    fin.finalise_round(db, acting(db, "admin", m.Role.ADMIN), "excellent")
    with pytest.raises(EvaluatorError, match="excellent"):
        fin.reopen_round(db, acting(db, "admin", m.Role.ADMIN), "outstanding", "ขอแก้")
    fin.reopen_round(db, acting(db, "admin", m.Role.ADMIN), "excellent", "ขอแก้")
    fin.reopen_round(db, acting(db, "admin", m.Role.ADMIN), "outstanding", "ขอแก้")


def test_a_tampered_result_is_refused(db: Database) -> None:
    build(db)
    fin.finalise_round(db, acting(db, "admin", m.Role.ADMIN), "outstanding")
    with db.transaction() as s:
        rnd = s.scalars(select(m.Round).where(m.Round.code == "outstanding")).one()
        assert rnd.result_json is not None
        rnd.result_json = rnd.result_json.replace('"status":"eligible"', '"status":"winner"', 1)
    with pytest.raises(EvaluatorError, match="SHA-256"):
        rk.rank_round(db, "outstanding")
    assert not fin.verify_result(db, "outstanding").intact


def test_a_final_result_stays_when_the_contest_settings_change(db: Database) -> None:
    build(db)
    fin.finalise_round(db, acting(db, "admin", m.Role.ADMIN), "outstanding")
    with db.transaction() as s:
        rnd = s.scalars(select(m.Round).where(m.Round.code == "outstanding")).one()
        rnd.winners_per_zone = 1
    r = rk.rank_round(db, "outstanding")
    assert len(r.winners()) == 4  # the stored result, as finalised
    assert not fin.verify_result(db, "outstanding").matches_sheets


# --- the lock other services check -----------------------------------------------------------


def round_id(db: Database, code: str) -> int:
    with db.transaction() as s:
        return s.scalars(select(m.Round.id).where(m.Round.code == code)).one()


def test_ensure_round_open_passes_an_open_round(db: Database) -> None:
    build(db)
    with db.transaction() as s:
        rounds.ensure_round_open(s, round_id(db, "outstanding"), "ก", audit.Source.KEYBOARD)
    assert audit_entries(db, "refused") == []


def test_refusal_is_logged_although_the_callers_work_is_rolled_back(any_db: Database) -> None:
    db = any_db
    build(db)
    fin.finalise_round(db, acting(db, "admin", m.Role.ADMIN), "outstanding")
    rid = round_id(db, "outstanding")
    # The caller has already written (and, on PostgreSQL, locked the audit log) when it asks.
    with pytest.raises(LockedError), db.transaction() as s:
        s.add(m.Inspector(name="ไม่ควรถูกบันทึก"))
        audit.record(s, "ผู้นำเข้า", audit.Source.PACKAGE, [audit.Change("x", "sheet", "k")])
        rounds.ensure_round_open(s, rid, "ผู้นำเข้า", audit.Source.PACKAGE, attempted="sheet-uuid-1")
    # The caller wrote nothing yet.
    with pytest.raises(LockedError), db.transaction() as s:
        rounds.ensure_round_open(s, rid, "ผู้แก้", audit.Source.KEYBOARD)
    with db.transaction() as s:
        assert s.scalar(select(m.Inspector.id).where(m.Inspector.name == "ไม่ควรถูกบันทึก")) is None
        assert s.scalar(select(func.count()).where(m.AuditEntry.action == "x")) == 0
        refused = list(
            s.scalars(select(m.AuditEntry).where(m.AuditEntry.action == "refused").order_by("id"))
        )
        assert [(e.actor, e.source) for e in refused] == [
            ("ผู้นำเข้า", "package"),
            ("ผู้แก้", "keyboard"),
        ]
        assert refused[0].entity_key == "T2564/outstanding"
        assert "sheet-uuid-1" in (refused[0].new or "")
        # Every link holds, although on PostgreSQL the caller's rolled-back entry used up an id.
        assert audit.verify_chain(s) == []


def test_refusal_inside_a_savepoint_is_logged_after_the_outer_transaction(db: Database) -> None:
    build(db)
    fin.finalise_round(db, acting(db, "admin", m.Role.ADMIN), "outstanding")
    rid = round_id(db, "outstanding")
    with db.transaction() as s:
        s.add(m.Inspector(name="ผู้ประเมินใหม่"))
        s.flush()
        with pytest.raises(LockedError), s.begin_nested():
            rounds.ensure_round_open(s, rid, "ผู้นำเข้า", audit.Source.IMPORT)
        s.execute(text("SELECT 1"))  # the caller carries on and commits its other work
    with db.transaction() as s:
        assert s.scalar(select(m.Inspector.id).where(m.Inspector.name == "ผู้ประเมินใหม่"))
        assert s.scalar(select(func.count()).where(m.AuditEntry.action == "refused")) == 1
        assert audit.verify_chain(s) == []


# --- explanations, agreement, budget ---------------------------------------------------------


def test_explain_a_tie_broken_by_a_criterion(db: Database) -> None:
    build(db)
    x = rk.explain_tambon(db, "outstanding", "840102")
    assert (x.rank, x.status, x.score, x.sheets) == (3, "eligible", pytest.approx(80), 1)
    assert x.above is not None and x.above.tambon_code == "840103"
    assert (x.above.decided_by, x.above.own_value, x.above.their_value) == ("C1", 0.8, 1.0)
    assert x.below is not None and x.below.tambon_code == "860101"
    assert x.below.decided_by == "score"
    text_ = "\n".join(x.lines)
    assert "C1" in text_ and "0.8000 ต่อ 1.0000" in text_
    assert "คะแนนเฉลี่ยของ 1 แบบ: (80.00) / 1 = 80.00" in text_


def test_explain_what_it_needs_to_pass_the_one_above(db: Database) -> None:
    build(db)
    x = rk.explain_tambon(db, "outstanding", "840103")
    assert x.above is not None and x.above.tambon_code == "840101"
    assert (x.above.decided_by, x.above.their_value - x.above.own_value) == (
        "score",
        pytest.approx(3),
    )
    text_ = "\n".join(x.lines)
    assert "มากกว่า 83.00" in text_ and "3.00" in text_
    sheets = {d.inspector: d for d in rk.explain_tambon(db, "outstanding", "860101").sheet_details}
    assert sheets["ค"].status == "draft" and not sheets["ค"].counted
    assert sheets["ข"].scores == (("C1", 7.0), ("C2", 7.0)) and sheets["ข"].total == 70


def test_explain_an_ineligible_tambon(db: Database) -> None:
    build(db)
    x = rk.explain_tambon(db, "excellent", "840102")
    assert x.status == "ineligible" and x.rank is None
    assert any("ต้องเป็นผู้ได้รับรางวัลรอบ outstanding ก่อน" in line for line in x.lines)


def test_agreement_of_a_round(db: Database) -> None:
    b = ContestBuilder(db)
    b.round("r", winners_per_zone=1)
    b.tambons("840101", "840102", "840103")
    b.sheet("r", "A", "840101", [8, 8])  # 80
    b.sheet("r", "B", "840101", [7, 7])  # 70
    b.sheet("r", "A", "840102", [6, 6])  # 60
    b.sheet("r", "C", "840102", [5, 5])  # 50
    b.sheet("r", "B", "840103", [9, 9])  # 90
    result = rk.round_agreement(db, "r")
    assert result.agreement.alpha == pytest.approx(0.7)  # by hand in the agreement tests
    assert {x.inspector: x.leniency for x in result.agreement.leniency} == {
        "A": pytest.approx(10),
        "B": pytest.approx(-10),
        "C": pytest.approx(-10),
    }
    assert result.tambon_names["840101"] == "ทดสอบ840101"


def test_budget_of_the_contest(db: Database) -> None:
    build(db)
    report = rk.contest_budget(db)
    out = report.round("outstanding")
    exc = report.round("excellent")
    assert (out.winners, out.amount) == (4, 400_000)
    assert (exc.winners, exc.amount) == (1, 1_000_000)
    # 500101 wins both: 100,000 + 1,000,000
    assert report.budget.total == 1_400_000
    assert {z.zone: z.amount for z in report.budget.zones} == {5: 200_000, 15: 1_200_000}


def test_budget_paying_only_the_highest_prize(db: Database) -> None:
    build(db, double_award="highest")
    report = rk.contest_budget(db)
    assert report.budget.total == 1_300_000
    assert {z.zone: z.amount for z in report.budget.zones} == {5: 200_000, 15: 1_100_000}


def test_explain_shows_each_aggregation_step(db: Database) -> None:
    b = ContestBuilder(db)
    b.round("z", winners_per_zone=1, aggregation="zscore")
    b.round("t", winners_per_zone=1, aggregation="trimmed_mean", min_score=90)
    b.tambons("840101", "840102", "840103")
    for code, inspector, v in (
        ("840101", "A", 8),
        ("840102", "A", 6),
        ("840101", "B", 7),
        ("840103", "B", 9),
        ("840102", "C", 5),
    ):
        b.sheet("z", inspector, code, [v, v])
    z = "\n".join(rk.explain_tambon(db, "z", "840102").lines)
    # C has one sheet: SD 0, z = 0, rescaled to the overall mean 70
    assert "C: 50.00, ค่าเฉลี่ย 50.00, SD 0.00 → z = 0.000 → 70.00 (SD เป็น 0 จึงให้ z = 0)" in z
    assert "= 62.93" in z
    for inspector, v in (("A", 5), ("B", 6), ("C", 9), ("D", 10)):  # 50, 60, 90, 100
        b.sheet("t", inspector, "840101", [v, v])
    t = rk.explain_tambon(db, "t", "840101")
    assert t.status == "ineligible" and t.score == pytest.approx(75)
    lines = "\n".join(t.lines)
    assert "ตัดค่าสูงสุด 100.00 และต่ำสุด 50.00 ออก" in lines
    assert "ต้องได้คะแนนเพิ่มอีก 15.00 คะแนน จึงถึงเกณฑ์ขั้นต่ำ 90" in lines
