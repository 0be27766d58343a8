"""The committee's decisions on ties at a round's cutoff (DESIGN.md section 6, issue 13).

:func:`list_ties` shows every tie at the cutoff of a round (the tied tambons side by side, with
their scores and tie-break values) and whether a decision settles it; :func:`resolve_tie`
records a decision (committee or admin, ``Action.RESOLVE_TIE``; audited). The ranking applies a
decision only while the tie is exactly the group decided on (:mod:`evaluator.scoring.ties`); a
round with an open tie cannot be finalised.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from evaluator import audit
from evaluator.db import Database
from evaluator.db import models as m
from evaluator.db.locks import begin_write, lock_rounds
from evaluator.errors import EvaluatorError, InputError, LockedError, Problem
from evaluator.i18n import Catalog
from evaluator.permissions import Action, UserInfo, require
from evaluator.scoring import model as sc
from evaluator.scoring import ranking as sr
from evaluator.scoring import ties as st
from evaluator.services.round_context import (
    RoundContext,
    context_for_round,
    find_round,
)
from evaluator.services.rounds import round_key
from evaluator.services.users import user_in


@dataclass(frozen=True)
class TiedTambon:
    tambon_code: str
    tambon: str
    district: str
    province: str
    score: float | None
    sheets: int
    tie_break: tuple[tuple[str, float], ...]
    chosen: bool = False  # a winner by the decision that settles the tie


@dataclass(frozen=True)
class TieInfo:
    """A tie at the cutoff of one zone (``zone`` None: the national quota)."""

    round_code: str
    zone: int | None
    rank: int
    places: int  # how many of the tied tambons can win
    tambons: tuple[TiedTambon, ...]
    decision: sc.TieDecision | None

    @property
    def open(self) -> bool:
        return self.decision is None

    def describe(self, lang: str | None = None) -> str:
        """The tie in one line, in ``lang`` (default: the current language)."""
        codes = ", ".join(t.tambon_code for t in self.tambons)
        return TEXT.text(
            "tie",
            lang,
            where=_where(self.zone, lang),
            rank=self.rank,
            count=len(self.tambons),
            codes=codes,
            places=self.places,
        )


TEXT = Catalog(
    "ties",
    {
        "zone": ("เขต {zone}", "zone {zone}"),
        "country": ("ทั้งประเทศ", "the whole country"),
        "tie": (
            "{where}: อันดับ {rank} ร่วมกัน {count} ตำบล ({codes}) เหลือ {places} รางวัล",
            "{where}: {count} tambons ({codes}) share rank {rank} for {places} remaining prizes",
        ),
    },
)


def _where(zone: int | None, lang: str | None = None) -> str:
    return TEXT.text("zone", lang, zone=zone) if zone is not None else TEXT.text("country", lang)


@dataclass(frozen=True)
class TieList:
    round_code: str
    round_title: str
    finalised: bool
    ties: list[TieInfo]
    stale: list[sc.TieDecision]  # decisions that no longer fit a tie (the scores changed)

    def open(self) -> list[TieInfo]:
        return [t for t in self.ties if t.open]

    def superseded_by(self, old: sc.TieDecision) -> sc.TieDecision | None:
        """The later decision that now settles a tie of the same quota (zone) as the stale
        ``old``, if there is one."""
        return next(
            (
                t.decision
                for t in self.ties
                if t.zone == old.zone
                and t.decision is not None
                and t.decision.decided_at >= old.decided_at
            ),
            None,
        )


def _info(round_code: str, group: st.TieGroup) -> TieInfo:
    chosen = group.decision.winners if group.decision is not None else frozenset()
    return TieInfo(
        round_code=round_code,
        zone=group.zone,
        rank=group.rank,
        places=group.places,
        tambons=tuple(
            TiedTambon(
                tambon_code=e.tambon.code,
                tambon=e.tambon.name,
                district=e.tambon.district,
                province=e.tambon.province,
                score=e.score,
                sheets=e.sheets,
                tie_break=e.tie_break,
                chosen=e.tambon.code in chosen,
            )
            for e in group.entries
        ),
        decision=group.decision,
    )


def round_ties(ctx: RoundContext, rnd: m.Round) -> TieList:
    """The ties of a round read in ``ctx`` (for other services: finalise, reports)."""
    raw = ctx.ranked_by_rules(rnd.code)
    decisions = ctx.decisions(rnd)
    return TieList(
        round_code=rnd.code,
        round_title=rnd.title,
        finalised=rnd.is_final,
        ties=[_info(rnd.code, g) for g in st.settle(raw, decisions)],
        stale=st.stale_decisions(raw, decisions),
    )


def list_ties(db: Database, round_code: str, *, contest: str | None = None) -> TieList:
    """Every tie at the cutoff of the round, open or settled, and decisions that no longer
    apply."""
    with db.transaction() as s:
        ctx, rnd = context_for_round(s, round_code, contest)
        return round_ties(ctx, rnd)


def _group(raw: sr.RoundResult, zone: int | None, round_code: str) -> st.TieGroup:
    groups = st.tie_groups(raw)
    wanted = zone if raw.quota_kind is sc.QuotaKind.ZONE else None
    for g in groups:
        if g.zone == wanted:
            return g
    infos = [_info(round_code, g) for g in groups]
    known = "; ".join(i.describe("th") for i in infos) or "ไม่มี"
    known_en = "; ".join(i.describe("en") for i in infos) or "none"
    raise EvaluatorError(
        f"รอบ {round_code} {_where(wanted, 'th')} ไม่มีคะแนนเท่ากันที่ลำดับตัดรางวัล"
        f" คะแนนเท่ากันที่มีอยู่: {known}"
        f" — round {round_code}, {_where(wanted, 'en')}: no tie at the cutoff there."
        f" Ties there are: {known_en}"
    )


def _check_winners(group: st.TieGroup, winners: Sequence[str]) -> frozenset[str]:
    chosen = [w.strip() for w in winners if w.strip()]
    problems = [
        Problem(
            f"ตำบล {code} ไม่ได้อยู่ในกลุ่มคะแนนเท่ากัน ({', '.join(sorted(group.codes))})"
            f" — {code} is not one of the tied tambons",
            field="winners",
        )
        for code in chosen
        if code not in group.codes
    ]
    if len(set(chosen)) != len(chosen):
        problems.append(Problem("ระบุตำบลซ้ำ — a tambon is named twice", field="winners"))
    if len(set(chosen)) != group.places:
        problems.append(
            Problem(
                f"ต้องเลือก {group.places} ตำบลจาก {len(group.codes)} ตำบลที่คะแนนเท่ากัน"
                f" เลือกมา {len(set(chosen))} — choose exactly {group.places}",
                field="winners",
            )
        )
    if problems:
        raise InputError(problems)
    return frozenset(chosen)


def resolve_tie(
    db: Database,
    user: UserInfo,
    round_code: str,
    zone: int | None,
    winners: Sequence[str],
    reason: str,
    *,
    contest: str | None = None,
    source: audit.Source | str = audit.Source.KEYBOARD,
) -> TieInfo:
    """Record the committee's decision on the tie at the cutoff of ``zone`` (None or 0 for a
    national quota): which of the tied tambons win, and why. Committee or admin; audited;
    refused once the round is finalised."""
    reason = reason.strip()
    with db.transaction() as s:
        begin_write(s)
        stored = user_in(s, user.id)
        require(stored, Action.RESOLVE_TIE)
        if not reason:
            raise InputError(
                [Problem("ต้องระบุเหตุผลของการตัดสิน — a reason is required", field="reason")]
            )
        lock_rounds(s, [find_round(s, round_code, contest).id], exclusive=True)
        s.expire_all()
        ctx, rnd = context_for_round(s, round_code, contest)
        if rnd.is_final:
            raise LockedError(
                f"รอบ {rnd.code} ยืนยันผลแล้ว ต้องเปิดรอบก่อนจึงตัดสินคะแนนเท่ากันได้"
                f" — round {rnd.code} is finalised"
            )
        group = _group(ctx.ranked_by_rules(rnd.code), zone, rnd.code)
        chosen = _check_winners(group, winners)
        actor = stored.login
        row = m.TieDecision(
            round_id=rnd.id,
            zone=group.zone or 0,
            tambons=sorted(group.codes),
            winners=sorted(chosen),
            reason=reason,
            decided_by=actor,
            decided_at=m.utcnow(),
        )
        s.add(row)
        s.flush()
        audit.record(
            s,
            actor,
            source,
            [
                audit.Change(
                    action="resolve_tie",
                    entity="round",
                    entity_key=round_key(ctx.contest.code, rnd.code),
                    new={
                        "zone": group.zone,
                        "rank": group.rank,
                        "tambons": sorted(group.codes),
                        "winners": sorted(chosen),
                        "decision_id": row.id,
                    },
                    reason=reason,
                )
            ],
        )
        decision = sc.TieDecision(
            zone=group.zone,
            tambons=group.codes,
            winners=chosen,
            reason=reason,
            decided_by=actor,
            decided_at=row.decided_at.isoformat(),
        )
        return _info(rnd.code, st.TieGroup(group.zone, group.rank, group.places, group.entries,
                                           decision))  # fmt: skip
