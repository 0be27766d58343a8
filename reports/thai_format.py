"""Thai conventions for official documents: Thai numerals, Buddhist-era dates, baht in words."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from pythainlp.util import bahttext

from evaluator.i18n import THAI_MONTHS_FULL as MONTHS

THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
ARABIC_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


BE_OFFSET = 543


def thai_digits(value: object) -> str:
    """The text of ``value`` with every Arabic digit written as a Thai digit (2564 → ๒๕๖๔)."""
    return str(value).translate(THAI_DIGITS)


def arabic_digits(text: str) -> str:
    """The text with every Thai digit written as an Arabic digit (๒๕๖๔ → 2564)."""
    return text.translate(ARABIC_DIGITS)


def buddhist_year(day: date) -> int:
    """The Buddhist-era year of a date (2021 → 2564)."""
    return day.year + BE_OFFSET


def thai_date(day: date, *, digits: bool = True) -> str:
    """A date as Thai officials write it: ``๒๕ มิถุนายน พ.ศ. ๒๕๖๔`` (or with Arabic digits)."""
    text = f"{day.day} {MONTHS[day.month - 1]} พ.ศ. {buddhist_year(day)}"
    return thai_digits(text) if digits else text


THAILAND = timezone(timedelta(hours=7), "Asia/Bangkok")  # no daylight saving


def thai_day(moment: datetime | None) -> date:
    """The date in Thailand of a moment (naive moments are UTC, as the database stores them);
    today's date when there is none."""
    if moment is None:
        return datetime.now(THAILAND).date()
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(THAILAND).date()


def given_on(day: date) -> str:
    """The closing line of a certificate: ``ให้ไว้ ณ วันที่ ๒๕ มิถุนายน พ.ศ. ๒๕๖๔``."""
    return f"ให้ไว้ ณ วันที่ {thai_date(day)}"


def baht_amount(amount: int, *, digits: bool = True) -> str:
    """An amount of baht with thousands separators: ``๑๐๐,๐๐๐`` (or ``100,000``)."""
    if amount < 0:
        raise ValueError(f"a prize cannot be negative: {amount}")
    text = f"{amount:,}"
    return thai_digits(text) if digits else text


def baht_text(amount: int) -> str:
    """An amount of baht in Thai words, as on cheques: 100000 → ``หนึ่งแสนบาทถ้วน``."""
    if amount < 0:
        raise ValueError(f"a prize cannot be negative: {amount}")
    if amount == 0:
        return "ศูนย์บาทถ้วน"
    return str(bahttext(amount))
