"""The one table of ranking statuses: Thai and English labels and colours.

The rankings view, the PDF reports and the Excel exports all read their status labels and
colours from here, so a winner looks and reads the same everywhere. Colours are ``#RRGGBB``
strings; each output turns them into its own colour type.
"""

from __future__ import annotations

from dataclasses import dataclass

from evaluator.scoring.model import Status


@dataclass(frozen=True)
class StatusLabel:
    """How a status is shown: labels (full and short Thai, English) and colours."""

    status: Status
    title: str  # Thai, full: tables, explanations
    short: str  # Thai, short: legends, narrow columns
    english: str
    fill: str | None  # row background; None: plain
    ink: str  # text on that background
    chart: str  # bars and chips that stand for the status


STATUS_LABELS: dict[str, StatusLabel] = {
    label.status.value: label
    for label in (
        StatusLabel(
            Status.WINNER, "ได้รับรางวัล", "ได้รับรางวัล", "Winner", "#CDECCF", "#145A2B", "#2E8B57"
        ),
        StatusLabel(
            Status.TIE,
            "คะแนนเท่ากัน รอคณะกรรมการตัดสิน",
            "คะแนนเท่ากัน รอคณะกรรมการตัดสิน",
            "Tie (to be decided)",
            "#FFE3A3",
            "#7A4B00",
            "#E0A100",
        ),
        StatusLabel(
            Status.ELIGIBLE,
            "มีสิทธิ์ ไม่ได้รับรางวัล",
            "มีสิทธิ์",
            "Eligible",
            None,
            "#222222",
            "#4C78A8",
        ),
        StatusLabel(
            Status.INELIGIBLE,
            "ไม่มีสิทธิ์",
            "ไม่มีสิทธิ์",
            "Ineligible",
            "#EEEEEE",
            "#777777",
            "#B0B0B0",
        ),
    )
}

STATUS_ORDER: tuple[str, ...] = tuple(STATUS_LABELS)
"""The statuses in the order a legend lists them: winner, tie, eligible, ineligible."""


def status_label(status: str) -> StatusLabel | None:
    """The label of ``status`` ("winner", "tie", ...), None for an unknown one."""
    return STATUS_LABELS.get(str(status))


SHEET_STATUS_LABELS: dict[str, tuple[str, str]] = {
    "draft": ("ร่าง", "draft"),
    "submitted": ("ส่งแล้ว", "submitted"),
    "locked": ("ปิดผลแล้ว", "locked"),
}


def sheet_status_label(status: str, lang: str = "th") -> str:
    """A sheet's state (draft, submitted, locked) in Thai or English; unknown ones as they are."""
    pair = SHEET_STATUS_LABELS.get(str(status))
    if pair is None:
        return str(status)
    return pair[1] if lang == "en" else pair[0]
