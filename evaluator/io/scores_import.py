"""The scores table (DESIGN.md section 5), long format: one row per criterion score.

Columns: ``round`` (รอบ), ``inspector`` (ผู้ประเมิน), ``tambon_code`` (รหัสตำบล), ``criterion``
(เกณฑ์), ``score`` (คะแนน), and optionally ``note`` (หมายเหตุ), ``status`` (สถานะ: ``draft`` /
``submitted``, default submitted) and ``contest`` (การประกวด, only needed when two contests share
a round code). A row names its sheet by (round, inspector, tambon_code). Rounds and criteria are
looked up by code (any case) or by their exact title, in the round's contest.

A blank score is not an error: the row is skipped with a warning and the sheet stays incomplete
(it is shown as incomplete in the ranking). Everything else that is wrong is a problem; the
importer checks the whole file before anything is written.

The rows are checked as they are read (:func:`evaluator.io.tables.open_table`) and kept in a
compact form, grouped by sheet (:class:`SheetRows`): a file of 200,000 rows is checked in
bounded memory, and :mod:`evaluator.io.scores_store` writes it in batches.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from operator import itemgetter
from typing import TypeVar

import geothai

from evaluator.collector import paused
from evaluator.db import models as m
from evaluator.errors import Problem
from evaluator.io.contest_lookup import RoundInfo
from evaluator.io.geography_import import tambon_code_of
from evaluator.io.scores_context import CriterionInfo
from evaluator.io.scores_context import ScoreContext as ScoreContext
from evaluator.io.scores_context import load_context as load_context
from evaluator.io.tables import Column, Row, RowCheck, RowStream, Table, parse_number
from evaluator.text import name_key, normalise

COLUMNS: tuple[Column, ...] = (
    Column("round", "รอบ", ("round_code", "รหัสรอบ", "ระดับรางวัล", "award_round")),
    Column(
        "inspector",
        "ผู้ประเมิน",
        ("inspector_name", "ชื่อผู้ประเมิน", "ผู้ตรวจ", "ผู้ตรวจราชการ", "evaluator"),
    ),
    Column(
        "tambon_code",
        "รหัสตำบล",
        ("code", "รหัส", "subdistrict_code", "tambon_id", "geocode"),
        numeric=True,
    ),
    Column("criterion", "เกณฑ์", ("criterion_code", "รหัสเกณฑ์", "ตัวชี้วัด", "criteria")),
    Column("score", "คะแนน", ("value", "points", "คะแนนที่ได้"), numeric=True),
    Column(
        "note",
        "หมายเหตุ",
        ("notes", "comment", "บันทึก", "ความเห็น"),
        required=False,
        multiline=True,
    ),
    Column("status", "สถานะ", ("sheet_status", "สถานะแบบประเมิน"), required=False),
    Column("contest", "การประกวด", ("contest_code", "รหัสการประกวด"), required=False),
)

EPSILON = 1e-9

_STATUS_WORDS: dict[str, m.SheetStatus] = {
    "draft": m.SheetStatus.DRAFT,
    "ร่าง": m.SheetStatus.DRAFT,
    "ฉบับร่าง": m.SheetStatus.DRAFT,
    "submitted": m.SheetStatus.SUBMITTED,
    "submit": m.SheetStatus.SUBMITTED,
    "ส่งแล้ว": m.SheetStatus.SUBMITTED,
    "ส่ง": m.SheetStatus.SUBMITTED,
}


def person_name(text: str) -> str:
    """A person's name in its one stored form (:func:`evaluator.text.normalise`)."""
    return normalise(text)


def _key(text: str) -> str:
    return name_key(text)


# --- checking --------------------------------------------------------------------------------

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
_MEMO_SIZE = 50_000


def _memo(seen: dict[K, V], key: K, make: Callable[[], V]) -> V:
    """``seen[key]``, made once: a file repeats the same round, criterion, code and score texts
    row after row. The memo is emptied when it grows past a bound."""
    try:
        return seen[key]
    except KeyError:
        if len(seen) >= _MEMO_SIZE:
            seen.clear()
        value = seen[key] = make()
        return value


@dataclass(slots=True)
class SheetRows:
    """One sheet named by the file (round, inspector, tambon) and its checked rows.

    ``scores`` holds ``(criterion id, value, note)`` of its rows with a score, in file order
    (``note`` None: the file has no note column); ``status`` is the first status given by one of
    them. A sheet whose rows all have a blank score has no scores and is not stored.
    """

    round_id: int
    round_code: str
    contest_id: int
    inspector: str
    inspector_key: str  # the name as names are compared (evaluator.text.name_key)
    tambon_code: str
    status: m.SheetStatus | None = None
    scores: list[tuple[int, float, str | None]] = field(default_factory=list)
    criteria: dict[int, int] = field(default_factory=dict)  # criterion id → row, for duplicates
    stated: tuple[m.SheetStatus, int] | None = None  # the first status any row gave, and its row


@dataclass
class ScoreCheck:
    """What checking a scores table found: the sheets with scores in the order the file first
    scores them, the problems, the warnings, and how many data rows the file had."""

    sheets: list[SheetRows] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    rows: int = 0

    @property
    def scores(self) -> int:
        return sum(len(s.scores) for s in self.sheets)


def _format(value: float) -> str:
    return f"{value:g}"


def _find_round(
    ctx: ScoreContext, contest_text: str, round_text: str
) -> tuple[RoundInfo | None, tuple[tuple[str, str], ...]]:
    """The round a row names (in the contest it names, if any), or the faults (field, message)."""
    faults: list[tuple[str, str]] = []
    contest_id: int | None = None
    if contest_text:
        contest_id = ctx.contests.get(_key(contest_text))
        if contest_id is None:
            faults.append(
                ("contest", f"ไม่มีการประกวด '{contest_text}' — no contest '{contest_text}'")
            )
    if not round_text:
        faults.append(("round", "ไม่ได้ระบุรอบ — the round is empty"))
        return None, tuple(faults)
    if faults:
        return None, tuple(faults)
    candidates = ctx.rounds.get(_key(round_text), [])
    if contest_id is not None:
        candidates = [c for c in candidates if c.contest_id == contest_id]
    if not candidates:
        return None, (("round", f"ไม่มีรอบ '{round_text}' — no round '{round_text}'"),)
    # the first contest's round when two contests share a code
    return next((c for c in candidates if c.contest_id == ctx.first_contest), candidates[0]), ()


def _find_tambon(ctx: ScoreContext, raw_code: str) -> tuple[str | None, str | None]:
    """The tambon code a cell holds, and the fault when it is not a stored tambon."""
    code = tambon_code_of(raw_code)
    if code is None:
        if not raw_code:
            return None, "ไม่มีรหัสตำบล — the tambon code is empty"
        return (
            None,
            f"รหัสตำบล '{raw_code}' ต้องเป็นตัวเลข 6 หลัก — tambon code '{raw_code}' must be 6 digits",
        )
    if code in ctx.tambons:
        return code, None
    official = geothai.subdistrict(code)
    if official:
        return code, (
            f"ตำบล {code} ({official.name_th}) ยังไม่อยู่ในฐานข้อมูล นำเข้าภูมิศาสตร์ก่อน "
            f"— tambon {code} ({official.name_th}) is not in the database yet: import the"
            " geography first"
        )
    return code, f"ไม่มีรหัสตำบล {code} — no tambon with code {code}"


def _person(text: str) -> tuple[str, str]:
    """A person's name as stored, and its key."""
    name = person_name(text)
    return name, _key(name)


def _number(text: str) -> float | None:
    try:
        return parse_number(text)
    except ValueError:
        return None


class _Checker:
    """Checks one row at a time against the database's context and the rows before it."""

    def __init__(self, table: Table, ctx: ScoreContext, out: ScoreCheck) -> None:
        self.table, self.ctx, self.out = table, ctx, out
        self.check = RowCheck(table, out.problems, out.warnings)
        self.has_note = table.has("note")
        self.sheets: dict[tuple[int, str, str], SheetRows] = {}
        self.reported_rounds: set[int] = set()
        self.blank_rows: list[int] = []
        self.blanks = 0
        self._rounds: dict[tuple[str, str], tuple[RoundInfo | None, tuple[tuple[str, str], ...]]]
        self._rounds = {}
        self._names_all: dict[str, tuple[str, str]] = {}
        # the texts found right, for rows checked at once (:meth:`row`): inspector names
        # (name, key), tambon codes, and the (contest, round, criterion, score, status) texts
        self._names: dict[str, tuple[str, str]] = {}
        self._codes: dict[str, str] = {}
        self._valid: dict[
            tuple[str, ...],
            tuple[RoundInfo, CriterionInfo, float | None, m.SheetStatus | None, str],
        ] = {}
        # a row's (contest, round, criterion, score, status) texts, of the columns the file has
        # (round, criterion and score it must have): one look-up
        self._texts: Callable[[dict[str, str]], tuple[str, ...]] = itemgetter(
            *(f for f in ("contest", "round", "criterion", "score", "status") if table.has(f))
        )
        # the same by the rows' raw texts (:meth:`stream`)
        self._raw_valid: dict[
            tuple[str, ...],
            tuple[RoundInfo, CriterionInfo, float | None, m.SheetStatus | None, str],
        ] = {}
        self._raw_names: dict[str, tuple[str, str]] = {}
        self._raw_codes: dict[str, str] = {}
        self._tambons: dict[str, tuple[str | None, str | None]] = {}
        self._criteria: dict[tuple[int, str], CriterionInfo | None] = {}
        self._numbers: dict[str, float | None] = {}

    def run(self, rows: Iterable[Row]) -> None:
        if isinstance(rows, RowStream):
            self.stream(rows)
        else:
            for row in self.check.rows(rows):
                self.out.rows += 1
                self.row(row.number, row.values)
        if self.blanks:
            shown = ", ".join(str(r) for r in self.blank_rows)
            more = f" และอีก {self.blanks - 20} แถว" if self.blanks > 20 else ""
            more_en = f" and {self.blanks - 20} more" if self.blanks > 20 else ""
            skipped = (
                f"ไม่มีคะแนน {self.blanks} แถว (แถว {shown}{more}) ข้ามไป แบบประเมินนั้นจะยังไม่ครบ"
                f" — {self.blanks} rows without a score skipped (rows {shown}{more_en});"
                " their sheets stay incomplete"
            )
            self.out.warnings.append(str(Problem(skipped, self.table.file)))

    def stream(self, stream: RowStream) -> None:
        """Check the rows as they are read. A row whose raw texts (before normalising) are
        those of a row found right before is checked at once on them (the usual row of a long
        file, neither normalised nor made a dict); any other row is normalised and checked as
        :meth:`row` checks it, and its texts found right remembered raw."""
        check = self.check
        for row in stream.ahead:
            if not check.start():
                return
            self.out.rows += 1
            self.row(row.number, row.values)
        stream.ahead.clear()
        at = stream.positions
        texts = itemgetter(
            *(at[f] for f in ("contest", "round", "criterion", "score", "status") if f in at)
        )
        inspector, tambon, note_at = at["inspector"], at["tambon_code"], at.get("note")
        width = max(at.values()) + 1
        notes = stream.memo("note") if note_at is not None else {}
        valid, names, codes = self._raw_valid, self._raw_names, self._raw_codes
        problems, limit, keep, sheets = self.out.problems, check.limit, self.keep, self.sheets
        locked = bool(self.ctx.locked_sheets)
        rows = 0
        try:
            for n, cells in stream.cells:
                if len(cells) >= width:
                    known = valid.get(texts(cells))
                    person = names.get(cells[inspector])
                    code = codes.get(cells[tambon])
                    if known is not None and person is not None and code is not None:
                        if len(problems) >= limit:
                            check.start()  # the last problem: checking stopped
                            return
                        rows += 1
                        rnd, crit, value, status, status_text = known
                        if note_at is None:
                            note = ""
                        else:
                            raw = cells[note_at]
                            found = notes.get(raw)
                            note = stream.clean("note", raw) if found is None else found
                        sheet = sheets.get((rnd.id, person[1], code))
                        if (
                            sheet is None
                            or crit.id in sheet.criteria
                            or status is not None
                            or locked
                            or value is None
                            or not sheet.scores
                        ):
                            keep(n, rnd, person, code, crit, value, status, status_text, note)
                        else:  # a later row of a sheet begun with a score (as keep() does)
                            sheet.criteria[crit.id] = n
                            sheet.scores.append((crit.id, value, None if note_at is None else note))
                        continue
                clean = stream.row(n, cells)
                if clean is None:
                    continue
                if not check.start():
                    return
                rows += 1
                self.row(n, clean.values)
                if len(cells) >= width:
                    self.remember(clean.values, texts(cells), cells[inspector], cells[tambon])
        finally:
            self.out.rows += rows
        check.finish()

    def remember(self, v: dict[str, str], texts: tuple[str, ...], name: str, code: str) -> None:
        """The raw texts of a row just checked, when :meth:`row` would check its normalised
        ones at once (they normalise the same, so they are right the same)."""
        known = self._valid.get(self._texts(v))
        if known is not None and len(self._raw_valid) < _MEMO_SIZE:
            self._raw_valid[texts] = known
        person = self._names.get(v.get("inspector", ""))
        if person is not None and len(self._raw_names) < _MEMO_SIZE:
            self._raw_names[name] = person
        tambon = self._codes.get(v.get("tambon_code", ""))
        if tambon is not None and len(self._raw_codes) < _MEMO_SIZE:
            self._raw_codes[code] = tambon

    def row(self, n: int, v: dict[str, str]) -> None:
        """Check one row: at once when its texts are all known to be right (the usual row of a
        long file), else field by field (:meth:`checked`), naming every problem."""
        known = self._valid.get(self._texts(v))
        get = v.get
        person = self._names.get(get("inspector", ""))
        if known is None or person is None:
            self.checked(n, v)
            return
        text = get("tambon_code", "")
        code = self._codes.get(text)
        if code is None:  # a tambon not seen yet: the one field to check (as checked() would)
            code = self.tambon(n, text)
            if code is None:
                return
            if len(self._codes) < _MEMO_SIZE:
                self._codes[text] = code
        rnd, crit, value, status, status_text = known
        self.keep(n, rnd, person, code, crit, value, status, status_text, get("note", ""))

    def checked(self, n: int, v: dict[str, str]) -> None:
        """Check a row field by field, each problem named by row and field; the texts found
        right are remembered for :meth:`row`."""
        contest_text, round_text = v.get("contest", ""), v.get("round", "")
        crit_text, score_text = v.get("criterion", ""), v.get("score", "")
        status_text = v.get("status", "")
        rnd = self.round(n, contest_text, round_text)
        name = v.get("inspector", "")
        inspector, inspector_key = _memo(self._names_all, name, lambda: _person(name))
        if not inspector:
            self.check.problem(n, "inspector", "ไม่ได้ระบุชื่อผู้ประเมิน — the inspector is empty")
        elif len(self._names) < _MEMO_SIZE:
            self._names[name] = (inspector, inspector_key)
        raw_code = v.get("tambon_code", "")
        code = self.tambon(n, raw_code)
        if code is not None and len(self._codes) < _MEMO_SIZE:
            self._codes[raw_code] = code
        start = len(self.out.problems)
        crit = self.criterion(n, rnd, crit_text)
        value = self.score(n, crit, score_text)
        status = self.status(n, status_text)
        if not self.check.row_ok() or rnd is None or crit is None or code is None:
            return
        if (
            len(self.out.problems) == start
            and not rnd.finalised
            and (status is not None or not status_text)
            and len(self._valid) < _MEMO_SIZE
        ):
            self._valid[self._texts(v)] = (rnd, crit, value, status, status_text)
        note = v.get("note", "")
        self.keep(n, rnd, (inspector, inspector_key), code, crit, value, status, status_text, note)

    def keep(
        self,
        n: int,
        rnd: RoundInfo,
        person: tuple[str, str],
        code: str,
        crit: CriterionInfo,
        value: float | None,
        status: m.SheetStatus | None,
        status_text: str,
        note: str,
    ) -> None:
        """A row found right joins its sheet (unless it repeats a criterion, disagrees on the
        status or names a locked sheet); a blank score is counted for the warning."""
        sheet = self.sheets.get((rnd.id, person[1], code))
        if (
            sheet is None
            or crit.id in sheet.criteria
            or status is not None
            or self.ctx.locked_sheets
        ):
            sheet = self.sheet(n, rnd, person, code, crit, status, status_text)
            if sheet is None:
                return
        else:  # a later row of a sheet, nothing to look at but its criterion (as sheet() does)
            sheet.criteria[crit.id] = n
        if value is None:
            self.blanks += 1
            if len(self.blank_rows) < 20:
                self.blank_rows.append(n)
            return
        if not sheet.scores:
            known = self.ctx.inspectors.get(person[1])
            sheet.inspector = known[1] if known else person[0]
            self.out.sheets.append(sheet)
        if sheet.status is None:
            sheet.status = status
        sheet.scores.append((crit.id, value, note if self.has_note else None))

    def round(self, n: int, contest_text: str, round_text: str) -> RoundInfo | None:
        key = (contest_text, round_text)
        rnd, faults = _memo(self._rounds, key, lambda: _find_round(self.ctx, *key))
        for name, message in faults:
            self.check.problem(n, name, message)
        if rnd is not None and rnd.finalised and rnd.id not in self.reported_rounds:
            self.reported_rounds.add(rnd.id)
            self.check.problem(
                n,
                "round",
                f"รอบ '{rnd.code}' ปิดผลแล้ว ถูกล็อก แก้ไขคะแนนไม่ได้"
                f" — round '{rnd.code}' is finalised: its scores are locked",
            )
        return rnd

    def tambon(self, n: int, raw_code: str) -> str | None:
        code, fault = _memo(self._tambons, raw_code, lambda: _find_tambon(self.ctx, raw_code))
        if fault is not None:
            self.check.problem(n, "tambon_code", fault)
            return None
        return code

    def criterion(self, n: int, rnd: RoundInfo | None, text: str) -> CriterionInfo | None:
        if not text:
            self.check.problem(n, "criterion", "ไม่ได้ระบุเกณฑ์ — the criterion is empty")
            return None
        if rnd is None:
            return None
        contest = rnd.contest_id
        crit = _memo(
            self._criteria,
            (contest, text),
            lambda: self.ctx.criteria.get(contest, {}).get(_key(text)),
        )
        if crit is None:
            known = ", ".join(self.ctx.criteria_codes.get(contest, []))
            self.check.problem(
                n,
                "criterion",
                f"ไม่มีเกณฑ์ '{text}' ในการประกวดของรอบ '{rnd.code}' (มี {known})"
                f" — no criterion '{text}' in the contest of round '{rnd.code}'"
                f" (there are {known})",
            )
        return crit

    def score(self, n: int, crit: CriterionInfo | None, text: str) -> float | None:
        if not text:
            return None
        value = _memo(self._numbers, text, lambda: _number(text))
        if value is None:
            self.check.problem(
                n, "score", f"คะแนน '{text}' ไม่ใช่ตัวเลข — score '{text}' is not a number"
            )
        elif value < 0:
            self.check.problem(
                n, "score", f"คะแนน {_format(value)} ติดลบ — score {_format(value)} is below 0"
            )
        elif crit is not None and value > crit.max_score + EPSILON:
            self.check.problem(
                n,
                "score",
                f"คะแนน {_format(value)} เกินคะแนนเต็ม {_format(crit.max_score)} "
                f"ของเกณฑ์ {crit.code} — score {_format(value)} is above the maximum"
                f" {_format(crit.max_score)} of {crit.code}",
            )
        return value

    def status(self, n: int, text: str) -> m.SheetStatus | None:
        if not text:
            return None
        status = _STATUS_WORDS.get(text.strip().casefold())
        if status is None:
            self.check.problem(
                n,
                "status",
                f"สถานะ '{text}' ใช้ไม่ได้ ใช้ draft/ร่าง หรือ submitted/ส่งแล้ว"
                f" — unknown status '{text}': draft or submitted",
            )
        return status

    def sheet(
        self,
        n: int,
        rnd: RoundInfo,
        person: tuple[str, str],
        code: str,
        crit: CriterionInfo,
        status: m.SheetStatus | None,
        status_text: str,
    ) -> SheetRows | None:
        """The row's sheet, or None with a problem: a duplicate row, a status that disagrees
        with an earlier row of the sheet, a sheet locked in the database."""
        inspector, inspector_key = person
        sheet = self.sheets.get((rnd.id, inspector_key, code))
        if sheet is None:
            sheet = SheetRows(rnd.id, rnd.code, rnd.contest_id, inspector, inspector_key, code)
            self.sheets[(rnd.id, inspector_key, code)] = sheet
        if crit.id in sheet.criteria:
            self.check.problem(
                n,
                "criterion",
                f"คะแนนเกณฑ์ {crit.code} ของ {inspector} ตำบล {code} รอบ {rnd.code} "
                f"ซ้ำกับแถว {sheet.criteria[crit.id]} — the score of {crit.code} by {inspector},"
                f" tambon {code}, round {rnd.code} is already in row {sheet.criteria[crit.id]}",
            )
            return None
        sheet.criteria[crit.id] = n
        if status is not None:
            if sheet.stated is None:
                sheet.stated = (status, n)
            elif sheet.stated[0] != status:
                self.check.problem(
                    n,
                    "status",
                    f"สถานะ '{status_text}' ขัดกับแถว {sheet.stated[1]} ของแบบประเมินเดียวกัน "
                    f"— status '{status_text}' disagrees with row {sheet.stated[1]} of the same"
                    " sheet",
                )
                return None
        known = self.ctx.inspectors.get(inspector_key)
        if known and (rnd.id, known[0], code) in self.ctx.locked_sheets:
            self.check.problem(
                n,
                "tambon_code",
                f"แบบประเมินของ {inspector} ตำบล {code} รอบ {rnd.code} ถูกล็อกแล้ว"
                f" — the sheet of {inspector}, tambon {code}, round {rnd.code} is locked",
            )
            return None
        return sheet


def check_scores(table: Table, rows: Iterable[Row], ctx: ScoreContext) -> ScoreCheck:
    """Check every row of a scores table (its ``rows`` read as they come) against the database
    and the rows before it; collect all problems (up to the cap)."""
    out = ScoreCheck()
    if ctx.first_contest is None:
        out.problems.append(
            Problem(
                "ยังไม่มีการประกวดในฐานข้อมูล นำเข้าเกณฑ์และรอบก่อน (evaluator import contest) "
                "— no contest in the database yet",
                table.file,
            )
        )
        return out
    with paused():  # the checked rows pile up: no cycles among them to look for
        _Checker(table, ctx, out).run(rows)
    return out
