"""The watcher bridge: changes by other programs arrive on the GUI thread, coalesced."""

from __future__ import annotations

import errno
import logging
import os

from PySide6.QtCore import QTimer
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

from editor.ui.watcher import WorkspaceWatcher
from tests.qt_support import watchdog_threads


def test_created_file_is_reported_within_one_second(qtbot, tmp_path):
    watcher = WorkspaceWatcher()
    watcher.watch([tmp_path])
    try:
        target = tmp_path / "new-post.md"
        with qtbot.waitSignal(watcher.batchReady, timeout=1000) as signal:
            target.write_text("---\ntitle: New\n---\n", encoding="utf-8")
        assert target in signal.args[0].paths
        assert not signal.args[0].overflow
    finally:
        watcher.stop()


def test_a_burst_of_changes_arrives_as_one_batch(qtbot, tmp_path):
    watcher = WorkspaceWatcher(quiet_ms=300)
    watcher.watch([tmp_path])
    batches = []
    watcher.batchReady.connect(batches.append)
    try:
        with qtbot.waitSignal(watcher.batchReady, timeout=2000):
            for i in range(20):
                (tmp_path / f"p{i}.md").write_text("x", encoding="utf-8")
        assert len(batches) == 1
        assert {tmp_path / f"p{i}.md" for i in range(20)} <= set(batches[0].paths)
        assert len(batches[0].paths) == len(set(batches[0].paths)), "each path once"
    finally:
        watcher.stop()


def test_an_edited_post_reports_the_post_and_not_its_folder(qtbot, tmp_path):
    """A folder's own "modified" event would make the index re-read every post in it."""
    folder = tmp_path / "ko"
    folder.mkdir()
    post = folder / "글.md"
    post.write_text("---\ntitle: 처음\n---\n", encoding="utf-8")
    watcher = WorkspaceWatcher()
    watcher.watch([tmp_path])
    try:
        with qtbot.waitSignal(watcher.batchReady, timeout=1000) as signal:
            post.write_text("---\ntitle: 고침\n---\n", encoding="utf-8")
            (folder / "새 글.md").write_text("---\ntitle: 새\n---\n", encoding="utf-8")
        assert {post, folder / "새 글.md"} <= set(signal.args[0].paths)
        assert folder not in signal.args[0].paths
    finally:
        watcher.stop()


def test_a_long_stream_of_changes_still_flushes_batches_while_it_lasts(qtbot, tmp_path):
    """Events that never pause (a long checkout) are flushed at the cap, not at the end."""
    watcher = WorkspaceWatcher(quiet_ms=150, max_wait_ms=300)
    watcher.watch([tmp_path])
    batches = []
    watcher.batchReady.connect(batches.append)
    written: list[int] = []
    ticker = QTimer()
    ticker.setInterval(30)

    def write_one() -> None:
        (tmp_path / f"stream-{len(written)}.md").write_text("x", encoding="utf-8")
        written.append(1)
        if len(written) == 40:
            ticker.stop()

    ticker.timeout.connect(write_one)
    try:
        ticker.start()
        qtbot.waitUntil(lambda: len(batches) >= 2, timeout=5000)
        assert len(written) < 40, "a batch arrived before the stream ended"
        qtbot.waitUntil(lambda: not ticker.isActive(), timeout=5000)
        last = tmp_path / "stream-39.md"
        qtbot.waitUntil(lambda: any(last in batch.paths for batch in batches), timeout=2000)
    finally:
        ticker.stop()
        watcher.stop()


def test_rename_reports_a_move_and_both_paths(qtbot, tmp_path):
    source = tmp_path / "old.md"
    source.write_text("x", encoding="utf-8")
    watcher = WorkspaceWatcher()
    watcher.watch([tmp_path])
    try:
        with qtbot.waitSignal(watcher.batchReady, timeout=1000) as signal:
            os.rename(source, tmp_path / "new.md")
        batch = signal.args[0]
        assert {source, tmp_path / "new.md"} <= set(batch.paths)
        assert (source, tmp_path / "new.md") in batch.moves
    finally:
        watcher.stop()


def test_an_inotify_queue_overflow_asks_for_a_rescan(qtbot, tmp_path):
    """watchdog only logs a lost-events overflow; the watcher turns it into a batch."""
    watcher = WorkspaceWatcher()
    watcher.watch([tmp_path])
    try:
        with qtbot.waitSignal(watcher.batchReady, timeout=1000) as signal:
            logging.getLogger("watchdog.observers.inotify_c").warning(
                "Inotify queue overflowed; filesystem events were lost"
            )
        assert signal.args[0].overflow
    finally:
        watcher.stop()
    with qtbot.assertNotEmitted(watcher.batchReady, wait=300):
        logging.getLogger("watchdog.observers.inotify_c").warning("Inotify queue overflowed")


class _LimitedObserver(Observer):
    """A native observer whose every watch hits the inotify watch limit."""

    def schedule(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, "inotify watch limit reached")


def test_the_watch_limit_falls_back_to_polling_and_tells_the_writer_once(qtbot, tmp_path):
    notices = []
    watcher = WorkspaceWatcher(
        observer_factory=_LimitedObserver, polling_factory=lambda: PollingObserver(timeout=0.1)
    )
    watcher.pollingFallback.connect(notices.append)
    try:
        watcher.watch([tmp_path])
        assert len(notices) == 1
        assert "fs.inotify.max_user_watches" in notices[0] and tmp_path.name in notices[0]
        target = tmp_path / "polled.md"
        with qtbot.waitSignal(watcher.batchReady, timeout=3000) as signal:
            target.write_text("---\ntitle: 폴링\n---\n", encoding="utf-8")
        assert target in signal.args[0].paths
        watcher.watch([tmp_path])  # watching again: still polled, not told again
        assert len(notices) == 1
    finally:
        watcher.stop()


def test_an_observer_that_cannot_start_falls_back_to_polling(qtbot, tmp_path):
    """Too many inotify instances (EMFILE) at start: every folder is polled."""

    def no_inotify():
        raise OSError(errno.EMFILE, "inotify instance limit reached")

    notices = []
    watcher = WorkspaceWatcher(
        observer_factory=no_inotify, polling_factory=lambda: PollingObserver(timeout=0.1)
    )
    watcher.pollingFallback.connect(notices.append)
    try:
        watcher.watch([tmp_path])
        assert notices
        with qtbot.waitSignal(watcher.batchReady, timeout=3000) as signal:
            (tmp_path / "x.md").write_text("x", encoding="utf-8")
        assert tmp_path / "x.md" in signal.args[0].paths
    finally:
        watcher.stop()


def test_stop_ends_the_reports_and_the_watching_threads(qtbot, tmp_path):
    before = watchdog_threads()
    watcher = WorkspaceWatcher()
    watcher.watch([tmp_path])
    assert watchdog_threads() - before, "watching runs an observer thread"
    watcher.stop()
    assert not watchdog_threads() - before
    with qtbot.assertNotEmitted(watcher.batchReady, wait=400):
        (tmp_path / "after.md").write_text("x", encoding="utf-8")
