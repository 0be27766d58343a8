"""The geography table (DESIGN.md section 5): target tambons with their district, province and zone.

Columns: ``zone`` (เขตตรวจราชการ, optional), ``province`` (จังหวัด), ``district`` (อำเภอ),
``tambon`` (ตำบล), ``tambon_code`` (รหัสตำบล). Every code and name is checked against the official
data of the Department of Provincial Administration (``geothai``); the names stored are the
official ones. The zone comes from the province table in the database (made from the zone table
by ``init``); a zone written in the file must agree with it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import geothai
from geothai.types import District, Province, Subdistrict
from sqlalchemy import select
from sqlalchemy.orm import Session

from evaluator.db import models as m
from evaluator.errors import Problem
from evaluator.geography import normalise_name
from evaluator.io.tables import Column, RowCheck, Table, parse_int, thai_digits_to_arabic

COLUMNS: tuple[Column, ...] = (
    Column(
        "zone",
        "เขตตรวจราชการ",
        ("เขต", "เขตตรวจ", "เขตที่", "zone_number", "inspection_zone"),
        required=False,
        numeric=True,
    ),
    Column("province", "จังหวัด", ("changwat", "province_name", "ชื่อจังหวัด")),
    Column("district", "อำเภอ", ("amphoe", "district_name", "ชื่ออำเภอ", "อำเภอ/เขต")),
    Column("tambon", "ตำบล", ("subdistrict", "tambon_name", "ชื่อตำบล", "ตำบล/แขวง")),
    Column(
        "tambon_code",
        "รหัสตำบล",
        ("code", "รหัส", "subdistrict_code", "tambon_id", "geocode"),
        numeric=True,
    ),
)

_CODE = re.compile(r"\d{6}")
# geothai's own name form (no prefix, spaces, dots; lower case), public but not in its __all__.
_official_form: Callable[[str], str] = geothai.normalize  # type: ignore[attr-defined]


@dataclass(frozen=True)
class GeoRecord:
    """One checked row: the official codes and names of a tambon, its district and its zone."""

    row: int
    zone: int
    province_code: str
    district_code: str
    district_th: str
    district_en: str
    tambon_code: str
    tambon_th: str
    tambon_en: str


@dataclass
class GeoCheck:
    """The outcome of checking a geography table: records to store, or problems."""

    records: list[GeoRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def same_name(given: str, official_th: str, official_en: str = "") -> bool:
    """Whether a name as written (with or without ต./อำเภอ/จังหวัด…, any spacing) is the official
    Thai or English one."""
    if not given.strip():
        return False
    if normalise_name(given) == normalise_name(official_th):
        return True
    key = _official_form(given)
    return bool(key) and key in {_official_form(official_th), _official_form(official_en)}


def tambon_code_of(text: str) -> str | None:
    """A 6-digit tambon code from a cell (Thai digits and spaces allowed), or None."""
    code = "".join(thai_digits_to_arabic(text).split())
    if code.endswith(".0"):
        code = code[:-2]
    return code if _CODE.fullmatch(code) else None


def zone_of(text: str) -> int | None:
    """The zone number in a cell such as ``5``, ``๕``, ``เขต 5`` or ``เขตตรวจราชการที่ 5``."""
    try:
        return parse_int(text)
    except ValueError:
        digits = re.findall(r"\d+", thai_digits_to_arabic(text))
        return int(digits[0]) if len(digits) == 1 else None


def check_geography(table: Table, province_zones: dict[str, int]) -> GeoCheck:
    """Check every row against geothai and the zones of the provinces in the database.

    ``province_zones`` maps a province code to its zone (the provinces of the zone table).
    """
    out = GeoCheck()
    seen: dict[str, int] = {}
    check = RowCheck(table, out.problems, out.warnings)
    for n, values in check.rows():
        place = _official_place(check, n, values.get("tambon_code", ""), seen)
        if place is None:
            continue
        tambon, district, province = place
        zone = province_zones.get(province.code)
        _check_names(check, n, values, place, zone)
        _check_zone(check, n, values.get("zone", ""), province, zone)
        if check.row_ok() and zone is not None:
            out.records.append(
                GeoRecord(
                    row=n,
                    zone=zone,
                    province_code=province.code,
                    district_code=district.code,
                    district_th=district.name_th,
                    district_en=district.name_en,
                    tambon_code=tambon.code,
                    tambon_th=tambon.name_th,
                    tambon_en=tambon.name_en,
                )
            )
    return out


_Place = tuple[Subdistrict, District, Province]


def _official_place(check: RowCheck, n: int, raw_code: str, seen: dict[str, int]) -> _Place | None:
    """The official tambon, district and province of a row's code, once per file; else None."""
    code = tambon_code_of(raw_code)
    if code is None:
        message = (
            "ไม่มีรหัสตำบล — the tambon code is empty"
            if not raw_code
            else f"รหัสตำบล '{raw_code}' ต้องเป็นตัวเลข 6 หลัก"
            f" — tambon code '{raw_code}' must be 6 digits"
        )
        check.problem(n, "tambon_code", message)
        return None
    if code in seen:
        check.problem(
            n,
            "tambon_code",
            f"รหัสตำบล {code} ซ้ำกับแถว {seen[code]}"
            f" — tambon code {code} is already in row {seen[code]}",
        )
        return None
    seen[code] = n
    tambon = geothai.subdistrict(code)
    if tambon is None:
        check.problem(
            n,
            "tambon_code",
            f"ไม่มีรหัสตำบล {code} ในข้อมูลกรมการปกครอง"
            f" — the Department of Provincial Administration has no tambon code {code}",
        )
        return None
    district = geothai.district(tambon.district_code)
    province = geothai.province(tambon.province_code)
    if district is None or province is None:  # geothai's data is consistent; be safe
        check.problem(
            n, "tambon_code", f"ข้อมูลของรหัส {code} ไม่ครบ — incomplete official data for {code}"
        )
        return None
    return tambon, district, province


def _check_names(
    check: RowCheck, n: int, values: dict[str, str], place: _Place, zone: int | None
) -> None:
    """The province, district and tambon names as written must be the code's official ones."""
    tambon, district, province = place
    code = tambon.code
    given_province = values.get("province", "")
    if not same_name(given_province, province.name_th, province.name_en):
        check.problem(
            n,
            "province",
            f"รหัสตำบล {code} อยู่ในจังหวัด{province.name_th} ไม่ใช่ '{given_province}' "
            f"— tambon code {code} is in {province.name_th} province, not '{given_province}'"
            if given_province
            else f"ไม่มีชื่อจังหวัด (รหัส {code} อยู่ในจังหวัด{province.name_th})"
            f" — the province is empty (code {code} is in {province.name_th} province)",
        )
    elif zone is None:
        check.problem(
            n,
            "province",
            f"จังหวัด{province.name_th} ไม่อยู่ในตารางเขตตรวจราชการ (ไม่อยู่ในโครงการ) "
            f"— {province.name_th} province is not in the zone table (not in the contest)",
        )
    given_district = values.get("district", "")
    if not same_name(given_district, district.name_th, district.name_en):
        check.problem(
            n,
            "district",
            f"รหัสตำบล {code} อยู่ในอำเภอ{district.name_th} ไม่ใช่ '{given_district}' "
            f"— tambon code {code} is in {district.name_th} district, not '{given_district}'"
            if given_district
            else f"ไม่มีชื่ออำเภอ (รหัส {code} อยู่ในอำเภอ{district.name_th})"
            f" — the district is empty (code {code} is in {district.name_th} district)",
        )
    given_tambon = values.get("tambon", "")
    if not same_name(given_tambon, tambon.name_th, tambon.name_en):
        check.problem(
            n,
            "tambon",
            f"ชื่อตำบล '{given_tambon}' ไม่ตรงกับชื่อทางการของรหัส {code} คือ "
            f"'{tambon.name_th}' — '{given_tambon}' is not the official name of {code},"
            f" '{tambon.name_th}'"
            if given_tambon
            else f"ไม่มีชื่อตำบล (รหัส {code} คือตำบล{tambon.name_th})"
            f" — the tambon is empty (code {code} is tambon {tambon.name_th})",
        )


def _check_zone(
    check: RowCheck, n: int, given_zone: str, province: Province, zone: int | None
) -> None:
    """A zone written in the file must be the province's zone in the zone table."""
    if not given_zone or zone is None:
        return
    number = zone_of(given_zone)
    if number is None:
        check.problem(
            n,
            "zone",
            f"เขตตรวจราชการ '{given_zone}' ไม่ใช่ตัวเลข — zone '{given_zone}' is not a number",
        )
    elif number != zone:
        check.problem(
            n,
            "zone",
            f"จังหวัด{province.name_th} อยู่ในเขตตรวจราชการที่ {zone} ไม่ใช่ {number} "
            f"— {province.name_th} province is in inspection zone {zone}, not {number}",
        )


@dataclass(frozen=True)
class GeoCounts:
    """What storing the records did."""

    tambons_added: int
    tambons_updated: int
    tambons_unchanged: int
    districts_added: int
    districts_updated: int
    warnings: list[str]


def province_zones(session: Session) -> dict[str, int]:
    """Each stored province's zone, by province code."""
    rows = session.execute(select(m.Province.code, m.Province.zone_number))
    return {code: zone for code, zone in rows}


def store_geography(session: Session, records: list[GeoRecord]) -> GeoCounts:
    """Create or update the districts and tambons of checked records, in the caller's unit of
    work; a record that matches what is stored changes nothing."""
    districts = {d.code: d for d in session.scalars(select(m.District))}
    tambons = {t.code: t for t in session.scalars(select(m.Tambon))}
    warnings: list[str] = []
    d_added = d_updated = t_added = t_updated = t_unchanged = 0
    for r in records:
        district = districts.get(r.district_code)
        if district is None:
            district = m.District(
                code=r.district_code,
                name_th=r.district_th,
                name_en=r.district_en,
                province_code=r.province_code,
            )
            session.add(district)
            districts[r.district_code] = district
            d_added += 1
        elif (district.name_th, district.name_en, district.province_code) != (
            r.district_th,
            r.district_en,
            r.province_code,
        ):
            district.name_th, district.name_en = r.district_th, r.district_en
            district.province_code = r.province_code
            d_updated += 1
    session.flush()
    for r in records:
        tambon = tambons.get(r.tambon_code)
        if tambon is None:
            session.add(
                m.Tambon(
                    code=r.tambon_code,
                    name_th=r.tambon_th,
                    name_en=r.tambon_en,
                    district_code=r.district_code,
                )
            )
            t_added += 1
        elif (tambon.name_th, tambon.name_en, tambon.district_code) != (
            r.tambon_th,
            r.tambon_en,
            r.district_code,
        ):
            if tambon.name_th != r.tambon_th:
                warnings.append(
                    f"แถว {r.row}: ตำบล {r.tambon_code} เปลี่ยนชื่อจาก '{tambon.name_th}' "
                    f"เป็นชื่อทางการ '{r.tambon_th}' — row {r.row}: tambon {r.tambon_code} renamed"
                    f" from '{tambon.name_th}' to the official name '{r.tambon_th}'"
                )
            tambon.name_th, tambon.name_en = r.tambon_th, r.tambon_en
            tambon.district_code = r.district_code
            t_updated += 1
        else:
            t_unchanged += 1
    session.flush()
    return GeoCounts(t_added, t_updated, t_unchanged, d_added, d_updated, warnings)
