"""The demo's first round as the inspectors scored it: who goes where (:func:`assign`) and
the sheets they filled in (:func:`make_sheets`), every value from the seed's random stream.

Each inspector has habits (a leniency, a noise, whole or half points); each tambon a quality and
strengths; each criterion a difficulty. A few sheets are drafts or miss a criterion, and now and
then an inspector scores a tambon of their own province (a conflict of interest).
"""

from __future__ import annotations

import math
import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from evaluator import demo_names as names
from evaluator.db import models as m

BANGKOK_TIME = timezone(timedelta(hours=7))
ROUND_START = datetime(2021, 5, 3, 8, 30, tzinfo=BANGKOK_TIME)  # May 2564
DRAFT_SHARE = 0.03
INCOMPLETE_SHARE = 0.015
CONFLICT_SHARE = 0.02
NOTE_SHARE = 0.15
SHEET_NOTE_SHARE = 0.35


def _round_score(value: float, max_score: float, halves: bool) -> float:
    step = 0.5 if halves else 1.0
    rounded = math.floor(value / step + 0.5) * step
    return min(max(rounded, 0.0), max_score)


@dataclass
class Scorer:
    id: int
    zone: int
    home: str
    leniency: float
    noise: float
    halves: bool
    load: int = 0


def assign(
    rng: random.Random,
    tambons: Sequence[tuple[str, str, int]],
    by_zone: dict[int, list[Scorer]],
) -> list[tuple[str, list[Scorer]]]:
    """2–3 inspectors of the tambon's zone for each tambon, the least loaded first; an inspector
    from the tambon's own province only now and then (a few conflicts of interest)."""
    out = []
    for code, province, zone in tambons:
        staff = by_zone[zone]
        want = 3 if rng.random() < 0.5 else 2
        free = [i for i in staff if i.home != province]
        own = [i for i in staff if i.home == province]
        picked: list[Scorer] = []
        if own and (rng.random() < CONFLICT_SHARE or len(free) < 2):
            picked.append(rng.choice(own))
        order = sorted(free, key=lambda i: (i.load, rng.random()))
        want = min(want, len(picked) + len(order))
        picked += order[: want - len(picked)]
        for inspector in picked:
            inspector.load += 1
        out.append((code, picked))
    return out


@dataclass(frozen=True)
class Sheets:
    rows: list[dict[str, Any]]
    scores: list[tuple[str, list[dict[str, Any]]]]
    drafts: int
    incomplete: int
    conflicts: int


def score_sheet(
    rng: random.Random,
    criteria: Sequence[tuple[int, str, float]],
    inspector: Scorer,
    quality: float,
    strength: dict[str, float],
    difficulty: dict[str, float],
    missing: set[str],
) -> list[dict[str, Any]]:
    """One inspector's scores of one tambon: its quality and strengths, the criterion's
    difficulty, the inspector's leniency and noise, rounded to their habit."""
    scores = []
    for criterion_id, ccode, max_score in criteria:
        share = quality + strength[ccode] + difficulty[ccode] + inspector.leniency
        share += rng.gauss(0.0, inspector.noise)
        share = min(max(share, 0.0), 1.0)
        if ccode in missing:
            continue
        value = _round_score(share * max_score, max_score, inspector.halves)
        note = ""
        if rng.random() < NOTE_SHARE:
            strong, weak = names.CRITERION_NOTES.get(ccode, names.GENERIC_NOTES)
            pool = strong if value / max_score >= 0.6 else weak
            note = rng.choice(pool)
        scores.append({"criterion_id": criterion_id, "value": value, "note": note})
    return scores


def make_sheets(
    rng: random.Random,
    plan: list[tuple[str, list[Scorer]]],
    criteria: Sequence[tuple[int, str, float]],
    round_id: int,
    province_of: dict[str, str],
) -> Sheets:
    """The first round's sheets, a few drafts and incomplete ones among them."""
    difficulty = {code: rng.gauss(0.0, 0.05) for _, code, _ in criteria}
    rows: list[dict[str, Any]] = []
    pending: list[tuple[str, list[dict[str, Any]]]] = []
    drafts = incomplete = conflicts = 0
    for code, picked in plan:
        quality = min(max(rng.gauss(0.66, 0.13), 0.25), 0.97)
        strength = {c: rng.gauss(0.0, 0.08) for _, c, _ in criteria}
        for inspector in picked:
            sheet_uuid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
            draft = rng.random() < DRAFT_SHARE
            missing: set[str] = set()
            if draft and rng.random() < 0.5:
                missing = {c for _, c, _ in criteria[-rng.randint(1, 4) :]}
            elif not draft and rng.random() < INCOMPLETE_SHARE:
                missing = {rng.choice(criteria)[1]}
            drafts += draft
            incomplete += bool(missing)
            conflicts += inspector.home == province_of[code]
            scores = score_sheet(rng, criteria, inspector, quality, strength, difficulty, missing)
            started = ROUND_START + timedelta(
                days=rng.randrange(0, 21), minutes=rng.randrange(0, 8 * 60)
            )
            saved = started + timedelta(days=rng.randrange(0, 3), minutes=rng.randrange(20, 120))
            note = rng.choice(names.SHEET_NOTES) if rng.random() < SHEET_NOTE_SHARE else ""
            rows.append(
                {
                    "uuid": sheet_uuid,
                    "round_id": round_id,
                    "inspector_id": inspector.id,
                    "tambon_code": code,
                    "status": m.SheetStatus.DRAFT if draft else m.SheetStatus.SUBMITTED,
                    "version": 1,
                    "base_version": 0,
                    "note": note,
                    "created_at": started.astimezone(UTC),
                    "updated_at": saved.astimezone(UTC),
                    "submitted_at": None if draft else saved.astimezone(UTC),
                }
            )
            pending.append((sheet_uuid, scores))
    return Sheets(rows, pending, drafts, incomplete, conflicts)
