"""Raw YAML: keys the schema does not know, edited as written and kept as written."""

from __future__ import annotations

from typing import Any

import yaml
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QFontDatabase, QKeyEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from editor.core.frontmatter.requests import ReplaceEntry
from editor.ui.frontmatter_form.base import FieldWidget


class _SourceEdit(QPlainTextEdit):
    """Applies on leaving the field or Ctrl+Enter, not on every keystroke: half-typed
    YAML is rarely valid, and a refused edit on each key press would only be noise."""

    committed = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.committed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if ctrl and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.committed.emit()
            return
        super().keyPressEvent(event)


class RawYamlField(FieldWidget):
    """A top-level key's YAML lines as written; nested values of unknown shape read-only."""

    def _build(self) -> None:
        self._edit = _SourceEdit()
        self._edit.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self._edit.setTabChangesFocus(True)
        self._edit.setMaximumHeight(140)
        self._edit.committed.connect(self._commit)
        self.row.addWidget(self.label_accessible(self._edit, "YAML"))
        self._source: str | None = None
        self._editable = len(self.path) == 1 and isinstance(self.path[0], str)
        self._edit.setReadOnly(not self._editable)
        self._edit.setToolTip(
            "YAML as written in the file; applied when you leave the field or press Ctrl+Enter."
            if self._editable
            else "Shown as YAML; edit it in the text."
        )

    def set_source(self, source: str | None) -> None:
        """Show the key's lines exactly as the file has them."""
        self._source = source
        if source is not None and self._edit.toPlainText() != source.rstrip("\n"):
            self._edit.setPlainText(source.rstrip("\n"))

    def set_value(self, value: Any) -> None:
        if self._source is None:
            dumped = yaml.safe_dump(
                {self.path[-1]: value} if self._editable else value,
                allow_unicode=True,
                sort_keys=False,
                width=1000,
            ).rstrip()
            if self._edit.toPlainText() != dumped:
                self._edit.setPlainText(dumped)

    def editor(self) -> QWidget:
        return self._edit

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self._edit.setEnabled(True)  # stays readable and scrollable
        self._edit.setReadOnly(read_only or not self._editable)

    def _commit(self) -> None:
        if not self._editable or self.is_read_only() or self._source is None:
            return
        text = self._edit.toPlainText()
        if text.rstrip("\n") != self._source.rstrip("\n"):
            self.request(ReplaceEntry(str(self.path[0]), text + "\n"))
