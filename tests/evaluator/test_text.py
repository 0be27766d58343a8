"""Normalising names and text cells (DESIGN.md section 5): one form for names that look the same,
so a decomposed sara am or a pasted zero-width space never makes a second inspector."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from evaluator.db import Database
from evaluator.db import models as m
from evaluator.io.tables import Column, read_table
from evaluator.services.imports import import_scores
from evaluator.text import name_key, normalise
from tests.evaluator.helpers import (
    add_tambons,
    committee_user,
    make_contest,
    write_csv,
    write_xlsx,
)

COMPOSED = "นายสมชาย น้ำใจดี"  # น + ไม้โท + สระอำ (U+0E33)
DECOMPOSED = COMPOSED.replace("\u0e33", "\u0e4d\u0e32")  # tone, nikhahit, sara aa
NIKHAHIT_FIRST = COMPOSED.replace("\u0e49\u0e33", "\u0e4d\u0e49\u0e32")  # nikhahit, tone, sara aa


def test_sara_am_is_composed_whatever_the_order_of_its_parts() -> None:
    assert DECOMPOSED != COMPOSED and NIKHAHIT_FIRST != COMPOSED
    assert normalise(DECOMPOSED) == COMPOSED
    assert normalise(NIKHAHIT_FIRST) == COMPOSED
    assert normalise("ทำ") == "ทำ" and normalise("ท\u0e4d\u0e32") == "ทำ"


def test_spaces_and_invisible_characters() -> None:
    assert normalise("  นาย\u200bสมชาย\u00a0\u00a0 น้ำใจดี\t") == "นายสมชาย น้ำใจดี"
    assert normalise("\ufeffa\u200c\u200d\u2060b\u00adc") == "abc"
    assert normalise("") == ""
    assert normalise("e\u0301") == "\u00e9"  # NFC


def test_multiline_keeps_line_breaks() -> None:
    assert normalise(" บรรทัด  หนึ่ง \r\n\n\n\nบรรทัดสอง ", multiline=True) == ("บรรทัด หนึ่ง\n\nบรรทัดสอง")
    assert normalise("a\nb") == "a b"


def test_name_key_ignores_case_and_forms() -> None:
    assert name_key("Somchai  NAMJAI") == name_key("somchai namjai")
    assert name_key(DECOMPOSED) == name_key(COMPOSED)


@given(st.text())
def test_normalise_is_idempotent(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once
    assert once == once.strip()
    assert "  " not in once
    assert "\u0e4d\u0e32" not in once


@given(st.text())
def test_multiline_is_idempotent(text: str) -> None:
    once = normalise(text, multiline=True)
    assert normalise(once, multiline=True) == once


def test_table_cells_are_normalised(tmp_path: Path) -> None:
    columns = (Column("name", "ชื่อ-สกุล"), Column("note", "หมายเหตุ", multiline=True))
    path = write_csv(
        tmp_path / "t.csv", ["ชื่อ\u200b-สกุล", "หมายเหตุ"], [[f" {DECOMPOSED} ", "ก  ข\nค"]]
    )
    table = read_table(path, columns)
    assert table.rows[0].values == {"name": COMPOSED, "note": "ก ข\nค"}
    xlsx = write_xlsx(tmp_path / "t.xlsx", ["name", "note"], [[NIKHAHIT_FIRST, "x\u200b"]])
    assert read_table(xlsx, columns).rows[0].values == {"name": COMPOSED, "note": "x"}


def test_a_decomposed_sara_am_does_not_make_a_second_inspector(
    db: Database, tmp_path: Path
) -> None:
    add_tambons(db)
    make_contest(db)
    header = ["round", "inspector", "tambon_code", "criterion", "score"]
    first = write_csv(tmp_path / "a.csv", header, [["outstanding", COMPOSED, "840503", "C1", 7]])
    second = write_csv(tmp_path / "b.csv", header, [["outstanding", DECOMPOSED, "840503", "C2", 6]])
    committee = committee_user(db, "test")
    import_scores(db, committee, first)
    summary = import_scores(db, committee, second)
    assert summary.details["inspectors_added"] == 0
    with db.transaction() as s:
        names = list(s.scalars(select(m.Inspector.name)))
        sheets = list(s.scalars(select(m.Sheet.id)))
        values = set(s.scalars(select(m.Score.value)))
    assert names == [COMPOSED]
    assert len(sheets) == 1 and values == {7.0, 6.0}
