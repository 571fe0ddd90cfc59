"""One small helper for background work: run in a pool, deliver the result on the GUI thread."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class _Delivery(QObject):
    """Lives on the GUI thread; a signal emitted from the worker is queued to it."""

    done = Signal(object, object)  # (result, error)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], delivery: _Delivery) -> None:
        super().__init__()
        self._fn = fn
        self._delivery = delivery

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:
            self._delivery.done.emit(None, exc)
        else:
            self._delivery.done.emit(result, None)


class TaskRunner(QObject):
    """Runs callables on a thread pool and calls back on the thread that owns the runner."""

    def __init__(self, max_threads: int = 2, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._pending: set[_Delivery] = set()

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None] | None = None,
        owner: QObject | None = None,
    ) -> None:
        """Run fn() in the pool; on_done(result) or on_error(exc) runs on the GUI thread.

        The callbacks are dropped when owner (by default the object of a bound-method
        on_done) was deleted meanwhile: a closed window must not receive late results.
        """
        bound_to = getattr(on_done, "__self__", None)
        if owner is None and isinstance(bound_to, QObject):
            owner = bound_to
        delivery = _Delivery()
        self._pending.add(delivery)

        def deliver(result: Any, error: Exception | None) -> None:
            self._pending.discard(delivery)
            delivery.deleteLater()
            if owner is not None and not shiboken6.isValid(owner):
                return
            if error is None:
                on_done(result)
            elif on_error is not None:
                on_error(error)
            else:
                log.error("Background task failed", exc_info=error)

        delivery.done.connect(deliver)
        self._pool.start(_Job(fn, delivery))

    def wait(self, msecs: int = -1) -> bool:
        """Block until the pool is idle (for shutdown and tests); results are still queued."""
        return self._pool.waitForDone(msecs)
