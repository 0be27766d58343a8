"""Setting the signatory of the certificates: admin only, one active, audited."""

from __future__ import annotations

import pytest

from evaluator.db import Database
from evaluator.errors import InputError, PermissionDenied
from evaluator.services import signatories
from evaluator.services.documents import active_signatory
from tests.evaluator.sheet_fixtures import build_contest
from tests.evaluator.test_sheets import PNG


def test_admin_sets_the_one_active_signatory(db: Database) -> None:
    c = build_contest(db, tambon_count=2)
    first = signatories.set_signatory(db, c.admin, "นายสมชาย ใจดี", "อธิบดีกรมการพัฒนาชุมชน", PNG)
    assert first.active and first.has_signature
    second = signatories.set_signatory(db, c.admin, "นางสาวสมหญิง รักดี", "รองอธิบดี")
    listed = signatories.list_signatories(db)
    assert [(x.name, x.active) for x in listed] == [
        ("นางสาวสมหญิง รักดี", True),
        ("นายสมชาย ใจดี", False),
    ]
    active = active_signatory(db)
    assert active is not None and active.name == second.name
    # choosing the first again keeps its signature
    again = signatories.set_signatory(db, c.admin, "นายสมชาย ใจดี", "อธิบดีกรมการพัฒนาชุมชน")
    assert again.id == first.id and again.has_signature
    assert signatories.signature_image(db, first.id) == PNG


def test_only_an_admin_and_only_a_png(db: Database) -> None:
    c = build_contest(db, tambon_count=2)
    with pytest.raises(PermissionDenied):
        signatories.set_signatory(db, c.committee, "ก", "ข")
    with pytest.raises(InputError) as info:
        signatories.set_signatory(db, c.admin, "", "ข", b"GIF89a")
    assert {p.field for p in info.value.problems} == {"name", "signature"}
    assert signatories.list_signatories(db) == []
