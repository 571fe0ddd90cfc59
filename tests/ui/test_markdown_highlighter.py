"""Markdown highlighting: the frontmatter block, headings, fences, inline code, links, HTML."""

from __future__ import annotations

import time

import pytest
from PySide6.QtGui import QFont

from editor.ui.markdown_editor import MarkdownEditor

TEXT = (
    "---\n"
    "title: 제목\n"
    "---\n"
    "## 개요\n"
    "Some `code` and a [link](https://example.com) and <strong>bold</strong>.\n"
    "```mermaid\n"
    "## not a heading inside a fence\n"
    "```\n"
    "after the fence\n"
)


def formats_of(editor: MarkdownEditor, line: int) -> list[tuple[int, int, str]]:
    block = editor.document().findBlockByNumber(line)
    return [
        (r.start, r.length, r.format.foreground().color().name()) for r in block.layout().formats()
    ]


def color_at(editor: MarkdownEditor, line: int, column: int) -> str | None:
    for start, length, color in formats_of(editor, line):
        if start <= column < start + length:
            return color
    return None


def test_each_construct_gets_its_colour(qtbot):
    editor = MarkdownEditor()
    qtbot.addWidget(editor)
    editor.set_text(TEXT)
    editor.show()
    hl = editor.highlighter.formats
    assert color_at(editor, 1, 0) == hl["frontmatter_key"].foreground().color().name()
    ranges = editor.document().findBlockByNumber(3).layout().formats()
    assert ranges[0].format.fontWeight() == QFont.Weight.Bold
    line = TEXT.splitlines()[4]
    assert color_at(editor, 4, line.index("`code`") + 1) == hl["code"].foreground().color().name()
    assert color_at(editor, 4, line.index("[link]") + 1) == hl["link"].foreground().color().name()
    assert color_at(editor, 4, line.index("<strong>") + 1) == hl["html"].foreground().color().name()
    fence = hl["fence"].foreground().color().name()
    assert color_at(editor, 6, 0) == fence, "a # line inside a fence is code, not a heading"
    assert color_at(editor, 8, 0) is None, "the fence closed"


def test_closing_the_frontmatter_ends_its_highlighting(qtbot):
    editor = MarkdownEditor()
    qtbot.addWidget(editor)
    editor.set_text("---\ntitle: x\n---\nplain: text\n")
    key = editor.highlighter.formats["frontmatter_key"].foreground().color().name()
    assert color_at(editor, 1, 0) == key
    assert color_at(editor, 3, 0) is None


@pytest.mark.parametrize(
    "line",
    [
        "[" * 100_000,
        "](" * 50_000,
        "`" * 100_000,
        "<!--" * 25_000,
        "**a" * 30_000,
        "<a " * 30_000,
        "[" * 4_000 + "x",  # under the inline limit: every rule runs on it
        "<!--" * 1_200,
    ],
    ids=[
        "brackets",
        "link-openers",
        "backticks",
        "comments",
        "bold",
        "tags",
        "short-br",
        "short-cm",
    ],
)
def test_pathological_lines_are_highlighted_within_a_second(qtbot, line: str):
    """A regex that rescans the rest of a line from every opening mark is quadratic; this
    took 23 s for 100,000 "[". The bound is a guard against that, not a speed target."""
    editor = MarkdownEditor()
    qtbot.addWidget(editor)
    started = time.perf_counter()
    editor.set_text(f"Intro with a [link](https://example.com).\n{line}\n")
    assert time.perf_counter() - started < 1.0
    assert color_at(editor, 0, len("Intro with a [")) is not None  # short lines keep colour
