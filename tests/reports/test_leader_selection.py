"""Leader certificates for a selection (issue 10 item 4): ``certificates --kind leaders`` with
``--tambon`` or ``--leaders-file``, and :func:`certificates_for_leaders` that the app's leaders
list calls, print exactly the chosen leaders whose tambon won (checked with pdftotext), with the
same numbers and file names as a whole round's batch; the others are named, not printed."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sqlalchemy import select

from evaluator.db import Database
from evaluator.db import models as m
from evaluator.errors import InputError, NotFoundError
from evaluator.services.leaders import choose_leaders
from reports.certificates import certificates_for_leaders
from tests.accounts import sign_in
from tests.reports.pdftools import pdftotext
from tests.reports.test_certificates_cli import _contest, _finalise

# _contest: 300101 (9.0) and 300102 (8.0) win, 300103 (4.0) does not; each tambon has the same
# three leaders' names: นายสมชาย ใจดี0, นางสมศรี รักถิ่น1, นางสาวดวงใจ งามยิ่ง2


@pytest.fixture
def contest(db: Database, monkeypatch: pytest.MonkeyPatch) -> Database:
    _contest(db)
    _finalise(db)
    sign_in(monkeypatch, "ผู้ดูแลระบบ")
    return db


def _certificates(db: Database, out: Path, *args: str) -> tuple[int, str]:
    from ui.launch import main as evaluator_main  # the real entry point, as users run it

    assert db.file_path is not None
    argv = ["--db", str(db.file_path), "certificates", "--round", "outstanding"]
    code = evaluator_main([*argv, "--out", str(out), "--unsigned", *args])
    return code, ""


def _recipients(out: Path) -> dict[str, str]:
    """file name → the leader's name line as pdftotext reads the page."""
    names = ("สมชาย ใจดี0", "สมศรี รักถิ่น1", "ดวงใจ งามยิ่ง2")
    found = {}
    for pdf in sorted(out.glob("*.pdf")):
        text = pdftotext(pdf)
        named = [n for n in names if n in text]
        assert len(named) == 1, (pdf.name, named)
        found[pdf.name] = named[0]
    return found


def test_a_leaders_file_prints_exactly_those_leaders(
    contest: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    chosen = tmp_path / "chosen.csv"
    with chosen.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows(
            [
                ["รหัสตำบล", "ชื่อ", "นามสกุล"],
                ["300101", "สมชาย", "ใจดี0"],
                ["300102", "ดวงใจ", "งามยิ่ง2"],
                ["300103", "สมศรี", "รักถิ่น1"],  # 300103 did not win: named, not printed
            ]
        )
    out = tmp_path / "certs"
    code, _ = _certificates(contest, out, "--kind", "leaders", "--leaders-file", str(chosen))
    err = capsys.readouterr().err
    assert code == 0, err
    assert _recipients(out) == {
        "outstanding_300101_leader_01.pdf": "สมชาย ใจดี0",
        "outstanding_300102_leader_03.pdf": "ดวงใจ งามยิ่ง2",
    }
    assert "นางสมศรี รักถิ่น1 (300103)" in err
    with (out / "certificates.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 2


def test_the_leaders_of_chosen_tambons(
    contest: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "certs"
    code, _ = _certificates(contest, out, "--kind", "leaders", "--tambon", "300102")
    assert code == 0, capsys.readouterr().err
    assert _recipients(out) == {
        "outstanding_300102_leader_01.pdf": "สมชาย ใจดี0",
        "outstanding_300102_leader_02.pdf": "สมศรี รักถิ่น1",
        "outstanding_300102_leader_03.pdf": "ดวงใจ งามยิ่ง2",
    }
    # --kind leaders alone: every winner's leaders, no tambon certificate
    every = tmp_path / "every"
    code, _ = _certificates(contest, every, "--kind", "leaders")
    assert code == 0
    assert len(_recipients(every)) == 6
    # --tambon with the tambons' kind: that tambon's own certificate only
    one = tmp_path / "one"
    code, _ = _certificates(contest, one, "--tambon", "300101")
    assert code == 0
    assert sorted(p.name for p in one.glob("*.pdf")) == ["outstanding_300101.pdf"]


def test_bad_choices_are_refused_and_nothing_is_written(
    contest: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    chosen = tmp_path / "chosen.csv"
    with chosen.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(
            [["tambon_code", "first_name", "last_name"], ["300101", "ไม่มี", "ตัวตน"]]
        )
    out = tmp_path / "certs"
    code, _ = _certificates(contest, out, "--kind", "leaders", "--leaders-file", str(chosen))
    err = capsys.readouterr().err
    assert code != 0 and "แถว 2" in err and "no such leader" in err
    code, _ = _certificates(contest, out, "--kind", "leaders", "--tambon", "300103")
    err = capsys.readouterr().err
    assert code != 0 and "none of them is a winner's leader" in err
    assert not out.exists() or not list(out.glob("*.pdf"))


def test_the_service_the_leaders_list_calls(contest: Database) -> None:
    from tests.accounts import make_user

    admin = make_user(contest, "admin2", m.Role.ADMIN)
    with contest.transaction() as s:
        ids = {
            (code, first): lid
            for lid, code, first in s.execute(
                select(m.Leader.id, m.Leader.tambon_code, m.Leader.first_name)
            )
        }
    picked = [ids[("300101", "สมศรี")], ids[("300102", "สมชาย")], ids[("300103", "ดวงใจ")]]
    batch = certificates_for_leaders(contest, "outstanding", picked)
    assert [(i.tambon_code, i.leader_number, i.recipient) for i in batch.items] == [
        ("300101", 2, "นางสมศรี รักถิ่น1"),
        ("300102", 1, "นายสมชาย ใจดี0"),
    ]
    assert batch.skipped == ["นางสาวดวงใจ งามยิ่ง2 (300103)"]
    assert all(i.kind == "leader" and not i.draft for i in batch.items)
    with pytest.raises(NotFoundError):
        certificates_for_leaders(contest, "outstanding", [999_999])
    assert len(choose_leaders(contest, admin, tambons=["300101", "300102"])) == 6
    with pytest.raises(InputError, match="not a target tambon"):
        choose_leaders(contest, admin, tambons=["100101"])
