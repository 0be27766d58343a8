"""Ties at the cutoff settled by the committee, through the command line (issue 13 item 1)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import select

from evaluator.db import Database
from evaluator.db import models as m
from evaluator.services import audit_log
from evaluator.services import finalise as fin
from tests.accounts import TEST_PASSWORD
from tests.evaluator.helpers import run_cli
from tests.evaluator.ranking_fixtures import ContestBuilder, add_user

# zone 5: 840101 ท่าทอง 90; 840102 บางใบไม้ and 840103 คลองน้อย tied at 80 (C1 equal too) for
# the second and last place; 860101 70.
A, B, C, D = "840101", "840102", "840103", "860101"


@pytest.fixture(autouse=True)
def _password(monkeypatch: pytest.MonkeyPatch) -> None:
    """The users of ``build`` sign in with TEST_PASSWORD; each command names its --user."""
    monkeypatch.setenv("EVALUATOR_PASSWORD", TEST_PASSWORD)


def build(db: Database) -> ContestBuilder:
    b = ContestBuilder(db)
    b.round("outstanding", title="ดีเด่น", prize_baht=100_000, winners_per_zone=2,
            tie_break=["C1"])  # fmt: skip
    b.round("excellent", title="ดีเลิศ", prize_baht=1_000_000, winners_per_zone=1,
            eligible_from="outstanding")  # fmt: skip
    for code, name in ((A, "ท่าทอง"), (B, "บางใบไม้"), (C, "คลองน้อย"), (D, "ท่าตะเภา")):
        b.tambon(code, name)
    b.sheet("outstanding", "ก", A, [9, 9])
    b.sheet("outstanding", "ก", B, [8, 8])
    b.sheet("outstanding", "ข", C, [8, 8])
    b.sheet("outstanding", "ข", D, [7, 7])
    b.sheet("excellent", "ค", A, [9, 8])  # 86
    b.sheet("excellent", "ค", B, [10, 10])  # 100, but only if it wins outstanding
    b.sheet("excellent", "ค", C, [9, 9])  # 90
    add_user(db, "ผู้ประเมินหนึ่ง", m.Role.INSPECTOR)
    add_user(db, "กรรมการหนึ่ง", m.Role.COMMITTEE)
    add_user(db, "ผู้ดูแลหนึ่ง", m.Role.ADMIN)
    return b


def cli_json(db: Database, capsys: pytest.CaptureFixture[str], *args: str) -> Any:
    result = run_cli(db, capsys, *args, "--json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def entry(data: dict[str, Any], code: str) -> dict[str, Any]:
    return next(e for e in data["ranking"] if e["tambon_code"] == code)


def resolve(db: Database, capsys: pytest.CaptureFixture[str], user: str, *args: str) -> Any:
    return run_cli(db, capsys, "ties", "resolve", "--round", "outstanding", "--user", user, *args)


def test_a_tie_at_the_cutoff_is_settled_and_carried_into_the_next_round(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    build(db)
    ties = cli_json(db, capsys, "ties", "list", "--round", "outstanding")
    assert ties["open"] == 1
    (tie,) = ties["ties"]
    assert (tie["zone"], tie["rank"], tie["places"], tie["open"]) == (5, 2, 1, True)
    assert sorted(t["tambon_code"] for t in tie["tambons"]) == [B, C]
    assert {t["score"] for t in tie["tambons"]} == {80.0}
    assert entry(cli_json(db, capsys, "rank", "--round", "outstanding"), B)["status"] == "tie"

    # finalise is refused while the tie is open, and says which
    refused = run_cli(db, capsys, "finalise", "--round", "outstanding", "--user", "ผู้ดูแลหนึ่ง")
    assert refused.code != 0 and B in refused.err and C in refused.err and "ties" in refused.err

    # the committee decides: คลองน้อย wins
    done = resolve(db, capsys, "กรรมการหนึ่ง", "--zone", "5", "--winners", C,
                   "--reason", "ลงพื้นที่ซ้ำแล้ว ผลงานต่อเนื่องกว่า")  # fmt: skip
    assert done.code == 0, done.err
    ranking = cli_json(db, capsys, "rank", "--round", "outstanding")
    won, lost = entry(ranking, C), entry(ranking, B)
    assert won["status"] == "winner"
    assert won["decision"]["who"] == "กรรมการหนึ่ง"
    assert won["decision"]["reason"] == "ลงพื้นที่ซ้ำแล้ว ผลงานต่อเนื่องกว่า"
    assert won["decision"]["when"]
    assert lost["status"] == "eligible" and "committee decision" in lost["reason"]
    assert lost["reason_en"] == "committee decision" and "คณะกรรมการ" in lost["reason"]
    assert [e["tambon_code"] for e in ranking["ranking"] if e["status"] == "winner"] == [A, C]
    listed = cli_json(db, capsys, "ties", "list", "--round", "outstanding")
    assert listed["open"] == 0 and listed["ties"][0]["decision"]["winners"] == [C]
    text = run_cli(db, capsys, "explain", "--round", "outstanding", "--tambon", B).out
    assert "คณะกรรมการ" in text and "ลงพื้นที่ซ้ำแล้ว" in text
    budget = cli_json(db, capsys, "budget")
    outstanding = next(r for r in budget["rounds"] if r["code"] == "outstanding")
    assert outstanding["amount"] == 200_000
    assert budget["decisions"]["outstanding"][0]["winners"] == [C]
    budget_text = run_cli(db, capsys, "budget").out
    assert "คณะกรรมการตัดสินแล้ว" in budget_text and "ลงพื้นที่ซ้ำแล้ว" in budget_text

    # finalise now works, and the next round draws on the decided winners
    final = run_cli(db, capsys, "finalise", "--round", "outstanding", "--user", "ผู้ดูแลหนึ่ง")
    assert final.code == 0, final.err
    excellent = cli_json(db, capsys, "rank", "--round", "excellent")
    assert entry(excellent, C)["status"] == "winner"  # 90, ahead of 840101's 86
    assert entry(excellent, B)["status"] == "ineligible"  # 100, but it lost the decision
    assert fin.verify_result(db, "outstanding").ok
    assert audit_log.verify(db).intact
    with db.transaction() as s:
        logged = s.scalars(select(m.AuditEntry).where(m.AuditEntry.action == "resolve_tie")).one()
        assert logged.actor == "กรรมการหนึ่ง" and C in (logged.new or "")


def test_wrong_role_wrong_choice_and_a_finalised_round_are_refused(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    build(db)
    inspector = resolve(db, capsys, "ผู้ประเมินหนึ่ง", "--zone", "5", "--winners", C,
                        "--reason", "ชอบ")  # fmt: skip
    assert inspector.code != 0 and "สิทธิ์" in inspector.err
    unknown = resolve(db, capsys, "คนนอก", "--zone", "5", "--winners", C, "--reason", "x")
    assert unknown.code != 0 and "ชื่อเข้าใช้หรือรหัสผ่านไม่ถูกต้อง" in unknown.err
    both = resolve(db, capsys, "กรรมการหนึ่ง", "--zone", "5", "--winners", f"{B},{C}",
                   "--reason", "ทั้งคู่")  # fmt: skip
    assert both.code != 0 and "1" in both.err
    outsider = resolve(db, capsys, "กรรมการหนึ่ง", "--zone", "5", "--winners", A,
                       "--reason", "x")  # fmt: skip
    assert outsider.code != 0 and A in outsider.err
    no_tie = resolve(db, capsys, "กรรมการหนึ่ง", "--zone", "15", "--winners", C,
                     "--reason", "x")  # fmt: skip
    assert no_tie.code != 0 and "no tie" in no_tie.err
    blank = resolve(db, capsys, "กรรมการหนึ่ง", "--zone", "5", "--winners", C, "--reason", " ")
    assert blank.code != 0
    assert cli_json(db, capsys, "ties", "list", "--round", "outstanding")["open"] == 1
    with db.transaction() as s:
        assert s.scalars(select(m.TieDecision)).first() is None
    admin = resolve(db, capsys, "ผู้ดูแลหนึ่ง", "--zone", "5", "--winners", B, "--reason", "ก")
    assert admin.code == 0, admin.err
    assert run_cli(db, capsys, "finalise", "--round", "outstanding",
                   "--user", "ผู้ดูแลหนึ่ง").code == 0  # fmt: skip
    late = resolve(db, capsys, "กรรมการหนึ่ง", "--zone", "5", "--winners", C, "--reason", "ข")
    assert late.code != 0 and "finalised" in late.err


def test_a_decision_no_longer_applies_when_the_tie_changes(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    b = build(db)
    assert resolve(db, capsys, "กรรมการหนึ่ง", "--zone", "5", "--winners", C,
                   "--reason", "ตัดสินครั้งแรก").code == 0  # fmt: skip
    b.sheet("outstanding", "ค", B, [9, 9])  # บางใบไม้ now (80 + 90) / 2 = 85: no tie any more
    ranking = cli_json(db, capsys, "rank", "--round", "outstanding")
    assert entry(ranking, B)["status"] == "winner" and "decision" not in entry(ranking, B)
    assert entry(ranking, C)["status"] == "eligible" and "decision" not in entry(ranking, C)
    listed = cli_json(db, capsys, "ties", "list", "--round", "outstanding")
    assert listed["ties"] == [] and listed["stale"][0]["winners"] == [C]
    text = run_cli(db, capsys, "ties", "list", "--round", "outstanding").out
    assert "no longer applies" in text


def test_a_superseded_decision_is_listed_apart_and_marked_stale(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    """The tie changes (a new sheet brings ท่าตะเภา level with the two at 80), the committee
    decides again on the new group: ``ties list`` shows the current tie with its decision, and the
    first decision only below it, under its own heading, marked stale and superseded."""
    b = build(db)
    assert resolve(db, capsys, "กรรมการหนึ่ง", "--zone", "5", "--winners", C,
                   "--reason", "ตัดสินครั้งแรก").code == 0  # fmt: skip
    b.sheet("outstanding", "ค", D, [9, 9])  # ท่าตะเภา (70 + 90) / 2 = 80, C1 8: a tie of three
    listed = cli_json(db, capsys, "ties", "list", "--round", "outstanding")
    assert [sorted(t["tambons"][i]["tambon_code"] for i in range(3)) for t in listed["ties"]] == [
        sorted([B, C, D])
    ]
    assert listed["open"] == 1 and listed["stale"][0]["superseded_by"] is None
    assert resolve(db, capsys, "กรรมการหนึ่ง", "--zone", "5", "--winners", D,
                   "--reason", "ตัดสินใหม่ทั้งสามตำบล").code == 0  # fmt: skip
    listed = cli_json(db, capsys, "ties", "list", "--round", "outstanding")
    assert listed["open"] == 0 and len(listed["ties"]) == 1
    assert listed["ties"][0]["decision"]["winners"] == [D]
    (stale,) = listed["stale"]
    assert stale["applies"] is False and stale["winners"] == [C]
    assert stale["tambons"] == sorted([B, C])
    assert stale["superseded_by"]["winners"] == [D]
    text = run_cli(db, capsys, "ties", "list", "--round", "outstanding").out
    current, _, earlier = text.partition("earlier decisions that no longer apply")
    assert "ตัดสินใหม่ทั้งสามตำบล" in current and "ตัดสินครั้งแรก" not in current
    assert "[ใช้ไม่ได้แล้ว — stale]" in earlier and "ตัดสินครั้งแรก" in earlier
    assert "superseded by the decision above" in earlier
    ranking = cli_json(db, capsys, "rank", "--round", "outstanding")
    assert entry(ranking, D)["status"] == "winner" and entry(ranking, C)["status"] == "eligible"
