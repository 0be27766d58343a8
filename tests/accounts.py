"""Accounts for tests: users with a known password, and the environment a script signs in with.

Fixture users made with ``m.User(name=...)`` get their name as login (normalised: lower case);
:func:`give_passwords` gives them :data:`TEST_PASSWORD`. CLI tests then sign in with
:func:`sign_in` (``$EVALUATOR_USER`` / ``$EVALUATOR_PASSWORD``, as scripts do) or pass
:func:`env_for` to a subprocess.
"""

from __future__ import annotations

import os
from functools import cache

import pytest
from sqlalchemy import select

from evaluator.accounts import hash_password, normalise_login
from evaluator.db import Database
from evaluator.db import models as m
from evaluator.permissions import UserInfo
from evaluator.services.users import find_user

TEST_PASSWORD = "รหัสทดสอบ-2564"


@cache
def hash_of_test_password() -> str:
    """One Argon2id hash of TEST_PASSWORD per test run (hashing takes ~0.1 s)."""
    return hash_password(TEST_PASSWORD)


def give_passwords(db: Database, *logins: str) -> None:
    """Give these users (login or name; every user when none named) the password
    :data:`TEST_PASSWORD`."""
    keys = {normalise_login(x) for x in logins}
    with db.transaction() as s:
        for user in s.scalars(select(m.User)):
            if not keys or user.login in keys or normalise_login(user.name) in keys:
                user.password_hash = hash_of_test_password()


def make_user(
    db: Database,
    login: str,
    role: m.Role,
    *,
    name: str | None = None,
    inspector: str | None = None,
    password: str | None = TEST_PASSWORD,
) -> UserInfo:
    """A user stored directly (no admin needed), with ``password`` (None: no password)."""
    with db.transaction() as s:
        inspector_id = None
        if inspector is not None:
            row = s.scalar(select(m.Inspector).where(m.Inspector.name == inspector))
            if row is None:
                row = m.Inspector(name=inspector)
                s.add(row)
                s.flush()
            inspector_id = row.id
        s.add(
            m.User(
                login=normalise_login(login),
                name=name or login,
                role=role,
                inspector_id=inspector_id,
                password_hash=(
                    None
                    if password is None
                    else hash_of_test_password()
                    if password == TEST_PASSWORD
                    else hash_password(password)
                ),
            )
        )
    return find_user(db, login)


def sign_in(monkeypatch: pytest.MonkeyPatch, login: str, password: str = TEST_PASSWORD) -> None:
    """Commands run from now on sign in as ``login`` ($EVALUATOR_USER, $EVALUATOR_PASSWORD)."""
    monkeypatch.setenv("EVALUATOR_USER", login)
    monkeypatch.setenv("EVALUATOR_PASSWORD", password)


def env_for(login: str, password: str = TEST_PASSWORD) -> dict[str, str]:
    """The environment of a subprocess that signs in as ``login``."""
    env = dict(os.environ)
    env["EVALUATOR_USER"] = login
    env["EVALUATOR_PASSWORD"] = password
    return env
