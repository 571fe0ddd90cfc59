"""The post index's disk cache: warm opens read nothing that did not change."""

from __future__ import annotations

import json
import marshal
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import editor.core.workspace.index as index_module
from editor.core.workspace import PostIndex
from editor.core.workspace.index_cache import CACHE_FORMAT, IndexCache, user_cache_dir

SAMPLE = Path(__file__).resolve().parents[3] / "resources" / "sample-site"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    shutil.copytree(SAMPLE, root)
    return root


def _scan(root: Path, **kwargs) -> PostIndex:
    index = PostIndex(root, cache=IndexCache(root), **kwargs)
    index.scan()
    return index


def test_a_second_open_takes_every_post_from_the_cache(site: Path) -> None:
    cold = _scan(site)
    assert (cold.last_scan.hits, cold.last_scan.misses) == (0, 20)
    warm = _scan(site)
    assert (warm.last_scan.hits, warm.last_scan.misses) == (20, 0)
    assert warm.entries() == cold.entries()
    assert [dict(e.fields) for e in warm.entries()] == [dict(e.fields) for e in cold.entries()]
    assert IndexCache(site).path.parent == Path(os.environ["POSTDESK_CACHE_DIR"])


def test_a_changed_added_or_deleted_post_is_noticed(site: Path) -> None:
    _scan(site)
    blog = site / "src" / "content" / "blog"
    post = blog / "ko" / "astro-build-pipeline.md"
    post.write_text(post.read_text(encoding="utf-8").replace("title:", "title: 새", 1), "utf-8")
    (blog / "en" / "new-post.md").write_text("---\ntitle: New\n---\n", encoding="utf-8")
    (blog / "ja" / "git-branching-workflow.md").unlink()
    warm = _scan(site)
    assert (warm.last_scan.hits, warm.last_scan.misses) == (18, 2)
    titles = {e.rel_path: e.title for e in warm.entries()}
    assert titles["src/content/blog/en/new-post.md"] == "New"
    assert str(titles["src/content/blog/ko/astro-build-pipeline.md"]).startswith("새")
    assert "src/content/blog/ja/git-branching-workflow.md" not in titles
    assert _scan(site).last_scan.misses == 0  # the cache was rewritten


@pytest.mark.parametrize(
    "damage",
    [b"", b"not marshal at all", b"\xff" * 64, None, "chunk"],
)
def test_a_corrupt_or_old_cache_is_ignored(site: Path, damage: bytes | str | None) -> None:
    cache = IndexCache(site)
    cache.path.parent.mkdir(parents=True, exist_ok=True)
    if damage is None:
        old = (CACHE_FORMAT[0], CACHE_FORMAT[1] - 1)
        damage = marshal.dumps((old, os.path.abspath(site), {"x": (1, 2)}))
    elif damage == "chunk":  # the current format with one chunk cut short
        whole = marshal.dumps({"x": (1, 2)})
        damage = marshal.dumps((CACHE_FORMAT, os.path.abspath(site), [whole, whole[:-3]]))
    cache.path.write_bytes(damage)
    index = _scan(site)
    assert (index.last_scan.hits, index.last_scan.misses) == (0, 20)
    assert all(e.title for e in index.entries())


def test_sites_have_their_own_cache_files(tmp_path: Path) -> None:
    assert IndexCache(tmp_path / "a").path != IndexCache(tmp_path / "b").path


def test_the_cache_folder_follows_the_platform(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.delenv("POSTDESK_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr("sys.platform", "linux")
    assert user_cache_dir() == tmp_path / "xdg" / "postdesk"
    monkeypatch.setattr("sys.platform", "darwin")
    assert user_cache_dir() == Path.home() / "Library" / "Caches" / "postdesk"
    monkeypatch.setattr("sys.platform", "win32")
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "local"))
    assert user_cache_dir() == tmp_path / "local" / "postdesk" / "Cache"


def test_an_unwritable_cache_folder_costs_only_speed(site: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    index = PostIndex(site, cache=IndexCache(site, directory=blocker / "sub"))
    index.scan()
    assert len(index) == 20


def test_worker_processes_read_the_same_entries(site: Path) -> None:
    # In a child interpreter: worker processes are forked only from a single-threaded one.
    script = (
        "import sys, json\n"
        "from pathlib import Path\n"
        "from editor.core.workspace import PostIndex\n"
        "index = PostIndex(Path(sys.argv[1]), parallel_from=1)\n"
        "counts = []\n"
        "index.scan(progress=counts.append)\n"
        "print(json.dumps([index.last_scan.workers, counts[-1], repr(index.entries())]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(site)], capture_output=True, text=True, check=True
    )
    workers, last_count, entries = json.loads(result.stdout)
    serial = PostIndex(site)
    serial.scan()
    assert workers >= (2 if (os.cpu_count() or 1) > 1 and sys.platform == "linux" else 0)
    assert last_count == 20
    assert entries == repr(serial.entries())


def test_a_rescan_that_finds_nothing_new_does_not_rewrite_the_cache(site: Path) -> None:
    index = _scan(site)
    written = IndexCache(site).path.stat().st_mtime_ns
    index.scan()
    assert index.last_scan.hits == 20
    assert IndexCache(site).path.stat().st_mtime_ns == written


def test_a_rescan_told_not_to_save_leaves_the_cache_due_until_saved(site: Path) -> None:
    """In the middle of a burst of changes the cache is not rewritten after each batch."""
    index = _scan(site)
    written = IndexCache(site).path.read_bytes()
    (site / "src/content/blog/en/new-post.md").write_text("---\ntitle: N\n---\n", "utf-8")
    index.scan(save=False)
    assert index.cache_stale and IndexCache(site).path.read_bytes() == written
    index.scan(save=False)  # nothing new this time: still due
    assert index.cache_stale
    index.save_cache()
    assert not index.cache_stale
    assert _scan(site).last_scan.misses == 0  # the saved cache has the new post


def test_a_scan_from_a_worker_thread_reads_in_forkserver_processes(site: Path) -> None:
    # The window scans in a thread: forking there could deadlock, a fork server may not.
    result: dict[str, PostIndex] = {}

    def scan() -> None:
        index = PostIndex(site, parallel_from=1)
        index.scan()
        result["index"] = index

    thread = threading.Thread(target=scan)
    thread.start()
    thread.join(120)
    serial = PostIndex(site)
    serial.scan()
    index = result["index"]
    if (os.cpu_count() or 1) > 1 and sys.platform == "linux":
        assert index.last_scan.workers >= 2
    assert repr(index.entries()) == repr(serial.entries())


def _listing(root: Path, monkeypatch, **kwargs) -> tuple[list[list], PostIndex]:
    """Scan root as a large site is scanned (it lists its posts first); (listings, index)."""
    monkeypatch.setattr(index_module, "LIST_FIRST_FROM", 3)
    listings: list[list] = []
    index = PostIndex(root, cache=IndexCache(root), **kwargs)
    index.scan(listed=listings.append)
    return listings, index


def test_a_first_open_lists_every_post_by_its_path_before_reading(site: Path, monkeypatch) -> None:
    listings, index = _listing(site, monkeypatch)
    assert len(listings) == 1
    (listed,) = listings
    assert [e.rel_path for e in listed] == [e.rel_path for e in index.entries()]
    assert all(e.title is None for e in listed)  # not read yet
    for shown, read in zip(listed, index.entries(), strict=True):
        assert (shown.path, shown.slug, shown.lang, shown.lang_source) == (
            read.path, read.slug, read.lang, read.lang_source,
        )  # fmt: skip


def test_a_reopen_lists_the_cached_posts_at_once_then_finds_what_changed(
    site: Path, monkeypatch
) -> None:
    _scan(site)
    blog = site / "src" / "content" / "blog"
    gone = blog / "ja" / "git-branching-workflow.md"
    gone.unlink()
    (blog / "en" / "new-post.md").write_text("---\ntitle: New\n---\n", encoding="utf-8")
    listings, index = _listing(site, monkeypatch)
    assert len(listings) == 1
    shown = {e.rel_path: e.title for e in listings[0]}
    assert len(shown) == 20 and all(shown.values())  # as they were, titles included
    assert "src/content/blog/ja/git-branching-workflow.md" in shown
    rel_paths = {e.rel_path for e in index.entries()}
    assert "src/content/blog/ja/git-branching-workflow.md" not in rel_paths
    assert "src/content/blog/en/new-post.md" in rel_paths
    assert (index.last_scan.hits, index.last_scan.misses) == (19, 1)
    # Entries of unchanged posts are the ones listed, not made twice.
    listed_ids = {e.rel_path: id(e) for e in listings[0]}
    assert all(id(e) == listed_ids[e.rel_path] for e in index.entries() if e.title != "New")


@pytest.mark.parametrize("record", [(1, 2), "text", None, (1, 2, *range(30))])
def test_a_damaged_record_only_costs_reading_its_post_again(site: Path, record) -> None:
    cold = _scan(site)
    cache = IndexCache(site)
    records = cache.load()
    damaged = os.fspath(cold.entries()[0].path)
    records[damaged] = record
    records[12345] = (1, 2)  # type: ignore[index]  # not even a path
    cache.save(records)
    warm = _scan(site)
    assert (warm.last_scan.hits, warm.last_scan.misses) == (19, 1)
    assert warm.entries() == cold.entries()
