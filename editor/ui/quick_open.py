"""Quick open (Ctrl+P): type part of a title or slug, pick a post, open it."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGraphicsDropShadowEffect,
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from editor.core.workspace import PostEntry
from editor.core.workspace.quick_open import QuickOpenCatalog, QuickOpenMatch
from editor.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

MATCH_ROLE = Qt.ItemDataRole.UserRole + 1
RESULT_LIMIT = 200
_MARK = QColor("#1668dc")
_DIM = QColor("#6b7280")


class QuickOpenSearch(QObject):
    """Runs quick-open queries in the task runner, newest first, one at a time.

    The catalog of search keys is built in the worker too, once per version of the index;
    a result for a query that is no longer the newest is dropped.
    """

    results = Signal(str, object)  # (query, [QuickOpenMatch]) for the newest query
    counted = Signal(int)  # how many posts the catalog that answered holds

    def __init__(
        self,
        tasks: TaskRunner,
        entries: Callable[[], list[PostEntry]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._entries = entries
        self._catalog: QuickOpenCatalog | None = None
        self._version = 0  # of the index; the catalog is current when built from this one
        self._catalog_version = -1
        self._query = ""
        self._lang: str | None = None
        self._seq = 0
        self._running = False

    def invalidate(self) -> None:
        """The index changed: the next query builds the catalog again (reusing what it can)."""
        self._version += 1

    def request(self, query: str, current_lang: str | None) -> None:
        """Search for query; `results` follows unless a newer request comes first."""
        self._query, self._lang = query, current_lang
        self._seq += 1
        self._run()

    def _run(self) -> None:
        if self._running:
            return  # the newest request runs when the one in the worker is done
        seq, query, lang, version = self._seq, self._query, self._lang, self._version
        catalog = self._catalog
        # The entries are read here, on the GUI thread that owns the index; the worker only
        # reads the frozen entries of this snapshot.
        entries = self._entries() if self._catalog_version != version else None

        def work() -> tuple[QuickOpenCatalog, list[QuickOpenMatch]]:
            current = catalog
            if entries is not None or current is None:
                current = QuickOpenCatalog(entries or [], previous=catalog)
            return current, current.search(query, lang, RESULT_LIMIT)

        self._running = True
        self._tasks.run(
            work,
            lambda result: self._on_done(seq, version, query, result),
            self._on_failed,
            owner=self,
        )

    def _on_done(
        self,
        seq: int,
        version: int,
        query: str,
        result: tuple[QuickOpenCatalog, list[QuickOpenMatch]],
    ) -> None:
        self._running = False
        catalog, matches = result
        self._catalog, self._catalog_version = catalog, version
        if seq == self._seq and version == self._version:
            self.counted.emit(len(catalog))
            self.results.emit(query, matches)
        else:
            self._run()  # stale: answer the newest request instead

    def _on_failed(self, exc: Exception) -> None:
        self._running = False
        log.error("Quick open failed", exc_info=exc)


class QuickOpenModel(QAbstractListModel):
    """The matches of the newest query, best first."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._matches: list[QuickOpenMatch] = []

    def set_matches(self, matches: list[QuickOpenMatch]) -> None:
        """Show these matches instead of the previous ones."""
        self.beginResetModel()
        self._matches = matches
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._matches)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._matches):
            return None
        match = self._matches[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return match.title
        if role == Qt.ItemDataRole.AccessibleTextRole:
            lang = f", {match.entry.lang}" if match.entry.lang else ""
            return f"{match.title}{lang}, {match.entry.rel_path}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(match.entry.path)
        if role == MATCH_ROLE:
            return match
        return None


def _runs(text: str, hits: tuple[int, ...]) -> list[tuple[str, bool]]:
    """text cut into (piece, marked) runs: the matched characters and the ones between."""
    marked = set(hits)
    runs: list[tuple[str, bool]] = []
    for i, char in enumerate(text):
        flag = i in marked
        if runs and runs[-1][1] == flag:
            runs[-1] = (runs[-1][0] + char, flag)
        else:
            runs.append((char, flag))
    return runs


def _draw_marked(
    painter: QPainter,
    rect: QRect,
    runs: list[tuple[str, bool]],
    font: QFont,
    color: QColor,
    mark: QColor,
) -> int:
    """Draw runs left to right in rect, marked ones bold in mark; elide at the right edge."""
    bold = QFont(font)
    bold.setBold(True)
    x = rect.left()
    for piece, marked in runs:
        run_font = bold if marked else font
        metrics = QFontMetrics(run_font)
        width = metrics.horizontalAdvance(piece)
        room = rect.right() - x
        if width > room:
            piece = metrics.elidedText(piece, Qt.TextElideMode.ElideRight, max(room, 0))
            width = metrics.horizontalAdvance(piece)
        painter.setFont(run_font)
        painter.setPen(mark if marked else color)
        painter.drawText(
            QRect(x, rect.top(), width + 1, rect.height()),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
            piece,
        )
        x += width
        if x >= rect.right():
            break
    return x


class QuickOpenDelegate(QStyledItemDelegate):
    """A match as its title over its language, slug and path, matched characters marked."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        size.setHeight(int(option.fontMetrics.height() * 2.5))
        return size

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        match = index.data(MATCH_ROLE)
        if not isinstance(match, QuickOpenMatch):
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        option.text = ""
        widget = option.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        text = (
            option.palette.highlightedText().color() if selected else option.palette.text().color()
        )
        mark = text if selected else _MARK
        dim = text if selected else _DIM
        rect = option.rect.adjusted(8, 2, -8, -2)
        half = rect.height() // 2
        painter.save()
        top = QRect(rect.left(), rect.top(), rect.width(), half)
        _draw_marked(painter, top, _runs(match.title, match.title_hits), option.font, text, mark)
        small = QFont(option.font)
        small.setPointSizeF(max(6.0, option.font.pointSizeF() * 0.85))
        bottom = QRect(rect.left(), rect.top() + half, rect.width(), rect.height() - half)
        entry = match.entry
        runs = [(f"{entry.lang.upper()}  ", False)] if entry.lang else []
        runs += _runs(entry.slug, match.slug_hits)
        x = _draw_marked(painter, bottom, runs, small, dim, mark)
        rest = QRect(x, bottom.top(), bottom.right() - x, bottom.height())
        if rest.width() > 0:
            _draw_marked(painter, rest, [(f"   {entry.rel_path}", False)], small, dim, mark)
        painter.restore()


class QuickOpenDialog(QFrame):
    """A query field over the matching posts, floating over the top of the window.

    A child of the window rather than a popup window: a Qt popup closes whenever another
    top-level widget is shown or hidden, which the window does while a workspace loads.
    Enter opens the chosen post; Esc, or focus moving elsewhere, hides it.
    """

    postChosen = Signal(Path)

    def __init__(
        self,
        tasks: TaskRunner,
        entries: Callable[[], list[PostEntry]],
        current: Callable[[], PostEntry | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._current = current
        self.search = QuickOpenSearch(tasks, entries, self)
        self.setObjectName("quickOpen")
        self.setAccessibleName("Quick open")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        shadow = QGraphicsDropShadowEffect(self)
        shadow.setBlurRadius(24)
        shadow.setOffset(0, 4)
        shadow.setColor(QColor(0, 0, 0, 90))
        self.setGraphicsEffect(shadow)
        self.hide()
        self.query = QLineEdit()
        self.query.setAccessibleName("Quick open query")
        self.query.setPlaceholderText("Go to a post by title or slug, in any language")
        self.query.setClearButtonEnabled(True)
        self.results = QListView()
        self.results.setAccessibleName("Quick open results")
        self.results.setUniformItemSizes(True)
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.model = QuickOpenModel(self)
        self.results.setModel(self.model)
        self.results.setItemDelegate(QuickOpenDelegate(self.results))
        self.status = QLabel()
        self.status.setAccessibleName("Quick open status")
        self.status.setStyleSheet("color: #6b7280;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 6)
        layout.setSpacing(6)
        layout.addWidget(self.query)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.status)
        self._total = 0

        self.query.textChanged.connect(self._ask)
        self.query.installEventFilter(self)
        self.results.activated.connect(self._choose)
        self.results.clicked.connect(self._choose)
        self.search.counted.connect(self._set_total)
        self.search.results.connect(self._show)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
        if parent is not None:
            parent.installEventFilter(self)  # to follow the window's size

    # -- what the window calls ------------------------------------------------------------

    def popup(self) -> None:
        """Show over the top of the parent window, the last query selected for retyping."""
        self.search.invalidate()  # the workspace may have changed since the last time
        self._place()
        self.show()
        self.raise_()
        self.query.setFocus()
        self.query.selectAll()
        self._ask()

    def refresh(self) -> None:
        """The index changed: search again if the popup shows."""
        self.search.invalidate()
        if self.isVisible():
            self._ask()

    # -- behaviour --------------------------------------------------------------------------

    def _place(self) -> None:
        parent = self.parentWidget()
        if parent is None:
            return
        width = min(760, max(420, int(parent.width() * 0.55)))
        height = min(520, max(240, int(parent.height() * 0.6)))
        self.setGeometry((parent.width() - width) // 2, 44, width, height)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if self.isVisible() and new is not None and not self.isAncestorOf(new):
            self.hide()

    def _ask(self) -> None:
        entry = self._current()
        self.search.request(self.query.text(), entry.lang if entry is not None else None)

    def _set_total(self, total: int) -> None:
        self._total = total

    def _show(self, query: str, matches: list[QuickOpenMatch]) -> None:
        self.model.set_matches(matches)
        if matches:
            self.results.setCurrentIndex(self.model.index(0))
        if self._total == 0:
            self.status.setText("No posts known yet")
        elif not query.strip():
            self.status.setText(f"{self._total} posts, newest first")
        elif not matches:
            self.status.setText(f"No post matches “{query.strip()}”")
        else:
            more = "+" if len(matches) >= RESULT_LIMIT else ""
            self.status.setText(f"{len(matches)}{more} of {self._total} posts")

    def _choose(self, index: QModelIndex) -> None:
        match = index.data(MATCH_ROLE)
        if isinstance(match, QuickOpenMatch):
            # Hidden first: opening may ask about unsaved edits in a dialog of its own.
            self.hide()
            self.postChosen.emit(match.entry.path)

    def _move(self, step: int) -> None:
        rows = self.model.rowCount()
        if rows == 0:
            return
        row = self.results.currentIndex().row()
        row = max(0, min(rows - 1, (row if row >= 0 else -1) + step))
        self.results.setCurrentIndex(self.model.index(row))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            if self.isVisible():
                self._place()
            return False
        if watched is self.query and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            page = max(1, self.results.viewport().height() // max(1, self._row_height()))
            steps = {
                Qt.Key.Key_Down: 1,
                Qt.Key.Key_Up: -1,
                Qt.Key.Key_PageDown: page,
                Qt.Key.Key_PageUp: -page,
            }
            key = Qt.Key(event.key())
            if key in steps:
                self._move(steps[key])
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._choose(self.results.currentIndex())
                return True
            if key == Qt.Key.Key_Escape:
                self.hide()
                return True
        return super().eventFilter(watched, event)

    def _row_height(self) -> int:
        return self.results.sizeHintForRow(0) if self.model.rowCount() else 1
