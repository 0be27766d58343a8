"""Thai numerals, Buddhist-era dates and baht in words, as official documents write them."""

from __future__ import annotations

from datetime import date

import pytest

from reports.thai_format import (
    arabic_digits,
    baht_amount,
    baht_text,
    buddhist_year,
    given_on,
    thai_date,
    thai_digits,
)


def test_thai_digits_round_trip() -> None:
    assert thai_digits(2564) == "๒๕๖๔"
    assert thai_digits("เขต 13, 100,000 บาท") == "เขต ๑๓, ๑๐๐,๐๐๐ บาท"
    assert arabic_digits("๒๕๖๔") == "2564"


def test_buddhist_era_dates() -> None:
    assert buddhist_year(date(2021, 6, 25)) == 2564
    assert thai_date(date(2021, 6, 25)) == "๒๕ มิถุนายน พ.ศ. ๒๕๖๔"
    assert thai_date(date(2021, 5, 1), digits=False) == "1 พฤษภาคม พ.ศ. 2564"
    assert thai_date(date(2020, 12, 31)) == "๓๑ ธันวาคม พ.ศ. ๒๕๖๓"
    assert given_on(date(2021, 6, 25)) == "ให้ไว้ ณ วันที่ ๒๕ มิถุนายน พ.ศ. ๒๕๖๔"


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (100_000, "หนึ่งแสนบาทถ้วน"),
        (1_000_000, "หนึ่งล้านบาทถ้วน"),
        (21, "ยี่สิบเอ็ดบาทถ้วน"),
        (0, "ศูนย์บาทถ้วน"),
    ],
)
def test_baht_in_words(amount: int, words: str) -> None:
    assert baht_text(amount) == words


def test_the_day_in_thailand() -> None:
    from datetime import UTC, datetime

    from reports.thai_format import thai_day

    assert thai_day(datetime(2021, 6, 24, 18, 30)) == date(2021, 6, 25)  # naive = UTC
    assert thai_day(datetime(2021, 6, 24, 16, 59, tzinfo=UTC)) == date(2021, 6, 24)
    assert thai_day(None) == thai_day(datetime.now(UTC))


def test_baht_amount_with_separators() -> None:
    assert baht_amount(100_000) == "๑๐๐,๐๐๐"
    assert baht_amount(1_000_000, digits=False) == "1,000,000"
    with pytest.raises(ValueError):
        baht_amount(-1)
