"""The Outline pane: the open post's headings by level; follows the cursor, jumps on click."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QLabel,
    QStackedLayout,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from editor.core.post.outline import Heading, OutlineScanner, heading_at
from editor.ui.tasks import TaskRunner

# The outline need not follow every keystroke: a pause in typing is soon enough, and the
# scan (about 0.2 s on a 3 MB post) then runs once per pause, off the UI thread.
OUTLINE_DELAY_MS = 300

INDEX_ROLE = Qt.ItemDataRole.UserRole + 1
EMPTY_HEADING = "(empty heading)"  # a bare "#" line is still a section the writer can jump to


class OutlinePanel(QWidget):
    """A tree of the open post's headings; emits lineActivated(0-based line) on click or Enter."""

    lineActivated = Signal(int)
    updated = Signal()  # the tree shows the headings of the newest scanned text

    def __init__(
        self,
        tasks: TaskRunner,
        text_of: Callable[[], str],
        cursor_line_of: Callable[[], int],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName("Outline")
        self._tasks = tasks
        self._text_of = text_of
        self._cursor_line_of = cursor_line_of
        self._scanner = OutlineScanner()
        self._headings: list[Heading] = []
        self._items: list[QTreeWidgetItem] = []
        self._generation = 0
        self._cursor_line = 0

        self.tree = QTreeWidget()
        self.tree.setAccessibleName("Headings of the open post")
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setExpandsOnDoubleClick(False)
        self.tree.itemClicked.connect(self._activate)
        self.tree.itemActivated.connect(self._activate)
        self.empty = QLabel("No headings")
        self.empty.setAccessibleName("Outline empty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setEnabled(False)  # drawn greyed: a state, not content
        self._stack = QStackedLayout(self)
        self._stack.addWidget(self.empty)
        self._stack.addWidget(self.tree)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(OUTLINE_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        # The cursor is read once the event that moved it is over: asking the editor for
        # its cursor in the middle of setPlainText disturbs its layout (and the scroll sync).
        self._cursor_timer = QTimer(self)
        self._cursor_timer.setSingleShot(True)
        self._cursor_timer.setInterval(0)
        self._cursor_timer.timeout.connect(lambda: self.follow_line(self._cursor_line_of()))

    # -- input ----------------------------------------------------------------------------

    def schedule(self) -> None:
        """The text changed: scan it again once typing pauses."""
        self._timer.start()

    def refresh(self) -> None:
        """Scan the current text now (off the UI thread); older scans still running are dropped."""
        self._timer.stop()
        self._generation += 1
        generation = self._generation
        text = self._text_of()
        scanner = self._scanner
        self._tasks.run(
            lambda: (generation, scanner.headings(text)),
            self._on_scanned,
            owner=self,
        )

    def clear(self) -> None:
        """No post is open: drop the headings (and any scan still running)."""
        self._timer.stop()
        self._generation += 1
        self.show_headings([])

    def cursor_moved(self) -> None:
        """The editor's cursor moved: highlight its section once this event is handled."""
        self._cursor_timer.start()

    def follow_line(self, line: int) -> None:
        """Highlight the heading whose section holds this 0-based line of the editor."""
        self._cursor_line = line
        index = heading_at(self._headings, line)
        current = self.tree.currentItem()
        if index is None:
            if current is not None:
                self.tree.setCurrentIndex(QModelIndex())
                self.tree.clearSelection()
            return
        item = self._items[index]
        if item is not current:
            self.tree.setCurrentItem(item)
            self.tree.scrollToItem(item)

    # -- output ---------------------------------------------------------------------------

    def headings(self) -> list[Heading]:
        """The headings the tree shows, in document order."""
        return list(self._headings)

    def item_for(self, index: int) -> QTreeWidgetItem:
        """The tree item of the index-th heading."""
        return self._items[index]

    def show_headings(self, headings: list[Heading]) -> None:
        """Show these headings: in place when only texts or lines changed, else a new tree."""
        same_shape = [h.level for h in headings] == [h.level for h in self._headings]
        if same_shape:
            # Typing in a heading or above one changes texts and lines, not the tree: a
            # post with thousands of headings keeps its items, expansion and scroll.
            for item, old, new in zip(self._items, self._headings, headings, strict=True):
                if old.text != new.text:
                    item.setText(0, new.text or EMPTY_HEADING)
            self._headings = headings
        else:
            self._rebuild(headings)
        self._stack.setCurrentWidget(self.tree if headings else self.empty)
        self.follow_line(self._cursor_line)
        self.updated.emit()

    def _on_scanned(self, result: tuple[int, list[Heading]]) -> None:
        generation, headings = result
        if generation != self._generation:
            return  # an older text's outline: a newer scan is on its way
        self.show_headings(headings)

    def _rebuild(self, headings: list[Heading]) -> None:
        # The headings before the first changed level keep their items, expanded and in
        # place: a heading typed near the end of a long post rebuilds only the items after it.
        keep = 0
        for old, new in zip(self._headings, headings, strict=False):
            if old.level != new.level:
                break
            keep += 1
        parents, kept_tops = _open_ancestors([h.level for h in headings[:keep]])
        self.tree.setUpdatesEnabled(False)
        try:
            self.tree.setCurrentIndex(QModelIndex())
            root = self.tree.invisibleRootItem()
            if root.childCount() - kept_tops > 64:
                # takeChildren detaches all items in one call; removing thousands one by one
                # costs a model signal each (clear() took most of a second at 8,000).
                root.takeChildren()
                kept_tops = 0
            while root.childCount() > kept_tops:
                root.takeChild(root.childCount() - 1)
            for index in range(keep):
                if self._headings[index].text != headings[index].text:
                    self._items[index].setText(0, headings[index].text or EMPTY_HEADING)
            for index in parents:
                # Kept parents lose their children from the first changed heading on (the
                # last children, as items follow document order).
                parent = self._items[index]
                while (last := parent.child(parent.childCount() - 1)) is not None:
                    if last.data(0, INDEX_ROLE) < keep:
                        break
                    parent.takeChild(parent.childCount() - 1)
            stack = [(headings[index].level, self._items[index]) for index in parents]
            top_level = self._detached_tops(keep) if not kept_tops else []
            self._items = self._items[:keep]
            new_parents: list[QTreeWidgetItem] = []
            for index in range(keep, len(headings)):
                heading = headings[index]
                while stack and stack[-1][0] >= heading.level:
                    stack.pop()
                item = QTreeWidgetItem([heading.text or EMPTY_HEADING])
                item.setData(0, INDEX_ROLE, index)
                if stack:
                    if stack[-1][1].childCount() == 0:
                        new_parents.append(stack[-1][1])
                    stack[-1][1].addChild(item)
                else:
                    top_level.append(item)
                stack.append((heading.level, item))
                self._items.append(item)
            self.tree.addTopLevelItems(top_level)
            if len(new_parents) > 64:
                self.tree.expandAll()
            else:
                for parent in new_parents:
                    parent.setExpanded(True)
            self._headings = headings
        finally:
            self.tree.setUpdatesEnabled(True)

    def _detached_tops(self, keep: int) -> list[QTreeWidgetItem]:
        """The kept items that are top-level: no heading above them has a lower level."""
        tops: list[QTreeWidgetItem] = []
        lowest = 7
        for index in range(keep):
            level = self._headings[index].level
            if level <= lowest:
                tops.append(self._items[index])
                lowest = level
        return tops

    def _activate(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        index = item.data(0, INDEX_ROLE)
        if isinstance(index, int) and 0 <= index < len(self._headings):
            self.lineActivated.emit(self._headings[index].line)

    def visible_texts(self) -> list[str]:
        """Every heading text the tree shows, depth first (for tests and screen readers)."""
        texts: list[str] = []

        def walk(item: QTreeWidgetItem | None) -> None:
            if item is None:
                return
            texts.append(item.text(0))
            for child in range(item.childCount()):
                walk(item.child(child))

        for top in range(self.tree.topLevelItemCount()):
            walk(self.tree.topLevelItem(top))
        return texts


def _open_ancestors(levels: list[int]) -> tuple[list[int], int]:
    """Indexes of the headings still open after these levels (outermost first), and how many
    of them are top-level items."""
    stack: list[int] = []
    tops = 0
    lowest = 7
    for index, level in enumerate(levels):
        while stack and levels[stack[-1]] >= level:
            stack.pop()
        stack.append(index)
        if level <= lowest:
            tops += 1
            lowest = level
    return stack, tops
