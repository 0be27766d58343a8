"""Inspectors' signing keys as users handle them: make a key pair on an inspector's machine,
hand on the public key, register it (from its file or by the fingerprint read aloud), list them.

Making a key is the inspector's own act (or an admin's, setting up a machine); registering whom
this database trusts is the committee's; replacing a registered key is the admin's alone, since a
replaced key lets other packages in. Every change is in the audit log under the acting user.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from evaluator import audit
from evaluator.db import Database
from evaluator.db import models as m
from evaluator.errors import EvaluatorError
from evaluator.permissions import Action, UserInfo, require
from evaluator.services.users import user_in
from evaluator.sync import keys
from evaluator.sync.local import find_inspector


@dataclass(frozen=True)
class KeyInfo:
    """An inspector's key as this database knows it."""

    inspector: str
    state: str  # "none" | "key" | "fingerprint" (registered by fingerprint, key not seen yet)
    fingerprint: str | None
    key_path: Path | None = None


def _key_info(row: m.Inspector, path: Path | None = None) -> KeyInfo:
    state = keys.key_state(row.public_key)
    return KeyInfo(row.name, state.state, state.fingerprint, path)


def generate_inspector_key(
    db: Database,
    user: UserInfo,
    inspector: str,
    passphrase: bytes,
    *,
    key_path: Path | None = None,
    overwrite: bool = False,
) -> KeyInfo:
    """Make the inspector's key pair on this machine: the private key (encrypted) goes to
    ``key_path`` (default: the user's data folder), the public key into this database.

    The inspector makes their own key; making another inspector's key is the admin's."""
    path = key_path or keys.default_key_path(inspector)
    with db.transaction() as s:
        actor = user_in(s, user.id)
        require(
            actor,
            Action.EXPORT_OWN_PACKAGE
            if actor.inspector_name == inspector
            else Action.EXPORT_ANY_PACKAGE,
        )
        row = find_inspector(s, inspector)
        pair = keys.generate(passphrase)
        keys.write_private_key(path, pair.private_pem, overwrite=overwrite)
        old = keys.key_state(row.public_key).fingerprint
        row.public_key = pair.public_raw
        audit.record(
            s,
            actor.login,
            audit.Source.KEYBOARD,
            [
                audit.Change(
                    "key.generate",
                    "inspector",
                    inspector,
                    old=None if old is None else {"fingerprint": old},
                    new={"fingerprint": pair.fingerprint},
                    reason="สร้างกุญแจของผู้ประเมินบนเครื่องนี้",
                )
            ],
        )
        return _key_info(row, path)


def public_key_file(db: Database, inspector: str) -> bytes:
    """The public-key file of an inspector whose key this database holds (a read: public)."""
    with db.transaction() as s:
        row = find_inspector(s, inspector)
        state = keys.key_state(row.public_key)
        if state.public_raw is None:
            raise EvaluatorError(
                f"ยังไม่มีกุญแจของ '{inspector}' ในฐานข้อมูลนี้ ผู้ประเมินสร้างกุญแจได้ที่"
                " เมนู แฟ้ม › กุญแจของผู้ประเมิน…"
                f" — no key for '{inspector}' here: the inspector makes one in File › Inspector"
                " key… (`keys generate` from a script)"
            )
        return keys.public_key_file(state.public_raw, inspector)


def _register(
    db: Database, user: UserInfo, inspector: str, stored: bytes, fp: str, replace: bool, how: str
) -> KeyInfo:
    with db.transaction() as s:
        actor = user_in(s, user.id)
        require(actor, Action.REGISTER_KEY)
        row = find_inspector(s, inspector)
        before = keys.key_state(row.public_key)
        if before.fingerprint == fp and (before.state == "key" or how == "fingerprint"):
            return _key_info(row)  # already registered: nothing to change
        if before.state != "none" and before.fingerprint != fp:
            if not replace:
                raise EvaluatorError(
                    f"'{inspector}' มีกุญแจที่ลงทะเบียนไว้แล้ว ({before.fingerprint}) "
                    "หากต้องการเปลี่ยนกุญแจ เลือก “แทนกุญแจที่ลงทะเบียนไว้เดิม” ในหน้าต่างลงทะเบียนกุญแจ"
                    f" — '{inspector}' already has a registered key; to change it, tick Replace"
                    " the registered key (--replace from a script)"
                )
            require(actor, Action.REPLACE_KEY)
        row.public_key = stored
        audit.record(
            s,
            actor.login,
            audit.Source.KEYBOARD,
            [
                audit.Change(
                    "key.register",
                    "inspector",
                    inspector,
                    old=None if before.fingerprint is None else {"fingerprint": before.fingerprint},
                    new={"fingerprint": fp, "by": how},
                    reason="ลงทะเบียนกุญแจสาธารณะของผู้ประเมิน",
                )
            ],
        )
        return _key_info(row)


def register_public_key(
    db: Database,
    user: UserInfo,
    inspector: str,
    data: bytes,
    *,
    replace: bool = False,
    file: str = "",
) -> KeyInfo:
    """Register an inspector's public key from the bytes of their public-key file."""
    raw = keys.read_public_key(data, file)
    return _register(db, user, inspector, raw, keys.fingerprint(raw), replace, "file")


def register_fingerprint(
    db: Database, user: UserInfo, inspector: str, fingerprint: str, *, replace: bool = False
) -> KeyInfo:
    """Register an inspector by the fingerprint of their key (read aloud); the key itself is
    taken from their first package whose key has exactly this fingerprint."""
    fp = keys.normalise_fingerprint(fingerprint)
    return _register(db, user, inspector, keys.pending_marker(fp), fp, replace, "fingerprint")


def list_keys(db: Database) -> list[KeyInfo]:
    """Every inspector with the state of their key (a read: public)."""
    with db.transaction() as s:
        return [_key_info(r) for r in s.scalars(select(m.Inspector).order_by(m.Inspector.name))]
