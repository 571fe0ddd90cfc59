"""Length windows for titles and descriptions, per language, as search results show them."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum


@dataclass(frozen=True)
class LengthWindow:
    """A comfortable length range in characters, both ends included."""

    low: int
    high: int


# Search engines cut titles and descriptions by display width; CJK characters are wider,
# so their windows hold fewer characters. Defaults from the reference user's style guide.
DEFAULT_WINDOWS: dict[str, dict[str, LengthWindow]] = {
    "title": {
        "ko": LengthWindow(25, 30),
        "ja": LengthWindow(30, 35),
        "en": LengthWindow(50, 60),
        "zh": LengthWindow(20, 25),
    },
    "description": {
        "ko": LengthWindow(70, 80),
        "ja": LengthWindow(80, 90),
        "en": LengthWindow(150, 160),
        "zh": LengthWindow(60, 70),
    },
}


class LengthStatus(Enum):
    """Where a count falls against its window."""

    SHORT = "short"
    OK = "ok"
    LONG = "long"


def count_chars(text: str) -> int:
    """Characters as a reader counts them: NFC, newlines folded to spaces, ends trimmed."""
    normal = unicodedata.normalize("NFC", " ".join(text.split()))
    # Combining marks left after NFC (e.g. emoji modifiers) do not count on their own.
    return sum(1 for ch in normal if not unicodedata.combining(ch))


def _base_lang(lang: str | None) -> str | None:
    return lang.split("-")[0].lower() if lang else None


def window_for(
    field: str,
    lang: str | None,
    overrides: Mapping[str, Mapping[str, LengthWindow]] | None = None,
) -> LengthWindow | None:
    """The window of a field in a language: the workspace's override, else the default."""
    base = _base_lang(lang)
    for table in (overrides or {}, DEFAULT_WINDOWS):
        windows = table.get(field, {})
        for key in (lang, base):
            if key is not None and key in windows:
                return windows[key]
    return None


def length_status(count: int, window: LengthWindow) -> LengthStatus:
    """SHORT, OK or LONG for a count against a window."""
    if count < window.low:
        return LengthStatus.SHORT
    if count > window.high:
        return LengthStatus.LONG
    return LengthStatus.OK


def parse_windows(raw: Mapping[str, object]) -> dict[str, dict[str, LengthWindow]]:
    """Read overrides such as {"title": {"ko": [25, 30]}}; malformed entries are skipped."""
    result: dict[str, dict[str, LengthWindow]] = {}
    for field, per_lang in raw.items():
        if not isinstance(per_lang, Mapping):
            continue
        for lang, bounds in per_lang.items():
            if (
                isinstance(bounds, list | tuple)
                and len(bounds) == 2
                and all(isinstance(b, int) and b >= 0 for b in bounds)
                and bounds[0] <= bounds[1]
            ):
                result.setdefault(str(field), {})[str(lang)] = LengthWindow(*bounds)
    return result
