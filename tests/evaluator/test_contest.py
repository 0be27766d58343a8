"""Contest files: the default contest, every kind of bad file, and storing (all or nothing,
idempotent, rubric versions, finalised rounds)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from evaluator import audit
from evaluator.cli import parser as cli
from evaluator.contest.parse import parse_contest, read_contest_file
from evaluator.contest.spec import CriterionSpec, LevelSpec
from evaluator.db import Database
from evaluator.db import models as m
from evaluator.errors import InputError, LockedError, Problem
from evaluator.services.contest import contest_spec
from evaluator.services.contest_import import (
    default_contest_path,
    import_contest,
    import_default_contest,
)
from tests.accounts import sign_in

# A small, valid contest file; the bad files below are each one edit of it.
GOOD = """\
[contest]
code = "T1"
title = "การประกวดทดสอบ"

[settings]
conflict_of_interest = "flag"
double_award = "highest"
spread_threshold = 15

[[criteria]]
code = "C1"
title = "ผู้นำทำก่อน"
description = "ผู้นำลงมือทำก่อน"
max_score = 10
weight = 60

  [[criteria.levels]]
  min = 0
  max = 5
  label = "ต้องปรับปรุง"
  description = "ยังไม่ได้ทำ"

  [[criteria.levels]]
  min = 5
  max = 10
  label = "ดี"

[[criteria]]
code = "C2"
title = "ปลูกผักทุกครัวเรือน"
max_score = 5
weight = 40
levels = [
  { min = 0, max = 2.5, label = "น้อย" },
  { min = 2.5, max = 5, label = "มาก" },
]

[[rounds]]
code = "outstanding"
title = "ดีเด่น"
prize_baht = 100000
winners_per_zone = 5
min_sheets = 2
min_score = 50
aggregation = "median"
tie_break = ["C1", "C2"]

[[rounds]]
code = "excellent"
title = "ดีเลิศ"
prize_baht = 1000000
winners = 18
eligible_from = "outstanding"
"""


def _line_of(source: str, needle: str, occurrence: int = 1) -> int:
    """The 1-based line of the n-th line of ``source`` that contains ``needle``."""
    hits = [n for n, line in enumerate(source.splitlines(), start=1) if needle in line]
    return hits[occurrence - 1]


def _problems(source: str) -> list[Problem]:
    with pytest.raises(InputError) as caught:
        parse_contest(source, "bad.toml")
    assert caught.value.problems
    assert all(p.file == "bad.toml" for p in caught.value.problems)
    return caught.value.problems


def _only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, problems
    return problems[0]


def _dump(db: Database) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table."""
    with db.engine.connect() as conn:
        return {
            table.name: [
                tuple(r) for r in conn.execute(table.select().order_by(*table.primary_key))
            ]
            for table in m.Base.metadata.sorted_tables
        }


def _write(tmp_path: Path, source: str, name: str = "contest.toml") -> Path:
    path = tmp_path / name
    path.write_text(source, encoding="utf-8")
    return path


def _score_a_sheet(db: Database, contest_code: str = "T1", value: float = 4.0) -> None:
    """One inspector's sheet with a score on every criterion of the contest's first round."""
    with db.transaction() as s:
        s.add(m.District(code="8405", name_th="เกาะพะงัน", province_code="84"))
        s.add(m.Tambon(code="840503", name_th="เกาะเต่า", district_code="8405"))
        inspector = m.Inspector(name="นายสมชาย ใจดี", zone_number=5)
        s.add(inspector)
        contest = s.scalars(select(m.Contest).where(m.Contest.code == contest_code)).one()
        s.flush()
        sheet = m.Sheet(
            round_id=contest.rounds[0].id,
            inspector_id=inspector.id,
            tambon_code="840503",
            status=m.SheetStatus.SUBMITTED,
        )
        s.add(sheet)
        s.flush()
        s.add_all(
            m.Score(sheet_id=sheet.id, criterion_id=c.id, value=value) for c in contest.criteria
        )


# --- the parsed form ------------------------------------------------------------------------


def test_good_file_parses_into_specs() -> None:
    spec = parse_contest(GOOD, "good.toml")
    assert (spec.code, spec.title) == ("T1", "การประกวดทดสอบ")
    settings = spec.settings
    assert (settings.conflict_of_interest, settings.double_award) == ("flag", "highest")
    assert settings.spread_threshold == 15
    c1, c2 = spec.criteria
    assert (c1.code, c1.max_score, c1.weight, c1.description) == ("C1", 10, 60, "ผู้นำลงมือทำก่อน")
    assert c1.levels == (
        LevelSpec(0, 5, "ต้องปรับปรุง", "ยังไม่ได้ทำ"),
        LevelSpec(5, 10, "ดี", ""),
    )
    # inline tables give the same levels as [[criteria.levels]]
    assert c2.levels == (LevelSpec(0, 2.5, "น้อย"), LevelSpec(2.5, 5, "มาก"))
    outstanding, excellent = spec.rounds
    assert outstanding.winners_per_zone == 5 and outstanding.winners is None
    assert outstanding.by_zone and outstanding.quota == 5
    assert (outstanding.min_sheets, outstanding.min_score) == (2, 50)
    assert (outstanding.aggregation, outstanding.tie_break) == ("median", ("C1", "C2"))
    assert excellent.winners == 18 and not excellent.by_zone
    assert excellent.eligible_from == "outstanding"
    # defaults of a round that leaves them out
    assert (excellent.min_sheets, excellent.min_score, excellent.aggregation) == (1, 0, "mean")
    assert spec.criterion("C2") is c2 and spec.round("excellent") is excellent


def test_level_for_puts_a_boundary_score_in_the_higher_band() -> None:
    c = CriterionSpec(
        "C1",
        "t",
        10,
        100,
        levels=(LevelSpec(0, 4, "a"), LevelSpec(4, 8, "b"), LevelSpec(8, 10, "c")),
    )
    assert [c.level_for(x).label for x in (0, 3.5, 4, 7.99, 8, 10)] == list("aabbcc")  # type: ignore[union-attr]
    assert c.level_for(10.5) is None
    assert CriterionSpec("C2", "t", 10, 0).level_for(5) is None


def test_default_contest_is_a_complete_editable_template() -> None:
    path = default_contest_path()
    source = path.read_text(encoding="utf-8")
    header = source.split("[contest]")[0]
    assert "แม่แบบที่แก้ไขได้" in header and "NOT AN OFFICIAL RUBRIC" in header
    spec = read_contest_file(path)
    assert spec.code == "CL2564"
    assert 8 <= len(spec.criteria) <= 10
    assert sum(c.weight for c in spec.criteria) == pytest.approx(100)
    thai = re.compile(r"[\u0E00-\u0E7F]")
    for c in spec.criteria:
        assert thai.search(c.title) and thai.search(c.description)
        assert 4 <= len(c.levels) <= 5
        assert all(thai.search(lv.label) and thai.search(lv.description) for lv in c.levels)
    titles = " ".join(c.title for c in spec.criteria)
    for idea in ("ผู้นำทำก่อน", "โคก หนอง นา", "คลังอาหาร", "เมล็ดพันธุ์", "บรรจุภัณฑ์", "ดิน น้ำ ป่า"):
        assert idea in titles
    outstanding, excellent = spec.rounds
    assert (outstanding.code, outstanding.prize_baht) == ("outstanding", 100_000)
    assert outstanding.title == "ตำบลผู้นำการเปลี่ยนแปลงดีเด่น"
    assert outstanding.winners_per_zone and outstanding.min_sheets == 2
    assert outstanding.aggregation == "mean" and outstanding.tie_break[0] == "C1"
    assert (excellent.code, excellent.prize_baht) == ("excellent", 1_000_000)
    assert excellent.title == "ตำบลผู้นำการเปลี่ยนแปลงดีเลิศ"
    assert excellent.winners_per_zone == 1 and excellent.eligible_from == "outstanding"


# --- bad files: each problem names its field (and its line) ---------------------------------

Edit = Callable[[str], str]

BAD_FILES: list[tuple[str, Edit, str, str]] = [
    # (what, edit of GOOD, field of the problem, text on the problem's line [#occurrence])
    (
        "weights do not sum to 100",
        lambda s: s.replace("weight = 40", "weight = 35"),
        "criteria.weight",
        "[[criteria]]",
    ),
    (
        "duplicate criterion code",
        lambda s: s.replace('code = "C2"', 'code = "C1"').replace('"C1", "C2"', '"C1"'),
        "criteria[1].code",
        'code = "C1"#2',
    ),
    (
        "max_score zero",
        lambda s: s.replace("max_score = 5", "max_score = 0"),
        "criteria[1].max_score",
        "max_score = 0",
    ),
    (
        "max_score not a number",
        lambda s: s.replace("max_score = 10", 'max_score = "สิบ"'),
        "criteria[0].max_score",
        'max_score = "สิบ"',
    ),
    (
        "negative weight",
        lambda s: s.replace("weight = 60", "weight = -60"),
        "criteria[0].weight",
        "weight = -60",
    ),
    (
        "missing title",
        lambda s: s.replace('title = "ปลูกผักทุกครัวเรือน"\n', ""),
        "criteria[1].title",
        "[[criteria]]#2",
    ),
    (
        "typo in a key",
        lambda s: s.replace('description = "ผู้นำลงมือทำก่อน"', 'descripton = "x"'),
        "criteria[0].descripton",
        "descripton",
    ),
    ("unknown top-level table", lambda s: s + "\n[setings]\nx = 1\n", "setings", "[setings]"),
    (
        "levels with a gap",
        lambda s: s.replace("  min = 5\n", "  min = 6\n"),
        "criteria[0].levels[1].min",
        "min = 6",
    ),
    (
        "levels that overlap",
        lambda s: s.replace("{ min = 2.5, max = 5", "{ min = 2, max = 5"),
        "criteria[1].levels[1].min",
        "{ min = 2, max = 5",
    ),
    (
        "levels not from 0",
        lambda s: s.replace("{ min = 0, max = 2.5", "{ min = 1, max = 2.5"),
        "criteria[1].levels[0].min",
        "{ min = 1,",
    ),
    (
        "levels not up to max_score",
        lambda s: s.replace("  max = 10\n", "  max = 9\n"),
        "criteria[0].levels[1].max",
        "max = 9",
    ),
    (
        "level with max below min",
        lambda s: s.replace("  max = 5\n", "  max = 0\n"),
        "criteria[0].levels[0].max",
        "max = 0",
    ),
    (
        "level without a label",
        lambda s: s.replace('  label = "ดี"\n', ""),
        "criteria[0].levels[1].label",
        "[[criteria.levels]]#2",
    ),
    (
        "both winners_per_zone and winners",
        lambda s: s.replace("winners = 18", "winners = 18\nwinners_per_zone = 1"),
        "rounds[1].winners_per_zone",
        "winners_per_zone = 1",
    ),
    (
        "neither winners_per_zone nor winners",
        lambda s: s.replace("winners = 18\n", ""),
        "rounds[1].winners_per_zone",
        "[[rounds]]#2",
    ),
    (
        "zero winners",
        lambda s: s.replace("winners_per_zone = 5", "winners_per_zone = 0"),
        "rounds[0].winners_per_zone",
        "winners_per_zone = 0",
    ),
    (
        "fractional min_sheets",
        lambda s: s.replace("min_sheets = 2", "min_sheets = 1.5"),
        "rounds[0].min_sheets",
        "min_sheets = 1.5",
    ),
    (
        "min_score above 100",
        lambda s: s.replace("min_score = 50", "min_score = 150"),
        "rounds[0].min_score",
        "min_score = 150",
    ),
    (
        "unknown aggregation",
        lambda s: s.replace('"median"', '"average"'),
        "rounds[0].aggregation",
        "aggregation",
    ),
    (
        "tie_break names no criterion",
        lambda s: s.replace('["C1", "C2"]', '["C1", "C9"]'),
        "rounds[0].tie_break[1]",
        "tie_break",
    ),
    (
        "tie_break not a list",
        lambda s: s.replace('["C1", "C2"]', '"C1"'),
        "rounds[0].tie_break",
        "tie_break",
    ),
    (
        "eligible_from an unknown round",
        lambda s: s.replace('eligible_from = "outstanding"', 'eligible_from = "gold"'),
        "rounds[1].eligible_from",
        "eligible_from",
    ),
    (
        "eligible_from a later round",
        lambda s: s.replace(
            "winners_per_zone = 5\n", 'winners_per_zone = 5\neligible_from = "excellent"\n'
        ).replace('eligible_from = "outstanding"', ""),
        "rounds[0].eligible_from",
        'eligible_from = "excellent"',
    ),
    (
        "duplicate round code",
        lambda s: s.replace('code = "excellent"', 'code = "outstanding"').replace(
            'eligible_from = "outstanding"', ""
        ),
        "rounds[1].code",
        'code = "outstanding"#2',
    ),
    (
        "bad conflict policy",
        lambda s: s.replace('"flag"', '"ignore"'),
        "settings.conflict_of_interest",
        "conflict_of_interest",
    ),
    (
        "bad double-award policy",
        lambda s: s.replace('"highest"', '"all"'),
        "settings.double_award",
        "double_award",
    ),
    (
        "spread threshold not positive",
        lambda s: s.replace("spread_threshold = 15", "spread_threshold = 0"),
        "settings.spread_threshold",
        "spread_threshold",
    ),
    (
        "bad criterion code",
        lambda s: s.replace('code = "C2"', 'code = "ข้อ 2"').replace('"C1", "C2"', '"C1"'),
        "criteria[1].code",
        'code = "ข้อ 2"',
    ),
    (
        "contest without a code",
        lambda s: s.replace('code = "T1"\n', ""),
        "contest.code",
        "[contest]",
    ),
]


@pytest.mark.parametrize(
    ("what", "edit", "field", "line_text"), BAD_FILES, ids=[b[0] for b in BAD_FILES]
)
def test_bad_file_names_the_field_and_line(
    what: str, edit: Edit, field: str, line_text: str
) -> None:
    source = edit(GOOD)
    assert source != GOOD, what
    problem = _only(_problems(source))
    assert problem.field == field
    needle, _, occurrence = line_text.partition("#")
    assert problem.row == _line_of(source, needle, int(occurrence or 1)), problem
    assert re.search(r"[\u0E00-\u0E7F]", problem.message), "the message is in Thai"


def test_a_typo_suggests_the_right_key() -> None:
    problems = _problems(GOOD.replace("weight = 60", "wieght = 60"))
    fields = {p.field for p in problems}
    assert fields == {"criteria[0].wieght", "criteria[0].weight"}  # unknown key, then missing key
    typo = next(p for p in problems if p.field == "criteria[0].wieght")
    assert "'weight'" in typo.message


def test_every_problem_is_reported_at_once() -> None:
    source = GOOD.replace("weight = 60", "weight = 61").replace('"median"', '"avg"')
    source = source.replace('["C1", "C2"]', '["C7"]')
    fields = sorted(str(p.field) for p in _problems(source))
    assert fields == ["criteria.weight", "rounds[0].aggregation", "rounds[0].tie_break[0]"]


def test_weights_within_tolerance_are_accepted() -> None:
    source = GOOD.replace("weight = 60", "weight = 60.0000000001")
    assert parse_contest(source).criteria[0].weight == pytest.approx(60)


def test_broken_toml_gives_the_line_tomllib_reports() -> None:
    source = GOOD.replace("max_score = 5", "max_score = ")
    problem = _only(_problems(source))
    lines = source.splitlines()
    assert problem.row is not None and lines[problem.row - 1].strip() == "max_score ="
    assert "TOML" in problem.message


def test_missing_sections_are_reported() -> None:
    fields = {p.field for p in _problems('[contest]\ncode = "X"\ntitle = "x"\n')}
    assert fields == {"criteria", "rounds"}
    assert "contest" in {p.field for p in _problems(GOOD.replace("[contest]", "[contst]"))}


def test_a_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "tis620.toml"
    path.write_bytes(GOOD.encode("utf-8").replace("ดีเด่น".encode(), "ดีเด่น".encode("cp874")))
    with pytest.raises(InputError) as caught:
        read_contest_file(path)
    assert caught.value.problems[0].file == str(path)


# --- storing --------------------------------------------------------------------------------


def test_import_writes_contest_criteria_levels_and_rounds(db: Database, tmp_path: Path) -> None:
    result = import_contest(db, _write(tmp_path, GOOD), actor="ทดสอบ")
    assert result.created and result.changed
    assert (result.code, result.criteria, result.rounds, result.rubric_version) == ("T1", 2, 2, 1)
    with db.transaction() as s:
        contest = s.scalars(select(m.Contest)).one()
        assert contest.settings == {
            "conflict_of_interest": "flag",
            "double_award": "highest",
            "spread_threshold": 15,
        }
        assert [(c.code, c.position, c.max_score, c.weight) for c in contest.criteria] == [
            ("C1", 0, 10, 60),
            ("C2", 1, 5, 40),
        ]
        assert [(lv.min_score, lv.max_score, lv.label) for lv in contest.criteria[1].levels] == [
            (0, 2.5, "น้อย"),
            (2.5, 5, "มาก"),
        ]
        outstanding, excellent = contest.rounds
        assert (outstanding.code, outstanding.winners_per_zone, outstanding.tie_break) == (
            "outstanding",
            5,
            ["C1", "C2"],
        )
        assert (excellent.winners, excellent.eligible_from, excellent.prize_baht) == (
            18,
            "outstanding",
            1_000_000,
        )
        assert contest_spec(s, contest) == parse_contest(GOOD)
        entries = s.scalars(select(m.AuditEntry)).all()
        assert [(e.actor, e.source, e.entity, e.entity_key) for e in entries] == [
            ("ทดสอบ", "import", "contest", "T1")
        ]
        record = s.scalars(select(m.ImportRecord)).one()
        assert (record.kind, record.filename, len(record.sha256)) == ("contest", "contest.toml", 64)


def test_reimporting_the_same_file_changes_nothing(any_db: Database, tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD)
    import_contest(any_db, path, actor="a")
    before = _dump(any_db)
    again = import_contest(any_db, path, actor="a")
    assert not again.created and not again.changed and again.changes == ()
    assert _dump(any_db) == before


@pytest.mark.parametrize("what", [b[0] for b in BAD_FILES[:6]] + ["broken TOML"])
def test_a_refused_import_leaves_the_database_unchanged(
    db: Database, tmp_path: Path, what: str
) -> None:
    import_contest(db, _write(tmp_path, GOOD), actor="a")
    before = _dump(db)
    edit = {b[0]: b[1] for b in BAD_FILES}.get(
        what, lambda s: s.replace("title = ", "title == ", 1)
    )
    bad = edit(GOOD).replace("การประกวดทดสอบ", "ชื่อใหม่")
    with pytest.raises(InputError):
        import_contest(db, _write(tmp_path, bad, "bad.toml"), actor="a")
    assert _dump(db) == before


def test_a_refused_first_import_stores_nothing(db: Database, tmp_path: Path) -> None:
    before = _dump(db)
    with pytest.raises(InputError):
        import_contest(db, _write(tmp_path, GOOD.replace("weight = 40", "weight = 4")))
    assert _dump(db) == before


def test_changing_the_rubric_before_any_score_keeps_the_version(
    db: Database, tmp_path: Path
) -> None:
    import_contest(db, _write(tmp_path, GOOD), actor="a")
    changed = GOOD.replace("weight = 60", "weight = 70").replace("weight = 40", "weight = 30")
    result = import_contest(db, _write(tmp_path, changed, "v2.toml"), actor="a")
    assert result.changed and not result.rubric_version_bumped and result.rubric_version == 1
    assert any("C1" in line and "weight" in line for line in result.changes)
    with db.transaction() as s:
        weights = s.execute(select(m.Criterion.code, m.Criterion.weight).order_by(m.Criterion.code))
        assert weights.all() == [("C1", 70), ("C2", 30)]
        assert s.scalar(select(func.count()).select_from(m.AuditEntry)) == 2


def test_changing_a_scored_rubric_bumps_the_version(db: Database, tmp_path: Path) -> None:
    import_contest(db, _write(tmp_path, GOOD), actor="a")
    _score_a_sheet(db)
    changed = GOOD.replace('label = "ดี"', 'label = "ดีมาก"').replace(
        "[[rounds]]",
        '[[criteria]]\ncode = "C3"\ntitle = "ใหม่"\nmax_score = 10\nweight = 0\n\n[[rounds]]',
        1,
    )
    result = import_contest(db, _write(tmp_path, changed, "v2.toml"), actor="a")
    assert result.rubric_version_bumped and result.rubric_version == 2
    with db.transaction() as s:
        contest = s.scalars(select(m.Contest)).one()
        assert contest.rubric_version == 2
        assert [c.code for c in contest.criteria] == ["C1", "C2", "C3"]
        assert [lv.label for lv in contest.criteria[0].levels] == ["ต้องปรับปรุง", "ดีมาก"]
        assert s.scalar(select(func.count()).select_from(m.Score)) == 2  # scores kept
    # importing the same changed file again changes nothing, the version stays
    again = import_contest(db, _write(tmp_path, changed, "v2.toml"), actor="a")
    assert not again.changed and again.rubric_version == 2


def test_changing_only_a_round_does_not_bump_the_rubric(db: Database, tmp_path: Path) -> None:
    import_contest(db, _write(tmp_path, GOOD), actor="a")
    _score_a_sheet(db)
    changed = GOOD.replace("winners_per_zone = 5", "winners_per_zone = 3")
    result = import_contest(db, _write(tmp_path, changed, "v2.toml"), actor="a")
    assert result.changed and not result.rubric_version_bumped
    with db.transaction() as s:
        assert s.scalar(select(m.Round.winners_per_zone).where(m.Round.code == "outstanding")) == 3


def test_a_contest_with_a_finalised_round_cannot_change(db: Database, tmp_path: Path) -> None:
    import_contest(db, _write(tmp_path, GOOD), actor="a")
    with db.transaction() as s:
        rnd = s.scalars(select(m.Round).where(m.Round.code == "outstanding")).one()
        rnd.finalised_at = datetime(2021, 5, 31, tzinfo=UTC)
    before = _dump(db)
    changed = GOOD.replace("prize_baht = 1000000", "prize_baht = 2000000")
    with pytest.raises(LockedError, match="outstanding"):
        import_contest(db, _write(tmp_path, changed, "v2.toml"), actor="a")
    assert _dump(db) == before
    # the unchanged file is still accepted: it changes nothing
    assert not import_contest(db, _write(tmp_path, GOOD), actor="a").changed


def test_removing_a_scored_criterion_or_shrinking_its_scale_is_refused(
    db: Database, tmp_path: Path
) -> None:
    import_contest(db, _write(tmp_path, GOOD), actor="a")
    _score_a_sheet(db, value=4.0)
    before = _dump(db)
    without_c2 = GOOD.split('[[criteria]]\ncode = "C2"')[0].replace("weight = 60", "weight = 100")
    without_c2 += "[[rounds]]" + GOOD.split("[[rounds]]", 1)[1].replace('["C1", "C2"]', '["C1"]')
    with pytest.raises(InputError) as caught:
        import_contest(db, _write(tmp_path, without_c2, "v2.toml"), actor="a")
    assert caught.value.problems[0].field == "criteria" and "C2" in caught.value.problems[0].message
    smaller = GOOD.replace("max_score = 5", "max_score = 3").replace(
        "{ min = 2.5, max = 5", "{ min = 2.5, max = 3"
    )
    with pytest.raises(InputError) as caught:
        import_contest(db, _write(tmp_path, smaller, "v3.toml"), actor="a")
    assert caught.value.problems[0].field == "criteria[1].max_score"
    assert _dump(db) == before


def test_a_round_without_sheets_can_be_removed(db: Database, tmp_path: Path) -> None:
    import_contest(db, _write(tmp_path, GOOD), actor="a")
    one_round = GOOD.split('[[rounds]]\ncode = "excellent"')[0]
    result = import_contest(db, _write(tmp_path, one_round, "v2.toml"), actor="a")
    assert "ลบรอบ excellent" in result.changes
    with db.transaction() as s:
        assert s.scalars(select(m.Round.code)).all() == ["outstanding"]


def test_default_contest_loads_and_reloads(db: Database) -> None:
    first = import_default_contest(db, actor="a")
    assert first.created and (first.criteria, first.rounds) == (10, 2)
    before = _dump(db)
    assert not import_default_contest(db, actor="a").changed
    assert _dump(db) == before
    with db.transaction() as s:
        assert s.scalar(select(func.count()).select_from(m.CriterionLevel)) == 50
        assert audit.verify_chain(s) == []


# --- the command line -----------------------------------------------------------------------


def test_cli_import_contest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    target = str(tmp_path / "cli.sqlite3")
    sign_in(monkeypatch, "admin")
    assert cli.main(["--db", target, "init"]) == 0
    path = _write(tmp_path, GOOD)
    assert cli.main(["--db", target, "import", "contest", str(path)]) == 0
    assert "T1" in capsys.readouterr().out
    assert cli.main(["--db", target, "import", "contest", str(path)]) == 0
    assert "ไม่มีการเปลี่ยนแปลง" in capsys.readouterr().out
    bad = _write(tmp_path, GOOD.replace("weight = 40", "weight = 41"), "bad.toml")
    assert cli.main(["--db", target, "import", "contest", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "bad.toml" in err and "criteria.weight" in err


def test_cli_import_contest_locked_and_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    target = str(tmp_path / "cli.sqlite3")
    sign_in(monkeypatch, "admin")
    assert cli.main(["--db", target, "init"]) == 0
    assert cli.main(["--db", target, "import", "contest", str(tmp_path / "none.toml")]) == 1
    assert "none.toml" in capsys.readouterr().err
    path = _write(tmp_path, GOOD)
    assert cli.main(["--db", target, "import", "contest", str(path)]) == 0
    from evaluator.db import open_database

    db = open_database(target)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE rounds SET finalised_at = '2021-06-30 00:00:00'"))
    db.dispose()
    changed = _write(tmp_path, GOOD.replace("ดีเลิศ", "ดีเลิศ 2564"), "v2.toml")
    assert cli.main(["--db", target, "import", "contest", str(changed)]) == 1
    assert "ปิดผลแล้ว" in capsys.readouterr().err


def test_what_an_import_changed_is_shown_in_english_and_kept_in_thai(
    db: Database, tmp_path: Path
) -> None:
    """The person who imports reads the changes in their language (#15 item 4); the audit entry
    keeps the Thai record, in either mode."""
    from evaluator import i18n

    first = import_contest(db, _write(tmp_path, GOOD), actor="a")
    assert first.change_lines("en") == ["created contest T1: 2 criteria, 2 rounds"]
    changed = GOOD.split('[[rounds]]\ncode = "excellent"')[0].replace("weight = 60", "weight = 70")
    changed = changed.replace("weight = 40", "weight = 30")
    i18n.set_language("en")
    try:
        result = import_contest(db, _write(tmp_path, changed, "v2.toml"), actor="a")
        shown = result.change_lines()
    finally:
        i18n.set_language("th")
    assert "removed round excellent" in shown
    assert any(line.startswith("changed criterion C1: weight 60") for line in shown), shown
    assert all("ลบ" not in line and "แก้" not in line for line in shown)
    assert result.change_lines() == list(result.changes)  # Thai mode: the record itself
    assert "ลบรอบ excellent" in result.changes
    with db.transaction() as s:
        reason = s.scalars(select(m.AuditEntry.reason).order_by(m.AuditEntry.id.desc())).first()
    assert reason == "; ".join(result.changes) and "ลบรอบ excellent" in reason
