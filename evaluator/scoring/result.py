"""A round's result as plain data, and its canonical JSON and SHA-256 (DESIGN.md section 6).

:class:`RoundRanking` and :class:`RankedTambon` are the contract the services, the reports and
the UI code against (add fields, never rename). :func:`result_object` turns a ranking into the
JSON data that is stored and hashed when a round is finalised; :func:`canonical_json` is the
exact text that is hashed; :func:`ranking_from_result` reads it back. Pure: no database.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from evaluator.errors import NotFoundError
from evaluator.scoring import model as sc
from evaluator.scoring import ranking as sr
from evaluator.scoring import robustness as rb


@dataclass(frozen=True)
class SheetNote:
    """A sheet of a tambon that was not counted, or counted but flagged, and why."""

    sheet: str
    inspector: str
    status: str
    total: float | None
    reason: str
    reason_en: str = ""


@dataclass(frozen=True)
class RankedTambon:
    rank: int | None  # shared ranks 1,2,2,4; None for ineligible
    zone: int
    province: str  # Thai name
    district: str  # Thai name
    tambon_code: str  # 6 digits
    tambon: str  # Thai name
    score: float | None  # aggregated score 0..100 (None when no counted sheet)
    sheets: int  # counted sheets
    status: str  # "winner" | "tie" | "eligible" | "ineligible"
    reason: str = ""  # Thai reason for ineligible
    reason_en: str = ""
    shared: int = 1  # how many tambons share this rank (0 for ineligible)
    tie_break: tuple[tuple[str, float], ...] = ()  # mean score/max_score per tie-break criterion
    flags: tuple[str, ...] = ()
    excluded_sheets: tuple[SheetNote, ...] = ()
    flagged_sheets: tuple[SheetNote, ...] = ()
    spread: float | None = None  # max − min of the counted totals
    # how sure the place is (scoring/figures.py): the model's standard error of an adjusted
    # score; the score's distance to the cutoff; the share of resamples in which it wins
    se: float | None = None
    margin: float | None = None
    p_winner: float | None = None
    decision: sc.TieDecision | None = None  # the committee's, when it settled this tambon's tie


@dataclass(frozen=True)
class RoundRanking:
    contest_code: str
    contest_title: str
    round_code: str
    round_title: str
    prize_baht: int
    aggregation: str
    finalised: bool
    result_hash: str | None  # SHA-256 of the canonical JSON of the finalised result, else None
    entries: list[RankedTambon]  # in rank order (ineligible last)
    quota_kind: str = "zone"  # "zone" (winners_per_zone) or "national" (winners)
    quota: int = 0
    min_sheets: int = 1
    min_score: float = 0.0
    tie_break: tuple[str, ...] = ()
    eligible_from: str | None = None
    conflict_of_interest: str = "exclude"  # the rule applied: "exclude" or "flag"
    finalised_at: datetime | None = None
    finalised_by: str | None = None
    zone: int | None = None  # set when the entries are one zone's only
    warnings: tuple[str, ...] = ()  # caveats of the aggregation ("Thai — English")
    cutoffs: tuple[rb.CutoffNote, ...] = ()  # per zone (0: the country) the pair at the cutoff
    resamples: int = 0  # draws behind p_winner (0: not computed)

    def winners(self) -> list[RankedTambon]:
        return [e for e in self.entries if e.status == "winner"]

    def ties(self) -> list[RankedTambon]:
        return [e for e in self.entries if e.status == "tie"]

    def entry(self, tambon_code: str) -> RankedTambon:
        for e in self.entries:
            if e.tambon_code == tambon_code:
                return e
        raise NotFoundError(
            f"ไม่พบตำบล {tambon_code} ในรอบ {self.round_code}"
            f" — no tambon {tambon_code} in round {self.round_code}"
        )


# --- from the pure ranking -------------------------------------------------------------------


def _note(s: sr.SheetResult) -> SheetNote:
    return SheetNote(
        sheet=s.key,
        inspector=s.inspector,
        status=s.status,
        total=s.total,
        reason=s.reason,
        reason_en=s.reason_en,
    )


def ranked(e: sr.TambonResult) -> RankedTambon:
    """A tambon's result in the contract's terms."""
    return RankedTambon(
        rank=e.rank,
        zone=e.tambon.zone,
        province=e.tambon.province,
        district=e.tambon.district,
        tambon_code=e.tambon.code,
        tambon=e.tambon.name,
        score=e.score,
        sheets=e.sheets,
        status=str(e.status),
        reason=e.reason,
        reason_en=e.reason_en,
        shared=e.shared,
        tie_break=e.tie_break,
        flags=e.flags,
        excluded_sheets=tuple(_note(s) for s in e.sheet_results if not s.counted),
        flagged_sheets=tuple(
            _note(s) for s in e.sheet_results if s.counted and s.conflict_of_interest
        ),
        spread=e.spread,
        decision=e.decision,
    )


@dataclass(frozen=True)
class RoundFacts:
    """What a ranking says about its round besides the pure result."""

    contest_code: str
    contest_title: str
    round_code: str
    round_title: str
    prize_baht: int


def round_ranking(
    facts: RoundFacts,
    result: sr.RoundResult,
    finalised_at: datetime | None = None,
    finalised_by: str | None = None,
    result_hash: str | None = None,
) -> RoundRanking:
    """A pure :class:`~evaluator.scoring.ranking.RoundResult` as a :class:`RoundRanking`."""
    rules = result.rules
    return RoundRanking(
        contest_code=facts.contest_code,
        contest_title=facts.contest_title,
        round_code=facts.round_code,
        round_title=facts.round_title,
        prize_baht=facts.prize_baht,
        aggregation=str(rules.aggregation),
        finalised=finalised_at is not None,
        result_hash=result_hash,
        entries=[ranked(e) for e in result.entries],
        quota_kind=str(rules.quota_kind),
        quota=rules.quota,
        min_sheets=rules.min_sheets,
        min_score=rules.min_score,
        tie_break=rules.tie_break,
        eligible_from=rules.eligible_from,
        conflict_of_interest=str(rules.conflict_of_interest),
        finalised_at=finalised_at,
        finalised_by=finalised_by,
    )


def only_zone(r: RoundRanking, zone: int | None) -> RoundRanking:
    """The ranking with one zone's entries only (all of them when ``zone`` is None)."""
    if zone is None:
        return r
    return replace(
        r,
        entries=[e for e in r.entries if e.zone == zone],
        zone=zone,
        cutoffs=tuple(c for c in r.cutoffs if c.zone in (zone, 0)),  # 0: a national cutoff
    )


def decisive(e: RankedTambon) -> tuple[object, ...]:
    """What a result decides about a tambon (not the status of its sheets, locked since)."""
    return (
        e.rank,
        e.zone,
        e.tambon_code,
        e.score,
        e.sheets,
        e.status,
        e.reason,
        e.tie_break,
        None if e.decision is None else decision_json(e.decision),
    )


def differences(stored: RoundRanking, fresh: RoundRanking, limit: int = 10) -> list[str]:
    """Where two rankings of one round decide differently, tambon by tambon (Thai — English);
    empty when they decide the same."""
    old = {e.tambon_code: e for e in stored.entries}
    new = {e.tambon_code: e for e in fresh.entries}
    out: list[str] = []
    for code in sorted(old.keys() | new.keys()):
        a, b = old.get(code), new.get(code)
        if a is not None and b is not None and decisive(a) == decisive(b):
            continue
        out.append(
            f"ตำบล {code}: บันทึกไว้ {_brief(a)} / คำนวณใหม่ {_brief(b)}"
            f" — stored {_brief(a)}, recomputed {_brief(b)}"
        )
    if [decisive(e) for e in stored.entries] != [decisive(e) for e in fresh.entries] and not out:
        out.append("ลำดับของตำบลต่างกัน — the order of the entries differs")
    if len(out) > limit:
        out = [*out[:limit], f"… และอีก {len(out) - limit} ตำบล — and {len(out) - limit} more"]
    return out


def _brief(e: RankedTambon | None) -> str:
    if e is None:
        return "-"
    score = "-" if e.score is None else f"{sc.round2(e.score):.2f}"
    return f"#{e.rank if e.rank is not None else '-'} {e.status} {score} ({e.sheets})"


# --- JSON ------------------------------------------------------------------------------------


def canonical_json(value: object) -> str:
    """JSON with sorted keys, no spaces and real Thai letters: the text that is hashed."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def sha256(text_value: str) -> str:
    return hashlib.sha256(text_value.encode("utf-8")).hexdigest()


def _note_json(n: SheetNote) -> dict[str, Any]:
    return {
        "sheet": n.sheet,
        "inspector": n.inspector,
        "status": n.status,
        "total": n.total,
        "reason": n.reason,
        "reason_en": n.reason_en,
    }


def decision_json(d: sc.TieDecision) -> dict[str, Any]:
    """A committee decision as ``rank --json`` shows it: who, when, why, and what."""
    return {
        "who": d.decided_by,
        "when": d.decided_at,
        "reason": d.reason,
        "zone": d.zone,
        "tambons": sorted(d.tambons),
        "winners": sorted(d.winners),
    }


def decision_from(d: dict[str, Any]) -> sc.TieDecision:
    return sc.TieDecision(
        zone=d.get("zone"),
        tambons=frozenset(d.get("tambons", [])),
        winners=frozenset(d.get("winners", [])),
        reason=d.get("reason", ""),
        decided_by=d.get("who", ""),
        decided_at=d.get("when", ""),
    )


def _entry_json(e: RankedTambon) -> dict[str, Any]:
    data: dict[str, Any] = {
        "rank": e.rank,
        "zone": e.zone,
        "province": e.province,
        "district": e.district,
        "tambon_code": e.tambon_code,
        "tambon": e.tambon,
        "score": None if e.score is None else sc.round2(e.score),
        "score_exact": e.score,
        "sheets": e.sheets,
        "status": e.status,
        "reason": e.reason,
        "reason_en": e.reason_en,
        "shared": e.shared,
        "tie_break": dict(e.tie_break),
        "flags": list(e.flags),
        "excluded_sheets": [_note_json(n) for n in e.excluded_sheets],
        "flagged_sheets": [_note_json(n) for n in e.flagged_sheets],
        "spread": e.spread,
        "se": e.se,
        "margin": e.margin,
        "p_winner": e.p_winner,
    }
    if e.decision is not None:  # only then, so results stored before decisions keep their hash
        data["decision"] = decision_json(e.decision)
    return data


def _cutoff_json(c: rb.CutoffNote) -> dict[str, Any]:
    return {
        "zone": c.zone,
        "last_winner": c.last_winner,
        "first_other": c.first_other,
        "gap": c.gap,
        "gap_sd": c.gap_sd,
        "p_order": c.p_order,
        "text": c.text,
    }


def result_object(r: RoundRanking) -> dict[str, Any]:
    """The result of a round as JSON data: what is stored and hashed when it is finalised."""
    return {
        "contest": r.contest_code,
        "contest_title": r.contest_title,
        "round": r.round_code,
        "round_title": r.round_title,
        "prize_baht": r.prize_baht,
        "aggregation": r.aggregation,
        "quota": {"kind": r.quota_kind, "winners": r.quota},
        "min_sheets": r.min_sheets,
        "min_score": r.min_score,
        "tie_break": list(r.tie_break),
        "eligible_from": r.eligible_from,
        "conflict_of_interest": r.conflict_of_interest,
        "finalised_at": r.finalised_at.isoformat() if r.finalised_at else None,
        "finalised_by": r.finalised_by,
        "ranking": [_entry_json(e) for e in r.entries],
        "warnings": list(r.warnings),
        "cutoffs": [_cutoff_json(c) for c in r.cutoffs],
        "resampling": {"draws": r.resamples, "seed": rb.SEED},
    }


def ranking_json(r: RoundRanking) -> dict[str, Any]:
    """What ``rank --json`` prints: the result, whether it is final, and its hash."""
    data = result_object(r)
    data["finalised"] = r.finalised
    data["result_hash"] = r.result_hash
    if r.zone is not None:
        data["zone"] = r.zone
    return data


def _note_from(d: dict[str, Any]) -> SheetNote:
    return SheetNote(
        sheet=d["sheet"],
        inspector=d["inspector"],
        status=d["status"],
        total=d["total"],
        reason=d["reason"],
        reason_en=d.get("reason_en", ""),
    )


def _entry_from(e: dict[str, Any], tie_break: tuple[str, ...]) -> RankedTambon:
    return RankedTambon(
        rank=e["rank"],
        zone=e["zone"],
        province=e["province"],
        district=e["district"],
        tambon_code=e["tambon_code"],
        tambon=e["tambon"],
        score=e["score_exact"],
        sheets=e["sheets"],
        status=e["status"],
        reason=e["reason"],
        reason_en=e.get("reason_en", ""),
        shared=e.get("shared", 1),
        tie_break=tuple((c, e["tie_break"][c]) for c in tie_break if c in e["tie_break"]),
        flags=tuple(e.get("flags", [])),
        excluded_sheets=tuple(_note_from(n) for n in e.get("excluded_sheets", [])),
        flagged_sheets=tuple(_note_from(n) for n in e.get("flagged_sheets", [])),
        spread=e.get("spread"),
        se=e.get("se"),
        decision=decision_from(e["decision"]) if e.get("decision") else None,
        margin=e.get("margin"),
        p_winner=e.get("p_winner"),
    )


def ranking_from_result(data: dict[str, Any], result_hash: str | None) -> RoundRanking:
    """A :class:`RoundRanking` back from :func:`result_object` data."""
    tie_break = tuple(data.get("tie_break", []))
    finalised_at = data.get("finalised_at")
    return RoundRanking(
        contest_code=data["contest"],
        contest_title=data["contest_title"],
        round_code=data["round"],
        round_title=data["round_title"],
        prize_baht=data["prize_baht"],
        aggregation=data["aggregation"],
        finalised=finalised_at is not None,
        result_hash=result_hash,
        entries=[_entry_from(e, tie_break) for e in data["ranking"]],
        quota_kind=data["quota"]["kind"],
        quota=data["quota"]["winners"],
        min_sheets=data["min_sheets"],
        min_score=data["min_score"],
        tie_break=tie_break,
        eligible_from=data.get("eligible_from"),
        conflict_of_interest=data["conflict_of_interest"],
        finalised_at=datetime.fromisoformat(finalised_at) if finalised_at else None,
        finalised_by=data.get("finalised_by"),
        warnings=tuple(data.get("warnings", [])),
        cutoffs=tuple(rb.CutoffNote(**c) for c in data.get("cutoffs", [])),
        resamples=data.get("resampling", {}).get("draws", 0),
    )
