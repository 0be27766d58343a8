"""The ranking rules of DESIGN.md section 6, checked with numbers computed by hand."""

from __future__ import annotations

import math
from collections.abc import Sequence

import pytest

from evaluator.scoring.model import (
    Aggregation,
    ConflictRule,
    Criterion,
    Prerequisite,
    RoundRules,
    Sheet,
    Status,
    Tambon,
    round2,
)
from evaluator.scoring.ranking import (
    FLAG_CONFLICT,
    FLAG_DRAFT,
    FLAG_INCOMPLETE,
    FLAG_LARGE_SPREAD,
    FLAG_MERGE_CONFLICT,
    RoundResult,
    decide,
    ordered_groups,
    rank_round,
    sheet_total,
    status_of,
)

# C1 counts 60 points, C2 40 points; both scored out of 10.
CRITERIA = (Criterion("C1", 10, 60), Criterion("C2", 10, 40))


def tambon(code: str, zone: int = 5, province_code: str = "84") -> Tambon:
    return Tambon(code, f"ตำบล{code}", zone, province="จังหวัด", district="อำเภอ",
                  province_code=province_code)  # fmt: skip


_serial = iter(range(1_000_000))


def sheet(
    inspector: str,
    tambon_code: str,
    c1: float | None,
    c2: float | None,
    *,
    status: str = "submitted",
    home: str | None = None,
    conflict_of: str | None = None,
) -> Sheet:
    scores = {k: v for k, v in (("C1", c1), ("C2", c2)) if v is not None}
    return Sheet(
        key=f"s{next(_serial)}",
        inspector=inspector,
        tambon_code=tambon_code,
        status=status,
        scores=scores,
        inspector_home_province=home,
        conflict_of=conflict_of,
    )


def total_sheet(inspector: str, tambon_code: str, total: float, **kw: str) -> Sheet:
    """A sheet whose total is ``total``: C1 = C2 = total / 10 (60 × t/100 + 40 × t/100 = t)."""
    return sheet(inspector, tambon_code, total / 10, total / 10, **kw)  # type: ignore[arg-type]


def rank(
    rules: RoundRules,
    tambons: Sequence[Tambon],
    sheets: Sequence[Sheet],
    criteria: Sequence[Criterion] = CRITERIA,
    prerequisite: Prerequisite | None = None,
) -> RoundResult:
    return rank_round(rules, criteria, tambons, sheets, prerequisite)


def view(result: RoundResult) -> list[tuple[str, int | None, str]]:
    return [(e.tambon.code, e.rank, str(e.status)) for e in result.entries]


# --- sheet totals ----------------------------------------------------------------------------


def test_sheet_total_is_weighted_share_of_max() -> None:
    # 60 × 8/10 + 40 × 6/10 = 48 + 24 = 72
    assert sheet_total(CRITERIA, {"C1": 8, "C2": 6}) == (72.0, ())


def test_sheet_total_with_different_maxima() -> None:
    criteria = (Criterion("A", 10, 50), Criterion("B", 4, 30), Criterion("C", 5, 20))
    # 50 × 7/10 + 30 × 3/4 + 20 × 2/5 = 35 + 22.5 + 8 = 65.5
    total, missing = sheet_total(criteria, {"A": 7, "B": 3, "C": 2})
    assert total == pytest.approx(65.5, abs=1e-12)
    assert missing == ()


def test_full_and_empty_sheets_give_100_and_0() -> None:
    assert sheet_total(CRITERIA, {"C1": 10, "C2": 10})[0] == 100.0
    assert sheet_total(CRITERIA, {"C1": 0, "C2": 0})[0] == 0.0


def test_sheet_missing_a_criterion_is_incomplete() -> None:
    assert sheet_total(CRITERIA, {"C1": 8}) == (None, ("C2",))


def test_incomplete_sheet_does_not_count_and_is_reported() -> None:
    # T1: one complete sheet (72) and one without C2; the incomplete one is not in the mean.
    result = rank(
        RoundRules("r", winners_per_zone=1),
        [tambon("840101")],
        [sheet("A", "840101", 8, 6), sheet("B", "840101", 10, None)],
    )
    e = result.entry("840101")
    assert e.score == 72.0
    assert e.sheets == 1
    assert FLAG_INCOMPLETE in e.flags
    (bad,) = e.not_counted
    assert bad.inspector == "B" and bad.missing == ("C2",) and bad.total is None
    assert "C2" in bad.reason and "ไม่ครบ" in bad.reason


def test_draft_sheet_does_not_count_and_is_reported() -> None:
    # The draft (100) would lift the mean of 72 to 86 if it counted.
    result = rank(
        RoundRules("r", winners_per_zone=1),
        [tambon("840101")],
        [sheet("A", "840101", 8, 6), sheet("B", "840101", 10, 10, status="draft")],
    )
    e = result.entry("840101")
    assert e.score == 72.0
    assert e.sheets == 1
    assert FLAG_DRAFT in e.flags
    (draft,) = e.not_counted
    assert draft.status == "draft" and draft.total == 100.0
    assert "ร่าง" in draft.reason


def test_locked_sheets_count() -> None:
    result = rank(
        RoundRules("r", winners_per_zone=1),
        [tambon("840101")],
        [sheet("A", "840101", 8, 6, status="locked"), sheet("B", "840101", 6, 6)],
    )
    # (72 + 60) / 2 = 66
    assert result.entry("840101").score == 66.0
    assert result.entry("840101").sheets == 2


def test_merge_conflict_copy_does_not_count() -> None:
    result = rank(
        RoundRules("r", winners_per_zone=1),
        [tambon("840101")],
        [sheet("A", "840101", 8, 6), sheet("A", "840101", 10, 10, conflict_of="s-original")],
    )
    e = result.entry("840101")
    assert (e.score, e.sheets) == (72.0, 1)
    assert FLAG_MERGE_CONFLICT in e.flags


def test_superseded_conflict_copy_does_not_count_and_is_not_an_open_conflict() -> None:
    result = rank(
        RoundRules("r", winners_per_zone=1),
        [tambon("840101")],
        [
            sheet("A", "840101", 8, 6),
            sheet("A", "840101", 10, 10, status="locked", conflict_of="s-original"),
        ],
    )
    e = result.entry("840101")
    assert (e.score, e.sheets) == (72.0, 1)
    assert FLAG_MERGE_CONFLICT not in e.flags
    assert e.not_counted[0].superseded


# --- aggregations ----------------------------------------------------------------------------


def _score(aggregation: Aggregation, totals: Sequence[float]) -> float | None:
    sheets = [total_sheet(f"I{i}", "840101", t) for i, t in enumerate(totals)]
    result = rank(RoundRules("r", aggregation=aggregation, winners_per_zone=1),
                  [tambon("840101")], sheets)  # fmt: skip
    return result.entry("840101").score


def test_mean() -> None:
    # (72 + 80 + 64) / 3 = 216 / 3 = 72
    assert _score(Aggregation.MEAN, [72, 80, 64]) == pytest.approx(72, abs=1e-9)


def test_median_of_odd_count_is_the_middle_value() -> None:
    # sorted 64, 72, 90 → 72
    assert _score(Aggregation.MEDIAN, [90, 64, 72]) == pytest.approx(72, abs=1e-9)


def test_median_of_even_count_is_mean_of_two_middle_values() -> None:
    # sorted 60, 70, 80, 95 → (70 + 80) / 2 = 75
    assert _score(Aggregation.MEDIAN, [95, 60, 80, 70]) == pytest.approx(75, abs=1e-9)


def test_median_of_two() -> None:
    # (60 + 80) / 2 = 70
    assert _score(Aggregation.MEDIAN, [80, 60]) == pytest.approx(70, abs=1e-9)


def test_trimmed_mean_drops_one_highest_and_one_lowest() -> None:
    # 60, 70, 80, 95 → drop 60 and 95 → (70 + 80) / 2 = 75
    assert _score(Aggregation.TRIMMED_MEAN, [95, 60, 80, 70]) == pytest.approx(75, abs=1e-9)
    # 50, 70, 100 → 70
    assert _score(Aggregation.TRIMMED_MEAN, [50, 100, 70]) == pytest.approx(70, abs=1e-9)
    # 50, 50, 90, 90, 100 → drop one 50 and the 100 → (50 + 90 + 90) / 3 = 76.666…
    assert _score(Aggregation.TRIMMED_MEAN, [50, 90, 100, 50, 90]) == pytest.approx(
        230 / 3, abs=1e-9
    )


def test_trimmed_mean_of_fewer_than_three_is_the_mean() -> None:
    # (60 + 80) / 2 = 70; a single 55 is 55
    assert _score(Aggregation.TRIMMED_MEAN, [60, 80]) == pytest.approx(70, abs=1e-9)
    assert _score(Aggregation.TRIMMED_MEAN, [55]) == pytest.approx(55, abs=1e-9)


def _zscore_case(
    extra: Sequence[Sheet] = (), rule: ConflictRule = ConflictRule.EXCLUDE
) -> RoundResult:
    # Inspector A: T1 80, T2 60 → mean 70, population SD 10 → z = +1, −1
    # Inspector B: T1 70, T3 90 → mean 80, SD 10 → z = −1, +1
    # Inspector C: T2 50 only → SD 0 → z = 0
    # All counted totals 80, 60, 70, 90, 50: mean 70, population SD √(1000/5) = √200 = 10√2
    # Rescaled: A-T1 70 + 10√2, A-T2 70 − 10√2, B-T1 70 − 10√2, B-T3 70 + 10√2, C-T2 70
    # T1 = 70; T2 = (70 − 10√2 + 70) / 2 = 70 − 5√2 ≈ 62.93; T3 = 70 + 10√2 ≈ 84.14
    sheets = [
        total_sheet("A", "840101", 80),
        total_sheet("A", "840102", 60),
        total_sheet("B", "840101", 70),
        total_sheet("B", "840103", 90),
        total_sheet("C", "840102", 50),
        *extra,
    ]
    return rank(
        RoundRules("r", aggregation=Aggregation.ZSCORE, winners_per_zone=1,
                   conflict_of_interest=rule),
        [tambon("840101"), tambon("840102"), tambon("840103")],
        sheets,
    )  # fmt: skip


def test_zscore_with_a_zero_sd_inspector() -> None:
    result = _zscore_case()
    root2 = math.sqrt(2)
    assert result.entry("840101").score == pytest.approx(70, abs=1e-9)
    assert result.entry("840102").score == pytest.approx(70 - 5 * root2, abs=1e-9)
    assert result.entry("840103").score == pytest.approx(70 + 10 * root2, abs=1e-9)
    assert round2(70 - 5 * root2) == 62.93 and round2(70 + 10 * root2) == 84.14
    assert view(result) == [
        ("840103", 1, "winner"),
        ("840101", 2, "eligible"),
        ("840102", 3, "eligible"),
    ]
    assert result.zscore is not None
    stats = {s.inspector: s for s in result.zscore.inspectors}
    assert (stats["A"].mean, stats["A"].std) == (70, 10)
    assert (stats["C"].sheets, stats["C"].std) == (1, 0)
    c_sheet = next(s for s in result.sheets if s.inspector == "C")
    assert c_sheet.z == 0 and c_sheet.rescaled == pytest.approx(70)
    assert result.zscore.overall_std == pytest.approx(10 * root2)


def test_zscore_inspector_with_equal_totals_has_z_zero() -> None:
    # D scores T1 and T2 both 75: SD 0 → z = 0 for both.
    # All counted totals 80, 60, 70, 90, 50, 75, 75: mean 500/7.
    result = _zscore_case([total_sheet("D", "840101", 75), total_sheet("D", "840102", 75)])
    d = [s for s in result.sheets if s.inspector == "D"]
    assert [s.z for s in d] == [0.0, 0.0]
    assert d[0].rescaled == pytest.approx(500 / 7)


def test_zscore_ignores_sheets_that_do_not_count() -> None:
    # A draft, an incomplete sheet and a conflict-of-interest sheet (inspector from province 84,
    # like the tambons) change no statistic and no score.
    plain = _zscore_case()
    noisy = _zscore_case(
        [
            total_sheet("A", "840103", 10, status="draft"),
            sheet("B", "840102", 10, None),
            total_sheet("E", "840101", 100, home="84"),
        ]
    )
    assert [(e.tambon.code, e.score) for e in noisy.entries] == [
        (e.tambon.code, e.score) for e in plain.entries
    ]


def test_zscore_counts_flagged_conflict_sheets() -> None:
    # Under the "flag" rule E's sheet counts: E has one sheet (z = 0, rescaled to the new
    # overall mean), so T1's score changes.
    flagged = _zscore_case([total_sheet("E", "840101", 100, home="84")], ConflictRule.FLAG)
    assert flagged.entry("840101").sheets == 3
    assert flagged.entry("840101").score != pytest.approx(70, abs=1e-6)


# --- eligibility -----------------------------------------------------------------------------


def test_min_sheets() -> None:
    result = rank(
        RoundRules("r", winners_per_zone=1, min_sheets=2),
        [tambon("840101"), tambon("840102")],
        [total_sheet("A", "840101", 90), total_sheet("A", "840102", 70),
         total_sheet("B", "840102", 60)],
    )  # fmt: skip
    # T1 has the higher score but one sheet: ineligible; T2 (65) wins.
    assert view(result) == [("840102", 1, "winner"), ("840101", None, "ineligible")]
    t1 = result.entry("840101")
    assert t1.reason == "ต้องมีแบบประเมินอย่างน้อย 2 แบบ มี 1 แบบ"
    assert t1.reason_en == "2 sheets needed, 1 submitted"
    assert t1.score == pytest.approx(90)
    assert t1.shared == 0


def test_min_sheets_counts_only_counted_sheets() -> None:
    result = rank(
        RoundRules("r", winners_per_zone=1, min_sheets=2),
        [tambon("840101")],
        [total_sheet("A", "840101", 90), total_sheet("B", "840101", 90, status="draft")],
    )
    assert result.entry("840101").status is Status.INELIGIBLE
    assert result.entry("840101").reason_en == "2 sheets needed, 1 submitted"


def test_min_score_boundary_is_inclusive() -> None:
    # T1: 60 × 7/10 + 40 × 7/10 = 70 exactly: eligible; T2: 60 × 7/10 + 40 × 6/10 = 66: not.
    result = rank(
        RoundRules("r", winners_per_zone=5, min_score=70),
        [tambon("840101"), tambon("840102")],
        [sheet("A", "840101", 7, 7), sheet("A", "840102", 7, 6)],
    )
    assert result.entry("840101").status is Status.WINNER
    t2 = result.entry("840102")
    assert t2.status is Status.INELIGIBLE
    assert t2.reason == "คะแนน 66.00 ต่ำกว่าเกณฑ์ขั้นต่ำ 70"


def test_min_score_treats_values_closer_than_1e_9_as_equal() -> None:
    # T1: 60 × (7 − 1e-12)/10 + 40 × 7/10 = 70 − 6e-12: equal to 70, eligible.
    # T2: 60 × (7 − 1e-8)/10 + 40 × 7/10 = 70 − 6e-8: below 70.
    result = rank(
        RoundRules("r", winners_per_zone=5, min_score=70),
        [tambon("840101"), tambon("840102")],
        [sheet("A", "840101", 7 - 1e-12, 7), sheet("A", "840102", 7 - 1e-8, 7)],
    )
    assert result.entry("840101").score < 70  # type: ignore[operator]
    assert result.entry("840101").status is Status.WINNER
    assert result.entry("840102").status is Status.INELIGIBLE


def test_no_sheet_at_all() -> None:
    result = rank(RoundRules("r", winners_per_zone=1), [tambon("840101")], [])
    e = result.entry("840101")
    assert (e.rank, e.score, e.sheets, e.status) == (None, None, 0, Status.INELIGIBLE)
    assert e.reason == "ต้องมีแบบประเมินอย่างน้อย 1 แบบ มี 0 แบบ"


def test_no_sheet_with_min_sheets_zero_is_still_ineligible() -> None:
    result = rank(RoundRules("r", winners_per_zone=1, min_sheets=0), [tambon("840101")], [])
    assert result.entry("840101").status is Status.INELIGIBLE
    assert "ไม่มีแบบประเมินที่นับได้" in result.entry("840101").reason


def test_every_failed_rule_is_given() -> None:
    result = rank(
        RoundRules("r", winners_per_zone=1, min_sheets=2, min_score=80, eligible_from="a"),
        [tambon("840101")],
        [total_sheet("A", "840101", 50)],
        prerequisite=Prerequisite("a", frozenset(), "ดีเด่น"),
    )
    reason = result.entry("840101").reason_en
    assert reason == (
        "not a winner of round a; 2 sheets needed, 1 submitted; score 50.00 below the minimum 80"
    )
    assert result.entry("840101").reason.startswith("ไม่ได้เป็นผู้ได้รับรางวัลในรอบ ดีเด่น")


def test_eligible_from_only_winners_take_part() -> None:
    # In round b T2 scores best (95) but did not win round a: ineligible; T1 wins.
    result = rank(
        RoundRules("b", winners_per_zone=1, eligible_from="a"),
        [tambon("840101"), tambon("840102")],
        [total_sheet("A", "840101", 70), total_sheet("A", "840102", 95)],
        prerequisite=Prerequisite("a", frozenset({"840101"})),
    )
    assert view(result) == [("840101", 1, "winner"), ("840102", None, "ineligible")]
    assert result.entry("840102").reason_en == "not a winner of round a"


def test_eligible_from_needs_the_prerequisite() -> None:
    with pytest.raises(ValueError):
        rank(RoundRules("b", winners_per_zone=1, eligible_from="a"), [tambon("840101")], [])


# --- conflicts of interest -------------------------------------------------------------------


def test_conflict_of_interest_sheet_is_excluded_by_default() -> None:
    # B lives in province 84, the tambon's: B's 100 is excluded, the score is A's 60.
    result = rank(
        RoundRules("r", winners_per_zone=1),
        [tambon("840101", province_code="84")],
        [total_sheet("A", "840101", 60, home="50"), total_sheet("B", "840101", 100, home="84")],
    )
    e = result.entry("840101")
    assert (e.score, e.sheets) == (pytest.approx(60), 1)
    assert FLAG_CONFLICT in e.flags
    (excluded,) = e.not_counted
    assert excluded.inspector == "B" and excluded.conflict_of_interest
    assert "ส่วนได้ส่วนเสีย" in excluded.reason


def test_conflict_of_interest_sheet_only_flagged_under_flag_rule() -> None:
    result = rank(
        RoundRules("r", winners_per_zone=1, conflict_of_interest=ConflictRule.FLAG),
        [tambon("840101", province_code="84")],
        [total_sheet("A", "840101", 60, home="50"), total_sheet("B", "840101", 100, home="84")],
    )
    e = result.entry("840101")
    # (60 + 100) / 2 = 80
    assert (e.score, e.sheets) == (pytest.approx(80), 2)
    assert FLAG_CONFLICT in e.flags
    flagged = [s for s in e.counted if s.conflict_of_interest]
    assert [s.inspector for s in flagged] == ["B"]


def test_inspector_without_home_province_is_no_conflict() -> None:
    result = rank(
        RoundRules("r", winners_per_zone=1),
        [tambon("840101", province_code="84")],
        [total_sheet("A", "840101", 60)],
    )
    assert result.entry("840101").flags == ()


# --- ranking, ties and status ----------------------------------------------------------------

FOUR = [tambon("840101"), tambon("840102"), tambon("840103"), tambon("840104")]
FOUR_SHEETS = [
    total_sheet("A", "840101", 90),
    total_sheet("A", "840102", 80),
    total_sheet("A", "840103", 80),
    total_sheet("A", "840104", 70),
]


def test_equal_scores_share_a_rank_1_2_2_4() -> None:
    result = rank(RoundRules("r", winners_per_zone=3), FOUR, FOUR_SHEETS)
    assert [(e.tambon.code, e.rank, e.shared) for e in result.entries] == [
        ("840101", 1, 1),
        ("840102", 2, 2),
        ("840103", 2, 2),
        ("840104", 4, 1),
    ]
    # quota 3: the group at rank 2 ends at 2 + 2 − 1 = 3 ≤ 3: both win
    assert [str(e.status) for e in result.entries] == ["winner", "winner", "winner", "eligible"]


def test_tie_across_the_cutoff() -> None:
    # quota 2: the group at rank 2 runs to place 3 > 2: tie, for the committee to decide
    result = rank(RoundRules("r", winners_per_zone=2), FOUR, FOUR_SHEETS)
    assert [str(e.status) for e in result.entries] == ["winner", "tie", "tie", "eligible"]


def test_tie_below_the_cutoff_is_just_eligible() -> None:
    # quota 1: the group at rank 2 starts after the quota: eligible
    result = rank(RoundRules("r", winners_per_zone=1), FOUR, FOUR_SHEETS)
    assert [str(e.status) for e in result.entries] == ["winner", "eligible", "eligible", "eligible"]


def test_tie_for_first_with_quota_one() -> None:
    result = rank(
        RoundRules("r", winners_per_zone=1),
        FOUR[:2],
        [total_sheet("A", "840101", 80), total_sheet("B", "840102", 80)],
    )
    assert view(result) == [("840101", 1, "tie"), ("840102", 1, "tie")]


def test_quota_zero_has_no_winner() -> None:
    result = rank(RoundRules("r"), FOUR, FOUR_SHEETS)
    assert {str(e.status) for e in result.entries} == {"eligible"}


def test_tie_break_by_criterion() -> None:
    # T2: 60 × 8/10 + 40 × 8/10 = 80; T3: 60 × 10/10 + 40 × 5/10 = 60 + 20 = 80.
    # tie_break C1: T3 has 1.0 against T2's 0.8, so T3 is second and wins with quota 2.
    result = rank(
        RoundRules("r", winners_per_zone=2, tie_break=("C1",)),
        FOUR[:3],
        [total_sheet("A", "840101", 90), sheet("A", "840102", 8, 8), sheet("A", "840103", 10, 5)],
    )
    assert view(result) == [
        ("840101", 1, "winner"),
        ("840103", 2, "winner"),
        ("840102", 3, "eligible"),
    ]
    t3, t2 = result.entry("840103"), result.entry("840102")
    assert t3.tie_break == (("C1", 1.0),) and t2.tie_break == (("C1", 0.8),)
    d = decide(t3, t2, ("C1",))
    assert (d.key, d.a_value, d.b_value) == ("C1", 1.0, 0.8)


def test_tie_break_uses_the_mean_over_counted_sheets() -> None:
    # T1 sheets (10, 5) and (6, 10): totals 80 and 76 → 78; C1 mean (1.0 + 0.6) / 2 = 0.8
    # T2 sheets (9, 6) and (7, 9): totals 78 and 78 → 78; C1 mean (0.9 + 0.7) / 2 = 0.8
    # C1 equal, so C2 decides: T1 (0.5 + 1.0) / 2 = 0.75, T2 (0.6 + 0.9) / 2 = 0.75: equal too.
    # A draft for T2 with C1 = 10 must not count in its C1 mean.
    result = rank(
        RoundRules("r", winners_per_zone=1, tie_break=("C1", "C2")),
        FOUR[:2],
        [
            sheet("A", "840101", 10, 5),
            sheet("B", "840101", 6, 10),
            sheet("A", "840102", 9, 6),
            sheet("B", "840102", 7, 9),
            sheet("C", "840102", 10, 10, status="draft"),
        ],
    )
    assert view(result) == [("840101", 1, "tie"), ("840102", 1, "tie")]


def test_second_tie_break_criterion() -> None:
    criteria = (Criterion("C1", 10, 40), Criterion("C2", 10, 30), Criterion("C3", 10, 30))
    # T1: 40 × 0.8 + 30 × 0.6 + 30 × 1.0 = 32 + 18 + 30 = 80
    # T2: 40 × 0.8 + 30 × 0.8 + 30 × 0.8 = 32 + 24 + 24 = 80
    # C1 equal (0.8), C2: T2 0.8 > T1 0.6: T2 first
    result = rank(
        RoundRules("r", winners_per_zone=1, tie_break=("C1", "C2")),
        FOUR[:2],
        [
            Sheet("a", "A", "840101", "submitted", {"C1": 8, "C2": 6, "C3": 10}),
            Sheet("b", "A", "840102", "submitted", {"C1": 8, "C2": 8, "C3": 8}),
        ],
        criteria,
    )
    assert view(result) == [("840102", 1, "winner"), ("840101", 2, "eligible")]


def test_scores_closer_than_1e_9_are_equal() -> None:
    # T1 and T2 differ by 1e-12 in score: equal, so the tie-break (C1) decides for T2.
    criteria = (Criterion("C1", 10, 50), Criterion("C2", 10, 50))
    result = rank(
        RoundRules("r", winners_per_zone=1, tie_break=("C1",)),
        FOUR[:2],
        [
            Sheet("a", "A", "840101", "submitted", {"C1": 6, "C2": 8 + 2e-13}),
            Sheet("b", "A", "840102", "submitted", {"C1": 8, "C2": 6}),
        ],
        criteria,
    )
    assert result.entry("840101").score != result.entry("840102").score
    assert view(result) == [("840102", 1, "winner"), ("840101", 2, "eligible")]


def test_ordered_groups_chain_values_within_1e_9() -> None:
    values = {"a": 80.0, "b": 80.0 + 4e-10, "c": 80.0 + 8e-10, "d": 80.0 + 1e-6, "e": 79.0}
    groups = ordered_groups(list(values), [values.__getitem__], str)
    assert groups == [["d"], ["a", "b", "c"], ["e"]]


def test_ranking_per_zone() -> None:
    tambons = [tambon("840101", 5), tambon("840102", 5), tambon("500101", 15, "50"),
               tambon("500102", 15, "50")]  # fmt: skip
    sheets = [
        total_sheet("A", "840101", 90),
        total_sheet("A", "840102", 70),
        total_sheet("B", "500101", 85),
        total_sheet("B", "500102", 60),
    ]
    result = rank(RoundRules("r", winners_per_zone=1), tambons, sheets)
    # zone 5 first, then zone 15; ranks restart in each zone
    assert [(e.tambon.zone, e.tambon.code, e.rank, str(e.status)) for e in result.entries] == [
        (5, "840101", 1, "winner"),
        (5, "840102", 2, "eligible"),
        (15, "500101", 1, "winner"),
        (15, "500102", 2, "eligible"),
    ]


def test_national_ranking_keeps_the_zone() -> None:
    tambons = [tambon("840101", 5), tambon("840102", 5), tambon("500101", 15, "50"),
               tambon("500102", 15, "50")]  # fmt: skip
    sheets = [
        total_sheet("A", "840101", 90),
        total_sheet("A", "840102", 70),
        total_sheet("B", "500101", 85),
        total_sheet("B", "500102", 60),
    ]
    result = rank(RoundRules("r", winners=2), tambons, sheets)
    assert [(e.tambon.code, e.tambon.zone, e.rank, str(e.status)) for e in result.entries] == [
        ("840101", 5, 1, "winner"),
        ("500101", 15, 2, "winner"),
        ("840102", 5, 3, "eligible"),
        ("500102", 15, 4, "eligible"),
    ]


def test_national_tie_across_zones() -> None:
    tambons = [tambon("840101", 5), tambon("500101", 15, "50"), tambon("180101", 1, "18")]
    sheets = [
        total_sheet("A", "840101", 90),
        total_sheet("B", "500101", 75),
        total_sheet("C", "180101", 75),
    ]
    result = rank(RoundRules("r", winners=2), tambons, sheets)
    # 180101 (zone 1) and 500101 (zone 15) share rank 2; in one group, ordered by zone
    assert [(e.tambon.code, e.rank, str(e.status)) for e in result.entries] == [
        ("840101", 1, "winner"),
        ("180101", 2, "tie"),
        ("500101", 2, "tie"),
    ]


def test_ineligible_come_last_with_no_rank() -> None:
    result = rank(
        RoundRules("r", winners_per_zone=1, min_sheets=1),
        [tambon("840101"), tambon("500101", 15, "50"), tambon("840102")],
        [total_sheet("A", "500101", 50)],
    )
    assert view(result) == [
        ("500101", 1, "winner"),
        ("840101", None, "ineligible"),
        ("840102", None, "ineligible"),
    ]


def test_status_rule() -> None:
    assert status_of(1, 1, 1) is Status.WINNER
    assert status_of(2, 2, 3) is Status.WINNER  # places 2..3 within 3
    assert status_of(2, 2, 2) is Status.TIE  # places 2..3, quota 2
    assert status_of(3, 2, 2) is Status.ELIGIBLE
    assert status_of(1, 3, 0) is Status.ELIGIBLE


def test_large_spread_is_flagged() -> None:
    result = rank(
        RoundRules("r", winners_per_zone=1, spread_threshold=20),
        [tambon("840101"), tambon("840102")],
        [
            total_sheet("A", "840101", 60),
            total_sheet("B", "840101", 80),  # spread 20: flagged
            total_sheet("A", "840102", 60),
            total_sheet("B", "840102", 79),  # spread 19: not
        ],
    )
    assert FLAG_LARGE_SPREAD in result.entry("840101").flags
    assert FLAG_LARGE_SPREAD not in result.entry("840102").flags
    assert result.entry("840101").spread == pytest.approx(20)


def test_shown_scores_round_half_up() -> None:
    assert round2(82.125) == 82.13
    assert round2(82.12499999999999) == 82.13
    assert round2(2.675) == 2.68
    assert round2(70 - 5 * math.sqrt(2)) == 62.93
    assert round2(82.124) == 82.12


# --- one rounding rule, honest wording (issue 13 item 5) --------------------------------------


def test_the_reason_rounds_a_score_as_the_score_column_does() -> None:
    from evaluator.scoring.model import score_text

    # (82.25 + 82.0) / 2 = 82.125 exactly: half up is 82.13 (format() alone would say 82.12)
    sheets = [sheet("A", "840101", 10, 5.5625), sheet("B", "840101", 10, 5.5)]
    e = rank(RoundRules("r", winners_per_zone=1, min_score=85), [tambon("840101")], sheets).entry(
        "840101"
    )
    assert e.score == 82.125 and score_text(e.score) == "82.13"
    assert e.reason == "คะแนน 82.13 ต่ำกว่าเกณฑ์ขั้นต่ำ 85"
    assert e.reason_en == "score 82.13 below the minimum 85"


def test_handed_in_but_incomplete_sheets_are_not_called_missing() -> None:
    sheets = [sheet("A", "840101", 8, None), sheet("B", "840101", None, 7)]
    e = rank(RoundRules("r", winners_per_zone=1), [tambon("840101")], sheets).entry("840101")
    assert e.status is Status.INELIGIBLE
    assert e.reason_en == (
        "1 counted sheets needed, 0 counted (2 submitted but not counted: incomplete or excluded)"
    )
    assert "นับได้ 0 แบบ" in e.reason and "ส่งแล้วแต่นับไม่ได้ 2 แบบ" in e.reason


def test_a_score_just_under_the_minimum_is_not_printed_as_the_minimum() -> None:
    e = rank(
        RoundRules("r", winners_per_zone=1, min_score=85),
        [tambon("840101")],
        [total_sheet("A", "840101", 84.996)],
    ).entry("840101")
    assert e.reason_en == "score 84.9960 below the minimum 85"
