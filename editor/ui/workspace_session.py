"""The open workspace: its post index, schema and settings, kept current from the disk."""

from __future__ import annotations

import gc
import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from editor.core.post import PostContext, SiteSummary, post_context
from editor.core.schema import Collection, SiteSchema, load_site_schema
from editor.core.workspace import PostEntry, PostIndex, content_roots
from editor.core.workspace.changes import ChangeBatch, IndexDelta, apply_batch
from editor.core.workspace.config import WorkspaceConfig, load_workspace_config
from editor.core.workspace.families import SiteFamilies, group_families, regroup_families
from editor.core.workspace.index_cache import IndexCache
from editor.core.workspace.links import LinkTarget, resolve_link
from editor.core.workspace.shared_fields import shared_fields_for
from editor.ui.tasks import TaskRunner
from editor.ui.watcher import WorkspaceWatcher

log = logging.getLogger(__name__)

# How long a first scan waits for the window to show the posts it listed before reading.
LISTING_WAIT_S = 1.0
# Shared fields and the site summary may lag a change by this much: learning them waits for
# the window to have shown the change, and a burst of changes is learned once.
LEARN_DELAY_MS = 300
# While more batches are on their way (a checkout, a copy of thousands of files), the window
# hears of them once, when they stop, but at the latest this long after the first was held.
HOLD_MAX_S = 5.0


@dataclass(frozen=True)
class _Learned:
    """What is learned from the whole index: too slow for the UI thread at 20,000 posts."""

    families: SiteFamilies
    shared: frozenset[str]  # the fields a family's posts share
    summary: SiteSummary  # what every post's context shares (tags counted by family)


# A change the window has not been told yet: (IndexDelta, the paths that changed on disk).
_Held = tuple[IndexDelta, list[Path]]
# The last: what prepare_view made of the learned families (None without a prepare_view).
_Scanned = tuple[PostIndex, SiteSchema, WorkspaceConfig, _Learned, Any]

_collection_lock = threading.Lock()
_collection_pauses = 0


@contextmanager
def _building() -> Iterator[None]:
    """Worker: build long-lived index data with the cyclic collector paused, then freeze it.

    A scan or a burst of 10,000 changes makes hundreds of thousands of objects that live as
    long as the index. Collected as they come, they set off full collections that walk them
    all (50 ms each, holding the GIL, so the window stalls); they make no reference cycles,
    so pausing loses nothing, and frozen afterwards they are still freed by reference
    counting when the index lets them go. The price: a reference cycle the window drops
    while such work runs (after a change on disk, a second or two) is frozen with it and
    never collected; the window makes few, and without this a burst of changes stalled it.
    """
    global _collection_pauses
    with _collection_lock:
        _collection_pauses += 1
        gc.disable()
    try:
        yield
    finally:
        with _collection_lock:
            _collection_pauses -= 1
            if _collection_pauses == 0:
                gc.freeze()
                gc.enable()


def _learn(index: PostIndex, config: WorkspaceConfig) -> _Learned:
    """Worker: the families, their shared fields and the site summary."""
    return _learn_more(index.entries(), group_families(index.entries(), config.languages), config)


def _learn_more(
    entries: list[PostEntry], families: SiteFamilies, config: WorkspaceConfig
) -> _Learned:
    """Worker: the shared fields and the site summary of these families."""
    with _building():
        shared = frozenset(shared_fields_for(families.families, config.shared_fields))
        return _Learned(families, shared, SiteSummary.of(entries, families))


def _posts_of(families: SiteFamilies) -> list[PostEntry]:
    """Worker: the posts of families in index order (an apply may change the index meanwhile)."""
    return sorted((p for f in families.families for p in f.posts), key=lambda e: e.rel_path)


def _scan(
    index: PostIndex,
    progress: Callable[[int], None],
    listed: Callable[[list[PostEntry], SiteFamilies], None],
    prepare: Callable[[SiteFamilies], Any] | None,
) -> _Scanned:
    """Worker: read every post (through the disk cache), the site's schema and settings."""
    config = load_workspace_config(index.site_root)
    with _building():
        index.scan(
            progress,
            lambda entries: listed(
                entries, group_families(entries, config.languages, paths_later=True)
            ),
        )
        learned = _learn(index, config)
        prepared = prepare(learned.families) if prepare is not None else None
    return index, load_site_schema(index.site_root), config, learned, prepared


def _apply(
    index: PostIndex,
    batches: list[ChangeBatch],
    held: _Held | None,
    config: WorkspaceConfig,
    before: SiteFamilies,
    prepare: Callable[[SiteFamilies], Any] | None,
    save: bool,
) -> tuple[_Held, SiteFamilies | None, Any]:
    """Worker: merge the waiting batches, apply them as one, regroup what they touched, and
    prepare the view of the new families (prepare, when the window gave one).

    The delta comes back merged with the one the window holds back (held), if any: merging
    10,000 paths is no work for the UI thread. Shared fields and the site summary are
    learned by a later task (_learn_more), so the window hears of the change as soon as the
    families are current. The disk cache is written when save is true (no more changes
    were on their way): in the middle of a burst, writing 30,000 records after each batch
    only held the GIL from the window.
    """
    batch = batches[0]
    for later in batches[1:]:
        batch = batch.merge(later)
    with _building():
        delta = apply_batch(index, batch, save=save)
        if save and index.cache_stale:
            index.save_cache()
        told = _merged(held, delta, batch.paths)
        if not delta:
            return told, None, None
        entries = index.entries()  # sorted here, once, so the GUI thread's entries() is a copy
        families = regroup_families(before, delta.updated, delta.removed, config.languages)
        families = families or group_families(entries, config.languages)
        return told, families, prepare(families) if prepare is not None else None


def _merged(held: _Held | None, delta: IndexDelta, paths: list[Path]) -> _Held:
    """Worker: what the window holds back, followed by delta and its paths."""
    if held is None:
        return delta, list(paths)
    held_delta, held_paths = held
    known = set(held_paths)
    return held_delta.merge(delta), held_paths + [p for p in paths if p not in known]


class WorkspaceSession(QObject):
    """Scans a workspace off the UI thread, then keeps its index in step with file events."""

    loaded = Signal(Path)  # the scan finished: entries(), schema and config are ready
    changed = Signal(object, object)  # (IndexDelta, [the paths that changed on disk])
    failed = Signal(str)
    watchNotice = Signal(str)  # watching degraded (polling instead of inotify): tell the writer
    # Posts read so far while a scan runs; emitted from the worker, so delivered queued on
    # the GUI thread.
    progress = Signal(int)
    # A large first scan lists every post by its path before reading them: (entries, their
    # SiteFamilies), emitted from the worker. Titles and dates follow with `loaded`.
    # Lists travel as `object`: PySide copies a `list` argument item by item (14 ms for
    # 20,000 entries, on the UI thread).
    listed = Signal(object, object, object)  # (entries, families, what prepare_view made)
    _listing = Signal(object, object, object, object)  # from the worker: (…, shown)

    def __init__(self, tasks: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self.root: Path | None = None
        self.index: PostIndex | None = None
        self.schema: SiteSchema | None = None
        self.config = WorkspaceConfig()
        self.watcher = WorkspaceWatcher(parent=self)
        self.watcher.batchReady.connect(self._on_batch)
        self._listing.connect(self._on_listing)
        self.watcher.pollingFallback.connect(self.watchNotice)
        self._scanning = False
        self._applying = False
        self._learning = False
        self._relearn = False  # the index changed while shared fields were being learned
        self._learn_timer = QTimer(self)
        self._learn_timer.setSingleShot(True)
        self._learn_timer.setInterval(LEARN_DELAY_MS)
        self._learn_timer.timeout.connect(self._learn_later)
        self._pending: list[ChangeBatch] = []
        # Applied changes not yet told to the window (more were on their way), and since when.
        self._held: _Held | None = None
        self._held_at = 0.0
        self._summary: SiteSummary | None = None
        self._families: SiteFamilies | None = None
        # Run on a worker with each new version of the families, so the window's view of
        # them is ready when it hears of the change (a 10,000-post burst sorted on the UI
        # thread stalled it). prepared_view() gives the result while those families last.
        self.prepare_view: Callable[[SiteFamilies], Any] | None = None
        self._prepared: tuple[SiteFamilies, Any] | None = None
        self._shared: frozenset[str] | None = None

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
        self._shared = None
        self._pending = []
        self._held = None
        self._learn_timer.stop()
        self._scanning = True
        index = self.index
        # What is alive now (modules, widgets, the page) lives as long as the window: frozen,
        # it is not walked by the full collections that listing 20,000 posts sets off (40 ms
        # each, holding the GIL while the tree waits). Frozen objects are still freed by
        # reference counting.
        gc.freeze()

        def report(done: int) -> None:
            if index is self.index:  # a workspace opened meanwhile makes this scan stale
                self.progress.emit(done)

        prepare = self.prepare_view

        def list_first(entries: list[PostEntry], families: SiteFamilies) -> None:
            if index is self.index:
                shown = threading.Event()
                prepared = prepare(families) if prepare is not None else None
                self._listing.emit(entries, families, prepared, shown)
                # The reading that follows would take the GIL from the UI thread while it
                # builds the tree: let the tree come first (a quarter second at 20,000).
                shown.wait(LISTING_WAIT_S)

        self._tasks.run(
            lambda: _scan(index, report, list_first, prepare),
            self._on_scanned,
            self._on_scan_failed,
            owner=self,
        )

    def _on_listing(
        self,
        entries: list[PostEntry],
        families: SiteFamilies,
        prepared: Any,
        shown: threading.Event,
    ) -> None:
        try:
            self.listed.emit(entries, families, prepared)
        finally:
            shown.set()

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

    def post_count(self) -> int:
        """How many posts the index holds (without sorting them)."""
        return len(self.index) if self.index is not None else 0

    def entry(self, path: Path) -> PostEntry | None:
        """The index entry of a post."""
        return self.index.get(path) if self.index is not None else None

    def families(self) -> SiteFamilies:
        """The site's posts grouped by family, computed once per version of the index."""
        if self._families is None:
            self._families = group_families(self.entries(), self.config.languages)
        return self._families

    def prepared_view(self) -> Any:
        """What prepare_view made of the current families, else None."""
        if self._prepared is not None and self._prepared[0] is self._families:
            return self._prepared[1]
        return None

    def shared_fields(self) -> frozenset[str]:
        """Fields a family's posts share: the site's `sharedFields`, else learned from it."""
        return self._shared if self._shared is not None else frozenset()

    def siblings(self, post: Path) -> list[PostEntry]:
        """The other language versions of post, in the site's language order."""
        return self.families().siblings(post)

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
            self._summary = SiteSummary.of(self.entries(), self.families())
        shared = self.shared_fields() if self.siblings(post) else frozenset()
        return post_context(
            post, self.root, self.entry(post), self._summary, self.config.length_windows, shared
        )

    # -- background work ------------------------------------------------------------------

    def _on_scanned(self, result: _Scanned) -> None:
        index, schema, config, learned, prepared = result
        if index is not self.index:
            return  # another workspace was opened meanwhile
        self._scanning = False
        self.schema, self.config = schema, config
        self._take(learned)
        self._prepared = (learned.families, prepared)
        self.watcher.watch(self.content_roots())
        self.loaded.emit(index.site_root)
        if self._pending:
            self._on_batch(ChangeBatch())

    def _take(self, learned: _Learned) -> None:
        self._families, self._shared = learned.families, learned.shared
        self._summary = learned.summary

    def _on_scan_failed(self, exc: Exception) -> None:
        self._scanning = False
        self.failed.emit(f"Could not read the workspace: {exc}")

    def _on_batch(self, batch: ChangeBatch) -> None:
        # Batches that arrive while one is applied (or during the scan) wait; the worker
        # merges them, since merging thousands of paths is no work for the GUI thread.
        if batch:
            self._pending.append(batch)
        if self._scanning or self._applying or self.index is None or not self._pending:
            return
        batches, self._pending = self._pending, []
        index, config, before, prepare = self.index, self.config, self.families(), self.prepare_view
        held, save = self._held, not self.watcher.busy()
        self._applying = True
        self._tasks.run(
            lambda: _apply(index, batches, held, config, before, prepare, save),
            lambda result: self._on_changes_applied(index, *result),
            self._on_changes_failed,
            owner=self,
        )

    def _on_changes_applied(
        self, index: PostIndex, told: _Held, families: SiteFamilies | None, prepared: Any
    ) -> None:
        self._applying = False
        if index is self.index:
            if families is not None:
                self._families = families
                self._prepared = (families, prepared)
                if not self._learn_timer.isActive():  # not restarted: steady edits still learn
                    self._learn_timer.start()
            self._tell(told)
        if self._pending:
            self._on_batch(ChangeBatch())

    def _tell(self, told: _Held) -> None:
        """Emit changed with told (which includes what was held back), or hold it back too.

        A burst arrives as several batches: the window updates its tree once at the end,
        or every HOLD_MAX_S while it lasts.
        """
        if self._held is None:
            self._held_at = time.monotonic()
        self._held = told
        more = bool(self._pending) or self.watcher.busy()
        if more and time.monotonic() - self._held_at < HOLD_MAX_S:
            return
        (delta, paths), self._held = self._held, None
        self.changed.emit(delta, paths)

    def _learn_later(self) -> None:
        # One learning task at a time; changes meanwhile ask for one more run after it.
        if self._learning:
            self._relearn = True
            return
        if self.index is None:
            return
        if self._applying or self._pending or self.watcher.busy():
            # A burst is still arriving: learning now would only compete with applying it
            # (and with the window showing it) for the GIL. Once it is over.
            self._learn_timer.start()
            return
        self._learning, self._relearn = True, False
        config, families, index = self.config, self.families(), self.index
        self._tasks.run(
            lambda: _learn_more(_posts_of(families), families, config),
            lambda learned: self._on_learned(index, learned),
            self._on_learn_failed,
            owner=self,
        )

    def _on_learned(self, index: PostIndex, learned: _Learned) -> None:
        self._learning = False
        if (
            index is self.index
        ):  # a change meanwhile: still closer than before; one more run follows
            self._shared, self._summary = learned.shared, learned.summary
        if self._relearn:
            self._learn_later()

    def _on_learn_failed(self, exc: Exception) -> None:
        self._learning = False
        log.error("Learning the site's shared fields failed", exc_info=exc)

    def _on_changes_failed(self, exc: Exception) -> None:
        self._applying = False
        log.error("Applying file changes failed", exc_info=exc)
        if self._held is not None and not self._pending:
            (delta, paths), self._held = self._held, None
            self.changed.emit(delta, paths)
