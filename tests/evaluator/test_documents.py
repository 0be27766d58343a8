"""The read-only facts documents need: a round and its contest, the signatory, leaders, places."""

from __future__ import annotations

import pytest

from evaluator.db import Database
from evaluator.db import models as m
from evaluator.errors import NotFoundError
from evaluator.services.documents import (
    active_signatory,
    leaders_by_tambon,
    places,
    round_info,
)


def _setup(db: Database) -> None:
    with db.transaction() as s:
        old = m.Contest(code="CL2563", title="ปี 2563")
        new = m.Contest(code="CL2564", title="โครงการเสริมสร้างและพัฒนาผู้นำการเปลี่ยนแปลง 2564")
        s.add_all([old, new])
        s.flush()
        s.add(m.Round(contest_id=old.id, code="outstanding", title="เก่า", prize_baht=1))
        s.add(
            m.Round(
                contest_id=new.id,
                code="outstanding",
                title="ตำบลผู้นำการเปลี่ยนแปลงดีเด่น",
                prize_baht=100_000,
                winners_per_zone=5,
            )
        )
        s.add(m.Round(contest_id=new.id, code="excellent", prize_baht=1_000_000, winners=18))
        s.add(m.District(code="3001", name_th="เมืองนครราชสีมา", province_code="30"))
        s.add(m.Tambon(code="300101", name_th="ในเมือง", district_code="3001"))
        s.add(m.Tambon(code="300102", name_th="โพธิ์กลาง", district_code="3001"))
        s.add_all(
            [
                m.Leader(tambon_code="300101", title="นาย", first_name="สมชาย", last_name="ใจดี"),
                m.Leader(tambon_code="300102", title="นาง", first_name="สมศรี", last_name="รักถิ่น"),
                m.Leader(
                    tambon_code="300101",
                    title="นางสาว",
                    first_name="ดวงใจ",
                    last_name="งามยิ่ง",
                    position="กำนัน",
                ),
            ]
        )
        s.add(m.Signatory(name="นายรอง", position="รองอธิบดี", active=False))
        s.add(m.Signatory(name="นายอธิบดี", position="อธิบดีกรมการพัฒนาชุมชน", active=True))


def test_round_info_takes_the_newest_contest_with_that_round(db: Database) -> None:
    _setup(db)
    info = round_info(db, "outstanding")
    assert (info.contest_code, info.round_title, info.prize_baht) == (
        "CL2564",
        "ตำบลผู้นำการเปลี่ยนแปลงดีเด่น",
        100_000,
    )
    assert info.per_zone and info.finalised_at is None and info.result_hash is None
    excellent = round_info(db, "excellent")
    assert excellent.round_title == "excellent" and not excellent.per_zone
    with pytest.raises(NotFoundError, match="nope"):
        round_info(db, "nope")


def test_signatory_leaders_and_places(db: Database) -> None:
    assert active_signatory(db) is None
    _setup(db)
    signatory = active_signatory(db)
    assert signatory is not None and signatory.name == "นายอธิบดี"
    leaders = leaders_by_tambon(db, ["300101", "300102", "999999"])
    assert [x.full_name for x in leaders["300101"]] == ["นายสมชาย ใจดี", "นางสาวดวงใจ งามยิ่ง"]
    assert leaders["300101"][1].position == "กำนัน"
    assert "999999" not in leaders
    where = places(db, ["300101"])["300101"]
    assert (where.tambon, where.district, where.province, where.zone) == (
        "ในเมือง",
        "เมืองนครราชสีมา",
        "นครราชสีมา",
        13,
    )
