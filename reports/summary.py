"""The summary report of a round (รายงานสรุปผลการประเมิน): for the committee.

What it holds, in order: the round's key figures and rules; charts per zone (winners, mean
score, sheets counted) and a table per zone; the winners; the tied groups the committee must
decide; the prize money; how far the inspectors agree; the ranking of each zone; and, on
landscape pages, every eligible tambon of the country in order of score.

Data from :func:`evaluator.services.report_data.round_report` (the ranking service's result,
never recomputed); layout from :mod:`reports.pdf`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from evaluator.db import Database
from evaluator.scoring import model as sc
from evaluator.services import ranking as rs
from evaluator.services.ranking import list_rounds
from evaluator.services.report_data import CriterionHead, RoundReport, round_report
from reports import pdf as L
from reports import thai
from reports.criteria import CriterionGap, criterion_section, round_gaps
from reports.summary_tables import (
    budget_table,
    leniency_table,
    national_table,
    ranking_table,
    spread_table,
    winners_table,
    zone_table,
)
from reports.summary_ties import criterion_label, tie_section
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


def quota_text(r: rs.RoundRanking) -> str:
    if r.quota_kind == "zone":
        return f"เขตตรวจราชการละ {thai_int(r.quota)} รางวัล"
    return f"ทั้งประเทศ {thai_int(r.quota)} รางวัล"


def thai_int(n: int) -> str:
    return L.thai_int(n)


def baht(n: int) -> str:
    return thai_digits(f"{n:,}")


def rules_text(
    r: rs.RoundRanking,
    criteria: Sequence[CriterionHead],
    round_titles: Mapping[str, str] | None = None,
) -> str:
    """The round's rules in one paragraph (the other rounds by their titles)."""
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
        source = (round_titles or {}).get(r.eligible_from) or "ก่อนหน้า"
        parts.append(f"คัดเลือกจากตำบลที่ได้รับรางวัล{source}เท่านั้น")
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


def zone_charts(rep: RoundReport, *, winners: bool = True, sheets: bool = True) -> list[Any]:
    """Bar charts per zone: winners (ties shown amber; left out with ``winners=False``), mean
    score and counted sheets."""
    zones = rep.zones
    names = [str(z.zone) for z in zones]
    charts: list[Any] = []
    colours = [L.STATUS_CHART["tie"] if z.ties else L.STATUS_CHART["winner"] for z in zones]
    legend = [(L.STATUS_CHART["winner"], "ได้รับรางวัลครบ")]
    if any(z.ties for z in zones):
        legend.append((L.STATUS_CHART["tie"], "มีคะแนนเท่ากันรอตัดสิน"))
    if winners:
        charts.append(
            L.BarChart(
                "จำนวนตำบลที่ได้รับรางวัล แยกตามเขตตรวจราชการ",
                names,
                [float(z.winners) for z in zones],
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


# --- the summary -----------------------------------------------------------------------------


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


def _cover(rep: RoundReport, round_titles: Mapping[str, str]) -> list[Any]:
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
        L.Para(rules_text(r, rep.criteria, round_titles), L.SMALL),
    ]


def _no_sheets(rep: RoundReport) -> list[Any]:
    return [
        L.Note(
            "รอบนี้ยังไม่มีแบบประเมินของตำบลใดเลย จึงยังไม่มีผลการจัดอันดับ ผู้ได้รับรางวัล หรืองบประมาณเงินรางวัลให้สรุป",
            fill=L.DRAFT_FILL,
            edge=L.DRAFT_RED,
        ),
        L.Para("ตารางที่ ๑ ตำบลแยกตามเขตตรวจราชการ", L.H3, keep_with_next=True),
        zone_table(rep),
    ]


def _zones_section(rep: RoundReport) -> list[Any]:
    return [
        L.heading("๑. ภาพรวมรายเขตตรวจราชการ"),
        *zone_charts(rep),
        L.CondPageBreak(180),
        L.Para("ตารางที่ ๑ ผลการประเมินแยกตามเขตตรวจราชการ", L.H3, keep_with_next=True),
        zone_table(rep),
    ]


def _winners_section(rep: RoundReport) -> list[Any]:
    r = rep.ranking
    winners = r.winners()
    story: list[Any] = [L.CondPageBreak(200), L.heading("๒. ตำบลที่ได้รับรางวัล")]
    if not winners:
        return [*story, L.Para("ยังไม่มีตำบลที่ได้รับรางวัลในรอบนี้")]
    order = " เรียงตามเขตตรวจราชการและอันดับในเขต" if rep.per_zone else " เรียงตามอันดับ"
    story.append(
        L.Para(
            f"ตำบลที่ได้รับรางวัล{r.round_title} {thai_int(len(winners))} ตำบล"
            f" รางวัลละ {baht(r.prize_baht)} บาท{order}"
        )
    )
    ordered = sorted(winners, key=lambda e: (e.zone, e.rank or 0)) if rep.per_zone else winners
    story.append(winners_table(ordered, r.prize_baht, rep.per_zone))
    return story


def _budget_section(rep: RoundReport) -> list[Any]:
    b = rep.budget
    pending = (
        f" และอาจเพิ่มอีกไม่เกิน {baht(b.pending)} บาท"
        f" เมื่อคณะกรรมการตัดสินคะแนนเท่ากัน {thai_int(b.tie_places)} รางวัล"
        if b.tie_places
        else ""
    )
    return [
        L.CondPageBreak(220),
        L.heading("๔. งบประมาณเงินรางวัล"),
        L.Para(
            f"ตำบลที่ได้รับรางวัล {thai_int(b.winners)} ตำบล × {baht(b.prize_baht)} บาท"
            f" รวม {baht(b.amount)} บาท ({baht_text(b.amount)}){pending}"
        ),
        budget_table(rep),
    ]


def _agreement_section(rep: RoundReport) -> list[Any]:
    a = rep.agreement.agreement
    flagged = (
        f"ตำบลที่ผู้ประเมินให้คะแนนรวมต่างกันตั้งแต่ {thai_digits(f'{a.spread_threshold:g}')}"
        f" คะแนนขึ้นไป {thai_int(len(a.flagged))} ตำบล"
        + (" (แสดง ๓๐ ตำบลที่ต่างกันมากที่สุด)" if len(a.flagged) > 30 else "")
        + (" คณะกรรมการควรตรวจดูแบบประเมินของตำบลเหล่านี้" if a.flagged else "")
    )
    story: list[Any] = [
        L.CondPageBreak(200),
        L.heading("๕. ความสอดคล้องระหว่างผู้ประเมิน"),
        L.Para(thai_digits(a.alpha_text)),
        L.Para(flagged),
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
    return story


def _ranking_notes(rep: RoundReport) -> list[Any]:
    """What the zone rankings' colours mean, how sure the result is, and the round's caveats."""
    r = rep.ranking
    story: list[Any] = [
        L.Para(
            "ตารางแสดงทุกตำบลที่มีแบบประเมินในรอบนี้ สีเขียว: ได้รับรางวัล, สีเหลือง: คะแนนเท่ากันรอคณะกรรมการตัดสิน,"
            " สีเทา: ไม่มีสิทธิ์ (พร้อมเหตุผล)" + ("" if rep.per_zone else " อันดับในตารางเป็นอันดับทั้งประเทศ")
        )
    ]
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
    return story


def _zone_rankings(rep: RoundReport) -> list[Any]:
    cutoffs = {c.zone: c.text for c in rep.ranking.cutoffs} if rep.per_zone else {}
    story: list[Any] = [L.PageBreak(), L.heading("๖. ผลการจัดอันดับรายเขตตรวจราชการ")]
    story += _ranking_notes(rep)
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
    return story


def _national_section(rep: RoundReport, number: str) -> list[Any]:
    r = rep.ranking
    ranked = [e for e in r.entries if e.status != "ineligible"]
    listing = (
        " รางวัลของรอบนี้จัดสรรตามเขตตรวจราชการ ลำดับในตารางนี้จึงเป็นลำดับคะแนนเพื่อเปรียบเทียบเท่านั้น"
        " ไม่ใช่อันดับรางวัล"
        if rep.per_zone
        else ""
    )
    means = (
        " ค่าในคอลัมน์เกณฑ์ตัดสินคือค่าเฉลี่ยของคะแนนต่อคะแนนเต็มของเกณฑ์"
        f" {', '.join(criterion_label(rep, c) for c in r.tie_break)}"
        if r.tie_break
        else ""
    )
    return [
        L.NextPageTemplate("landscape"),
        L.PageBreak(),
        L.heading(f"{number}. ตารางคะแนนทั้งประเทศ (ตำบลที่มีสิทธิ์)"),
        L.Para(f"ตำบลที่มีสิทธิ์ทั้งหมดเรียงตามคะแนนจากมากไปน้อย{listing}{means}"),
        national_table(ranked, rep) if ranked else L.Para("ยังไม่มีตำบลที่มีสิทธิ์ในรอบนี้"),
    ]


def summary_story(
    rep: RoundReport,
    *,
    round_titles: Mapping[str, str] | None = None,
    gaps: Sequence[CriterionGap] | None = None,
) -> list[Any]:
    """Everything the summary report draws, in order. ``round_titles`` names the other rounds
    (the one its tambons come from); ``gaps``: the criterion page's figures
    (:func:`reports.criteria.round_gaps`), left out when None."""
    story: list[Any] = _cover(rep, round_titles or {})
    if not rep.tambons_with_sheets:
        return story + _no_sheets(rep)
    story += _zones_section(rep) + _winners_section(rep)
    if gaps is not None:
        story += criterion_section(gaps, "เกณฑ์ที่แยกผู้ได้รับรางวัลออกจากตำบลอื่น", level=1)
    story += [L.CondPageBreak(160), *tie_section(rep)]
    story += _budget_section(rep) + _agreement_section(rep) + _zone_rankings(rep)
    return story + _national_section(rep, "๗")


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


def write_summary_pdf(
    rep: RoundReport,
    path: Path,
    *,
    issued_on: date | None = None,
    round_titles: Mapping[str, str] | None = None,
    gaps: Sequence[CriterionGap] | None = None,
) -> int:
    """Write the summary report of a round already read; returns the number of pages."""
    day = issued_on or thai_day(None)
    story = summary_story(rep, round_titles=round_titles, gaps=gaps)
    return L.build_pdf(path, story, doc_info(rep, day))


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
    titles = {
        x.code: x.title for x in list_rounds(db) if x.contest_code == rep.ranking.contest_code
    }
    gaps = round_gaps(db, rep)
    with thai.using(thai.names_of(db)):  # no name of the database cut at a line's end
        pages = write_summary_pdf(rep, path, issued_on=issued_on, round_titles=titles, gaps=gaps)
    return WrittenReport(path, pages, draft=not rep.ranking.finalised)
