"""Code highlighting CSS and fence-language reading."""

from __future__ import annotations

import pytest

from editor.core.render import theme_css
from editor.core.render.highlight import fence_language


def test_css_targets_the_highlight_class() -> None:
    """The CSS styles the classes the formatter emits, scoped to .highlight."""
    css = theme_css(dark=False)
    assert ".highlight .k" in css
    assert ".highlight .s" in css


def test_the_dark_theme_has_its_own_colours() -> None:
    """Dark colours differ from light ones and apply under the dark root only."""
    assert theme_css(dark=True) != theme_css(dark=False)
    assert ':root[data-theme="dark"] .highlight .k' in theme_css(dark=True)


@pytest.mark.parametrize(
    ("info", "language"),
    [
        ("python", "python"),
        ("  ts  title=app.ts", "ts"),
        ("", ""),
        ("   ", ""),
        ("py\\{x}", "py{x}"),
        ("rs&#x20;x", "rs"),
    ],
)
def test_fence_language_is_the_first_word(info: str, language: str) -> None:
    """As markdown-it reads it: unescaped, trimmed, first word."""
    assert fence_language(info) == language
