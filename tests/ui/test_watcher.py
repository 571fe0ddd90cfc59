"""The watcher bridge: changes by other programs arrive on the GUI thread, coalesced."""

from __future__ import annotations

import os

from editor.ui.watcher import WorkspaceWatcher
from tests.qt_support import watchdog_threads


def test_created_file_is_reported_within_one_second(qtbot, tmp_path):
    watcher = WorkspaceWatcher()
    watcher.watch([tmp_path])
    try:
        target = tmp_path / "new-post.md"
        with qtbot.waitSignal(watcher.pathsChanged, timeout=1000) as signal:
            target.write_text("---\ntitle: New\n---\n", encoding="utf-8")
        assert target in signal.args[0]
    finally:
        watcher.stop()


def test_a_burst_of_changes_arrives_as_one_batch(qtbot, tmp_path):
    watcher = WorkspaceWatcher(debounce_ms=300)
    watcher.watch([tmp_path])
    batches = []
    watcher.pathsChanged.connect(batches.append)
    try:
        with qtbot.waitSignal(watcher.pathsChanged, timeout=2000):
            for i in range(20):
                (tmp_path / f"p{i}.md").write_text("x", encoding="utf-8")
        assert len(batches) == 1
        assert {tmp_path / f"p{i}.md" for i in range(20)} <= set(batches[0])
    finally:
        watcher.stop()


def test_rename_reports_both_paths(qtbot, tmp_path):
    source = tmp_path / "old.md"
    source.write_text("x", encoding="utf-8")
    watcher = WorkspaceWatcher()
    watcher.watch([tmp_path])
    try:
        with qtbot.waitSignal(watcher.pathsChanged, timeout=1000) as signal:
            os.rename(source, tmp_path / "new.md")
        assert {source, tmp_path / "new.md"} <= set(signal.args[0])
    finally:
        watcher.stop()


def test_stop_ends_the_reports_and_the_watching_threads(qtbot, tmp_path):
    before = watchdog_threads()
    watcher = WorkspaceWatcher()
    watcher.watch([tmp_path])
    assert watchdog_threads() - before, "watching runs an observer thread"
    watcher.stop()
    assert not watchdog_threads() - before
    with qtbot.assertNotEmitted(watcher.pathsChanged, wait=400):
        (tmp_path / "after.md").write_text("x", encoding="utf-8")
