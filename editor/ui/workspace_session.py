"""The open workspace: its post index, schema and settings, kept current from the disk."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from editor.core.post import PostContext, SiteSummary, post_context
from editor.core.schema import Collection, SiteSchema, load_site_schema
from editor.core.workspace import PostEntry, PostIndex, content_roots
from editor.core.workspace.changes import IndexDelta, apply_changes
from editor.core.workspace.config import WorkspaceConfig, load_workspace_config
from editor.core.workspace.families import SiteFamilies, group_families
from editor.core.workspace.index_cache import IndexCache
from editor.core.workspace.links import LinkTarget, resolve_link
from editor.ui.tasks import TaskRunner
from editor.ui.watcher import WorkspaceWatcher

log = logging.getLogger(__name__)

_Scanned = tuple[PostIndex, SiteSchema, WorkspaceConfig]


def _scan(index: PostIndex, progress: Callable[[int], None]) -> _Scanned:
    """Worker: read every post (through the disk cache), the site's schema and settings."""
    index.scan(progress)
    return index, load_site_schema(index.site_root), load_workspace_config(index.site_root)


class WorkspaceSession(QObject):
    """Scans a workspace off the UI thread, then keeps its index in step with file events."""

    loaded = Signal(Path)  # the scan finished: entries(), schema and config are ready
    changed = Signal(object, list)  # (IndexDelta, the paths that changed on disk)
    failed = Signal(str)
    # Posts read so far while a scan runs; emitted from the worker, so delivered queued on
    # the GUI thread.
    progress = Signal(int)

    def __init__(self, tasks: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self.root: Path | None = None
        self.index: PostIndex | None = None
        self.schema: SiteSchema | None = None
        self.config = WorkspaceConfig()
        self.watcher = WorkspaceWatcher(parent=self)
        self.watcher.pathsChanged.connect(self._on_paths_changed)
        self._scanning = False
        self._applying = False
        self._pending: list[Path] = []
        self._summary: SiteSummary | None = None
        self._families: SiteFamilies | None = None

    # -- lifecycle ----------------------------------------------------------------------

    def open(self, root: Path) -> None:
        """Start reading root; `loaded` follows (or `failed`)."""
        self.watcher.stop()
        self.root = root
        self.index = PostIndex(root, cache=IndexCache(root))
        self.schema = None
        self.config = WorkspaceConfig()
        self._summary = None
        self._families = None
        self._pending = []
        self._scanning = True
        index = self.index

        def report(done: int) -> None:
            if index is self.index:  # a workspace opened meanwhile makes this scan stale
                self.progress.emit(done)

        self._tasks.run(
            lambda: _scan(index, report), self._on_scanned, self._on_scan_failed, owner=self
        )

    def stop(self) -> None:
        """Stop watching the disk."""
        self.watcher.stop()

    # -- what the window asks -----------------------------------------------------------

    def content_roots(self) -> list[Path]:
        """The folders whose posts are listed."""
        return content_roots(self.root) if self.root is not None else []

    def entries(self) -> list[PostEntry]:
        """Every post, sorted by path."""
        return self.index.entries() if self.index is not None else []

    def entry(self, path: Path) -> PostEntry | None:
        """The index entry of a post."""
        return self.index.get(path) if self.index is not None else None

    def families(self) -> SiteFamilies:
        """The site's posts grouped by family, computed once per version of the index."""
        if self._families is None:
            self._families = group_families(self.entries(), self.config.languages)
        return self._families

    def collection_for(self, path: Path) -> Collection | None:
        """The schema collection a post belongs to."""
        return self.schema.collection_for(path) if self.schema is not None else None

    def resolve_link(self, href: str, post: Path) -> LinkTarget:
        """Where a link in post leads."""
        return resolve_link(href, post, self.entries())

    def post_context(self, post: Path) -> PostContext:
        """What the form's editors may know about post and its workspace."""
        if self._summary is None:
            # Once per index version: opening posts in a 20,000-post site stays quick.
            self._summary = SiteSummary.of(self.entries())
        return post_context(
            post, self.root, self.entry(post), self._summary, self.config.length_windows
        )

    # -- background work ------------------------------------------------------------------

    def _on_scanned(self, result: _Scanned) -> None:
        index, schema, config = result
        if index is not self.index:
            return  # another workspace was opened meanwhile
        self._scanning = False
        self.schema, self.config = schema, config
        self._families = None  # the config may order the languages
        self.watcher.watch(self.content_roots())
        self.loaded.emit(index.site_root)
        if self._pending:
            self._on_paths_changed([])

    def _on_scan_failed(self, exc: Exception) -> None:
        self._scanning = False
        self.failed.emit(f"Could not read the workspace: {exc}")

    def _on_paths_changed(self, paths: list[Path]) -> None:
        self._pending.extend(paths)
        if self._scanning or self._applying or self.index is None or not self._pending:
            return
        batch, self._pending = self._pending, []
        index = self.index
        self._applying = True
        self._tasks.run(
            lambda: apply_changes(index, batch),
            lambda delta: self._on_changes_applied(index, batch, delta),
            self._on_changes_failed,
            owner=self,
        )

    def _on_changes_applied(self, index: PostIndex, batch: list[Path], delta: IndexDelta) -> None:
        self._applying = False
        if index is self.index:
            if delta:
                self._summary = None
                self._families = None
            self.changed.emit(delta, batch)
        if self._pending:
            self._on_paths_changed([])

    def _on_changes_failed(self, exc: Exception) -> None:
        self._applying = False
        log.error("Applying file changes failed", exc_info=exc)
