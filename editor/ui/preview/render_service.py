"""Renders the open post off the UI thread and hands the newest result to the preview."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from editor.core.render import IncrementalRenderer, MarkdownRenderer
from editor.core.render.block_diff import RenderOutcome
from editor.core.render.document import render_open_document
from editor.core.render.page_sync import post_id_of
from editor.ui.tasks import TaskRunner


@dataclass(frozen=True)
class RenderRequest:
    """What to render: the document text and where the post lives."""

    seq: int
    post_id: str | None
    text: str
    post_path: Path | None
    site_root: Path | None


@dataclass(frozen=True)
class RenderResult:
    """A rendered post (with how it changed since the post's previous render), tagged with
    the request it answers."""

    request: RenderRequest
    outcome: RenderOutcome


class RenderService(QObject):
    """Background renderer: at most one render runs; newer requests replace waiting ones."""

    rendered = Signal(object)  # RenderResult
    failed = Signal(str)

    def __init__(self, tasks: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._base = MarkdownRenderer()
        # One incremental renderer for the open post: typing re-renders the changed blocks
        # only. Renders never overlap (one at a time), as the incremental renderer requires.
        self._incremental: tuple[str | None, IncrementalRenderer] | None = None
        self._seq = 0
        self._running = False
        self._waiting: RenderRequest | None = None

    def request(self, text: str, post_path: Path | None, site_root: Path | None) -> int:
        """Queue a render of text; returns its sequence number."""
        self._seq += 1
        self._waiting = RenderRequest(self._seq, post_id_of(post_path), text, post_path, site_root)
        self._start_next()
        return self._seq

    def latest_seq(self) -> int:
        """The sequence number of the newest request."""
        return self._seq

    def _renderer_for(self, post_id: str | None) -> IncrementalRenderer:
        if self._incremental is None or self._incremental[0] != post_id:
            self._incremental = (post_id, IncrementalRenderer(self._base))
        return self._incremental[1]

    def _render(self, req: RenderRequest) -> RenderResult:
        renderer = self._renderer_for(req.post_id)
        return RenderResult(
            req, render_open_document(renderer, req.text, req.post_path, req.site_root)
        )

    def _start_next(self) -> None:
        if self._running or self._waiting is None:
            return
        req, self._waiting = self._waiting, None
        self._running = True
        self._tasks.run(lambda: self._render(req), self._finished, self._error)

    def _finished(self, result: RenderResult) -> None:
        self._running = False
        # Shown even when a newer request waits: on a long post, skipping stale results would
        # freeze the preview for as long as the writer keeps typing.
        self.rendered.emit(result)
        self._start_next()

    def _error(self, exc: Exception) -> None:
        self._running = False
        self.failed.emit(f"The preview could not render this post: {exc}")
        self._start_next()
