"""The Tags dock: every tag with the number of posts (families) using it, and a tag's posts."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelection,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from editor.core.workspace import PostEntry
from editor.core.workspace.families import Family, group_families
from editor.core.workspace.family_tags import FamilyTags, family_tags
from editor.ui.tasks import TaskRunner

_Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole
ALL_LANGUAGES = "All languages"


@dataclass(frozen=True)
class _Row:
    cells: tuple[str, ...]
    keys: tuple[Any, ...]  # what each column sorts by
    payload: Any


class _RowsModel(QAbstractTableModel):
    """A plain table of rows: thousands of tags cost a list, not thousands of items."""

    def __init__(self, headers: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._rows: list[_Row] = []

    def set_rows(self, rows: list[_Row]) -> None:
        """Replace every row."""
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def payload(self, row: int) -> Any:
        """What row stands for (a tag, a family)."""
        return self._rows[row].payload

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.cells[index.column()]
        if role == SORT_ROLE:
            return row.keys[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.cells[0]
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None


def _view(name: str, model: QSortFilterProxyModel) -> QTreeView:
    view = QTreeView()
    view.setAccessibleName(name)
    view.setRootIsDecorated(False)
    view.setUniformRowHeights(True)
    view.setSortingEnabled(True)
    view.setAlternatingRowColors(True)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setModel(model)
    header = view.header()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column in range(1, model.columnCount()):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    return view


def _proxy(model: _RowsModel, parent: QObject) -> QSortFilterProxyModel:
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    proxy.setFilterKeyColumn(0)
    return proxy


class TagBrowser(QWidget):
    """Tags with their family counts (filter, language, sort); a tag lists its posts."""

    postActivated = Signal(Path)  # open this post
    refreshed = Signal()  # new counts are shown

    def __init__(
        self,
        tasks: TaskRunner,
        entries: Callable[[], list[PostEntry]],
        languages: Callable[[], Sequence[str]],
        open_entry: Callable[[], PostEntry | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._entries = entries
        self._languages = languages
        self._open_entry = open_entry
        self._generation = 0
        self._stale = True
        self._lang_chosen = False  # the writer picked a language: stop following the post
        self._tags = family_tags(())

        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter tags")
        self.filter.setAccessibleName("Filter tags")
        self.filter.setClearButtonEnabled(True)
        self.language = QComboBox()
        self.language.setAccessibleName("Tags of language")
        self.language.setToolTip("Count the tags of one language's posts, or of all")
        self.language.addItem(ALL_LANGUAGES, None)
        self.status = QLabel()
        self.status.setAccessibleName("Tags status")
        self.tag_model = _RowsModel(["Tag", "Posts"], self)
        self.tag_proxy = _proxy(self.tag_model, self)
        self.tag_list = _view("Tags", self.tag_proxy)
        self.tag_list.sortByColumn(1, Qt.SortOrder.DescendingOrder)
        self.post_model = _RowsModel(["Post", "Languages", "Date"], self)
        self.post_proxy = _proxy(self.post_model, self)
        self.post_list = _view("Posts with the tag", self.post_proxy)
        self.post_list.sortByColumn(2, Qt.SortOrder.DescendingOrder)

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.filter, 1)
        row.addWidget(self.language)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.tag_list)
        splitter.addWidget(self.post_list)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(splitter, 1)

        self.filter.textChanged.connect(self.tag_proxy.setFilterFixedString)
        self.filter.textChanged.connect(lambda _text: self._update_status())
        self.language.activated.connect(self._language_chosen)
        self.tag_list.selectionModel().selectionChanged.connect(self._tag_selected)
        self.post_list.clicked.connect(self._open)
        self.post_list.activated.connect(self._open)

    # -- what the window calls ------------------------------------------------------------

    def refresh(self) -> None:
        """Recount the tags off the UI thread (later, when the dock is hidden)."""
        self._stale = True
        if not self.isVisible():
            return
        self._stale = False
        self._generation += 1
        generation = self._generation
        entries, languages = self._entries(), tuple(self._languages())

        def work() -> tuple[tuple[str, ...], FamilyTags]:
            families = group_families(entries, languages)
            return families.languages, family_tags(families.families)

        self._tasks.run(work, lambda result: self._on_counted(generation, result), owner=self)

    def follow_open_post(self) -> None:
        """Show the open post's language's tags, unless the writer chose a language."""
        if self._lang_chosen:
            return
        entry = self._open_entry()
        lang = entry.lang if entry is not None else None
        found = self.language.findData(lang) if lang is not None else -1
        if found >= 0 and found != self.language.currentIndex():
            self.language.setCurrentIndex(found)
            self._show_tags()

    def selected_language(self) -> str | None:
        """The language whose tags are counted; None: all."""
        data = self.language.currentData()
        return data if isinstance(data, str) else None

    def focus_filter(self) -> None:
        """Put the cursor in the filter field."""
        self.filter.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter.selectAll()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    # -- showing ----------------------------------------------------------------------------

    def _on_counted(self, generation: int, result: tuple[tuple[str, ...], FamilyTags]) -> None:
        if generation != self._generation:
            return  # an older index's counts
        languages, self._tags = result
        chosen = self.selected_language()
        self.language.clear()
        self.language.addItem(ALL_LANGUAGES, None)
        for lang in languages:
            self.language.addItem(lang, lang)
        found = self.language.findData(chosen) if chosen is not None else -1
        self.language.setCurrentIndex(max(found, 0))
        self.follow_open_post()
        self._show_tags()
        self.refreshed.emit()

    def _language_chosen(self, _index: int) -> None:
        self._lang_chosen = True
        self._show_tags()

    def _show_tags(self) -> None:
        current = self._current_tag()
        counts = self._tags.counts(self.selected_language())
        self.tag_model.set_rows(
            [_Row((tag, str(n)), (tag.casefold(), n), tag) for tag, n in counts.items()]
        )
        self.tag_proxy.sort(self.tag_list.header().sortIndicatorSection(), self._tag_order())
        self._update_status()
        if current is not None:
            self.select_tag(current)
        else:
            self.post_model.set_rows([])

    def _tag_order(self) -> Qt.SortOrder:
        return self.tag_list.header().sortIndicatorOrder()

    def _update_status(self) -> None:
        shown, total = self.tag_proxy.rowCount(), self.tag_model.rowCount()
        tags = f"{total:,} tags" if shown == total else f"{shown:,} of {total:,} tags"
        self.status.setText(f"{tags} · a post counts once in all its languages")

    def select_tag(self, tag: str) -> bool:
        """Select tag in the list (and list its posts); False when it is not shown."""
        for row in range(self.tag_proxy.rowCount()):
            index = self.tag_proxy.index(row, 0)
            if index.data() == tag:
                self.tag_list.setCurrentIndex(index)
                self.tag_list.scrollTo(index)
                return True
        self.post_model.set_rows([])
        return False

    def _current_tag(self) -> str | None:
        index = self.tag_list.currentIndex()
        if not index.isValid():
            return None
        source = self.tag_proxy.mapToSource(index)
        tag = self.tag_model.payload(source.row())
        return tag if isinstance(tag, str) else None

    def _tag_selected(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        tag = self._current_tag()
        lang = self.selected_language()
        families = self._tags.posts(tag, lang) if tag is not None else []
        prefer = self._preferred_languages()
        rows = []
        for family in families:
            post = self._post_of(family)
            date = (post.date or "") if post is not None else ""
            title, languages = family.title(prefer), " ".join(family.languages)
            cells = (title, languages, date[:10])
            rows.append(_Row(cells, (title.casefold(), languages, date), family))
        self.post_model.set_rows(rows)
        header = self.post_list.header()
        self.post_proxy.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())

    def _preferred_languages(self) -> list[str | None]:
        entry = self._open_entry()
        return [self.selected_language(), entry.lang if entry is not None else None]

    def _post_of(self, family: Family) -> PostEntry | None:
        """The family's post to open: in the chosen language, else the open post's, else any."""
        for lang in self._preferred_languages():
            post = family.post(lang) if lang is not None else None
            if post is not None:
                return post
        return family.posts[0] if family.posts else None

    def _open(self, index: QModelIndex) -> None:
        family = self.post_model.payload(self.post_proxy.mapToSource(index).row())
        post = self._post_of(family) if isinstance(family, Family) else None
        if post is not None:
            self.postActivated.emit(post.path)
