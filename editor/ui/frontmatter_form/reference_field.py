"""The editor of another post's slug: completes from the workspace, flags unknown slugs."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import QCompleter, QLabel, QLineEdit, QVBoxLayout, QWidget

from editor.ui.frontmatter_form.base import PROBLEM_STYLE, FieldWidget
from editor.ui.frontmatter_form.completion import CompletionModel

TITLE_STYLE = "color: #595959;"
SEPARATOR = " — "

_Index = QModelIndex | QPersistentModelIndex


class _SlugCompleter(QCompleter):
    """Matches "slug — title" (so the writer may type either) and inserts the slug."""

    def pathFromIndex(self, index: _Index) -> str:
        return str(index.data(Qt.ItemDataRole.EditRole) or "")


class ReferenceField(FieldWidget):
    """A post's slug, with the target's title beside it, or a flag when no post has it."""

    def _build(self) -> None:
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(1)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("slug of a post")
        self.label_accessible(self.edit)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.label_accessible(self.status_label, "target")
        self.status_label.hide()
        column.addWidget(self.edit)
        column.addWidget(self.status_label)
        self.row.addLayout(column)

        self.model = CompletionModel(self)
        self.model.set_rows(_post_rows(self.context.post.post_titles))
        self.completer = _SlugCompleter(self.model, self)
        self.completer.setCompletionRole(Qt.ItemDataRole.DisplayRole)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setModelSorting(QCompleter.ModelSorting.UnsortedModel)
        self.edit.setCompleter(self.completer)
        self.edit.textEdited.connect(self._edited)
        # activated is overloaded (text or index); PySide6's stubs cannot index a signal.
        self.completer.activated[str].connect(self._edited)  # type: ignore[index]
        self._text = ""  # the value shown or last asked for: no request repeats it

    def set_value(self, value: Any) -> None:
        text = "" if value is None else str(value)
        self._text = text
        if self.edit.text() != text:
            self.edit.setText(text)
            self.edit.setCursorPosition(0)
        self._show_target(text)

    def editor(self) -> QWidget:
        return self.edit

    def hideEvent(self, event: QHideEvent) -> None:
        # The popup is a window of its own: it must not outlive the field on screen.
        popup = self.completer.popup()
        if popup is not None:
            popup.hide()
        super().hideEvent(event)

    def _edited(self, text: str) -> None:
        self._show_target(text)
        if text != self._text:
            self._text = text
            self.request_set(text)

    def _show_target(self, text: str) -> None:
        slug = text.strip()
        if not slug:
            self.status_label.hide()
            return
        post = self.context.post
        named = post.reference_slugs.get(slug, slug)  # an entry id (ko/x) names a slug
        title = post.post_titles.get(named)
        if title is not None or named in post.reference_slugs:
            self.status_label.setText(title if title is not None else named)
            self.status_label.setStyleSheet(TITLE_STYLE)
        else:
            self.status_label.setText(f"No post with slug ‘{slug}’")
            self.status_label.setStyleSheet(PROBLEM_STYLE)
        self.status_label.show()


def _post_rows(titles: Mapping[str, str]) -> list[tuple[str, str]]:
    """(slug, "slug — title") rows, by slug."""
    return [(slug, f"{slug}{SEPARATOR}{titles[slug]}") for slug in sorted(titles)]
