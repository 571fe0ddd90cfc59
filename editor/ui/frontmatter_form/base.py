"""What every field editor of the form shares: its path, its schema field, its context."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from editor.core.frontmatter.paths import FieldPath, format_path
from editor.core.frontmatter.requests import EditRequest, SetValue
from editor.core.post import PostContext
from editor.core.schema import Field
from editor.core.workspace.assets import import_image as import_into_assets
from editor.core.workspace.family_tags import SiblingTag

PROBLEM_STYLE = "color: #a8071a;"
INVALID_PROPERTY = "invalid"  # dynamic property the form's style sheet paints red


@dataclass(frozen=True)
class FormContext:
    """The post's context (core data) and the window's services the field editors may call."""

    post: PostContext = field(default_factory=PostContext)
    # A file dialog that returns a chosen image (or None), and the import of an image into
    # the site's assets (returns the post-relative path, raises AssetError).
    choose_image: Callable[[Path], Path | None] | None = None
    import_image: Callable[[Path], str] | None = None
    # Gives the post's siblings the translations of a tag just added (the window writes them).
    add_sibling_tags: Callable[[Sequence[SiblingTag]], None] | None = None

    @classmethod
    def for_post(
        cls,
        post: PostContext,
        choose_image: Callable[[Path], Path | None] | None,
        add_sibling_tags: Callable[[Sequence[SiblingTag]], None] | None = None,
    ) -> FormContext:
        """The context of post, whose editors import images into its site's assets."""
        root, path, slug = post.site_root, post.post_path, post.slug
        if root is None or path is None or slug is None:
            return cls(post, choose_image, add_sibling_tags=add_sibling_tags)
        return cls(
            post,
            choose_image,
            lambda source: import_into_assets(source, root, path, slug),
            add_sibling_tags,
        )


class FieldWidget(QWidget):
    """One field's editor. set_value never emits; only the writer's edits request changes.

    Subclasses build their editor into self.row in _build(), call self.request(...) when
    the writer changes something, and may override set_problems/focus_path for nested editors.
    """

    editRequested = Signal(object)  # an editor.core.frontmatter.requests.EditRequest

    # Editors that hold other editors (objects, lists, tag chips) take every update and
    # protect their own focused parts; a single-value editor being typed in does not take
    # the echo of its own edit (it may lag one keystroke behind).
    updates_while_focused = False

    def __init__(
        self,
        path: FieldPath,
        schema_field: Field | None,
        context: FormContext,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.path = tuple(path)
        self.schema_field = schema_field
        self.context = context
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(2)
        self.row = QHBoxLayout()
        self.row.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(self.row)
        self.problem_label = QLabel()
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet(PROBLEM_STYLE)
        self.problem_label.hide()
        outer.addWidget(self.problem_label)
        self._read_only = False
        self._build()

    # -- what subclasses implement ------------------------------------------------------

    def _build(self) -> None:
        """Create the editor's widgets in self.row (called once, by __init__)."""
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        """Show value (None: the key is absent) without emitting anything."""
        raise NotImplementedError

    def editor(self) -> QWidget:
        """The widget that takes the focus for this field."""
        raise NotImplementedError

    # -- shared behaviour ---------------------------------------------------------------

    def refresh(self, value: Any) -> None:
        """set_value, unless the writer is typing in this single-value editor."""
        if not self.updates_while_focused:
            # The window's focus widget, not the application's: right also while another
            # application is active.
            focused = self.window().focusWidget()
            if focused is not None and (focused is self or self.isAncestorOf(focused)):
                return
        self.set_value(value)

    @property
    def name(self) -> str:
        """The path as the writer reads it: relatedPosts[0].reason.ja."""
        return format_path(self.path)

    def request(self, edit: EditRequest) -> None:
        """Ask the form to apply an edit (ignored while read-only)."""
        if not self._read_only:
            self.editRequested.emit(edit)

    def request_set(self, value: Any) -> None:
        """Ask to set this field's value."""
        self.request(SetValue(self.path, value))

    def set_read_only(self, read_only: bool) -> None:
        """Lock the field (while the YAML does not parse, or for TOML)."""
        self._read_only = read_only
        for widget in self._inputs():
            widget.setEnabled(not read_only)

    def _inputs(self) -> list[QWidget]:
        """The widgets a read-only field disables (editors with several inputs list them)."""
        return [self.editor()]

    def is_read_only(self) -> bool:
        """True while edits are refused."""
        return self._read_only

    def set_problems(self, problems: list[tuple[FieldPath, str]]) -> None:
        """Show the schema problems whose path is this field's (nested editors pass theirs on)."""
        own = [message for path, message in problems if tuple(path) == self.path]
        self.problem_label.setText("\n".join(own))
        self.problem_label.setVisible(bool(own))
        editor = self.editor()
        editor.setProperty(INVALID_PROPERTY, bool(own))
        editor.style().unpolish(editor)
        editor.style().polish(editor)

    def focus_path(self, path: FieldPath) -> bool:
        """Focus the editor of path if it is this field or inside it; True when done."""
        if tuple(path[: len(self.path)]) != self.path:
            return False
        self.editor().setFocus()
        return True

    def label_accessible(self, widget: QWidget, suffix: str = "") -> QWidget:
        """Give widget an accessible name from this field's path."""
        widget.setAccessibleName(f"{self.name} {suffix}".strip())
        return widget
