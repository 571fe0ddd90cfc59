"""Helpers shared by the form widget tests: what a field emits, and what the writer sees."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QFormLayout, QLabel, QWidget

from editor.core.frontmatter.paths import FieldPath
from editor.ui.frontmatter_form.base import FieldWidget
from editor.ui.frontmatter_form.object_fields import ObjectField, ObjectListField
from editor.ui.frontmatter_form.tags_field import TagsField
from tests.qt_support import widgets


def recorded_edits(widget: FieldWidget) -> list:
    """The edit requests the widget emits from now on, in order."""
    edits: list = []
    widget.editRequested.connect(edits.append)
    return edits


def field_at(root: QWidget, path: FieldPath) -> FieldWidget:
    """The editor built for path under root (root included), shown or folded."""
    found = [w for w in widgets(root, FieldWidget) if w.path == tuple(path)]
    assert len(found) == 1, f"{len(found)} editors of {path}"
    return found[0]


def row_labels(field: FieldWidget) -> list[str]:
    """The labels of a mapping's rows, top to bottom."""
    assert isinstance(field, ObjectField)
    rows = range(field.form.rowCount())
    labels = [field.form.itemAt(row, QFormLayout.ItemRole.LabelRole) for row in rows]
    return [item.widget().text() for item in labels if item is not None]


def item_headers(field: FieldWidget) -> list[QWidget]:
    """The header rows of a list's items (the row that holds an item's × button), in order."""
    assert isinstance(field, ObjectListField)
    own = re.compile(rf"remove {re.escape(field.name)}\[\d+\]")
    removes = [b for b in widgets(field, QAbstractButton) if own.fullmatch(b.accessibleName())]
    headers = [b.parentWidget() for b in removes]
    return sorted(headers, key=lambda header: field.items_layout.indexOf(header.parentWidget()))


def item_summaries(field: FieldWidget) -> list[str]:
    """The text each item's header shows (its slug, title or question), in order."""
    direct = Qt.FindChildOption.FindDirectChildrenOnly
    return [header.findChild(QLabel, "", direct).text() for header in item_headers(field)]


def chip_buttons(field: FieldWidget) -> list[QAbstractButton]:
    """The tag chips' × buttons, in the order the chips show."""
    assert isinstance(field, TagsField)
    removes = [
        b for b in widgets(field, QAbstractButton) if b.accessibleName().startswith("remove tag ")
    ]
    return sorted(removes, key=lambda button: field.flow.indexOf(button.parentWidget()))


def chip_tags(field: FieldWidget) -> list[str]:
    """The tags the chips show, in order."""
    direct = Qt.FindChildOption.FindDirectChildrenOnly
    return [b.parentWidget().findChild(QLabel, "", direct).text() for b in chip_buttons(field)]
