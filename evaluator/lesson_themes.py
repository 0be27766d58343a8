"""Themes counted across tambons' lessons learned: a plain keyword dictionary, no model.

The method, kept simple so that a committee can check it by hand:

1. Each theme (a food-security practice such as household vegetable gardens or a rice bank) has
   a short list of Thai (and a few English) keywords, in :data:`THEMES`.
2. A lesson's text (all its fields together, line by line) is cut into words with PyThaiNLP's
   ``newmm`` segmenter and its own dictionary (the one the PDFs break lines with).
3. A keyword counts where it occurs on word boundaries: it starts where a word starts and ends
   where a word ends, whatever words it spans in between (so ``ธนาคารข้าว``, cut as ``ธนาคาร``
   ``ข้าว``, is found; ``ปลา`` is found in ``เลี้ยงปลา`` but not in ``ปลาย``, and ``หมู`` not in
   ``หมู่บ้าน``).
4. A theme counts once per tambon, however many of its inspectors or fields mention it; the
   result lists, per theme, how many tambons mention it (and which), most mentioned first.

It counts words, not meaning: a lesson that says "ยังไม่มีธนาคารข้าว" counts for the rice bank.
The documents say so where they print the counts.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Theme:
    key: str
    title: str
    title_en: str
    keywords: tuple[str, ...]


THEMES: tuple[Theme, ...] = (
    Theme(
        "gardens",
        "ผักสวนครัวและรั้วกินได้",
        "Household vegetable gardens",
        ("ผักสวนครัว", "ปลูกผัก", "แปลงผัก", "รั้วกินได้", "ผักปลอดสาร", "ผักกินเอง", "สวนครัว"),
    ),
    Theme(
        "rice_bank",
        "ธนาคารข้าวและยุ้งฉางชุมชน",
        "Community rice banks",
        ("ธนาคารข้าว", "ยุ้งฉาง", "กองทุนข้าว", "ข้าวสาร", "ยืมข้าว"),
    ),
    Theme(
        "seed_bank",
        "ธนาคารเมล็ดพันธุ์",
        "Seed banks",
        ("ธนาคารเมล็ดพันธุ์", "เมล็ดพันธุ์", "แลกเปลี่ยนพันธุ์", "ต้นกล้า", "เพาะกล้า"),
    ),
    Theme(
        "fish",
        "บ่อปลาและสัตว์น้ำ",
        "Fish ponds",
        ("บ่อปลา", "เลี้ยงปลา", "ปลาดุก", "ปลานิล", "เลี้ยงกบ", "สัตว์น้ำ", "ประมง", "กระชัง"),
    ),
    Theme(
        "livestock",
        "เลี้ยงไก่ เป็ด และสัตว์เล็ก",
        "Poultry and small livestock",
        ("เลี้ยงไก่", "ไก่ไข่", "ไก่พื้นเมือง", "เลี้ยงเป็ด", "ไข่ไก่", "เลี้ยงหมู", "แพะ", "จิ้งหรีด"),
    ),
    Theme(
        "compost",
        "ปุ๋ยหมักและเกษตรอินทรีย์",
        "Composting and organic farming",
        (
            "ปุ๋ยหมัก",
            "น้ำหมักชีวภาพ",
            "น้ำหมัก",
            "ปุ๋ยอินทรีย์",
            "เกษตรอินทรีย์",
            "ลดสารเคมี",
            "ไส้เดือน",
            "ขยะอินทรีย์",
        ),
    ),
    Theme(
        "market",
        "ตลาด แปรรูป และรายได้",
        "Markets, processing and income",
        ("ตลาดชุมชน", "ตลาดนัด", "ตลาด", "แปรรูป", "วิสาหกิจชุมชน", "ขายออนไลน์", "รายได้"),
    ),
    Theme(
        "savings",
        "ลดรายจ่ายและการออม",
        "Lower spending and savings",
        ("ลดรายจ่าย", "บัญชีครัวเรือน", "ออมทรัพย์", "เงินออม", "กองทุน"),
    ),
    Theme(
        "water",
        "การจัดการน้ำ",
        "Water management",
        ("แหล่งน้ำ", "ระบบน้ำ", "สระน้ำ", "ฝายชะลอน้ำ", "น้ำหยด", "ภัยแล้ง", "บ่อบาดาล", "โคก หนอง นา"),
    ),
    Theme(
        "leaders",
        "ผู้นำทำก่อนและการมีส่วนร่วม",
        "Leaders first, and participation",
        ("ผู้นำทำก่อน", "ต้นแบบ", "จิตอาสา", "ประชาคม", "มีส่วนร่วม", "ทำเป็นตัวอย่าง"),
    ),
    Theme(
        "partners",
        "ภาคีเครือข่าย (บ้าน วัด โรงเรียน หน่วยงาน)",
        "Partners (temple, school, agencies)",
        ("ภาคีเครือข่าย", "เครือข่าย", "โรงเรียน", "วัด", "อบต.", "เทศบาล", "รพ.สต.", "เกษตรอำเภอ"),
    ),
    Theme(
        "knowledge",
        "ความรู้ ภูมิปัญญา และศูนย์เรียนรู้",
        "Knowledge, local wisdom and learning centres",
        ("ภูมิปัญญา", "ปราชญ์", "ศึกษาดูงาน", "ศูนย์เรียนรู้", "ถ่ายทอดความรู้", "อบรม"),
    ),
    Theme(
        "media",
        "การสื่อสารและประชาสัมพันธ์",
        "Communication",
        ("ประชาสัมพันธ์", "หอกระจายข่าว", "Facebook", "YouTube", "Line", "ไลน์กลุ่ม", "เฟซบุ๊ก"),
    ),
)


@dataclass(frozen=True)
class ThemeCount:
    """How many tambons' lessons mention a theme, and which (by code, sorted)."""

    theme: Theme
    tambons: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.tambons)


def _boundaries(text: str) -> set[int]:
    from pythainlp.tokenize import word_tokenize

    tokens: list[str] = word_tokenize(text, engine="newmm", keep_whitespace=True)
    edges = {0}
    at = 0
    for token in tokens:
        at += len(token)
        edges.add(at)
    return edges


def _occurs(keyword: str, text: str, folded: str, edges: set[int]) -> bool:
    """Whether ``keyword`` occurs in ``text`` starting and ending on word boundaries (case is
    ignored for the Latin keywords)."""
    haystack = folded if keyword.isascii() else text
    needle = keyword.casefold() if keyword.isascii() else keyword
    start = haystack.find(needle)
    while start >= 0:
        if start in edges and start + len(needle) in edges:
            return True
        start = haystack.find(needle, start + 1)
    return False


@functools.lru_cache(maxsize=20_000)
def _line_themes(line: str) -> frozenset[str]:
    if not line.strip():
        return frozenset()
    edges = _boundaries(line)
    folded = line.casefold()
    return frozenset(
        theme.key
        for theme in THEMES
        if any(_occurs(k, line, folded, edges) for k in theme.keywords)
    )


def themes_of(text: str) -> set[str]:
    """The keys of the themes a text mentions (see the module docstring); a keyword never
    spans two lines, so each line is cut (and remembered) on its own."""
    found: set[str] = set()
    for line in text.split("\n"):
        found |= _line_themes(line)
    return found


def count_themes(texts: Iterable[tuple[str, str]]) -> list[ThemeCount]:
    """Themes counted across tambons from (tambon code, lesson text) pairs: each theme once per
    tambon; the themes no tambon mentions are left out; most mentioned first, then in the
    order of :data:`THEMES`."""
    found: dict[str, set[str]] = {t.key: set() for t in THEMES}
    for tambon, text in texts:
        for key in themes_of(text):
            found[key].add(tambon)
    counts = [ThemeCount(t, tuple(sorted(found[t.key]))) for t in THEMES if found[t.key]]
    order = {t.key: i for i, t in enumerate(THEMES)}
    return sorted(counts, key=lambda c: (-c.count, order[c.theme.key]))
