"""The ranking commands: rank (JSON and Thai table), explain, agreement, budget, finalise."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from evaluator.cli import parser as cli
from evaluator.cli.ranking import table, width
from evaluator.db import Database
from evaluator.db import models as m
from tests.accounts import TEST_PASSWORD, make_user, sign_in
from tests.evaluator.ranking_fixtures import ContestBuilder
from tests.evaluator.test_ranking_service import build

ROOT = Path(__file__).resolve().parents[2]


def run(db: Database, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    assert db.file_path is not None
    code = cli.main(["--db", str(db.file_path), *args])
    out, err = capsys.readouterr()
    return code, out, err


def run_json(db: Database, capsys: pytest.CaptureFixture[str], *args: str) -> Any:
    code, out, err = run(db, capsys, *args, "--json")
    assert code == 0, err
    return json.loads(out)


def test_rank_json_object(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    build(db)
    data = run_json(db, capsys, "rank", "--round", "outstanding")
    assert data["round"] == "outstanding"
    assert (data["finalised"], data["result_hash"]) == (False, None)
    assert data["quota"] == {"kind": "zone", "winners": 2}
    ranking = data["ranking"]
    assert [(e["zone"], e["tambon_code"], e["rank"], e["status"]) for e in ranking] == [
        (5, "840101", 1, "winner"),
        (5, "840103", 2, "winner"),
        (5, "840102", 3, "eligible"),
        (5, "860101", 4, "eligible"),
        (15, "500101", 1, "winner"),
        (15, "500102", 2, "winner"),
    ]
    first = ranking[0]
    for key in ("rank", "zone", "tambon_code", "tambon", "score", "sheets", "status", "reason"):
        assert key in first
    assert (first["tambon"], first["province"], first["score"], first["sheets"]) == (
        "ท่าทอง",
        "สุราษฎร์ธานี",
        83.0,
        2,
    )
    assert ranking[3]["excluded_sheets"][0]["status"] == "draft"


def test_rank_json_lists_ineligible_last_with_a_reason(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    build(db)
    ranking = run_json(db, capsys, "rank", "--round", "excellent")["ranking"]
    assert [(e["tambon_code"], e["rank"], e["status"]) for e in ranking[:2]] == [
        ("500101", 1, "winner"),
        ("840101", 2, "eligible"),
    ]
    rest = ranking[2:]
    assert {e["status"] for e in rest} == {"ineligible"}
    assert all(e["rank"] is None and e["reason"] for e in rest)
    by_code = {e["tambon_code"]: e for e in rest}
    assert by_code["840102"]["score"] == 100.0
    assert by_code["840102"]["reason_en"] == "not a winner of round outstanding"


def test_rank_json_one_zone(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    build(db)
    data = run_json(db, capsys, "rank", "--round", "outstanding", "--zone", "15")
    assert data["zone"] == 15
    assert [e["tambon_code"] for e in data["ranking"]] == ["500101", "500102"]


def test_rank_scores_are_rounded_to_two_decimals(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    b = ContestBuilder(db, criteria=(("C1", 3, 100),))
    b.round("r", winners=1)
    b.tambon("840101")
    b.sheet("r", "ก", "840101", [1])  # 100 × 1/3 = 33.333…
    b.sheet("r", "ข", "840101", [2])  # 66.666… → mean 50
    b.tambon("840102")
    b.sheet("r", "ก", "840102", [1])
    (e1, e2) = run_json(db, capsys, "rank", "--round", "r")["ranking"]
    assert (e1["tambon_code"], e1["score"]) == ("840101", 50.0)
    assert (e2["tambon_code"], e2["score"]) == ("840102", 33.33)


def test_rank_table_in_thai_per_zone(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    build(db)
    code, out, _ = run(db, capsys, "rank", "--round", "outstanding")
    assert code == 0
    assert "เขตตรวจราชการที่ 5: ได้รับรางวัล 2 ตำบล" in out
    assert "เขตตรวจราชการที่ 15" in out
    assert "ท่าทอง" in out and "83.00" in out and "มีสิทธิ์ ไม่ได้รับรางวัล" in out


def test_rank_table_of_a_national_round(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    build(db)
    code, out, _ = run(db, capsys, "rank", "--round", "excellent", "--all")
    assert code == 0
    assert "ทั้งประเทศ: ได้รับรางวัล 1 ตำบล" in out
    assert "ไม่ได้เป็นผู้ได้รับรางวัลในรอบ ดีเด่น" in out


def test_unknown_round_fails_with_a_message(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    build(db)
    code, out, err = run(db, capsys, "rank", "--round", "ไม่มี", "--json")
    assert code != 0 and out == ""
    assert "ไม่พบรอบ" in err


def test_explain(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    build(db)
    code, out, _ = run(db, capsys, "explain", "--round", "outstanding", "--tambon", "840102")
    assert code == 0
    assert "อันดับ 3" in out and "C1" in out
    data = run_json(db, capsys, "explain", "--round", "outstanding", "--tambon", "840102")
    assert data["above"]["tambon_code"] == "840103" and data["above"]["decided_by"] == "C1"


def test_agreement(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    build(db)
    code, out, _ = run(db, capsys, "agreement", "--round", "outstanding")
    assert code == 0 and "Krippendorff" in out
    data = run_json(db, capsys, "agreement", "--round", "outstanding")
    spreads = {s["tambon_code"]: s for s in data["spreads"]}
    # 840101: 90 and 76 → spread 14
    assert spreads["840101"]["spread"] == pytest.approx(14)
    assert spreads["840101"]["tambon"] == "ท่าทอง"


def test_budget(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    build(db)
    data = run_json(db, capsys, "budget")
    assert data["total"] == 1_400_000 and data["double_award"] == "both"
    assert [(r["code"], r["amount"]) for r in data["rounds"]] == [
        ("outstanding", 400_000),
        ("excellent", 1_000_000),
    ]
    code, out, _ = run(db, capsys, "budget")
    assert code == 0 and "1,400,000" in out


def test_finalise_and_reopen(
    db: Database, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    build(db)
    make_user(db, "ผู้ดูแล", m.Role.ADMIN)
    sign_in(monkeypatch, "ผู้ดูแล")
    code, out, err = run(db, capsys, "finalise", "--round", "outstanding")
    assert code == 0, err
    digest = out.strip().splitlines()[-1].removeprefix("SHA-256 ")
    data = run_json(db, capsys, "rank", "--round", "outstanding")
    assert (data["finalised"], data["result_hash"], data["finalised_by"]) == (
        True,
        digest,
        "ผู้ดูแล",
    )
    code, _, err = run(db, capsys, "reopen", "--round", "outstanding", "--reason", "กรอกคะแนนผิด")
    assert code == 0, err
    assert run_json(db, capsys, "rank", "--round", "outstanding")["finalised"] is False


def test_finalise_uses_the_stored_role(
    db: Database, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The signed-in user's stored role decides; a name typed without the password is nobody."""
    build(db)
    make_user(db, "inspector1", m.Role.INSPECTOR, name="ผู้ประเมินหนึ่ง")
    make_user(db, "committee1", m.Role.COMMITTEE, name="กรรมการหนึ่ง")
    make_user(db, "admin1", m.Role.ADMIN, name="ผู้ดูแลหนึ่ง")
    monkeypatch.setenv("EVALUATOR_PASSWORD", TEST_PASSWORD)
    code, _, err = run(db, capsys, "finalise", "--round", "outstanding", "--user", "inspector1")
    assert code != 0 and "สิทธิ์" in err
    code, _, err = run(db, capsys, "finalise", "--round", "outstanding", "--user", "คนนอก")
    assert code != 0 and "ชื่อเข้าใช้หรือรหัสผ่านไม่ถูกต้อง" in err
    code, _, err = run(db, capsys, "finalise", "--round", "outstanding", "--user", "committee1")
    assert code != 0 and "ผู้ดูแลระบบ" in err
    monkeypatch.setenv("EVALUATOR_PASSWORD", "not the password")
    code, _, err = run(db, capsys, "finalise", "--round", "outstanding", "--user", "admin1")
    assert code != 0 and "ชื่อเข้าใช้หรือรหัสผ่านไม่ถูกต้อง" in err
    monkeypatch.delenv("EVALUATOR_PASSWORD")
    code, _, err = run(db, capsys, "finalise", "--round", "outstanding", "--user", "admin1")
    assert code != 0 and "EVALUATOR_PASSWORD" in err  # no terminal to ask at
    monkeypatch.setenv("EVALUATOR_PASSWORD", TEST_PASSWORD)
    code, _, err = run(db, capsys, "finalise", "--round", "outstanding", "--user", "admin1")
    assert code == 0, err
    code, _, err = run(db, capsys, "reopen", "--round", "outstanding", "--user", "committee1",
                       "--reason", "ขอแก้")  # fmt: skip
    assert code != 0 and "ผู้ดูแลระบบ" in err
    data = run_json(db, capsys, "rank", "--round", "outstanding")
    assert data["finalised_by"] == "admin1"  # the login, never a typed name


def test_the_installed_entry_point_prints_json(db: Database) -> None:
    build(db)
    assert db.file_path is not None
    result = subprocess.run(
        [sys.executable, "-m", "evaluator", "--db", str(db.file_path), "rank", "--round",
         "outstanding", "--json"],
        capture_output=True,
        cwd=ROOT,
        check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr.decode()
    data = json.loads(result.stdout.decode("utf-8"))
    assert data["ranking"][0]["tambon"] == "ท่าทอง"


def test_thai_width_ignores_marks_above_and_below() -> None:
    assert width("ที่นี่") == 2  # ท and น; the vowel and tone marks sit above them
    assert width("ท่าทอง") == 5
    lines = table(["ตำบล", "คะแนน"], [["ที่นี่", "1.00"], ["ab", "10.00"]], {1})
    assert [width(line) for line in lines[2:]] == [width(lines[2])] * 2
