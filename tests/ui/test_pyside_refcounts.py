"""The installed PySide6 keeps Python's reference counts: void calls do not eat None.

PySide6 6.12.0 decremented None's count on every call of a method returning void; on
Python 3.11 that aborted Postdesk ("deallocating None") while highlighting a long post.
"""

from __future__ import annotations

import sys

from PySide6.QtGui import QSyntaxHighlighter, QTextCharFormat
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit


def test_void_calls_leave_nones_reference_count_alone(qtbot):
    edit = QLineEdit()
    qtbot.addWidget(edit)
    before = sys.getrefcount(None)
    for _ in range(2000):
        edit.setText("x")
    assert sys.getrefcount(None) - before > -100


def test_highlighting_ten_thousand_lines_does_not_eat_none(qtbot):
    fmt = QTextCharFormat()

    class Highlighter(QSyntaxHighlighter):
        def highlightBlock(self, text: str) -> None:
            self.setFormat(0, len(text), fmt)
            self.setCurrentBlockState(1)

    editor = QPlainTextEdit()
    qtbot.addWidget(editor)
    Highlighter(editor.document())
    before = sys.getrefcount(None)
    editor.setPlainText("line\n" * 10_000)
    assert sys.getrefcount(None) - before > -100
