"""The frontmatter form: the post's fields in schema order; edits go out as edit requests."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from editor.core.frontmatter import FieldPath, PatchError, entry_source, format_path
from editor.core.post import NO_POST, PostState
from editor.core.schema import Collection, Field, FieldKind, Problem, editor_kind
from editor.ui.frontmatter_form.base import FieldWidget, FormContext
from editor.ui.frontmatter_form.factory import build_field_widget
from editor.ui.frontmatter_form.raw_field import RawYamlField

FORM_STYLE = """
*[invalid="true"] { border: 1px solid #d4380d; }
QPushButton#yamlError { text-align: left; color: #a8071a; background: #fff1f0;
    border: 1px solid #d4380d; border-radius: 4px; padding: 6px; }
QPushButton.problem { text-align: left; color: #a8071a; border: none; padding: 1px 4px; }
QPushButton.problem:focus { text-decoration: underline; }
QLabel#otherFields { color: #595959; margin-top: 8px; }
"""
# Beside the label of a field the post's language versions share.
SHARED_MARK = ' <span style="color:#0958d9; font-size:small">⇄ shared</span>'
SHARED_TIP = "Shared by the family: applies to every language"


@dataclass(frozen=True)
class _Row:
    key: str
    schema_field: Field | None
    value: Any
    raw: bool  # shown as YAML source (a key the schema does not know)


class FrontmatterForm(QScrollArea):
    """A view of the open post's frontmatter; it never edits text itself."""

    editRequested = Signal(object)  # an EditRequest for the document
    errorClicked = Signal(int, int)  # 1-based line, column of the YAML error

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setAccessibleName("Frontmatter form")
        self.setStyleSheet(FORM_STYLE)
        body = QWidget()
        outer = QVBoxLayout(body)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.error_button = QPushButton()
        self.error_button.setObjectName("yamlError")
        self.error_button.setAccessibleName("YAML error")
        self.error_button.clicked.connect(lambda: self.errorClicked.emit(*self._error_at))
        self.error_button.hide()
        self.problems_box = QFrame()
        self.problems_box.setAccessibleName("Schema problems")
        self._problems_layout = QVBoxLayout(self.problems_box)
        self._problems_layout.setContentsMargins(0, 0, 0, 0)
        self._problems_layout.setSpacing(0)
        self.problems_box.hide()
        self._rows = QFormLayout()
        self._rows.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._rows.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self._other_rows = QFormLayout()
        self._other_rows.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._other_label = QLabel("Other fields — not in the site's schema, kept as written")
        self._other_label.setObjectName("otherFields")
        self._other_label.hide()
        for widget in (self.status_label, self.error_button, self.problems_box):
            outer.addWidget(widget)
        outer.addLayout(self._rows)
        outer.addWidget(self._other_label)
        outer.addLayout(self._other_rows)
        outer.addStretch(1)
        self.setWidget(body)
        self._fields: dict[str, FieldWidget] = {}
        self._shape: list[tuple[str, FieldKind, bool]] = []
        self._error_at: tuple[int, int] = (1, 1)
        self._collection: Collection | None = None
        self._context = FormContext()
        self.show_state(NO_POST)

    # -- inputs ---------------------------------------------------------------------------

    def set_context(self, context: FormContext) -> None:
        """What the field editors know about the post and its workspace."""
        self._context = context
        self._shape = []  # editors hold their context: rebuild on the next show

    def set_collection(self, collection: Collection | None) -> None:
        """Type and order the fields by this collection's schema (None: by the values)."""
        if collection is not self._collection:
            self._collection = collection
            self._shape = []

    def field(self, key: str | FieldPath) -> FieldWidget | None:
        """The editor of a top-level key (or of the top-level key of a path)."""
        head = key if isinstance(key, str) else str(key[0])
        return self._fields.get(head)

    def focus_path(self, path: FieldPath) -> bool:
        """Focus the editor of a path (problems link here); True when found."""
        widget = self.field(path)
        if widget is None or not widget.focus_path(path):
            return False
        self.ensureWidgetVisible(widget)
        return True

    # -- showing ----------------------------------------------------------------------------

    def show_state(self, state: PostState) -> None:
        """Show a post's frontmatter (parsed None: no post open)."""
        parsed = state.parsed
        if parsed is None:
            self._set_status("No post open.")
            self._clear()
            self.error_button.hide()
            self._show_problems(())
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
            self._clear()
            self._show_problems(())
            return
        toml = parsed.block.kind != "yaml"
        self._set_status(
            "TOML frontmatter is shown read-only; edit it in the text." if toml else ""
        )
        self._show_rows(self._rows_for(parsed.data), state.text, read_only=toml)
        self._show_problems(state.problems)

    def _rows_for(self, data: dict[str, Any]) -> list[_Row]:
        if self._collection is None:
            return [_Row(str(k), None, v, False) for k, v in data.items()]
        rows = [_Row(f.name, f, data.get(f.name), False) for f in self._collection.fields]
        known = {f.name for f in self._collection.fields}
        rows += [_Row(str(k), None, v, True) for k, v in data.items() if str(k) not in known]
        return rows

    @staticmethod
    def _kind(row: _Row) -> FieldKind:
        if row.raw:
            return FieldKind.RAW_YAML
        return editor_kind((row.key,), row.schema_field, row.value)

    def _show_rows(self, rows: list[_Row], text: str, *, read_only: bool) -> None:
        shape = [(r.key, self._kind(r), r.raw) for r in rows]
        if shape != self._shape:
            self._rebuild(rows)
        for row in rows:
            widget = self._fields[row.key]
            widget.set_read_only(read_only)
            if isinstance(widget, RawYamlField) and not widget.editor().hasFocus():
                widget.set_source(_source_or_none(text, row.key))
            widget.refresh(row.value)

    def _rebuild(self, rows: list[_Row]) -> None:
        self._clear()
        for row in rows:
            if row.raw:
                widget: FieldWidget = RawYamlField((row.key,), None, self._context)
            else:
                widget = build_field_widget((row.key,), row.schema_field, row.value, self._context)
            widget.editRequested.connect(self.editRequested)
            shared = row.key in self._context.post.shared_fields
            label = QLabel(self._label_html(row) + (SHARED_MARK if shared else ""))
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setToolTip(self._describe(row) + (f"\n{SHARED_TIP}" if shared else ""))
            label.setBuddy(widget.editor())
            (self._other_rows if row.raw else self._rows).addRow(label, widget)
            self._fields[row.key] = widget
        self._other_label.setVisible(any(row.raw for row in rows))
        self._shape = [(r.key, self._kind(r), r.raw) for r in rows]

    @staticmethod
    def _label_html(row: _Row) -> str:
        required = row.schema_field is not None and row.schema_field.required
        star = ' <span style="color:#d4380d">*</span>' if required else ""
        return f"<b>{html.escape(row.key)}</b>{star}"

    @staticmethod
    def _describe(row: _Row) -> str:
        f = row.schema_field
        if f is None:
            return "Not in the site's schema" if row.raw else "Typed from its value (no schema)"
        need = "required" if f.required else "optional"
        where = {"config": "site config", "json-schema": "astro sync schema"}.get(
            f.source, f.source
        )
        return f"{f.type.value}, {need} — from the {where}" + (f"\n{f.note}" if f.note else "")

    def _show_problems(self, problems: tuple[Problem, ...] | list[Problem]) -> None:
        while self._problems_layout.count():
            item = self._problems_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        by_path: list[tuple[FieldPath, str]] = []
        for problem in problems:
            path, where = problem.path, format_path(problem.path)
            if path:
                by_path.append((path, problem.message))
            mark = "⚠" if problem.severity == "warning" else "✖"
            button = QPushButton(f"{mark} {where}: {problem.message}")
            button.setProperty("class", "problem")
            button.setFlat(True)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setAccessibleName(f"Problem: {where}: {problem.message}")
            if path:
                button.clicked.connect(lambda _=False, p=path: self.focus_path(p))
            self._problems_layout.addWidget(button)
        self.problems_box.setVisible(bool(problems))
        for widget in self._fields.values():
            widget.set_problems(by_path)

    def _clear(self) -> None:
        for layout in (self._rows, self._other_rows):
            while layout.rowCount():
                layout.removeRow(0)
        self._fields.clear()
        self._shape = []
        self._other_label.hide()

    def _set_status(self, text: str) -> None:
        self.status_label.setText(text)
        self.status_label.setVisible(bool(text))


def _source_or_none(text: str, key: str) -> str | None:
    try:
        return entry_source(text, key)
    except PatchError:
        return None
