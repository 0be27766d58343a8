"""Shared helpers for core tests: a small contest and real tambons stored straight through the
models, table files written in every accepted form, a dump of the whole database, and the CLI."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import geothai
import pytest
from openpyxl import Workbook
from sqlalchemy import select

from evaluator.cli import parser as cli
from evaluator.db import Database
from evaluator.db import models as m
from evaluator.permissions import UserInfo

# (code, title, max_score, weight): weights sum to 100.
CRITERIA: tuple[tuple[str, str, float, float], ...] = (
    ("C1", "ผู้นำทำก่อน", 10.0, 40.0),
    ("C2", "ทุกครัวเรือนปลูกผัก", 10.0, 35.0),
    ("C3", "ประชาสัมพันธ์", 5.0, 25.0),
)
ROUNDS: tuple[tuple[str, str], ...] = (
    ("outstanding", "ตำบลผู้นำการเปลี่ยนแปลงดีเด่น"),
    ("excellent", "ตำบลผู้นำการเปลี่ยนแปลงดีเลิศ"),
)
# Real DOPA codes: three tambons of เกาะพะงัน (สุราษฎร์ธานี, zone 5), two of เมืองเชียงใหม่ (zone 15).
TAMBONS: tuple[str, ...] = ("840501", "840502", "840503", "500101", "500102")


@dataclass(frozen=True)
class ContestIds:
    contest: int
    criteria: dict[str, int]
    rounds: dict[str, int]


def make_contest(
    db: Database,
    code: str = "CL2564",
    criteria: Sequence[tuple[str, str, float, float]] = CRITERIA,
    rounds: Sequence[tuple[str, str]] = ROUNDS,
) -> ContestIds:
    """A contest with its criteria and rounds, stored directly through the models."""
    with db.transaction() as s:
        contest = m.Contest(code=code, title=f"การประกวด {code}")
        s.add(contest)
        s.flush()
        crits = [
            m.Criterion(
                contest_id=contest.id,
                code=c,
                position=i,
                title=title,
                max_score=max_score,
                weight=weight,
            )
            for i, (c, title, max_score, weight) in enumerate(criteria)
        ]
        rnds = [
            m.Round(contest_id=contest.id, code=r, position=i, title=title, winners_per_zone=1)
            for i, (r, title) in enumerate(rounds)
        ]
        s.add_all([*crits, *rnds])
        s.flush()
        return ContestIds(
            contest=contest.id,
            criteria={c.code: c.id for c in crits},
            rounds={r.code: r.id for r in rnds},
        )


def add_tambons(db: Database, codes: Sequence[str] = TAMBONS) -> None:
    """Store real tambons (and their districts) with their official names, through the models."""
    with db.transaction() as s:
        have_districts = set(s.scalars(select(m.District.code)))
        for code in codes:
            tambon = geothai.subdistrict(code)
            assert tambon is not None, code
            if tambon.district_code not in have_districts:
                district = geothai.district(tambon.district_code)
                assert district is not None
                s.add(
                    m.District(
                        code=district.code,
                        name_th=district.name_th,
                        name_en=district.name_en,
                        province_code=district.province_code,
                    )
                )
                have_districts.add(district.code)
                s.flush()
            s.add(
                m.Tambon(
                    code=tambon.code,
                    name_th=tambon.name_th,
                    name_en=tambon.name_en,
                    district_code=tambon.district_code,
                )
            )


def finalise_round(db: Database, round_id: int) -> None:
    with db.transaction() as s:
        rnd = s.get(m.Round, round_id)
        assert rnd is not None
        rnd.finalised_at = m.utcnow()
        rnd.finalised_by = "คณะกรรมการ"


# --- files -----------------------------------------------------------------------------------

Cells = Sequence[object]


def write_csv(
    path: Path,
    header: Cells,
    rows: Sequence[Cells],
    *,
    encoding: str = "utf-8",
    delimiter: str = ",",
) -> Path:
    """A CSV file in the given encoding (``utf-8``, ``utf-8-sig``, ``cp874``, ``tis-620``…)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def write_xlsx(
    path: Path,
    header: Cells,
    rows: Sequence[Cells],
    *,
    title: str = "Sheet1",
    before: Sequence[Cells] = (),
) -> Path:
    """An .xlsx workbook whose first sheet holds the header and rows (after ``before`` rows)."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title
    for row in [*before, header, *rows]:
        sheet.append(list(row))
    workbook.save(path)
    return path


# --- the database and the CLI ----------------------------------------------------------------


def dump(db: Database) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, in primary-key order: equal dumps mean an unchanged database."""
    out: dict[str, list[tuple[object, ...]]] = {}
    with db.engine.connect() as conn:
        for table in m.Base.metadata.sorted_tables:
            query = table.select().order_by(*table.primary_key.columns)
            out[table.name] = [tuple(row) for row in conn.execute(query)]
    return out


@dataclass(frozen=True)
class CliResult:
    code: int
    out: str
    err: str


def run_cli(db: Database, capsys: pytest.CaptureFixture[str], *args: str) -> CliResult:
    """Run ``evaluator --db <db> ARGS`` through the core CLI and capture what it printed."""
    assert db.file_path is not None
    capsys.readouterr()
    code = cli.main(["--db", str(db.file_path), *args])
    captured = capsys.readouterr()
    return CliResult(code, captured.out, captured.err)


def committee_user(
    db: Database, name: str = "คณะกรรมการ", role: m.Role = m.Role.COMMITTEE
) -> UserInfo:
    """The account ``name`` (made with ``role`` when missing, without an audit entry of its own),
    for a service that takes the acting user."""
    from evaluator.services.users import user_in

    with db.transaction() as s:
        row = s.scalar(select(m.User).where(m.User.name == name))
        if row is None:
            row = m.User(name=name, role=role)
            s.add(row)
            s.flush()
        return user_in(s, row.id)
