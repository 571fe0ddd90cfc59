"""editor.core.dates: the one place that says what a date is and reads date text."""

from __future__ import annotations

import datetime as dt

import pytest

from editor.core.dates import (
    ISO_DATE_OR_TIME,
    is_date_text,
    is_date_value,
    is_iso_day,
    is_plain_date,
    parse_when,
)


def test_a_plain_date_is_a_date_but_not_a_datetime_nor_its_iso_string() -> None:
    assert is_plain_date(dt.date(2026, 2, 18))
    assert not is_plain_date(dt.datetime(2026, 2, 18, 9, 0))
    assert not is_plain_date("2026-02-18")


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2026-02-18", True),
        ("2026-02-30", False),  # not a real day
        ("2026-W07-3", False),  # an ISO week date: Python reads it, YAML does not
        ("20260218", False),
        (" 2026-02-18", False),
        ("2026-02-18T09:00", False),
    ],
)
def test_an_iso_day_is_exactly_yyyy_mm_dd_naming_a_real_day(text: str, day: bool) -> None:
    assert is_iso_day(text) is day


def test_parse_when_reads_iso_dates_and_date_times_and_nothing_else() -> None:
    assert parse_when(" 2026-02-18 ") == dt.date(2026, 2, 18)
    assert parse_when("2026-02-18T09:00:00+09:00") == dt.datetime(
        2026, 2, 18, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=9))
    )
    assert parse_when("Feb 18, 2026") is None
    assert parse_when("2026-13-01") is None


@pytest.mark.parametrize("text", ["2014-09-09 21:10:33 -0700", "2014-09-09 21:10 -07:00"])
def test_jekyll_s_date_times_with_a_space_before_the_offset_are_dates(text: str) -> None:
    seven_west = dt.timezone(-dt.timedelta(hours=7))
    when = parse_when(text)
    assert isinstance(when, dt.datetime) and when.tzinfo == seven_west
    assert when.date() == dt.date(2014, 9, 9)
    assert is_date_text(text) and ISO_DATE_OR_TIME.match(text)


def test_date_text_is_what_javascript_s_date_accepts() -> None:
    assert is_date_text("2026-02-18") and is_date_text("2026") and is_date_text("Feb 18, 2026")
    assert not is_date_text("2026-13") and not is_date_text("soon") and not is_date_text("")


def test_a_date_value_is_a_date_an_epoch_number_or_date_text_but_not_a_boolean() -> None:
    assert is_date_value(dt.date(2026, 2, 18)) and is_date_value(1700000000)
    assert is_date_value("2026-02-18")
    assert not is_date_value(True) and not is_date_value(None) and not is_date_value("soon")
