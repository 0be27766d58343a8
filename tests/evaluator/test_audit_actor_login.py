"""The audit log names the acting user by their login, never by their Thai display name
(DESIGN.md section 2), in the field-work services too."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from evaluator.db import Database
from evaluator.db import models as m
from evaluator.services.keys import generate_inspector_key, register_fingerprint
from evaluator.services.users import create_user


def test_key_services_log_the_login_not_the_display_name(db: Database, tmp_path: Path) -> None:
    admin = create_user(
        db, None, "สมชาย ใจดี", m.Role.ADMIN, login="somchai.j", password="รหัสผ่านยาวพอ-2564"
    )
    assert admin.login == "somchai.j" and admin.name == "สมชาย ใจดี"
    with db.transaction() as s:
        s.add(m.Inspector(name="กนกวรรณ บุญมา"))
        s.add(m.Inspector(name="ประเสริฐ ทองดี"))
    made = generate_inspector_key(
        db, admin, "กนกวรรณ บุญมา", b"passphrase-2564", key_path=tmp_path / "k.pem"
    )
    register_fingerprint(db, admin, "ประเสริฐ ทองดี", made.fingerprint)
    with db.transaction() as s:
        actors = s.scalars(
            select(m.AuditEntry.actor).where(m.AuditEntry.entity == "inspector")
        ).all()
    assert len(actors) >= 2
    assert set(actors) == {"somchai.j"}
