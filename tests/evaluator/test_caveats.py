"""Caveats of a round's aggregation and the comparison of aggregations (scoring/caveats.py)."""

from __future__ import annotations

from evaluator.scoring.caveats import compare_aggregations, round_warnings
from evaluator.scoring.model import Aggregation, Criterion, RoundRules, Sheet, Tambon
from evaluator.scoring.ranking import rank_round

CRITERIA = (Criterion("C1", 100, 100),)


def _sheet(key: str, inspector: str, tambon: str, total: float) -> Sheet:
    return Sheet(key, inspector, tambon, "submitted", {"C1": total})


def test_zscore_warns_of_inspectors_with_few_sheets() -> None:
    tambons = [Tambon(f"1801{i:02d}", f"T{i}", 1) for i in range(6)]
    sheets = [_sheet(f"a{i}", "busy", t.code, 60 + i) for i, t in enumerate(tambons)]
    sheets += [_sheet("b0", "once", "180100", 100.0), _sheet("c0", "twice", "180101", 51.0)]
    sheets += [_sheet("c1", "twice", "180102", 50.0)]
    rules = RoundRules("r", aggregation=Aggregation.ZSCORE, winners_per_zone=1)
    (warning,) = round_warnings(rank_round(rules, CRITERIA, tambons, sheets))
    assert warning.code == "zscore_few_sheets"
    assert warning.inspectors == ("once", "twice")
    assert "once (1), twice (2)" in warning.text_en and "น้อยกว่า 5 แบบ" in warning.text
    mean = RoundRules("r", winners_per_zone=1)
    assert round_warnings(rank_round(mean, CRITERIA, tambons, sheets)) == []


def test_adjusted_warns_of_disconnected_zones_and_missing_replication() -> None:
    tambons = [Tambon("180101", "A", 1), Tambon("180102", "B", 1), Tambon("500101", "C", 15)]
    sheets = [
        _sheet("a1", "I1", "180101", 80),
        _sheet("a2", "I1", "180101", 70),
        _sheet("b1", "I2", "180102", 60),
        _sheet("b2", "I2", "180102", 65),
        _sheet("c1", "I3", "500101", 90),
    ]
    rules = RoundRules("r", aggregation=Aggregation.ADJUSTED, winners=1)
    codes = [w.code for w in round_warnings(rank_round(rules, CRITERIA, tambons, sheets))]
    assert codes == ["adjusted_disconnected", "adjusted_no_replication", "national_adjustment"]


def test_compare_aggregations_counts_changed_winners() -> None:
    # T0: 100, 0, 60 (mean 53.3, median and trimmed mean 60); T1: 55 and 55;
    # T2: 90, 10, 52 (mean 50.7, median and trimmed mean 52)
    tambons = [Tambon(f"1801{i:02d}", f"T{i}", 1) for i in range(3)]
    sheets = [
        _sheet("a", "I1", "180100", 100),
        _sheet("b", "I2", "180100", 0),
        _sheet("h", "I3", "180100", 60),
        _sheet("c", "I1", "180101", 55),
        _sheet("d", "I2", "180101", 55),
        _sheet("e", "I1", "180102", 90),
        _sheet("f", "I2", "180102", 10),
        _sheet("g", "I3", "180102", 52),
    ]
    rules = RoundRules("r", winners_per_zone=1)
    comparison = compare_aggregations(rules, CRITERIA, tambons, sheets)
    rows = {r.aggregation: r for r in comparison.rows}
    assert comparison.aggregation == "mean" and rows["mean"].own
    assert [r.aggregation for r in comparison.rows] == [a.value for a in Aggregation]
    assert rows["mean"].changed == 0 and rows["mean"].winners == 1  # T1 at 55
    assert rows["median"].changed == 1  # T0 at 60
    assert rows["median"].changed_by_zone == ((1, 1),)
    assert rows["trimmed_mean"].changed == 1
    assert all(r.winners <= 1 for r in comparison.rows)
