"""A small real contest built through the storage model, for the sheet, tambon and UI tests.

Real tambons (names and codes from geothai) in real provinces, a four-criterion rubric with level
descriptions, two rounds, three inspectors, a committee member and an admin, assignments, and a
few sheets in every state.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import geothai
from sqlalchemy import select

from evaluator.db import Database
from evaluator.db import models as m
from evaluator.permissions import UserInfo

CRITERIA = [
    ("C1", "ผู้นำทำก่อน", "ผู้นำปลูกผักและทำเป็นตัวอย่างก่อน", 10.0, 40.0),
    ("C2", "ทุกครัวเรือนปลูกผัก", "ทุกครัวเรือน วัด และโรงเรียนปลูกผักกินเอง", 10.0, 30.0),
    ("C3", "ครัวเรือนเป็นคลังอาหาร", "ทุกครัวเรือนเป็นคลังอาหาร", 5.0, 20.0),
    ("C4", "การประชาสัมพันธ์", "เผยแพร่ผลงานทาง YouTube Facebook Line", 5.0, 10.0),
]


@dataclass
class Contest:
    """What :func:`build_contest` made, by id and as plain users."""

    contest_id: int
    round_id: int
    round_code: str
    excellent_round_id: int
    criteria: dict[str, int]
    tambons: list[str]
    inspectors: dict[str, int]
    admin: UserInfo
    committee: UserInfo
    inspector_a: UserInfo
    inspector_b: UserInfo
    inspector_c: UserInfo
    sheets: dict[str, int] = field(default_factory=dict)


def real_tambons(count: int) -> list[geothai.types.Subdistrict]:
    """``count`` real tambons outside Bangkok: first one per district, then a second, and so on."""
    districts = [
        d for p in geothai.provinces() if p.code != "10" for d in geothai.districts(p.code)
    ]
    chosen: list[geothai.types.Subdistrict] = []
    depth = 0
    subs = {d.code: geothai.subdistricts(d.code) for d in districts}
    while len(chosen) < count:
        added = False
        for d in districts:
            if depth < len(subs[d.code]):
                chosen.append(subs[d.code][depth])
                added = True
                if len(chosen) == count:
                    break
        if not added:
            break
        depth += 1
    return chosen


def _user(s: object, user: m.User, inspector: str | None) -> UserInfo:
    return UserInfo(user.id, user.name, m.Role(user.role), user.inspector_id, inspector)


def build_contest(db: Database, tambon_count: int = 12, assigned: int = 6) -> Contest:
    """Store a contest on ``db`` (already initialised); see the module docstring."""
    picked = real_tambons(tambon_count)
    with db.transaction() as s:
        have = set(s.scalars(select(m.District.code)))
        for t in picked:
            if t.district_code not in have:
                d = geothai.district(t.district_code)
                s.add(
                    m.District(
                        code=d.code,
                        name_th=d.name_th,
                        name_en=d.name_en,
                        province_code=d.province_code,
                    )
                )
                have.add(d.code)
        s.flush()
        s.add_all(
            m.Tambon(
                code=t.code, name_th=t.name_th, name_en=t.name_en, district_code=t.district_code
            )
            for t in picked
        )
        s.flush()
        first = picked[0].code
        s.add_all(
            [
                m.Village(tambon_code=first, moo=1, name_th="บ้านหนองบัว", is_focus=True),
                m.Village(tambon_code=first, moo=2, name_th="บ้านโคกสูง"),
            ]
        )
        s.add_all(
            m.Leader(
                tambon_code=first,
                title="นาย" if i % 2 else "นาง",
                first_name=f"สมศักดิ์{i}",
                last_name="ใจดี",
                position="ผู้ใหญ่บ้าน" if i == 1 else "ผู้นำการเปลี่ยนแปลง",
            )
            for i in range(1, 16)
        )
        contest = m.Contest(code="CL2564", title="ตำบลผู้นำการเปลี่ยนแปลง 2564")
        s.add(contest)
        s.flush()
        criteria: dict[str, int] = {}
        for pos, (code, title, desc, max_score, weight) in enumerate(CRITERIA):
            c = m.Criterion(
                contest_id=contest.id,
                code=code,
                position=pos,
                title=title,
                description=desc,
                max_score=max_score,
                weight=weight,
            )
            third = max_score / 3
            c.levels = [
                m.CriterionLevel(
                    min_score=0, max_score=third, label="เริ่มต้น", description="ยังทำได้น้อย"
                ),
                m.CriterionLevel(
                    min_score=third, max_score=2 * third, label="พัฒนา", description="ทำได้บางส่วน"
                ),
                m.CriterionLevel(
                    min_score=2 * third, max_score=max_score, label="ดีเด่น", description="ทำได้ครบถ้วน"
                ),
            ]
            s.add(c)
            s.flush()
            criteria[code] = c.id
        outstanding = m.Round(
            contest_id=contest.id,
            code="outstanding",
            position=0,
            title="ตำบลผู้นำการเปลี่ยนแปลงดีเด่น",
            prize_baht=100000,
            winners_per_zone=2,
            min_sheets=1,
            tie_break=["C1"],
        )
        excellent = m.Round(
            contest_id=contest.id,
            code="excellent",
            position=1,
            title="ตำบลผู้นำการเปลี่ยนแปลงดีเลิศ",
            prize_baht=1000000,
            winners_per_zone=1,
            eligible_from="outstanding",
        )
        s.add_all([outstanding, excellent])
        inspectors = {name: m.Inspector(name=name) for name in ("ผู้ตรวจ ก", "ผู้ตรวจ ข", "ผู้ตรวจ ค")}
        s.add_all(inspectors.values())
        s.flush()
        users = {
            "admin": m.User(name="ผู้ดูแลระบบ", role=m.Role.ADMIN),
            "committee": m.User(name="กรรมการ สมหญิง", role=m.Role.COMMITTEE),
            "a": m.User(
                name="สมชาย ผู้ตรวจ ก", role=m.Role.INSPECTOR, inspector_id=inspectors["ผู้ตรวจ ก"].id
            ),
            "b": m.User(
                name="สมปอง ผู้ตรวจ ข", role=m.Role.INSPECTOR, inspector_id=inspectors["ผู้ตรวจ ข"].id
            ),
            "c": m.User(
                name="สมใจ ผู้ตรวจ ค", role=m.Role.INSPECTOR, inspector_id=inspectors["ผู้ตรวจ ค"].id
            ),
        }
        s.add_all(users.values())
        for t in picked[:assigned]:
            for insp in inspectors.values():
                s.add(
                    m.Assignment(round_id=outstanding.id, inspector_id=insp.id, tambon_code=t.code)
                )
        s.flush()
        result = Contest(
            contest_id=contest.id,
            round_id=outstanding.id,
            round_code="outstanding",
            excellent_round_id=excellent.id,
            criteria=criteria,
            tambons=[t.code for t in picked],
            inspectors={k: v.id for k, v in inspectors.items()},
            admin=_user(s, users["admin"], None),
            committee=_user(s, users["committee"], None),
            inspector_a=_user(s, users["a"], "ผู้ตรวจ ก"),
            inspector_b=_user(s, users["b"], "ผู้ตรวจ ข"),
            inspector_c=_user(s, users["c"], "ผู้ตรวจ ค"),
        )
    return result


def add_sheet(
    db: Database,
    contest: Contest,
    inspector: str,
    tambon_code: str,
    scores: dict[str, float],
    status: m.SheetStatus = m.SheetStatus.DRAFT,
    notes: dict[str, str] | None = None,
    round_id: int | None = None,
) -> int:
    """Store a sheet with some scores directly (as an import would) and return its id."""
    with db.transaction() as s:
        sheet = m.Sheet(
            round_id=round_id or contest.round_id,
            inspector_id=contest.inspectors[inspector],
            tambon_code=tambon_code,
            status=status,
            note="",
        )
        s.add(sheet)
        s.flush()
        for code, value in scores.items():
            s.add(
                m.Score(
                    sheet_id=sheet.id,
                    criterion_id=contest.criteria[code],
                    value=value,
                    note=(notes or {}).get(code, ""),
                )
            )
        return sheet.id


FULL = {"C1": 8.0, "C2": 7.0, "C3": 4.0, "C4": 3.0}  # total 32 + 21 + 16 + 6 = 75
