"""The ranking's fast paths give exactly what the plain formulas give (issue 17 item 4).

Ranking takes shorter paths through the same arithmetic (figures in bench/README.md): a
sheet's total in one pass, criterion means without the helper calls (and a plain addition for
two sheets, exactly rounded like ``math.fsum``), the usual counted sheet built without running
its reasons, a ranked tambon made once from its fields, a round's sheets evaluated in one loop
and each zone ordered by score without a call per key. Each is checked here against the
formula it replaces, for any values (hypothesis), to the last bit.
"""

from __future__ import annotations

import copy
import math
import pickle
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from decimal import ROUND_DOWN, Decimal
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from evaluator.scoring.model import (
    ConflictRule,
    Criterion,
    RoundRules,
    Sheet,
    Status,
    Tambon,
    round2,
    score_text,
)
from evaluator.scoring.order import by_score, tie_key
from evaluator.scoring.ranking import (
    TambonResult,
    _below,
    _criterion_means,
    _flags,
    _result,
    evaluate_sheet,
    mean,
    ordered_groups,
    rank_round,
    sheet_total,
)
from evaluator.scoring.sheets import (
    CriterionMeans,
    SheetResult,
    _totaller,
    evaluate_round,
    evaluate_sheets,
)

CRITERIA = (
    Criterion("C1", 10, 15),
    Criterion("C2", 7, 10),
    Criterion("C3", 3, 12.5),
    Criterion("C4", 0.3, 2.75),
)
VALUES = st.floats(min_value=0, max_value=10, allow_nan=False, allow_infinity=False)
ANY = st.one_of(VALUES, st.sampled_from([math.inf, -math.inf, math.nan]))


def plain_total(
    criteria: Sequence[Criterion], scores: Mapping[str, float]
) -> tuple[float | None, tuple[str, ...]]:
    """The sheet total as it was computed before the fast path."""
    missing = tuple(
        c.code for c in criteria if c.code not in scores or not math.isfinite(scores[c.code])
    )
    if missing:
        return None, missing
    return math.fsum(c.weight * scores[c.code] / c.max_score for c in criteria), ()


@given(st.dictionaries(st.sampled_from([c.code for c in CRITERIA]), ANY))
def test_sheet_total_is_the_plain_formula(scores: dict[str, float]) -> None:
    """Any mix of finite, infinite, NaN and missing scores: the same total (bit for bit) and
    the same missing criteria."""
    total, missing = sheet_total(CRITERIA, scores)
    expected_total, expected_missing = plain_total(CRITERIA, scores)
    assert missing == expected_missing
    assert (total is None and expected_total is None) or (
        total is not None and expected_total is not None and total.hex() == expected_total.hex()
    )


@given(st.lists(st.fixed_dictionaries({c.code: VALUES for c in CRITERIA}), min_size=1, max_size=6))
def test_criterion_means_are_the_plain_means_to_the_last_bit(
    sheets: list[dict[str, float]],
) -> None:
    inputs = {
        f"k{i}": Sheet(f"k{i}", f"I{i}", "180101", "submitted", s) for i, s in enumerate(sheets)
    }
    counted = [
        SheetResult(k, s.inspector, s.tambon_code, s.status, 1.0, True) for k, s in inputs.items()
    ]
    got = _criterion_means(CRITERIA, counted, inputs)
    expected = tuple(
        (c.code, mean([inputs[r.key].scores[c.code] / c.max_score for r in counted]))
        for c in CRITERIA
    )
    assert [(code, value.hex()) for code, value in got] == [
        (code, value.hex()) for code, value in expected
    ]


@given(
    st.fixed_dictionaries({c.code: VALUES for c in CRITERIA}),
    st.sampled_from(["submitted", "locked"]),
)
def test_a_usual_sheet_is_the_same_result_as_built_plainly(
    scores: dict[str, float], status: str
) -> None:
    sheet = Sheet("k1", "ผู้ประเมิน", "180101", status, scores, inspector_home_province="10")
    tambon = Tambon("180101", "ในเมือง", 1, province_code="18")
    got = evaluate_sheet(sheet, CRITERIA, tambon, ConflictRule.EXCLUDE)
    total, _ = plain_total(CRITERIA, scores)
    expected = SheetResult("k1", "ผู้ประเมิน", "180101", status, total, True)
    assert got == expected and repr(got) == repr(expected) and hash(got) == hash(expected)
    assert vars(got) == vars(expected)


def test_the_other_sheets_still_say_why() -> None:
    tambon = Tambon("180101", "ในเมือง", 1, province_code="18")
    full = {c.code: 1.0 for c in CRITERIA}
    own_province = Sheet("k", "I", "180101", "submitted", full, inspector_home_province="18")
    assert not evaluate_sheet(own_province, CRITERIA, tambon, ConflictRule.EXCLUDE).counted
    flagged = evaluate_sheet(own_province, CRITERIA, tambon, ConflictRule.FLAG)
    assert flagged.counted and flagged.conflict_of_interest and "flagged" in flagged.reason_en
    draft = evaluate_sheet(
        replace(own_province, status="draft"), CRITERIA, tambon, ConflictRule.FLAG
    )
    assert not draft.counted and "draft" in draft.reason_en
    copy = replace(own_province, conflict_of="other", inspector_home_province=None)
    assert evaluate_sheet(copy, CRITERIA, tambon, ConflictRule.FLAG).merge_conflict
    unknown = evaluate_sheet(replace(copy, conflict_of=None), CRITERIA, None, ConflictRule.FLAG)
    assert not unknown.counted and "unknown tambon" in unknown.reason_en


def test_a_ranked_tambon_is_the_one_built_plainly() -> None:
    fields: dict[str, Any] = {
        "tambon": Tambon("180101", "ในเมือง", 1),
        "rank": 3,
        "shared": 2,
        "score": 81.5,
        "sheets": 2,
        "status": Status.TIE,
        "reason": "",
        "reason_en": "",
        "criterion_means": (("C1", 0.5),),
        "tie_break": (("C1", 0.5),),
        "sheet_results": (),
        "flags": ("large_spread",),
        "spread": 21.0,
        "se": None,
        "decision": None,
    }
    made, expected = _result(fields), TambonResult(**fields)
    assert made == expected and repr(made) == repr(expected) and hash(made) == hash(expected)
    assert list(vars(made).items()) == list(vars(expected).items())  # the fields' order too


SHEETS = st.builds(
    Sheet,
    key=st.sampled_from(["a", "b", "c"]),
    inspector=st.sampled_from(["I1", "I2"]),
    tambon_code=st.sampled_from(["180101", "180102", "999999"]),  # 999999: no such tambon
    status=st.sampled_from(["submitted", "locked", "draft", "odd"]),
    scores=st.dictionaries(st.sampled_from([c.code for c in CRITERIA]), ANY),
    inspector_home_province=st.sampled_from([None, "", "18", "50"]),
    conflict_of=st.sampled_from([None, "other"]),
)


@given(st.lists(SHEETS, max_size=8), st.sampled_from(list(ConflictRule)))
def test_a_rounds_sheets_are_each_evaluated_as_alone(
    sheets: list[Sheet], rule: ConflictRule
) -> None:
    """evaluate_sheets gives, sheet by sheet, what evaluate_sheet gives: every field, in the
    fields' order, for complete and incomplete sheets, infinite and NaN scores, any status,
    conflicts of interest and merge conflicts, and a tambon not in the round."""
    tambons = {
        "180101": Tambon("180101", "ในเมือง", 1, province_code="18"),
        "180102": Tambon("180102", "ท่าชัย", 1),
    }
    got = evaluate_sheets(sheets, CRITERIA, tambons, rule)
    expected = [evaluate_sheet(s, CRITERIA, tambons.get(s.tambon_code), rule) for s in sheets]
    assert len(got) == len(expected)
    for g, e in zip(got, expected, strict=True):
        assert repr(g) == repr(e)  # NaN totals compare unequal; their repr does not
        assert [(k, repr(v)) for k, v in vars(g).items()] == [
            (k, repr(v)) for k, v in vars(e).items()
        ]


@given(st.lists(SHEETS, max_size=8), st.sampled_from(list(ConflictRule)), st.booleans())
def test_a_rounds_sheets_by_tambon_are_its_results_and_counted_sheets(
    sheets: list[Sheet], rule: ConflictRule, in_order: bool
) -> None:
    """evaluate_round gives each tambon code its sheets' results in the sheets' order, and its
    counted sheets' totals and scores (the sheets' own), in the round's order of sheets
    (by tambon) or any other."""
    if in_order:
        sheets = sorted(sheets, key=lambda s: (s.tambon_code, s.inspector, s.key))
    tambons = {
        "180101": Tambon("180101", "ในเมือง", 1, province_code="18"),
        "180102": Tambon("180102", "ท่าชัย", 1),
    }
    results, groups = evaluate_round(sheets, CRITERIA, tambons, rule)
    assert [repr(r) for r in results] == [
        repr(r) for r in evaluate_sheets(sheets, CRITERIA, tambons, rule)
    ]
    assert list(groups) == list(dict.fromkeys(s.tambon_code for s in sheets))
    for code, (own, totals, scores) in groups.items():
        mine = [i for i, s in enumerate(sheets) if s.tambon_code == code]
        assert len(own) == len(mine)
        assert all(a is results[i] for a, i in zip(own, mine, strict=True))
        counted = [i for i in mine if results[i].counted]
        assert [repr(t) for t in totals] == [repr(results[i].total) for i in counted]
        assert all(a is sheets[i].scores for a, i in zip(scores, counted, strict=True))
        assert len(scores) == len(counted)


@given(
    st.lists(SHEETS, max_size=8),
    st.sampled_from(list(ConflictRule)),
    st.sampled_from([0.0, 5.0, 20.0]),
)
def test_each_tambons_flags_are_what_flags_finds(
    sheets: list[Sheet], rule: ConflictRule, threshold: float
) -> None:
    """A tambon whose sheets all count under "exclude" is flagged for a large spread or
    nothing without looking at its sheets again: the same flags _flags finds from them, for
    any mix of sheets, either rule, any threshold."""
    tambons = [
        Tambon("180101", "ในเมือง", 1, province_code="18"),
        Tambon("180102", "ท่าชัย", 1),
    ]
    rules = RoundRules(
        code="r", winners_per_zone=1, conflict_of_interest=rule, spread_threshold=threshold
    )
    unique = list({s.key: s for s in sheets}.values())  # a sheet's key is its own
    for e in rank_round(rules, CRITERIA, tambons, unique).entries:
        assert e.flags == _flags(e.sheet_results, e.spread, threshold, e.sheets)


@given(st.floats(min_value=-1000, max_value=1000), st.sampled_from([0.0, 50.0, 85.0, 99.5]))
def test_a_score_below_the_minimum_is_printed_as_before(score: float, minimum: float) -> None:
    expected = (
        score_text(score)
        if round2(score) < minimum
        else f"{Decimal(f'{score:.9f}').quantize(Decimal('0.0001'), rounding=ROUND_DOWN):.4f}"
    )
    assert _below(score, minimum) == expected


@given(
    st.lists(
        st.tuples(st.floats(min_value=0, max_value=100), st.floats(min_value=0.01, max_value=100)),
        max_size=12,
    ),
    st.data(),
)
def test_a_usual_sheets_total_is_the_comprehension_to_the_last_bit(
    criteria: list[tuple[float, float]], data: st.DataObject
) -> None:
    """The total written out for a number of criteria is fsum of weight × score / max_score
    over the criteria in order, to the last bit, for any weights, maxima and scores (infinite
    and NaN too); a missing score raises KeyError and an infinite sum ValueError, as the
    comprehension does; the codes, any text, are never part of the code compiled."""
    codes = [f"{i}:{c}" for i, c in enumerate(["'", "}\n", *map(str, range(len(criteria)))])]
    terms = [(codes[i], w, mx) for i, (w, mx) in enumerate(criteria)]
    scores = data.draw(st.fixed_dictionaries({k: ANY for k, _, _ in terms}))
    if terms and data.draw(st.booleans()):
        del scores[terms[-1][0]]
    total = _totaller(len(terms))(*[x for t in terms for x in t])

    def outcome(f: Callable[[], float]) -> str:
        try:
            return f().hex()
        except (KeyError, ValueError, OverflowError) as e:
            return type(e).__name__

    expected = outcome(lambda: math.fsum([w * scores[k] / mx for k, w, mx in terms]))
    assert outcome(lambda: total(scores)) == expected


NEAR = st.sampled_from([80.0, 80.0 + 4e-10, 80.0 + 8e-10, 80.0 + 1.2e-9, 79.5, 90.0, -0.0, 0.0])


@given(st.lists(st.tuples(NEAR, NEAR, NEAR), max_size=9), st.integers(0, 2))
def test_a_zone_in_order_of_score_is_ordered_groups(
    values: list[tuple[float, float, float]], tie_breaks: int
) -> None:
    """by_score orders and groups a zone as ordered_groups does with the score as its first
    key: values closer than 1e-9 chained into one group, the tie-break criteria after, then
    the code; scores a little apart, equal and chained."""
    drafts: list[dict[str, Any]] = [
        {
            "tambon": Tambon(f"18{i:04d}", "ตำบล", 1),
            "score": score,
            "tie_break": (("C1", first), ("C2", second))[:tie_breaks],
        }
        for i, (score, first, second) in enumerate(values)
    ]
    rest = [tie_key(i) for i in range(tie_breaks)]
    expected = ordered_groups(
        drafts, [lambda d: d["score"], *rest], lambda d: str(d["tambon"].code)
    )
    got = by_score(drafts, rest)
    assert [[d["tambon"].code for d in g] for g in got] == [
        [d["tambon"].code for d in g] for g in expected
    ]


def test_a_sheet_read_is_the_sheet_built_plainly() -> None:
    args = ("k1", "ผู้ประเมิน", "180101", "submitted", {"C1": 3.0}, "18", None)
    read, built = Sheet.read(*args), Sheet(*args)  # (its scores, a dict, make it unhashable)
    assert read == built and repr(read) == repr(built)
    assert vars(read) == vars(built)
    assert set(vars(read)) == set(Sheet.__dataclass_fields__)  # every field, none forgotten


def test_a_tambon_read_is_the_tambon_built_plainly() -> None:
    args = ("180101", "ในเมือง", 1, "ชัยนาท", "เมืองชัยนาท", "18")
    read, built = Tambon.read(*args), Tambon(*args)
    assert read == built and repr(read) == repr(built) and hash(read) == hash(built)
    assert vars(read) == vars(built)
    assert set(vars(read)) == set(Tambon.__dataclass_fields__)  # every field, none forgotten


def test_each_tambons_result_is_the_one_built_plainly() -> None:
    """_draft builds a TambonResult without its __init__: every field given, the same value."""
    tambons = [Tambon("180101", "ก", 1, province_code="18"), Tambon("180102", "ข", 1)]
    scores = {"C1": 7.0, "C2": 5.0, "C3": 2.0, "C4": 0.25}
    sheets = [
        Sheet("a", "ผู้ประเมิน 1", "180101", "submitted", scores),
        Sheet("b", "ผู้ประเมิน 2", "180101", "draft", scores),
        Sheet("c", "ผู้ประเมิน 3", "180102", "submitted", {"C1": 1.0}),
    ]
    rules = RoundRules(code="r", winners_per_zone=1, tie_break=("C2",))
    for entry in rank_round(rules, CRITERIA, tambons, sheets).entries:
        plain = TambonResult(**vars(entry))
        assert entry == plain and repr(entry) == repr(plain) and vars(entry) == vars(plain)
        assert set(vars(entry)) == set(TambonResult.__dataclass_fields__)


@given(
    st.lists(st.fixed_dictionaries({c.code: VALUES for c in CRITERIA}), min_size=1, max_size=6),
    st.lists(st.sampled_from([c.code for c in CRITERIA]), max_size=3),
)
def test_a_tambons_criterion_means_worked_out_when_read_are_the_plain_means(
    sheets: list[dict[str, float]], tie_break: list[str]
) -> None:
    """A ranked tambon's criterion means (a CriterionMeans, worked out when first read) are, to
    the last bit, the plain mean of each criterion over its counted sheets; its tie-break means
    (worked out at once) are those of its tie-break criteria, in that order; and it compares,
    hashes, prints, indexes and pickles as the plain tuple."""
    tambon = Tambon("180101", "ในเมือง", 1)
    inputs = [Sheet(f"k{i}", f"I{i}", "180101", "submitted", s) for i, s in enumerate(sheets)]
    rules = RoundRules(code="r", winners_per_zone=1, tie_break=tuple(tie_break))
    (entry,) = rank_round(rules, CRITERIA, [tambon], inputs).entries
    expected = tuple((c.code, mean([s[c.code] / c.max_score for s in sheets])) for c in CRITERIA)
    means = entry.criterion_means
    assert isinstance(means, CriterionMeans)  # not worked out until read
    assert [(code, value.hex()) for code, value in means] == [
        (code, value.hex()) for code, value in expected
    ]
    assert means == expected and expected == means and hash(means) == hash(expected)
    assert repr(means) == repr(expected) and len(means) == len(expected)
    assert means[0] == expected[0] and means[1:] == expected[1:] and list(means) == list(expected)
    assert means != expected[1:] and means != list(expected)
    assert pickle.loads(pickle.dumps(means)) == expected and copy.deepcopy(means) == expected
    assert entry.tie_break == tuple((code, dict(expected)[code]) for code in tie_break)
    assert entry.criterion_mean("C3") == dict(expected)["C3"]
    plain = TambonResult(**{**vars(entry), "criterion_means": expected})
    assert entry == plain and repr(entry) == repr(plain) and hash(entry) == hash(plain)


def test_a_tambon_without_counted_sheets_has_no_criterion_means() -> None:
    tambon = Tambon("180101", "ในเมือง", 1)
    draft = Sheet("k", "I", "180101", "draft", {c.code: 1.0 for c in CRITERIA})
    rules = RoundRules(code="r", winners_per_zone=1, tie_break=("C1",))
    (entry,) = rank_round(rules, CRITERIA, [tambon], [draft]).entries
    assert entry.criterion_means == () and entry.tie_break == ()
