"""What storing a contest file changed, one :class:`ContestEdit` per change, in Thai and English.

The Thai text is the record: it is the audit entry's reason and the import record's summary, as it
always was. The person who imported the file reads the same edits in their own language
(:meth:`ContestEdit.text`), so an English screen does not show "ลบเกณฑ์ C1".
"""

from __future__ import annotations

from dataclasses import dataclass

from evaluator.i18n import Catalog, language

EDITS = Catalog(
    "contest_changes",
    {
        "created": (
            "สร้างการประกวด {code}: เกณฑ์ {criteria} ข้อ รอบ {rounds} รอบ",
            "created contest {code}: {criteria} criteria, {rounds} rounds",
        ),
        "title": ("ชื่อการประกวด", "the contest's title"),
        "settings": ("settings: {fields}", "settings: {fields}"),
        "criterion_removed": ("ลบเกณฑ์ {code}", "removed criterion {code}"),
        "criterion_added": ("เพิ่มเกณฑ์ {code}", "added criterion {code}"),
        "criterion_changed": ("แก้เกณฑ์ {code}: {fields}", "changed criterion {code}: {fields}"),
        "round_removed": ("ลบรอบ {code}", "removed round {code}"),
        "round_added": ("เพิ่มรอบ {code}", "added round {code}"),
        "round_changed": ("แก้รอบ {code}: {fields}", "changed round {code}: {fields}"),
        "rubric_version": ("rubric_version → {version}", "rubric version → {version}"),
    },
)

ORDER = "ลำดับ"
"""The field name of a criterion's or round's place in the list (the other names are the file's)."""
_FIELD_NAMES = {ORDER: ("ลำดับ", "order")}


@dataclass(frozen=True)
class ContestEdit:
    """One change a contest file made: a message key of :data:`EDITS`, its values, and for a
    changed criterion, round or the settings the fields that changed."""

    key: str
    code: str = ""
    fields: tuple[str, ...] = ()
    count: tuple[tuple[str, int], ...] = ()

    def text(self, lang: str | None = None) -> str:
        """The change in ``lang`` (default: the current language)."""
        english = (lang or language()) == "en"
        names = [_FIELD_NAMES[f][english] if f in _FIELD_NAMES else f for f in self.fields]
        values: dict[str, object] = {
            "code": self.code,
            "fields": ", ".join(names),
            **dict(self.count),
        }
        return EDITS.text(self.key, "en" if english else "th", **values)

    @property
    def record(self) -> str:
        """The Thai text kept in the audit log."""
        return self.text("th")
