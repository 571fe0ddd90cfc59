"""The watcher at scale, in the real window: latency of one edit, UI stalls during a burst.

Latency: a post's title is changed by another program 50 times; each time, from the write
to the tree showing the new title. Floor: a bare watchdog observer's time from the write to
its event, measured in the same run. Stall: a 5 ms QTimer heartbeat runs while another
process creates (then deletes) 10,000 posts; the longest gap between beats until the tree
shows the end state. Floor: the longest gap of the same heartbeat on an idle window.
Run alone: `xvfb-run -a python -m tests.bench.bench_watcher` (needs a display).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

BURST = 10_000
EDITS = 50
_WRITE_BURST = """
import sys, pathlib
folder = pathlib.Path(sys.argv[1]); folder.mkdir(exist_ok=True)
for i in range(int(sys.argv[2])):
    text = f"---\\ntitle: 一括 {i}\\n---\\n本文\\n"
    (folder / f"burst-{i:05}.md").write_text(text, encoding="utf-8")
"""
_DELETE_BURST = """
import sys, pathlib
for path in pathlib.Path(sys.argv[1]).glob("burst-*.md"):
    path.unlink()
"""


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def _settled(window, counts: list[int], expected: int) -> bool:
    """The index holds the expected count and the tree shows all of it."""
    return bool(counts) and counts[-1] == expected


class _Heartbeat:
    """A 5 ms timer on the GUI thread; the longest gap between its beats is the worst stall."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._beat)
        self.last = 0.0
        self.worst = 0.0

    def _beat(self) -> None:
        now = time.perf_counter()
        self.worst = max(self.worst, now - self.last)
        self.last = now

    def start(self) -> None:
        self.last, self.worst = time.perf_counter(), 0.0
        self.timer.start()

    def stop(self) -> float:
        self.timer.stop()
        return self.worst


def _watchdog_floor(folder: Path, edits: int) -> list[float]:
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    arrived = threading.Event()
    target = folder / "floor.md"

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event) -> None:
            if Path(str(event.src_path)) == target and event.event_type == "modified":
                arrived.set()

    observer = Observer()
    observer.schedule(Handler(), str(folder), recursive=True)
    observer.start()
    times = []
    try:
        for i in range(edits):
            arrived.clear()
            start = time.perf_counter()
            target.write_text(f"---\ntitle: floor {i}\n---\n", encoding="utf-8")
            arrived.wait(5)
            times.append(time.perf_counter() - start)
    finally:
        observer.stop()
        observer.join()
    target.unlink()
    return times


def main(slugs: int = 1000) -> list[tuple[str, str, str, str]]:
    """Return the table rows: (figure, Postdesk, floor, ratio)."""

    from editor.ui.application import create_application
    from tests.bench.bench_window import bench_window, wait_until
    from tests.bench.workspace_gen import generate_site
    from tests.qt_support import tree_posts

    app = create_application(["postdesk-bench"])
    with tempfile.TemporaryDirectory() as tmp:
        site = (Path(tmp) / "site").resolve()
        generate_site(site, slugs, paragraphs=1)
        window, tasks = bench_window(Path(tmp), 1400, 900)
        loaded: list[Path] = []
        window.workspaceLoaded.connect(loaded.append)
        window.open_workspace(site)
        wait_until(lambda: bool(loaded), 120)
        posts = len(window.site.entries())
        folder = site / "src/content/blog/en"
        victim = next(p for p in sorted(folder.glob("*.md")) if p != window.session.path)

        # The window's own handlers of `changed` (connected first) have updated the tree
        # when these run: no walk over the tree's rows in the measured loop.
        titles: list[str | None] = []
        counts: list[int] = []

        def title_seen(delta, _paths) -> None:
            titles.extend(e.title for e in delta.updated if e.path == victim)

        window.site.changed.connect(title_seen)
        window.site.changed.connect(
            lambda _delta, _paths: counts.append(len(window.site.entries()))
        )
        latencies = []
        for i in range(EDITS):
            title = f"Edited elsewhere {i}"
            start = time.perf_counter()
            victim.write_text(f"---\ntitle: {title}\n---\nbody\n", encoding="utf-8")
            wait_until(lambda t=title: t in titles, 10)
            latencies.append(time.perf_counter() - start)
        assert tree_posts(window.tree)[victim] == title
        # Its walk over each change would be the UI thread's work during the burst.
        window.site.changed.disconnect(title_seen)
        window.tree.executeDelayedItemsLayout()  # that check's own cost (see below)
        app.processEvents()
        floor = _watchdog_floor(folder, EDITS)

        beat = _Heartbeat()
        beat.start()
        idle_end = time.monotonic() + 2
        wait_until(lambda: time.monotonic() > idle_end, 5)
        idle = beat.stop()

        burst = site / "src/content/blog/ja/burst"
        stalls = []
        for script, expected in ((_WRITE_BURST, posts + BURST), (_DELETE_BURST, posts)):
            beat.start()
            start = time.perf_counter()
            writer = subprocess.Popen([sys.executable, "-c", script, str(burst), str(BURST)])
            wait_until(lambda n=expected: _settled(window, counts, n), 300)
            took = time.perf_counter() - start
            stalls.append((beat.stop(), took))
            writer.wait()
            assert len(tree_posts(window.tree)) == expected
            # That check gave the view every row at once (a writer scrolls to them a chunk
            # at a time): its layout is the check's cost, not the next burst's.
            window.tree.executeDelayedItemsLayout()
            app.processEvents()
        window.site.stop()
        window.close()
        tasks.wait(10_000)

    p50, p95 = statistics.median(latencies), statistics.quantiles(latencies, n=20)[-1]
    f50, f95 = statistics.median(floor), statistics.quantiles(floor, n=20)[-1]
    (create_stall, create_took), (delete_stall, delete_took) = stalls
    rows = [
        (
            f"one external edit to the tree, {posts:,} posts, p50 / p95 ({EDITS} edits)",
            f"{_ms(p50)} / {_ms(p95)}",
            f"{_ms(f50)} / {_ms(f95)} (watchdog event)",
            f"{p50 / f50:.1f}x / {p95 / f95:.1f}x",
        ),
    ]
    for what, stall, took in (
        ("created", create_stall, create_took),
        ("deleted", delete_stall, delete_took),
    ):
        rows.append(
            (
                f"longest UI stall, {BURST:,} posts {what} by another process, in {posts:,}",
                _ms(stall),
                f"{_ms(idle)} (idle heartbeat)",
                f"{stall / idle:.1f}x",
            )
        )
        rows.append(
            (f"{BURST:,} posts {what} in {posts:,}: until the tree shows all", _ms(took), "-", "-")
        )
    return rows


if __name__ == "__main__":
    from tests.bench.__main__ import print_table

    print_table(main())
    sys.exit(0)
