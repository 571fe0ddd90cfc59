"""Code highlighting CSS and fence-language reading."""

from __future__ import annotations

import pytest

from editor.core.render import pygments_css
from editor.core.render.highlight import fence_language


def test_css_targets_the_highlight_class() -> None:
    """The CSS styles the classes the formatter emits, scoped to .highlight."""
    css = pygments_css()
    assert ".highlight .k" in css
    assert ".highlight .s" in css


def test_other_styles_differ_and_unknown_styles_fall_back() -> None:
    """A named style changes colours; a mistyped one gives the default instead of an error."""
    assert pygments_css("monokai") != pygments_css("default")
    assert pygments_css("no-such-style") == pygments_css("default")


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
