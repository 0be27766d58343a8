"""The round summary's section on equal scores: open ties the committee must decide, ties it
decided, places a tie-break criterion set, and winners and non-winners whose printed scores are
equal at the cutoff (with what put them in order)."""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from evaluator.services import ranking as rs
from evaluator.services.report_data import RoundReport
from reports import pdf as L
from reports.summary_tables import EntryColumn, criterion_columns, entry_table, tambon_columns
from reports.thai_format import thai_digits


def thai_int(n: int) -> str:
    return L.thai_int(n)


def criterion_label(rep: RoundReport, code: str) -> str:
    """A criterion as prose names it: its code and title (``C2 ปลูกผักทุกครัวเรือน``)."""
    titles = {c.code: c.title for c in rep.criteria}
    return f"{code} {titles.get(code, '')}".strip()


def tie_section(rep: RoundReport) -> list[Any]:
    story: list[Any] = [L.heading("๓. คะแนนเท่ากันรอคณะกรรมการตัดสิน")]
    printed = printed_ties(rep)
    if not rep.ties:
        story.append(
            L.Para(
                "ไม่มีตำบลที่คะแนนเท่ากันที่ขอบโควตารางวัลจนโปรแกรมจัดลำดับไม่ได้"
                " ผลการจัดอันดับไม่ต้องให้คณะกรรมการตัดสินเพิ่มเติม"
                " แต่คะแนนที่พิมพ์ (ทศนิยม ๒ ตำแหน่ง) ของบางคู่เท่ากัน ดูตารางด้านล่าง"
                if printed
                else "ไม่มีตำบลที่คะแนนเท่ากันที่ขอบโควตารางวัล ผลการจัดอันดับไม่ต้องให้คณะกรรมการตัดสินเพิ่มเติม"
            )
        )
    else:
        story += _open_ties(rep)
    return story + _printed_section(rep, printed) + _decided_ties(rep) + _tie_break_places(rep)


def printed_ties(rep: RoundReport) -> list[tuple[int | None, rs.RankedTambon, rs.RankedTambon]]:
    """Per zone (or the country), the last winner and the first eligible tambon that did not win
    when their scores print the same (two decimals): (zone, winner, other)."""
    scopes: dict[int, list[rs.RankedTambon]] = {}
    for e in rep.ranking.entries:
        if e.rank is not None and e.score is not None:
            scopes.setdefault(e.zone if rep.per_zone else 0, []).append(e)
    out = []
    for scope, entries in sorted(scopes.items()):
        winners = [e for e in entries if e.status == "winner"]
        others = [e for e in entries if e.status == "eligible"]
        if not winners or not others:
            continue
        last = min(winners, key=lambda e: e.score or 0.0)
        for other in sorted(others, key=lambda e: -(e.score or 0.0)):
            if L.fmt_score(other.score) != L.fmt_score(last.score):
                break
            out.append((scope if rep.per_zone else None, last, other))
    return out


def _decided_by(
    rep: RoundReport, winner: rs.RankedTambon, other: rs.RankedTambon
) -> tuple[str, str]:
    """What put ``winner`` before ``other``: (the short words for a table, the sentence)."""
    decision = winner.decision or other.decision
    if decision is not None:
        return "คณะกรรมการตัดสิน", f"คณะกรรมการตัดสิน ({decision.decided_by}) เหตุผล: {decision.reason}"
    for t in rep.tie_breaks:
        if {t.ahead.tambon_code, t.behind.tambon_code} == {winner.tambon_code, other.tambon_code}:
            label = criterion_label(rep, t.criterion)
            values = f"{t.ahead_value * 100:.1f} ต่อ {t.behind_value * 100:.1f}"
            return (
                f"เกณฑ์ {t.criterion} ({values})",
                f"คะแนนรวมเท่ากันทุกตำแหน่ง ตัดสินด้วยเกณฑ์ {label}: ร้อยละของคะแนนเต็ม {values}",
            )
    a, b = winner.score or 0.0, other.score or 0.0
    exact = f"{a:.4f} ต่อ {b:.4f}"
    return (
        f"คะแนนละเอียด {exact}",
        f"คะแนนละเอียดต่างกันที่ทศนิยมตำแหน่งที่สามขึ้นไป ({exact}) จึงไม่ต้องใช้เกณฑ์ตัดสิน",
    )


def _printed_section(
    rep: RoundReport, printed: list[tuple[int | None, rs.RankedTambon, rs.RankedTambon]]
) -> list[Any]:
    if not printed:
        return []
    story: list[Any] = [
        L.Para(
            f"ผู้ได้รับรางวัลและผู้ไม่ได้รับรางวัลที่คะแนนที่พิมพ์ (ทศนิยม ๒ ตำแหน่ง) เท่ากันที่ลำดับตัดรางวัล"
            f" {thai_int(len(printed))} คู่ ตารางบอกสิ่งที่ตัดสินลำดับของแต่ละคู่:",
            keep_with_next=True,
        )
    ]
    columns = [
        L.Column("เขต", 0.45, "centre"),
        L.Column("ได้รับรางวัล", 1.3),
        L.Column("ไม่ได้รับรางวัล", 1.3),
        L.Column("คะแนนที่พิมพ์", 0.8, "right"),
        L.Column("ตัดสินด้วย", 2.2),
    ]
    rows = [
        L.Row.of(
            "–" if zone is None else zone,
            f"{w.tambon} ({w.province})",
            f"{o.tambon} ({o.province})",
            L.fmt_score(w.score),
            _decided_by(rep, w, o)[0],
        )
        for zone, w, o in printed
    ]
    story.append(L.Table(columns, rows))
    return story


def _where(rep: RoundReport, zone: int | None) -> str:
    if zone is None:
        return "ทั้งประเทศ"
    return thai_digits(rep.zone_names.get(zone, f"เขตตรวจราชการที่ {zone}"))


def _decided_ties(rep: RoundReport) -> list[Any]:
    """The ties the committee settled: who, when, why, and whom it chose."""
    if not rep.decided:
        return []
    story: list[Any] = [
        L.Para(
            f"คณะกรรมการตัดสินคะแนนเท่ากันที่ขอบโควตาแล้ว {thai_int(len(rep.decided))} กลุ่ม:",
            keep_with_next=True,
        )
    ]
    for g in rep.decided:
        d = g.decision
        assert d is not None
        story.append(
            L.Para(
                f"{_where(rep, g.zone)}: อันดับ {thai_int(g.rank)} ร่วมกัน {thai_int(len(g.entries))}"
                f" ตำบล คณะกรรมการ ({d.decided_by}, {thai_digits(d.decided_at[:10])}) ให้"
                f" {', '.join(e.tambon for e in g.entries if e.tambon_code in d.winners)}"
                f" ได้รับรางวัล เหตุผล: {d.reason}",
                L.H3,
                keep_with_next=True,
            )
        )
        verdict = EntryColumn(L.Column("คำตัดสิน", 1.1), _verdict(d.winners))
        columns = [*tambon_columns("tambon", "code", "score", "sheets", tambon=1.4, code=0.8)]
        columns.append(verdict)
        story.append(entry_table(g.entries, columns, status=lambda e: e.status))
    return story


def _verdict(winners: Collection[str]) -> Callable[[rs.RankedTambon], str]:
    def cell(e: rs.RankedTambon) -> str:
        return "ได้รับรางวัล" if e.tambon_code in winners else "ไม่ได้รับรางวัล"

    return cell


def _tie_break_places(rep: RoundReport) -> list[Any]:
    """Where the score was equal and a tie-break criterion set the order: which, and how."""
    if not rep.tie_breaks:
        return []
    at_cutoff = [t for t in rep.tie_breaks if t.at_cutoff]
    story: list[Any] = [
        L.Para(
            f"คะแนนรวมเท่ากันแต่เกณฑ์ตัดสินกำหนดลำดับ {thai_int(len(rep.tie_breaks))} คู่"
            + (f" ในจำนวนนี้ {thai_int(len(at_cutoff))} คู่อยู่ที่ลำดับตัดรางวัล" if at_cutoff else "")
            + " (ค่าเกณฑ์ตัดสินคือค่าเฉลี่ยของคะแนนต่อคะแนนเต็ม):",
            keep_with_next=True,
        )
    ]
    for t in rep.tie_breaks:
        story.append(
            L.Para(
                f"{_where(rep, t.zone)}: ตำบล{t.ahead.tambon} (อันดับ {thai_int(t.ahead.rank or 0)})"
                f" และตำบล{t.behind.tambon} (อันดับ {thai_int(t.behind.rank or 0)})"
                f" คะแนนรวมเท่ากัน {thai_digits(L.fmt_score(t.ahead.score))}"
                f" ตัดสินด้วยเกณฑ์ {t.criterion}: {t.ahead_value:.4f} ต่อ {t.behind_value:.4f}"
                f" ({criterion_label(rep, t.criterion).removeprefix(t.criterion).strip()})"
                + (" — ที่ลำดับตัดรางวัล" if t.at_cutoff else "")
            )
        )
    return story


def _open_ties(rep: RoundReport) -> list[Any]:
    story: list[Any] = []
    story.append(
        L.Para(
            f"มี {thai_int(len(rep.ties))} กลุ่ม รวม {thai_int(sum(len(g.entries) for g in rep.ties))}"
            " ตำบล ที่ได้คะแนนรวมและค่าเกณฑ์ตัดสินทุกข้อเท่ากันทุกตำแหน่งทศนิยม"
            " แต่รางวัลที่เหลือมีไม่พอให้ทุกตำบลในกลุ่ม โปรแกรมไม่ตัดสินแทน"
            " คณะกรรมการต้องพิจารณาเลือกตำบลตามจำนวนรางวัลที่เหลือ"
        )
    )
    codes = list(rep.ranking.tie_break)
    for g in rep.ties:
        where = (
            rep.zone_names.get(g.zone, f"เขตตรวจราชการที่ {g.zone}")
            if g.zone is not None
            else "ทั้งประเทศ"
        )
        story.append(
            L.Para(
                f"{thai_digits(where)}: อันดับ {thai_int(g.rank)} ร่วมกัน"
                f" {thai_int(len(g.entries))} ตำบล เหลือรางวัล {thai_int(g.places)} รางวัล",
                L.H3,
                keep_with_next=True,
            )
        )
        columns = [
            *tambon_columns(
                "tambon",
                "district",
                "province",
                "code",
                "score",
                "sheets",
                district=1.2,
                province=1.1,
                code=0.8,
            ),
            *criterion_columns(codes, 0.7, 4),
        ]
        story.append(entry_table(g.entries, columns, status=lambda e: "tie"))
    return story
