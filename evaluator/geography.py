"""Thai administrative geography: the zone table and the official names and codes (geothai)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Select, select

import resources
from evaluator.db import models as m
from evaluator.db.schema import districts, provinces, tambons, zones

if TYPE_CHECKING:
    import geothai.types
    from sqlalchemy.orm import Session

# geothai (the country's official names and codes) is imported where it is used: opening a
# database whose zone table is already stored never needs it (a good part of the start-up).

ZONE_COUNT = 18
BANGKOK_CODE = "10"


@dataclass(frozen=True)
class ZoneTable:
    """Which inspection zone each province (by Thai name) belongs to."""

    zone_of: dict[str, int]

    @property
    def zones(self) -> list[int]:
        return sorted(set(self.zone_of.values()))


def tambon_places() -> Select[str, str, str, str, str, int]:
    """Every tambon with its place: (code, name, district, province code, province, zone), the
    one join the ranking's read, the assignment lists, the dashboard's progress, an inspector's
    own work and the documents' places share."""
    return (
        select(
            tambons.c.code,
            tambons.c.name_th,
            districts.c.name_th,
            provinces.c.code,
            provinces.c.name_th,
            provinces.c.zone_number,
        )
        .join_from(tambons, districts, tambons.c.district_code == districts.c.code)
        .join(provinces, districts.c.province_code == provinces.c.code)
    )


def read_zone_table(path: Path | None = None) -> ZoneTable:
    """Read a zone table (CSV with the columns ``zone`` and ``province``)."""
    source = path or resources.path("zones.csv")
    with source.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    return ZoneTable({row["province"].strip(): int(row["zone"]) for row in rows})


@cache
def default_zone_table() -> ZoneTable:
    return read_zone_table()


def zone_name(number: int) -> str:
    return f"เขตตรวจราชการที่ {number}"


def normalise_name(name: str) -> str:
    """A place name without the usual prefixes and spaces, for comparing names."""
    text = "".join(name.split())
    for prefix in ("จังหวัด", "จ.", "อำเภอ", "อ.", "เขต", "ตำบล", "ต.", "แขวง"):
        if text.startswith(prefix) and len(text) > len(prefix):
            return text[len(prefix) :]
    return text


@cache
def official_provinces() -> dict[str, geothai.types.Province]:
    """The official provinces by Thai name, Bangkok included."""
    import geothai

    return {p.name_th: p for p in geothai.provinces()}


PLACE_NAMES = "place_names.csv"


def official_place_words() -> frozenset[str]:
    """Every province, district and tambon name of the country as geothai has them (slow to
    read: about a second), each one word (no spaces)."""
    import geothai

    words: set[str] = set()
    for province in geothai.provinces():
        words.add(province.name_th)
        for district in geothai.districts(province.code):
            words.add(district.name_th)
            words.update(t.name_th for t in geothai.subdistricts(district.code))
    return frozenset(w for w in (x.strip() for x in words) if len(w) > 1 and " " not in w)


@cache
def place_words() -> frozenset[str]:
    """The country's place names for the Thai line breaker (no "บาง | คนที"): read from the
    shipped list ``resources/place_names.csv`` (made from geothai by ``tools/place_names.py``;
    a test checks it matches), fast enough for every document."""
    with resources.path(PLACE_NAMES).open(encoding="utf-8") as f:
        return frozenset(line.strip() for line in f.read().splitlines()[1:] if line.strip())


def official_province(name: str) -> geothai.types.Province | None:
    return official_provinces().get(normalise_name(name))


def zones_stored(session: Session | Connection, table: ZoneTable) -> bool:
    """Whether the database holds every zone of ``table`` and each of its provinces in its
    zone already (every open checks this; two small queries, no geothai, no mapped classes)."""
    stored_zones = set(session.scalars(select(zones.c.number)))
    rows = session.execute(select(provinces.c.name_th, provinces.c.zone_number))
    stored = {(name, zone) for name, zone in rows}
    return set(table.zones) <= stored_zones and all(
        (normalise_name(name), zone) in stored for name, zone in table.zone_of.items()
    )


def ensure_zones_and_provinces(session: Session, table: ZoneTable | None = None) -> None:
    """Store the 18 zones and the 76 provinces of the zone table, with official codes."""
    table = table or default_zone_table()
    if zones_stored(session, table):
        return  # each stored province came from official_province(name): nothing would change
    have_zones = set(session.scalars(select(m.Zone.number)))
    for number in table.zones:
        if number not in have_zones:
            session.add(m.Zone(number=number, name=zone_name(number)))
    session.flush()
    existing = {p.code: p for p in session.scalars(select(m.Province))}
    for name, zone in table.zone_of.items():
        official = official_province(name)
        if official is None:
            raise ValueError(f"zones.csv: unknown province '{name}'")
        province = existing.get(official.code)
        if province is None:
            session.add(
                m.Province(
                    code=official.code,
                    name_th=official.name_th,
                    name_en=official.name_en,
                    zone_number=zone,
                )
            )
        else:
            province.zone_number = zone
    session.flush()
