"""Ties at the cutoff and the committee's decisions on them (DESIGN.md section 6).

A tie at the cutoff is a group of tambons sharing a rank that starts within the quota but runs
past it (status ``tie``): the rules do not break it, the committee does. A decision names the
group as it was and the tambons it chose; it applies only while the round's tie in that zone is
exactly that group and the number chosen is the number of places left. Then the chosen tambons
are ``winner`` and the others ``eligible`` with the reason "committee decision"; otherwise (the
scores changed, the group is another one) the tie shows again, and :func:`stale_decisions` says
which decision no longer applies. Pure: no database.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from evaluator.scoring.model import EPSILON, QuotaKind, Status, TieDecision
from evaluator.scoring.ranking import RoundResult, TambonResult
from evaluator.scoring.result import RankedTambon, RoundRanking

LOSER_REASON = "คณะกรรมการตัดสินให้ตำบลอื่นในกลุ่มคะแนนเท่ากันได้รับรางวัล — committee decision"
LOSER_REASON_EN = "committee decision"


@dataclass(frozen=True)
class TieGroup:
    """Tambons sharing a rank across the cutoff of one zone (``zone`` None: national)."""

    zone: int | None
    rank: int
    places: int  # how many of them can win: quota − rank + 1
    entries: tuple[TambonResult, ...]
    decision: TieDecision | None = None  # the decision that settles it, if any

    @property
    def codes(self) -> frozenset[str]:
        return frozenset(e.tambon.code for e in self.entries)

    @property
    def open(self) -> bool:
        return self.decision is None


def _zone_of(result: RoundResult, e: TambonResult) -> int | None:
    return e.tambon.zone if result.quota_kind is QuotaKind.ZONE else None


def tie_groups(result: RoundResult) -> list[TieGroup]:
    """The round's ties at the cutoff as ranked by the rules (before any decision)."""
    groups: dict[tuple[int | None, int], list[TambonResult]] = {}
    for e in result.entries:
        if e.status is Status.TIE and e.rank is not None:
            groups.setdefault((_zone_of(result, e), e.rank), []).append(e)
    return [
        TieGroup(zone, rank, result.quota - rank + 1, tuple(members))
        for (zone, rank), members in groups.items()
    ]


def fits(decision: TieDecision, group: TieGroup) -> bool:
    """Whether ``decision`` settles ``group``: same zone, same tambons, the right number."""
    return (
        decision.zone == group.zone
        and decision.tambons == group.codes
        and decision.winners <= group.codes
        and len(decision.winners) == group.places
    )


def settle(result: RoundResult, decisions: Sequence[TieDecision]) -> list[TieGroup]:
    """The round's ties, each with the latest decision that fits it (``decisions`` oldest
    first)."""
    return [
        replace(group, decision=next((d for d in reversed(decisions) if fits(d, group)), None))
        for group in tie_groups(result)
    ]


def apply_decisions(result: RoundResult, decisions: Sequence[TieDecision]) -> RoundResult:
    """``result`` with every tie that a decision fits settled as decided."""
    decided: dict[str, tuple[TieDecision, bool]] = {}
    for group in settle(result, decisions):
        if group.decision is not None:
            for code in group.codes:
                decided[code] = (group.decision, code in group.decision.winners)
    if not decided:
        return result
    entries = tuple(_decided(e, *decided[e.tambon.code]) if e.tambon.code in decided else e
                    for e in result.entries)  # fmt: skip
    return replace(result, entries=entries)


def _decided(e: TambonResult, decision: TieDecision, wins: bool) -> TambonResult:
    if wins:
        return replace(e, status=Status.WINNER, decision=decision)
    return replace(
        e,
        status=Status.ELIGIBLE,
        reason=LOSER_REASON,
        reason_en=LOSER_REASON_EN,
        decision=decision,
    )


def stale_decisions(result: RoundResult, decisions: Iterable[TieDecision]) -> list[TieDecision]:
    """The latest decision of each zone and group that no longer fits any tie of the round."""
    groups = tie_groups(result)
    latest: dict[tuple[int | None, frozenset[str]], TieDecision] = {}
    for d in decisions:
        latest[(d.zone, d.tambons)] = d
    return [d for d in latest.values() if not any(fits(d, g) for g in groups)]


# --- places decided by tie-break criteria ---------------------------------------------------


@dataclass(frozen=True)
class TieBreakPlace:
    """Two neighbours in a ranking with equal scores, put in order by a tie-break criterion."""

    zone: int | None  # None when the round ranks nationally
    ahead: RankedTambon
    behind: RankedTambon
    criterion: str
    ahead_value: float
    behind_value: float
    at_cutoff: bool  # the one ahead wins and the one behind does not


def tie_break_places(ranking: RoundRanking) -> tuple[TieBreakPlace, ...]:
    """Where a tie-break criterion, not the score, put one tambon before the next."""
    per_zone = ranking.quota_kind == "zone"
    scopes: dict[int, list[RankedTambon]] = defaultdict(list)
    for e in ranking.entries:
        if e.rank is not None and e.score is not None:
            scopes[e.zone if per_zone else 0].append(e)
    out: list[TieBreakPlace] = []
    for scope, entries in sorted(scopes.items()):
        ordered = sorted(entries, key=lambda e: e.rank or 0)
        for a, b in pairwise(ordered):
            assert a.score is not None and b.score is not None
            if a.rank == b.rank or abs(a.score - b.score) > EPSILON:
                continue
            va, vb = dict(a.tie_break), dict(b.tie_break)
            for code in ranking.tie_break:
                x, y = va.get(code), vb.get(code)
                if x is not None and y is not None and abs(x - y) > EPSILON:
                    out.append(
                        TieBreakPlace(
                            zone=scope if per_zone else None,
                            ahead=a,
                            behind=b,
                            criterion=code,
                            ahead_value=x,
                            behind_value=y,
                            at_cutoff=a.status == "winner" and b.status != "winner",
                        )
                    )
                    break
    return tuple(out)
