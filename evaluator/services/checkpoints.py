"""Signed checkpoints of the audit chain: its head (entry count, last id, last hash) at a moment,
signed with this installation's audit key, written into the chain itself.

A hash chain alone cannot show that its last entries were cut off, nor that it was rebuilt from
an edited entry onwards with every hash recomputed. A checkpoint can: it is made at every
finalise and every export, signed with an Ed25519 key that lives in the user's data folder (never
in the database), encrypted with a passphrase (:mod:`evaluator.services.audit_key`), and
remembered in a journal beside the key. ``audit verify`` then checks that every checkpoint in the
chain sits exactly where it says (same count, last id and hash before it), that its signature is
good and made by a trusted key (this installation's, or one given with ``--trust``), and that the
latest checkpoint this machine made for the database is still in it. See docs/architecture.md
("What the audit log can and cannot prove").
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from datetime import datetime

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from evaluator import audit
from evaluator.db import models as m
from evaluator.services import audit_key
from evaluator.sync.keys import fingerprint

JOURNAL_FILE = "checkpoints.jsonl"
ACTION = "checkpoint"
ENTITY = "audit"
CONTEXT = b"cdd-evaluator audit checkpoint v1\n"
KEY_DIR_ENV = audit_key.KEY_DIR_ENV
key_folder = audit_key.key_folder
installation_fingerprint = audit_key.installation_fingerprint


def _raw(public: Ed25519PublicKey) -> bytes:
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def _message(payload: dict[str, object]) -> bytes:
    return CONTEXT + json.dumps(
        payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")
    ).encode("utf-8")


def _database_id(session: Session) -> str:
    bind = session.get_bind()
    return bind.engine.url.render_as_string(hide_password=True)


def checkpoint(
    session: Session, actor: str, reason: str, key: Ed25519PrivateKey | None = None
) -> dict[str, object]:
    """Sign the chain's head as it is in the caller's transaction and append the checkpoint to
    the chain (and to this machine's journal once the transaction commits).

    ``key``: the unlocked audit key (:func:`evaluator.services.audit_key.signing_key`), which
    callers take before they write anything; without it the key already open in this process,
    or :class:`~evaluator.services.audit_key.AuditKeyLocked` (the caller's transaction then rolls
    back)."""
    if key is None:
        key = audit_key.signing_key()
    session.flush()
    head = audit.lock_head(session)
    payload: dict[str, object] = {
        "entries": head.entries,
        "last_id": head.last_id,
        "head_hash": head.hash,
        "at": m.utcnow().isoformat(),
        "reason": reason,
    }
    raw = _raw(key.public_key())
    signed = {
        **payload,
        "key": fingerprint(raw),
        "public_key": base64.b64encode(raw).decode("ascii"),
        "signature": base64.b64encode(key.sign(_message(payload))).decode("ascii"),
    }
    audit.record(
        session,
        actor,
        audit.Source.SYSTEM,
        [audit.Change(ACTION, ENTITY, str(head.entries), new=signed, reason=reason)],
    )
    journal = {"db": _database_id(session), **payload}

    def remember(_session: Session) -> None:
        folder = key_folder()
        folder.mkdir(parents=True, exist_ok=True)
        with (folder / JOURNAL_FILE).open("a", encoding="utf-8") as f:
            f.write(json.dumps(journal, ensure_ascii=False, sort_keys=True) + "\n")

    from sqlalchemy import event

    event.listen(session, "after_commit", remember, once=True)
    return signed


@dataclass
class CheckpointReport:
    """What the checkpoints of a chain say."""

    checkpoints: int = 0
    keys: set[str] = field(default_factory=set)
    problems: list[tuple[int, str]] = field(default_factory=list)  # (entry id, problem)
    last_at: datetime | None = None


def verify(session: Session, trusted: set[str] | None = None) -> CheckpointReport:
    """Check every checkpoint of the chain (see the module docstring)."""
    report = CheckpointReport()
    own = installation_fingerprint()
    trust = {t.strip().upper() for t in (trusted or set())} | ({own} if own else set())
    prev_id: int | None = None
    prev_hash = audit.GENESIS
    positions: dict[tuple[int, str], int] = {}
    entries = session.scalars(select(m.AuditEntry).order_by(m.AuditEntry.id))
    for count, e in enumerate(entries):
        if e.action == ACTION and e.entity == ENTITY:
            report.checkpoints += 1
            report.problems.extend(
                (e.id, p) for p in _check_one(e.new, count, prev_id, prev_hash, trust)
            )
            try:
                data = json.loads(e.new or "{}")
                report.keys.add(str(data.get("key")))
                positions[(int(data["entries"]), str(data["head_hash"]))] = e.id
            except (ValueError, KeyError, TypeError):
                pass
        prev_id, prev_hash = e.id, e.hash
    for line in _journal(_database_id(session))[-1:]:
        key = (int(str(line.get("entries"))), str(line.get("head_hash")))
        if key not in positions:
            report.problems.append(
                (
                    0,
                    f"จุดตรวจสอบเมื่อ {line.get('at')} ({line.get('reason')}) ที่เครื่องนี้ลงนามไว้"
                    f" ไม่อยู่ในบันทึกแล้ว (บันทึกถูกตัดหรือสร้างใหม่)"
                    f" — the checkpoint this machine signed at {line.get('at')} is no longer"
                    " in the log: it was cut or rebuilt",
                )
            )
    return report


def _check_one(
    new: str | None, count: int, prev_id: int | None, prev_hash: str, trust: set[str]
) -> list[str]:
    try:
        data = json.loads(new or "{}")
        payload = {k: data[k] for k in ("entries", "last_id", "head_hash", "at", "reason")}
        public = base64.b64decode(str(data["public_key"]))
        signature = base64.b64decode(str(data["signature"]))
    except (ValueError, KeyError, TypeError):
        return ["จุดตรวจสอบอ่านไม่ได้ — a checkpoint that cannot be read"]
    problems: list[str] = []
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(signature, _message(payload))
    except (InvalidSignature, ValueError):
        problems.append("ลายมือชื่อของจุดตรวจสอบไม่ถูกต้อง — the checkpoint's signature is bad")
    fp = fingerprint(public)
    if str(data.get("key")) != fp:
        problems.append("ลายนิ้วมือกุญแจไม่ตรงกับกุญแจ — the checkpoint names another key")
    if trust and fp not in trust:
        problems.append(
            f"จุดตรวจสอบลงนามด้วยกุญแจ {fp} ที่ไม่ใช่ของเครื่องนี้และไม่ได้ระบุว่าเชื่อถือ (--trust)"
            f" — signed by key {fp}, neither this installation's nor trusted"
        )
    if (payload["entries"], payload["last_id"], payload["head_hash"]) != (
        count,
        prev_id,
        prev_hash,
    ):
        problems.append(
            f"จุดตรวจสอบระบุ {payload['entries']} รายการก่อนหน้า แต่บันทึกมี {count} รายการ"
            " หรือค่าแฮชไม่ตรง (บันทึกก่อนหน้าถูกตัด แก้ไข หรือสร้างใหม่)"
            f" — the checkpoint signed {payload['entries']} entries ending in"
            f" {str(payload['head_hash'])[:12]}…; the log before it has {count}"
            f" ending in {prev_hash[:12]}…: cut, changed or rebuilt"
        )
    return problems


def _journal(database: str) -> list[dict[str, object]]:
    path = key_folder() / JOURNAL_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return []
    out = []
    for line in text.splitlines():
        try:
            item = json.loads(line)
        except ValueError:
            continue
        if isinstance(item, dict) and item.get("db") == database:
            out.append(item)
    return out
