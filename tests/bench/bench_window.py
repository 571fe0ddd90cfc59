"""The real main window as the benchmarks run it, and waiting on it without spinning.

Qt and the window are imported when called, not with this module: the start-up probe
times those imports.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def bench_window(folder: Path, width: int = 1600, height: int = 950) -> tuple[Any, Any]:
    """(MainWindow, its TaskRunner), shown, with settings in folder, not the user's."""
    from PySide6.QtCore import QSettings

    from editor.ui.main_window import MainWindow
    from editor.ui.settings import Settings
    from editor.ui.tasks import TaskRunner

    settings = Settings(QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat))
    tasks = TaskRunner()
    window = MainWindow(settings, tasks)
    window.resize(width, height)
    window.show()
    return window, tasks


def wait_until(condition: Callable[[], bool], timeout: float = 120.0) -> None:
    """Run the event loop until condition() holds, checking it every 2 ms (never spinning:
    a busy loop here would take the GIL from the window's worker threads)."""
    from PySide6.QtCore import QEventLoop, QTimer

    if condition():
        return
    loop = QEventLoop()
    deadline = time.perf_counter() + timeout

    def check() -> None:
        if condition() or time.perf_counter() > deadline:
            loop.quit()

    timer = QTimer()
    timer.setInterval(2)
    timer.timeout.connect(check)
    timer.start()
    loop.exec()
    timer.stop()
    if not condition():
        raise TimeoutError("the window did not get there in time")
