"""How sure each win is (evaluator/scoring/robustness.py): margins, and p_winner from resampling
checked against the ranking itself run on every resample, on hand cases and as properties."""

from __future__ import annotations

import random
from collections import defaultdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evaluator.scoring import robustness as rb
from evaluator.scoring.model import Aggregation, Criterion, RoundRules, Sheet, Status, Tambon
from evaluator.scoring.ranking import RoundResult, rank_round

CRITERIA = (Criterion("C1", 10, 50), Criterion("C2", 10, 50))
ZONE_OF = {"18": 1, "84": 5, "50": 15}


def _sheet(key: str, inspector: str, tambon: str, c1: float, c2: float) -> Sheet:
    return Sheet(key, inspector, tambon, "submitted", {"C1": c1, "C2": c2})


def _pair_round(tie_break: tuple[str, ...]) -> tuple[RoundResult, list[Sheet]]:
    # A: one sheet of 80 (C1 6, C2 10). B: 70 (C1 10, C2 4) and 90 (C1 10, C2 8), mean 80.
    tambons = [Tambon("180101", "A", 1), Tambon("180102", "B", 1)]
    sheets = [
        _sheet("a1", "I1", "180101", 6, 10),
        _sheet("b1", "I1", "180102", 10, 4),
        _sheet("b2", "I2", "180102", 10, 8),
    ]
    rules = RoundRules("r", winners_per_zone=1, tie_break=tie_break)
    return rank_round(rules, CRITERIA, tambons, sheets), sheets


def test_p_winner_by_hand_with_and_without_tie_breaks() -> None:
    # B's resampled mean is 70 (¼), 80 (½: one sheet of each) or 90 (¼); A is always 80.
    result, sheets = _pair_round(("C1",))
    assert result.entry("180102").status is Status.WINNER  # equal score, C1 1.0 against 0.6
    rob = rb.robustness(result, CRITERIA, sheets)
    # With C1 as tie-break B also wins the draws at 80: it loses only at 70.
    assert rob.p_winner["180102"] == pytest.approx(0.75, abs=0.04)
    assert rob.p_winner["180101"] + rob.p_winner["180102"] == pytest.approx(1.0)
    assert rob.tied == {1: 0}

    result, sheets = _pair_round(("C2",))  # C2 mean 0.6 against A's 1.0: A wins the 80s
    rob = rb.robustness(result, CRITERIA, sheets)
    assert result.entry("180101").status is Status.WINNER
    assert rob.p_winner["180102"] == pytest.approx(0.25, abs=0.04)
    assert rob.p_winner["180101"] == pytest.approx(0.75, abs=0.04)

    result, sheets = _pair_round(())  # no tie-break: the draws at 80 are ties (half a win each)
    assert {e.status for e in result.entries} == {Status.TIE}
    rob = rb.robustness(result, CRITERIA, sheets)
    assert rob.p_winner["180102"] == pytest.approx(0.25 + 0.5 / 2, abs=0.04)
    assert rob.p_winner["180101"] == pytest.approx(0.25 + 0.5 / 2, abs=0.04)
    assert rob.p_winner["180101"] + rob.p_winner["180102"] == pytest.approx(1.0)
    assert rob.tied[1] == pytest.approx(500, abs=50)


def test_min_score_is_applied_to_each_resample() -> None:
    result, sheets = _pair_round(("C1",))
    rules = RoundRules("r", winners_per_zone=1, tie_break=("C1",), min_score=75)
    result = rank_round(rules, CRITERIA, [e.tambon for e in result.entries], sheets)
    rob = rb.robustness(result, CRITERIA, sheets)
    # B at 70 falls below 75 and A wins; otherwise B wins on C1: no draw is left empty.
    assert rob.p_winner["180102"] == pytest.approx(0.75, abs=0.04)
    assert rob.p_winner["180101"] == pytest.approx(0.25, abs=0.04)


def test_margins_by_hand() -> None:
    tambons = [Tambon(f"1801{i:02d}", f"T{i}", 1) for i in range(4)]
    totals = [90.0, 85.0, 84.5, 70.0]
    sheets = [
        Sheet(f"s{i}", "I1", t.code, "submitted", {"C1": v / 10, "C2": v / 10})
        for i, (t, v) in enumerate(zip(tambons, totals, strict=True))
    ]
    result = rank_round(RoundRules("r", winners_per_zone=2), CRITERIA, tambons, sheets)
    m = rb.margins(rb.standings(result))
    assert m == pytest.approx({"180100": 5.5, "180101": 0.5, "180102": -0.5, "180103": -15.0})
    everyone = rank_round(
        RoundRules("r", winners_per_zone=9, min_score=60), CRITERIA, tambons, sheets
    )
    # nobody below the winners: measured against min_score
    assert rb.margins(rb.standings(everyone), 60)["180103"] == pytest.approx(10.0)


@st.composite
def rounds(draw: st.DrawFn) -> tuple[RoundRules, list[Tambon], list[Sheet]]:
    tambons = []
    for i in range(draw(st.integers(1, 12))):
        province = draw(st.sampled_from(sorted(ZONE_OF)))
        tambons.append(Tambon(f"{province}01{i:02d}", f"T{i}", ZONE_OF[province]))
    inspectors = [f"I{k}" for k in range(draw(st.integers(1, 5)))]
    fine = draw(st.booleans())  # fine-grained scores: ties are rare; else integer scores
    sheets = []
    for n in range(draw(st.integers(1, 36))):
        if fine:
            values = {
                c.code: draw(st.floats(0, c.max_score, allow_nan=False, allow_subnormal=False))
                for c in CRITERIA
            }
        else:
            values = {c.code: float(draw(st.integers(0, 10))) for c in CRITERIA}
        sheets.append(
            Sheet(
                f"k{n:03d}",
                draw(st.sampled_from(inspectors)),
                draw(st.sampled_from(tambons)).code,
                draw(st.sampled_from(["submitted", "submitted", "submitted", "draft"])),
                values,
            )
        )
    national = draw(st.booleans())
    quota = draw(st.integers(0, 4))
    rules = RoundRules(
        "r",
        aggregation=draw(st.sampled_from(list(Aggregation))),
        winners=quota if national else None,
        winners_per_zone=None if national else quota,
        min_sheets=draw(st.integers(1, 2)),
        tie_break=tuple(draw(st.sampled_from([(), ("C1",), ("C2", "C1")]))),
    )
    return rules, tambons, sheets


@settings(max_examples=150, deadline=None)
@given(rounds())
def test_invariants(data: tuple[RoundRules, list[Tambon], list[Sheet]]) -> None:
    rules, tambons, sheets = data
    result = rank_round(rules, CRITERIA, tambons, sheets)
    rob = rb.robustness(result, CRITERIA, sheets, draws=200)
    margins = rb.margins(rb.standings(result), rules.min_score)
    national = rules.winners is not None
    sums: dict[int, float] = defaultdict(float)
    candidates: dict[int, int] = defaultdict(int)
    for e in result.entries:
        p = rob.p_winner[e.tambon.code]
        assert 0.0 <= p <= 1.0
        if e.rank is None:
            assert p == 0.0
            continue
        scope = 0 if national else e.tambon.zone
        sums[scope] += p
        candidates[scope] += 1
        margin = margins[e.tambon.code]
        if e.status is Status.WINNER:
            assert margin is not None and margin >= 0
        elif margin is not None:
            assert margin <= 0
    for scope, total in sums.items():
        full = min(rules.quota, candidates[scope])
        assert total <= full + 1e-9
        # The shares add up to the quota, ties at the cutoff included (they share the places
        # left). (A z-score or adjusted score can fall below min_score 0 in a resample, then
        # fewer take part; the plain aggregations stay within 0–100.)
        plain = rules.aggregation in (
            Aggregation.MEAN,
            Aggregation.MEDIAN,
            Aggregation.TRIMMED_MEAN,
        )
        if plain:
            assert total == pytest.approx(full, abs=1e-9)
    # seeded and independent of the order of the input
    shuffled = list(sheets)
    random.Random(1).shuffle(shuffled)
    again = rank_round(rules, CRITERIA, list(reversed(tambons)), shuffled)
    assert rb.robustness(again, CRITERIA, shuffled, draws=200).p_winner == rob.p_winner


@settings(max_examples=60, deadline=None)
@given(rounds())
def test_each_resample_is_ranked_as_rank_round_ranks_it(
    data: tuple[RoundRules, list[Tambon], list[Sheet]],
) -> None:
    """The vectorised re-ranking gives, draw by draw, the winners of the ranking itself run on
    the resampled sheets (z-scores recomputed; the adjusted model refits γ there, so it is
    left out)."""
    rules, tambons, sheets = data
    if rules.aggregation is Aggregation.ADJUSTED:
        return
    result = rank_round(rules, CRITERIA, tambons, sheets)
    sim = rb.simulate(result, CRITERIA, sheets, draws=25, seed=7)
    if sim is None:
        return
    by_key = {s.key: s for s in sheets}
    for b in range(25):
        drawn = [by_key[sim.rows.keys[row]] for row in sim.drawn[:, b].tolist()]
        resample = [
            Sheet(f"d{n:03d}", s.inspector, s.tambon_code, "submitted", s.scores)
            for n, s in enumerate(drawn)
        ]
        ranked = rank_round(rules, CRITERIA, tambons, resample)
        expected = {e.tambon.code for e in ranked.entries if e.status is Status.WINNER}
        tied = {e.tambon.code for e in ranked.entries if e.status is Status.TIE}
        shares = dict(zip(sim.candidates, sim.wins[b].tolist(), strict=True))
        assert {c for c, w in shares.items() if w == 1.0} == expected
        assert {c for c, w in shares.items() if 0.0 < w < 1.0} == tied


def test_demo_sized_round_is_seeded() -> None:
    rng = random.Random(5)
    tambons = [Tambon(f"18{i:04d}", f"T{i}", 1 + i % 18) for i in range(300)]
    sheets = [
        _sheet(f"s{n:04d}", f"I{rng.randrange(40)}", tambons[n % 300].code, rng.randint(3, 10),
               rng.randint(3, 10))
        for n in range(750)
    ]  # fmt: skip
    rules = RoundRules("r", winners_per_zone=5, tie_break=("C1",))
    result = rank_round(rules, CRITERIA, tambons, sheets)
    first = rb.robustness(result, CRITERIA, sheets)
    second = rb.robustness(result, CRITERIA, list(reversed(sheets)))
    assert first == second
    assert first.draws >= 1000
    for zone in range(1, 19):
        codes = [e.tambon.code for e in result.entries if e.tambon.zone == zone and e.rank]
        assert sum(first.p_winner[c] for c in codes) <= 5 + 1e-9
