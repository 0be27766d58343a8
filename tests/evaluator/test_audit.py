"""The audit log: chained, append-only, and any edit or deletion is found."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from evaluator import audit
from evaluator.db import Database


def _write(db: Database, n: int = 3) -> None:
    with db.transaction() as s:
        audit.record(
            s,
            "นายสมชาย",
            audit.Source.KEYBOARD,
            [
                audit.Change("score", "score", f"sheet-1/C{i}", old=i, new=i + 1, reason="แก้")
                for i in range(n)
            ],
        )


def test_intact_chain_verifies(any_db: Database) -> None:
    _write(any_db)
    _write(any_db, 2)
    with any_db.transaction() as s:
        assert audit.verify_chain(s) == []


def test_edited_entry_is_found(db: Database) -> None:
    _write(db)
    with db.engine.begin() as conn:  # an attacker with the file drops the guard and edits
        conn.execute(text("DROP TRIGGER audit_log_no_update"))
        conn.execute(text("UPDATE audit_log SET new = '9' WHERE id = 2"))
    with db.transaction() as s:
        breaks = audit.verify_chain(s)
    assert [b.entry_id for b in breaks] == [2]
    assert "changed" in breaks[0].problem


def test_deleted_entry_is_found(db: Database) -> None:
    _write(db)
    with db.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER audit_log_no_delete"))
        conn.execute(text("DELETE FROM audit_log WHERE id = 2"))
    with db.transaction() as s:
        breaks = audit.verify_chain(s)
    assert breaks and breaks[0].entry_id == 3


def test_an_entrys_hash_is_the_sha256_of_its_fields_as_compact_json() -> None:
    """The hash every stored entry was made with: json.dumps of the fields and the link (not
    ASCII-escaped, compact), whatever characters the fields hold."""
    import hashlib
    import json
    from datetime import UTC, datetime

    at = datetime(2026, 12, 7, 2, 30, 1, 250, tzinfo=UTC)
    odd = 'ตำบล "หนองบัว"\\ \n\t\x01\u200b 🌾 </script>'
    for old, new in ((None, '{"note":"","value":7.5}'), (odd, None), ("", odd)):
        fields = ["a" * 64, "2026-12-07T02:30:01.000250", "นายสมชาย", "import", "update"]
        fields += ["score", f"{odd}/C1", old, new, odd]
        payload = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
        want = hashlib.sha256(payload.encode("utf-8")).hexdigest()
        got = audit.entry_hash(
            "a" * 64, at, "นายสมชาย", "import", "update", "score", f"{odd}/C1", old, new, odd
        )
        assert got == want


def test_entries_appended_in_bulk_hash_as_their_json(
    any_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The appender puts each entry's JSON array together as bytes, with ``%`` signs in any
    field (a ``bytes %`` format underneath), short values remembered and batches written on
    the way: every stored hash is the SHA-256 of json.dumps of the stored fields and link."""
    import hashlib
    import json

    from sqlalchemy import select

    from evaluator.audit_digests import timestamp_text
    from evaluator.db import models as m

    monkeypatch.setattr(audit.Appender, "BATCH", 4)
    odd = ['50%s "ร้อยละ"', "%%d \\ %", "ตำบล\n\t\x01\u200b 🌾", "%(x)s", "", "1"]
    with any_db.transaction() as s:
        log = audit.Appender(s, "นาย %s สมชาย %", audit.Source.IMPORT)
        log.add_texts(
            [
                ("update", "score", f"{a}/C{i}", None if i % 3 else b, a if i % 2 else None, b)
                for i, (a, b) in enumerate((x, y) for x in odd for y in odd)
            ]
        )
        log.seal({f"uuid-{i}%s": "f" * 64 for i in range(5)})
        assert log.close() == 36
    with any_db.transaction() as s:
        entries = s.scalars(select(m.AuditEntry).order_by(m.AuditEntry.id)).all()
        assert audit.verify_chain(s) == []
    assert len(entries) == 41
    for e in entries:
        fields = [e.prev_hash, timestamp_text(e.at), e.actor, e.source, e.action, e.entity]
        fields += [e.entity_key, e.old, e.new, e.reason]
        payload = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
        assert e.hash == hashlib.sha256(payload.encode("utf-8")).hexdigest()
