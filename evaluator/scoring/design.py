"""Can inspector leniency be told apart from tambon quality? A check of the assignments.

Inspector leniency can only be measured by comparing inspectors on the same tambons, directly or
through a chain (inspector A and B share a tambon, B and C share another, …). In the graph whose
nodes are a zone's inspectors and tambons and whose edges are the assignments (or sheets), every
connected part can be compared within itself, but two parts cannot be compared with each other:
a part whose tambons score higher might have better tambons or more lenient inspectors, and no
aggregation (z-score or ``adjusted``) can say which. The same holds between zones for a national
quota unless some inspectors work in more than one zone.

Pure: plain (zone, inspector, tambon) triples in, plain results out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Part:
    """A connected group of inspectors and the tambons they assess."""

    inspectors: tuple[str, ...]
    tambons: tuple[str, ...]


@dataclass(frozen=True)
class ZoneDesign:
    """One zone's assignment graph."""

    zone: int
    parts: tuple[Part, ...]  # largest first
    shared_tambons: int  # tambons assessed by two inspectors or more

    @property
    def inspectors(self) -> int:
        return sum(len(p.inspectors) for p in self.parts)

    @property
    def tambons(self) -> int:
        return sum(len(p.tambons) for p in self.parts)

    @property
    def connected(self) -> bool:
        """Every inspector of the zone can be compared with every other."""
        return len(self.parts) <= 1

    @property
    def separable(self) -> bool:
        """Leniency can be separated from quality within the zone: one connected part (with a
        single inspector there is nothing to separate: all tambons share their leniency)."""
        return self.connected


@dataclass(frozen=True)
class DesignCheck:
    """Every zone's assignment graph, and whether zones are linked by shared inspectors."""

    zones: tuple[ZoneDesign, ...]
    cross_zone_inspectors: tuple[str, ...]  # inspectors assessing tambons in two zones or more

    @property
    def problems(self) -> tuple[ZoneDesign, ...]:
        """Zones where leniency cannot be separated from quality."""
        return tuple(z for z in self.zones if not z.separable)

    @property
    def zones_comparable(self) -> bool:
        """Whether zones could be put on one scale (a national quota): only through inspectors
        who work in more than one zone."""
        return len(self.zones) <= 1 or bool(self.cross_zone_inspectors)


def check_design(assignments: Iterable[tuple[int, str, str]]) -> DesignCheck:
    """The connected parts of each zone's inspector–tambon graph.

    ``assignments`` are (zone, inspector, tambon code) triples; repeats are ignored.
    """
    pairs: dict[int, set[tuple[str, str]]] = defaultdict(set)
    zones_of: dict[str, set[int]] = defaultdict(set)
    for zone, inspector, tambon in assignments:
        pairs[zone].add((inspector, tambon))
        zones_of[inspector].add(zone)
    out = [_zone(zone, pairs[zone]) for zone in sorted(pairs)]
    cross = tuple(sorted(i for i, zones in zones_of.items() if len(zones) > 1))
    return DesignCheck(tuple(out), cross)


def _zone(zone: int, pairs: set[tuple[str, str]]) -> ZoneDesign:
    parent: dict[tuple[str, str], tuple[str, str]] = {}

    def find(x: tuple[str, str]) -> tuple[str, str]:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    per_tambon: dict[str, int] = defaultdict(int)
    for inspector, tambon in sorted(pairs):
        per_tambon[tambon] += 1
        a, b = find(("i", inspector)), find(("t", tambon))
        if a != b:
            parent[a] = b
    members: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for node in list(parent):
        members[find(node)].append(node)
    parts = [
        Part(
            tuple(sorted(name for kind, name in nodes if kind == "i")),
            tuple(sorted(name for kind, name in nodes if kind == "t")),
        )
        for nodes in members.values()
    ]
    parts.sort(key=lambda p: (-len(p.tambons), -len(p.inspectors), p.inspectors))
    return ZoneDesign(zone, tuple(parts), sum(1 for n in per_tambon.values() if n > 1))
