"""The tables of the round summary (and of the reports that share them): per zone, winners, a
zone's ranking, prize money, inspectors' agreement, and the national listing."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from evaluator.services import ranking as rs
from evaluator.services.report_data import RoundReport
from reports import pdf as L


def status_text(e: rs.RankedTambon) -> str:
    """A tambon's status for a table cell; an ineligible one with its reason."""
    short = L.STATUS_SHORT.get(e.status, e.status)
    if e.status == "ineligible" and e.reason:
        return f"{short}: {e.reason}"
    if e.status == "tie" and e.shared > 1:
        return f"{short} (อันดับร่วม {e.shared} ตำบล)"
    return short


@dataclass(frozen=True)
class EntryColumn:
    """A column of a table of ranked tambons: its head and what each tambon shows in it."""

    column: L.Column
    cell: Callable[[rs.RankedTambon], object]


def _rank(e: rs.RankedTambon) -> object:
    return e.rank if e.rank is not None else "–"


TAMBON_COLUMNS: dict[str, EntryColumn] = {
    "zone": EntryColumn(L.Column("เขต", 0.45, "centre"), lambda e: e.zone),
    "rank": EntryColumn(L.Column("อันดับ", 0.5, "centre"), _rank),
    "tambon": EntryColumn(L.Column("ตำบล", 1.3), lambda e: e.tambon),
    "district": EntryColumn(L.Column("อำเภอ", 1.3), lambda e: e.district),
    "province": EntryColumn(L.Column("จังหวัด", 1.2), lambda e: e.province),
    "code": EntryColumn(L.Column("รหัสตำบล", 0.75, "centre"), lambda e: e.tambon_code),
    "score": EntryColumn(L.Column("คะแนน", 0.65, "right"), lambda e: L.fmt_score(e.score)),
    "sheets": EntryColumn(L.Column("แบบ", 0.4, "right"), lambda e: e.sheets),
}
"""The columns the tables of tambons share (the summary's and its ties section's), by key."""


def tambon_columns(*keys: str, **widths: float) -> list[EntryColumn]:
    """The shared columns named by ``keys``, in that order; ``widths`` gives a column (by key)
    another share of the table's width."""
    out = []
    for key in keys:
        col = TAMBON_COLUMNS[key]
        if key in widths:
            col = replace(col, column=replace(col.column, width=widths[key]))
        out.append(col)
    return out


def criterion_columns(codes: Sequence[str], width: float, decimals: int) -> list[EntryColumn]:
    """A column per tie-break criterion: the tambon's value of it."""
    return [
        EntryColumn(
            L.Column(f"เกณฑ์ {c}", width, "right"),
            lambda e, c=c: f"{dict(e.tie_break).get(c, 0.0):.{decimals}f}",  # type: ignore[misc]
        )
        for c in codes
    ]


def entry_table(
    entries: Sequence[rs.RankedTambon],
    columns: Sequence[EntryColumn],
    *,
    status: Callable[[rs.RankedTambon], str | None] = lambda e: None,
    style: L.TableStyle | None = None,
) -> L.Table:
    """A table with a row per tambon; ``status`` colours a row."""
    rows = [L.Row.of(*(c.cell(e) for c in columns), status=status(e)) for e in entries]
    return L.Table([c.column for c in columns], rows, style=style)


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
    prize_column = EntryColumn(L.Column("เงินรางวัล (บาท)", 1.0, "right"), lambda e: L.fmt_int(prize))
    columns = [
        *tambon_columns(
            "zone", "rank", "tambon", "district", "province", "code", "score", "sheets"
        ),
        prize_column,
    ]
    return entry_table(entries, columns)


def ranking_table(entries: Sequence[rs.RankedTambon], *, national_rank: bool) -> L.Table:
    """A zone's ranking: every tambon with its rank, score and status (coloured)."""
    rank = EntryColumn(
        L.Column("อันดับ" + ("ประเทศ" if national_rank else ""), 0.55, "centre"), _rank
    )
    columns = [
        rank,
        *tambon_columns(
            "tambon",
            "district",
            "province",
            "code",
            "score",
            "sheets",
            tambon=1.15,
            district=1.15,
            province=1.05,
            code=0.7,
            score=0.6,
        ),
        EntryColumn(L.Column("สถานะ", 2.1), status_text),
    ]
    return entry_table(
        entries, columns, status=lambda e: e.status, style=L.TableStyle(size=8.5, header_size=8.5)
    )


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


def national_table(entries: Sequence[rs.RankedTambon], rep: RoundReport) -> L.Table:
    """Every eligible tambon of the country by score (a listing, not a new ranking)."""
    codes = list(rep.ranking.tie_break)
    ordered = (
        sorted(entries, key=lambda e: (-(e.score or 0.0), e.zone, e.rank or 0))
        if rep.per_zone
        else list(entries)
    )
    numbers = {id(e): n for n, e in enumerate(ordered, start=1)}
    columns = [
        EntryColumn(L.Column("ลำดับ", 0.5, "right"), lambda e: numbers[id(e)]),
        *tambon_columns("zone", zone=0.4),
        EntryColumn(L.Column("อันดับในเขต" if rep.per_zone else "อันดับ", 0.75, "centre"), _rank),
        *tambon_columns("tambon", "district", "province", "code", "score", "sheets", score=0.6),
        *criterion_columns(codes, 0.6, 3),
        EntryColumn(L.Column("ต่างกัน", 0.6, "right"), lambda e: L.fmt_score(e.spread)),
        EntryColumn(L.Column("สถานะ", 1.5), lambda e: L.STATUS_SHORT.get(e.status, e.status)),
    ]
    return entry_table(
        ordered, columns, status=lambda e: e.status, style=L.TableStyle(size=8.5, header_size=8.5)
    )
