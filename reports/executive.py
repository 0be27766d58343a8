"""The executive summary (รายงานสรุปสำหรับผู้บริหาร): the programme on a few pages.

The programme's figures (tambons, leaders, provinces, inspectors, sheets), the result of each
round (winners, ties still to decide), charts by zone, the prize money, how far the inspectors
agree, and what is still to be done. Data from
:func:`evaluator.services.report_data.executive_report`; layout from :mod:`reports.pdf`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from evaluator.db import Database
from evaluator.services import ranking as rs
from evaluator.services.report_data import ExecutiveReport, RoundReport, executive_report
from reports import pdf as L
from reports import thai
from reports.criteria import CriterionGap, gaps_chart, round_gaps
from reports.lessons_chapter import chapter_story
from reports.summary import (
    WrittenReport,
    baht,
    contest_line,
    date_line,
    result_state,
    thai_int,
    zone_charts,
)
from reports.thai_format import baht_text, thai_digits

COMPACT_WINNERS = 30
"""A round with more winners than this lists them one line per zone."""


def _rounds_line(rep: ExecutiveReport) -> str:
    titles = [r.ranking.round_title or r.ranking.round_code for r in rep.rounds]
    if not titles:
        return ""
    return "การคัดเลือก" + " และ".join(titles)


def _overview(rep: ExecutiveReport) -> list[Any]:
    f = rep.figures
    b = rep.budget.budget
    per_tambon = f.leaders // f.tambons if f.tambons and f.leaders % f.tambons == 0 else None
    text = (
        f"{contest_line(rep.contest_title)} ดำเนินการในตำบลเป้าหมาย {thai_int(f.tambons)} ตำบล"
        f" ครอบคลุม {thai_int(f.provinces)} จังหวัด {thai_int(f.districts)} อำเภอ"
        f" ใน {thai_int(f.zones)} เขตตรวจราชการ มีผู้นำการเปลี่ยนแปลง {thai_int(f.leaders)} คน"
        + (f" (ตำบลละ {thai_int(per_tambon)} คน)" if per_tambon else "")
        + (
            f" และหมู่บ้านเป้าหมาย {thai_int(f.focus_villages)} หมู่บ้าน"
            " ตามแนวคิด ๑ หมู่บ้าน สามารถดูแลได้ทั้งตำบล"
            if f.focus_villages
            else ""
        )
        + f" ผู้ประเมิน {thai_int(f.inspectors)} คน ส่งแบบประเมินแล้ว {thai_int(f.sheets_submitted)}"
        f" แบบ จากทั้งหมด {thai_int(f.sheets)} แบบ"
    )
    figures = [
        L.Figure(L.fmt_int(f.tambons), "ตำบลเป้าหมาย"),
        L.Figure(L.fmt_int(f.leaders), "ผู้นำการเปลี่ยนแปลง (คน)"),
        L.Figure(L.fmt_int(f.provinces), "จังหวัด"),
        L.Figure(L.fmt_int(f.zones), "เขตตรวจราชการ"),
        L.Figure(L.fmt_int(f.inspectors), "ผู้ประเมิน (คน)"),
        L.Figure(L.fmt_int(f.sheets_submitted), "แบบประเมินที่ส่งแล้ว"),
        L.Figure(L.fmt_int(len(b.awards)), "ตำบลที่ได้รับรางวัล", L.STATUS_INK["winner"]),
        L.Figure(L.fmt_int(b.total), "เงินรางวัลรวม (บาท)"),
    ]
    return [L.heading("๑. ภาพรวมโครงการ"), L.Para(text), L.KeyFigures(figures)]


def _compact_winners(r: RoundReport) -> L.Table:
    by_zone: dict[int, list[rs.RankedTambon]] = defaultdict(list)
    for e in r.ranking.winners():
        by_zone[e.zone].append(e)
    columns = [
        L.Column("เขต", 0.45, "centre"),
        L.Column("ตำบลที่ได้รับรางวัล (จังหวัด)", 5.0),
        L.Column("คะแนนเฉลี่ย", 0.9, "right"),
    ]
    rows = []
    for zone in sorted(by_zone):
        entries = sorted(by_zone[zone], key=lambda e: e.rank or 0)
        scores = [e.score for e in entries if e.score is not None]
        rows.append(
            L.Row.of(
                zone,
                ", ".join(f"{e.tambon} ({e.province})" for e in entries),
                L.fmt_score(sum(scores) / len(scores) if scores else None),
            )
        )
    return L.Table(columns, rows)


def _full_winners(r: RoundReport) -> L.Table:
    columns = [
        L.Column("เขต", 0.45, "centre"),
        L.Column("ตำบล", 1.2),
        L.Column("อำเภอ", 1.2),
        L.Column("จังหวัด", 1.2),
        L.Column("คะแนน", 0.65, "right"),
        L.Column("เงินรางวัล (บาท)", 1.0, "right"),
    ]
    winners = r.ranking.winners()
    if r.per_zone:
        winners = sorted(winners, key=lambda e: (e.zone, e.rank or 0))
    rows = [
        L.Row.of(
            e.zone,
            e.tambon,
            e.district,
            e.province,
            L.fmt_score(e.score),
            L.fmt_int(r.ranking.prize_baht),
        )
        for e in winners
    ]
    return L.Table(columns, rows)


def _round_result(r: RoundReport, titles: dict[str, str]) -> list[Any]:
    k = r.ranking
    winners = k.winners()
    eligible = sum(1 for e in k.entries if e.status != "ineligible")
    title = k.round_title or k.round_code
    story: list[Any] = [L.heading(title, 1)]
    if not r.tambons_with_sheets:
        story.append(
            L.Para(
                f"รอบ{title} รางวัลละ {baht(k.prize_baht)} บาท ยังไม่มีแบบประเมิน จึงยังไม่มีผลการคัดเลือก"
                + (
                    " ตำบลที่จะเข้ารับการประเมินคือตำบลที่ได้รับรางวัล"
                    + titles.get(k.eligible_from, "รอบก่อนหน้า")
                    if k.eligible_from
                    else ""
                )
            )
        )
        return story
    tied = sum(len(g.entries) for g in r.ties)
    story.append(
        L.Para(
            f"ตำบลที่มีแบบประเมิน {thai_int(r.tambons_with_sheets)} ตำบล มีสิทธิ์ {thai_int(eligible)}"
            f" ตำบล ได้รับรางวัล {thai_int(len(winners))} ตำบล รางวัลละ {baht(k.prize_baht)} บาท"
            f" รวม {baht(r.budget.amount)} บาท"
            + (
                f" มีตำบลคะแนนเท่ากันที่ขอบโควตา {thai_int(tied)} ตำบล"
                f" รอคณะกรรมการตัดสินอีก {thai_int(r.budget.tie_places)} รางวัล"
                if tied
                else ""
            )
        )
    )
    story.append(L.Para(result_state(k), L.SMALL))
    if winners:
        story.append(_compact_winners(r) if len(winners) > COMPACT_WINNERS else _full_winners(r))
    return story


def _zone_table(rep: ExecutiveReport) -> L.Table:
    """Per zone: tambons, sheets submitted, the first ranked round's mean, winners of every round
    and the prize money of the contest."""
    rounds = list(rep.rounds)
    first = next((r for r in rounds if r.tambons_with_sheets), rounds[0] if rounds else None)
    money = {z.zone: z for z in rep.budget.budget.zones}
    columns = [
        L.Column("เขต", 0.45, "centre"),
        L.Column("ตำบล", 0.6, "right"),
        L.Column("แบบที่นับได้", 0.85, "right"),
        L.Column("คะแนนเฉลี่ย", 0.8, "right"),
        *(
            L.Column(f"รางวัล{r.ranking.round_title or r.ranking.round_code}", 1.1, "right")
            for r in rounds
        ),
        L.Column("เงินรางวัล (บาท)", 1.1, "right"),
    ]
    rows: list[L.Row] = []
    if first is None:
        return L.Table(columns, rows)
    per_round = [{z.zone: z for z in r.zones} for r in rounds]
    for z in first.zones:
        zb = money.get(z.zone)
        rows.append(
            L.Row.of(
                z.zone,
                L.fmt_int(z.tambons),
                L.fmt_int(z.sheets_counted),
                L.fmt_score(z.mean_score),
                *(L.fmt_int(p[z.zone].winners) if z.zone in p else "–" for p in per_round),
                L.fmt_int(zb.amount if zb else 0),
            )
        )
    scores = [e.score for e in first.ranking.entries if e.score is not None]
    rows.append(
        L.Row.of(
            "รวม",
            L.fmt_int(sum(z.tambons for z in first.zones)),
            L.fmt_int(first.sheets_counted),
            L.fmt_score(sum(scores) / len(scores) if scores else None),
            *(L.fmt_int(r.budget.winners) for r in rounds),
            L.fmt_int(rep.budget.budget.total),
            bold=True,
            fill=L.ZEBRA,
        )
    )
    return L.Table(columns, rows, style=L.TableStyle(size=8.5, header_size=8.5))


def _by_zone(rep: ExecutiveReport, gaps: Sequence[CriterionGap] | None) -> list[Any]:
    story: list[Any] = [L.CondPageBreak(300), L.heading("๓. ผลรายเขตตรวจราชการ")]
    ranked = [r for r in rep.rounds if r.tambons_with_sheets]
    if not ranked:
        story.append(L.Para("ยังไม่มีแบบประเมินในรอบใด"))
        return story
    first = ranked[0]
    story.append(score_spread_chart(first))
    story += zone_charts(first, winners=False, sheets=False)
    if gaps:
        story.append(
            gaps_chart(
                gaps,
                f"คะแนนเฉลี่ยรายเกณฑ์ รอบ{first.ranking.round_title}: ตำบลที่ได้รับรางวัลเทียบกับตำบลอื่นที่มีสิทธิ์",
                height=170,
            )
        )
    story += [
        L.CondPageBreak(200),
        L.Para(
            f"ตารางที่ ๑ ผลรายเขตตรวจราชการ (คะแนนเฉลี่ยของรอบ{first.ranking.round_title})",
            L.H3,
            keep_with_next=True,
        ),
        _zone_table(rep),
    ]
    return story


def score_spread_chart(r: RoundReport) -> L.SpreadChart:
    """The scores of each zone's eligible tambons: their range, middle half and median, and
    the last winner's score (the zone's cutoff)."""
    spreads = []
    for z in r.zones:
        entries = [e for e in r.zone_entries(z.zone) if e.score is not None and e.rank is not None]
        winners = [e.score for e in entries if e.status == "winner" and e.score is not None]
        spreads.append(
            L.Spread.of(
                [e.score for e in entries if e.score is not None],
                min(winners) if winners and r.per_zone else None,
            )
        )
    return L.SpreadChart(
        f"การกระจายของคะแนนตำบลที่มีสิทธิ์ แยกตามเขตตรวจราชการ (รอบ{r.ranking.round_title})",
        [str(z.zone) for z in r.zones],
        spreads,
        mark_colour=L.STATUS_CHART["winner"],
        axis_title="เขตตรวจราชการ (กล่อง: คะแนนครึ่งกลาง, เส้นดำ: มัธยฐาน,"
        " สามเหลี่ยม: คะแนนตำบลสุดท้ายที่ได้รับรางวัล)",
        height=200,
    )


def _budget(rep: ExecutiveReport) -> list[Any]:
    b = rep.budget.budget
    columns = [
        L.Column("รอบการคัดเลือก", 2.2),
        L.Column("รางวัลละ (บาท)", 1.1, "right"),
        L.Column("จำนวนรางวัล", 0.9, "right"),
        L.Column("เงินรางวัล (บาท)", 1.2, "right"),
        L.Column("รอตัดสิน (บาท)", 1.1, "right"),
        L.Column("ผลการคัดเลือก", 1.2),
    ]
    rows = [
        L.Row.of(
            r.title or r.code,
            L.fmt_int(r.prize_baht),
            L.fmt_int(r.winners),
            L.fmt_int(r.amount),
            L.fmt_int(r.pending) if r.pending else "–",
            "ยืนยันแล้ว" if rep.budget.finalised.get(r.code) else "ยังไม่ยืนยัน",
            status="tie" if r.tie_places else None,
        )
        for r in b.rounds
    ]
    rows.append(
        L.Row.of(
            "รวมทั้งโครงการ",
            "",
            L.fmt_int(sum(r.winners for r in b.rounds)),
            L.fmt_int(b.total),
            L.fmt_int(b.pending) if b.pending else "–",
            "",
            bold=True,
            fill=L.ZEBRA,
        )
    )
    rule = (
        "ตำบลที่ได้รับรางวัลหลายระดับได้รับเงินรางวัลทุกระดับ"
        if b.double_award == "both"
        else "ตำบลที่ได้รับรางวัลหลายระดับได้รับเงินรางวัลเฉพาะระดับสูงสุด"
    )
    doubles = len(b.double_winners)
    text = (
        f"เงินรางวัลรวมทั้งโครงการ {baht(b.total)} บาท ({baht_text(b.total)})"
        f" สำหรับตำบล {thai_int(len(b.awards))} ตำบล {rule}"
        + (f" (ได้รับรางวัลมากกว่าหนึ่งระดับ {thai_int(doubles)} ตำบล)" if doubles else "")
        + (
            f" และอาจเพิ่มอีกไม่เกิน {baht(b.pending)} บาท เมื่อคณะกรรมการตัดสินคะแนนเท่ากัน"
            if b.pending
            else ""
        )
    )
    return [
        L.CondPageBreak(200),
        L.heading("๔. งบประมาณเงินรางวัล"),
        L.Para(text),
        L.Table(columns, rows),
    ]


def _agreement(rep: ExecutiveReport) -> list[Any]:
    story: list[Any] = [L.CondPageBreak(220), L.heading("๕. ความสอดคล้องระหว่างผู้ประเมิน")]
    ranked = [r for r in rep.rounds if r.sheets_counted]
    if not ranked:
        story.append(L.Para("ยังไม่มีแบบประเมินที่นับได้ จึงยังวัดความสอดคล้องไม่ได้"))
        return story
    for r in ranked:
        a = r.agreement.agreement
        story.append(L.Para(f"รอบ{r.ranking.round_title}", L.H3, keep_with_next=True))
        story.append(L.Para(thai_digits(a.alpha_text)))
        flagged = a.flagged
        text = (
            f"ตำบลที่ผู้ประเมินให้คะแนนรวมต่างกันตั้งแต่ {thai_digits(f'{a.spread_threshold:g}')}"
            f" คะแนนขึ้นไป {thai_int(len(flagged))} ตำบล จาก {thai_int(len(a.spreads))} ตำบล"
        )
        with_others = [x for x in a.leniency if x.leniency is not None]
        if len(with_others) >= 2:
            high, low = with_others[0], with_others[-1]
            assert high.leniency is not None and low.leniency is not None
            text += (
                f" ผู้ประเมินที่ให้คะแนนสูงกว่าผู้อื่นมากที่สุดเฉลี่ย {thai_digits(f'{high.leniency:+.2f}')}"
                f" คะแนน และต่ำกว่าผู้อื่นมากที่สุดเฉลี่ย {thai_digits(f'{low.leniency:+.2f}')} คะแนน"
            )
        story.append(L.Para(text))
        if flagged:
            per_zone = Counter(r.agreement.tambon_zones.get(s.tambon_code, 0) for s in flagged)
            story.append(
                L.BarChart(
                    "ตำบลที่ผู้ประเมินให้คะแนนต่างกันมาก แยกตามเขตตรวจราชการ",
                    [str(z.zone) for z in r.zones],
                    [float(per_zone.get(z.zone, 0)) for z in r.zones],
                    axis_title="เขตตรวจราชการ",
                    value_format=lambda v: f"{v:.0f}",
                    integer=True,
                    colour=L.STATUS_CHART["tie"],
                    height=140,
                )
            )
    return story


def _to_do(rep: ExecutiveReport) -> list[str]:
    items: list[str] = []
    for r in rep.rounds:
        k = r.ranking
        title = k.round_title or k.round_code
        if not r.tambons_with_sheets:
            items.append(f"รอบ{title} ยังไม่มีแบบประเมิน")
            continue
        if r.ties:
            items.append(
                f"รอบ{title}: คณะกรรมการต้องตัดสินตำบลที่คะแนนเท่ากัน {thai_int(len(r.ties))} กลุ่ม"
                f" ({thai_int(sum(len(g.entries) for g in r.ties))} ตำบล)"
            )
        statuses = Counter(n.status for e in k.entries for n in e.excluded_sheets)
        drafts = statuses.get("draft", 0)
        others = sum(statuses.values()) - drafts
        if drafts:
            items.append(f"รอบ{title}: แบบประเมินที่ยังเป็นร่าง {thai_int(drafts)} แบบ ยังไม่นับ")
        if others:
            items.append(
                f"รอบ{title}: แบบประเมินที่ส่งแล้วแต่ไม่นับ {thai_int(others)} แบบ"
                " (กรอกไม่ครบทุกเกณฑ์ หรือผู้ประเมินมีภูมิลำเนาในจังหวัดเดียวกับตำบล)"
            )
        flagged = len(r.agreement.agreement.flagged)
        if flagged:
            items.append(f"รอบ{title}: ตรวจดูตำบลที่ผู้ประเมินให้คะแนนต่างกันมาก {thai_int(flagged)} ตำบล")
        if not k.finalised:
            items.append(f"รอบ{title}: ยังไม่ได้ยืนยันผล (ผลในรายงานนี้ยังเปลี่ยนแปลงได้)")
    return items


def executive_story(rep: ExecutiveReport, gaps: Sequence[CriterionGap] | None = None) -> list[Any]:
    """Everything the executive summary draws, in order; ``gaps``: the first ranked round's
    criterion figures (:func:`reports.criteria.round_gaps`) for its chart."""
    states = [
        f"รอบ{r.ranking.round_title}: " + ("ยืนยันผลแล้ว" if r.ranking.finalised else "ยังไม่ยืนยันผล")
        for r in rep.rounds
    ]
    all_final = all(r.ranking.finalised for r in rep.rounds)
    story: list[Any] = [
        L.Para("รายงานสรุปสำหรับผู้บริหาร", L.TITLE),
        L.Para(contest_line(rep.contest_title), L.SUBTITLE),
        L.Para(_rounds_line(rep), L.BODY_CENTRED),
    ]
    if states:
        story.append(
            L.Note(
                " · ".join(states),
                fill=L.NOTE_FILL if all_final else L.DRAFT_FILL,
                edge=L.CHART_BLUE if all_final else L.DRAFT_RED,
            )
        )
    story += _overview(rep)
    story += [L.CondPageBreak(200), L.heading("๒. ผลการคัดเลือก")]
    titles = {r.ranking.round_code: r.ranking.round_title for r in rep.rounds}
    for r in rep.rounds:
        story += _round_result(r, titles)
    story += _by_zone(rep, gaps)
    story += _budget(rep)
    story += _agreement(rep)
    items = _to_do(rep)
    story += [L.CondPageBreak(150), L.heading("๖. ข้อสังเกตและสิ่งที่ต้องดำเนินการต่อ")]
    if items:
        story += [L.Para(f"• {item}", replace(L.BODY, indent=8)) for item in items]
    else:
        story.append(L.Para("ทุกรอบยืนยันผลแล้ว ไม่มีเรื่องค้างให้ดำเนินการ"))
    story += chapter_story(rep.lessons, "๗.") if rep.lessons is not None else []
    return story


def doc_info(rep: ExecutiveReport, issued_on: date) -> L.DocInfo:
    final = all(r.ranking.finalised for r in rep.rounds)
    return L.DocInfo(
        title="รายงานสรุปสำหรับผู้บริหาร",
        contest=contest_line(rep.contest_title),
        date_text=date_line(issued_on),
        draft_mark=None if final else "ฉบับร่าง ผลบางรอบยังไม่ยืนยัน",
        subject=rep.contest_code,
        keywords=(rep.contest_code,),
    )


def write_executive_pdf(
    rep: ExecutiveReport,
    path: Path,
    *,
    issued_on: date | None = None,
    gaps: Sequence[CriterionGap] | None = None,
) -> int:
    """Write the executive summary of a contest already read; returns the number of pages."""
    from reports.thai_format import thai_day

    story = executive_story(rep, gaps)
    return L.build_pdf(path, story, doc_info(rep, issued_on or thai_day(None)))


def write_executive(
    db: Database, path: Path, *, contest: str | None = None, issued_on: date | None = None
) -> WrittenReport:
    """Read the contest and write its executive summary to ``path``."""
    rep = executive_report(db, contest=contest)
    ranked = [r for r in rep.rounds if r.tambons_with_sheets]
    gaps = round_gaps(db, ranked[0]) if ranked else None
    with thai.using(thai.names_of(db)):  # no name of the database cut at a line's end
        pages = write_executive_pdf(rep, path, issued_on=issued_on, gaps=gaps)
    return WrittenReport(path, pages, draft=not all(r.ranking.finalised for r in rep.rounds))
