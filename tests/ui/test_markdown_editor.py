"""The Markdown editor pane: text in and out, patches as single undo steps, CJK input."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from editor.core.frontmatter import TextPatch
from editor.ui.markdown_editor import MarkdownEditor
from tests.qt_support import type_text


def utf16_offset(text: str, index: int) -> int:
    """Where Qt puts a cursor for a Python index: it counts UTF-16 code units."""
    return len(text[:index].encode("utf-16-le")) // 2


def make_editor(qtbot) -> MarkdownEditor:
    editor = MarkdownEditor()
    qtbot.addWidget(editor)
    return editor


def test_text_round_trips_non_breaking_spaces_and_cjk(qtbot):
    editor = make_editor(qtbot)
    text = "---\ntitle: 제목\n---\n\n가\u00a0나 日本語 中文 😀\n"
    editor.set_text(text)
    assert editor.text() == text
    assert not editor.document().isModified()


def test_patch_is_one_undo_step_and_consecutive_field_patches_merge(qtbot):
    editor = make_editor(qtbot)
    editor.set_text("---\ntitle: a\n---\nbody\n")
    editor.apply_patch(TextPatch(11, 12, "ab"), merge_key="field:title")
    editor.apply_patch(TextPatch(11, 13, "abc"), merge_key="field:title")
    assert editor.text() == "---\ntitle: abc\n---\nbody\n"
    editor.undo()
    assert editor.text() == "---\ntitle: a\n---\nbody\n"
    assert not editor.document().isUndoAvailable()


def test_typing_between_patches_keeps_them_separate_undo_steps(qtbot):
    editor = make_editor(qtbot)
    editor.set_text("---\ntitle: a\n---\nbody\n")
    editor.apply_patch(TextPatch(11, 12, "b"), merge_key="field:title")
    cursor = editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    editor.setTextCursor(cursor)
    qtbot.keyClicks(editor, "x")
    editor.apply_patch(TextPatch(11, 12, "c"), merge_key="field:title")
    editor.undo()
    assert "title: b" in editor.text()


def test_patch_positions_count_astral_characters_correctly(qtbot):
    editor = make_editor(qtbot)
    text = "---\ntitle: 😀 a\n---\n"
    editor.set_text(text)
    start = text.index("a\n")
    editor.apply_patch(TextPatch(start, start + 1, "b"))
    assert editor.text() == "---\ntitle: 😀 b\n---\n"
    assert utf16_offset(text, start) == start + 1


def test_korean_japanese_chinese_typed_text_reaches_the_document(qtbot):
    editor = make_editor(qtbot)
    editor.set_text("")
    editor.show()
    type_text(editor, "한국어 日本語 中文")
    assert editor.text() == "한국어 日本語 中文"
    assert editor.document().isModified()


def test_gutter_grows_with_line_count(qtbot):
    editor = make_editor(qtbot)
    editor.set_text("x\n" * 5)
    narrow = editor.line_number_width()
    editor.set_text("x\n" * 12000)
    assert editor.line_number_width() > narrow


def test_go_to_line_moves_cursor_to_line_and_column(qtbot):
    editor = make_editor(qtbot)
    editor.set_text("one\ntwo\nthree\n")
    editor.go_to_line(3, 2)
    cursor = editor.textCursor()
    assert cursor.blockNumber() == 2
    assert cursor.positionInBlock() == 1


def test_ctrl_z_after_patch_restores_text(qtbot):
    editor = make_editor(qtbot)
    editor.set_text("---\ndraft: false\n---\n")
    editor.apply_patch(TextPatch(11, 16, "true"), merge_key="field:draft")
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.text() == "---\ndraft: false\n---\n"


def raw_text(editor: MarkdownEditor) -> str:
    return editor.document().toRawText().replace("\u2029", "\n")


@pytest.mark.parametrize("seed", range(4))
def test_text_follows_every_kind_of_change_without_copying_the_document(qtbot, seed):
    editor = make_editor(qtbot)
    editor.set_text("---\ntitle: 제목 😀\n---\n\n# 개요\n\n가\u00a0나 🎉 text\n")
    pieces = ["a", "가", "\n", "\u00a0", "🎉", "𝕏 b", "```\ncode\n```\n", "# h\n\n", ""]
    rng = random.Random(seed)
    assert editor.text() == raw_text(editor)
    for _ in range(150):
        text = editor.text()
        start = rng.randint(0, len(text))
        end = min(len(text), start + rng.choice([0, 0, 1, 3, 20]))
        action = rng.random()
        if action < 0.45:
            cursor = editor.textCursor()
            cursor.setPosition(utf16_offset(text, start))
            cursor.setPosition(utf16_offset(text, end), cursor.MoveMode.KeepAnchor)
            cursor.insertText(rng.choice(pieces))
        elif action < 0.6:
            editor.apply_patch(TextPatch(start, end, rng.choice(pieces)), merge_key="k")
        elif action < 0.75:
            editor.undo()
        elif action < 0.85:
            editor.redo()
        else:
            cursor = editor.textCursor()
            cursor.setPosition(utf16_offset(text, start))
            editor.setTextCursor(cursor)
            type_text(editor, rng.choice(["가", "日", "😀", "x"]))
        assert editor.text() == raw_text(editor)
    # Typing follows the change in place: the text is not copied out of Qt again.
    mirror = editor._mirror
    qtbot.keyClicks(editor, "abc")
    assert editor._mirror is mirror
    assert editor.text() == raw_text(editor)


def test_the_gutter_repaints_only_when_its_numbers_change(qtbot):
    editor = make_editor(qtbot)
    editor.resize(500, 400)
    editor.show()
    qtbot.waitExposed(editor)
    editor.set_text("".join(f"line {n}\n" for n in range(60)))
    painted: list[int] = []
    paint = editor.paint_line_numbers
    editor.paint_line_numbers = lambda event: (painted.append(1), paint(event))
    cursor = editor.textCursor()
    cursor.setPosition(len("line 0\nline 1\nli"))
    editor.setTextCursor(cursor)
    qtbot.waitUntil(lambda: bool(painted))  # the current line moved: painted
    before = len(painted)
    qtbot.keyClicks(editor, "xyz")  # typing inside a line leaves every number in place
    QApplication.processEvents()
    assert len(painted) == before
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # a new line renumbers those below it
    qtbot.waitUntil(lambda: len(painted) > before)
    before = len(painted)
    qtbot.keyClicks(editor, "w" * 120)  # wrapping moves the numbers below
    qtbot.waitUntil(lambda: len(painted) > before)
