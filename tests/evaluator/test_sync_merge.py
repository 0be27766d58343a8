"""The merge decisions as pure functions over plain data: every case, by hand."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from evaluator.sync.decide import Outcome, Target, decide_package, decide_scoresheet
from evaluator.sync.wire import ScoreData, SheetData

U = "11111111-1111-4111-8111-111111111111"
TWIN = "22222222-2222-4222-8222-222222222222"


def _target(version: int, content: str, *, locked: bool = False, uuid: str = U) -> Target:
    return Target(uuid, version, 0, content, locked)


def _decide(
    version: int,
    base: int,
    content: str,
    target: Target | None,
    received: dict[int, frozenset[str]] | None = None,
    challengers: frozenset[str] = frozenset(),
    final: bool = False,
    uuid: str = U,
) -> Outcome:
    return decide_package(
        uuid, version, base, content, target, received or {}, challengers, final
    ).outcome


def test_unknown_sheet_is_inserted() -> None:
    assert _decide(3, 2, "A", None) is Outcome.INSERT


def test_a_version_received_before_is_a_duplicate() -> None:
    assert _decide(2, 1, "A", _target(5, "B"), {2: frozenset({"A"})}) is Outcome.DUPLICATE


def test_content_already_here_is_only_remembered() -> None:
    assert _decide(4, 1, "A", _target(2, "A"), {2: frozenset({"X"})}) is Outcome.RECEIVE


def test_newer_version_replaces_a_clean_sheet() -> None:
    # the committee holds exactly what it last received (v2 = "A"): v3 replaces it
    assert _decide(3, 1, "B", _target(2, "A"), {2: frozenset({"A"})}) is Outcome.REPLACE


def test_newer_version_of_a_sheet_changed_here_is_a_conflict() -> None:
    # the committee changed v2 "A" into "C" (its v3); the inspector's v3 "B" is another edit
    assert _decide(3, 1, "B", _target(3, "C"), {2: frozenset({"A"})}) is Outcome.CONFLICT


def test_several_offline_edits_still_replace() -> None:
    # the inspector saved five times since the package the committee has (v2)
    assert _decide(7, 1, "F", _target(2, "A"), {2: frozenset({"A"})}) is Outcome.REPLACE


def test_an_older_package_is_stale() -> None:
    assert _decide(2, 1, "A", _target(4, "D"), {4: frozenset({"D"})}) is Outcome.STALE


def test_same_version_other_content_is_a_conflict() -> None:
    assert _decide(4, 1, "E", _target(4, "D"), {4: frozenset({"D"})}) is Outcome.CONFLICT


def test_never_received_follows_the_base_version() -> None:
    assert _decide(2, 1, "B", _target(1, "A")) is Outcome.REPLACE
    assert _decide(3, 2, "B", _target(1, "A")) is Outcome.CONFLICT
    assert _decide(2, 1, "B", _target(2, "C")) is Outcome.CONFLICT


def test_never_received_and_never_changed_here_takes_the_newer_version() -> None:
    def decide(version: int, target: Target, changed: bool) -> Outcome:
        return decide_package(
            U, version, 0, "B", target, {}, frozenset(), False, changed_here=changed
        ).outcome

    assert decide(3, _target(1, "A"), False) is Outcome.REPLACE
    assert decide(3, _target(1, "A"), True) is Outcome.CONFLICT
    assert decide(1, _target(1, "A"), False) is Outcome.CONFLICT  # same version, other content
    assert decide(3, _target(1, "A", uuid=TWIN), False) is Outcome.CONFLICT


def test_a_twin_is_always_a_conflict_at_first() -> None:
    twin = _target(1, "A", uuid=TWIN)
    assert _decide(1, 0, "B", twin) is Outcome.CONFLICT


def test_content_kept_in_an_open_conflict_copy_is_a_duplicate() -> None:
    target = _target(3, "C")
    assert (
        _decide(4, 1, "B", target, {2: frozenset({"A"})}, challengers=frozenset({"B"}))
        is Outcome.DUPLICATE
    )


def test_finalised_round_or_locked_sheet_is_never_changed() -> None:
    assert _decide(3, 1, "B", _target(2, "A"), {2: frozenset({"A"})}, final=True) is Outcome.LOCKED
    assert _decide(3, 1, "B", None, final=True) is Outcome.LOCKED
    locked = _target(2, "A", locked=True)
    assert _decide(3, 1, "B", locked, {2: frozenset({"A"})}) is Outcome.LOCKED
    # identical content is no change, so nothing to refuse
    assert _decide(3, 1, "A", locked, {2: frozenset({"A"})}) is Outcome.DUPLICATE


def test_scoresheet_three_way_merge() -> None:
    here = _target(3, "A")
    assert decide_scoresheet("A", "A", here, frozenset(), frozenset(), False).outcome is (
        Outcome.DUPLICATE
    )
    assert decide_scoresheet("B", "A", here, frozenset(), frozenset(), False).outcome is (
        Outcome.REPLACE
    )
    changed_here = _target(4, "C")
    assert decide_scoresheet("B", "A", changed_here, frozenset(), frozenset(), False).outcome is (
        Outcome.CONFLICT
    )
    assert decide_scoresheet(
        "B", "A", changed_here, frozenset({"B"}), frozenset(), False
    ).outcome is (Outcome.DUPLICATE)
    assert decide_scoresheet("B", None, None, frozenset(), frozenset(), False).outcome is (
        Outcome.INSERT
    )
    assert decide_scoresheet("B", "A", here, frozenset(), frozenset(), True).outcome is (
        Outcome.LOCKED
    )


def _sheet(values: dict[str, float], note: str = "", status: str = "submitted") -> SheetData:
    return SheetData(
        uuid=U,
        round="outstanding",
        tambon_code="840501",
        inspector="ก",
        status=status,
        version=1,
        base_version=0,
        note=note,
        scores=tuple(ScoreData(k, v) for k, v in values.items()),
    )


def test_content_hash_ignores_order_and_versions_but_not_content() -> None:
    a = _sheet({"C1": 8, "C2": 7})
    b = _sheet({"C2": 7.0, "C1": 8.0})
    assert a.content_hash() == b.content_hash()
    assert _sheet({"C1": 8, "C2": 7}, note="x").content_hash() != a.content_hash()
    assert _sheet({"C1": 8, "C2": 7}, status="draft").content_hash() != a.content_hash()
    assert _sheet({"C1": 8, "C2": 7.5}).content_hash() != a.content_hash()


@given(
    version=st.integers(1, 50),
    base=st.integers(0, 49),
    last=st.integers(1, 50),
    local_changed=st.booleans(),
    same_content=st.booleans(),
)
def test_a_sheet_changed_here_is_never_replaced(
    version: int, base: int, last: int, local_changed: bool, same_content: bool
) -> None:
    """Whatever the versions, a committee edit is never overwritten: the incoming content
    either replaces a clean sheet, or is kept beside it, or is already known."""
    local = "LOCAL" if local_changed else "RECEIVED"
    incoming = local if same_content else "INCOMING"
    outcome = _decide(
        version,
        min(base, version - 1),
        incoming,
        _target(last, local),
        {last: frozenset({"RECEIVED"})},
    )
    if local_changed:
        assert outcome is not Outcome.REPLACE
    if outcome is Outcome.REPLACE:
        assert version > last and not local_changed
