"""The assignment-design check (evaluator/scoring/design.py)."""

from __future__ import annotations

from evaluator.scoring.design import check_design


def test_a_zone_whose_inspectors_share_no_tambon_is_flagged() -> None:
    check = check_design(
        [
            # zone 1: A and B share T2, B and C share T3: one part, comparable
            (1, "A", "T1"), (1, "A", "T2"), (1, "B", "T2"), (1, "B", "T3"), (1, "C", "T3"),
            # zone 5: D and E work apart (two parts); F shares with E
            (5, "D", "U1"), (5, "D", "U2"), (5, "E", "U3"), (5, "F", "U3"), (5, "F", "U4"),
            (5, "D", "U1"),  # a repeat changes nothing
        ]
    )  # fmt: skip
    one, five = check.zones
    assert one.zone == 1 and one.connected and one.separable
    assert one.inspectors == 3 and one.tambons == 3 and one.shared_tambons == 2
    assert five.zone == 5 and not five.connected
    assert [p.inspectors for p in five.parts] == [("E", "F"), ("D",)]
    assert [p.tambons for p in five.parts] == [("U3", "U4"), ("U1", "U2")]
    assert check.problems == (five,)
    assert check.cross_zone_inspectors == ()
    assert not check.zones_comparable


def test_one_inspector_is_nothing_to_separate_and_cross_zone_inspectors_link_zones() -> None:
    check = check_design([(2, "A", "T1"), (2, "A", "T2"), (3, "A", "U1"), (3, "B", "U1")])
    assert check.problems == ()
    assert check.cross_zone_inspectors == ("A",)
    assert check.zones_comparable
    assert check_design([]).zones == ()
