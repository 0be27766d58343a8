"""docs/setup.md as a test: a department sets up a contest from an empty database with its own
files (written here from scratch, not the demo), scores, ranks and prints leader certificates;
every bad file is refused with its row named and nothing changed."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from evaluator.db import Database, open_database
from evaluator.db import models as m
from evaluator.services.users import create_user
from tests.evaluator.helpers import dump

Run = Callable[..., tuple[int, str, str]]

CONTEST = """\
[contest]
code = "CL2564"
title = "ตำบลผู้นำการเปลี่ยนแปลง ปีงบประมาณ 2564"

[[criteria]]
code = "K1"
title = "ผู้นำทำก่อน"
max_score = 50
weight = 50

[[criteria]]
code = "K2"
title = "ทุกครัวเรือนเป็นคลังอาหาร"
max_score = 50
weight = 50

[[rounds]]
code = "outstanding"
title = "ตำบลผู้นำการเปลี่ยนแปลงดีเด่น"
prize_baht = 100000
winners_per_zone = 1
"""

# three target tambons of zone 13: two in นครราชสีมา, one in ชัยภูมิ
GEOGRAPHY = [
    ["เขตตรวจราชการ", "จังหวัด", "อำเภอ", "ตำบล", "รหัสตำบล"],
    ["๑๓", "นครราชสีมา", "เมืองนครราชสีมา", "ในเมือง", "300101"],
    ["13", "จ.นครราชสีมา", "อ.เมืองนครราชสีมา", "ต.โพธิ์กลาง", "300102"],
    ["13", "ชัยภูมิ", "เมืองชัยภูมิ", "รอบเมือง", "360102"],
]
INSPECTORS = [
    ["ชื่อ-สกุล", "ตำแหน่ง", "เขตตรวจราชการ", "จังหวัดภูมิลำเนา", "โทรศัพท์"],
    ["นางกนกวรรณ บุญมา", "ผู้ตรวจราชการกรม", 13, "ขอนแก่น", "0812223333"],
    ["นายประยุทธ ทองดี", "นักวิชาการพัฒนาชุมชนชำนาญการพิเศษ", 13, "นครราชสีมา", ""],
    ["นายวีระ ศรีสุข", "นักวิชาการพัฒนาชุมชนชำนาญการ", 13, "บุรีรัมย์", ""],
]
ASSIGNMENTS = [
    ["round", "inspector", "tambon_code"],
    ["outstanding", "นางกนกวรรณ บุญมา", "300101"],
    ["outstanding", "นายวีระ ศรีสุข", "300101"],
    ["outstanding", "นางกนกวรรณ บุญมา", "300102"],
    ["outstanding", "นายประยุทธ ทองดี", "300102"],  # from นครราชสีมา: a warning
    ["outstanding", "นายประยุทธ ทองดี", "360102"],
    ["outstanding", "นายวีระ ศรีสุข", "360102"],
]
# each (round, inspector, tambon) sheet: K1, K2
SCORES = {
    ("นางกนกวรรณ บุญมา", "300101"): (45, 44),
    ("นายวีระ ศรีสุข", "300101"): (46, 43),
    ("นางกนกวรรณ บุญมา", "300102"): (30, 31),
    ("นายประยุทธ ทองดี", "300102"): (35, 30),
    ("นายประยุทธ ทองดี", "360102"): (38, 40),
    ("นายวีระ ศรีสุข", "360102"): (39, 41),
}
FIRST = ["สมชาย", "สมศรี", "บุญมี", "มาลี", "ประเสริฐ", "สุดา", "ทองใบ", "บุญเรือน"]
LAST = ["ใจดี", "รักถิ่น", "มีสุข", "ศรีงาม", "ทองคำ", "บุญส่ง", "แก้วมณี", "พรหมมา"]


def _leaders(code: str) -> list[list[str]]:
    return [
        [
            code,
            "นาง" if i % 2 else "นาย",
            FIRST[i % 8],
            f"{LAST[i // 2 % 8]}{code[-1]}{i}",
            "ผู้ใหญ่บ้าน" if i == 0 else "",
            f"บ้านหนอง{i}",
        ]
        for i in range(15)
    ]


def _csv(path: Path, rows: list[list[object]], encoding: str = "utf-8-sig") -> Path:
    with path.open("w", encoding=encoding, newline="") as f:
        csv.writer(f).writerows(rows)
    return path


def _xlsx(path: Path, rows: list[list[object]]) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


@pytest.fixture
def run(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Run:
    from ui.launch import main as evaluator_main  # the real entry point, as users run it

    monkeypatch.setenv("EVALUATOR_USER", "admin")
    monkeypatch.setenv("EVALUATOR_PASSWORD", "a good long password")
    database = tmp_path / "contest.sqlite3"

    def call(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = evaluator_main(["--db", str(database), *args])
        out = capsys.readouterr()
        return code, out.out, out.err

    return call


def test_a_contest_set_up_from_empty_with_the_departments_files(run: Run, tmp_path: Path) -> None:
    call = run
    db_path = tmp_path / "contest.sqlite3"
    code, out, err = call("init")
    assert code == 0, err
    db: Database = open_database(db_path)
    try:
        with db.transaction() as s:
            has_admin = s.scalar(select(func.count(m.User.id)))
        if not has_admin:  # until `init` creates the first admin itself
            create_user(db, None, "admin", m.Role.ADMIN)

        def refused(*args: str, row: str) -> None:
            before = dump(db)
            code, _out, err = call(*args)
            assert code == 2, err
            assert row in err, err
            assert dump(db) == before

        # 1. geography and contest
        geography = _csv(tmp_path / "ตำบล.csv", GEOGRAPHY, "cp874")
        assert call("import", "geography", str(geography))[0] == 0
        contest = tmp_path / "contest.toml"
        contest.write_text(CONTEST, encoding="utf-8")
        code, _, err = call("import", "contest", str(contest))
        assert code == 0, err

        # 2. inspectors (bad file first: zone 19 on row 3)
        bad = [row[:] for row in INSPECTORS]
        bad[2][2] = 19
        refused("import", "inspectors", str(_xlsx(tmp_path / "bad_i.xlsx", bad)), row="แถว 3")
        code, out, err = call(
            "import", "inspectors", str(_xlsx(tmp_path / "ผู้ประเมิน.xlsx", INSPECTORS))
        )
        assert code == 0, err
        assert "ผู้ประเมินใหม่ 3" in out

        # 3. assignments (bad: unknown inspector on row 4), then good with a conflict warning
        bad = [row[:] for row in ASSIGNMENTS]
        bad[3][1] = "นางกนกวรรณ บุญมาก"
        refused("import", "assignments", str(_csv(tmp_path / "bad_a.csv", bad)), row="แถว 4")
        code, out, err = call(
            "import", "assignments", str(_csv(tmp_path / "มอบหมาย.csv", ASSIGNMENTS))
        )
        assert code == 0, err
        assert "การมอบหมายใหม่ 6" in out
        assert "แถว 5" in err and "conflict of interest" in err

        # 4. leaders (bad: the same name twice in one tambon), then 15 per tambon
        header = ["รหัสตำบล", "คำนำหน้า", "ชื่อ", "นามสกุล", "ตำแหน่ง/บทบาท", "หมู่บ้าน"]
        rows = [header, *_leaders("300101"), *_leaders("300102"), *_leaders("360102")]
        bad = [row[:] for row in rows]
        bad[5] = bad[4][:]
        refused("import", "leaders", str(_csv(tmp_path / "bad_l.csv", bad)), row="แถว 6")
        code, out, err = call("import", "leaders", str(_csv(tmp_path / "ผู้นำ.csv", rows)))
        assert code == 0, err
        assert "ผู้นำใหม่ 45" in out

        # 5. scores from the paper sheets
        score_rows: list[list[object]] = [["รอบ", "ผู้ประเมิน", "รหัสตำบล", "เกณฑ์", "คะแนน"]]
        for (inspector, tambon), values in SCORES.items():
            for criterion, value in zip(("K1", "K2"), values, strict=True):
                score_rows.append(["outstanding", inspector, tambon, criterion, value])
        bad = [row[:] for row in score_rows]
        bad[7][4] = 51
        refused("import", "scores", str(_csv(tmp_path / "bad_s.csv", bad)), row="แถว 8")
        code, _, err = call("import", "scores", str(_csv(tmp_path / "คะแนน.csv", score_rows)))
        assert code == 0, err

        with db.transaction() as s:
            assert s.scalar(select(func.count(m.Tambon.code))) == 3
            assert s.scalar(select(func.count(m.Inspector.id))) == 3
            assert s.scalar(select(func.count(m.Assignment.id))) == 6
            assert s.scalar(select(func.count(m.Leader.id))) == 45
            assert s.scalar(select(func.count(m.Sheet.id))) == 6
            # the score import honoured the assignments: it created none of its own
            pairs = {
                (name, code)
                for name, code in s.execute(
                    select(m.Inspector.name, m.Assignment.tambon_code).join(
                        m.Inspector, m.Assignment.inspector_id == m.Inspector.id
                    )
                )
            }
        assert pairs == set(SCORES)

        # 6. rank, finalise, print
        code, out, err = call("rank", "--round", "outstanding", "--json")
        assert code == 0, err
        ranking = json.loads(out)
        text = json.dumps(ranking, ensure_ascii=False)
        assert "300101" in text
        code, _, err = call("finalise", "--round", "outstanding")
        assert code == 0, err
        certs = tmp_path / "certs"
        code, _, err = call(
            "certificates", "--round", "outstanding", "--out", str(certs), "--leaders"
        )
        assert code == 0, err
        leader_files = sorted(certs.glob("outstanding_300101_leader_*.pdf"))
        assert len(leader_files) == 15
        assert not list(certs.glob("outstanding_300102*")) and not list(certs.glob("*360102*"))
        with (certs / "certificates.csv").open(encoding="utf-8-sig") as f:
            register = "\n".join(",".join(r.values()) for r in csv.DictReader(f))
        for leader in _leaders("300101"):
            assert f"{leader[1]}{leader[2]} {leader[3]}" in register
    finally:
        db.dispose()
