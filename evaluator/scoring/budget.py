"""Prize money of a round and of a contest, per zone and overall.

``amount`` counts winners only. A tie across the cutoff leaves places the committee has still
to fill; their money is ``pending`` (an upper bound: the most it can add once the ties are
decided). A tambon that wins more than one round is paid as the contest says: ``both`` prizes
(the default) or only the ``highest``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from evaluator.scoring.model import QuotaKind


class DoubleAward(StrEnum):
    BOTH = "both"
    HIGHEST = "highest"


@dataclass(frozen=True)
class AwardEntry:
    """A tambon's status in a round, all the budget needs of it."""

    tambon_code: str
    zone: int
    status: str


@dataclass(frozen=True)
class RoundAwards:
    """A ranked round, as the budget sees it."""

    code: str
    title: str
    prize_baht: int
    quota_kind: QuotaKind
    quota: int
    entries: tuple[AwardEntry, ...]


@dataclass(frozen=True)
class ZoneBudget:
    zone: int
    winners: int
    amount: int
    tie_places: int = 0
    pending: int = 0


@dataclass(frozen=True)
class RoundBudget:
    code: str
    title: str
    prize_baht: int
    quota_kind: QuotaKind
    quota: int
    winners: int
    amount: int
    tie_places: int
    pending: int
    zones: tuple[ZoneBudget, ...]


@dataclass(frozen=True)
class TambonAward:
    """What the contest pays one tambon, and for which rounds."""

    tambon_code: str
    zone: int
    rounds: tuple[str, ...]
    amount: int


@dataclass(frozen=True)
class ContestBudget:
    double_award: DoubleAward
    rounds: tuple[RoundBudget, ...]
    zones: tuple[ZoneBudget, ...]
    awards: tuple[TambonAward, ...]
    total: int
    pending: int

    @property
    def double_winners(self) -> tuple[TambonAward, ...]:
        """Tambons that win more than one round."""
        return tuple(a for a in self.awards if len(a.rounds) > 1)


def _places(quota: int, statuses: Sequence[str]) -> int:
    """Places still open to the tied tambons of one scope."""
    if "tie" not in statuses:
        return 0
    return max(0, quota - sum(1 for s in statuses if s == "winner"))


def round_budget(awards: RoundAwards) -> RoundBudget:
    """A round's prize money per zone and overall."""
    by_zone: dict[int, list[str]] = defaultdict(list)
    for e in awards.entries:
        by_zone[e.zone].append(e.status)
    prize = awards.prize_baht
    zones = []
    for zone in sorted(by_zone):
        statuses = by_zone[zone]
        winners = sum(1 for s in statuses if s == "winner")
        places = _places(awards.quota, statuses) if awards.quota_kind is QuotaKind.ZONE else 0
        zones.append(ZoneBudget(zone, winners, winners * prize, places, places * prize))
    winners = sum(z.winners for z in zones)
    if awards.quota_kind is QuotaKind.ZONE:
        places = sum(z.tie_places for z in zones)
    else:
        places = _places(awards.quota, [e.status for e in awards.entries])
    return RoundBudget(
        code=awards.code,
        title=awards.title,
        prize_baht=prize,
        quota_kind=awards.quota_kind,
        quota=awards.quota,
        winners=winners,
        amount=winners * prize,
        tie_places=places,
        pending=places * prize,
        zones=tuple(zones),
    )


@dataclass(frozen=True)
class _Payer:
    """What a tambon is paid for its wins under the double-award rule."""

    rule: DoubleAward

    def __call__(self, prizes: Sequence[int]) -> int:
        if not prizes:
            return 0
        return sum(prizes) if self.rule is DoubleAward.BOTH else max(prizes)


def _wins(
    round_list: Sequence[RoundAwards],
) -> tuple[dict[str, list[tuple[str, int]]], dict[str, int]]:
    """Each winning tambon's (round, prize) wins, and every tambon's zone."""
    won: dict[str, list[tuple[str, int]]] = defaultdict(list)
    zone_of: dict[str, int] = {}
    for r in round_list:
        for e in r.entries:
            zone_of[e.tambon_code] = e.zone
            if e.status == "winner":
                won[e.tambon_code].append((r.code, r.prize_baht))
    return won, zone_of


def _pending(
    round_list: Sequence[RoundAwards],
    budgets: Sequence[RoundBudget],
    won: dict[str, list[tuple[str, int]]],
    current: dict[str, int],
    paid: _Payer,
) -> tuple[dict[int, int], int]:
    """Pending money of the ties, per zone and national: places × the most one more win can
    add to a tied tambon."""
    pending_by_zone: dict[int, int] = defaultdict(int)
    pending_national = 0
    for r, b in zip(round_list, budgets, strict=True):
        if not b.tie_places:
            continue
        per_zone = r.quota_kind is QuotaKind.ZONE
        scopes: dict[int, list[AwardEntry]] = defaultdict(list)
        for e in r.entries:
            if e.status == "tie":
                scopes[e.zone if per_zone else 0].append(e)
        for scope, tied in scopes.items():
            places = (
                next(z.tie_places for z in b.zones if z.zone == scope) if per_zone else b.tie_places
            )
            extra = max(
                paid([p for _, p in won.get(e.tambon_code, [])] + [r.prize_baht])
                - current.get(e.tambon_code, 0)
                for e in tied
            )
            if per_zone:
                pending_by_zone[scope] += places * extra
            else:
                pending_national += places * extra
    return pending_by_zone, pending_national


def contest_budget(
    rounds: Iterable[RoundAwards], double_award: DoubleAward | str = DoubleAward.BOTH
) -> ContestBudget:
    """The whole contest's prize money, per zone and overall, under the double-award rule."""
    rule = DoubleAward(double_award)
    round_list = list(rounds)
    budgets = tuple(round_budget(r) for r in round_list)
    won, zone_of = _wins(round_list)
    paid = _Payer(rule)
    awards = tuple(
        TambonAward(
            tambon_code=code,
            zone=zone_of[code],
            rounds=tuple(c for c, _ in wins),
            amount=paid([p for _, p in wins]),
        )
        for code, wins in sorted(won.items())
    )
    current = {a.tambon_code: a.amount for a in awards}
    pending_by_zone, pending_national = _pending(round_list, budgets, won, current, paid)

    zone_numbers = sorted({z.zone for b in budgets for z in b.zones})
    zones = tuple(
        ZoneBudget(
            zone=zone,
            winners=sum(1 for a in awards if a.zone == zone),
            amount=sum(a.amount for a in awards if a.zone == zone),
            tie_places=sum(z.tie_places for b in budgets for z in b.zones if z.zone == zone),
            pending=pending_by_zone.get(zone, 0),
        )
        for zone in zone_numbers
    )
    return ContestBudget(
        double_award=rule,
        rounds=budgets,
        zones=zones,
        awards=awards,
        total=sum(a.amount for a in awards),
        pending=sum(pending_by_zone.values()) + pending_national,
    )
