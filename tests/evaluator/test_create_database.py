"""services.setup.create_database: the app's first start makes a contest database with its
first admin, as `init --admin` does, checking everything before any file is made."""

from __future__ import annotations

from pathlib import Path

import pytest

from evaluator.db import models as m
from evaluator.db import open_database
from evaluator.errors import AuthError, InputError
from evaluator.services.setup import create_database
from evaluator.services.users import authenticate, list_users
from tests.accounts import TEST_PASSWORD


def test_a_new_database_has_its_admin_and_the_provinces(tmp_path: Path) -> None:
    path = tmp_path / "evaluator.sqlite3"
    user = create_database(path, " Admin ", "นางสาวสมใจ ใจดี", TEST_PASSWORD)
    assert user.login == "admin" and user.role is m.Role.ADMIN and user.name == "นางสาวสมใจ ใจดี"
    db = open_database(path)
    try:
        assert authenticate(db, "admin", TEST_PASSWORD).id == user.id
        with pytest.raises(AuthError):
            authenticate(db, "admin", TEST_PASSWORD + "x")
        assert [u.login for u in list_users(db)] == ["admin"]
        with db.transaction() as s:
            assert s.query(m.Province).count() == 76
    finally:
        db.dispose()


@pytest.mark.parametrize(
    ("login", "name", "password", "field"),
    [
        ("admin", "ผู้ดูแล", "short", "password"),
        ("admin", "  ", TEST_PASSWORD, "name"),
        ("", "ผู้ดูแล", TEST_PASSWORD, "login"),
    ],
)
def test_bad_input_makes_no_file(
    tmp_path: Path, login: str, name: str, password: str, field: str
) -> None:
    path = tmp_path / "evaluator.sqlite3"
    with pytest.raises(InputError) as caught:
        create_database(path, login, name, password)
    assert field in {p.field for p in caught.value.problems}
    assert list(tmp_path.iterdir()) == []


def test_an_existing_file_is_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "evaluator.sqlite3"
    path.write_bytes(b"the committee's real data")
    with pytest.raises(InputError, match="already exists"):
        create_database(path, "admin", "ผู้ดูแล", TEST_PASSWORD)
    assert path.read_bytes() == b"the committee's real data"


def test_a_missing_folder_is_made_only_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "typo" / "evaluator.sqlite3"
    with pytest.raises(InputError, match="no folder"):
        create_database(path, "admin", "ผู้ดูแล", TEST_PASSWORD)
    assert not path.parent.exists()
    create_database(path, "admin", "ผู้ดูแล", TEST_PASSWORD, make_folder=True)
    assert path.is_file()
