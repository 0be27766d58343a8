"""The assignment-design service: zones whose inspectors share no tambon, from the round's
assignments or, without them, its sheets."""

from __future__ import annotations

import json

import pytest

from evaluator.db import Database
from evaluator.db import models as m
from evaluator.errors import NotFoundError
from evaluator.services.assignment_design import assignment_design
from tests.evaluator.ranking_fixtures import ContestBuilder


def _assign(b: ContestBuilder, round_code: str, inspector: str, tambon: str) -> None:
    with b.db.transaction() as s:
        s.add(
            m.Assignment(
                round_id=b.round_ids[round_code],
                inspector_id=b.inspector(inspector),
                tambon_code=tambon,
            )
        )


def test_zones_whose_inspectors_share_no_tambon(db: Database) -> None:
    b = ContestBuilder(db).round("outstanding", winners_per_zone=1)
    b.tambons("180101", "180102", "180103", "840101", "840102", "860101")
    # zone 1 (ชัยนาท 18): ก and ข share 180102 → one group
    for inspector, tambon in [("ก", "180101"), ("ก", "180102"), ("ข", "180102"), ("ข", "180103")]:
        _assign(b, "outstanding", inspector, tambon)
    # zone 5 (84, 86): ค alone on 84xxxx, ง alone on 860101 → two groups
    for inspector, tambon in [("ค", "840101"), ("ค", "840102"), ("ง", "860101")]:
        _assign(b, "outstanding", inspector, tambon)
    report = assignment_design(db, "outstanding")
    assert report.source == "assignments"
    assert [(z.zone, z.separable) for z in report.zones] == [(1, True), (5, False)]
    (problem,) = report.problems
    assert problem.parts[0].inspectors == ("ค",)
    assert [code for code, _ in problem.parts[0].tambons] == ["840101", "840102"]
    assert problem.parts[1].inspectors == ("ง",)
    assert "เขต 5" in problem.message and "zone 5" in problem.message
    assert report.national_message == ""


def test_without_assignments_the_sheets_are_checked(db: Database) -> None:
    b = ContestBuilder(db).round("national", winners=3)
    b.tambons("180101", "840101")
    b.sheet("national", "ก", "180101", [5, 5])
    b.sheet("national", "ข", "840101", [5, 5])
    report = assignment_design(db)
    assert report.source == "sheets"
    assert report.problems == ()
    assert report.national and report.cross_zone_inspectors == ()
    assert "ranks nationally" in report.national_message
    with pytest.raises(NotFoundError):
        assignment_design(db, "no-such-round")


def test_design_command(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    from evaluator.cli import parser as cli

    b = ContestBuilder(db).round("outstanding", winners_per_zone=1)
    b.tambons("840101", "860101")
    _assign(b, "outstanding", "ค", "840101")
    _assign(b, "outstanding", "ง", "860101")
    assert cli.main(["--db", str(db.file_path), "design", "--round", "outstanding"]) == 1
    out = capsys.readouterr().out
    assert "เขต  5: ผู้ประเมิน 2 คน ตำบล 2 ตำบล — แยกเป็น 2 กลุ่ม" in out
    assert "กลุ่ม 1: ค (1 ตำบล)" in out
    assert cli.main(["--db", str(db.file_path), "design", "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["problems"] == [5] and data["source"] == "assignments"
    _assign(b, "outstanding", "ง", "840101")
    assert cli.main(["--db", str(db.file_path), "design"]) == 0
    assert "every zone is linked" in capsys.readouterr().out
