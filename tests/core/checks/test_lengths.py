"""Length windows: per-language defaults, workspace overrides, counting CJK as characters."""

from __future__ import annotations

from editor.core.checks.lengths import (
    LengthStatus,
    LengthWindow,
    count_chars,
    length_status,
    parse_windows,
    window_for,
)


def test_defaults_per_language_and_field():
    assert window_for("title", "ko") == LengthWindow(25, 30)
    assert window_for("title", "en") == LengthWindow(50, 60)
    assert window_for("description", "ja") == LengthWindow(80, 90)
    assert window_for("description", "zh-CN") == LengthWindow(60, 70)
    assert window_for("title", "fr") is None
    assert window_for("slug", "ko") is None


def test_workspace_overrides_win_over_defaults():
    overrides = parse_windows({"title": {"ko": [20, 28], "fr": [40, 60]}, "bad": {"ko": [5, 1]}})
    assert window_for("title", "ko", overrides) == LengthWindow(20, 28)
    assert window_for("title", "fr", overrides) == LengthWindow(40, 60)
    assert window_for("title", "en", overrides) == LengthWindow(50, 60)
    assert "bad" not in overrides


def test_counting_is_by_characters_with_whitespace_folded():
    assert count_chars("DeepSeek V4 출시 임박") == 17
    assert count_chars("  two\n lines  ") == len("two lines")
    assert count_chars("e\u0301") == 1, "a decomposed é counts once"


def test_status_against_the_window():
    window = LengthWindow(25, 30)
    assert length_status(24, window) is LengthStatus.SHORT
    assert length_status(25, window) is LengthStatus.OK
    assert length_status(30, window) is LengthStatus.OK
    assert length_status(31, window) is LengthStatus.LONG
