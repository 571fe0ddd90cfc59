"""The open post: loading, saving, form patches and external changes, around the editor."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from editor.core.frontmatter import PatchError, format_path, trimmed_patch
from editor.core.frontmatter.requests import EditRequest, ReplaceEntry
from editor.core.merge import DiskMerge, merge_with_disk
from editor.core.post import NO_POST, EditRuns, PostState, post_state
from editor.core.schema import Collection
from editor.core.storage import (
    StorageError,
    TextFile,
    file_digest,
    read_text_file,
    write_text_file,
)
from editor.ui.markdown_editor import MarkdownEditor

PARSE_DELAY_MS = 60


def _where(request: EditRequest) -> str:
    if isinstance(request, ReplaceEntry):
        return request.key
    return format_path(request.path)


class DocumentSession(QObject):
    """Owns the open post's file state; the editor's document holds its text."""

    opened = Signal(Path)
    closed = Signal()
    saved = Signal(Path)
    textChanged = Signal()
    modifiedChanged = Signal(bool)
    parsed = Signal(object)  # the PostState of the text, when its frontmatter changed
    problem = Signal(str)  # a message for the writer: failed open/save/patch
    changedOnDisk = Signal(Path)
    reloaded = Signal(Path)
    formEdited = Signal(object, object)  # (EditRequest, the text before it), once applied
    renamed = Signal(Path, Path)  # (old, new): the open post was moved on disk, and followed

    def __init__(self, editor: MarkdownEditor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._editor = editor
        self._path: Path | None = None
        self._file: TextFile | None = None
        self._digest: bytes | None = None  # hash of the bytes last read or written
        self._state: PostState = NO_POST
        self._runs = EditRuns()
        self._collection: Collection | None = None
        self._parse_timer = QTimer(self)
        self._parse_timer.setSingleShot(True)
        self._parse_timer.setInterval(PARSE_DELAY_MS)
        self._parse_timer.timeout.connect(self._parse_now)
        editor.textEdited.connect(self._on_text_edited)
        editor.document().modificationChanged.connect(self.modifiedChanged)

    # -- state ----------------------------------------------------------------------------

    @property
    def path(self) -> Path | None:
        """The open post, or None."""
        return self._path

    def file_size(self) -> int | None:
        """The size in bytes of the open post as last read or saved."""
        return self._file.size if self._file is not None else None

    def is_modified(self) -> bool:
        """True when the text differs from what was last loaded or saved."""
        return self._path is not None and self._editor.document().isModified()

    def text(self) -> str:
        """The current text of the open post."""
        return self._editor.text()

    # -- open, save, close ----------------------------------------------------------------

    def open(self, path: Path) -> bool:
        """Load a post into the editor; False (and a problem message) when it cannot be read."""
        try:
            file = read_text_file(path)
        except StorageError as exc:
            self.problem.emit(str(exc))
            return False
        self._path, self._file = path, file
        self._digest = file_digest(path)
        self._runs = EditRuns()
        self._editor.set_text(file.text)
        self._parse_now(force=True)
        self.opened.emit(path)
        return True

    def close(self) -> None:
        """Forget the open post (the caller has dealt with unsaved edits)."""
        self._path = self._file = self._digest = None
        self._state, self._runs = NO_POST, EditRuns()
        self._editor.set_text("")
        self._parse_timer.stop()
        self.closed.emit()

    def save(self) -> bool:
        """Write the text atomically in the file's own encoding and newline style."""
        if self._path is None:
            return False
        text = self._editor.text()
        if self._file is not None and text == self._file.text and not self._disk_differs():
            # Nothing changed: write nothing, so the file's bytes and mtime stay as they are.
            self._editor.document().setModified(False)
            return True
        try:
            self._file = write_text_file(self._path, text, self._file)
        except StorageError as exc:
            self.problem.emit(str(exc))
            return False
        self._digest = file_digest(self._path)  # its own events are recognised by this
        self._editor.document().setModified(False)
        self.saved.emit(self._path)
        return True

    def reload(self) -> bool:
        """Read the post from disk again, keeping the cursor's line where possible."""
        if self._path is None:
            return False
        cursor_pos = self._editor.textCursor().position()
        scroll = self._editor.verticalScrollBar().value()
        try:
            file = read_text_file(self._path)
        except StorageError as exc:
            self.problem.emit(str(exc))
            return False
        self._file = file
        self._digest = file_digest(self._path)
        self._runs = EditRuns()
        self._editor.set_text(file.text)
        cursor = self._editor.textCursor()
        cursor.setPosition(min(cursor_pos, len(file.text)))
        self._editor.setTextCursor(cursor)
        self._editor.verticalScrollBar().setValue(scroll)
        self._parse_now(force=True)
        self.reloaded.emit(self._path)
        return True

    # -- edits from the form ---------------------------------------------------------------

    def set_collection(self, collection: Collection | None) -> None:
        """The schema the open post is checked against, and new keys are placed by."""
        self._collection = collection  # post_state checks again when the schema changes

    def apply_edit(self, request: EditRequest) -> bool:
        """Turn a form edit into one minimal, undoable patch of the document.

        A run of keystrokes in one field patches the text before the run (EditRuns) and is
        one undo step (the editor joins patches with the same merge key).
        """
        order = self._collection.key_order() if self._collection is not None else None
        before = self._editor.text()
        try:
            step = self._runs.patch(before, request, order)
        except PatchError as exc:
            self.problem.emit(f"Could not change {_where(request)}: {exc}")
            return False
        if step.change is not None:
            self._editor.apply_patch(step.change, merge_key=step.merge_key)
            self.formEdited.emit(request, before)
        return True

    # -- changes on disk --------------------------------------------------------------------

    def on_disk_change(self, path: Path) -> None:
        """React to another program changing the open post."""
        if path != self._path or not self._disk_differs():
            return  # not ours, or our own save
        if not path.exists():
            self.problem.emit(
                f"{path.name} was deleted or moved on disk. Your text is still here: "
                "save to write it back."
            )
            self._editor.document().setModified(True)
            return
        if self.is_modified():
            self.changedOnDisk.emit(path)
        else:
            self.reload()

    def _disk_differs(self) -> bool:
        # By content: an own save seen with another mtime is no change, and a change by
        # another program that kept the size and mtime still is one.
        if self._path is None or self._file is None:
            return False
        return file_digest(self._path) != self._digest

    def disk_differs(self) -> bool:
        """True when the file on disk is not the version we loaded or saved."""
        return self._disk_differs()

    def merge_job(self) -> Callable[[], DiskMerge] | None:
        """A job for a worker: read the disk and merge it with the text as it is now."""
        if self._path is None or self._file is None:
            return None
        base, mine = self._file, self._editor.text()
        return lambda: merge_with_disk(base, mine)

    def apply_merge(self, merge: DiskMerge, text: str) -> bool:
        """Put a merge's text in the editor as one undo step; False when it is stale.

        Ctrl+Z gives the writer's version back. The disk version becomes the base, so the
        next save does not warn about a change on disk.
        """
        if self._file is None or merge.disk.path != self._file.path or merge.mine != self.text():
            return False
        patch = trimmed_patch(merge.mine, text)
        if patch is not None:
            self._editor.apply_patch(patch)
        self._file, self._digest = merge.disk, merge.digest
        self._runs = EditRuns()  # form keystroke runs patched the text before the merge
        self._editor.document().setModified(text != merge.disk.text)
        self._parse_now(force=True)
        return True

    # -- renames on disk ----------------------------------------------------------------------

    def rename_target(self, moves: list[tuple[Path, Path]], created: list[Path]) -> Path | None:
        """Where the open post went, if a batch of changes moved it; None if it did not."""
        path = self._path
        if path is None or path.exists():
            return None
        for source, dest in moves:
            # A moved folder carries the post along: the post is then below dest.
            target = dest if source == path else None
            if target is None and source in path.parents:
                target = dest / path.relative_to(source)
            if target is not None and target.is_file():
                return target
        # Some tools (and moves between watched folders) show a delete and a create.
        for candidate in created:
            if candidate != path and file_digest(candidate) == self._digest:
                return candidate
        return None

    def follow_rename(self, new_path: Path) -> None:
        """Keep the open post (and its unsaved edits) under its new name; saves go there."""
        old = self._path
        if old is None or new_path == old:
            return
        self._path = new_path
        if self._file is not None:
            self._file = replace(self._file, path=new_path)
        self.renamed.emit(old, new_path)

    # -- internals --------------------------------------------------------------------------

    def _on_text_edited(self) -> None:
        self._parse_timer.start()
        self.textChanged.emit()

    def _parse_now(self, force: bool = False) -> None:
        self._parse_timer.stop()
        if self._path is None:
            self._state = NO_POST
            self.parsed.emit(self._state)
            return
        previous = None if force else self._state
        state = post_state(self._editor.text(), self._collection, previous)
        if state is not previous:
            self._state = state
            self.parsed.emit(state)
