"""Watchdog observer -> Qt signal: file changes made by other programs, debounced and coalesced."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver

log = logging.getLogger(__name__)

# Events that say a file's content or existence changed; "opened"/"closed_no_write" do not.
CHANGE_EVENTS = frozenset({"created", "deleted", "modified", "moved", "closed"})


class _Forwarder(FileSystemEventHandler):
    """Runs on watchdog's thread: hands the paths of each event to sink."""

    def __init__(self, sink: Callable[[list[Path]], None]) -> None:
        self._sink = sink

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type not in CHANGE_EVENTS:
            return
        paths = [Path(str(event.src_path))]
        dest = getattr(event, "dest_path", "")
        if dest:
            paths.append(Path(str(dest)))
        self._sink(paths)


class WorkspaceWatcher(QObject):
    """Watches folders recursively; emits pathsChanged on the GUI thread with every path
    created, deleted, modified or moved during the last debounce interval."""

    pathsChanged = Signal(list)
    _arrived = Signal()  # emitted on watchdog's thread, delivered queued on the GUI thread

    def __init__(self, debounce_ms: int = 150, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._pending: set[Path] = set()
        self._observer: BaseObserver | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self._flush)
        self._arrived.connect(self._timer.start)

    def watch(self, folders: list[Path]) -> None:
        """Watch these folders (and everything below), replacing what was watched before."""
        self.stop()
        observer = Observer()
        handler = _Forwarder(self._collect)
        for folder in folders:
            if folder.is_dir():
                observer.schedule(handler, str(folder), recursive=True)
        observer.daemon = True
        try:
            observer.start()
        except OSError as exc:
            # inotify limits can refuse a large tree: the app still works, without live sync.
            log.warning("Cannot watch %s for changes: %s", ", ".join(map(str, folders)), exc)
            return
        self._observer = observer

    def stop(self) -> None:
        """Stop watching and drop pending events."""
        observer, self._observer = self._observer, None
        if observer is not None:
            observer.stop()
            observer.join(timeout=5)
        self._timer.stop()
        with self._lock:
            self._pending.clear()

    def _collect(self, paths: list[Path]) -> None:
        with self._lock:
            first = not self._pending
            self._pending.update(paths)
        if first:
            self._arrived.emit()

    def _flush(self) -> None:
        with self._lock:
            paths, self._pending = sorted(self._pending), set()
        if paths:
            self.pathsChanged.emit(paths)
