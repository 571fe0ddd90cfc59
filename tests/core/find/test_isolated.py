"""A search in a child process: same answers, and a runaway regex can be stopped."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from editor.core.find import SearchQuery, search_posts
from editor.core.find.isolated import IsolatedSearch
from editor.core.workspace import PostEntry, PostIndex

RUNAWAY = SearchQuery(r"(a+)+$", regex=True)


def entries_with(tmp_path: Path, text: str) -> list[PostEntry]:
    blog = tmp_path / "src/content/blog/ko"
    blog.mkdir(parents=True)
    (blog / "post.md").write_text(text, encoding="utf-8")
    index = PostIndex(tmp_path)
    index.scan()
    return index.entries()


def test_child_process_finds_what_the_in_process_search_finds(tmp_path):
    entries = entries_with(tmp_path, "---\ntitle: 검색\n---\n\n빌드 파이프라인 build\n")
    query = SearchQuery(r"파이프\w+|BUILD", regex=True)
    progress: list[tuple[int, int]] = []
    isolated = IsolatedSearch().run(query, entries, progress=lambda *p: progress.append(p))
    assert isolated == search_posts(query, entries)
    assert isolated.total == 2
    assert progress[-1] == (1, 1)


def test_a_runaway_regex_is_killed_by_cancel(tmp_path):
    entries = entries_with(tmp_path, "a" * 60 + "!\n")
    search = IsolatedSearch()
    results = []
    worker = threading.Thread(target=lambda: results.append(search.run(RUNAWAY, entries)))
    started = time.monotonic()
    worker.start()
    threading.Timer(0.5, search.cancel).start()
    worker.join(20)
    assert not worker.is_alive()
    assert results[0].cancelled and results[0].posts == []
    assert time.monotonic() - started < 20


def test_a_runaway_regex_stops_at_the_time_limit_with_a_message(tmp_path):
    entries = entries_with(tmp_path, "a" * 60 + "!\n")
    result = IsolatedSearch(time_limit=0.5).run(RUNAWAY, entries)
    assert result.error is not None and "still running" in result.error
    assert not result.cancelled


def test_cancel_before_start_runs_nothing(tmp_path):
    entries = entries_with(tmp_path, "abc")
    search = IsolatedSearch()
    search.cancel()
    assert search.run(SearchQuery("abc"), entries).cancelled


def test_a_failing_progress_callback_leaves_no_child_running(tmp_path):
    entries = entries_with(tmp_path, "a" * 60 + "!\n")
    search = IsolatedSearch()

    def progress(_done: int, _total: int) -> None:
        raise RuntimeError("the panel is gone")

    with pytest.raises(RuntimeError):
        search.run(RUNAWAY, entries, progress=progress)
    assert search._process is not None and search._process.poll() is not None
