"""The table of the 1,000 target tambons, and the proxy that filters it as the user types."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtGui import QColor

from evaluator.scoring.model import score_text
from evaluator.services.tambons import TambonRow, TambonStatus
from ui.labels import tambon_status_title
from ui.models.keyed import KeyedProxy, tag
from ui.models.records import CENTER, RIGHT, Column, RecordTableModel

STATUS_COLOURS = {
    TambonStatus.NONE: QColor("#8a8a8a"),
    TambonStatus.DRAFT: QColor("#b36b00"),
    TambonStatus.SUBMITTED: QColor("#1b7a3a"),
    TambonStatus.LOCKED: QColor("#1f5f8b"),
}

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_DROP = str.maketrans("", "", " -'’.,()")


def normalise(text: str) -> str:
    """Text as the search compares it: lower case, Arabic digits, no spaces or hyphens."""
    return text.translate(_THAI_DIGITS).lower().translate(_DROP)


def search_key(row: TambonRow) -> str:
    """Every name of a tambon's places, Thai and Latin, and its code, in one string."""
    parts = (
        row.code,
        row.tambon,
        row.district,
        row.province,
        row.tambon_en,
        row.district_en,
        row.province_en,
    )
    return "|".join(normalise(p) for p in parts)


class TambonTableModel(RecordTableModel):
    """One row per tambon: zone, province, district, tambon, code, status, sheets, score."""

    ZONE, PROVINCE, DISTRICT, TAMBON, CODE, STATUS, SHEETS, SCORE = range(8)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(self._columns(), parent)
        self.keys: list[str] = []

    def _columns(self) -> list[Column]:
        return [
            Column(self.tr("เขต"), lambda r: str(r.zone), lambda r: r.zone, CENTER),
            Column(self.tr("จังหวัด"), lambda r: r.province, tooltip=lambda r: r.province_en),
            Column(self.tr("อำเภอ"), lambda r: r.district, tooltip=lambda r: r.district_en),
            Column(self.tr("ตำบล"), lambda r: r.tambon, tooltip=lambda r: r.tambon_en),
            Column(self.tr("รหัส"), lambda r: r.code, lambda r: int(r.code), CENTER),
            Column(
                self.tr("สถานะ"),
                lambda r: tambon_status_title(r.status),
                lambda r: list(TambonStatus).index(r.status),
                foreground=lambda r: STATUS_COLOURS[r.status],
            ),
            Column(
                self.tr("แบบประเมิน"),
                lambda r: f"{r.submitted}/{r.sheets}" if r.sheets else "–",
                lambda r: r.submitted * 1000 + r.sheets,
                CENTER,
                tooltip=lambda r: (
                    self.tr("ส่งแล้ว %1 จาก %2 แบบ")
                    .replace("%1", str(r.submitted))
                    .replace("%2", str(r.sheets))
                ),
            ),
            Column(
                self.tr("คะแนนเฉลี่ย"),
                lambda r: "–" if r.score is None else score_text(r.score),
                lambda r: r.score,
                RIGHT,
                header_tooltip=self.tr("ค่าเฉลี่ยคะแนนรวมของแบบประเมินที่ส่งครบทุกเกณฑ์"),
            ),
        ]

    def set_rows(self, rows: Sequence[TambonRow]) -> None:
        self.keys = [search_key(r) for r in rows]
        self.set_records(rows)

    def row_of(self, code: str) -> int:
        for i, r in enumerate(self.records):
            if r.code == code:
                return i
        return -1


class TambonFilterProxy(KeyedProxy):
    """Filters by zone, province and status, and by text typed in Thai or Latin letters.

    Every word typed must appear in one of the row's names (or its code). Filtering and sorting
    run in C++ on the rows' precomputed keys (:class:`ui.models.keyed.KeyedProxy`).
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.zone: int | None = None
        self.province: str | None = None
        self.status: TambonStatus | None = None
        self.text = ""

    def search_text(self, row: int) -> str:
        model = self.sourceModel()
        assert isinstance(model, TambonTableModel)
        r = model.record(row)
        return (
            tag("z", r.zone)
            + tag("p", r.province_code)
            + tag("s", r.status.value)
            + model.keys[row]
        )

    def set_filters(
        self,
        *,
        zone: int | None = None,
        province: str | None = None,
        status: TambonStatus | None = None,
        text: str = "",
    ) -> None:
        """Show only the rows that match every given filter (None / "" match all)."""
        self.zone, self.province, self.status, self.text = zone, province, status, text
        tags = []
        if zone is not None:
            tags.append(tag("z", zone))
        if province is not None:
            tags.append(tag("p", province))
        if status is not None:
            tags.append(tag("s", status.value))
        self.set_filter([normalise(w) for w in text.split()], tags)
