"""File › Export as HTML: the preview as it is on screen, written as one self-contained file."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from editor.core.render.export_html import build_export, export_style
from editor.core.render.page_sync import post_id_of
from editor.core.storage import write_text_file
from editor.ui.preview.preview_view import PreviewView
from editor.ui.preview.render_service import RenderService
from editor.ui.tasks import TaskRunner


@dataclass(frozen=True)
class ExportJob:
    """Where to write, and what the file says about the post."""

    out: Path
    post_path: Path
    site_root: Path | None
    title: str
    lang: str


class ExportAction(QObject):
    """Writes the page's drawn header and blocks (Mermaid already SVG), sanitized, with
    images and styles inlined, once the page shows the newest text."""

    finished = Signal(Path)
    failed = Signal(str)

    def __init__(
        self,
        preview: PreviewView,
        renderer: RenderService,
        tasks: TaskRunner,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._preview = preview
        self._renderer = renderer
        self._tasks = tasks
        self._job: ExportJob | None = None
        renderer.failed.connect(self._on_render_failed)
        preview.rendered.connect(self._on_rendered)

    def export(self, job: ExportJob) -> None:
        """Start an export; the page is read once it shows the newest render."""
        if self._job is not None:
            self.failed.emit("An export is already being written; wait for it to finish.")
            return
        self._job = job
        if self._shows_newest():
            self._collect()
        # Otherwise _on_rendered collects when the newest render (and its diagrams) is drawn.

    def _shows_newest(self) -> bool:
        shown = self._preview.shown()
        return shown is not None and shown.seq == self._renderer.latest_seq()

    def _on_render_failed(self, message: str) -> None:
        if self._job is not None:
            self._fail(message)

    def _on_rendered(self, _seq: int) -> None:
        if self._job is not None and self._shows_newest():
            self._collect()

    def _collect(self) -> None:
        job = self._job
        if job is None:
            return
        shown = self._preview.shown()
        if shown is None or shown.post_id != post_id_of(job.post_path):
            self._fail(f"Another post was opened before {job.post_path.name} was exported.")
            return
        dark = self._preview.dark_theme()

        def collected(value: object) -> None:
            try:
                pieces = json.loads(value) if isinstance(value, str) else None
            except ValueError:
                pieces = None
            if not isinstance(pieces, dict):
                self._fail("The preview page did not hand over its content.")
                return
            header, body = str(pieces.get("header", "")), str(pieces.get("body", ""))
            # Encoding images and writing the file may take a while: not on the UI thread.
            self._tasks.run(lambda: self._write(job, header, body, dark), self._done, self._error)

        self._preview.collect(collected)

    @staticmethod
    def _write(job: ExportJob, header: str, body: str, dark: bool) -> Path:
        html = build_export(
            header,
            body,
            job.title,
            export_style(dark),
            job.site_root,
            job.post_path,
            dark=dark,
            lang=job.lang,
        )
        write_text_file(job.out, html)
        return job.out

    def _done(self, out: Path) -> None:
        self._job = None
        self.finished.emit(out)

    def _error(self, exc: Exception) -> None:
        self._fail(f"Could not export the post: {exc}")

    def _fail(self, message: str) -> None:
        self._job = None
        self.failed.emit(message)
