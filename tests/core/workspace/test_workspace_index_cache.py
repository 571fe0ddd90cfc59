"""The post index's disk cache: warm opens read nothing that did not change."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

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
    [b"", b"not marshal at all", b"\xff" * 64, None],
)
def test_a_corrupt_or_old_cache_is_ignored(site: Path, damage: bytes | None) -> None:
    cache = IndexCache(site)
    cache.path.parent.mkdir(parents=True, exist_ok=True)
    if damage is None:
        import marshal

        old = (CACHE_FORMAT[0], CACHE_FORMAT[1] - 1)
        damage = marshal.dumps((old, os.path.abspath(site), {"x": (1, 2)}))
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
