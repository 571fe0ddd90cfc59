"""Merge from disk: the merge runs off the UI thread, conflicts go to the merge dialog."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, Signal

from editor.core.merge import DiskMerge, MergeResult, describe_merge
from editor.ui.document_session import DocumentSession
from editor.ui.tasks import TaskRunner


class MergeResolver(Protocol):
    """What asks the writer to resolve conflicts (Dialogs, or a test's stand-in)."""

    def resolve_merge(self, name: str, result: MergeResult) -> str | None: ...


class MergeFromDisk(QObject):
    """Merges the open post's file on disk into its unsaved text when start() is called."""

    merged = Signal(str)  # a status line: what was merged
    cancelled = Signal(Path)  # the writer closed the dialog: the disk change is still open
    failed = Signal(str)  # the file could not be read

    def __init__(
        self,
        session: DocumentSession,
        tasks: TaskRunner,
        dialogs: MergeResolver,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._tasks = tasks
        self._dialogs = dialogs
        self._generation = 0

    def start(self) -> None:
        """Read the disk and merge it with the text now (in a worker); later starts win."""
        job = self._session.merge_job()
        if job is None:
            return
        self._generation += 1
        generation = self._generation
        self._tasks.run(
            job,
            lambda merge: self._deliver(generation, merge),
            lambda exc: self.failed.emit(str(exc)),
            owner=self,
        )

    def _deliver(self, generation: int, merge: DiskMerge) -> None:
        if generation != self._generation or self._session.path != merge.disk.path:
            return  # a newer merge is on its way, or another post is open now
        result = merge.result
        text = result.text
        if result.conflicts:
            answer = self._dialogs.resolve_merge(merge.disk.path.name, result)
            if answer is None:
                self.cancelled.emit(merge.disk.path)
                return
            text = answer
        if not self._session.apply_merge(merge, text):
            # The writer typed while the merge ran: merge again from the text as it is now.
            self.start()
            return
        self.merged.emit(describe_merge(result, len(result.conflicts)))
