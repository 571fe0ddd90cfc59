"""The offer to carry an edit of a shared field to the post's other languages, and its undo."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from editor.core.frontmatter.requests import EditRequest, SetValue
from editor.core.workspace.shared_fields import (
    FieldEdit,
    SharedApplied,
    SiblingSkip,
    UndoResult,
    apply_to_siblings,
    field_edit,
    top_level_key,
    undo_applied,
)
from editor.ui.document_session import DocumentSession
from editor.ui.notice_bar import NoticeBar
from editor.ui.tasks import TaskRunner
from editor.ui.workspace_session import WorkspaceSession

# A run of edits in one field ends after this long without another one (or when the
# field loses the focus): the offer comes once, with the run's final value.
IDLE_MS = 1000


def form_with_bar(form: QWidget, bar: QWidget) -> QWidget:
    """The form with a bar under it: what the Frontmatter dock holds."""
    holder = QWidget()
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    column.addWidget(form, 1)
    column.addWidget(bar)
    return holder


def file_label(path: Path) -> str:
    """A sibling as the writer tells it apart: its folder and name (`ja/post.md`)."""
    return f"{path.parent.name}/{path.name}"


def _skipped(skips: tuple[SiblingSkip, ...]) -> str:
    problems = [s for s in skips if s.problem]
    if not problems:
        return ""
    listed = "; ".join(f"{file_label(s.path)} ({s.reason})" for s in problems)
    return f" Not changed: {listed}."


@dataclass
class _Run:
    """Edits of one shared field of one post, not yet offered."""

    path: Path
    key: str
    before: str  # the post's text before the run's first edit
    requests: list[EditRequest] = field(default_factory=list)

    def add(self, request: EditRequest) -> None:
        last = self.requests[-1] if self.requests else None
        same = isinstance(last, SetValue) and last.path == getattr(request, "path", None)
        if isinstance(request, SetValue) and same:
            self.requests[-1] = request  # keystrokes in one field: the last value is the edit
        else:
            self.requests.append(request)


class SharedFieldOffer(QObject):
    """Watches form edits of shared fields; offers, applies and undoes them for the siblings."""

    message = Signal(str)  # what was done, for the status bar

    def __init__(
        self,
        session: DocumentSession,
        site: WorkspaceSession,
        tasks: TaskRunner,
        bar: NoticeBar,
        field_widget: Callable[[str], QWidget | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._site = site
        self._tasks = tasks
        self._bar = bar
        self._field_widget = field_widget
        self._run: _Run | None = None
        self._offered: tuple[FieldEdit, list[Path]] | None = None
        self._applied: SharedApplied | None = None
        self._busy = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(IDLE_MS)
        self._timer.timeout.connect(self.end_run)
        bar.setAccessibleName("Shared field")
        session.formEdited.connect(self._on_form_edited)
        session.opened.connect(self._on_post_changed)
        session.closed.connect(self._on_post_changed)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)

    # -- the run of edits ---------------------------------------------------------------

    def _on_form_edited(self, request: EditRequest, before: str) -> None:
        path = self._session.path
        key = top_level_key(request)
        if self._run is not None and (self._run.key != key or self._run.path != path):
            self.end_run()
        if path is None or key not in self._site.shared_fields() or not self._siblings(path):
            return
        if self._run is None:
            self._run = _Run(path, key, before)
        self._run.add(request)
        self._timer.start()

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if self._run is None:
            return
        widget = self._field_widget(self._run.key)
        if widget is None or new is None or not (new is widget or widget.isAncestorOf(new)):
            self.end_run()

    def _on_post_changed(self, *_args: object) -> None:
        # An offer belongs to the post it was made for; an undo names its files and stays.
        self._run = None
        self._timer.stop()
        if self._offered is not None:
            self._offered = None
            self._bar.hide()

    def _siblings(self, path: Path) -> list[Path]:
        return [entry.path for entry in self._site.siblings(path)]

    def end_run(self) -> None:
        """End the current run of edits and offer its final value to the siblings."""
        self._timer.stop()
        run, self._run = self._run, None
        if run is None or run.path != self._session.path:
            return
        edit = field_edit(run.key, run.before, self._session.text(), run.requests)
        siblings = self._siblings(run.path)
        if not edit.changed or not siblings:
            return
        self._offered = (edit, siblings)
        langs = [e.lang or file_label(e.path) for e in self._site.siblings(run.path)]
        count = len(siblings)
        noun = "sibling" if count == 1 else "siblings"
        self._bar.show_notice(
            f"{run.key} is shared by this post's {', '.join(langs)} versions.",
            [(f"Apply to {count} {noun}", self.apply), ("Not now", self._decline)],
        )

    def pending(self) -> bool:
        """True while an offer is shown."""
        return self._offered is not None

    # -- applying and undoing ----------------------------------------------------------

    def _decline(self) -> None:
        self._offered = None

    def apply(self) -> None:
        """Write the offered value into each sibling file (off the UI thread)."""
        if self._offered is None or self._busy:
            return
        edit, paths = self._offered
        self._offered = None
        order = self._site.collection_for(paths[0])
        key_order = order.key_order() if order is not None else None
        self._busy = True
        self._tasks.run(
            lambda: apply_to_siblings(paths, edit, key_order),
            self._on_applied,
            self._on_failed,
            owner=self,
        )

    def _on_applied(self, applied: SharedApplied) -> None:
        self._busy = False
        if not applied.written:
            self._applied = None
            text = f"{applied.key} was not applied to any sibling." + _skipped(applied.skipped)
            self._bar.show_notice(text, [("Dismiss", lambda: None)])
            self.message.emit(text)
            return
        self._applied = applied
        files = ", ".join(file_label(c.path) for c in applied.written)
        text = f"Applied {applied.key} to {files}." + _skipped(applied.skipped)
        self._bar.show_notice(text, [("Undo", self.undo), ("Dismiss", lambda: None)])
        self.message.emit(text)

    def undo(self) -> None:
        """Put back each sibling's previous bytes, where the file is still as we wrote it."""
        applied, self._applied = self._applied, None
        if applied is None or self._busy:
            return
        self._busy = True
        self._tasks.run(
            lambda: undo_applied(applied),
            lambda result: self._on_undone(applied.key, result),
            self._on_failed,
            owner=self,
        )

    def _on_undone(self, key: str, result: UndoResult) -> None:
        self._busy = False
        files = ", ".join(file_label(p) for p in result.restored) or "no file"
        text = f"Undid {key} in {files}."
        if result.left:
            left = "; ".join(f"{file_label(s.path)} ({s.reason})" for s in result.left)
            text += f" Left alone: {left}."
            self._bar.show_notice(text, [("Dismiss", lambda: None)])
        self.message.emit(text)

    def _on_failed(self, exc: Exception) -> None:
        self._busy = False
        text = f"Applying the field to the other languages failed: {exc}"
        self._bar.show_notice(text, [("Dismiss", lambda: None)])
        self.message.emit(text)
