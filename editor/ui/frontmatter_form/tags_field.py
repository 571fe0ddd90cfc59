"""The tags editor: one chip per tag, an add field that completes from the workspace's tags."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QHideEvent, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QCompleter,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetItem,
)

from editor.core.frontmatter.paths import FieldPath
from editor.core.frontmatter.requests import InsertItem, RemoveItem
from editor.core.post import PostContext
from editor.core.workspace.family_tags import sibling_tags
from editor.core.workspace.tags import similar_tags
from editor.ui.frontmatter_form.base import INVALID_PROPERTY, FieldWidget
from editor.ui.frontmatter_form.completion import CompletionModel
from editor.ui.frontmatter_form.tab_order import order_tab_chain
from editor.ui.frontmatter_form.tag_suggestions import TagSuggestionLine

HINT_STYLE = "color: #ad6800;"
CHIP_STYLE = (
    "QFrame#tagChip { border: 1px solid palette(mid); border-radius: 9px;"
    " background: palette(alternate-base); }"
    "QFrame#tagChip[invalid=true] { border-color: #d4380d; }"
    "QToolButton { border: none; padding: 0 2px; }"
)


class FlowLayout(QLayout):
    """Lays its items out left to right and wraps them to the next line at the width."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 4) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._gap = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def insertWidget(self, index: int, widget: QWidget) -> None:
        """Put widget at index (before the item that is there now)."""
        self.addChildWidget(widget)
        # addChildWidget does not create the item; addWidget would append it.
        self._items.insert(index, QWidgetItem(widget))
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _arrange(self, rect: QRect, move: bool) -> int:
        """Place the items (when move) and return the height they need at rect's width."""
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        x, y, line_height = area.x(), area.y(), 0
        for item in self._items:
            if item.isEmpty():
                continue
            hint = item.sizeHint()
            if x + hint.width() > area.right() + 1 and line_height > 0:
                x, y = area.x(), y + line_height + self._gap
                line_height = 0
            if move:
                width = min(hint.width(), max(area.width(), 0)) or hint.width()
                item.setGeometry(QRect(QPoint(x, y), QSize(width, hint.height())))
            x += hint.width() + self._gap
            line_height = max(line_height, hint.height())
        return y + line_height - rect.y() + margins.bottom()


class TagChip(QFrame):
    """One tag: its name and a × that asks to remove it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tagChip")
        self.setStyleSheet(CHIP_STYLE)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 2, 0)
        layout.setSpacing(2)
        self.label = QLabel()
        self.remove_button = QToolButton()
        self.remove_button.setText("×")
        self.remove_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.remove_button.setAutoRaise(True)
        layout.addWidget(self.label)
        layout.addWidget(self.remove_button)
        self.index = 0

    def show_tag(self, index: int, tag: str) -> None:
        """Show tag as the list's item number index."""
        self.index = index
        self.label.setText(tag)
        self.remove_button.setAccessibleName(f"remove tag {tag}")
        self.remove_button.setToolTip(f"Remove the tag “{tag}”")


class TagsField(FieldWidget):
    """A list of tags as chips; Enter or "," adds the typed tag, × removes one."""

    updates_while_focused = True

    def _build(self) -> None:
        self._tags: list[str] = []
        self._chips: list[TagChip] = []
        self.box = QWidget()
        column = QVBoxLayout(self.box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        self.chips_area = QWidget()
        self.flow = FlowLayout(self.chips_area)
        self.input = QLineEdit()
        self.input.setPlaceholderText("add a tag")
        self.input.setMinimumWidth(120)
        self.label_accessible(self.input, "add tag")
        self.flow.addWidget(self.input)
        self.hint_label = QLabel()
        self.hint_label.setWordWrap(True)
        self.hint_label.setStyleSheet(HINT_STYLE)
        self.label_accessible(self.hint_label, "hint")
        self.hint_label.hide()
        column.addWidget(self.chips_area)
        column.addWidget(self.hint_label)
        self.suggestions = TagSuggestionLine(self.context.add_sibling_tags)
        column.addWidget(self.suggestions)
        self.row.addWidget(self.box)

        self.model = CompletionModel(self)
        self.model.set_rows(_tag_rows(self.context.post))
        self.completer = QCompleter(self.model, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setModelSorting(QCompleter.ModelSorting.UnsortedModel)
        self.completer.setCompletionRole(Qt.ItemDataRole.EditRole)  # the bare tag
        self.input.setCompleter(self.completer)
        # activated is overloaded (text or index); PySide6's stubs cannot index a signal.
        self.completer.activated[str].connect(self._completion_chosen)  # type: ignore[index]
        self.input.returnPressed.connect(self._return_pressed)
        self.input.textEdited.connect(self._text_edited)
        self.input.installEventFilter(self)

    # -- FieldWidget ----------------------------------------------------------------------

    def set_value(self, value: Any) -> None:
        tags = [str(tag) for tag in value] if isinstance(value, list) else []
        if self.suggestions.tag and self.suggestions.tag not in tags:
            self.suggestions.dismiss()  # the tag was removed (or undone) meanwhile
        if tags == self._tags and len(self._chips) == len(tags):
            return
        self._tags = tags
        focused = QApplication.focusWidget()
        while len(self._chips) > len(tags):
            chip = self._chips.pop()
            if focused is not None and chip.isAncestorOf(focused):
                # Removing the focused last chip: keep the writer in the field.
                target = self._chips[-1].remove_button if self._chips else self.input
                target.setFocus()
            self.flow.removeWidget(chip)
            chip.hide()
            chip.deleteLater()
        while len(self._chips) < len(tags):
            chip = TagChip(self.chips_area)
            chip.remove_button.clicked.connect(lambda _=False, c=chip: self._remove(c.index))
            chip.remove_button.setEnabled(not self.is_read_only())
            self.flow.insertWidget(len(self._chips), chip)
            chip.show()
            self._chips.append(chip)
        for index, (chip, tag) in enumerate(zip(self._chips, tags, strict=True)):
            chip.show_tag(index, tag)
        order_tab_chain(self)
        self._update_hint()

    def editor(self) -> QWidget:
        return self.input

    def _inputs(self) -> list[QWidget]:
        buttons = [self.suggestions.add_button, self.suggestions.dismiss_button]
        return [self.input, *(chip.remove_button for chip in self._chips), *buttons]

    def set_problems(self, problems: list[tuple[FieldPath, str]]) -> None:
        """Show the list's problems and its items' (marking their chips)."""
        own: list[str] = []
        bad: set[int] = set()
        for path, message in problems:
            path = tuple(path)
            if path == self.path:
                own.append(message)
            elif path[: len(self.path)] == self.path and len(path) == len(self.path) + 1:
                index = path[-1]
                if isinstance(index, int) and 0 <= index < len(self._tags):
                    bad.add(index)
                    own.append(f"“{self._tags[index]}”: {message}")
        self.problem_label.setText("\n".join(own))
        self.problem_label.setVisible(bool(own))
        for index, chip in enumerate(self._chips):
            chip.setProperty(INVALID_PROPERTY, index in bad)
            chip.style().unpolish(chip)
            chip.style().polish(chip)

    def hideEvent(self, event: QHideEvent) -> None:
        # The popup is a window of its own: it must not outlive the field on screen.
        popup = self.completer.popup()
        if popup is not None:
            popup.hide()
        super().hideEvent(event)

    # -- the writer's input -----------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.input
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Backspace
            and not self.input.text()
            and self._chips
        ):
            self._chips[-1].remove_button.setFocus(Qt.FocusReason.BacktabFocusReason)
            return True
        return super().eventFilter(watched, event)

    def _return_pressed(self) -> None:
        self._add([self.input.text()])
        self.input.clear()

    def _text_edited(self, text: str) -> None:
        if "," not in text:
            return
        *done, rest = text.split(",")
        self._add(done)
        self.input.setText(rest.lstrip())

    def _completion_chosen(self, tag: str) -> None:
        self._add([tag])
        self.input.clear()
        # The line edit sets the completion's text after this slot on some paths.
        QTimer.singleShot(0, self.input.clear)

    def _add(self, texts: list[str]) -> None:
        current = list(self._tags)
        for text in texts:
            tag = text.strip()
            if not tag or tag in current:
                continue
            self.request(InsertItem(self.path, len(current), tag))
            current.append(tag)
            self._suggest(tag, len(current) - 1)

    def _suggest(self, tag: str, position: int) -> None:
        """Offer the tag's learned translations to the post's other language versions."""
        post = self.context.post
        if self._read_only or post.lang is None or post.tag_translations is None:
            return
        if self.path != ("tags",) or not post.siblings:
            return  # translations are learned from the `tags` lists only
        plan = sibling_tags(tag, position, post.lang, post.siblings, post.tag_translations)
        self.suggestions.show_plan(tag, plan)

    def _remove(self, index: int) -> None:
        if 0 <= index < len(self._tags):
            self.request(RemoveItem(self.path, index))

    # -- showing ------------------------------------------------------------------------

    def _update_hint(self) -> None:
        counts = self.context.post.tag_counts
        lines: list[str] = []
        for tag in self._tags:
            others = similar_tags(tag, counts)
            if not others:
                continue
            best = max(others, key=lambda other: (counts.get(other, 0), other))
            used = counts.get(best, 0)
            if counts.get(tag, 0) > used:
                continue  # the writer's spelling is the common one
            posts = "post" if used == 1 else "posts"
            lines.append(f"‘{tag}’ is like ‘{best}’ used in {used} {posts}")
        self.hint_label.setText("\n".join(lines))
        self.hint_label.setVisible(bool(lines))


def _tag_rows(post: PostContext) -> list[tuple[str, str]]:
    """(tag, "tag (count)") rows: the post's language's tags first, else the most used first."""
    ordered = post.tag_completion or sorted(
        post.tag_counts.items(), key=lambda pair: (-pair[1], pair[0].casefold())
    )
    return [(tag, f"{tag} ({count})") for tag, count in ordered]
