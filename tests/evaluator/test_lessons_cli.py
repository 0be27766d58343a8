"""The lessons from the command line: list (signed in; an inspector sees their own), mark and
unmark (committee or admin; an inspector is refused)."""

from __future__ import annotations

import json

import pytest

from evaluator.cli import parser as cli
from evaluator.db import Database
from evaluator.services import lessons, sheets
from tests.accounts import give_passwords, sign_in
from tests.evaluator.sheet_fixtures import Contest, build_contest


@pytest.fixture
def contest(db: Database) -> Contest:
    built = build_contest(db)
    give_passwords(db)
    return built


def test_list_mark_and_unmark(
    db: Database,
    contest: Contest,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    sheet_id = sheets.start_sheet(db, contest.inspector_a, "outstanding", contest.tambons[0])
    lessons.save_lessons(db, contest.inspector_a, sheet_id, {"good_practices": "ตั้งธนาคารข้าวชุมชน"})
    uuid = sheets.get_sheet(db, contest.inspector_a, sheet_id).uuid
    other = sheets.start_sheet(db, contest.inspector_b, "outstanding", contest.tambons[1])
    lessons.save_lessons(db, contest.inspector_b, other, {"good_practices": "ปลูกผักสวนครัว"})
    path = str(db.file_path)
    sign_in(monkeypatch, contest.inspector_a.login)
    assert cli.main(["--db", path, "lessons", "list", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [x["sheet"] for x in data["lessons"]] == [uuid]  # their own only
    assert data["themes"][0]["theme"] == "rice_bank"
    assert cli.main(["--db", path, "lessons", "mark", "--sheet", uuid]) != 0  # not theirs to mark
    assert "ไม่มีสิทธิ์" in capsys.readouterr().err
    sign_in(monkeypatch, contest.committee.login)
    assert cli.main(["--db", path, "lessons", "mark", "--sheet", uuid, "--note", "ขยายผล"]) == 0
    assert cli.main(["--db", path, "lessons", "list", "--spread", "--text", "ธนาคาร"]) == 0
    out = capsys.readouterr().out
    assert uuid in out and "★" in out
    assert cli.main(["--db", path, "lessons", "unmark", "--sheet", uuid, "--reason", "ซ้ำ"]) == 0
    assert lessons.list_lessons(db, contest.committee, spread_only=True) == []
    assert cli.main(["--db", path, "lessons", "mark", "--sheet", "no-such-sheet"]) == 1
