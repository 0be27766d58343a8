"""Importing the geography table: official codes and names from geothai, zones from the province
table, all-or-nothing with messages naming file, row and field, and idempotent."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from evaluator.db import Database
from evaluator.db import models as m
from evaluator.errors import InputError
from evaluator.services.imports import import_geography
from tests.accounts import make_user, sign_in
from tests.evaluator.helpers import dump, run_cli, write_csv, write_xlsx

THAI = ["เขตตรวจราชการ", "จังหวัด", "อำเภอ", "ตำบล", "รหัสตำบล"]
GOOD = [
    ["5", "สุราษฎร์ธานี", "เกาะพะงัน", "เกาะเต่า", "840503"],
    ["๕", "จังหวัดสุราษฎร์ธานี", "อ.เกาะพะงัน", "ต.บ้านใต้", "๘๔๐๕๐๒"],
    ["", "สุราษฎร์ธานี", "อำเภอ เกาะพะงัน", "ตำบลเกาะพะงัน", "840501"],
    ["เขต 15", "เชียงใหม่", "เมืองเชียงใหม่", "ศรีภูมิ", "500101"],
]


def _tambons(db: Database) -> dict[str, tuple[str, str, str, str, int]]:
    with db.transaction() as s:
        rows = s.execute(
            select(
                m.Tambon.code,
                m.Tambon.name_th,
                m.Tambon.name_en,
                m.District.name_th,
                m.Province.name_th,
                m.Province.zone_number,
            )
            .join(m.District, m.Tambon.district_code == m.District.code)
            .join(m.Province, m.District.province_code == m.Province.code)
        ).all()
    return {r[0]: (r[1], r[2], r[3], r[4], r[5]) for r in rows}


def _refused(db: Database, path: Path) -> InputError:
    before = dump(db)
    with pytest.raises(InputError) as info:
        import_geography(db, path)
    assert dump(db) == before, "a refused import must leave the database as it was"
    return info.value


def _one_bad_row(tmp_path: Path, row: list[str], header: list[str] = THAI) -> Path:
    return write_csv(tmp_path / "geo.csv", header, [GOOD[0], row])


def test_thai_cp874_csv_with_prefixes_and_thai_digits(db: Database, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "geo.csv", THAI, GOOD, encoding="cp874")
    summary = import_geography(db, path, actor="เจ้าหน้าที่")
    assert (summary.added, summary.updated, summary.unchanged) == (4, 0, 0)
    assert summary.details["districts_added"] == 2
    assert summary.rows == 4
    assert _tambons(db) == {
        "840503": ("เกาะเต่า", "Ko Tao", "เกาะพะงัน", "สุราษฎร์ธานี", 5),
        "840502": ("บ้านใต้", "Ban Tai", "เกาะพะงัน", "สุราษฎร์ธานี", 5),
        "840501": ("เกาะพะงัน", "Ko Pha-ngan", "เกาะพะงัน", "สุราษฎร์ธานี", 5),
        "500101": ("ศรีภูมิ", "Si Phum", "เมืองเชียงใหม่", "เชียงใหม่", 15),
    }
    with db.transaction() as s:
        record = s.scalars(select(m.ImportRecord)).one()
        assert (record.kind, record.filename, record.actor) == ("geography", "geo.csv", "เจ้าหน้าที่")
        assert record.sha256 == summary.sha256 and len(record.sha256) == 64
        assert record.summary["added"] == 4


def test_english_headers_in_any_order_with_extra_columns_xlsx(db: Database, tmp_path: Path) -> None:
    header = ["No.", "Tambon Code", "Tambon", "District", "Province", "Remark"]
    rows: list[list[object]] = [
        [1, 840503, "Ko Tao", "Ko Pha-ngan", "Surat Thani", "เกาะ"],
        [2, 500102, "พระสิงห์", "เมืองเชียงใหม่", "เชียงใหม่", ""],
    ]
    summary = import_geography(db, write_xlsx(tmp_path / "geo.xlsx", header, rows))
    assert summary.added == 2
    tambons = _tambons(db)
    assert tambons["840503"][0] == "เกาะเต่า"  # the official Thai name is stored
    assert tambons["500102"][3:] == ("เชียงใหม่", 15)


def test_importing_the_same_file_twice_changes_nothing(db: Database, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "geo.xlsx", THAI, GOOD)
    first = import_geography(db, path)
    assert first.changed and first.previously_imported is None
    before = dump(db)
    second = import_geography(db, path)
    assert dump(db) == before
    assert (second.added, second.updated, second.unchanged) == (0, 0, 4)
    assert not second.changed
    assert second.previously_imported is not None
    assert any("ไม่มีอะไรเปลี่ยนแปลง" in line for line in second.lines())


def test_a_stored_tambon_with_another_name_is_updated(db: Database, tmp_path: Path) -> None:
    with db.transaction() as s:
        s.add(m.District(code="8405", name_th="เกาะพะงัน", province_code="84"))
        s.add(m.Tambon(code="840503", name_th="เกาะเตา", district_code="8405"))
    summary = import_geography(db, write_csv(tmp_path / "geo.csv", THAI, GOOD[:2]))
    assert (summary.added, summary.updated, summary.unchanged) == (1, 1, 0)
    assert summary.details["districts_updated"] == 1  # its English name was missing
    assert any("840503" in w and "เกาะเต่า" in w for w in summary.warnings)
    assert _tambons(db)["840503"][:2] == ("เกาะเต่า", "Ko Tao")


@pytest.mark.parametrize(
    ("row", "field", "words"),
    [
        (["5", "สุราษฎร์ธานี", "เกาะพะงัน", "เกาะเต่า", "999999"], "รหัสตำบล", "ไม่มีรหัสตำบล"),
        (["5", "สุราษฎร์ธานี", "เกาะพะงัน", "เกาะเต่า", "84053"], "รหัสตำบล", "6 หลัก"),
        (["5", "สุราษฎร์ธานี", "เกาะพะงัน", "เกาะเต่า", ""], "รหัสตำบล", "ไม่มีรหัสตำบล"),
        (["5", "สุราษฎร์ธานี", "เกาะพะงัน", "บ้านใต้", "840503"], "ตำบล", "เกาะเต่า"),
        (["5", "สุราษฎร์ธานี", "เกาะพะงัน", "", "840503"], "ตำบล", "ไม่มีชื่อตำบล"),
        (["5", "สุราษฎร์ธานี", "เกาะสมุย", "เกาะเต่า", "840503"], "อำเภอ", "เกาะพะงัน"),
        (["5", "ชุมพร", "เกาะพะงัน", "เกาะเต่า", "840503"], "จังหวัด", "สุราษฎร์ธานี"),
        (["6", "สุราษฎร์ธานี", "เกาะพะงัน", "เกาะเต่า", "840503"], "เขตตรวจราชการ", "ที่ 5"),
        (["ห้า", "สุราษฎร์ธานี", "เกาะพะงัน", "เกาะเต่า", "840503"], "เขตตรวจราชการ", "ตัวเลข"),
        (
            ["", "กรุงเทพมหานคร", "เขตพระนคร", "พระบรมมหาราชวัง", "100101"],
            "จังหวัด",
            "ไม่อยู่ในตารางเขตตรวจราชการ",
        ),
    ],
)
def test_a_bad_row_is_refused_naming_row_and_field(
    db: Database, tmp_path: Path, row: list[str], field: str, words: str
) -> None:
    good = GOOD[0] if row[4] != "840503" else GOOD[1]
    path = write_csv(tmp_path / "geo.csv", THAI, [good, row])
    error = _refused(db, path)
    assert len(error.problems) == 1, error
    problem = error.problems[0]
    assert (problem.file, problem.row, problem.field) == ("geo.csv", 3, field)
    assert words in problem.message
    assert str(problem).startswith(f"geo.csv, แถว 3, ช่อง '{field}': ")


def test_duplicate_tambon_codes_are_refused(db: Database, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "geo.xlsx", THAI, [*GOOD, GOOD[0]])
    error = _refused(db, path)
    assert [(p.row, p.field) for p in error.problems] == [(6, "รหัสตำบล")]
    assert "แถว 2" in error.problems[0].message


def test_every_problem_of_the_file_is_reported_at_once(db: Database, tmp_path: Path) -> None:
    rows = [
        GOOD[0],
        ["5", "สุราษฎร์ธานี", "เกาะพะงัน", "เกาะเต่", "840502"],
        ["5", "สุราษฎร์ธานี", "เกาะพะงัน", "x", "999999"],
        ["1", "เชียงใหม่", "เมืองเชียงใหม่", "ศรีภูมิ", "500101"],
    ]
    error = _refused(db, write_csv(tmp_path / "geo.csv", THAI, rows))
    assert [(p.row, p.field) for p in error.problems] == [
        (3, "ตำบล"),
        (4, "รหัสตำบล"),
        (5, "เขตตรวจราชการ"),
    ]


def test_missing_column_is_refused(db: Database, tmp_path: Path) -> None:
    header = ["จังหวัด", "ตำบล", "รหัสตำบล"]
    error = _refused(
        db, write_csv(tmp_path / "geo.csv", header, [["สุราษฎร์ธานี", "เกาะเต่า", "840503"]])
    )
    assert [(p.row, p.field) for p in error.problems] == [(1, "อำเภอ (district)")]


def test_a_file_with_only_a_header_is_refused(db: Database, tmp_path: Path) -> None:
    error = _refused(db, write_csv(tmp_path / "geo.csv", THAI, []))
    assert "ไม่มีแถวข้อมูล" in error.problems[0].message


# --- through the command line ----------------------------------------------------------------


def test_cli_import_geography(
    db: Database,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make_user(db, "แอดมิน", m.Role.ADMIN)
    sign_in(monkeypatch, "แอดมิน")
    path = write_csv(tmp_path / "geo.csv", THAI, GOOD, encoding="utf-8-sig")
    result = run_cli(db, capsys, "import", "geography", str(path))
    assert result.code == 0, result.err
    assert "ตำบลใหม่ 4" in result.out
    with db.transaction() as s:
        assert s.scalar(select(func.count()).select_from(m.Tambon)) == 4
        assert s.scalar(select(m.ImportRecord.actor)) == "แอดมิน"


def test_cli_refuses_a_bad_file_with_exit_2_and_one_line_per_problem(
    db: Database,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make_user(db, "แอดมิน", m.Role.ADMIN)
    sign_in(monkeypatch, "แอดมิน")
    rows = [GOOD[0], ["5", "ชุมพร", "เกาะพะงัน", "เกาะเต่า", "840502"], GOOD[0]]
    path = write_csv(tmp_path / "geo.csv", THAI, rows)
    before = dump(db)
    result = run_cli(db, capsys, "import", "geography", str(path))
    assert result.code == 2
    lines = result.err.splitlines()
    assert any(line.startswith("geo.csv, แถว 3, ช่อง 'จังหวัด': ") for line in lines)
    assert any(line.startswith("geo.csv, แถว 4, ช่อง 'รหัสตำบล': ") for line in lines)
    assert result.out == ""
    assert dump(db) == before


def test_cli_reports_a_missing_file(
    db: Database,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make_user(db, "แอดมิน", m.Role.ADMIN)
    sign_in(monkeypatch, "แอดมิน")
    result = run_cli(db, capsys, "import", "geography", str(tmp_path / "none.xlsx"))
    assert result.code != 0
    assert "none.xlsx" in result.err
