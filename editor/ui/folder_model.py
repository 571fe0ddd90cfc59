"""The Posts tree's model by folder: the content folders as they are on disk, posts by title."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QStandardItem, QStandardItemModel

from editor.core.workspace import PostEntry
from editor.ui.posts_model import ERROR_ROLE, FILE_ROLE, PATH_ROLE, SORT_ROLE, post_label


class FolderModel(QStandardItemModel):
    """Posts grouped by folder below the content root that holds them."""

    def __init__(self, content_roots: list[Path], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._roots = sorted(content_roots, key=lambda p: len(p.parts), reverse=True)
        self._items: dict[Path, QStandardItem] = {}
        self._folders: dict[tuple[str, ...], QStandardItem] = {}

    def item_for(self, path: Path) -> QStandardItem | None:
        """The row of a post."""
        return self._items.get(path)

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
        item.setText(post_label(entry))
        item.setData(entry.error, ERROR_ROLE)
        tip = f"{entry.rel_path}\n{entry.error}" if entry.error else entry.rel_path
        item.setToolTip(tip)

    def remove(self, path: Path) -> None:
        """Remove a post and any folder it leaves empty."""
        item = self._items.pop(path, None)
        if item is None:
            return
        parent = item.parent() or self.invisibleRootItem()
        parent.removeRow(item.row())
        while parent is not self.invisibleRootItem() and parent.rowCount() == 0:
            key = next((k for k, v in self._folders.items() if v is parent), None)
            if key is not None:
                del self._folders[key]
            grand = parent.parent() or self.invisibleRootItem()
            grand.removeRow(parent.row())
            parent = grand

    def _folder_for(self, path: Path) -> QStandardItem:
        parts: tuple[str, ...] = ()
        for root in self._roots:
            if root in path.parents:
                rel = path.parent.relative_to(root)
                parts = rel.parts
                if len(self._roots) > 1:
                    parts = (root.name, *parts)
                break
        parent = self.invisibleRootItem()
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
