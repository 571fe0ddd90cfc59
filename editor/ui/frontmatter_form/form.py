"""The frontmatter form: shows the parsed frontmatter and turns edits into fieldEdited."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from editor.core.frontmatter import ParsedFrontmatter
from editor.core.schema import Collection, FieldKind, FormField, form_fields
from editor.ui.frontmatter_form.field_widgets import FieldWidget, make_field_widget


class FrontmatterForm(QScrollArea):
    """A view of the open post's frontmatter; it never edits text itself."""

    fieldEdited = Signal(str, object)
    errorClicked = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setAccessibleName("Frontmatter form")
        body = QWidget()
        outer = QVBoxLayout(body)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.error_button = QPushButton()
        self.error_button.setStyleSheet(
            "QPushButton { text-align: left; color: #a8071a; background: #fff1f0;"
            " border: 1px solid #d4380d; border-radius: 4px; padding: 6px; }"
        )
        self.error_button.setAccessibleName("YAML error")
        self.error_button.clicked.connect(self._error_clicked)
        self.error_button.hide()
        self._rows = QFormLayout()
        self._rows.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._rows.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        outer.addWidget(self.status_label)
        outer.addWidget(self.error_button)
        outer.addLayout(self._rows)
        outer.addStretch(1)
        self.setWidget(body)
        self._fields: dict[str, FieldWidget] = {}
        self._shape: list[tuple[str, FieldKind]] = []
        self._error_at = (1, 1)
        self._collection: Collection | None = None
        self.show_parsed(None)

    def set_collection(self, collection: Collection | None) -> None:
        """Type the fields by this collection's schema (None: by their values)."""
        if collection is not self._collection:
            self._collection = collection
            self._shape = []  # rebuild with the schema's kinds on the next show

    def field(self, key: str) -> FieldWidget | None:
        """The widget of a key (for focus and tests)."""
        return self._fields.get(key)

    def show_parsed(self, parsed: ParsedFrontmatter | None) -> None:
        """Show a post's parsed frontmatter; None: no post open."""
        if parsed is None:
            self._set_status("No post open.")
            self._clear_rows()
            self.error_button.hide()
            return
        if parsed.error is not None:
            err = parsed.error
            self._error_at = (err.line, err.column)
            self.error_button.setText(
                f"The frontmatter is not valid YAML (line {err.line}, column {err.column}):\n"
                f"{err.message}\nThe form is read-only until it parses; click to go there."
            )
            self.error_button.show()
            for widget in self._fields.values():
                widget.set_read_only(True)
            return
        self.error_button.hide()
        if parsed.block is None:
            self._set_status("This post has no frontmatter.")
            self._clear_rows()
            return
        if parsed.block.kind != "yaml":
            self._set_status("TOML frontmatter is shown read-only; edit it in the text.")
        else:
            self._set_status("")
        self._show_fields(parsed.data, read_only=parsed.block.kind != "yaml")

    def _show_fields(self, data: dict[str, Any], *, read_only: bool) -> None:
        fields = form_fields(data, self._collection)
        shape = [(f.key, f.kind) for f in fields]
        if shape != self._shape:
            self._rebuild(fields)
        # The window's focus widget, not the application's: the same while the window is
        # active, and still right while another application has the focus.
        focused = self.window().focusWidget()
        for f in fields:
            widget = self._fields[f.key]
            widget.set_read_only(read_only)
            # The field being typed in is the source of this change: leave its text alone.
            if focused is None or not widget.isAncestorOf(focused):
                widget.set_value(f.value)

    def _rebuild(self, fields: list[FormField]) -> None:
        self._clear_rows()
        for f in fields:
            widget = make_field_widget(f.key, f.kind, f.field)
            widget.valueEdited.connect(lambda value, key=f.key: self.fieldEdited.emit(key, value))
            label = QLabel(f"<b>{html.escape(f.key)}</b>")
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setToolTip(self._describe(f))
            label.setBuddy(widget.editor())
            self._rows.addRow(label, widget)
            self._fields[f.key] = widget
        self._shape = [(f.key, f.kind) for f in fields]

    @staticmethod
    def _describe(f: FormField) -> str:
        if f.field is None:
            return f"{f.kind.value} (from the value; the site's schema does not declare it)"
        need = "required" if f.field.required else "optional"
        return f"{f.field.type.value}, {need} (from the site's {f.field.source})"

    def _clear_rows(self) -> None:
        while self._rows.rowCount():
            self._rows.removeRow(0)
        self._fields.clear()
        self._shape = []

    def _set_status(self, text: str) -> None:
        self.status_label.setText(text)
        self.status_label.setVisible(bool(text))

    def _error_clicked(self) -> None:
        self.errorClicked.emit(*self._error_at)
