"""The side pane: a sibling of the open post, read-only, following the editor by heading."""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from editor.core.post.heading_match import SectionMap, match_line, section_map
from editor.core.post.outline import OutlineScanner
from editor.core.storage import read_text_file
from editor.core.workspace.language_switch import language_label
from editor.ui.markdown_editor import MarkdownEditor
from editor.ui.tasks import TaskRunner

# The open post's sections are scanned again once typing pauses, like the outline's.
SOURCE_SCAN_DELAY_MS = 300


def _load(path: Path, scanner: OutlineScanner) -> tuple[str, SectionMap]:
    """Worker: the sibling's text and its sections."""
    text = read_text_file(path).text
    return text, section_map(text, scanner)


class TranslationPane(QWidget):
    """Shows one sibling beside the editor; scrolls to the heading the editor's cursor is in.

    position_of() gives the editor's cursor line and its first visible line (0-based), so
    the matching line is shown at the same height as the cursor.
    """

    editRequested = Signal(Path)  # "Edit this one": swap it into the main editor
    closeRequested = Signal()
    loaded = Signal(Path)
    followed = Signal(int)  # the 0-based line of the sibling now lined up with the cursor

    def __init__(
        self,
        tasks: TaskRunner,
        text_of: Callable[[], str],
        position_of: Callable[[], tuple[int, int]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName("Translation beside")
        self._tasks = tasks
        self._text_of = text_of
        self._position_of = position_of
        self._scanner = OutlineScanner()
        self.path: Path | None = None
        self.lang: str | None = None
        self._target: SectionMap | None = None
        self._source: SectionMap | None = None
        self._load_generation = 0
        self._scan_generation = 0
        self._followed_section: int | bool | None = False  # False: nothing followed yet

        header = QHBoxLayout()
        header.setContentsMargins(4, 2, 4, 2)
        self.title = QLabel()
        self.title.setAccessibleName("Translation shown beside")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        header.addWidget(self.title, 1)
        self.edit_button = QPushButton("Edit this one")
        self.edit_button.setAccessibleName("Edit this translation")
        self.edit_button.setToolTip("Open this post in the editor, and the current one here")
        self.edit_button.clicked.connect(lambda: self.path and self.editRequested.emit(self.path))
        header.addWidget(self.edit_button)
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setAccessibleName("Close translation beside")
        self.close_button.setToolTip("Close the side-by-side view")
        self.close_button.clicked.connect(self.closeRequested)
        header.addWidget(self.close_button)
        self.view = MarkdownEditor()
        self.view.setReadOnly(True)
        self.view.setAccessibleName("Translation text")
        # Read-only still lets the writer select and copy a phrase of the source.
        self.view.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(header)
        column.addWidget(self.view, 1)

        self._scan_timer = QTimer(self)
        self._scan_timer.setSingleShot(True)
        self._scan_timer.setInterval(SOURCE_SCAN_DELAY_MS)
        self._scan_timer.timeout.connect(self.scan_source)
        # Read the cursor once the event that moved it is over (as the outline does).
        self._cursor_timer = QTimer(self)
        self._cursor_timer.setSingleShot(True)
        self._cursor_timer.setInterval(0)
        self._cursor_timer.timeout.connect(lambda: self._follow(force=False))

    # -- input ------------------------------------------------------------------------------

    def show_post(self, path: Path, lang: str | None) -> None:
        """Show this sibling (read off the UI thread) lined up with the editor's cursor."""
        self.path, self.lang = path, lang
        self._set_title()
        self._target = None
        self._followed_section = False
        self._load(keep_scroll=False)
        self.scan_source()

    def text(self) -> str:
        """The sibling's text as shown."""
        return self.view.text()

    def files_changed(self, paths: list[Path]) -> None:
        """Files changed on disk: read the shown sibling again if it is one of them."""
        if self.path is not None and self.isVisible() and self.path in paths:
            self._load(keep_scroll=True)

    def source_changed(self) -> None:
        """The open post's text changed: scan its sections again once typing pauses."""
        if self.isVisible():
            self._scan_timer.start()

    def cursor_moved(self) -> None:
        """The editor's cursor moved: follow it when it enters another section."""
        if self.isVisible():
            self._cursor_timer.start()

    def scan_source(self) -> None:
        """Scan the open post's sections now (off the UI thread; older scans are dropped)."""
        self._scan_timer.stop()
        self._scan_generation += 1
        generation, text, scanner = self._scan_generation, self._text_of(), self._scanner
        self._tasks.run(
            lambda: (generation, section_map(text, scanner)), self._on_source_scanned, owner=self
        )

    def clear(self) -> None:
        """Forget the sibling (the pane was closed)."""
        self.path, self.lang = None, None
        self._target = None
        self._load_generation += 1
        self._scan_generation += 1
        self.view.set_text("")

    # -- background results -----------------------------------------------------------------

    def _load(self, keep_scroll: bool) -> None:
        self._load_generation += 1
        generation, path, scanner = self._load_generation, self.path, self._scanner
        if path is None:
            return
        self._tasks.run(
            lambda: _load(path, scanner),
            lambda result: self._on_loaded(generation, path, keep_scroll, result),
            lambda exc: self._on_failed(generation, path, exc),
            owner=self,
        )

    def _on_loaded(
        self, generation: int, path: Path, keep_scroll: bool, result: tuple[str, SectionMap]
    ) -> None:
        if generation != self._load_generation:
            return  # an older request: another sibling (or a newer read) is on its way
        text, target = result
        scroll = self.view.verticalScrollBar().value()
        self._target = target
        self.view.set_text(text)
        self._set_title()
        if keep_scroll:
            self.view.verticalScrollBar().setValue(scroll)
        else:
            self._follow(force=True)
        self.loaded.emit(path)

    def _on_failed(self, generation: int, path: Path, exc: Exception) -> None:
        if generation != self._load_generation:
            return
        self._target = None
        self.view.set_text("")
        self.title.setText(f"{path.name}: {exc}")

    def _on_source_scanned(self, result: tuple[int, SectionMap]) -> None:
        generation, source = result
        if generation != self._scan_generation:
            return
        self._source = source
        self._follow(force=self._followed_section is False)

    # -- following --------------------------------------------------------------------------

    def _follow(self, force: bool) -> None:
        if self._source is None or self._target is None:
            return
        cursor_line, top_line = self._position_of()
        section = self._source.section_at(cursor_line)
        if not force and section == self._followed_section:
            return  # same section: the writer may have scrolled the pane on purpose
        self._followed_section = section
        found = match_line(self._source, cursor_line, self._target)
        self.view.scroll_to_line(max(0, found.line - max(0, cursor_line - top_line)))
        self._mark_line(found.line)
        self.followed.emit(found.line)

    def _mark_line(self, line: int) -> None:
        block = self.view.document().findBlockByNumber(line)
        if not block.isValid():
            return
        mark = QTextEdit.ExtraSelection()
        mark.cursor = QTextCursor(block)
        mark.format.setBackground(self.palette().alternateBase())
        mark.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
        self.view.setExtraSelections([mark])

    def marked_line(self) -> int | None:
        """The 0-based line lined up with the editor's cursor (highlighted), if any."""
        marks = self.view.extraSelections()
        return marks[0].cursor.blockNumber() if marks else None

    def _set_title(self) -> None:
        if self.path is None:
            self.title.setText("")
            return
        label = language_label(self.lang) if self.lang else ""
        name = html.escape(self.path.name)
        self.title.setText(f"<b>{html.escape(label)}</b> — {name}" if label else name)
