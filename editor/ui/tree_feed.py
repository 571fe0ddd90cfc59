"""Index deltas fed to the workspace tree in slices, so a 10,000-file checkout never freezes it."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from editor.core.workspace import PostEntry
from editor.core.workspace.changes import IndexDelta

# Deltas this small are applied at once (an edit, a rename): the tree is current when the
# window handles the same change (selecting a renamed post, say).
IMMEDIATE_OPS = 200
SLICE_BUDGET_S = 0.008  # half a frame per turn of the event loop


class TreeFeed(QObject):
    """Applies removals and upserts to the tree in order, a time-boxed slice per loop turn."""

    drained = Signal(bool)  # everything queued is in the tree; True when it took slices

    def __init__(
        self,
        remove: Callable[[Path], None],
        upsert: Callable[[PostEntry], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._remove = remove
        self._upsert = upsert
        self._queue: deque[Path | PostEntry] = deque()
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._slice)

    def feed(self, delta: IndexDelta) -> None:
        """Queue what a delta did; small ones on an idle feed are applied now."""
        self._queue.extend(delta.removed)
        self._queue.extend(delta.updated)
        if not self._timer.isActive() and len(self._queue) <= IMMEDIATE_OPS:
            self._run(None)
            self.drained.emit(False)
        elif self._queue:
            self._timer.start()

    def clear(self) -> None:
        """Drop what is queued (the tree was filled anew)."""
        self._queue.clear()
        self._timer.stop()

    def busy(self) -> bool:
        """True while queued changes are not yet in the tree."""
        return bool(self._queue)

    def _slice(self) -> None:
        self._run(time.perf_counter() + SLICE_BUDGET_S)
        if not self._queue:
            self._timer.stop()
            self.drained.emit(True)

    def _run(self, deadline: float | None) -> None:
        queue = self._queue
        count = 0
        while queue:
            item = queue.popleft()
            if isinstance(item, PostEntry):
                self._upsert(item)
            else:
                self._remove(item)
            count += 1
            # The clock is read every few items: reading it costs as much as a small upsert.
            if deadline is not None and count % 16 == 0 and time.perf_counter() > deadline:
                return
