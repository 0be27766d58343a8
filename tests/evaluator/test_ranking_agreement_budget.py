"""Agreement between inspectors and the prize budget, with numbers computed by hand."""

from __future__ import annotations

import krippendorff
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evaluator.scoring.agreement import (
    agreement,
    alpha_sentence,
    interval_alpha,
    leniency,
    tambon_spreads,
)
from evaluator.scoring.budget import (
    AwardEntry,
    DoubleAward,
    RoundAwards,
    contest_budget,
    round_budget,
)
from evaluator.scoring.model import QuotaKind
from evaluator.scoring.ranking import SheetResult


def counted(inspector: str, tambon: str, total: float, ok: bool = True) -> SheetResult:
    return SheetResult(
        key=f"{inspector}-{tambon}-{total}",
        inspector=inspector,
        tambon_code=tambon,
        status="submitted" if ok else "draft",
        total=total,
        counted=ok,
    )


# A: T1 80, T2 60 · B: T1 70, T3 90 · C: T2 50
SHEETS = [
    counted("A", "T1", 80),
    counted("A", "T2", 60),
    counted("B", "T1", 70),
    counted("B", "T3", 90),
    counted("C", "T2", 50),
    counted("D", "T1", 0, ok=False),  # a draft: takes no part
]


def test_spread_and_population_sd_per_tambon() -> None:
    spreads = {s.tambon_code: s for s in tambon_spreads(SHEETS, threshold=10)}
    # T1: 80 and 70 → spread 10, mean 75, SD √((25 + 25) / 2) = 5
    assert spreads["T1"].totals == (70, 80)
    assert (spreads["T1"].spread, spreads["T1"].std) == (10, 5)
    assert spreads["T1"].flagged  # 10 ≥ threshold 10
    # T3: one sheet → spread 0, never flagged
    assert (spreads["T3"].spread, spreads["T3"].flagged) == (0, False)


def test_spread_below_threshold_not_flagged() -> None:
    spreads = {s.tambon_code: s for s in tambon_spreads(SHEETS, threshold=20)}
    assert not spreads["T1"].flagged and not spreads["T2"].flagged


def test_leniency_is_own_minus_mean_of_others_on_the_same_tambons() -> None:
    by = {x.inspector: x for x in leniency(SHEETS)}
    # A: T1 80 − 70 = +10, T2 60 − 50 = +10 → +10
    assert (by["A"].leniency, by["A"].shared_tambons) == (10, 2)
    # B: T1 70 − 80 = −10; T3 nobody else → −10 over 1 tambon
    assert (by["B"].leniency, by["B"].shared_tambons, by["B"].sheets) == (-10, 1, 2)
    assert by["B"].mean_total == 80
    # C: T2 50 − 60 = −10
    assert by["C"].leniency == -10
    assert "D" not in by
    assert leniency(SHEETS)[0].inspector == "A"  # most generous first


def test_leniency_against_the_mean_of_several_others() -> None:
    sheets = [counted("A", "T", 90), counted("B", "T", 70), counted("C", "T", 80)]
    by = {x.inspector: x.leniency for x in leniency(sheets)}
    # A: 90 − (70 + 80)/2 = 15; B: 70 − 85 = −15; C: 80 − 80 = 0
    assert by == {"A": 15, "B": -15, "C": 0}


def test_krippendorff_alpha_by_hand() -> None:
    # Pairable units: T1 (80, 70) and T2 (60, 50); T3 has one value and is left out.
    # n = 4, mean 65, Σ(v − 65)² = 225 + 25 + 25 + 225 = 500
    # D_e = 2n Σ(v − mean)² / (n(n − 1)) = 4000 / 12 = 333.33…
    # D_o = (1/n) Σ_u Σ_{i≠j} (v_i − v_j)² / (m_u − 1) = (200 + 200) / 4 = 100
    # α = 1 − 100 / 333.33… = 0.7
    result = agreement(SHEETS, spread_threshold=20)
    assert result.alpha == pytest.approx(0.7, abs=1e-12)
    assert result.alpha_units == 2
    package = krippendorff.alpha(
        reliability_data=[[80, 60, np.nan], [70, np.nan, 90], [np.nan, 50, np.nan]],
        level_of_measurement="interval",
    )
    assert package == pytest.approx(0.7, abs=1e-12)
    assert "0.70" in result.alpha_text and "พอใช้" in result.alpha_text


def test_krippendorff_alpha_second_hand_case() -> None:
    # units (1, 2), (3, 3), (5, 4): n = 6, mean 3, Σ(v − 3)² = 10 → D_e = 120 / 30 = 4
    # D_o = (2 + 0 + 2) / 6 = 2/3 → α = 1 − (2/3)/4 = 5/6
    assert interval_alpha([[1, 2], [3, 3], [5, 4]]) == pytest.approx(5 / 6, abs=1e-12)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.lists(st.integers(0, 100), min_size=0, max_size=4),
        min_size=2,
        max_size=12,
    ),
    st.integers(4, 6),
)
def test_alpha_agrees_with_the_krippendorff_package(units: list[list[int]], raters: int) -> None:
    data = np.full((raters, len(units)), np.nan)
    for col, unit in enumerate(units):
        for row, value in enumerate(unit[:raters]):
            data[row, col] = value
    trimmed = [u[:raters] for u in units]
    mine = interval_alpha(trimmed)
    pairable = [v for u in trimmed if len(u) >= 2 for v in u]
    if mine is None:
        assert len(pairable) < 2 or len(set(pairable)) == 1
        return
    expected = krippendorff.alpha(reliability_data=data, level_of_measurement="interval")
    assert mine == pytest.approx(float(expected), abs=1e-9)


def test_alpha_cannot_be_computed_without_pairs_or_variation() -> None:
    assert agreement([counted("A", "T1", 80), counted("B", "T2", 60)]).alpha is None
    same = agreement([counted("A", "T1", 80), counted("B", "T1", 80)])
    assert same.alpha is None and "เท่ากันหมด" in same.alpha_text
    assert "ตั้งแต่ 2 คน" in alpha_sentence(None, 0)


def test_alpha_sentences() -> None:
    assert "เชื่อถือได้" in alpha_sentence(0.85, 10)
    assert "น้อย" in alpha_sentence(0.3, 10)
    assert "ไม่สอดคล้องกันเลย" in alpha_sentence(-0.2, 10)


# --- budget ----------------------------------------------------------------------------------


def outstanding(statuses: dict[str, tuple[int, str]]) -> RoundAwards:
    return RoundAwards(
        code="outstanding",
        title="ดีเด่น",
        prize_baht=100_000,
        quota_kind=QuotaKind.ZONE,
        quota=2,
        entries=tuple(AwardEntry(code, zone, status) for code, (zone, status) in statuses.items()),
    )


def excellent(statuses: dict[str, tuple[int, str]], quota: int = 1) -> RoundAwards:
    return RoundAwards(
        code="excellent",
        title="ดีเลิศ",
        prize_baht=1_000_000,
        quota_kind=QuotaKind.NATIONAL,
        quota=quota,
        entries=tuple(AwardEntry(code, zone, status) for code, (zone, status) in statuses.items()),
    )


OUT = outstanding(
    {
        "T1": (5, "winner"),
        "T2": (5, "winner"),
        "T3": (15, "winner"),
        "T4": (15, "tie"),
        "T5": (15, "tie"),
        "T6": (15, "eligible"),
    }
)
EXC = excellent({"T1": (5, "winner"), "T2": (5, "eligible"), "T3": (15, "ineligible")})


def test_round_budget_per_zone() -> None:
    b = round_budget(OUT)
    # 3 winners × 100,000; zone 15 has one place left for its two tied tambons
    assert (b.winners, b.amount, b.tie_places, b.pending) == (3, 300_000, 1, 100_000)
    zones = {z.zone: z for z in b.zones}
    assert (zones[5].winners, zones[5].amount, zones[5].tie_places) == (2, 200_000, 0)
    assert (zones[15].winners, zones[15].amount, zones[15].tie_places) == (1, 100_000, 1)


def test_contest_budget_pays_both_prizes_by_default() -> None:
    b = contest_budget([OUT, EXC])
    # T1 100,000 + 1,000,000; T2 100,000; T3 100,000 → 1,300,000
    assert b.total == 1_300_000
    zones = {z.zone: z for z in b.zones}
    assert zones[5].amount == 1_200_000 and zones[5].winners == 2
    assert zones[15].amount == 100_000 and zones[15].pending == 100_000
    assert [a.tambon_code for a in b.double_winners] == ["T1"]
    assert b.pending == 100_000


def test_contest_budget_pays_only_the_highest_prize() -> None:
    b = contest_budget([OUT, EXC], DoubleAward.HIGHEST)
    # T1 gets 1,000,000 only: 1,000,000 + 100,000 + 100,000
    assert b.total == 1_200_000
    assert {z.zone: z.amount for z in b.zones} == {5: 1_100_000, 15: 100_000}
    t1 = next(a for a in b.awards if a.tambon_code == "T1")
    assert (t1.rounds, t1.amount) == (("outstanding", "excellent"), 1_000_000)


def test_pending_money_of_a_national_tie() -> None:
    exc = excellent({"T1": (5, "winner"), "T2": (5, "tie"), "T3": (15, "tie")}, quota=2)
    out = outstanding({"T1": (5, "winner"), "T2": (5, "winner"), "T3": (15, "winner")})
    assert round_budget(exc).pending == 1_000_000
    # both: one more excellent prize; highest: a tied tambon already has 100,000 → 900,000 more
    assert contest_budget([out, exc]).pending == 1_000_000
    assert contest_budget([out, exc], "highest").pending == 900_000
    assert contest_budget([out, exc], "highest").total == 1_000_000 + 100_000 + 100_000
