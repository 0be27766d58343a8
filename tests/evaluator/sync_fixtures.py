"""Two databases for the field-work tests: an inspector's laptop and the committee's machine.

Both hold the same small contest, built through the storage model: five real tambons (geothai
names and codes), a three-criterion rubric with level descriptions, two rounds, two inspectors
with assignments, and users. The inspector's key pair is made with the real key code; the
committee registers the public key. Sheets are scored through the real sheet services, so
versions and audit entries are what the app itself writes.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from pathlib import Path

import geothai
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select, text

from evaluator.db import Database, open_database
from evaluator.db import models as m
from evaluator.permissions import UserInfo
from evaluator.progress import Cancelled, Progress
from evaluator.services import conflicts as conflict_service
from evaluator.services import keys as key_service
from evaluator.services import packages as package_service
from evaluator.services import sheet_photos
from evaluator.services import sheets as sheet_service
from evaluator.services.setup import init_database
from evaluator.sync import keys
from tests.accounts import give_passwords

CONTEST = "CL2564"
CRITERIA = (
    ("C1", "ผู้นำทำก่อน", 10.0, 40.0),
    ("C2", "ทุกครัวเรือนปลูกผัก", 10.0, 35.0),
    ("C3", "การประชาสัมพันธ์", 5.0, 25.0),
)
ROUNDS = (("outstanding", "ตำบลผู้นำการเปลี่ยนแปลงดีเด่น"), ("excellent", "ตำบลดีเลิศ"))
TAMBONS = ("840501", "840502", "840503", "500101", "500102")
INSPECTOR = "นางสาวมาลี ตรวจดี"
OTHER_INSPECTOR = "นายสมชาย ใจซื่อ"
PASSPHRASE = b"kho-nong-na 2564"
# the smallest valid PNG and JPEG headers followed by distinct bytes: real image types
PNG = b"\x89PNG\r\n\x1a\n" + b"photo-one" * 20
JPEG = b"\xff\xd8\xff\xe0" + b"photo-two" * 20


def build_contest(db: Database, *, code: str = CONTEST, rubric_version: int = 1) -> None:
    """Store the contest, its geography, inspectors, users and assignments on ``db``."""
    with db.transaction() as s:
        for district_code in sorted({t[:4] for t in TAMBONS}):
            d = geothai.district(district_code)
            s.add(
                m.District(
                    code=d.code, name_th=d.name_th, name_en=d.name_en, province_code=d.province_code
                )
            )
        s.flush()
        for code_ in TAMBONS:
            t = geothai.subdistrict(code_)
            s.add(
                m.Tambon(
                    code=t.code, name_th=t.name_th, name_en=t.name_en, district_code=t.district_code
                )
            )
        contest = m.Contest(
            code=code, title="ตำบลผู้นำการเปลี่ยนแปลง 2564", rubric_version=rubric_version
        )
        s.add(contest)
        s.flush()
        for pos, (ccode, title, max_score, weight) in enumerate(CRITERIA):
            c = m.Criterion(
                contest_id=contest.id,
                code=ccode,
                position=pos,
                title=title,
                max_score=max_score,
                weight=weight,
            )
            c.levels = [
                m.CriterionLevel(
                    min_score=0, max_score=max_score / 2, label="เริ่มต้น", description="ยังทำได้บางส่วน"
                ),
                m.CriterionLevel(
                    min_score=max_score / 2,
                    max_score=max_score,
                    label="ดีมาก",
                    description="ทำได้ครบและเป็นแบบอย่าง",
                ),
            ]
            s.add(c)
        rounds = []
        for pos, (rcode, title) in enumerate(ROUNDS):
            r = m.Round(
                contest_id=contest.id, code=rcode, position=pos, title=title, winners_per_zone=1
            )
            s.add(r)
            rounds.append(r)
        a = m.Inspector(name=INSPECTOR, zone_number=5)
        b = m.Inspector(name=OTHER_INSPECTOR, zone_number=15)
        s.add_all([a, b])
        s.flush()
        for t in TAMBONS:
            s.add(m.Assignment(round_id=rounds[0].id, inspector_id=a.id, tambon_code=t))
            s.add(m.Assignment(round_id=rounds[0].id, inspector_id=b.id, tambon_code=t))
        for t in TAMBONS[:2]:
            s.add(m.Assignment(round_id=rounds[1].id, inspector_id=a.id, tambon_code=t))
        s.add_all(
            [
                m.User(name="admin", role=m.Role.ADMIN),
                m.User(name="กรรมการ", role=m.Role.COMMITTEE),
                m.User(name="ประธาน", role=m.Role.COMMITTEE),
                m.User(name="มาลี", role=m.Role.INSPECTOR, inspector_id=a.id),
                m.User(name="สมชาย", role=m.Role.INSPECTOR, inspector_id=b.id),
            ]
        )
    give_passwords(db)  # every user signs in with tests.accounts.TEST_PASSWORD


def user(db: Database, name: str) -> UserInfo:
    with db.transaction() as s:
        u = s.scalar(select(m.User).where(m.User.name == name))
        assert u is not None
        iname = None
        if u.inspector_id is not None:
            iname = s.get_one(m.Inspector, u.inspector_id).name
        return UserInfo(u.id, u.name, m.Role(u.role), u.inspector_id, iname)


def user_of_inspector(db: Database, inspector: str) -> UserInfo:
    """The account linked to ``inspector``, else the admin: who may act for that inspector."""
    with db.transaction() as s:
        name = s.scalar(
            select(m.User.name)
            .join(m.Inspector, m.User.inspector_id == m.Inspector.id)
            .where(m.Inspector.name == inspector)
        )
    return user(db, name or "admin")


# --- the field-work services, as the tests' users call them ----------------------------------


def generate_inspector_key(
    db: Database, inspector: str, passphrase: bytes, **kw: object
) -> key_service.KeyInfo:
    return key_service.generate_inspector_key(
        db,
        user_of_inspector(db, inspector),
        inspector,
        passphrase,
        **kw,  # type: ignore[arg-type]
    )


def register_public_key(
    db: Database, inspector: str, data: bytes, *, actor: str = "กรรมการ", **kw: object
) -> key_service.KeyInfo:
    return key_service.register_public_key(db, user(db, actor), inspector, data, **kw)  # type: ignore[arg-type]


def register_fingerprint(
    db: Database, inspector: str, fp: str, *, actor: str = "กรรมการ", replace: bool = False
) -> key_service.KeyInfo:
    return key_service.register_fingerprint(db, user(db, actor), inspector, fp, replace=replace)


def export_package(
    db: Database,
    inspector: str,
    out: Path,
    key: Ed25519PrivateKey,
    *,
    contest_code: str | None = None,
) -> package_service.ExportResult:
    """``inspector``'s package, exported by their own account (else the admin)."""
    return package_service.export_package(
        db, user_of_inspector(db, inspector), inspector, out, key, contest_code=contest_code
    )


def import_package(
    db: Database,
    path: Path,
    *,
    actor: str = "กรรมการ",
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    **kw: object,
) -> package_service.ImportResult:
    return package_service.import_package(
        db,
        user(db, actor),
        path,
        progress=progress,
        cancelled=cancelled,
        **kw,  # type: ignore[arg-type]
    )


def resolve_conflict(
    db: Database, sheet: str, keep: str, reason: str, *, actor: str = "กรรมการ"
) -> conflict_service.Resolution:
    return conflict_service.resolve_conflict(db, user(db, actor), sheet, keep, reason)


list_conflicts = conflict_service.list_conflicts
list_imports = package_service.list_imports
list_keys = key_service.list_keys
public_key_file = key_service.public_key_file


@dataclass
class FieldPair:
    """The inspector's database, the committee's database and the inspector's key."""

    inspector_db: Database
    committee_db: Database
    key: Ed25519PrivateKey
    key_path: Path
    tmp: Path

    def package(self, name: str = "pkg.cddpkg") -> Path:
        return self.tmp / name

    def close(self) -> None:
        self.inspector_db.dispose()
        self.committee_db.dispose()


def new_db(path: Path) -> Database:
    db = open_database(path)
    init_database(db)
    return db


def make_pair(tmp: Path, *, register: bool = True, committee: Database | None = None) -> FieldPair:
    """Both databases with the same contest; the inspector's key made on their side and, with
    ``register``, registered by the committee from the public-key file. ``committee``: an
    initialised, empty database to use as the committee's (e.g. on PostgreSQL)."""
    inspector_db = new_db(tmp / "inspector.sqlite3")
    committee_db = committee or new_db(tmp / "committee.sqlite3")
    build_contest(inspector_db)
    build_contest(committee_db)
    key_path = tmp / "keys" / "inspector.key.pem"
    generate_inspector_key(inspector_db, INSPECTOR, PASSPHRASE, key_path=key_path)
    key = keys.read_private_key(key_path, PASSPHRASE)
    if register:
        register_public_key(
            committee_db, INSPECTOR, key_service.public_key_file(inspector_db, INSPECTOR)
        )
    return FieldPair(inspector_db, committee_db, key, key_path, tmp)


# --- scoring through the real services -------------------------------------------------------


def _criterion_ids(db: Database) -> dict[str, int]:
    with db.transaction() as s:
        return {c: i for c, i in s.execute(select(m.Criterion.code, m.Criterion.id))}


def score(
    db: Database,
    who: UserInfo,
    tambon: str,
    values: dict[str, float],
    *,
    round_code: str = "outstanding",
    note: str | None = None,
    submit: bool = True,
    photo: bytes | None = None,
) -> str:
    """Score (or re-score) a tambon as ``who``; returns the sheet's uuid."""
    if who.role is m.Role.INSPECTOR:
        sheet_id = sheet_service.start_sheet(db, who, round_code, tambon)
    else:
        sheet_id = sheet_of(db, tambon, round_code=round_code)
    view = sheet_service.get_sheet(db, who, sheet_id)
    if view.status is not m.SheetStatus.DRAFT:
        sheet_service.reopen(db, who, sheet_id)
    crits = _criterion_ids(db)
    for code, value in values.items():
        sheet_service.set_score(db, who, sheet_id, crits[code], value)
    if note is not None:
        sheet_service.set_note(db, who, sheet_id, note)
    if photo is not None:
        sheet_photos.add_photo(db, who, sheet_id, "หลักฐาน.png", photo, crits["C1"], "แปลงผัก")
    if submit:
        sheet_service.submit(db, who, sheet_id)
    return sheet_service.get_sheet(db, who, sheet_id).uuid


def sheet_of(
    db: Database, tambon: str, *, round_code: str = "outstanding", inspector: str = INSPECTOR
) -> int:
    with db.transaction() as s:
        sid = s.scalar(
            select(m.Sheet.id)
            .join(m.Round, m.Sheet.round_id == m.Round.id)
            .join(m.Inspector, m.Sheet.inspector_id == m.Inspector.id)
            .where(
                m.Round.code == round_code,
                m.Sheet.tambon_code == tambon,
                m.Inspector.name == inspector,
                m.Sheet.conflict_of.is_(None),
            )
        )
        assert sid is not None
        return sid


def scores_of(db: Database, uuid: str) -> dict[str, float]:
    with db.transaction() as s:
        rows = s.execute(
            select(m.Criterion.code, m.Score.value)
            .join(m.Score, m.Score.criterion_id == m.Criterion.id)
            .join(m.Sheet, m.Score.sheet_id == m.Sheet.id)
            .where(m.Sheet.uuid == uuid)
        )
        return {code: value for code, value in rows}


def finalise(db: Database, round_code: str = "outstanding") -> None:
    with db.transaction() as s:
        rnd = s.scalar(select(m.Round).where(m.Round.code == round_code))
        assert rnd is not None
        rnd.finalised_at = m.utcnow()
        rnd.finalised_by = "admin"
        for sheet in s.scalars(select(m.Sheet).where(m.Sheet.round_id == rnd.id)):
            sheet.status = m.SheetStatus.LOCKED


# --- comparing whole databases ---------------------------------------------------------------


def dump(db: Database) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, in a stable order, with binary values hashed."""
    out: dict[str, list[tuple[object, ...]]] = {}
    with db.engine.connect() as conn:
        for table in m.Base.metadata.sorted_tables:
            rows = conn.execute(text(f'SELECT * FROM "{table.name}"')).all()
            out[table.name] = sorted(
                (
                    tuple(
                        hashlib.sha256(v).hexdigest() if isinstance(v, bytes | memoryview) else v
                        for v in row
                    )
                    for row in rows
                ),
                key=repr,
            )
    return out


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def sheet_uuid(
    db: Database, tambon: str, *, round_code: str = "outstanding", inspector: str = INSPECTOR
) -> str:
    """The uuid of the inspector's (primary) sheet for a tambon."""
    sid = sheet_of(db, tambon, round_code=round_code, inspector=inspector)
    with db.transaction() as s:
        return s.get_one(m.Sheet, sid).uuid
