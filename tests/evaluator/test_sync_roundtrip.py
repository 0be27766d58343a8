"""Round trips between an inspector's database and the committee's: nothing lost, nothing
forged, every sheet once, conflicts kept and resolved with a reason."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from evaluator.db import Database
from evaluator.db import models as m
from evaluator.errors import InputError, LockedError
from evaluator.services.imports import import_scores
from evaluator.services.packages import ImportCancelled, ImportResult
from evaluator.sync import keys
from evaluator.sync.local import contest_info, read_sheets
from evaluator.sync.package import ContestInfo, PackageRefused, build_package
from evaluator.sync.wire import ScoreData, SheetData
from tests.evaluator import sync_fixtures as f

COMMITTEE = "กรรมการ"


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[f.FieldPair]:
    p = f.make_pair(tmp_path)
    yield p
    p.close()


def _export(pair: f.FieldPair, name: str) -> Path:
    out = pair.package(name)
    f.export_package(pair.inspector_db, f.INSPECTOR, out, pair.key)
    return out


def _import(pair: f.FieldPair, path: Path) -> ImportResult:
    return f.import_package(pair.committee_db, path, actor=COMMITTEE)


def _contents(db: Database) -> dict[str, tuple[str, int, int]]:
    """uuid -> (content hash, version, base version) of every primary sheet."""
    with db.transaction() as s:
        rows = list(s.scalars(select(m.Sheet).where(m.Sheet.conflict_of.is_(None))))
        data = read_sheets(s, rows)
        return {r.uuid: (data[r.id].content_hash(), r.version, r.base_version) for r in rows}


def _audit(db: Database, action: str) -> list[m.AuditEntry]:
    with db.transaction() as s:
        return list(s.scalars(select(m.AuditEntry).where(m.AuditEntry.action == action)))


def test_every_sheet_arrives_whole(pair: f.FieldPair) -> None:
    ins = f.user(pair.inspector_db, "มาลี")
    f.score(
        pair.inspector_db,
        ins,
        "840501",
        {"C1": 8, "C2": 7.5, "C3": 4},
        note="ผู้นำปลูกผักทุกบ้าน",
        photo=f.PNG,
    )
    f.score(pair.inspector_db, ins, "840502", {"C1": 5, "C2": 6, "C3": 3})
    f.score(pair.inspector_db, ins, "840503", {"C1": 2}, submit=False)
    f.score(pair.inspector_db, ins, "840501", {"C1": 9, "C2": 9, "C3": 5}, round_code="excellent")
    result = _import(pair, _export(pair, "p1.cddpkg"))
    assert result.counts["insert"] == 4 and result.changed
    assert _contents(pair.committee_db) == _contents(pair.inspector_db)
    with pair.committee_db.transaction() as s:
        [photo] = s.scalars(select(m.Photo))
        assert bytes(photo.data) == f.PNG and photo.caption == "แปลงผัก"
        draft = s.scalar(select(m.Sheet).where(m.Sheet.tambon_code == "840503"))
        assert draft is not None and draft.status is m.SheetStatus.DRAFT
    [record] = f.list_imports(pair.committee_db)
    assert record.inspector == f.INSPECTOR and record.counts["insert"] == 4
    assert {s.tambon_code for s in record.sheets} == {"840501", "840502", "840503"}


def test_the_same_package_twice_changes_nothing(pair: f.FieldPair) -> None:
    ins = f.user(pair.inspector_db, "มาลี")
    f.score(pair.inspector_db, ins, "840501", {"C1": 8, "C2": 7, "C3": 4}, photo=f.JPEG)
    path = _export(pair, "p1.cddpkg")
    _import(pair, path)
    before = f.dump(pair.committee_db)
    again = _import(pair, path)
    assert again.previously_imported is not None and not again.changed
    assert f.dump(pair.committee_db) == before
    # a fresh package of the same unchanged sheets (new id, new time): still nothing changes
    fresh = _import(pair, _export(pair, "p1-again.cddpkg"))
    assert fresh.counts["duplicate"] == 1 and not fresh.changed
    assert f.dump(pair.committee_db) == before


def test_a_newer_version_replaces_the_older(pair: f.FieldPair) -> None:
    ins = f.user(pair.inspector_db, "มาลี")
    uuid = f.score(pair.inspector_db, ins, "840501", {"C1": 8, "C2": 7, "C3": 4})
    _import(pair, _export(pair, "p1.cddpkg"))
    f.score(pair.inspector_db, ins, "840501", {"C2": 9}, note="แก้หลังตรวจซ้ำ", photo=f.PNG)
    result = _import(pair, _export(pair, "p2.cddpkg"))
    assert result.counts["replace"] == 1
    assert f.scores_of(pair.committee_db, uuid) == {"C1": 8, "C2": 9, "C3": 4}
    assert _contents(pair.committee_db) == _contents(pair.inspector_db)
    [entry] = _audit(pair.committee_db, "sync.replace")
    assert entry.source == "package" and entry.actor == COMMITTEE
    assert json.loads(entry.old or "")["scores"]["C2"]["value"] == 7
    assert json.loads(entry.new or "")["scores"]["C2"]["value"] == 9
    with pair.committee_db.transaction() as s:
        score_entry = s.scalar(
            select(m.AuditEntry).where(
                m.AuditEntry.entity == "score", m.AuditEntry.entity_key == f"{uuid}/C2"
            )
        )
        assert score_entry is not None and score_entry.source == "package"


def test_an_older_package_after_a_newer_one_changes_nothing(pair: f.FieldPair) -> None:
    ins = f.user(pair.inspector_db, "มาลี")
    uuid = f.score(pair.inspector_db, ins, "840501", {"C1": 8, "C2": 7, "C3": 4})
    old = _export(pair, "p1.cddpkg")
    f.score(pair.inspector_db, ins, "840501", {"C1": 10})
    _import(pair, _export(pair, "p2.cddpkg"))
    before = f.dump(pair.committee_db)
    result = _import(pair, old)
    assert result.counts["stale"] == 1 and not result.changed
    assert f.scores_of(pair.committee_db, uuid)["C1"] == 10
    assert f.dump(pair.committee_db) == before


def _conflict(pair: f.FieldPair) -> tuple[str, ImportResult]:
    ins = f.user(pair.inspector_db, "มาลี")
    admin = f.user(pair.committee_db, "admin")
    uuid = f.score(pair.inspector_db, ins, "840502", {"C1": 5, "C2": 6, "C3": 3})
    _import(pair, _export(pair, "p1.cddpkg"))
    f.score(pair.committee_db, admin, "840502", {"C1": 1})  # the committee corrects C1
    f.score(pair.inspector_db, ins, "840502", {"C2": 9})  # the inspector changes C2
    return uuid, _import(pair, _export(pair, "p2.cddpkg"))


def test_two_edits_from_the_same_base_are_both_kept(pair: f.FieldPair) -> None:
    uuid, result = _conflict(pair)
    assert result.counts["conflict"] == 1
    [outcome] = result.conflicts
    assert outcome.conflict_of == uuid
    assert f.scores_of(pair.committee_db, uuid) == {"C1": 1, "C2": 6, "C3": 3}
    assert outcome.row is not None
    assert f.scores_of(pair.committee_db, outcome.row) == {"C1": 5, "C2": 9, "C3": 3}
    [conflict] = f.list_conflicts(pair.committee_db)
    assert conflict.sheet_uuid == uuid and conflict.tambon_code == "840502"
    assert conflict.current.scores["C1"] == 1
    assert [c.scores["C2"] for c in conflict.copies] == [9]
    # who made each version, and when, from the audit log: a display name, never a uuid
    here, [received] = conflict.current, conflict.copies
    assert (here.made_by, here.source, here.imported_by) == ("admin", "keyboard", "")
    assert here.made_at is not None
    assert (received.made_by, received.source) == (f.INSPECTOR, "package")
    assert received.imported_by and received.imported_at is not None
    assert received.made_at == received.updated_at  # when the inspector last changed it
    # the same package again adds no second copy
    before = f.dump(pair.committee_db)
    _import(pair, _export(pair, "p2-again.cddpkg"))
    assert f.dump(pair.committee_db) == before


def test_resolving_for_the_inspector_then_the_next_version_follows(pair: f.FieldPair) -> None:
    uuid, result = _conflict(pair)
    copy = result.conflicts[0].row
    assert copy is not None
    with pytest.raises(InputError, match="เหตุผล"):
        f.resolve_conflict(pair.committee_db, uuid, copy, "  ", actor=COMMITTEE)
    res = f.resolve_conflict(
        pair.committee_db, uuid, copy, "ผู้ประเมินยืนยันคะแนนในพื้นที่", actor=COMMITTEE
    )
    assert res.superseded == [copy]
    assert f.scores_of(pair.committee_db, uuid) == {"C1": 5, "C2": 9, "C3": 3}
    # nothing is lost: the committee's content stays in the superseded copy and in the log
    assert f.scores_of(pair.committee_db, copy) == {"C1": 1, "C2": 6, "C3": 3}
    [entry] = _audit(pair.committee_db, "conflict.resolve")
    assert entry.reason == "ผู้ประเมินยืนยันคะแนนในพื้นที่" and entry.actor == COMMITTEE
    assert json.loads(entry.old or "")["scores"]["C1"]["value"] == 1
    assert json.loads(entry.new or "")["scores"]["C1"]["value"] == 5
    assert f.list_conflicts(pair.committee_db) == []
    ins = f.user(pair.inspector_db, "มาลี")
    f.score(pair.inspector_db, ins, "840502", {"C3": 5})
    follow = _import(pair, _export(pair, "p3.cddpkg"))
    assert follow.counts["replace"] == 1
    assert f.scores_of(pair.committee_db, uuid) == {"C1": 5, "C2": 9, "C3": 5}


def test_resolving_for_the_committee_keeps_a_later_inspector_edit_visible(
    pair: f.FieldPair,
) -> None:
    uuid, _ = _conflict(pair)
    f.resolve_conflict(pair.committee_db, uuid, uuid, "คณะกรรมการตรวจซ้ำแล้ว", actor=COMMITTEE)
    assert f.scores_of(pair.committee_db, uuid) == {"C1": 1, "C2": 6, "C3": 3}
    assert f.list_conflicts(pair.committee_db) == []
    ins = f.user(pair.inspector_db, "มาลี")
    f.score(pair.inspector_db, ins, "840502", {"C3": 4})
    again = _import(pair, _export(pair, "p3.cddpkg"))
    assert again.counts["conflict"] == 1
    assert f.scores_of(pair.committee_db, uuid) == {"C1": 1, "C2": 6, "C3": 3}


def test_copies_never_count_as_sheets(pair: f.FieldPair) -> None:
    _conflict(pair)
    with pair.committee_db.transaction() as s:
        primaries = s.scalars(
            select(m.Sheet).where(m.Sheet.tambon_code == "840502", m.Sheet.conflict_of.is_(None))
        ).all()
        assert len(primaries) == 1


def test_sheets_of_a_finalised_round_are_skipped_and_reported(pair: f.FieldPair) -> None:
    ins = f.user(pair.inspector_db, "มาลี")
    uuid = f.score(pair.inspector_db, ins, "840501", {"C1": 8, "C2": 7, "C3": 4})
    _import(pair, _export(pair, "p1.cddpkg"))
    f.finalise(pair.committee_db, "outstanding")
    f.score(pair.inspector_db, ins, "840501", {"C1": 10})
    f.score(pair.inspector_db, ins, "840502", {"C1": 3, "C2": 3, "C3": 3})
    excellent = f.score(
        pair.inspector_db, ins, "840501", {"C1": 9, "C2": 9, "C3": 5}, round_code="excellent"
    )
    result = _import(pair, _export(pair, "p2.cddpkg"))
    assert result.counts["locked"] == 2 and result.counts["insert"] == 1
    assert {s.tambon_code for s in result.skipped} == {"840501", "840502"}
    assert all("ยืนยันผลแล้ว" in s.reason for s in result.skipped)
    assert f.scores_of(pair.committee_db, uuid)["C1"] == 8
    assert f.scores_of(pair.committee_db, excellent) == {"C1": 9, "C2": 9, "C3": 5}
    refused = _audit(pair.committee_db, "sync.refused")
    assert len(refused) == 2
    before = f.dump(pair.committee_db)
    _import(pair, pair.package("p2.cddpkg"))
    assert f.dump(pair.committee_db) == before


def test_a_twin_from_a_scores_import_becomes_a_conflict(pair: f.FieldPair, tmp_path: Path) -> None:
    csv = tmp_path / "scores.csv"
    csv.write_text(
        "round,inspector,tambon_code,criterion,score\n"
        + "".join(
            f"outstanding,{f.INSPECTOR},840501,{c},{v}\n"
            for c, v in (("C1", 4), ("C2", 4), ("C3", 2))
        ),
        encoding="utf-8",
    )
    import_scores(pair.committee_db, f.user(pair.committee_db, COMMITTEE), csv)
    ins = f.user(pair.inspector_db, "มาลี")
    f.score(pair.inspector_db, ins, "840501", {"C1": 8, "C2": 7, "C3": 4})
    result = _import(pair, _export(pair, "p1.cddpkg"))
    assert result.counts["conflict"] == 1
    [conflict] = f.list_conflicts(pair.committee_db)
    assert conflict.current.scores == {"C1": 4, "C2": 4, "C3": 2}
    assert conflict.copies[0].scores == {"C1": 8, "C2": 7, "C3": 4}
    f.resolve_conflict(
        pair.committee_db,
        conflict.sheet_uuid,
        conflict.copies[0].row_uuid,
        "ใช้แบบประเมินจากแอป",
        actor=COMMITTEE,
    )
    # the inspector's later versions now follow into the chosen sheet
    f.score(pair.inspector_db, ins, "840501", {"C3": 5})
    follow = _import(pair, _export(pair, "p2.cddpkg"))
    assert follow.counts["replace"] == 1
    assert f.scores_of(pair.committee_db, conflict.sheet_uuid) == {"C1": 8, "C2": 7, "C3": 5}


def test_one_bad_sheet_refuses_the_whole_package(pair: f.FieldPair) -> None:
    with pair.inspector_db.transaction() as s:  # a tambon the committee does not have
        s.add(m.Tambon(code="840504", name_th="ตำบลนอกรายชื่อ", district_code="8405"))
    ins = f.user(pair.inspector_db, "มาลี")
    f.score(pair.inspector_db, ins, "840501", {"C1": 8, "C2": 7, "C3": 4})
    with pair.inspector_db.transaction() as s:
        insp = s.scalar(select(m.Inspector).where(m.Inspector.name == f.INSPECTOR))
        rnd = s.scalar(select(m.Round).where(m.Round.code == "outstanding"))
        assert insp is not None and rnd is not None
        s.add(m.Assignment(round_id=rnd.id, inspector_id=insp.id, tambon_code="840504"))
    f.score(pair.inspector_db, ins, "840504", {"C1": 1, "C2": 1, "C3": 1})
    before = f.dump(pair.committee_db)
    with pytest.raises(PackageRefused) as err:
        _import(pair, _export(pair, "p1.cddpkg"))
    assert "840504" in str(err.value)
    assert f.dump(pair.committee_db) == before


def _contest_info(db: Database) -> ContestInfo:
    with db.transaction() as s:
        contest = s.scalar(select(m.Contest))
        assert contest is not None
        return contest_info(s, contest)


def _sheet(uuid: str, inspector: str = f.INSPECTOR, tambon: str = "840501") -> SheetData:
    return SheetData(
        uuid=uuid,
        round="outstanding",
        tambon_code=tambon,
        inspector=inspector,
        status="submitted",
        version=2,
        base_version=1,
        scores=(
            ScoreData("C1", 10.0),
            ScoreData("C2", 10.0),
            ScoreData("C3", 5.0),
        ),
    )


def test_an_inspector_cannot_sign_another_inspectors_sheet(pair: f.FieldPair) -> None:
    out = pair.package("forged.cddpkg")
    build_package(
        out,
        inspector=f.INSPECTOR,
        private_key=pair.key,
        contest=_contest_info(pair.inspector_db),
        sheets=[_sheet(m.new_uuid(), inspector=f.OTHER_INSPECTOR)],
        photos={}.__getitem__,
    )
    before = f.dump(pair.committee_db)
    with pytest.raises(PackageRefused, match="another inspector"):
        _import(pair, out)
    assert f.dump(pair.committee_db) == before


def test_a_uuid_of_another_inspectors_sheet_is_refused(pair: f.FieldPair) -> None:
    other = f.user(pair.committee_db, "admin")
    del other
    with pair.committee_db.transaction() as s:
        b = s.scalar(select(m.Inspector).where(m.Inspector.name == f.OTHER_INSPECTOR))
        rnd = s.scalar(select(m.Round).where(m.Round.code == "outstanding"))
        assert b is not None and rnd is not None
        theirs = m.Sheet(round_id=rnd.id, inspector_id=b.id, tambon_code="840501")
        s.add(theirs)
        s.flush()
        victim = theirs.uuid
    out = pair.package("collide.cddpkg")
    build_package(
        out,
        inspector=f.INSPECTOR,
        private_key=pair.key,
        contest=_contest_info(pair.inspector_db),
        sheets=[_sheet(victim)],
        photos={}.__getitem__,
    )
    before = f.dump(pair.committee_db)
    with pytest.raises(InputError, match="belongs to another sheet"):
        _import(pair, out)
    assert f.dump(pair.committee_db) == before


def test_a_cancelled_import_changes_nothing_and_progress_is_reported(pair: f.FieldPair) -> None:
    ins = f.user(pair.inspector_db, "มาลี")
    for t in f.TAMBONS[:3]:
        f.score(pair.inspector_db, ins, t, {"C1": 8, "C2": 7, "C3": 4})
    path = _export(pair, "p1.cddpkg")
    before = f.dump(pair.committee_db)
    seen: list[tuple[int, int, str]] = []
    with pytest.raises(ImportCancelled):
        f.import_package(
            pair.committee_db,
            path,
            actor=COMMITTEE,
            progress=lambda *a: seen.append(a),
            cancelled=lambda: len(seen) >= 3,
        )
    assert f.dump(pair.committee_db) == before
    seen.clear()
    f.import_package(pair.committee_db, path, actor=COMMITTEE, progress=lambda *a: seen.append(a))
    # one Progress shape (evaluator.progress): (done, total, text); verifying first, then merging
    assert (3, 3, "รวมแบบประเมิน") in seen and seen[0] == (0, 1, "ตรวจแพ็กเกจและลายมือชื่อ")


def test_a_stranger_key_made_package_is_refused(pair: f.FieldPair) -> None:
    stranger = keys.load_private_key(keys.generate(b"stranger pass").private_pem, b"stranger pass")
    out = pair.package("stranger.cddpkg")
    build_package(
        out,
        inspector=f.INSPECTOR,
        private_key=stranger,
        contest=_contest_info(pair.inspector_db),
        sheets=[_sheet(m.new_uuid())],
        photos={}.__getitem__,
    )
    before = f.dump(pair.committee_db)
    with pytest.raises(PackageRefused) as err:
        _import(pair, out)
    assert err.value.code == "unregistered_key"
    assert f.dump(pair.committee_db) == before


def test_a_conflict_in_a_finalised_round_cannot_be_resolved(pair: f.FieldPair) -> None:
    uuid, result = _conflict(pair)
    f.finalise(pair.committee_db, "outstanding")
    copy = result.conflicts[0].row
    assert copy is not None
    with pytest.raises(LockedError):
        f.resolve_conflict(pair.committee_db, uuid, copy, "ช้าไป", actor=COMMITTEE)
    assert f.scores_of(pair.committee_db, uuid) == {"C1": 1, "C2": 6, "C3": 3}
    with pair.committee_db.transaction() as s:
        refused = s.scalars(select(m.AuditEntry).where(m.AuditEntry.action == "refused")).all()
        assert refused and uuid in (refused[-1].new or "")


def test_round_trip_on_every_database(any_db: Database, tmp_path: Path) -> None:
    """The committee's database on SQLite and on PostgreSQL: insert, replace, conflict,
    resolution, a duplicate import, and an intact audit log."""
    from evaluator.services import audit_log

    pair = f.make_pair(tmp_path, committee=any_db)
    ins = f.user(pair.inspector_db, "มาลี")
    admin = f.user(pair.committee_db, "admin")
    a = f.score(pair.inspector_db, ins, "840501", {"C1": 8, "C2": 7, "C3": 4}, photo=f.PNG)
    b = f.score(pair.inspector_db, ins, "840502", {"C1": 5, "C2": 6, "C3": 3})
    assert _import(pair, _export(pair, "p1.cddpkg")).counts["insert"] == 2
    f.score(pair.committee_db, admin, "840502", {"C1": 1})
    f.score(pair.inspector_db, ins, "840501", {"C2": 9})
    f.score(pair.inspector_db, ins, "840502", {"C2": 9})
    second = _export(pair, "p2.cddpkg")
    result = _import(pair, second)
    assert (result.counts["replace"], result.counts["conflict"]) == (1, 1)
    before = f.dump(pair.committee_db)
    assert _import(pair, second).previously_imported is not None
    assert f.dump(pair.committee_db) == before
    copy = result.conflicts[0].row
    assert copy is not None
    f.resolve_conflict(pair.committee_db, b, copy, "ตรวจสอบแล้ว", actor=COMMITTEE)
    assert f.scores_of(pair.committee_db, a) == {"C1": 8, "C2": 9, "C3": 4}
    assert f.scores_of(pair.committee_db, b) == {"C1": 5, "C2": 9, "C3": 3}
    assert audit_log.verify(pair.committee_db).intact
    pair.inspector_db.dispose()


def test_databases_that_started_as_copies_of_one(tmp_path: Path) -> None:
    """As with two copies of the demo: the same sheets (same uuids, version 1) on both sides and
    nothing received yet. The inspector's edit replaces a sheet nobody changed here; a sheet
    both sides changed becomes a conflict; the untouched ones change nothing."""
    import shutil

    from evaluator.db import open_database

    origin = f.new_db(tmp_path / "origin.sqlite3")
    f.build_contest(origin)
    with origin.transaction() as s:  # sheets written in bulk, as the demo does (no audit entries)
        insp = s.scalar(select(m.Inspector).where(m.Inspector.name == f.INSPECTOR))
        rnd = s.scalar(select(m.Round).where(m.Round.code == "outstanding"))
        crits = {c.code: c.id for c in s.scalars(select(m.Criterion))}
        assert insp is not None and rnd is not None
        for t in f.TAMBONS[:3]:
            sheet = m.Sheet(
                round_id=rnd.id,
                inspector_id=insp.id,
                tambon_code=t,
                status=m.SheetStatus.SUBMITTED,
                submitted_at=m.utcnow(),
            )
            s.add(sheet)
            s.flush()
            s.add_all(m.Score(sheet_id=sheet.id, criterion_id=crits[c], value=v)
                      for c, v in (("C1", 5), ("C2", 5), ("C3", 2)))  # fmt: skip
    origin.dispose()
    for name in ("inspector.sqlite3", "committee.sqlite3"):
        shutil.copyfile(tmp_path / "origin.sqlite3", tmp_path / name)
    inspector_db = open_database(tmp_path / "inspector.sqlite3")
    committee_db = open_database(tmp_path / "committee.sqlite3")
    key_path = tmp_path / "k.pem"
    f.generate_inspector_key(inspector_db, f.INSPECTOR, f.PASSPHRASE, key_path=key_path)
    public = f.public_key_file(inspector_db, f.INSPECTOR)
    f.register_public_key(committee_db, f.INSPECTOR, public, actor="กรรมการ")
    key = keys.read_private_key(key_path, f.PASSPHRASE)
    pair = f.FieldPair(inspector_db, committee_db, key, key_path, tmp_path)
    try:
        ins = f.user(pair.inspector_db, "มาลี")
        admin = f.user(pair.committee_db, "admin")
        f.score(pair.inspector_db, ins, "840501", {"C1": 9})
        f.score(pair.inspector_db, ins, "840502", {"C2": 9})
        f.score(pair.committee_db, admin, "840502", {"C1": 1})
        result = _import(pair, _export(pair, "p.cddpkg"))
        assert (result.counts["replace"], result.counts["conflict"], result.counts["receive"]) == (
            1,
            1,
            1,
        )
        assert f.scores_of(pair.committee_db, f.sheet_uuid(pair.committee_db, "840501"))["C1"] == 9
        assert f.scores_of(pair.committee_db, f.sheet_uuid(pair.committee_db, "840502"))["C1"] == 1
        # from now on the history is known: the next edit simply follows
        f.score(pair.inspector_db, ins, "840503", {"C3": 5})
        again = _import(pair, _export(pair, "p2.cddpkg"))
        assert again.counts["replace"] == 1 and again.counts["conflict"] == 0
    finally:
        pair.close()
