"""The Markdown editor: a QPlainTextEdit with line numbers, highlighting and text patches."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QTextCursor,
)
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from editor.core.frontmatter import TextPatch
from editor.core.utf16_text import Utf16Text
from editor.ui.markdown_highlighter import MarkdownHighlighter


class LineNumberArea(QWidget):
    """The gutter beside the editor; it paints what the editor tells it to."""

    def __init__(self, editor: MarkdownEditor) -> None:
        super().__init__(editor)
        self._editor = editor

    def sizeHint(self) -> QSize:
        return QSize(self._editor.line_number_width(), 0)

    def paintEvent(self, event: QPaintEvent) -> None:
        self._editor.paint_line_numbers(event)


class MarkdownEditor(QPlainTextEdit):
    """Edits one post. Its document's text is the single truth while the post is open."""

    textEdited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSize(max(font.pointSize(), 11))
        # CJK glyphs come from the system's fallback fonts (fonts-noto-cjk on Linux).
        font.setStyleHint(QFont.StyleHint.Monospace)
        self.setFont(font)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setTabChangesFocus(False)
        self.setAccessibleName("Markdown editor")
        self._gutter = LineNumberArea(self)
        self.highlighter = MarkdownHighlighter(self.document(), self._is_dark())
        self._last_patch_key: str | None = None
        self._revision_after_patch = -1
        # The text, kept in step with every change; None until asked for, or after a change
        # it could not follow (then it is copied out of the document again).
        self._mirror: Utf16Text | None = None
        self._gutter_painted: tuple[int, float, float, int, int] | None = None
        self.blockCountChanged.connect(self._update_gutter_width)
        self.updateRequest.connect(self._update_gutter)
        self.document().contentsChange.connect(self._follow_change)
        self.document().contentsChanged.connect(self.textEdited)
        self._update_gutter_width()

    # -- text -----------------------------------------------------------------------------

    def text(self) -> str:
        """Return the document's text with "\\n" newlines (non-breaking spaces kept)."""
        return self._synced().text

    def _synced(self) -> Utf16Text:
        # The preview asks after every keystroke, and copying a 3 MB post out of the
        # document costs ~12 ms: the text is copied once, then follows each change.
        if self._mirror is None:
            # toPlainText() would turn U+00A0 into plain spaces and lose them on save.
            self._mirror = Utf16Text(self.document().toRawText().replace("\u2029", "\n"))
        return self._mirror

    def _follow_change(self, position: int, removed: int, added: int) -> None:
        mirror = self._mirror
        if mirror is None:
            return
        # Qt may count the document's final paragraph separator in a change; the text has none.
        length = self.document().characterCount() - 1
        removed = min(removed, mirror.length16 - position)
        added = min(added, length - position)
        if position < 0 or removed < 0 or added < 0 or mirror.length16 - removed + added != length:
            self._mirror = None  # a change we cannot place: copy the text again when asked
            return
        cursor = QTextCursor(self.document())
        cursor.setPosition(position)
        cursor.setPosition(position + added, QTextCursor.MoveMode.KeepAnchor)
        new = cursor.selectedText().replace("\u2029", "\n")
        if removed == added and mirror.slice16(position, removed) == new:
            return  # the highlighter restyled a line: formats changed, the text did not
        mirror.replace16(position, removed, new)

    def set_text(self, text: str) -> None:
        """Replace the whole text as a fresh document: no undo history, not modified."""
        self._last_patch_key = None
        self.document().setPlainText(text)
        self._mirror = None  # copied from the document when next asked, as Qt stored it
        self.document().setModified(False)
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def apply_patch(self, patch: TextPatch, merge_key: str | None = None) -> None:
        """Apply a text patch as one undoable edit, keeping the cursor where it was.

        Consecutive patches with the same merge_key and no other edit between them join
        one undo step, so typing a title in the form is undone with one Ctrl+Z.
        """
        offset16 = self._synced().offset16  # Qt counts positions in UTF-16 code units
        cursor = QTextCursor(self.document())
        if self._continues_patch(merge_key):
            cursor.joinPreviousEditBlock()
        else:
            cursor.beginEditBlock()
        cursor.setPosition(offset16(patch.start))
        cursor.setPosition(offset16(patch.end), QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(patch.text)
        cursor.endEditBlock()
        self._last_patch_key = merge_key
        self._revision_after_patch = self.document().revision()

    def _continues_patch(self, merge_key: str | None) -> bool:
        """True when a patch with merge_key would join the previous one's undo step."""
        return (
            merge_key is not None
            and merge_key == self._last_patch_key
            and self.document().revision() == self._revision_after_patch
        )

    def go_to_line(self, line: int, column: int = 1) -> None:
        """Put the cursor at a 1-based line and column and show it."""
        block = self.document().findBlockByNumber(max(0, line - 1))
        cursor = QTextCursor(block)
        cursor.movePosition(
            QTextCursor.MoveOperation.Right,
            QTextCursor.MoveMode.MoveAnchor,
            min(max(0, column - 1), max(0, block.length() - 1)),
        )
        self.setTextCursor(cursor)
        self.centerCursor()
        self.setFocus()

    def select_in_line(self, line: int, start16: int, end16: int) -> None:
        """Select columns start16..end16 (UTF-16 units, 0-based) of a 1-based line and show it."""
        self.go_to_line(line)
        cursor = self.textCursor()
        block = cursor.block()
        last = block.position() + block.length() - 1
        cursor.setPosition(min(block.position() + start16, last))
        cursor.setPosition(min(block.position() + end16, last), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def cursor_line(self) -> int:
        """The 0-based line of the cursor."""
        return self.textCursor().blockNumber()

    def scroll_to_line(self, line: int) -> None:
        """Scroll so that a 0-based line is the first one shown (the cursor stays)."""
        block = self.document().findBlockByNumber(max(0, line))
        if block.isValid():
            # The scroll bar counts layout lines: a wrapped block spans several.
            self.verticalScrollBar().setValue(block.firstLineNumber())

    def _is_dark(self) -> bool:
        return self.palette().color(QPalette.ColorRole.Base).lightness() < 128

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.highlighter.set_dark(self._is_dark())
            self._gutter.update()

    # -- line numbers ---------------------------------------------------------------------

    def line_number_width(self) -> int:
        """Width of the gutter for the current number of lines."""
        digits = max(3, len(str(self.blockCount())))
        return 12 + self.fontMetrics().horizontalAdvance("9") * digits

    def _update_gutter_width(self, _count: int = 0) -> None:
        self.setViewportMargins(self.line_number_width(), 0, 0, 0)

    def _gutter_state(self) -> tuple[int, float, float, int, int]:
        """What the gutter shows depends on: the first line shown and where, the number of
        layout lines (wrapping), the number of lines, and the current line."""
        return (
            self.firstVisibleBlock().blockNumber(),
            self.contentOffset().y(),
            self.document().documentLayout().documentSize().height(),
            self.blockCount(),
            self.textCursor().blockNumber(),
        )

    def _update_gutter(self, rect: QRect, dy: int) -> None:
        if dy:
            self._gutter.scroll(0, dy)
            return
        # The editor asks for its whole viewport on every keystroke (and for the cursor's
        # line as it blinks); the numbers rarely change then, and painting them (Python,
        # per line) is the costliest part of a keystroke while the preview renders.
        state = self._gutter_state()
        if state == self._gutter_painted:
            return
        self._gutter_painted = state
        self._gutter.update(0, rect.y(), self._gutter.width(), rect.height())
        if rect.contains(self.viewport().rect()):
            self._update_gutter_width()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        cr = self.contentsRect()
        self._gutter.setGeometry(QRect(cr.left(), cr.top(), self.line_number_width(), cr.height()))

    def paint_line_numbers(self, event: QPaintEvent) -> None:
        """Paint the numbers of the visible lines into the gutter."""
        painter = QPainter(self._gutter)
        palette = self.palette()
        painter.fillRect(event.rect(), palette.color(QPalette.ColorRole.AlternateBase))
        current = self.textCursor().blockNumber()
        block = self.firstVisibleBlock()
        top = round(self.blockBoundingGeometry(block).translated(self.contentOffset()).top())
        bottom = top + round(self.blockBoundingRect(block).height())
        width = self._gutter.width() - 6
        height = self.fontMetrics().height()
        while block.isValid() and top <= event.rect().bottom():
            if block.isVisible() and bottom >= event.rect().top():
                number = block.blockNumber()
                role = (
                    QPalette.ColorRole.Text
                    if number == current
                    else QPalette.ColorRole.PlaceholderText
                )
                painter.setPen(palette.color(role))
                painter.drawText(
                    0, top, width, height, Qt.AlignmentFlag.AlignRight, str(number + 1)
                )
            block = block.next()
            top = bottom
            bottom = top + round(self.blockBoundingRect(block).height())
        painter.end()
