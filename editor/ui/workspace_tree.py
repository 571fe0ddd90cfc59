"""The Posts tree: the workspace's posts by folder, shown by title with their file names."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTreeView, QWidget

from editor.core.workspace import PostEntry

PATH_ROLE = Qt.ItemDataRole.UserRole + 1
FILE_ROLE = Qt.ItemDataRole.UserRole + 2
ERROR_ROLE = Qt.ItemDataRole.UserRole + 3
SORT_ROLE = Qt.ItemDataRole.UserRole + 4


class PostDelegate(QStyledItemDelegate):
    """Draws a post as its title over its file name; folders as plain rows."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        if index.data(FILE_ROLE):
            size.setHeight(int(option.fontMetrics.height() * 2.3))
        return size

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        file_name = index.data(FILE_ROLE)
        if not file_name:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        title = option.text
        option.text = ""
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        rect: QRect = option.rect.adjusted(6, 2, -4, -2)
        half = rect.height() // 2
        painter.save()
        title_font = QFont(option.font)
        painter.setFont(title_font)
        color = (
            option.palette.highlightedText().color() if selected else option.palette.text().color()
        )
        if index.data(ERROR_ROLE):
            color = QColor("#c41d7f") if not selected else color
        painter.setPen(color)
        top = QRect(rect.left(), rect.top(), rect.width(), half)
        elided = option.fontMetrics.elidedText(title, Qt.TextElideMode.ElideRight, top.width())
        painter.drawText(top, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, elided)
        small = QFont(option.font)
        small.setPointSizeF(max(6.0, option.font.pointSizeF() * 0.85))
        painter.setFont(small)
        painter.setPen(color if selected else QColor("#6b7280"))
        bottom = QRect(rect.left(), rect.top() + half, rect.width(), rect.height() - half)
        painter.drawText(
            bottom, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, file_name
        )
        painter.restore()


class WorkspaceTree(QTreeView):
    """Lists posts under the content folders; a click asks to open one."""

    postActivated = Signal(Path)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = QStandardItemModel(self)
        self.setModel(self._model)
        self.setHeaderHidden(True)
        self.setItemDelegate(PostDelegate(self))
        self.setUniformRowHeights(False)
        self.setAccessibleName("Posts")
        self.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)
        self._roots: list[Path] = []
        self._items: dict[Path, QStandardItem] = {}
        self._folders: dict[tuple[str, ...], QStandardItem] = {}
        self.clicked.connect(self._activated)
        self.activated.connect(self._activated)

    # -- content --------------------------------------------------------------------------

    def set_entries(self, content_roots: list[Path], entries: list[PostEntry]) -> None:
        """Show these posts, grouped by folder below the content root that holds them."""
        # A new model rather than clear(): clearing one whose items Python still wraps
        # crashed PySide6 when a second workspace opened in the window.
        self._items.clear()
        self._folders.clear()
        old, self._model = self._model, QStandardItemModel(self)
        self.setModel(self._model)
        old.deleteLater()
        self._roots = sorted(content_roots, key=lambda p: len(p.parts), reverse=True)
        for entry in entries:
            self.upsert(entry)
        self.expandToDepth(1)

    def upsert(self, entry: PostEntry) -> None:
        """Add a post, or refresh its title when it is already shown."""
        item = self._items.get(entry.path)
        if item is None:
            parent = self._folder_for(entry.path)
            item = QStandardItem()
            item.setData(str(entry.path), PATH_ROLE)
            item.setData(entry.path.name, FILE_ROLE)
            self._insert_sorted(parent, item, entry.path.name, folder=False)
            self._items[entry.path] = item
        title = entry.title.strip() if entry.title and entry.title.strip() else entry.path.stem
        item.setText(title)
        item.setData(entry.error, ERROR_ROLE)
        tip = f"{entry.rel_path}\n{entry.error}" if entry.error else entry.rel_path
        item.setToolTip(tip)

    def remove(self, path: Path) -> None:
        """Remove a post and any folder it leaves empty."""
        item = self._items.pop(path, None)
        if item is None:
            return
        parent = item.parent() or self._model.invisibleRootItem()
        parent.removeRow(item.row())
        while parent is not self._model.invisibleRootItem() and parent.rowCount() == 0:
            key = next((k for k, v in self._folders.items() if v is parent), None)
            if key is not None:
                del self._folders[key]
            grand = parent.parent() or self._model.invisibleRootItem()
            grand.removeRow(parent.row())
            parent = grand

    def select_path(self, path: Path) -> None:
        """Highlight the open post."""
        item = self._items.get(path)
        if item is not None:
            index = item.index()
            self.setCurrentIndex(index)
            self.scrollTo(index)

    # -- internals ------------------------------------------------------------------------

    def _folder_for(self, path: Path) -> QStandardItem:
        parts: tuple[str, ...] = ()
        for root in self._roots:
            if root in path.parents:
                rel = path.parent.relative_to(root)
                parts = rel.parts
                if len(self._roots) > 1:
                    parts = (root.name, *parts)
                break
        parent = self._model.invisibleRootItem()
        for depth in range(1, len(parts) + 1):
            key = parts[:depth]
            folder = self._folders.get(key)
            if folder is None:
                folder = QStandardItem(parts[depth - 1])
                font = folder.font()
                font.setBold(True)
                folder.setFont(font)
                self._insert_sorted(parent, folder, parts[depth - 1], folder=True)
                self._folders[key] = folder
            parent = folder
        return parent

    @staticmethod
    def _insert_sorted(
        parent: QStandardItem, item: QStandardItem, name: str, *, folder: bool
    ) -> None:
        # Folders first, then files, each by name: the order a file manager shows. Rows are
        # kept sorted, so a binary search finds the place (a folder may hold 20,000 posts).
        key = ("1" if not folder else "0") + name.casefold()
        item.setData(key, SORT_ROLE)
        low, high = 0, parent.rowCount()
        while low < high:
            mid = (low + high) // 2
            if parent.child(mid).data(SORT_ROLE) <= key:
                low = mid + 1
            else:
                high = mid
        parent.insertRow(low, item)

    def _activated(self, index: QModelIndex | QPersistentModelIndex) -> None:
        path = index.data(PATH_ROLE)
        if path:
            self.postActivated.emit(Path(path))
