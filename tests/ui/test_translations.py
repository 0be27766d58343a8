"""The committed English translation (.qm) is the one built from the committed .ts, so every
wheel and bundle has a current translation without running lrelease."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from ui.i18n import translation_file

ROOT = Path(__file__).resolve().parents[2]


def _lrelease() -> Path:
    tool = Path(sys.executable).with_name("pyside6-lrelease")
    if not tool.exists():
        pytest.skip(f"{tool} is not installed")
    return tool


@pytest.mark.parametrize("name", ["evaluator_en", "qtbase_th"])
def test_the_committed_qm_is_built_from_the_committed_ts(tmp_path: Path, name: str) -> None:
    ts = ROOT / "resources" / "i18n" / f"{name}.ts"
    committed = ts.with_suffix(".qm")
    assert committed == translation_file("en") or name != "evaluator_en"
    assert committed.exists(), f"{committed} is missing: run `make translations` and commit it"
    fresh = tmp_path / f"{name}.qm"
    subprocess.run([str(_lrelease()), "-silent", str(ts), "-qm", str(fresh)], check=True)
    assert fresh.read_bytes() == committed.read_bytes(), (
        f"{committed.name} is older than {ts.name}: run `make translations` and commit the .qm"
    )


# --- every string the UI shows is in the .ts, translated ------------------------------------
UI = ROOT / "ui"
TS = ROOT / "resources" / "i18n" / "evaluator_en.ts"
Key = tuple[str, str, str]  # context, source, disambiguation


def _messages(ts: Path) -> dict[Key, str | None]:
    """(context, source, comment) → the translation, None where unfinished or no longer used."""
    found: dict[Key, str | None] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            key = (name, message.findtext("source") or "", message.findtext("comment") or "")
            translation = message.find("translation")
            done = translation is not None and not translation.get("type") and translation.text
            found[key] = translation.text if done and translation is not None else None
    return found


def _ui_files() -> list[str]:
    return sorted(str(p) for p in UI.rglob("*.py"))


def test_lupdate_finds_every_ui_string_translated(tmp_path: Path) -> None:
    """lupdate over ui/ into a fresh .ts: each string it finds must be in the committed .ts
    with a finished English translation, and the .ts holds nothing the code no longer uses."""
    tool = Path(sys.executable).with_name("pyside6-lupdate")
    if not tool.exists():
        pytest.skip(f"{tool} is not installed")
    fresh = tmp_path / "fresh.ts"
    subprocess.run(
        [str(tool), "-silent", "-locations", "none", *_ui_files(), "-ts", str(fresh)],
        check=True,
    )
    found = _messages(fresh)
    committed = _messages(TS)
    hidden = sorted(k for k in found if not k[0])
    assert not hidden, (
        "lupdate cannot read these calls (an alias such as `tr = QCoreApplication.translate`, or"
        f" `obj.tr(...)` outside a class): write QCoreApplication.translate(context, ...): {hidden}"
    )
    missing = sorted(k for k in found if k not in committed)
    unfinished = sorted(k for k in found if k in committed and committed[k] is None)
    unused = sorted(k for k in committed if k not in found)
    hint = "run `make translations`, write the English of each unfinished entry, run it again"
    assert not missing, f"{len(missing)} UI strings missing from {TS.name} ({hint}): {missing[:20]}"
    assert not unfinished, (
        f"{len(unfinished)} untranslated in {TS.name} ({hint}): {unfinished[:20]}"
    )
    assert not unused, (
        f"{len(unused)} strings of {TS.name} no longer in ui/ ({hint}): {unused[:20]}"
    )


THAI = re.compile("[\u0e00-\u0e7f]")
TRANSLATING = {"tr", "translate", "QT_TRANSLATE_NOOP", "QT_TR_NOOP"}
# Thai on purpose, in every language: the language's own name, Thai digits and era marks that
# input accepts, the user guide's file name
UNTRANSLATED = {"ไทย", "๐๑๒๓๔๕๖๗๘๙", "พ.ศ.", "พศ", "ค.ศ.", "คศ", "คู่มือ-ผู้ใช้.md"}
# shown before (or instead of) the translation, so written in both languages at once
BILINGUAL_FILES = {"crash.py"}


def _whole_text(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> tuple[ast.AST, str]:
    """The outermost f-string or concatenation a literal is part of, and its literal text."""
    top = node
    while isinstance(parents.get(top), (ast.JoinedStr, ast.BinOp, ast.FormattedValue)):
        top = parents[top]
    text = "".join(
        n.value for n in ast.walk(top) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    )
    return top, text


def _untranslated_thai(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            continue
        if not THAI.search(node.value) or node.value in UNTRANSLATED:
            continue
        top, text = _whole_text(node, parents)
        if isinstance(parents.get(top), ast.Expr):
            continue  # a docstring
        call = parents.get(top)
        if isinstance(call, ast.Call):
            f = call.func
            name = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")
            if name in TRANSLATING:
                continue
        if " — " in text and re.search("[A-Za-z]{3}", text.split(" — ", 1)[1]):
            continue  # "ไทย — English", the pattern for text both readers need at once
        if path.name in BILINGUAL_FILES:
            continue
        found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value[:60]!r}")
    return found


def test_no_thai_text_in_ui_escapes_translation() -> None:
    """Thai text in ui/ goes through tr()/translate() (so lupdate puts it in the .ts) unless it
    is written in both languages ("ไทย — English") or is Thai in every language."""
    found = [line for path in UI.rglob("*.py") for line in _untranslated_thai(path)]
    assert not found, "Thai text not translated:\n" + "\n".join(found)


# --- Qt's own buttons and dialogs -----------------------------------------------------------
def test_qt_own_buttons_and_file_dialog_speak_the_users_language(qapp, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Qt ships no Thai: the program's own translation of Qt's buttons (qtbase_th) is loaded
    in Thai mode, and Qt's English comes back in English mode."""
    from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel, QMessageBox

    from ui.i18n import install_language, qt_translation_file

    assert qt_translation_file("th").exists()
    yes_no = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    ok_cancel = QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel

    def texts() -> tuple[str, str, str, str, list[str]]:
        box = QMessageBox(QMessageBox.Icon.Question, "?", "?", yes_no)
        buttons = QDialogButtonBox(ok_cancel)
        files = QFileDialog()
        files.setOption(QFileDialog.Option.DontUseNativeDialog)
        for widget in (box, buttons, files):
            qtbot.addWidget(widget)
        labels = [label.text() for label in files.findChildren(QLabel) if label.text()]
        return (
            box.button(QMessageBox.StandardButton.Yes).text(),
            box.button(QMessageBox.StandardButton.No).text(),
            buttons.button(QDialogButtonBox.StandardButton.Ok).text(),
            buttons.button(QDialogButtonBox.StandardButton.Cancel).text(),
            labels,
        )

    try:
        assert install_language(qapp, "th")
        yes, no, ok, cancel, labels = texts()
        assert (yes, no, ok, cancel) == ("ใช่ (&Y)", "ไม่ (&N)", "ตกลง", "ยกเลิก")
        assert "ดูใน (&L):" in labels and "ชื่อไฟล์ (&N):" in labels
        assert install_language(qapp, "en")
        yes, no, ok, cancel, labels = texts()
        assert (yes, no, ok, cancel) == ("&Yes", "&No", "OK", "Cancel")
        assert "Look &in:" in labels or "&Look in:" in labels
    finally:
        install_language(qapp, "th")


# --- labels instead of codes ----------------------------------------------------------------
def test_audit_entries_read_as_words_not_codes(qapp) -> None:  # type: ignore[no-untyped-def]
    from ui.i18n import install_language
    from ui.labels import action_title, change_text, entity_title

    new = '{"inspector":"นายไพโรจน์ คำมูล","round":"outstanding","role":"committee","disabled":true}'
    assert action_title("sync.replace") == "รับฉบับใหม่แทนฉบับเดิม"
    assert entity_title("sheet") == "แบบประเมิน"
    assert change_text(new).splitlines() == [
        "ผู้ประเมิน: นายไพโรจน์ คำมูล",
        "รอบ: outstanding",
        "บทบาท: คณะกรรมการ",
        "ระงับ: ใช่",
    ]
    rounds = {"outstanding": "ตำบลผู้นำการเปลี่ยนแปลงดีเด่น"}
    assert change_text(new, rounds).splitlines()[1] == "รอบ: ตำบลผู้นำการเปลี่ยนแปลงดีเด่น (outstanding)"
    assert change_text('{"round":"other"}', rounds) == "รอบ: other"  # unknown: the code
    assert change_text("ffed81") == "ffed81"  # not JSON: as it is
    assert action_title("some.new.action") == "some.new.action"  # unknown: shown, not hidden
    try:
        assert install_language(qapp, "en")
        assert action_title("sync.replace") == "Receive a newer version"
        assert change_text(new).splitlines()[2:] == ["Role: Committee", "Disabled: Yes"]
    finally:
        install_language(qapp, "th")


def _logged_entities() -> set[str]:
    """Every entity the core writes to the audit log: the constants given to ``audit.Change``
    (positionally or as ``entity=``) anywhere in evaluator/, and the log's own seal and
    checkpoint entities."""
    from evaluator import audit
    from evaluator.services import checkpoints

    found = {audit.SEAL_ENTITY, checkpoints.ENTITY}
    for path in (ROOT / "evaluator").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            args = [a for a in node.args[1:2] if name == "Change"]
            args += [k.value for k in node.keywords if k.arg == "entity"]
            found |= {a.value for a in args if isinstance(a, ast.Constant)}
    return found


def test_every_logged_entity_and_field_has_a_title(qapp, demo_db) -> None:  # type: ignore[no-untyped-def]
    import json

    from sqlalchemy import text

    from ui.i18n import install_language
    from ui.labels import entity_title, field_title

    entities = _logged_entities() | {"assignment"}  # a score table's, written as ready texts
    assert {"sheet", "score", "photo", "lesson", "leaders", "user", "digest"} <= entities
    with demo_db.transaction() as s:
        rows = s.execute(text("SELECT entity, old, new FROM audit_log")).all()
    fields: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, dict):
            fields.update(value)
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    for entity, *values in rows:
        entities.add(entity)
        for raw in values:
            if raw and raw[:1] in "[{":
                walk(json.loads(raw))
    assert {"tambon_code", "inspectors", "seed"} & fields
    try:
        for language in ("th", "en"):
            assert install_language(qapp, language) or language == "th"
            assert [e for e in sorted(entities) if entity_title(e) == e] == [], language
            assert [f for f in sorted(fields) if field_title(f) == f] == [], language
    finally:
        install_language(qapp, "th")


def test_dates_in_the_app_follow_the_language(qapp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import time

    from ui.i18n import date_text, install_language

    monkeypatch.setenv("TZ", "Asia/Bangkok")
    time.tzset()
    try:
        assert date_text("2026-12-06T17:30:00+00:00") == "7 ธ.ค. 2569 00:30"
        assert install_language(qapp, "en")
        assert date_text("2026-12-06T17:30:00+00:00") == "7 Dec 2026 00:30"
    finally:
        install_language(qapp, "th")
        monkeypatch.delenv("TZ")
        time.tzset()
