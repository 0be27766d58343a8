"""What importing a package (or an Excel scoresheet) did, sheet by sheet, and how the command
line and a screen say it in Thai or English."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from evaluator.i18n import Catalog, one_language, when
from evaluator.sync.decide import OUTCOME_TITLES_EN, Outcome

RESULT = Catalog(
    "package_result",
    {
        "before": (
            "{file}: นำเข้าแล้วเมื่อ {when} ไม่มีอะไรเปลี่ยนแปลง",
            "{file}: imported before, on {when}; nothing changed",
        ),
        "head": (
            "นำเข้า {file} ของ {inspector}: แบบประเมิน {total} ฉบับ",
            "Imported {file} of {inspector}: {total} sheets",
        ),
        "key": (
            "ลงทะเบียนกุญแจ {fingerprint} ของ {inspector} จากแพ็กเกจนี้แล้ว",
            "Key {fingerprint} of {inspector} registered from this package",
        ),
        "conflict": (
            "  ขัดแย้ง: รอบ {round} ตำบล {tambon} แบบประเมิน {sheet} (ฉบับที่รับมา {row})",
            "  Conflict: round {round}, tambon {tambon}, sheet {sheet} (received version {row})",
        ),
        "skipped": (
            "  ไม่เปลี่ยนแปลง: รอบ {round} ตำบล {tambon}: {reason}",
            "  Not changed: round {round}, tambon {tambon}: {reason}",
        ),
        "unmarked": (
            "  ยกเลิกเครื่องหมายควรขยายผล: รอบ {round} ตำบล {tambon}"
            " (ฉบับใหม่ไม่มีบทเรียนแล้ว บันทึกไว้ในประวัติการแก้ไข)",
            "  Worth-spreading mark taken away: round {round}, tambon {tambon}"
            " (the new version has no lessons; written in the audit log)",
        ),
        "unchanged": ("ไม่มีแบบประเมินใดเปลี่ยนแปลง", "No sheet changed"),
        "checking": ("ตรวจแพ็กเกจและลายมือชื่อ", "Checking the package and its signature"),
        "exported": (
            "ส่งออกแพ็กเกจ {path}: แบบประเมิน {sheets} ฉบับ รูปภาพ {photos} รูป ({size} ไบต์)",
            "Exported package {path}: {sheets} sheets, {photos} photos ({size} bytes)",
        ),
        "signed": (
            "ลงนามโดย {inspector} กุญแจ {fingerprint}",
            "Signed by {inspector}, key {fingerprint}",
        ),
        "scoresheets": (
            "ส่งออกแบบประเมิน Excel {count} ไฟล์ที่ {folder}",
            "Exported {count} Excel scoresheets to {folder}",
        ),
        "scoresheets_cancelled": (
            "ยกเลิกแล้ว: ไฟล์ที่เขียนเสร็จอยู่ครบตามรายการข้างบน",
            "Cancelled: the files listed above were written in full",
        ),
    },
)


@dataclass(frozen=True)
class SheetOutcome:
    """What an import did with one sheet."""

    uuid: str
    round: str
    tambon_code: str
    version: int
    outcome: str
    title: str
    reason: str
    row: str | None = None
    conflict_of: str | None = None
    spread_removed: bool = False  # its lessons emptied, the committee's mark taken away


@dataclass(frozen=True)
class ImportResult:
    """What an import of a package (or an Excel scoresheet) did."""

    kind: str
    file: str
    inspector: str
    contest: str
    content_sha256: str
    counts: dict[str, int]
    sheets: list[SheetOutcome]
    fingerprint: str | None = None
    package_id: str | None = None
    key_registered: bool = False
    previously_imported: datetime | None = None
    import_id: int | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(self.counts.get(o.value, 0) for o in Outcome if o.changes)

    @property
    def conflicts(self) -> list[SheetOutcome]:
        return [s for s in self.sheets if s.outcome == Outcome.CONFLICT.value]

    @property
    def skipped(self) -> list[SheetOutcome]:
        return [s for s in self.sheets if s.outcome == Outcome.LOCKED.value]

    @property
    def unmarked(self) -> list[SheetOutcome]:
        """Sheets whose lessons the import emptied, so the committee's mark was taken away."""
        return [s for s in self.sheets if s.spread_removed]

    def lines(self, lang: str | None = None) -> list[str]:
        """The result one fact per line: for the command line (``lang`` None) in Thai with the
        outcome codes and the English of the key facts; for a screen, in ``lang`` alone ("th"
        or "en"), with words instead of codes."""
        if lang is not None:
            return self._lines_in(lang)
        if self.previously_imported is not None:
            when = self.previously_imported.strftime("%Y-%m-%d %H:%M")
            return [
                f"{self.file}: นำเข้าแล้วเมื่อ {when} (UTC) ไม่มีอะไรเปลี่ยนแปลง"
                " — imported before; nothing changed"
            ]
        total = sum(self.counts.values())
        out = [f"นำเข้า {self.file} ของ {self.inspector}: แบบประเมิน {total} ฉบับ"]
        for outcome in Outcome:
            n = self.counts.get(outcome.value, 0)
            if n:
                out.append(f"  {outcome.label} ({outcome.value}): {n}")
        if self.key_registered and self.fingerprint:
            out.append(f"ลงทะเบียนกุญแจ {self.fingerprint} ของ {self.inspector} จากแพ็กเกจนี้แล้ว")
        for sh in self.conflicts:
            out.append(
                f"  ขัดแย้ง — conflict: รอบ {sh.round} ตำบล {sh.tambon_code} แบบประเมิน "
                f"{sh.conflict_of} (ฉบับที่รับมา {sh.row})"
            )
        for sh in self.skipped:
            out.append(
                f"  ไม่เปลี่ยนแปลง — skipped: รอบ {sh.round} ตำบล {sh.tambon_code}: {sh.reason}"
            )
        for sh in self.unmarked:
            out.append(
                f"  ยกเลิกเครื่องหมายควรขยายผล — mark taken away: รอบ {sh.round} ตำบล"
                f" {sh.tambon_code} (ฉบับใหม่ไม่มีบทเรียน — the new version has no lessons)"
            )
        if not self.changed:
            out.append("ไม่มีแบบประเมินใดเปลี่ยนแปลง — no sheet changed")
        return out

    def _lines_in(self, lang: str) -> list[str]:
        if self.previously_imported is not None:
            when_ = when(self.previously_imported, lang)
            return [RESULT.text("before", lang, file=self.file, when=when_)]
        total = sum(self.counts.values())
        out = [RESULT.text("head", lang, file=self.file, inspector=self.inspector, total=total)]
        for outcome in Outcome:
            n = self.counts.get(outcome.value, 0)
            if n:
                title = outcome.label if lang == "th" else OUTCOME_TITLES_EN[outcome]
                out.append(f"  {title}: {n}")
        if self.key_registered and self.fingerprint:
            out.append(
                RESULT.text("key", lang, fingerprint=self.fingerprint, inspector=self.inspector)
            )
        for sh in self.conflicts:
            out.append(
                RESULT.text(
                    "conflict",
                    lang,
                    round=sh.round,
                    tambon=sh.tambon_code,
                    sheet=sh.conflict_of,
                    row=sh.row,
                )
            )
        for sh in self.skipped:
            reason = one_language(sh.reason, lang)
            out.append(
                RESULT.text("skipped", lang, round=sh.round, tambon=sh.tambon_code, reason=reason)
            )
        for sh in self.unmarked:
            out.append(RESULT.text("unmarked", lang, round=sh.round, tambon=sh.tambon_code))
        if not self.changed:
            out.append(RESULT.text("unchanged", lang))
        return out
