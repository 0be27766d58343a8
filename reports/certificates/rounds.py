"""The certificates of a round, from the ranking and the documents services."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Protocol

from evaluator.db import Database
from evaluator.services.documents import (
    LeaderInfo,
    RoundDocumentInfo,
    active_signatory,
    leaders_by_tambon,
    leaders_with_ids,
)
from reports.certificates.batch import IssueResult
from reports.certificates.data import CertificateData, SignatoryData
from reports.thai_format import thai_day


class WinnerLike(Protocol):
    """What a certificate needs of a ranking entry (``RankedTambon`` has all of it)."""

    @property
    def tambon_code(self) -> str: ...
    @property
    def tambon(self) -> str: ...
    @property
    def district(self) -> str: ...
    @property
    def province(self) -> str: ...
    @property
    def zone(self) -> int: ...


@dataclass(frozen=True)
class RoundCertificates:
    """The certificates of a round, and what the person printing them must know."""

    items: list[CertificateData]
    draft: bool
    ties: list[str]
    winners: int


def build_certificates(
    info: RoundDocumentInfo,
    winners: Sequence[WinnerLike],
    *,
    signatory: SignatoryData | None,
    issued_on: date,
    result_hash: str | None,
    leaders: dict[str, list[LeaderInfo]] | None = None,
    draft: bool = False,
    verify_url: str | None = None,
) -> list[CertificateData]:
    """One certificate per winner, followed (with ``leaders``) by one per change leader."""
    items: list[CertificateData] = []
    for w in winners:
        base = CertificateData(
            kind="tambon",
            recipient=w.tambon,
            tambon_code=w.tambon_code,
            tambon=w.tambon,
            district=w.district,
            province=w.province,
            award=info.round_title,
            prize_baht=info.prize_baht,
            contest_code=info.contest_code,
            contest_title=info.contest_title,
            round_code=info.round_code,
            issued_on=issued_on,
            result_hash=result_hash,
            signatory=signatory,
            zone=w.zone if info.per_zone else None,
            verify_url=verify_url,
            draft=draft,
        )
        items.append(base)
        if leaders is None:
            continue
        for number, leader in enumerate(leaders.get(w.tambon_code, []), start=1):
            items.append(
                replace(
                    base,
                    kind="leader",
                    recipient=leader.full_name,
                    leader_position=leader.position,
                    leader_number=number,
                )
            )
    return items


@dataclass(frozen=True)
class _RoundSetting:
    """What every certificate of a round shares, read once."""

    info: RoundDocumentInfo
    winners: list[WinnerLike]
    ties: list[str]
    finalised: bool
    result_hash: str | None
    signatory: SignatoryData | None
    issued_on: date
    verify_url: str | None


def _round_setting(
    db: Database,
    round_code: str,
    contest: str | None,
    issued_on: date | None,
    verify_url: str | None,
) -> _RoundSetting:
    from evaluator.services.certificate_register import verify_page_url
    from evaluator.services.ranking import rank_round

    ranking = rank_round(db, round_code, contest=contest)
    finalised = bool(ranking.finalised)
    info = RoundDocumentInfo(
        contest_code=ranking.contest_code,
        contest_title=ranking.contest_title,
        round_code=ranking.round_code,
        round_title=ranking.round_title or ranking.round_code,
        prize_baht=int(ranking.prize_baht),
        per_zone=ranking.quota_kind == "zone",
        finalised_at=ranking.finalised_at,
        result_hash=ranking.result_hash,
    )
    person = active_signatory(db)
    return _RoundSetting(
        info=info,
        winners=list(ranking.winners()),
        ties=[e.tambon_code for e in ranking.ties()],
        finalised=finalised,
        result_hash=ranking.result_hash if finalised else None,
        signatory=(
            SignatoryData(person.name, person.position, person.signature_png) if person else None
        ),
        issued_on=issued_on if issued_on is not None else thai_day(info.finalised_at),
        verify_url=verify_url
        if verify_url is not None
        else verify_page_url(db, ranking.contest_code),
    )


def certificates_for_round(
    db: Database,
    round_code: str,
    *,
    contest: str | None = None,
    leaders: bool = False,
    issued_on: date | None = None,
    verify_url: str | None = None,
) -> RoundCertificates:
    """The certificates of a round's winners, from the ranking service.

    A round that is not finalised gives draft certificates (marked as such on the page, with
    no result hash); tied tambons get none until the committee decides.
    """
    r = _round_setting(db, round_code, contest, issued_on, verify_url)
    crew = leaders_by_tambon(db, [w.tambon_code for w in r.winners]) if leaders else None
    items = build_certificates(
        r.info,
        r.winners,
        signatory=r.signatory,
        issued_on=r.issued_on,
        result_hash=r.result_hash,
        leaders=crew,
        draft=not r.finalised,
        verify_url=r.verify_url,
    )
    return RoundCertificates(items, draft=not r.finalised, ties=r.ties, winners=len(r.winners))


@dataclass(frozen=True)
class LeaderCertificates(RoundCertificates):
    """The certificates of chosen change leaders; ``skipped`` names each chosen leader who gets
    none (their tambon is not among the round's winners, or is tied at the cutoff)."""

    skipped: list[str] = field(default_factory=list)


def certificates_for_leaders(
    db: Database,
    round_code: str,
    leader_ids: Sequence[int],
    *,
    contest: str | None = None,
    issued_on: date | None = None,
    verify_url: str | None = None,
) -> LeaderCertificates:
    """The certificates of exactly the chosen change leaders (by id) whose tambon won the round:
    the same pages, numbers and file names as in a whole round's batch (a leader keeps their
    number among their tambon's leaders); every other chosen leader is named in ``skipped``.
    An id that is no leader is refused."""
    chosen = leaders_with_ids(db, leader_ids)  # NotFoundError for an unknown id
    r = _round_setting(db, round_code, contest, issued_on, verify_url)
    won = {w.tambon_code for w in r.winners}
    winners = [w for w in r.winners if any(c.tambon_code == w.tambon_code for c in chosen)]
    crew = leaders_by_tambon(db, [w.tambon_code for w in winners])
    wanted = {c.id for c in chosen}
    numbers = {
        (code, n)
        for code, people in crew.items()
        for n, leader in enumerate(people, start=1)
        if leader.id in wanted
    }
    items = [
        item
        for item in build_certificates(
            r.info,
            winners,
            signatory=r.signatory,
            issued_on=r.issued_on,
            result_hash=r.result_hash,
            leaders=crew,
            draft=not r.finalised,
            verify_url=r.verify_url,
        )
        if item.kind == "leader" and (item.tambon_code, item.leader_number) in numbers
    ]
    skipped = [f"{c.full_name} ({c.tambon_code})" for c in chosen if c.tambon_code not in won]
    return LeaderCertificates(
        items, draft=not r.finalised, ties=r.ties, winners=len(winners), skipped=skipped
    )


def record_issued(db: Database, actor: str, result: IssueResult, signer_sha256: str | None) -> int:
    """Put the sealed certificates of ``result`` in the database's register (the verification
    page's list); unsigned ones have no code and are left out. Returns how many."""
    from evaluator.services.certificate_register import IssuedEntry, record_certificates

    entries = []
    for f in result.files:
        facts = f.identity
        if not f.seal or not f.verification_code:
            continue
        zone = facts.get("zone")
        leader = facts.get("leader_number")
        entries.append(
            IssuedEntry(
                code=f.verification_code,
                contest_code=str(facts.get("contest", "")),
                round_code=str(facts.get("round", "")),
                kind=f.kind,
                tambon_code=f.tambon_code,
                leader_number=leader if isinstance(leader, int) else None,
                recipient=f.recipient,
                award=str(facts.get("award", "")),
                zone=zone if isinstance(zone, int) else None,
                prize_baht=int(str(facts.get("prize_baht") or 0)),
                issued_on=str(facts.get("issued_on", "")),
                result_hash=str(facts["result_hash"]) if facts.get("result_hash") else None,
                draft=bool(facts.get("draft")),
                seal=f.seal,
                signer_sha256=signer_sha256 or "",
            )
        )
    return record_certificates(db, actor, entries)
