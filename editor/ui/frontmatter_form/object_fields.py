"""Editors of nested values: a mapping as a group of rows, a list of mappings as sub-forms."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QByteArray, QMimeData, QPoint, Qt
from PySide6.QtGui import (
    QDrag,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QMouseEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from editor.core.frontmatter.paths import FieldPath, format_path
from editor.core.frontmatter.requests import InsertItem, MoveItem, RemoveItem
from editor.core.schema import Field, FieldKind, FieldType, editor_kind
from editor.ui.frontmatter_form.base import FieldWidget, FormContext
from editor.ui.frontmatter_form.tab_order import order_tab_chain

GROUP_STYLE = "QFrame#objectGroup { border: 1px solid palette(mid); border-radius: 4px; }"
CARD_STYLE = "QFrame#itemCard { border: 1px solid palette(mid); border-radius: 4px; }"
TITLE_STYLE = "font-size: small; font-weight: bold; color: #595959;"
ITEM_MIME = "application/x-postdesk-list-item"
SUMMARY_KEYS = ("slug", "title", "question", "name")

# Builds the editor of a nested value: (path, schema field, value, context) -> editor.
FieldBuilder = Callable[[FieldPath, Field | None, Any, FormContext], FieldWidget]


def template_value(field: Field | None) -> Any:
    """The value a new item of this field starts with: required sub-fields, empty or default."""
    if field is None:
        return ""
    if field.has_default:
        return field.default
    match field.type:
        case FieldType.OBJECT:
            return {sub.name: template_value(sub) for sub in field.fields if sub.required}
        case FieldType.LIST:
            return []
        case FieldType.BOOLEAN:
            return False
        case FieldType.NUMBER:
            if field.minimum is None:
                return 0
            number = field.minimum
            return int(number) if field.integer or float(number).is_integer() else number
        case FieldType.ENUM:
            return field.choices[0] if field.choices else ""
    return ""


def blank_like(value: Any) -> Any:
    """An empty value of value's shape (for lists the schema does not describe)."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return 0
    if isinstance(value, dict):
        return {key: blank_like(item) for key, item in value.items()}
    if isinstance(value, list):
        return []
    return ""


def item_summary(item: Any, index: int) -> str:
    """What an item's header shows: its slug, title, question or first text."""
    if isinstance(item, dict):
        for key in SUMMARY_KEYS:
            if isinstance(item.get(key), str) and item[key].strip():
                return item[key].strip()
        for value in item.values():
            if isinstance(value, str) and value.strip():
                return value.strip()
    return f"Item {index + 1}"


class _NestedField(FieldWidget):
    """An editor of editors: nested values get theirs from the form's own builder."""

    updates_while_focused = True

    def __init__(
        self,
        path: FieldPath,
        schema_field: Field | None,
        context: FormContext,
        build: FieldBuilder,
        parent: QWidget | None = None,
    ) -> None:
        self._build_field = build  # the form's own builder: nested values get its editors
        super().__init__(path, schema_field, context, parent)


class ObjectField(_NestedField):
    """A mapping: one row per key, the schema's keys first (in declared order), then the rest."""

    def _build(self) -> None:
        self.group = QFrame()
        self.group.setObjectName("objectGroup")
        self.group.setStyleSheet(GROUP_STYLE)
        column = QVBoxLayout(self.group)
        column.setContentsMargins(6, 4, 6, 4)
        self.title_label = QLabel(str(self.path[-1]) if self.path else "")
        self.title_label.setStyleSheet(TITLE_STYLE)
        # A list item's body sits under its own header: no title there.
        self.title_label.setVisible(bool(self.path) and isinstance(self.path[-1], str))
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.title_label)
        column.addLayout(self.form)
        self.row.addWidget(self.group)
        self._fields: dict[str, FieldWidget] = {}
        self._shape: list[tuple[str, FieldKind]] = []
        self._problems: list[tuple[FieldPath, str]] = []

    # -- FieldWidget ----------------------------------------------------------------------

    def set_value(self, value: Any) -> None:
        data = value if isinstance(value, dict) else {}
        keys = self._keys(data)
        shape = [
            (key, editor_kind((*self.path, key), self._sub_schema(key), data.get(key)))
            for key in keys
        ]
        if shape != self._shape:
            self._rebuild(shape, data)
            return
        for key in keys:
            self._fields[key].refresh(data.get(key))

    def editor(self) -> QWidget:
        first = next(iter(self._fields.values()), None)
        return first.editor() if first is not None else self.group

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for sub in self._fields.values():
            sub.set_read_only(read_only)

    def set_problems(self, problems: list[tuple[FieldPath, str]]) -> None:
        self._problems = [(tuple(path), message) for path, message in problems]
        own = [message for path, message in self._problems if path == self.path]
        self.problem_label.setText("\n".join(own))
        self.problem_label.setVisible(bool(own))
        for sub in self._fields.values():
            sub.set_problems(self._problems)

    def focus_path(self, path: FieldPath) -> bool:
        path = tuple(path)
        if path[: len(self.path)] != self.path:
            return False
        if len(path) > len(self.path):
            sub = self._fields.get(str(path[len(self.path)]))
            if sub is not None:
                return sub.focus_path(path)
        self.editor().setFocus()
        return True

    # -- building ----------------------------------------------------------------------------

    def _sub_schema(self, key: str) -> Field | None:
        return self.schema_field.field(key) if self.schema_field is not None else None

    def _keys(self, data: dict[str, Any]) -> list[str]:
        declared = [sub.name for sub in self.schema_field.fields] if self.schema_field else []
        return declared + [str(key) for key in data if str(key) not in declared]

    def _rebuild(self, shape: list[tuple[str, FieldKind]], data: dict[str, Any]) -> None:
        old = dict(zip([key for key, _ in self._shape], self._shape, strict=True))
        kept: dict[str, FieldWidget] = {}
        while self.form.rowCount():
            taken = self.form.takeRow(0)
            label = taken.labelItem.widget() if taken.labelItem is not None else None
            if label is not None:
                label.deleteLater()
        for key, kind in shape:
            widget = self._fields.pop(key, None)
            if widget is not None and old.get(key) == (key, kind):
                kept[key] = widget
        for widget in self._fields.values():  # keys gone, or editors of another kind
            widget.hide()
            widget.deleteLater()
        self._fields = {}
        for key, _kind in shape:
            widget = kept.get(key)
            if widget is None:
                sub = self._sub_schema(key)
                widget = self._build_field((*self.path, key), sub, data.get(key), self.context)
                widget.editRequested.connect(self.request)
                widget.set_read_only(self._read_only)
                widget.set_problems(self._problems)
            else:
                widget.set_value(data.get(key))
            label = QLabel(key)
            label.setBuddy(widget.editor())
            self.form.addRow(label, widget)
            widget.show()
            self._fields[key] = widget
        self._shape = shape
        order_tab_chain(self)


class _ItemHeader(QFrame):
    """An item's header row: pressing and moving it drags the item to another place."""

    def __init__(self, card: _ItemCard) -> None:
        super().__init__(card)
        self.card = card
        self._press: QPoint | None = None
        self.setCursor(Qt.CursorShape.OpenHandCursor)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        start = self._press
        moved = start is not None and (
            (event.position().toPoint() - start).manhattanLength()
            >= QApplication.startDragDistance()
        )
        if moved and event.buttons() & Qt.MouseButton.LeftButton:
            self._press = None
            self.card.owner.start_drag(self.card.index)
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._press = None
        super().mouseReleaseEvent(event)


class _ItemCard(QFrame):
    """One list item: a header (summary, collapse, ▲ ▼, remove) over its object's editor."""

    def __init__(
        self, owner: ObjectListField, index: int, body: FieldWidget, kind: FieldKind
    ) -> None:
        super().__init__(owner.items_box)
        self.owner = owner
        self.index = index
        self.body = body
        self.kind = kind  # the item's editor kind: another kind needs another card
        self.setObjectName("itemCard")
        self.setStyleSheet(CARD_STYLE)
        column = QVBoxLayout(self)
        column.setContentsMargins(4, 2, 4, 4)
        column.setSpacing(2)
        self.header = _ItemHeader(self)
        row = QHBoxLayout(self.header)
        row.setContentsMargins(0, 0, 0, 0)
        self.toggle = QToolButton()
        self.toggle.setCheckable(True)
        self.toggle.setChecked(True)
        self.toggle.setAutoRaise(True)
        self.toggle.toggled.connect(self.set_expanded)
        self.summary = QLabel()
        self.up = QToolButton()
        self.up.setText("▲")
        self.down = QToolButton()
        self.down.setText("▼")
        self.remove = QToolButton()
        self.remove.setText("×")
        for button in (self.toggle, self.up, self.down, self.remove):
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        row.addWidget(self.toggle)
        row.addWidget(self.summary, 1)
        row.addWidget(self.up)
        row.addWidget(self.down)
        row.addWidget(self.remove)
        column.addWidget(self.header)
        column.addWidget(body)
        self.up.clicked.connect(lambda: owner.move_item(self.index, self.index - 1))
        self.down.clicked.connect(lambda: owner.move_item(self.index, self.index + 1))
        self.remove.clicked.connect(lambda: owner.remove(self.index))
        self.set_expanded(True)

    def show_item(self, index: int, item: Any, count: int) -> None:
        """Show item as number index of count items."""
        self.index = index
        name = format_path((*self.owner.path, index))
        self.summary.setText(item_summary(item, index))
        self.up.setAccessibleName(f"move {name} up")
        self.down.setAccessibleName(f"move {name} down")
        self.remove.setAccessibleName(f"remove {name}")
        self.up.setToolTip("Move up")
        self.down.setToolTip("Move down")
        self.remove.setToolTip(f"Remove {name}")
        self.set_expanded(self.toggle.isChecked())
        self.up.setEnabled(index > 0 and not self.owner.is_read_only())
        self.down.setEnabled(index < count - 1 and not self.owner.is_read_only())

    def set_expanded(self, expanded: bool) -> None:
        """Show or fold the item's editor."""
        if self.toggle.isChecked() != expanded:
            self.toggle.setChecked(expanded)
        self.toggle.setText("▾" if expanded else "▸")
        name = format_path((*self.owner.path, self.index))
        self.toggle.setAccessibleName(f"{'collapse' if expanded else 'expand'} {name}")
        self.body.setVisible(expanded)


class ObjectListField(_NestedField):
    """A list of mappings (relatedPosts, faq): one collapsible sub-form per item."""

    def _build(self) -> None:
        self.box = QWidget()
        column = QVBoxLayout(self.box)
        column.setContentsMargins(0, 0, 0, 0)
        self.items_box = QWidget()
        self.items_box.setAcceptDrops(True)
        self.items_box.installEventFilter(self)
        self.items_layout = QVBoxLayout(self.items_box)
        self.items_layout.setContentsMargins(0, 0, 0, 0)
        self.items_layout.setSpacing(4)
        self.add_button = QPushButton("Add")
        self.add_button.setAccessibleName(f"add item to {self.name}")
        self.add_button.clicked.connect(self.add)
        column.addWidget(self.items_box)
        column.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.row.addWidget(self.box)
        self._cards: list[_ItemCard] = []
        self._items: list[Any] = []
        self._problems: list[tuple[FieldPath, str]] = []
        self._focus_new = False

    @property
    def item_schema(self) -> Field | None:
        """The schema of one item, when the list has one."""
        field = self.schema_field
        return field.item if field is not None and field.type is FieldType.LIST else None

    # -- FieldWidget ----------------------------------------------------------------------

    def set_value(self, value: Any) -> None:
        items = list(value) if isinstance(value, list) else []
        grew = len(items) > len(self._cards)
        changed = len(items) != len(self._cards)
        self._items = items
        focused = QApplication.focusWidget()
        # Items keep their editors by position: the one the writer types in stays.
        while len(self._cards) > len(items):
            card = self._cards.pop()
            if focused is not None and card.isAncestorOf(focused):
                target = self._cards[-1].remove if self._cards else self.add_button
                target.setFocus()
            self._drop_card(card)
        for index, card in enumerate(self._cards):
            kind = editor_kind((*self.path, index), self.item_schema, items[index])
            if card.kind is kind:
                card.body.refresh(items[index])
            else:  # an item that is no longer a mapping gets the editor that shows it
                self._cards[index] = self._new_card(index, items[index])
                self.items_layout.insertWidget(index, self._cards[index])
                self._drop_card(card)
                changed = True
        for index in range(len(self._cards), len(items)):
            self._cards.append(self._new_card(index, items[index]))
            self.items_layout.addWidget(self._cards[index])
        for index, card in enumerate(self._cards):
            card.show_item(index, items[index], len(items))
        if changed:
            order_tab_chain(self)
        if grew and self._focus_new and self._cards:
            self._focus_new = False
            self._cards[-1].body.editor().setFocus()

    def _drop_card(self, card: _ItemCard) -> None:
        self.items_layout.removeWidget(card)
        card.hide()
        card.deleteLater()

    def editor(self) -> QWidget:
        return self._cards[0].body.editor() if self._cards else self.add_button

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.add_button.setEnabled(not read_only)
        for card in self._cards:
            card.remove.setEnabled(not read_only)
            card.body.set_read_only(read_only)
            card.show_item(card.index, self._items[card.index], len(self._items))

    def set_problems(self, problems: list[tuple[FieldPath, str]]) -> None:
        self._problems = [(tuple(path), message) for path, message in problems]
        own = [message for path, message in self._problems if path == self.path]
        self.problem_label.setText("\n".join(own))
        self.problem_label.setVisible(bool(own))
        for card in self._cards:
            card.body.set_problems(self._problems)

    def focus_path(self, path: FieldPath) -> bool:
        path = tuple(path)
        if path[: len(self.path)] != self.path:
            return False
        if len(path) > len(self.path):
            index = path[len(self.path)]
            if isinstance(index, int) and 0 <= index < len(self._cards):
                card = self._cards[index]
                card.set_expanded(True)
                return card.body.focus_path(path)
        self.editor().setFocus()
        return True

    # -- the writer's edits -----------------------------------------------------------------

    def move_item(self, source: int, target: int) -> None:
        """Ask to move item source to position target."""
        if source != target and 0 <= source < len(self._items) and 0 <= target < len(self._items):
            self.request(MoveItem(self.path, source, target))

    def remove(self, index: int) -> None:
        """Ask to remove item index."""
        if 0 <= index < len(self._items):
            self.request(RemoveItem(self.path, index))

    def add(self) -> None:
        """Ask to append a new item holding the schema's required keys."""
        if self.item_schema is not None:
            item = template_value(self.item_schema)
        elif self._items:
            item = blank_like(self._items[-1])
        else:
            item = {}
        self._focus_new = True
        self.request(InsertItem(self.path, len(self._items), item))

    # -- drag and drop -------------------------------------------------------------------

    def drag_mime(self, index: int) -> QMimeData:
        """The payload of dragging item index: this list and the item's position."""
        mime = QMimeData()
        mime.setData(ITEM_MIME, QByteArray(f"{id(self)}:{index}".encode()))
        return mime

    def start_drag(self, index: int) -> None:
        """Drag item index by its header (the drop asks for the move)."""
        if self.is_read_only():
            return
        drag = QDrag(self._cards[index].header)
        drag.setMimeData(self.drag_mime(index))
        drag.setPixmap(self._cards[index].header.grab())
        drag.exec(Qt.DropAction.MoveAction)

    def eventFilter(self, watched: Any, event: Any) -> bool:
        if watched is self.items_box:
            if isinstance(event, QDragEnterEvent | QDragMoveEvent):
                if self._dragged_index(event.mimeData()) is not None:
                    event.acceptProposedAction()
                    return True
            elif isinstance(event, QDropEvent):
                source = self._dragged_index(event.mimeData())
                if source is not None:
                    event.acceptProposedAction()
                    self.move_item(source, self._drop_index(event.position().toPoint()))
                    return True
        return super().eventFilter(watched, event)

    def _dragged_index(self, mime: QMimeData) -> int | None:
        if self.is_read_only() or not mime.hasFormat(ITEM_MIME):
            return None
        owner, _, index = bytes(mime.data(ITEM_MIME).data()).decode().partition(":")
        if owner != str(id(self)) or not index.isdigit():
            return None
        return int(index) if int(index) < len(self._cards) else None

    def _drop_index(self, point: QPoint) -> int:
        """The position an item dropped at point takes: the item under it, or the nearest."""

        for card in self._cards:
            if point.y() < card.geometry().bottom():
                return card.index
        return len(self._cards) - 1

    # -- building ----------------------------------------------------------------------------

    def _new_card(self, index: int, item: Any) -> _ItemCard:
        path = (*self.path, index)
        body = self._build_field(path, self.item_schema, item, self.context)
        body.editRequested.connect(self.request)
        body.set_read_only(self._read_only)
        body.set_problems(self._problems)
        card = _ItemCard(self, index, body, editor_kind(path, self.item_schema, item))
        card.show()
        return card
