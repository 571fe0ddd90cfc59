"""Child process of the workspace benchmark: the real window on a generated site, measured.

Prints one JSON line with, in seconds and bytes:
  tree_visible   open_workspace() to the first rows in the Posts tree
  loaded         open_workspace() to the index and schema ready
  rss_empty      the process tree's resident memory with the window shown, no workspace
  rss_loaded     the same with the workspace loaded and its first post open
  watch          one latency per edited post: file written -> the window's index has it
  watch_floor    one latency per edited file: file written -> a bare watchdog observer saw it
  stall          the longest gap of a 5 ms heartbeat while BURST files are created at once
                 and the window takes them in
  stall_floor    the longest gap of the same heartbeat in the same window, idle as long
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")


def tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/statm") as fh:
                total += int(fh.read().split()[1]) * PAGE
            with open(f"/proc/{current}/task/{current}/children") as fh:
                stack.extend(int(p) for p in fh.read().split())
        except OSError:
            continue
    return total


class Heartbeat:
    """A 5 ms timer on the GUI thread; its longest gap is the longest UI stall."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.longest = 0.0
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.setInterval(5)
        self._timer.timeout.connect(self._beat)

    def _beat(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last)
        self._last = now

    def start(self) -> None:
        self.longest = 0.0
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> float:
        self._timer.stop()
        return self.longest


def _wait(app, condition, timeout: float = 120.0) -> None:
    from PySide6.QtCore import QEventLoop

    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the window did not get there in time")
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 5)


def _retitle(path: Path, n: int) -> None:
    text = path.read_text(encoding="utf-8-sig")
    start = text.index("\ntitle:") + 1
    end = text.index("\n", start)
    path.write_text(text[:start] + f"title: edited {n}" + text[end:], encoding="utf-8")


def _watch_floor(posts: list[Path]) -> list[float]:
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    seen: dict[str, float] = {}
    done = threading.Event()

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event) -> None:
            if event.event_type in ("modified", "closed") and event.src_path not in seen:
                seen[str(event.src_path)] = time.perf_counter()
                done.set()

    observer = Observer()
    observer.schedule(Handler(), str(posts[0].parents[2]), recursive=True)
    observer.start()
    latencies = []
    try:
        for n, post in enumerate(posts):
            done.clear()
            start = time.perf_counter()
            _retitle(post, 1000 + n)
            done.wait(5)
            latencies.append(seen.get(str(post), time.perf_counter()) - start)
    finally:
        observer.stop()
        observer.join()
    return latencies


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("site", type=Path)
    parser.add_argument("--edits", type=int, default=30)
    parser.add_argument("--burst", type=int, default=10_000)
    args = parser.parse_args()

    from PySide6.QtCore import QSettings

    from editor.ui.application import create_application
    from editor.ui.launch import shut_down
    from editor.ui.main_window import MainWindow
    from editor.ui.settings import Settings
    from editor.ui.tasks import TaskRunner

    app = create_application(["postdesk-bench"])
    result: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat))
        tasks = TaskRunner()
        window = MainWindow(settings, tasks)
        window.resize(1600, 950)
        window.show()
        loaded = threading.Event()
        window.workspaceLoaded.connect(lambda _root: loaded.set())
        beat = Heartbeat()
        settle = time.perf_counter() + 3.0  # the preview page and its renderer start
        _wait(app, lambda: time.perf_counter() > settle)
        result["rss_empty"] = tree_rss(os.getpid())

        start = time.perf_counter()
        window.open_workspace(args.site)
        _wait(app, lambda: window.tree.model().rowCount() > 0)
        result["tree_visible"] = time.perf_counter() - start
        _wait(app, loaded.is_set)
        result["loaded"] = time.perf_counter() - start
        _wait(app, lambda: window.session.path is not None)
        settle = time.perf_counter() + 3.0
        _wait(app, lambda: time.perf_counter() > settle)
        result["rss_loaded"] = tree_rss(os.getpid())

        posts = [e.path for e in window.site.entries()[1 : 1 + args.edits]]
        latencies = []
        for n, post in enumerate(posts):
            start = time.perf_counter()
            _retitle(post, n)
            wanted = f"edited {n}"

            def arrived(post: Path = post, wanted: str = wanted) -> bool:
                entry = window.site.entry(post)
                return entry is not None and entry.title == wanted

            _wait(app, arrived, timeout=10)
            latencies.append(time.perf_counter() - start)
        result["watch"] = latencies
        result["watch_floor"] = _watch_floor(posts)

        folder = posts[0].parent / "burst"
        before = len(window.site.entries())

        def create_burst() -> None:
            folder.mkdir()
            for n in range(args.burst):
                (folder / f"burst-{n:05d}.md").write_text(
                    f"---\ntitle: Burst {n}\npubDate: 2026-01-01\n---\nText {n}\n", encoding="utf-8"
                )

        beat.start()
        started = time.perf_counter()
        writer = threading.Thread(target=create_burst)
        writer.start()
        _wait(app, lambda: len(window.site.entries()) >= before + args.burst, timeout=300)
        writer.join()
        result["burst_seen"] = time.perf_counter() - started
        result["stall"] = beat.stop()
        beat.start()
        idle_until = time.perf_counter() + 2.0
        _wait(app, lambda: time.perf_counter() > idle_until)
        result["stall_floor"] = beat.stop()
        shut_down(window, tasks)
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
