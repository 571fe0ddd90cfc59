"""One editor widget per field kind. Each emits valueEdited(value) when the writer changes it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml
from PySide6.QtCore import QDate, Signal
from PySide6.QtGui import QDoubleValidator, QFocusEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from editor.core.schema import Field, FieldKind


class FieldWidget(QWidget):
    """Base: holds one value; set_value never emits, only the writer's edits do."""

    valueEdited = Signal(object)

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def set_value(self, value: Any) -> None:
        """Show value without emitting valueEdited."""
        raise NotImplementedError

    def editor(self) -> QWidget:
        """The widget that takes focus for this field."""
        raise NotImplementedError

    def set_read_only(self, read_only: bool) -> None:
        """Lock the field (while the YAML does not parse)."""
        self.editor().setEnabled(not read_only)

    def _add(self, widget: QWidget) -> QWidget:
        widget.setAccessibleName(self.key)
        self._layout.addWidget(widget)
        return widget


class TextField(FieldWidget):
    """Single-line text; every keystroke becomes a patch (merged into one undo step)."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(key, parent)
        self._edit = self._add(QLineEdit())
        self._edit.textEdited.connect(lambda text: self.valueEdited.emit(text))

    def set_value(self, value: Any) -> None:
        text = "" if value is None else str(value)
        if self._edit.text() != text:
            self._edit.setText(text)
            self._edit.setCursorPosition(0)  # show a long title's start, not its end

    def editor(self) -> QWidget:
        return self._edit


class _PlainTextEdit(QPlainTextEdit):
    """A QPlainTextEdit that lets Tab move focus, as a form field should."""

    focusLost = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.focusLost.emit()


class LongTextField(FieldWidget):
    """Multi-line prose such as a description; the file's folded style is kept by the patch."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(key, parent)
        self._edit = self._add(_PlainTextEdit())
        self._edit.setTabChangesFocus(True)
        self._edit.setFixedHeight(96)
        self._edit.textChanged.connect(self._changed)
        self._setting = False

    def _changed(self) -> None:
        if not self._setting:
            # A folded scalar cannot hold a trailing newline the writer did not mean.
            self.valueEdited.emit(self._edit.toPlainText())

    def set_value(self, value: Any) -> None:
        text = "" if value is None else str(value)
        if self._edit.toPlainText() != text:
            self._setting = True
            self._edit.setPlainText(text)
            self._setting = False

    def editor(self) -> QWidget:
        return self._edit


class DateField(FieldWidget):
    """A date with a calendar; the value keeps its type (quoted string or YAML date)."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(key, parent)
        self._edit = self._add(QDateEdit())
        self._edit.setCalendarPopup(True)
        self._edit.setDisplayFormat("yyyy-MM-dd")
        self._edit.dateChanged.connect(self._changed)
        self._original: Any = None
        self._setting = False

    def _changed(self, qdate: QDate) -> None:
        if self._setting:
            return
        day = dt.date(qdate.year(), qdate.month(), qdate.day())
        self.valueEdited.emit(day.isoformat() if isinstance(self._original, str) else day)

    def set_value(self, value: Any) -> None:
        self._original = value
        day = dt.date.fromisoformat(value) if isinstance(value, str) else value
        if isinstance(day, dt.datetime):
            day = day.date()
        qdate = QDate(day.year, day.month, day.day)
        if self._edit.date() != qdate:
            self._setting = True
            self._edit.setDate(qdate)
            self._setting = False

    def editor(self) -> QWidget:
        return self._edit


class BooleanField(FieldWidget):
    """A checkbox for true/false."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(key, parent)
        self._box = self._add(QCheckBox())
        self._layout.addStretch(1)  # keep the clickable box its own size, not the row's width
        self._box.clicked.connect(lambda checked: self.valueEdited.emit(bool(checked)))

    def set_value(self, value: Any) -> None:
        self._box.setChecked(bool(value))

    def editor(self) -> QWidget:
        return self._box


class NumberField(FieldWidget):
    """A number typed as text; keeps int for whole numbers the file wrote as int."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(key, parent)
        self._edit = self._add(QLineEdit())
        self._edit.setValidator(QDoubleValidator(self._edit))
        self._edit.editingFinished.connect(self._finished)
        self._original: Any = None

    def _finished(self) -> None:
        text = self._edit.text().strip()
        try:
            value: int | float = int(text) if isinstance(self._original, int) else float(text)
        except ValueError:
            try:
                value = float(text)
            except ValueError:
                return
        if value != self._original:
            self.valueEdited.emit(value)

    def set_value(self, value: Any) -> None:
        self._original = value
        if not self._edit.hasFocus():
            self._edit.setText(str(value))

    def editor(self) -> QWidget:
        return self._edit


class StringListField(FieldWidget):
    """A list of strings (tags) edited as comma-separated text, applied when editing ends."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(key, parent)
        self._edit = self._add(QLineEdit())
        self._edit.setPlaceholderText("comma-separated")
        self._edit.setToolTip("Items separated by commas; applied when you press Enter or leave.")
        self._edit.editingFinished.connect(self._finished)
        self._items: list[str] = []

    @staticmethod
    def split(text: str) -> list[str]:
        """Split the field's text into items, dropping empty ones."""
        return [item.strip() for item in text.split(",") if item.strip()]

    def _finished(self) -> None:
        items = self.split(self._edit.text())
        if items != self._items:
            self._items = items
            self.valueEdited.emit(items)

    def set_value(self, value: Any) -> None:
        self._items = list(value or [])
        text = ", ".join(self._items)
        if self._edit.text() != text and not self._edit.hasFocus():
            self._edit.setText(text)

    def editor(self) -> QWidget:
        return self._edit


class ImageField(TextField):
    """An image path relative to the post, as the site's schema declares it."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(key, parent)
        self._edit.setToolTip("Image path, relative to the post (the site's schema: image())")


class EnumField(FieldWidget):
    """One of the schema's choices (z.enum, a union of literals)."""

    def __init__(self, key: str, choices: tuple[Any, ...], parent: QWidget | None = None) -> None:
        super().__init__(key, parent)
        self._choices = list(choices)
        self._box = self._add(QComboBox())
        self._box.addItems([str(choice) for choice in self._choices])
        self._box.activated.connect(lambda index: self.valueEdited.emit(self._choices[index]))

    def set_value(self, value: Any) -> None:
        if value in self._choices:
            self._box.setCurrentIndex(self._choices.index(value))
        else:
            self._box.setCurrentIndex(-1)

    def editor(self) -> QWidget:
        return self._box


class ReadOnlyField(FieldWidget):
    """Nested values, shown as YAML; editing them comes with the schema-driven form."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(key, parent)
        self._view = self._add(QPlainTextEdit())
        self._view.setReadOnly(True)
        self._view.setTabChangesFocus(True)
        self._view.setMaximumHeight(160)
        self._view.setToolTip("Nested values are read-only in the form; edit them in the text.")

    def set_value(self, value: Any) -> None:
        text = yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=1000).rstrip()
        if self._view.toPlainText() != text:
            self._view.setPlainText(text)

    def editor(self) -> QWidget:
        return self._view

    def set_read_only(self, read_only: bool) -> None:
        pass  # always read-only


def make_field_widget(key: str, kind: FieldKind, field: Field | None) -> FieldWidget:
    """The widget for a field of this kind (enum choices come from the schema)."""
    if kind is FieldKind.ENUM and field is not None:
        return EnumField(key, field.choices)
    return WIDGETS[kind](key)


WIDGETS: dict[FieldKind, type[FieldWidget]] = {
    FieldKind.TEXT: TextField,
    FieldKind.IMAGE: ImageField,
    FieldKind.LONG_TEXT: LongTextField,
    FieldKind.DATE: DateField,
    FieldKind.BOOLEAN: BooleanField,
    FieldKind.NUMBER: NumberField,
    FieldKind.STRING_LIST: StringListField,
    FieldKind.READ_ONLY: ReadOnlyField,
}
