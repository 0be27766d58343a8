"""Every text the core writes for a person has its English (#15 item 4): a scan of the core's
string literals, with an explicit list of the Thai that is Thai by nature (tests/evaluator/
thai_by_nature.py), and messages of each kind read in English mode: a refusal for a role, a
finalised round, a wrong password, an import problem naming file, row and field, a tampered
package, a tie, an import's summary, an audit finding, the lesson fields."""

from __future__ import annotations

import ast
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from evaluator import i18n
from evaluator.db import Database
from evaluator.db import models as m
from evaluator.errors import AuthError, EvaluatorError, InputError, LockedError, PermissionDenied
from tests.evaluator import thai_by_nature

ROOT = Path(__file__).resolve().parents[2]
THAI = re.compile("[\u0e00-\u0e7f]")


# --- the scan ---------------------------------------------------------------------------------
def _text(node: ast.AST) -> str | None:
    """A string literal's text, an f-string's with {} for each value; None for anything else."""
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _english(text: str | None) -> bool:
    return text is not None and not THAI.search(text) and re.search("[A-Za-z]", text) is not None


def thai_only_literals(path: Path) -> Iterator[tuple[int, str]]:
    """(line, text) of each string literal of ``path`` that has Thai and no English: not a
    docstring, not a message of a Catalog, not one of a (Thai, English) pair, not a bilingual
    "ไทย — English" line."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            skip |= {id(v) for v in ast.walk(node) if v is not node}
        body = getattr(node, "body", None)
        if (
            isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef)
            and isinstance(body, list)
            and body
            and isinstance(body[0], ast.Expr)
        ):
            skip.add(id(body[0].value))
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Catalog":
            skip |= {id(v) for v in ast.walk(node)}
        if isinstance(node, ast.Tuple) and any(_english(_text(e)) for e in node.elts):
            skip |= {id(e) for e in node.elts}
    for node in ast.walk(tree):
        text = _text(node)
        if id(node) in skip or text is None or not THAI.search(text):
            continue
        if i18n.english_part(text) is None:
            yield getattr(node, "lineno", 0), text


def _core_files() -> Iterator[tuple[str, Path]]:
    for path in sorted((ROOT / "evaluator").rglob("*.py")):
        name = path.relative_to(ROOT).as_posix()
        if "/migrations/" not in name:
            yield name, path


def test_every_thai_text_of_the_core_has_its_english_or_is_thai_by_nature() -> None:
    missing, used = [], set()
    for name, path in _core_files():
        if any(name.startswith(p) for p in thai_by_nature.WHOLE):
            continue
        allowed = thai_by_nature.TEXTS.get(name, set())
        for line, text in thai_only_literals(path):
            if text in allowed:
                used.add((name, text))
            else:
                missing.append(f"{name}:{line}: {text!r}")
    assert not missing, (
        "Thai with no English (write 'ไทย — English', a Catalog, or a (Thai, English) pair;"
        " or, for data and documents, list it in tests/evaluator/thai_by_nature.py):\n"
        + "\n".join(missing)
    )
    stale = [
        f"{name}: {text!r}"
        for name, texts in thai_by_nature.TEXTS.items()
        for text in texts
        if (name, text) not in used
    ]
    assert not stale, "no longer in the code; remove from thai_by_nature.py:\n" + "\n".join(stale)


def test_the_scan_finds_a_thai_only_message(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text(
        'def f(x):\n    """ไทย"""\n    raise ValueError(f"ไม่พบ {x}")\n'
        'OK = ("ไทย", "English")\nBOTH = "ไทย — English"\n',
        encoding="utf-8",
    )
    assert [t for _, t in thai_only_literals(probe)] == ["ไม่พบ {}"]


# --- messages of each kind in English mode ----------------------------------------------------
def shown(message: str, *names: str) -> str:
    """A message as an English screen shows it, with the names (data, Thai by nature) taken
    out; it must then have no Thai left."""
    text = i18n.one_language(message, "en")
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, "")
    assert not THAI.search(text), text
    return text


def test_a_refusal_for_a_role_and_a_finalised_round_in_english(db: Database) -> None:
    from evaluator.services import finalise as fin
    from tests.evaluator.ranking_fixtures import acting
    from tests.evaluator.test_ranking_service import build

    build(db)
    with pytest.raises(PermissionDenied) as denied:
        fin.finalise_round(db, acting(db, "ผู้ประเมิน", m.Role.INSPECTOR), "outstanding")
    assert shown(str(denied.value)) == (
        "the inspector role may not finalise round (only an admin may finalise a round)"
    )
    assert i18n.one_language(str(denied.value), "th").startswith("ผู้ประเมิน ไม่มีสิทธิ์")
    admin = acting(db, "admin", m.Role.ADMIN)
    fin.finalise_round(db, admin, "outstanding")
    with pytest.raises(LockedError) as locked:
        fin.finalise_round(db, admin, "outstanding")
    assert "already finalised" in shown(str(locked.value))


def test_a_wrong_password_and_an_unknown_round_in_english(db: Database) -> None:
    from evaluator.services import ranking as rk
    from evaluator.services import users
    from tests.accounts import TEST_PASSWORD, make_user

    make_user(db, "somchai", m.Role.COMMITTEE, name="สมชาย ใจดี")
    with pytest.raises(AuthError) as wrong:
        users.authenticate(db, "somchai", TEST_PASSWORD + "x")
    assert "wrong login or password" in shown(str(wrong.value))
    with pytest.raises(EvaluatorError) as unknown:
        rk.rank_round(db, "nosuch")
    assert "nosuch" in shown(str(unknown.value))


def test_an_import_problem_names_file_row_and_field_in_english(
    db: Database, tmp_path: Path, english: None
) -> None:
    from evaluator.services import imports
    from tests.evaluator.ranking_fixtures import acting
    from tests.evaluator.test_ranking_service import build

    build(db)
    table = tmp_path / "คะแนน.csv"
    table.write_text(
        "round,inspector,tambon_code,criterion,score\n"
        "outstanding,ก,840101,C1,11\n"
        "outstanding,ก,840101,C9,5\n"
        "outstanding,ก,999999,C1,5\n",
        encoding="utf-8",
    )
    committee = acting(db, "กรรมการ", m.Role.COMMITTEE)
    with pytest.raises(InputError) as bad:
        imports.import_scores(db, committee, table)
    lines = str(bad.value).splitlines()
    assert len(lines) == 3 and all(line.startswith("คะแนน.csv, row ") for line in lines), lines
    for line in lines:
        shown(line, "คะแนน.csv", "คะแนน", "เกณฑ์", "รหัสตำบล", "ก")
    assert "row 2, field 'score" in lines[0]


def test_an_import_summary_in_english_and_unchanged_in_thai(db: Database, tmp_path: Path) -> None:
    from evaluator.services import imports
    from tests.evaluator.ranking_fixtures import acting
    from tests.evaluator.test_ranking_service import build

    build(db)
    table = tmp_path / "scores.csv"
    table.write_text(
        "round,inspector,tambon_code,criterion,score\n"
        "outstanding,สมศรี,840101,C1,7\noutstanding,สมศรี,840101,C2,6\n",
        encoding="utf-8",
    )
    summary = imports.import_scores(db, acting(db, "กรรมการ", m.Role.COMMITTEE), table)
    thai = summary.lines()
    assert thai[0].startswith("นำเข้า scores.csv: 2 แถว — คะแนนใหม่ 2")
    english = summary.lines("en")
    assert english[0] == "Imported scores.csv: 2 rows; scores new 2, updated 0, unchanged 0"
    for line in english:
        shown(line)
    # a new inspector registered and assigned, named (data)
    assert [i18n.one_language(w, "en") for w in summary.warnings] == [
        "1 new inspectors registered: สมศรี (check the spelling)",
        "assignments created: outstanding / สมศรี / 840101",
    ]
    for warning in summary.warnings:
        shown(warning, "สมศรี")


def test_a_tampered_package_is_refused_in_english(tmp_path: Path) -> None:
    from evaluator.sync.package import read_package

    bad = tmp_path / "แพ็กเกจ.cddpkg"
    with zipfile.ZipFile(bad, "w") as zf:
        zf.writestr("../escape.json", "{}")
    with pytest.raises(EvaluatorError) as refused:
        read_package(bad)
    shown(str(refused.value), "แพ็กเกจ.cddpkg")
    # the English names the member, as the Thai does
    assert "'../escape.json'" in i18n.in_language(str(refused.value).split(": ", 1)[-1], "en")


def test_sign_in_refusals_name_the_login_in_english(db: Database) -> None:
    from evaluator.services import users
    from tests.accounts import TEST_PASSWORD, make_user

    make_user(db, "somchai", m.Role.COMMITTEE, name="สมชาย ใจดี")
    for _ in range(10):
        try:
            users.authenticate(db, "somchai", TEST_PASSWORD + "x")
        except AuthError as err:
            refusal = str(err)
    english = i18n.in_language(refusal, "en")
    assert "somchai: too many failed sign-ins; try again in" in english, refusal
    assert not THAI.search(english)


def test_a_tie_an_audit_finding_and_the_lesson_fields_in_english(english: None) -> None:
    from evaluator.lesson_fields import LESSON_FIELDS
    from evaluator.services.audit_log import Break
    from evaluator.services.ties import TieInfo

    assert "describe" in dir(TieInfo)
    finding = Break("chain", "12", "ถูกแก้ไขหลังบันทึก — was changed after it was written")
    assert str(finding) == "Entry 12: was changed after it was written"
    i18n.set_language("th")
    assert str(finding) == "รายการที่ 12: ถูกแก้ไขหลังบันทึก — was changed after it was written"
    assert LESSON_FIELDS[0].label() == "แนวปฏิบัติที่ดี"
    i18n.set_language("en")
    for field in LESSON_FIELDS:
        shown(field.label())
        shown(field.question())
        assert field.title != field.label()  # documents keep the Thai title


def test_a_tie_at_the_cutoff_described_in_english(db: Database) -> None:
    from evaluator.services import finalise as fin
    from evaluator.services import ties
    from tests.evaluator.ranking_fixtures import ContestBuilder, acting

    b = ContestBuilder(db)
    b.round("r", winners_per_zone=1)
    b.tambon("840101", "ท่าทอง")
    b.tambon("840102", "บางใบไม้")
    b.sheet("r", "ก", "840101", [8, 8])
    b.sheet("r", "ก", "840102", [8, 8])
    listed = ties.list_ties(db, "r")
    (tie,) = listed.ties
    assert (
        tie.describe("en")
        == "zone 5: 2 tambons (840101, 840102) share rank 1 for 1 remaining prizes"
    )
    assert tie.describe("th").startswith("เขต 5: อันดับ 1 ร่วมกัน 2 ตำบล")
    with pytest.raises(EvaluatorError) as open_tie:
        fin.finalise_round(db, acting(db, "admin", m.Role.ADMIN), "r")
    assert "settle the 1 ties at the cutoff first (zone 5: 2 tambons" in shown(str(open_tie.value))


def test_a_bilingual_message_naming_a_thai_place_keeps_its_english() -> None:
    message = "ไม่มีผู้ประเมินชื่อ 'สมชาย' — no inspector 'สมชาย'"
    assert i18n.one_language(message, "en") == "no inspector 'สมชาย'"
    assert i18n.one_language(message, "th") == "ไม่มีผู้ประเมินชื่อ 'สมชาย'"
    # a Thai sentence with a code after the dash is not mistaken for English
    assert i18n.english_part("นำเข้า x: 3 แถว — ตำบลใหม่ 3") is None
    assert i18n.english_part("ตำบล ก — C1 ไม่ครบ") is None
