"""The summary report of a round (รายงานสรุปผลการประเมิน): for the committee.

What it holds, in order: the round's key figures and rules; charts per zone (winners, mean
score, sheets counted) and a table per zone; the winners; the tied groups the committee must
decide; the prize money; how far the inspectors agree; the ranking of each zone; and, on
landscape pages, every eligible tambon of the country in order of score.

Data from :func:`evaluator.services.report_data.round_report` (the ranking service's result,
never recomputed); layout from :mod:`reports.pdf`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from evaluator.db import Database
from evaluator.scoring import model as sc
from evaluator.services import ranking as rs
from evaluator.services.report_data import CriterionHead, RoundReport, round_report
from reports import pdf as L
from reports import thai
from reports.thai_format import baht_text, thai_date, thai_day, thai_digits


@dataclass(frozen=True)
class WrittenReport:
    path: Path
    pages: int
    draft: bool


# --- wording shared with the executive summary -----------------------------------------------


def contest_line(title: str) -> str:
    """The contest's title as printed (Thai numerals)."""
    return thai_digits(title)


def date_line(day: date) -> str:
    return f"ข้อมูล ณ วันที่ {thai_date(day)}"


def status_text(e: rs.RankedTambon) -> str:
    """A tambon's status for a table cell; an ineligible one with its reason."""
    short = L.STATUS_SHORT.get(e.status, e.status)
    if e.status == "ineligible" and e.reason:
        return f"{short}: {e.reason}"
    if e.status == "tie" and e.shared > 1:
        return f"{short} (อันดับร่วม {e.shared} ตำบล)"
    return short


def quota_text(r: rs.RoundRanking) -> str:
    if r.quota_kind == "zone":
        return f"เขตตรวจราชการละ {thai_int(r.quota)} รางวัล"
    return f"ทั้งประเทศ {thai_int(r.quota)} รางวัล"


def thai_int(n: int) -> str:
    return L.thai_int(n)


def baht(n: int) -> str:
    return thai_digits(f"{n:,}")


def rules_text(r: rs.RoundRanking, criteria: Sequence[CriterionHead]) -> str:
    """The round's rules in one paragraph."""
    try:
        aggregation = sc.AGGREGATION_TITLES[sc.Aggregation(r.aggregation)]
    except ValueError:
        aggregation = r.aggregation
    titles = {c.code: c.title for c in criteria}
    parts = [
        f"รางวัลละ {baht(r.prize_baht)} บาท {quota_text(r)}",
        f"คะแนนของตำบลคือ{aggregation}ของคะแนนรวมจากแบบประเมินที่นับได้ (คะแนนเต็ม ๑๐๐)",
        f"ต้องมีแบบประเมินที่นับได้อย่างน้อย {thai_int(r.min_sheets)} แบบ"
        + (f" และได้คะแนนอย่างน้อย {thai_digits(f'{r.min_score:g}')} คะแนน" if r.min_score else ""),
    ]
    if r.tie_break:
        named = ", ".join(f"{c} {titles.get(c, '')}".strip() for c in r.tie_break)
        parts.append(f"เมื่อคะแนนเท่ากัน ตัดสินด้วยเกณฑ์ {named} ตามลำดับ")
    if r.eligible_from:
        parts.append(f"คัดเลือกจากตำบลที่ได้รับรางวัลในรอบ {r.eligible_from} เท่านั้น")
    parts.append(
        "แบบประเมินของผู้ประเมินที่มีภูมิลำเนาในจังหวัดเดียวกับตำบลไม่นับ"
        if r.conflict_of_interest == "exclude"
        else "แบบประเมินของผู้ประเมินที่มีภูมิลำเนาในจังหวัดเดียวกับตำบลนับแต่มีเครื่องหมายไว้"
    )
    return "เกณฑ์การจัดอันดับ: " + "; ".join(parts)


def result_state(r: rs.RoundRanking) -> str:
    """Whether the result is final (with its hash) or may still change."""
    if r.finalised and r.finalised_at is not None:
        who = f" โดย {r.finalised_by}" if r.finalised_by else ""
        return (
            f"ยืนยันผลแล้วเมื่อวันที่ {thai_date(thai_day(r.finalised_at))}{who}"
            f" รหัสตรวจสอบผล (SHA-256) {r.result_hash or ''}"
        )
    return "ผลการจัดอันดับยังไม่ได้ยืนยัน (ฉบับร่าง) อาจเปลี่ยนแปลงได้เมื่อมีแบบประเมินเพิ่มหรือแก้ไข"


def zone_charts(rep: RoundReport, *, sheets: bool = True) -> list[Any]:
    """Bar charts per zone: winners (ties shown amber), mean score and counted sheets."""
    zones = rep.zones
    names = [str(z.zone) for z in zones]
    charts: list[Any] = []
    winners = [float(z.winners) for z in zones]
    colours = [L.STATUS_CHART["tie"] if z.ties else L.STATUS_CHART["winner"] for z in zones]
    legend = [(L.STATUS_CHART["winner"], "ได้รับรางวัลครบ")]
    if any(z.ties for z in zones):
        legend.append((L.STATUS_CHART["tie"], "มีคะแนนเท่ากันรอตัดสิน"))
    charts.append(
        L.BarChart(
            "จำนวนตำบลที่ได้รับรางวัล แยกตามเขตตรวจราชการ",
            names,
            winners,
            axis_title="เขตตรวจราชการ",
            value_format=lambda v: f"{v:.0f}",
            integer=True,
            colours=colours,
            legend=legend,
            height=160,
        )
    )
    charts.append(
        L.BarChart(
            "คะแนนเฉลี่ยของตำบล แยกตามเขตตรวจราชการ (คะแนนเต็ม 100)",
            names,
            [z.mean_score for z in zones],
            axis_title="เขตตรวจราชการ",
            value_format=lambda v: f"{v:.1f}",
            value_max=100,
            colour=L.CHART_BLUE,
            height=160,
        )
    )
    if sheets:
        charts.append(
            L.BarChart(
                "จำนวนแบบประเมินที่นับได้ แยกตามเขตตรวจราชการ",
                names,
                [float(z.sheets_counted) for z in zones],
                axis_title="เขตตรวจราชการ",
                value_format=lambda v: f"{v:.0f}",
                integer=True,
                colour=L.SUBMITTED_GREEN,
                height=160,
            )
        )
    return charts


def zone_table(rep: RoundReport) -> L.Table:
    """One row per zone and a total row."""
    columns = [
        L.Column("เขต", 0.55, "centre"),
        L.Column("ตำบล", 0.7, "right"),
        L.Column("มีแบบประเมิน", 0.95, "right"),
        L.Column("แบบที่นับได้", 0.9, "right"),
        L.Column("แบบที่ไม่นับ", 0.85, "right"),
        L.Column("มีสิทธิ์", 0.7, "right"),
        L.Column("ได้รับรางวัล", 0.85, "right"),
        L.Column("คะแนนเท่ากัน", 0.9, "right"),
        L.Column("คะแนนเฉลี่ย", 0.85, "right"),
        L.Column("สูงสุด", 0.7, "right"),
        L.Column("เงินรางวัล (บาท)", 1.3, "right"),
    ]
    rows = [
        L.Row.of(
            z.zone,
            L.fmt_int(z.tambons),
            L.fmt_int(z.with_sheets),
            L.fmt_int(z.sheets_counted),
            L.fmt_int(z.sheets_not_counted),
            L.fmt_int(z.eligible),
            L.fmt_int(z.winners),
            L.fmt_int(z.ties) if z.ties else "–",
            L.fmt_score(z.mean_score),
            L.fmt_score(z.best_score),
            L.fmt_int(z.amount),
            status="tie" if z.ties else None,
        )
        for z in rep.zones
    ]
    scores = [e.score for e in rep.ranking.entries if e.score is not None]
    zs = rep.zones
    rows.append(
        L.Row.of(
            "รวม",
            L.fmt_int(sum(z.tambons for z in zs)),
            L.fmt_int(sum(z.with_sheets for z in zs)),
            L.fmt_int(sum(z.sheets_counted for z in zs)),
            L.fmt_int(sum(z.sheets_not_counted for z in zs)),
            L.fmt_int(sum(z.eligible for z in zs)),
            L.fmt_int(sum(z.winners for z in zs)),
            L.fmt_int(sum(z.ties for z in zs)) if any(z.ties for z in zs) else "–",
            L.fmt_score(sum(scores) / len(scores) if scores else None),
            L.fmt_score(max(scores) if scores else None),
            L.fmt_int(sum(z.amount for z in zs)),
            bold=True,
            fill=L.ZEBRA,
        )
    )
    return L.Table(columns, rows, style=L.TableStyle(size=8.5, header_size=8.5))


def winners_table(entries: Sequence[rs.RankedTambon], prize: int, per_zone: bool) -> L.Table:
    columns = [
        L.Column("เขต", 0.45, "centre"),
        L.Column("อันดับ", 0.5, "centre"),
        L.Column("ตำบล", 1.3),
        L.Column("อำเภอ", 1.3),
        L.Column("จังหวัด", 1.2),
        L.Column("รหัสตำบล", 0.75, "centre"),
        L.Column("คะแนน", 0.65, "right"),
        L.Column("แบบ", 0.4, "right"),
        L.Column("เงินรางวัล (บาท)", 1.0, "right"),
    ]
    rows = [
        L.Row.of(
            e.zone,
            e.rank if e.rank is not None else "–",
            e.tambon,
            e.district,
            e.province,
            e.tambon_code,
            L.fmt_score(e.score),
            e.sheets,
            L.fmt_int(prize),
        )
        for e in entries
    ]
    return L.Table(columns, rows)


def ranking_table(entries: Sequence[rs.RankedTambon], *, national_rank: bool) -> L.Table:
    """A zone's ranking: every tambon with its rank, score and status (coloured)."""
    columns = [
        L.Column("อันดับ" + ("ประเทศ" if national_rank else ""), 0.55, "centre"),
        L.Column("ตำบล", 1.15),
        L.Column("อำเภอ", 1.15),
        L.Column("จังหวัด", 1.05),
        L.Column("รหัสตำบล", 0.7, "centre"),
        L.Column("คะแนน", 0.6, "right"),
        L.Column("แบบ", 0.4, "right"),
        L.Column("สถานะ", 2.1),
    ]
    rows = [
        L.Row.of(
            e.rank if e.rank is not None else "–",
            e.tambon,
            e.district,
            e.province,
            e.tambon_code,
            L.fmt_score(e.score),
            e.sheets,
            status_text(e),
            status=e.status,
        )
        for e in entries
    ]
    return L.Table(columns, rows, style=L.TableStyle(size=8.5, header_size=8.5))


def budget_table(rep: RoundReport) -> L.Table:
    b = rep.budget
    columns = [
        L.Column("เขตตรวจราชการ", 1.6),
        L.Column("รางวัล", 0.7, "right"),
        L.Column("เงินรางวัล (บาท)", 1.3, "right"),
        L.Column("รางวัลที่รอตัดสิน", 1.1, "right"),
        L.Column("เงินที่รอตัดสิน (บาท)", 1.3, "right"),
    ]
    rows = [
        L.Row.of(
            rep.zone_names.get(z.zone, f"เขตตรวจราชการที่ {z.zone}"),
            L.fmt_int(z.winners),
            L.fmt_int(z.amount),
            L.fmt_int(z.tie_places) if z.tie_places else "–",
            L.fmt_int(z.pending) if z.pending else "–",
            status="tie" if z.tie_places else None,
        )
        for z in b.zones
    ]
    rows.append(
        L.Row.of(
            "รวมทั้งประเทศ",
            L.fmt_int(b.winners),
            L.fmt_int(b.amount),
            L.fmt_int(b.tie_places) if b.tie_places else "–",
            L.fmt_int(b.pending) if b.pending else "–",
            bold=True,
            fill=L.ZEBRA,
        )
    )
    return L.Table(columns, rows)


def leniency_table(rep: RoundReport, limit: int | None = None) -> L.Table:
    items = list(rep.agreement.agreement.leniency)
    if limit is not None and len(items) > 2 * limit:
        items = items[:limit] + items[-limit:]
    columns = [
        L.Column("ผู้ประเมิน", 2.2),
        L.Column("แบบที่นับได้", 0.9, "right"),
        L.Column("คะแนนรวมเฉลี่ย", 1.0, "right"),
        L.Column("ตำบลที่ประเมินร่วมกับผู้อื่น", 1.4, "right"),
        L.Column("ต่างจากผู้ประเมินอื่น (คะแนน)", 1.5, "right"),
    ]
    rows = [
        L.Row.of(
            x.inspector,
            x.sheets,
            L.fmt_score(x.mean_total),
            x.shared_tambons,
            "–" if x.leniency is None else f"{x.leniency:+.2f}",
        )
        for x in items
    ]
    return L.Table(columns, rows)


def spread_table(rep: RoundReport, limit: int = 30) -> L.Table:
    a = rep.agreement
    columns = [
        L.Column("เขต", 0.45, "centre"),
        L.Column("ตำบล", 1.3),
        L.Column("รหัสตำบล", 0.8, "centre"),
        L.Column("คะแนนรวมของแต่ละแบบ", 2.4),
        L.Column("ต่างกัน", 0.7, "right"),
    ]
    rows = [
        L.Row.of(
            a.tambon_zones.get(s.tambon_code, ""),
            a.tambon_names.get(s.tambon_code, s.tambon_code),
            s.tambon_code,
            ", ".join(L.fmt_score(t) for t in s.totals),
            L.fmt_score(s.spread),
        )
        for s in a.agreement.flagged[:limit]
    ]
    return L.Table(columns, rows)


# --- the summary -----------------------------------------------------------------------------


def _tie_section(rep: RoundReport) -> list[Any]:
    story: list[Any] = [L.heading("๓. คะแนนเท่ากันรอคณะกรรมการตัดสิน")]
    if not rep.ties:
        story.append(
            L.Para("ไม่มีตำบลที่คะแนนเท่ากันที่ขอบโควตารางวัล ผลการจัดอันดับไม่ต้องให้คณะกรรมการตัดสินเพิ่มเติม")
        )
    else:
        story += _open_ties(rep)
    return story + _decided_ties(rep) + _tie_break_places(rep)


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
        rows = [
            L.Row.of(
                e.tambon,
                e.tambon_code,
                L.fmt_score(e.score),
                e.sheets,
                "ได้รับรางวัล" if e.tambon_code in d.winners else "ไม่ได้รับรางวัล",
                status=e.status,
            )
            for e in g.entries
        ]
        columns = [
            L.Column("ตำบล", 1.4),
            L.Column("รหัสตำบล", 0.8, "centre"),
            L.Column("คะแนน", 0.65, "right"),
            L.Column("แบบ", 0.4, "right"),
            L.Column("คำตัดสิน", 1.1),
        ]
        story.append(L.Table(columns, rows))
    return story


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
                + (" — ที่ลำดับตัดรางวัล" if t.at_cutoff else "")
            )
        )
    return story


def _open_ties(rep: RoundReport) -> list[Any]:
    story: list[Any] = []
    story.append(
        L.Para(
            f"มี {thai_int(len(rep.ties))} กลุ่ม รวม {thai_int(sum(len(g.entries) for g in rep.ties))}"
            " ตำบล ที่ได้คะแนนรวมและค่าเกณฑ์ตัดสินทุกข้อเท่ากัน (ต่างกันไม่เกิน 1e-9)"
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
            L.Column("ตำบล", 1.3),
            L.Column("อำเภอ", 1.2),
            L.Column("จังหวัด", 1.1),
            L.Column("รหัสตำบล", 0.8, "centre"),
            L.Column("คะแนน", 0.65, "right"),
            L.Column("แบบ", 0.4, "right"),
            *(L.Column(f"เกณฑ์ {c}", 0.7, "right") for c in codes),
        ]
        rows = [
            L.Row.of(
                e.tambon,
                e.district,
                e.province,
                e.tambon_code,
                L.fmt_score(e.score),
                e.sheets,
                *(f"{dict(e.tie_break).get(c, 0.0):.4f}" for c in codes),
                status="tie",
            )
            for e in g.entries
        ]
        story.append(L.Table(columns, rows))
    return story


def _aggregation_section(rep: RoundReport) -> list[Any]:
    """How many winners each aggregation would change against the round's own."""
    comparison = rep.agreement.aggregations
    if comparison is None:
        return []
    columns = [
        L.Column("วิธีรวมคะแนน", 2.6),
        L.Column("ได้รับรางวัล", 0.8, "right"),
        L.Column("ผู้ได้รับรางวัลที่เปลี่ยน", 1.0, "right"),
        L.Column("เขตที่เปลี่ยน", 2.4),
    ]
    rows = [
        L.Row.of(
            f"{row.title} ({row.aggregation})" + (" — วิธีของรอบนี้" if row.own else ""),
            thai_int(row.winners),
            thai_int(row.changed),
            ", ".join(f"เขต {thai_int(z)}: {thai_int(n)}" for z, n in row.changed_by_zone) or "–",
        )
        for row in comparison.rows
    ]
    return [
        L.Para(
            "ถ้าใช้วิธีรวมคะแนนอื่นกับแบบประเมินชุดเดียวกัน ผู้ได้รับรางวัลจะเปลี่ยนกี่ตำบล"
            " (นับตำบลที่ได้รับรางวัลด้วยวิธีนั้นแต่ไม่ได้รับรางวัลด้วยวิธีของรอบนี้)",
            L.H3,
            keep_with_next=True,
        ),
        L.Table(columns, rows),
    ]


def _cover(rep: RoundReport) -> list[Any]:
    r = rep.ranking
    b = rep.budget
    alpha = rep.agreement.agreement.alpha
    figures = [
        L.Figure(L.fmt_int(rep.tambons_with_sheets), "ตำบลที่มีแบบประเมินในรอบนี้"),
        L.Figure(
            L.fmt_int(rep.sheets_counted),
            f"แบบประเมินที่นับได้ จากทั้งหมด {L.fmt_int(rep.sheets_total)} แบบ",
        ),
        L.Figure(L.fmt_int(sum(1 for e in r.entries if e.status != "ineligible")), "ตำบลที่มีสิทธิ์"),
        L.Figure(L.fmt_int(b.winners), "ตำบลที่ได้รับรางวัล", L.STATUS_INK["winner"]),
        L.Figure(
            L.fmt_int(sum(len(g.entries) for g in rep.ties)),
            "ตำบลคะแนนเท่ากันรอคณะกรรมการตัดสิน",
            L.STATUS_INK["tie"] if rep.ties else L.NAVY,
        ),
        L.Figure(L.fmt_int(b.amount), "เงินรางวัล (บาท)"),
        L.Figure(L.fmt_int(b.pending), "เงินรางวัลที่รอตัดสิน (บาท)"),
        L.Figure("–" if alpha is None else f"{alpha:.2f}", "ความสอดคล้องระหว่างผู้ประเมิน (ค่าแอลฟา)"),
    ]
    return [
        L.Para("รายงานสรุปผลการประเมิน", L.TITLE),
        L.Para(r.round_title or r.round_code, L.SUBTITLE),
        L.Para(contest_line(r.contest_title), L.BODY_CENTRED),
        L.Note(
            result_state(r),
            fill=L.NOTE_FILL if r.finalised else L.DRAFT_FILL,
            edge=L.CHART_BLUE if r.finalised else L.DRAFT_RED,
        ),
        L.KeyFigures(figures),
        L.Para(rules_text(r, rep.criteria), L.SMALL),
    ]


def summary_story(rep: RoundReport) -> list[Any]:
    """Everything the summary report draws, in order."""
    r = rep.ranking
    story: list[Any] = _cover(rep)
    if not rep.tambons_with_sheets:
        story += [
            L.Note(
                "รอบนี้ยังไม่มีแบบประเมินของตำบลใดเลย จึงยังไม่มีผลการจัดอันดับ"
                " ผู้ได้รับรางวัล หรืองบประมาณเงินรางวัลให้สรุป",
                fill=L.DRAFT_FILL,
                edge=L.DRAFT_RED,
            ),
            L.Para("ตารางที่ ๑ ตำบลแยกตามเขตตรวจราชการ", L.H3, keep_with_next=True),
            zone_table(rep),
        ]
        return story

    story += [L.heading("๑. ภาพรวมรายเขตตรวจราชการ"), *zone_charts(rep)]
    story += [
        L.CondPageBreak(180),
        L.Para("ตารางที่ ๑ ผลการประเมินแยกตามเขตตรวจราชการ", L.H3, keep_with_next=True),
        zone_table(rep),
    ]

    winners = r.winners()
    story += [L.CondPageBreak(200), L.heading("๒. ตำบลที่ได้รับรางวัล")]
    if winners:
        story.append(
            L.Para(
                f"ตำบลที่ได้รับรางวัล{r.round_title} {thai_int(len(winners))} ตำบล"
                f" รางวัลละ {baht(r.prize_baht)} บาท"
                + (" เรียงตามเขตตรวจราชการและอันดับในเขต" if rep.per_zone else " เรียงตามอันดับ")
            )
        )
        ordered = sorted(winners, key=lambda e: (e.zone, e.rank or 0)) if rep.per_zone else winners
        story.append(winners_table(ordered, r.prize_baht, rep.per_zone))
    else:
        story.append(L.Para("ยังไม่มีตำบลที่ได้รับรางวัลในรอบนี้"))

    story += [L.CondPageBreak(160), *_tie_section(rep)]

    b = rep.budget
    story += [
        L.CondPageBreak(220),
        L.heading("๔. งบประมาณเงินรางวัล"),
        L.Para(
            f"ตำบลที่ได้รับรางวัล {thai_int(b.winners)} ตำบล × {baht(b.prize_baht)} บาท"
            f" รวม {baht(b.amount)} บาท ({baht_text(b.amount)})"
            + (
                f" และอาจเพิ่มอีกไม่เกิน {baht(b.pending)} บาท"
                f" เมื่อคณะกรรมการตัดสินคะแนนเท่ากัน {thai_int(b.tie_places)} รางวัล"
                if b.tie_places
                else ""
            )
        ),
        budget_table(rep),
    ]

    a = rep.agreement.agreement
    story += [
        L.CondPageBreak(200),
        L.heading("๕. ความสอดคล้องระหว่างผู้ประเมิน"),
        L.Para(thai_digits(a.alpha_text)),
        L.Para(
            f"ตำบลที่ผู้ประเมินให้คะแนนรวมต่างกันตั้งแต่ {thai_digits(f'{a.spread_threshold:g}')}"
            f" คะแนนขึ้นไป {thai_int(len(a.flagged))} ตำบล"
            + (" (แสดง ๓๐ ตำบลที่ต่างกันมากที่สุด)" if len(a.flagged) > 30 else "")
            + (" คณะกรรมการควรตรวจดูแบบประเมินของตำบลเหล่านี้" if a.flagged else "")
        ),
    ]
    if a.flagged:
        story.append(spread_table(rep))
    story += _aggregation_section(rep)
    if a.leniency:
        story += [
            L.Para(
                "ผู้ประเมินแต่ละคนให้คะแนนสูงหรือต่ำกว่าผู้ประเมินคนอื่นที่ประเมินตำบลเดียวกันเท่าใด"
                " (ค่าบวก: ให้คะแนนสูงกว่า, ค่าลบ: ให้คะแนนต่ำกว่า) เรียงจากให้คะแนนสูงที่สุด",
                L.H3,
                keep_with_next=True,
            ),
            leniency_table(rep),
        ]

    story += [L.PageBreak(), L.heading("๖. ผลการจัดอันดับรายเขตตรวจราชการ")]
    story.append(
        L.Para(
            "ตารางแสดงทุกตำบลที่มีแบบประเมินในรอบนี้ สีเขียว: ได้รับรางวัล, สีเหลือง: คะแนนเท่ากันรอคณะกรรมการตัดสิน,"
            " สีเทา: ไม่มีสิทธิ์ (พร้อมเหตุผล)" + ("" if rep.per_zone else " อันดับในตารางเป็นอันดับทั้งประเทศ")
        )
    )
    cutoffs = {c.zone: c.text for c in r.cutoffs} if rep.per_zone else {}
    if r.resamples:
        story.append(
            L.Para(
                "ความมั่นใจของผล: โปรแกรมสุ่มแบบประเมินของแต่ละตำบลซ้ำแบบใส่คืน"
                f" {thai_int(r.resamples)} ครั้ง แล้วจัดอันดับใหม่ด้วยกติกาเดียวกัน"
                " ใต้ชื่อเขตแต่ละเขตบอกว่าตำบลสุดท้ายที่ได้รับรางวัลชนะตำบลแรกที่ไม่ได้รับรางวัลด้วยคะแนนเท่าใด"
                " และผลต่างนั้นมากหรือน้อยกว่าความคลาดเคลื่อนจากการสุ่ม"
            )
        )
    if not rep.per_zone:
        story += [L.Para(thai_digits(c.text)) for c in r.cutoffs]
    for warning in r.warnings:
        story.append(
            L.Note(thai_digits(warning.split(" — ")[0]), fill=L.DRAFT_FILL, edge=L.DRAFT_RED)
        )
    empty = [z for z in rep.zones if not z.with_sheets]
    if empty:
        story.append(
            L.Para(
                "เขตตรวจราชการที่ยังไม่มีแบบประเมินในรอบนี้: " + ", ".join(thai_int(z.zone) for z in empty)
            )
        )
    for i, z in enumerate(z for z in rep.zones if z.with_sheets):
        entries = [e for e in rep.zone_entries(z.zone) if e.sheets or e.excluded_sheets]
        missing = z.tambons - len(entries)
        if i:
            story.append(L.CondPageBreak(260))
        story.append(L.heading(thai_digits(z.name), 1))
        summary = (
            f"ตำบล {thai_int(z.tambons)} ตำบล มีแบบประเมิน {thai_int(z.with_sheets)} ตำบล"
            f" ได้รับรางวัล {thai_int(z.winners)} ตำบล"
            + (f" คะแนนเท่ากันรอตัดสิน {thai_int(z.ties)} ตำบล" if z.ties else "")
            + (f" (ไม่มีแบบประเมินเลย {thai_int(missing)} ตำบล ไม่แสดงในตาราง)" if missing else "")
        )
        story.append(L.Para(summary, L.SMALL, keep_with_next=True))
        if z.zone in cutoffs:
            story.append(L.Para(thai_digits(cutoffs[z.zone]), L.SMALL, keep_with_next=True))
        if entries:
            story.append(ranking_table(entries, national_rank=not rep.per_zone))

    ranked = [e for e in r.entries if e.status != "ineligible"]
    story += [
        L.NextPageTemplate("landscape"),
        L.PageBreak(),
        L.heading("๗. ตารางคะแนนทั้งประเทศ (ตำบลที่มีสิทธิ์)"),
        L.Para(
            "ตำบลที่มีสิทธิ์ทั้งหมดเรียงตามคะแนนจากมากไปน้อย"
            + (
                " รางวัลของรอบนี้จัดสรรตามเขตตรวจราชการ ลำดับในตารางนี้จึงเป็นลำดับคะแนนเพื่อเปรียบเทียบเท่านั้น"
                " ไม่ใช่อันดับรางวัล"
                if rep.per_zone
                else ""
            )
            + (
                f" ค่าในคอลัมน์เกณฑ์ตัดสินคือค่าเฉลี่ยของคะแนนต่อคะแนนเต็มของเกณฑ์ {', '.join(r.tie_break)}"
                if r.tie_break
                else ""
            )
        ),
    ]
    if ranked:
        story.append(national_table(ranked, rep))
    else:
        story.append(L.Para("ยังไม่มีตำบลที่มีสิทธิ์ในรอบนี้"))
    return story


def national_table(entries: Sequence[rs.RankedTambon], rep: RoundReport) -> L.Table:
    """Every eligible tambon of the country by score (a listing, not a new ranking)."""
    codes = list(rep.ranking.tie_break)
    ordered = (
        sorted(entries, key=lambda e: (-(e.score or 0.0), e.zone, e.rank or 0))
        if rep.per_zone
        else list(entries)
    )
    columns = [
        L.Column("ลำดับ", 0.5, "right"),
        L.Column("เขต", 0.4, "centre"),
        L.Column("อันดับในเขต" if rep.per_zone else "อันดับ", 0.75, "centre"),
        L.Column("ตำบล", 1.3),
        L.Column("อำเภอ", 1.3),
        L.Column("จังหวัด", 1.2),
        L.Column("รหัสตำบล", 0.75, "centre"),
        L.Column("คะแนน", 0.6, "right"),
        L.Column("แบบ", 0.4, "right"),
        *(L.Column(f"เกณฑ์ {c}", 0.6, "right") for c in codes),
        L.Column("ต่างกัน", 0.6, "right"),
        L.Column("สถานะ", 1.5),
    ]
    rows = [
        L.Row.of(
            n,
            e.zone,
            e.rank if e.rank is not None else "–",
            e.tambon,
            e.district,
            e.province,
            e.tambon_code,
            L.fmt_score(e.score),
            e.sheets,
            *(f"{dict(e.tie_break).get(c, 0.0):.3f}" for c in codes),
            L.fmt_score(e.spread),
            L.STATUS_SHORT.get(e.status, e.status),
            status=e.status,
        )
        for n, e in enumerate(ordered, start=1)
    ]
    return L.Table(columns, rows, style=L.TableStyle(size=8.5, header_size=8.5))


def doc_info(rep: RoundReport, issued_on: date) -> L.DocInfo:
    r = rep.ranking
    return L.DocInfo(
        title=f"รายงานสรุปผลการประเมิน {r.round_title or r.round_code}",
        contest=contest_line(r.contest_title),
        date_text=date_line(issued_on),
        draft_mark=None if r.finalised else "ฉบับร่าง ผลยังไม่ยืนยัน",
        subject=f"{r.contest_code} {r.round_code}",
        keywords=(r.contest_code, r.round_code),
    )


def write_summary_pdf(rep: RoundReport, path: Path, *, issued_on: date | None = None) -> int:
    """Write the summary report of a round already read; returns the number of pages."""
    day = issued_on or thai_day(None)
    return L.build_pdf(path, summary_story(rep), doc_info(rep, day))


def write_summary(
    db: Database,
    round_code: str,
    path: Path,
    *,
    contest: str | None = None,
    issued_on: date | None = None,
) -> WrittenReport:
    """Read a round and write its summary report to ``path``."""
    rep = round_report(db, round_code, contest=contest)
    with thai.using(thai.names_of(db)):  # no name of the database cut at a line's end
        pages = write_summary_pdf(rep, path, issued_on=issued_on)
    return WrittenReport(path, pages, draft=not rep.ranking.finalised)
