"""Dates in frontmatter: which values are dates, and how date text is read.

The one place that recognises dates: the YAML writer (a plain date vs its ISO string),
the schema checks (what z.coerce.date(), i.e. JavaScript's Date, accepts) and the form's
date field all ask here.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re

__all__ = [
    "ISO_DATE_OR_TIME",
    "WrittenTimestamp",
    "is_date_text",
    "is_date_value",
    "is_iso_day",
    "is_plain_date",
    "parse_when",
    "timestamp_text",
]

# JavaScript's Date parses ISO 8601 plus the common English forms; these cover what posts
# hold. A string outside them is reported, which errs on the side of "check this".
# What ISO parsing misses among what generators write: Jekyll's date-times with a space
# before the offset.
_OFFSET_FORMATS = ("%Y-%m-%d %H:%M:%S %z", "%Y-%m-%d %H:%M %z")
_FORMATS = (
    *_OFFSET_FORMATS,
    "%Y/%m/%d",
    "%Y/%m/%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%B %d, %Y",
    "%b %d, %Y",
    "%B %d %Y",
    "%b %d %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%m/%d/%Y",
)
_YEAR_MONTH = re.compile(r"\d{4}(?:-\d{2})?\Z")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
# The shape of an ISO date or date-time; a pattern, not a function, for schema inference,
# which matches it against about a million values on a large site.
# Jekyll writes `2014-09-09 21:10:33 -0700`: a space before the offset.
ISO_DATE_OR_TIME = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?: ?(?:Z|[+-]\d{2}:?\d{2}))?)?\Z"
)


def is_plain_date(value: object) -> bool:
    """True for a date that is not a datetime (what a plain `2026-02-18` reads as)."""
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


def is_iso_day(text: str) -> bool:
    """True for a string in ISO form `YYYY-MM-DD` that names a real day."""
    return len(text) == 10 and isinstance(parse_when(text), dt.date)


def parse_when(text: str) -> dt.date | dt.datetime | None:
    """An ISO date (2026-02-18) or date-time (2026-02-18T09:00:00+09:00, or Jekyll's
    2014-09-09 21:10:33 -0700), else None."""
    text = text.strip()
    if not _ISO_DAY.match(text):
        return None
    try:
        return dt.date.fromisoformat(text) if len(text) == 10 else dt.datetime.fromisoformat(text)
    except ValueError:
        pass
    for fmt in _OFFSET_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt)
        except ValueError:
            pass
    return None


def is_date_text(text: str) -> bool:
    """True if the string parses as a date (ISO 8601 or a common written form)."""
    text = text.strip()
    if not text:
        return False
    if _YEAR_MONTH.match(text):
        # "2026" and "2026-02" are valid to JavaScript's Date.
        return 1 <= int(text[5:7] or "1") <= 12
    iso = text.replace("z", "Z")
    for parse in (dt.date.fromisoformat, dt.datetime.fromisoformat):
        try:
            parse(iso)
            return True
        except ValueError:
            pass
    for fmt in _FORMATS:
        try:
            dt.datetime.strptime(text, fmt)
            return True
        except ValueError:
            pass
    try:
        return email.utils.parsedate_to_datetime(text) is not None
    except (TypeError, ValueError, IndexError):
        return False


def is_date_value(value: object) -> bool:
    """True for a YAML date/datetime, an epoch number, or a parseable date string."""
    if isinstance(value, bool):
        return False
    if isinstance(value, dt.date | int | float):
        return True
    return isinstance(value, str) and is_date_text(value)


class WrittenTimestamp(dt.datetime):
    """A timestamp and the text it was typed as (`2022-07-16T10:00:00Z`), written back as
    typed: Python's isoformat would turn that `Z` into `+00:00`."""

    text: str

    @classmethod
    def of(cls, value: dt.datetime, text: str) -> WrittenTimestamp:
        stamp = cls.combine(value.date(), value.timetz())
        stamp.text = text
        return stamp


def timestamp_text(value: dt.datetime, like: str | None = None) -> str:
    """YAML text for a timestamp: as typed, else in the form of `like` (the text it
    replaces: `T` or a space between date and time, `Z` or `+00:00` for UTC)."""
    if isinstance(value, WrittenTimestamp):
        return value.text
    like = (like or "").strip()
    text = value.isoformat(" " if like[10:11] == " " else "T")
    if like[-1:] in ("Z", "z") and value.utcoffset() == dt.timedelta(0):
        text = text.removesuffix("+00:00") + "Z"
    return text
