"""Watchdog observer -> Qt signal: file changes made by other programs, debounced and coalesced."""

from __future__ import annotations

import errno
import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

from editor.core.workspace.changes import ChangeBatch

log = logging.getLogger(__name__)

# Events that say a file's content or existence changed; "opened"/"closed_no_write" do not.
CHANGE_EVENTS = frozenset({"created", "deleted", "modified", "moved", "closed"})
# The same, asked of the kernel: without it inotify also reports every file opened and
# closed unread, and each of those costs watchdog's threads Python work (holding the GIL
# the window needs). Reading 10,000 new posts, the index itself made 20,000 such events.
_WATCHED = [
    FileCreatedEvent,
    DirCreatedEvent,
    FileDeletedEvent,
    DirDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    DirMovedEvent,
    FileClosedEvent,
]
# watchdog handles an inotify queue overflow itself (it rebuilds its watches) and only logs
# it; the log record is the one place it says that events were lost.
_OVERFLOW_LOGGER = "watchdog.observers.inotify_c"
_OVERFLOW_TEXT = "queue overflowed"
# Errors that mean the kernel's inotify limits were reached, not that the folder is bad.
_LIMIT_ERRNOS = frozenset({errno.ENOSPC, errno.EMFILE, errno.ENFILE})
POLL_INTERVAL_S = 2.0

ObserverFactory = Callable[[], BaseObserver]


def limit_notice(folders: list[Path]) -> str:
    """What the writer is told when live watching falls back to polling."""
    names = ", ".join(folder.name for folder in folders)
    return (
        f"Too many folders to watch live (inotify limit): checking {names} for changes every "
        f"{POLL_INTERVAL_S:g} s. Raise fs.inotify.max_user_watches (sysctl) to watch live."
    )


class _Forwarder(FileSystemEventHandler):
    """Runs on watchdog's thread: hands the paths of each event to sink."""

    def __init__(self, sink: Callable[[list[Path], tuple[Path, Path] | None], None]) -> None:
        self._sink = sink

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type not in CHANGE_EVENTS:
            return
        if event.is_directory and event.event_type in ("modified", "closed"):
            # A folder is "modified" whenever a file in it changes: that file has its own
            # event, and reading the folder again would re-read every post in it.
            return
        source = Path(str(event.src_path))
        dest = getattr(event, "dest_path", "")
        if dest:
            self._sink([source, Path(str(dest))], (source, Path(str(dest))))
        else:
            self._sink([source], None)


class _OverflowListener(logging.Handler):
    """Turns watchdog's overflow warning into a call (on watchdog's thread)."""

    def __init__(self, on_overflow: Callable[[], None]) -> None:
        super().__init__(logging.WARNING)
        self._on_overflow = on_overflow

    def emit(self, record: logging.LogRecord) -> None:
        if _OVERFLOW_TEXT in record.getMessage():
            self._on_overflow()


class WorkspaceWatcher(QObject):
    """Watches folders recursively; emits batchReady on the GUI thread with a ChangeBatch.

    A batch ends once events stop for quiet_ms, or at the latest max_wait_ms after its
    first event, so a long checkout still shows progress and is a few batches, not
    thousands. Folders the native observer cannot watch (inotify limits) are polled.
    """

    batchReady = Signal(object)  # ChangeBatch
    pollingFallback = Signal(str)  # a sentence for the writer, once per watcher
    _arrived = Signal()  # emitted on watchdog's thread, delivered queued on the GUI thread

    def __init__(
        self,
        quiet_ms: int = 120,
        max_wait_ms: int = 1000,
        parent: QObject | None = None,
        observer_factory: ObserverFactory = Observer,
        polling_factory: ObserverFactory | None = None,
    ) -> None:
        super().__init__(parent)
        self._quiet_s = quiet_ms / 1000
        self._max_wait_s = max_wait_ms / 1000
        self._observer_factory = observer_factory
        self._polling_factory = polling_factory or (
            lambda: PollingObserver(timeout=POLL_INTERVAL_S)
        )
        self._lock = threading.Lock()
        self._pending = ChangeBatch()
        self._seen: set[Path] = set()  # the paths of _pending, so each is listed once
        self._first_at = 0.0
        self._last_at = 0.0
        self._observers: list[BaseObserver] = []
        self._told_fallback = False
        self._overflow = _OverflowListener(self._on_overflow)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._check)
        self._arrived.connect(self._start_timer)

    def watch(self, folders: list[Path]) -> None:
        """Watch these folders (and everything below), replacing what was watched before."""
        self.stop()
        folders = [folder for folder in folders if folder.is_dir()]
        handler = _Forwarder(self._collect)
        native = self._start(self._observer_factory)
        polled: list[Path] = []
        for folder in folders:
            try:
                if native is None:
                    raise OSError(errno.ENOSPC, "the native observer did not start")
                native.schedule(handler, str(folder), recursive=True, event_filter=_WATCHED)
            except OSError as exc:
                if exc.errno not in _LIMIT_ERRNOS:
                    log.warning("Cannot watch %s for changes: %s", folder, exc)
                    continue
                polled.append(folder)
        if polled:
            self._poll(polled, handler)
        logging.getLogger(_OVERFLOW_LOGGER).addHandler(self._overflow)

    def busy(self) -> bool:
        """True while events wait for their batch: more changes are on their way."""
        with self._lock:
            return bool(self._pending)

    def stop(self) -> None:
        """Stop watching and drop pending events."""
        logging.getLogger(_OVERFLOW_LOGGER).removeHandler(self._overflow)
        observers, self._observers = self._observers, []
        for observer in observers:
            observer.stop()
        for observer in observers:
            observer.join(timeout=5)
        self._timer.stop()
        with self._lock:
            self._pending, self._seen = ChangeBatch(), set()

    def _start(self, factory: ObserverFactory) -> BaseObserver | None:
        try:
            observer = factory()
            observer.daemon = True
            observer.start()
        except OSError as exc:
            log.warning("Cannot start a file watcher: %s", exc)
            return None
        self._observers.append(observer)
        return observer

    def _poll(self, folders: list[Path], handler: _Forwarder) -> None:
        log.warning(
            "inotify limits reached; polling %s. To watch live: "
            "sudo sysctl fs.inotify.max_user_watches=524288",
            ", ".join(map(str, folders)),
        )
        observer = self._start(self._polling_factory)
        if observer is None:
            return
        for folder in folders:
            try:
                observer.schedule(handler, str(folder), recursive=True, event_filter=_WATCHED)
            except OSError as exc:
                log.warning("Cannot poll %s for changes: %s", folder, exc)
        if not self._told_fallback:
            self._told_fallback = True
            self.pollingFallback.emit(limit_notice(folders))

    # -- on watchdog's threads ------------------------------------------------------------

    def _collect(self, paths: list[Path], move: tuple[Path, Path] | None) -> None:
        now = time.monotonic()
        with self._lock:
            first = not self._pending
            if first:
                self._first_at = now
            self._last_at = now
            # Deduplicated here, on watchdog's thread: hashing 10,000 paths is no GUI work.
            for path in paths:
                if path not in self._seen:
                    self._seen.add(path)
                    self._pending.paths.append(path)
            if move is not None:
                self._pending.moves.append(move)
        if first:
            self._arrived.emit()

    def _on_overflow(self) -> None:
        with self._lock:
            first = not self._pending
            if first:
                self._first_at = self._last_at = time.monotonic()
            self._pending.overflow = True
        if first:
            self._arrived.emit()

    # -- on the GUI thread ------------------------------------------------------------------

    def _start_timer(self) -> None:
        if not self._timer.isActive():
            self._timer.start(round(self._quiet_s * 1000))

    def _check(self) -> None:
        # One timer, re-armed from timestamps: events never touch the GUI thread one by one.
        now = time.monotonic()
        with self._lock:
            if not self._pending:
                return
            quiet_left = self._last_at + self._quiet_s - now
            wait_left = self._first_at + self._max_wait_s - now
            if quiet_left > 0 and wait_left > 0:
                self._timer.start(max(1, round(min(quiet_left, wait_left) * 1000)))
                return
            batch, self._pending, self._seen = self._pending, ChangeBatch(), set()
        self.batchReady.emit(batch)
