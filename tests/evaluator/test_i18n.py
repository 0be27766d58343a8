"""The core's own translation layer (no Qt): the current language, the message catalogues and
the bilingual "ไทย — English" messages, and the texts built on them in both languages."""

from __future__ import annotations

import pytest

from evaluator import i18n
from evaluator.db import Database
from evaluator.errors import InputError, Problem

THAI = i18n._THAI


def test_thai_is_the_default_and_unknown_languages_are_refused() -> None:
    assert i18n.language() == "th"
    with pytest.raises(ValueError, match="unknown language"):
        i18n.set_language("fr")
    assert i18n.language() == "th"


def test_a_catalogue_gives_the_current_language_or_the_one_asked() -> None:
    cat = i18n.Catalog("test", {"n": ("{count} ตำบล", "{count} tambons")})
    assert cat.text("n", count=3) == "3 ตำบล"
    assert cat.text("n", "en", count=3) == "3 tambons"
    assert cat.both("n", count=2) == ("2 ตำบล", "2 tambons")
    i18n.set_language("en")
    try:
        assert cat.text("n", count=3) == "3 tambons"
        assert cat.text("n", "th", count=3) == "3 ตำบล"  # an explicit language wins
    finally:
        i18n.set_language("th")


def test_a_catalogue_refuses_a_translation_with_other_placeholders() -> None:
    with pytest.raises(ValueError, match="different placeholders"):
        i18n.Catalog("bad", {"x": ("{a} และ {b}", "{a} and {c}")})


def test_every_catalogue_of_the_core_has_both_languages() -> None:
    import evaluator.errors
    import evaluator.scoring.agreement
    import evaluator.scoring.explain  # noqa: F401  (their catalogues register on import)

    names = {c.name for c in i18n.Catalog.catalogs}
    assert {"errors", "explain", "agreement"} <= names
    for cat in i18n.Catalog.catalogs:
        for key, (th, en) in cat.messages.items():
            assert th.strip() and en.strip(), f"{cat.name}.{key} is empty"
            assert not i18n._THAI.search(en), f"{cat.name}.{key}: Thai in the English"


@pytest.mark.parametrize(
    ("text", "english"),
    [
        ("ไม่พบไฟล์ — file not found", "file not found"),
        ("รอบ R1 ยืนยันผลไปแล้วเมื่อ 2026-01-01 — already finalised", "already finalised"),
        # a Thai part with its own dash: the English is what follows the last Thai
        ("ตำบล ก — ข ไม่ครบ — tambon incomplete", "tambon incomplete"),
        ("ไม่มีส่วนภาษาอังกฤษ", None),
        ("only English — here", None),
    ],
)
def test_the_english_of_a_bilingual_line(text: str, english: str | None) -> None:
    assert i18n.english_part(text) == english


def test_bilingual_messages_are_whole_in_thai_and_english_in_english(english: None) -> None:
    text = "ไม่พบไฟล์ — file not found\nข้อความไทยล้วน"
    assert i18n.in_language(text) == "file not found\nข้อความไทยล้วน"
    assert i18n.in_language(text, "th") == text


def test_an_import_problem_in_both_languages() -> None:
    problem = Problem("คะแนนเกินคะแนนเต็ม — above the maximum", "s.xlsx", 4, "คะแนน (score)")
    error = InputError([problem] * 51)
    assert (
        str(problem) == "s.xlsx, แถว 4, ช่อง 'คะแนน (score)': คะแนนเกินคะแนนเต็ม — above the maximum"
    )
    assert str(error).splitlines()[-1] == "… และอีก 1 ข้อ"
    i18n.set_language("en")
    try:
        assert str(problem) == "s.xlsx, row 4, field 'คะแนน (score)': above the maximum"
        assert str(error).splitlines()[-1] == "… and 1 more"
    finally:
        i18n.set_language("th")


# --- the texts shown most: the explanation, the reasons, the agreement sentence -------------
def test_an_explanation_in_thai_and_in_english(db: Database) -> None:
    from evaluator.services import ranking as rk
    from tests.evaluator.test_ranking_service import build

    build(db)
    x = rk.explain_tambon(db, "outstanding", "840102")
    thai, english = "\n".join(x.lines), "\n".join(x.lines_en)
    assert "คะแนนเฉลี่ยของ 1 แบบ: (80.00) / 1 = 80.00" in thai
    assert "Mean of 1 sheets: (80.00) / 1 = 80.00" in english
    assert "0.8000 ต่อ 1.0000" in thai and "C1: 0.8000 to 1.0000" in english
    assert "[ส่งแล้ว]" in thai and "[submitted]" in english  # a label, not the raw code
    names = {x.round_title} | {d.inspector for d in x.sheet_details}
    for e in rk.rank_round(db, "outstanding").entries:
        names |= {e.tambon, e.district, e.province}
    words = english
    for name in sorted(names, key=len, reverse=True):
        words = words.replace(name, "")
    assert not THAI.search(words), english  # only names (data) stay in Thai
    assert x.lines_in("th") == x.lines and x.lines_in("en") == x.lines_en
    i18n.set_language("en")
    try:
        assert x.lines_in() == x.lines_en
    finally:
        i18n.set_language("th")
    ineligible = rk.explain_tambon(db, "excellent", "840102")
    assert any("It must first win a prize in round outstanding" in s for s in ineligible.lines_en)
    reasons = [e for e in rk.rank_round(db, "excellent").entries if e.reason]
    assert reasons and all(e.reason_en and not THAI.search(e.reason_en) for e in reasons)


def test_the_agreement_sentence_in_both_languages(db: Database) -> None:
    from evaluator.services import ranking as rk
    from tests.evaluator.ranking_fixtures import ContestBuilder

    b = ContestBuilder(db)
    b.round("r", winners_per_zone=1)
    b.tambons("840101", "840102", "840103")
    for inspector, code, v in (("A", "840101", 8), ("B", "840101", 7), ("A", "840102", 6)):
        b.sheet("r", inspector, code, [v, v])
    b.sheet("r", "C", "840102", [5, 5])
    a = rk.round_agreement(db, "r").agreement
    assert a.alpha_text.startswith("ค่าแอลฟาของคริพเพนดอร์ฟ")
    assert a.alpha_text_en.startswith("Krippendorff's alpha = ")
    assert not THAI.search(a.alpha_text_en)
    assert a.alpha_text_in("en") == a.alpha_text_en and a.alpha_text_in("th") == a.alpha_text


def test_dates_in_buddhist_era_in_thai_and_gregorian_in_english(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import time

    monkeypatch.setenv("TZ", "Asia/Bangkok")
    time.tzset()
    try:
        stored = "2026-12-06T17:30:00+00:00"  # stored in UTC; 00:30 the next day in Bangkok
        assert i18n.when(stored, "th") == "7 ธ.ค. 2569 00:30"
        assert i18n.when(stored, "en") == "7 Dec 2026 00:30"
        assert i18n.when("2026-12-06T17:30:00", "th", seconds=True) == "7 ธ.ค. 2569 00:30:00"
        assert i18n.when("2026-03-01", "th", full_month=True) == "1 มีนาคม 2569"
        assert i18n.when(None) == "–" and i18n.when("not a date") == "not a date"
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_one_language_for_a_screen_that_speaks_one() -> None:
    text = "ไม่พบไฟล์ — file not found\nข้อความไทยล้วน"
    assert i18n.one_language(text, "th") == "ไม่พบไฟล์\nข้อความไทยล้วน"
    assert i18n.one_language(text, "en") == "file not found\nข้อความไทยล้วน"


def test_a_package_import_said_in_one_language(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The command line keeps its lines (codes and the English of key facts); a screen gets
    them in one language, with words instead of codes such as "(insert)"."""
    from tests.evaluator import sync_fixtures as f

    pair = f.make_pair(tmp_path)
    try:
        inspector = f.user(pair.inspector_db, "มาลี")
        f.score(pair.inspector_db, inspector, "840502", {"C1": 5, "C2": 6, "C3": 3})
        out = pair.package("a.cdpkg")
        f.export_package(pair.inspector_db, f.INSPECTOR, out, pair.key)
        result = f.import_package(pair.committee_db, out, actor="กรรมการ")
        cli, thai, english = result.lines(), result.lines("th"), result.lines("en")
        assert any("(insert)" in line for line in cli)
        assert not any("(insert)" in line for line in thai + english)
        assert thai[0].startswith("นำเข้า a.cdpkg ของ ") and english[0].startswith(
            "Imported a.cdpkg of "
        )
        assert any("new sheet" in line for line in english)
        again = f.import_package(pair.committee_db, out, actor="กรรมการ").lines("en")
        assert (
            again[0].startswith("a.cdpkg: imported before, on ") and "nothing changed" in again[0]
        )
    finally:
        pair.close()
