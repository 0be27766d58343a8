"""Contest files (DESIGN.md section 6): the rubric and the award rounds in TOML.

:func:`parse_contest` reads and checks a file into the plain frozen dataclasses of
:mod:`evaluator.contest.spec` (:class:`ContestSpec`, :class:`CriterionSpec`, :class:`RoundSpec`),
every problem named by line and field. Storing them is :mod:`evaluator.services.contest`.

The file's shape::

    [contest]                       code, title
    [settings]                      optional: conflict_of_interest, double_award
    [[criteria]]                    code, title, description, max_score, weight
      [[criteria.levels]]           min, max, label, description
    [[rounds]]                      code, title, prize_baht, winners_per_zone | winners,
                                    min_sheets, min_score, aggregation, tie_break, eligible_from

A criterion's levels, when given, split 0..max_score into bands that follow one another: the first
starts at 0, each starts where the one before it ends, the last ends at max_score. A score belongs
to the band with ``min <= score < max`` (the last band also holds max_score itself).
"""

from __future__ import annotations

import difflib
import itertools
import math
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evaluator.contest.spec import (
    AGGREGATIONS,
    CONFLICT_POLICIES,
    DOUBLE_AWARD_POLICIES,
    ROUND_KEYS,
    SETTINGS_KEYS,
    SPREAD_THRESHOLD,
    WEIGHT_TOLERANCE,
    WEIGHT_TOTAL,
    ContestSettings,
    ContestSpec,
    CriterionSpec,
    LevelSpec,
    RoundSpec,
)
from evaluator.errors import InputError, Problem

_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")


# --- where a field is in the file ------------------------------------------------------------

_HEADER_ARRAY = re.compile(r"^\s*\[\[\s*([^\]]+?)\s*\]\]")
_HEADER_TABLE = re.compile(r"^\s*\[\s*([^\]\[]+?)\s*\]")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-]+|\"[^\"]*\")\s*=")
_INLINE_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_\-]*)\s*=")


class _Locator:
    """Line numbers of tables and keys, found by reading the TOML text (tomllib gives none).

    Paths look like ``criteria[2].levels[1].max``; indexes count from 0 in file order. The scan is
    a close approximation of TOML (multi-line strings are skipped over), good enough to point a
    user at the right line.
    """

    def __init__(self, text: str) -> None:
        self.lines: dict[str, int] = {}
        self._counters: dict[str, int] = {}
        self._current: dict[str, int] = {}
        self._scan(text)

    def row(self, path: str | None) -> int | None:
        """The line of ``path`` or of the closest enclosing table or key."""
        while path:
            if path in self.lines:
                return self.lines[path]
            cut = max(path.rfind("."), path.rfind("["))
            path = path[:cut] if cut > 0 else ""
        return None

    def _resolve(self, parts: Sequence[str]) -> str:
        path = ""
        for part in parts:
            path = f"{path}.{part}" if path else part
            if path in self._current:
                path = f"{path}[{self._current[path]}]"
        return path

    def _note(self, path: str, line: int) -> None:
        self.lines.setdefault(path, line)

    def _scan(self, text: str) -> None:
        table = ""
        ml_delim: str | None = None
        array_path = ""
        depth = 0  # bracket depth of a value that continues over several lines
        state = _ValueState()
        for n, line in enumerate(text.splitlines(), start=1):
            if ml_delim is not None:
                if ml_delim in line:
                    ml_delim = None
                continue
            if depth > 0:
                depth, ml_delim = self._scan_value(line, 0, n, array_path, depth, state)
                continue
            if match := _HEADER_ARRAY.match(line):
                parts = [p.strip().strip('"') for p in match.group(1).split(".")]
                base = self._resolve(parts[:-1])
                base = f"{base}.{parts[-1]}" if base else parts[-1]
                index = self._counters.get(base, -1) + 1
                self._counters[base] = index
                self._current[base] = index
                table = f"{base}[{index}]"
                self._note(base, n)
                self._note(table, n)
                continue
            if match := _HEADER_TABLE.match(line):
                table = self._resolve([p.strip().strip('"') for p in match.group(1).split(".")])
                self._note(table, n)
                continue
            if match := _KEY.match(line):
                key = match.group(1).strip('"')
                array_path = f"{table}.{key}" if table else key
                self._note(array_path, n)
                state = _ValueState()
                depth, ml_delim = self._scan_value(line, match.end(), n, array_path, 0, state)

    def _scan_value(
        self, line: str, start: int, n: int, path: str, depth: int, state: _ValueState
    ) -> tuple[int, str | None]:
        """Follow brackets and inline tables of a value; note array elements and their keys."""
        i = start
        while i < len(line):
            ch = line[i]
            if ch == "#":
                break
            if ch in "\"'":
                delim = ch * 3 if line.startswith(ch * 3, i) else ch
                end = self._string_end(line, i + len(delim), delim)
                if end < 0:
                    return depth, (delim if len(delim) == 3 else None)
                i = end
                continue
            if ch == "[":
                depth += 1
            elif ch == "]":
                depth -= 1
            elif ch == "{":
                if depth == 1 and state.braces == 0:
                    state.element += 1
                    self._note(f"{path}[{state.element}]", n)
                state.braces += 1
            elif ch == "}":
                state.braces -= 1
            elif state.braces == 1 and depth == 1 and (key := _INLINE_KEY.match(line, i)):
                prev = line[:i].rstrip()
                if prev.endswith(("{", ",")):
                    self._note(f"{path}[{state.element}].{key.group(1)}", n)
                    i = key.end()
                    continue
            i += 1
        return max(depth, 0), None

    @staticmethod
    def _string_end(line: str, i: int, delim: str) -> int:
        while i < len(line):
            if delim[0] == '"' and line[i] == "\\":
                i += 2
                continue
            if line.startswith(delim, i):
                return i + len(delim)
            i += 1
        return -1


@dataclass
class _ValueState:
    element: int = -1
    braces: int = 0


# --- checking ---------------------------------------------------------------------------------


class _Checker:
    """Collects problems while turning the raw TOML tables into specs."""

    def __init__(self, file: str | None, locator: _Locator) -> None:
        self.file = file
        self.locator = locator
        self.problems: list[Problem] = []

    def problem(self, path: str, message: str, *, row_path: str | None = None) -> None:
        self.problems.append(
            Problem(message, file=self.file, row=self.locator.row(row_path or path), field=path)
        )

    def keys(self, table: Mapping[str, Any], path: str, allowed: Sequence[str]) -> None:
        for key in table:
            if key not in allowed:
                near = difflib.get_close_matches(key, allowed, n=1)
                hint = f" หมายถึง '{near[0]}' หรือไม่ — did you mean '{near[0]}'?" if near else ""
                where = f"{path}.{key}" if path else key
                self.problem(
                    where,
                    f"ไม่รู้จักชื่อ '{key}'{hint} (ใช้ได้: {', '.join(allowed)}) — unknown key",
                )

    def table(self, value: object, path: str) -> Mapping[str, Any] | None:
        if isinstance(value, Mapping):
            return value
        self.problem(path, "ต้องเป็นตาราง (table) — must be a table")
        return None

    def tables(self, value: object, path: str) -> list[Mapping[str, Any]]:
        if isinstance(value, list) and all(isinstance(v, Mapping) for v in value):
            return list(value)
        self.problem(path, f"ต้องเป็นรายการตาราง [[{path}]] — must be an array of tables")
        return []

    def text(
        self, table: Mapping[str, Any], key: str, path: str, *, required: bool, max_len: int
    ) -> str:
        where = f"{path}.{key}"
        value = table.get(key)
        if value is None:
            if required:
                self.problem(where, f"ต้องระบุ '{key}' — '{key}' is required", row_path=path)
            return ""
        if not isinstance(value, str):
            self.problem(where, "ต้องเป็นข้อความในเครื่องหมายคำพูด — must be a string")
            return ""
        value = value.strip()
        if required and not value:
            self.problem(where, "ต้องไม่เว้นว่าง — must not be empty")
        if len(value) > max_len:
            self.problem(where, f"ยาวเกิน {max_len} ตัวอักษร — longer than {max_len} characters")
        return value

    def code(self, table: Mapping[str, Any], path: str, max_len: int) -> str:
        value = self.text(table, "code", path, required=True, max_len=max_len)
        if value and not _CODE.match(value):
            self.problem(
                f"{path}.code",
                f"รหัส '{value}' ใช้ได้เฉพาะตัวอักษรอังกฤษ ตัวเลข _ . - — "
                "a code is Latin letters, digits, _ . -",
            )
        return value

    def number(
        self,
        table: Mapping[str, Any],
        key: str,
        path: str,
        *,
        default: float | None,
        minimum: float | None = None,
        maximum: float | None = None,
        above: float | None = None,
        integer: bool = False,
    ) -> float | None:
        where = f"{path}.{key}"
        value = table.get(key)
        if value is None:
            if default is None:
                self.problem(where, f"ต้องระบุ '{key}' — '{key}' is required", row_path=path)
            return default
        kind = "จำนวนเต็ม" if integer else "ตัวเลข"
        kind_en = "a whole number" if integer else "a number"
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.problem(where, f"ต้องเป็น{kind} (ได้ {value!r}) — must be {kind_en} (got {value!r})")
            return None
        if integer and not isinstance(value, int):
            self.problem(where, f"ต้องเป็น{kind} (ได้ {value!r}) — must be {kind_en} (got {value!r})")
            return None
        number = float(value)
        if not math.isfinite(number):
            self.problem(where, f"ต้องเป็น{kind} (ได้ {value!r}) — must be {kind_en} (got {value!r})")
            return None
        if minimum is not None and number < minimum:
            self.problem(where, f"ต้องไม่น้อยกว่า {minimum:g} (ได้ {value}) — must be ≥ {minimum:g}")
            return None
        if above is not None and number <= above:
            self.problem(where, f"ต้องมากกว่า {above:g} (ได้ {value}) — must be > {above:g}")
            return None
        if maximum is not None and number > maximum:
            self.problem(where, f"ต้องไม่เกิน {maximum:g} (ได้ {value}) — must be ≤ {maximum:g}")
            return None
        return number

    def choice(
        self, table: Mapping[str, Any], key: str, path: str, options: Sequence[str], default: str
    ) -> str:
        value = table.get(key, default)
        if value not in options:
            self.problem(
                f"{path}.{key}",
                f"ต้องเป็นหนึ่งใน {', '.join(options)} (ได้ {value!r}) — must be one of these",
            )
            return default
        return str(value)


_TOP_KEYS = ("contest", "settings", "criteria", "rounds")
_CONTEST_KEYS = ("code", "title")
_SETTINGS_KEYS = SETTINGS_KEYS
_CRITERION_KEYS = ("code", "title", "description", "max_score", "weight", "levels")
_LEVEL_KEYS = ("min", "max", "label", "description")
_ROUND_KEYS = ROUND_KEYS


def _check_levels(
    ck: _Checker, raw: object, path: str, max_score: float | None
) -> tuple[LevelSpec, ...]:
    if raw is None:
        return ()
    where = f"{path}.levels"
    tables = ck.tables(raw, where)
    levels: list[tuple[int, LevelSpec]] = []
    for j, lv in enumerate(tables):
        lp = f"{where}[{j}]"
        ck.keys(lv, lp, _LEVEL_KEYS)
        lo = ck.number(lv, "min", lp, default=None, minimum=0)
        hi = ck.number(lv, "max", lp, default=None, minimum=0)
        label = ck.text(lv, "label", lp, required=True, max_len=100)
        description = ck.text(lv, "description", lp, required=False, max_len=2000)
        if lo is None or hi is None:
            continue
        if hi <= lo:
            ck.problem(f"{lp}.max", f"max ({hi:g}) ต้องมากกว่า min ({lo:g}) — max must exceed min")
            continue
        levels.append((j, LevelSpec(lo, hi, label, description)))
    if not levels or len(levels) != len(tables) or max_score is None:
        return tuple(lv for _, lv in levels)
    levels.sort(key=lambda item: item[1].min_score)
    first_j, first = levels[0]
    if first.min_score != 0:
        ck.problem(
            f"{where}[{first_j}].min",
            f"ระดับแรกต้องเริ่มที่ 0 (เริ่มที่ {first.min_score:g}) — the first level starts at 0",
        )
    for (_, before), (j, after) in itertools.pairwise(levels):
        if after.min_score > before.max_score:
            ck.problem(
                f"{where}[{j}].min",
                f"ช่วงคะแนนขาดหาย {before.max_score:g}–{after.min_score:g}: ระดับถัดไปต้องเริ่มที่ "
                f"{before.max_score:g} — gap between levels",
            )
        elif after.min_score < before.max_score:
            ck.problem(
                f"{where}[{j}].min",
                f"ช่วงคะแนนซ้อนกัน {after.min_score:g}–{before.max_score:g}: ระดับถัดไปต้องเริ่มที่ "
                f"{before.max_score:g} — levels overlap",
            )
    last_j, last = levels[-1]
    if last.max_score != max_score:
        ck.problem(
            f"{where}[{last_j}].max",
            f"ระดับสุดท้ายต้องจบที่คะแนนเต็ม {max_score:g} (จบที่ {last.max_score:g}) — "
            "the last level ends at max_score",
        )
    return tuple(lv for _, lv in levels)


def _check_criteria(ck: _Checker, raw: object) -> tuple[CriterionSpec, ...]:
    if raw is None:
        ck.problem("criteria", "ต้องมีเกณฑ์อย่างน้อย 1 ข้อ [[criteria]] — at least one criterion")
        return ()
    criteria: list[CriterionSpec] = []
    seen: dict[str, int] = {}
    total = 0.0
    weights_ok = True
    for i, table in enumerate(ck.tables(raw, "criteria")):
        path = f"criteria[{i}]"
        ck.keys(table, path, _CRITERION_KEYS)
        code = ck.code(table, path, 20)
        if code:
            if code in seen:
                ck.problem(
                    f"{path}.code",
                    f"รหัสเกณฑ์ '{code}' ซ้ำกับ criteria[{seen[code]}] — duplicate criterion code",
                )
            seen.setdefault(code, i)
        title = ck.text(table, "title", path, required=True, max_len=300)
        description = ck.text(table, "description", path, required=False, max_len=4000)
        max_score = ck.number(table, "max_score", path, default=None, above=0)
        weight = ck.number(table, "weight", path, default=None, minimum=0, maximum=WEIGHT_TOTAL)
        levels = _check_levels(ck, table.get("levels"), path, max_score)
        if weight is None:
            weights_ok = False
        else:
            total += weight
        if max_score is not None and weight is not None:
            criteria.append(CriterionSpec(code, title, max_score, weight, description, levels))
    if criteria and weights_ok and abs(total - WEIGHT_TOTAL) > WEIGHT_TOLERANCE:
        ck.problem(
            "criteria.weight",
            f"น้ำหนักของเกณฑ์ทุกข้อรวมกันต้องเท่ากับ 100 (รวมได้ {total:g}) — "
            f"the weights must sum to 100, they sum to {total:g}",
            row_path="criteria",
        )
    return tuple(criteria)


def _check_rounds(ck: _Checker, raw: object, criterion_codes: set[str]) -> tuple[RoundSpec, ...]:
    if raw is None:
        ck.problem("rounds", "ต้องมีรอบการประกวดอย่างน้อย 1 รอบ [[rounds]] — at least one round")
        return ()
    rounds: list[RoundSpec] = []
    seen: dict[str, int] = {}
    for i, table in enumerate(ck.tables(raw, "rounds")):
        path = f"rounds[{i}]"
        ck.keys(table, path, _ROUND_KEYS)
        code = ck.code(table, path, 50)
        if code in seen:
            ck.problem(
                f"{path}.code", f"รหัสรอบ '{code}' ซ้ำกับ rounds[{seen[code]}] — duplicate round code"
            )
        title = ck.text(table, "title", path, required=False, max_len=300)
        prize = ck.number(table, "prize_baht", path, default=0, minimum=0, integer=True)
        per_zone = ck.number(table, "winners_per_zone", path, default=0, minimum=1, integer=True)
        national = ck.number(table, "winners", path, default=0, minimum=1, integer=True)
        if ("winners_per_zone" in table) == ("winners" in table):
            ck.problem(
                f"{path}.winners_per_zone",
                "ต้องระบุอย่างใดอย่างหนึ่งเท่านั้น: winners_per_zone (จัดอันดับในแต่ละเขต) หรือ "
                "winners (จัดอันดับทั้งประเทศ) — give exactly one of winners_per_zone, winners",
                row_path=None if "winners" in table else path,
            )
        min_sheets = ck.number(table, "min_sheets", path, default=1, minimum=1, integer=True)
        min_score = ck.number(table, "min_score", path, default=0, minimum=0, maximum=100)
        aggregation = ck.choice(table, "aggregation", path, AGGREGATIONS, "mean")
        tie_break = _check_tie_break(ck, table.get("tie_break", []), path, criterion_codes)
        eligible_from: str | None = None
        if "eligible_from" in table:
            source = table["eligible_from"]
            if not isinstance(source, str) or source not in seen:
                later = isinstance(source, str) and source in _round_codes(table, raw)
                why = (
                    "ต้องเป็นรอบที่อยู่ก่อนหน้ารอบนี้ในไฟล์ — must be an earlier round"
                    if later
                    else "ไม่มีรอบนี้ก่อนหน้า — no earlier round has this code"
                )
                ck.problem(f"{path}.eligible_from", f"'{source}': {why}")
            else:
                eligible_from = source
        if code:
            seen.setdefault(code, i)
        rounds.append(
            RoundSpec(
                code=code,
                title=title,
                prize_baht=int(prize or 0),
                winners_per_zone=int(per_zone) if per_zone else None,
                winners=int(national) if national else None,
                min_sheets=int(min_sheets or 1),
                min_score=float(min_score or 0.0),
                aggregation=aggregation,
                tie_break=tie_break,
                eligible_from=eligible_from,
            )
        )
    return tuple(rounds)


def _round_codes(current: Mapping[str, Any], raw: object) -> set[str]:
    if not isinstance(raw, list):
        return set()
    return {
        t["code"]
        for t in raw
        if isinstance(t, Mapping) and t is not current and isinstance(t.get("code"), str)
    }


def _check_tie_break(
    ck: _Checker, value: object, path: str, criterion_codes: set[str]
) -> tuple[str, ...]:
    where = f"{path}.tie_break"
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        ck.problem(where, 'ต้องเป็นรายการรหัสเกณฑ์ เช่น ["C1", "C2"] — a list of criterion codes')
        return ()
    codes: list[str] = []
    for j, code in enumerate(value):
        if code not in criterion_codes:
            ck.problem(
                f"{where}[{j}]",
                f"ไม่มีเกณฑ์รหัส '{code}' — no criterion has this code",
                row_path=where,
            )
        elif code in codes:
            ck.problem(f"{where}[{j}]", f"'{code}' ซ้ำ — listed twice", row_path=where)
        else:
            codes.append(code)
    return tuple(codes)


def parse_contest(text: str, file: str | None = None) -> ContestSpec:
    """Check a contest file's text; raises InputError listing every problem found."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"at line (\d+), column (\d+)", str(exc))
        raise InputError(
            [
                Problem(
                    f"ไฟล์ TOML เขียนไม่ถูกรูปแบบ — invalid TOML: {exc}",
                    file=file,
                    row=int(found.group(1)) if found else None,
                )
            ]
        ) from exc
    ck = _Checker(file, _Locator(text))
    ck.keys(raw, "", _TOP_KEYS)

    contest = ck.table(raw.get("contest", {}), "contest") or {}
    if "contest" not in raw:
        ck.problem("contest", "ต้องมีตาราง [contest] — a [contest] table is required")
    ck.keys(contest, "contest", _CONTEST_KEYS)
    code = ck.code(contest, "contest", 50) if "contest" in raw else ""
    title = ck.text(contest, "title", "contest", required="contest" in raw, max_len=300)

    settings_raw = ck.table(raw.get("settings", {}), "settings") or {}
    ck.keys(settings_raw, "settings", _SETTINGS_KEYS)
    settings = ContestSettings(
        conflict_of_interest=ck.choice(
            settings_raw, "conflict_of_interest", "settings", CONFLICT_POLICIES, "exclude"
        ),
        double_award=ck.choice(
            settings_raw, "double_award", "settings", DOUBLE_AWARD_POLICIES, "both"
        ),
        spread_threshold=ck.number(
            settings_raw,
            "spread_threshold",
            "settings",
            default=SPREAD_THRESHOLD,
            above=0,
            maximum=WEIGHT_TOTAL,
        )
        or SPREAD_THRESHOLD,
    )

    criteria = _check_criteria(ck, raw.get("criteria"))
    codes = {c.code for c in criteria}
    if isinstance(raw.get("criteria"), list):
        codes |= {
            t["code"]
            for t in raw["criteria"]
            if isinstance(t, Mapping) and isinstance(t.get("code"), str)
        }
    rounds = _check_rounds(ck, raw.get("rounds"), codes)
    if ck.problems:
        raise InputError(ck.problems)
    return ContestSpec(code, title, criteria, rounds, settings)


def read_contest_file(path: Path) -> ContestSpec:
    """Read and check a contest file (UTF-8 TOML)."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            [Problem("ไฟล์ต้องเข้ารหัสเป็น UTF-8 — the file must be UTF-8", file=str(path))]
        ) from exc
    return parse_contest(text, str(path))
