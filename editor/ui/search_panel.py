"""Find in the workspace: a query field, its toggles, and the matches grouped by post."""

from __future__ import annotations

import html
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAbstractTextDocumentLayout, QFont, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from editor.core.find import (
    MATCH_CAP,
    PostMatches,
    SearchMatch,
    SearchQuery,
    SearchResult,
    search_posts,
)
from editor.core.find.isolated import IsolatedSearch
from editor.core.workspace import PostEntry
from editor.ui.tasks import TaskRunner

SEARCH_DELAY_MS = 300  # typing pauses this long before a search starts
MATCH_ROLE = Qt.ItemDataRole.UserRole + 1
EXPANDED_POSTS = 200  # posts shown open; a search with more shows the rest closed
_ModelIndex = QModelIndex | QPersistentModelIndex


class SearchResultsModel(QAbstractItemModel):
    """Posts as top rows, their matches as children; built lazily from a SearchResult."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._posts: list[PostMatches] = []

    def set_posts(self, posts: list[PostMatches]) -> None:
        """Show these posts (one reset: O(1) however many matches)."""
        self.beginResetModel()
        self._posts = posts
        self.endResetModel()

    def index(self, row: int, column: int, parent: _ModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, 0) if row < len(self._posts) else QModelIndex()
        if parent.internalId() != 0:
            return QModelIndex()
        if row >= len(self._posts[parent.row()].matches):
            return QModelIndex()
        # A match row keeps its post's row + 1 as its id; post rows have id 0.
        return self.createIndex(row, 0, parent.row() + 1)

    def parent(  # type: ignore[override]
        self,
        index: _ModelIndex = QModelIndex(),  # noqa: B008
    ) -> QModelIndex:
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._posts)
        if parent.internalId() == 0:
            return len(self._posts[parent.row()].matches)
        return 0

    def hasChildren(self, parent: _ModelIndex = QModelIndex()) -> bool:  # noqa: B008
        # The view asks this of every post row when laid out: keep it one cheap call.
        return not parent.isValid() or parent.internalId() == 0

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 1

    def entry(self, index: _ModelIndex) -> tuple[PostMatches, SearchMatch | None]:
        """The post of a row and, for a match row, the match."""
        if index.internalId() == 0:
            return self._posts[index.row()], None
        post = self._posts[index.internalId() - 1]
        return post, post.matches[index.row()]

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        post, match = self.entry(index)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if match is None:
                count = len(post.matches)
                title = post.title or Path(post.rel_path).name
                return f"{title} ({count}) — {post.rel_path}"
            return f"{match.line}: {match.context.strip()}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return post.rel_path if match is None else f"{post.rel_path}:{match.line}"
        if role == Qt.ItemDataRole.FontRole and match is None:
            font = QFont()
            font.setBold(True)
            return font
        if role == MATCH_ROLE:
            return match
        return None


class _MatchDelegate(QStyledItemDelegate):
    """Draws a match row as its line number and context, the match highlighted."""

    def _document(self, option: QStyleOptionViewItem, match: SearchMatch) -> QTextDocument:
        text = match.context
        before = html.escape(text[: match.context_start].lstrip())
        hit = html.escape(text[match.context_start : match.context_end])
        after = html.escape(text[match.context_end :].rstrip())
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(1)
        muted = option.palette.color(QPalette.ColorRole.PlaceholderText).name()
        doc.setHtml(
            f'<span style="color:{muted}">'
            f"{match.line}</span>&nbsp;&nbsp;{before}"
            f'<span style="background:#ffd75e;color:#000">{hit}</span>{after}'
        )
        return doc

    def paint(self, painter, option, index) -> None:
        match = index.data(MATCH_ROLE)
        if match is None:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        option.text = ""
        style = option.widget.style() if option.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        doc = self._document(option, match)
        context = QAbstractTextDocumentLayout.PaintContext()
        if option.state & QStyle.StateFlag.State_Selected:
            role = QPalette.ColorRole.HighlightedText
        else:
            role = QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        painter.save()
        painter.translate(option.rect.topLeft())
        painter.setClipRect(QRectF(0, 0, option.rect.width(), option.rect.height()))
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), max(size.height(), option.fontMetrics.height() + 4))


class _ProgressRelay(QObject):
    """Lives on the GUI thread; the worker's progress is queued to it."""

    progressed = Signal(int, int, int)  # (generation, done, total)


class SearchPanel(QWidget):
    """The Search pane: type, and the matches of every post show, grouped by post."""

    matchActivated = Signal(Path, int, int, int)  # path, 1-based line, start16, end16
    finished = Signal(object)  # the SearchResult shown

    def __init__(
        self,
        tasks: TaskRunner,
        entries: Callable[[], list[PostEntry]],
        unsaved: Callable[[], dict[Path, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._entries = entries
        self._unsaved = unsaved
        self._generation = 0
        self._stop_current: Callable[[], None] = lambda: None
        self._relay = _ProgressRelay(self)
        self._relay.progressed.connect(self._on_progress)

        self.query = QLineEdit()
        self.query.setPlaceholderText("Search in all posts")
        self.query.setAccessibleName("Search text")
        self.query.setClearButtonEnabled(True)
        self.regex = self._toggle(".*", "Regex", "Use a regular expression (Python syntax)")
        self.match_case = self._toggle("Aa", "Match case", "Match upper and lower case exactly")
        self.whole_word = self._toggle(
            "W", "Whole word", "Match whole words (Latin words; CJK text matches as written)"
        )
        self.status = QLabel()
        self.status.setAccessibleName("Search status")
        self.status.setWordWrap(True)
        self.model = SearchResultsModel(self)
        self.results = QTreeView()
        self.results.setAccessibleName("Search results")
        self.results.setHeaderHidden(True)
        self.results.setUniformRowHeights(True)
        self.results.setModel(self.model)
        self.results.setItemDelegate(_MatchDelegate(self.results))

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.query, 1)
        for button in (self.regex, self.match_case, self.whole_word):
            row.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search)
        self.query.textChanged.connect(self._timer.start)
        self.query.returnPressed.connect(self.search)
        for button in (self.regex, self.match_case, self.whole_word):
            button.toggled.connect(self.search)
        self.results.clicked.connect(self._activate)
        self.results.activated.connect(self._activate)

    def _toggle(self, text: str, name: str, tip: str) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setCheckable(True)
        button.setToolTip(tip)
        button.setAccessibleName(name)
        return button

    # -- searching ------------------------------------------------------------------------

    def focus_query(self) -> None:
        """Put the cursor in the query field, its text selected (Ctrl+Shift+F)."""
        self.query.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.query.selectAll()

    def current_query(self) -> SearchQuery:
        """The query as the field and toggles state it."""
        return SearchQuery(
            self.query.text(),
            regex=self.regex.isChecked(),
            match_case=self.match_case.isChecked(),
            whole_word=self.whole_word.isChecked(),
        )

    def search(self) -> None:
        """Search now for the current query; an older search still running is dropped."""
        self._timer.stop()
        self.stop()
        self._generation += 1
        generation = self._generation
        query = self.current_query()
        if not query.text:
            self.model.set_posts([])
            self.status.setText("")
            return
        entries, unsaved = self._entries(), self._unsaved()

        def progress(done: int, total: int) -> None:
            self._relay.progressed.emit(generation, done, total)

        if query.regex:
            # A regex may backtrack for ever, holding the GIL: it runs where it can be killed.
            isolated = IsolatedSearch()
            self._stop_current = isolated.cancel

            def work() -> SearchResult:
                return isolated.run(query, entries, unsaved, MATCH_CAP, progress)
        else:
            cancelled = threading.Event()
            self._stop_current = cancelled.set

            def work() -> SearchResult:
                return search_posts(query, entries, unsaved, MATCH_CAP, progress, cancelled.is_set)

        self.status.setText(f"Searching {len(entries):,} posts…")
        self._tasks.run(
            work,
            lambda result: self._on_done(generation, result),
            lambda exc: self._on_failed(generation, exc),
            owner=self,
        )

    def stop(self) -> None:
        """Stop the running search, if any (its result will be dropped)."""
        self._stop_current()
        self._stop_current = lambda: None

    def _on_progress(self, generation: int, done: int, total: int) -> None:
        if generation == self._generation and done < total:
            self.status.setText(f"Searching… {done:,} of {total:,} posts")

    def _on_failed(self, generation: int, exc: Exception) -> None:
        if generation == self._generation:
            self.status.setText(f"The search failed: {exc}")

    def _on_done(self, generation: int, result: SearchResult) -> None:
        if generation != self._generation or result.cancelled:
            return  # an older query's answer
        self._stop_current = lambda: None
        self.model.set_posts(result.posts)
        # Expanding is a Python call per row: the first posts open, the rest on a click.
        for row in range(min(EXPANDED_POSTS, len(result.posts))):
            self.results.expand(self.model.index(row, 0))
        self.status.setText(_status_text(result))
        self.status.setToolTip("\n".join(result.unreadable[:20]))
        self.finished.emit(result)

    # -- opening a match ------------------------------------------------------------------

    def _activate(self, index: QModelIndex) -> None:
        post, match = self.model.entry(index)
        if match is None:
            match = post.matches[0]
        self.matchActivated.emit(post.path, match.line, match.start16, match.end16)


def _plural(count: int, word: str, words: str) -> str:
    return f"{count:,} {word if count == 1 else words}"


def _status_text(result: SearchResult) -> str:
    """One line on how a search ended."""
    if result.error is not None:
        return result.error
    posts = _plural(len(result.posts), "post", "posts")
    if result.capped:
        text = f"stopped at {result.total:,} matches (in {posts})"
    elif result.total == 0:
        text = f"No matches in {_plural(result.searched, 'post', 'posts')}"
    else:
        text = f"{_plural(result.total, 'match', 'matches')} in {posts}"
    if result.unreadable:
        text += f"; {_plural(len(result.unreadable), 'file', 'files')} could not be read"
    return text
