"""The post index: every post of a site with its slug, language and title."""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from editor.core.workspace.entries import (
    PostEntry,
    entries_from_records,
    entry_from_record,
    entry_record,
    listed_entries,
    read_post_entry,
)
from editor.core.workspace.index_cache import IndexCache, Record
from editor.core.workspace.site import (
    content_roots,
    is_ignored,
    is_post_file,
    iter_post_files,
)

if TYPE_CHECKING:
    import multiprocessing.context

log = logging.getLogger(__name__)

__all__ = ["LIST_FIRST_FROM", "PARALLEL_FROM", "PostIndex", "ScanStats"]

_PROGRESS_EVERY = 200


# A scan of this many posts or more lists them all (those still to read by their paths)
# before reading any: a large site shows its posts while they are read and its families
# learned.
LIST_FIRST_FROM = 300
# A cold scan of this many posts or more reads them in forked worker processes (one per
# core, up to _MAX_WORKERS), in chunks of at most _CHUNK posts: reading is CPU-bound
# (libyaml plus Python), and forking two workers costs a few tens of milliseconds.
PARALLEL_FROM = 500
_MAX_WORKERS = 4
_CHUNK = 250


@dataclass(frozen=True)
class ScanStats:
    """How the last scan went: posts found, cache hits and misses, errors, seconds taken."""

    posts: int = 0
    hits: int = 0
    misses: int = 0
    errors: int = 0
    seconds: float = 0.0
    workers: int = 0  # worker processes that read posts (0: read in this process)


def _read_records(paths: list[str], site_root: str) -> list[Record | None]:
    """Worker process: the records of some posts (plain tuples travel cheaply)."""
    root = Path(site_root)
    entries = (read_post_entry(Path(path), root) for path in paths)
    return [None if entry is None else entry_record(entry) for entry in entries]


def _single_threaded() -> bool:
    try:
        return len(os.listdir("/proc/self/task")) == 1  # Linux: every thread, Qt's too
    except OSError:
        return (
            threading.active_count() == 1 and threading.current_thread() is threading.main_thread()
        )


def _pool_context() -> multiprocessing.context.BaseContext | None:
    """How to start worker processes here; None: read in this process."""
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and _single_threaded():
        return multiprocessing.get_context("fork")  # the command line: cheapest
    if "forkserver" in methods:
        # The window scans from a worker thread, and forking a threaded process can
        # deadlock: a fork server (a fresh single-threaded process) forks the workers. It
        # preloads this module only; the workers import the main module as `__mp_main__`,
        # which `python -m editor` and the `postdesk` script guard against running the app.
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([__name__])
        return context
    return None  # spawn (Windows) re-runs the main module: read serially there


def _yield_cpu() -> None:
    """In a worker process: run below the window's priority. Reading posts on every core
    would otherwise take the CPU from the window's own thread while a burst of changes is
    read (a tenth of a second without a frame on two cores)."""
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):  # not allowed here: the normal priority, then
            os.nice(10)


def _under_any(path: str, folders: set[str]) -> bool:
    """True when path lies below one of folders (each ending in a separator)."""
    cut = path.rfind(os.sep)
    while cut > 0:
        if path[: cut + 1] in folders:
            return True
        cut = path.rfind(os.sep, 0, cut)
    return False


class PostIndex:
    """All posts under a site's content folders, kept current from file events.

    Not thread-safe: build it (scan) in a worker, then use it from one thread. A scan
    builds its result aside and swaps it in, so readers never see a half-built index.
    """

    def __init__(
        self, site_root: Path, cache: IndexCache | None = None, parallel_from: int = PARALLEL_FROM
    ) -> None:
        self.parallel_from = parallel_from
        self.site_root = Path(os.path.abspath(site_root))
        self._roots = content_roots(self.site_root)
        self._entries: dict[Path, PostEntry] = {}
        self._sorted: list[PostEntry] | None = None
        self._cache = cache
        self._workers = 0
        self.last_scan = ScanStats()
        self.cache_stale = False  # the disk cache is behind the entries (a scan left it)

    def _key(self, path: Path) -> Path:
        return Path(os.path.abspath(path))

    def _in_content(self, path: Path) -> bool:
        return any(path == root or root in path.parents for root in self._roots)

    def scan(
        self,
        progress: Callable[[int], None] | None = None,
        listed: Callable[[list[PostEntry]], None] | None = None,
        *,
        save: bool = True,
    ) -> None:
        """Index every post under the content roots, reusing entries of unchanged files.

        Entries come from memory (a rescan) or the disk cache (a first scan) when the file's
        mtime and size are unchanged; progress(done) is called every few hundred posts.
        On a large site, listed(entries) first gets every post, sorted by rel_path: the
        ones still to read as their paths tell them (listed_entry). What changed is written
        to the disk cache, unless save is False: cache_stale then says it is due.
        """
        started = time.perf_counter()
        self._roots = content_roots(self.site_root)
        previous = self._entries
        stored = (
            entries_from_records(self._cache.load())
            if self._cache is not None and not previous
            else {}
        )
        if listed is not None and len(stored) >= LIST_FIRST_FROM:
            # Reopening a large site: its posts as they were at the last close, at once.
            # The walk below finds what changed since; `loaded` brings the whole truth.
            listed(sorted(stored.values(), key=lambda entry: entry.rel_path))
            listed = None
        found: dict[Path, PostEntry] = {}
        pending: list[Path] = []  # changed or new posts, in walk order
        known = bool(previous or stored)  # else every post is new: no entry to look up
        # Content roots may nest (a Jekyll collection inside another): with several, each
        # post is taken once. One root's walk lists each file once, so a first scan hashes
        # no path before the tree shows.
        seen: set[Path] | None = set() if len(self._roots) > 1 else None
        for root in self._roots:
            # Content roots are absolute and normalised, and the walk skips hidden and
            # tooling folders below them, so only the root itself needs checking.
            if root != self.site_root and is_ignored(root, self.site_root):
                continue
            for post in iter_post_files(root):
                if seen is not None:
                    if post in seen:
                        continue
                    seen.add(post)
                entry = self._unchanged(post, previous, stored) if known else None
                if entry is None:
                    pending.append(post)
                    continue
                found[post] = entry
                if progress is not None and len(found) % _PROGRESS_EVERY == 0:
                    progress(len(found))
        hits = len(found)
        if listed is not None and len(found) + len(pending) >= LIST_FIRST_FROM:
            preview = [*found.values(), *listed_entries(pending, self.site_root)]
            listed(sorted(preview, key=lambda entry: entry.rel_path))
        self._workers = 0
        for post, entry in self._read_posts(pending, progress, hits):
            if entry is not None:
                found[post] = entry
        if progress is not None:
            progress(hits + len(pending))
        misses = len(pending)
        errors = sum(1 for entry in found.values() if entry.error is not None)
        self._entries = found
        self._sorted = None
        if self._cache is not None and (misses or len(found) != len(previous or stored)):
            self.cache_stale = True
        if save and self.cache_stale:
            self.save_cache()
        seconds = time.perf_counter() - started
        self.last_scan = ScanStats(len(found), hits, misses, errors, seconds, self._workers)

    def _read_posts(
        self, posts: list[Path], progress: Callable[[int], None] | None, done: int
    ) -> Iterator[tuple[Path, PostEntry | None]]:
        """Read posts, in worker processes when there are many and more than one core."""
        root = os.fspath(self.site_root)
        cores = os.cpu_count() or 1
        context = _pool_context() if len(posts) >= self.parallel_from and cores > 1 else None
        if context is not None:
            from concurrent.futures import ProcessPoolExecutor
            from concurrent.futures.process import BrokenProcessPool

            workers = min(cores, _MAX_WORKERS)
            size = max(25, min(_CHUNK, len(posts) // (workers * 4)))
            chunks = [posts[i : i + size] for i in range(0, len(posts), size)]
            delivered = 0
            try:
                with ProcessPoolExecutor(workers, context, initializer=_yield_cpu) as pool:
                    self._workers = workers
                    jobs = [
                        pool.submit(_read_records, [os.fspath(p) for p in chunk], root)
                        for chunk in chunks
                    ]
                    for chunk, job in zip(chunks, jobs, strict=True):
                        records = job.result()
                        for post, record in zip(chunk, records, strict=True):
                            yield post, None if record is None else entry_from_record(post, record)
                        delivered += len(chunk)
                        if progress is not None:
                            progress(done + delivered)
                return
            except (OSError, BrokenProcessPool) as exc:
                # No child processes here (a sandbox, no /dev/shm): read the rest in this one.
                log.warning("Reading posts in worker processes failed: %s", exc)
                posts, done = posts[delivered:], done + delivered
                self._workers = 0
        for post in posts:
            yield post, read_post_entry(post, self.site_root)
            done += 1
            if progress is not None and done % _PROGRESS_EVERY == 0:
                progress(done)

    def _unchanged(
        self, post: Path, previous: dict[Path, PostEntry], stored: dict[str, PostEntry]
    ) -> PostEntry | None:
        """The known entry of post if its mtime and size are what they were, else None."""
        old = previous.get(post) or stored.get(os.fspath(post))
        if old is None:
            return None
        try:
            info = os.stat(post)
        except OSError:
            return None
        return old if (info.st_mtime_ns, info.st_size) == (old.mtime_ns, old.size) else None

    def save_cache(self) -> None:
        """Write the current entries to the disk cache (done by scan when it read posts)."""
        if self._cache is not None:
            self._cache.save({os.fspath(p): entry_record(e) for p, e in self._entries.items()})
        self.cache_stale = False

    def update_path(self, path: Path) -> PostEntry | None:
        """Re-read one created or modified file; drop it if it is gone or not a post."""
        key = self._key(path)
        wanted = (
            is_post_file(key)
            and self._in_content(key)
            and not is_ignored(key, self.site_root)
            and key.is_file()
        )
        entry = read_post_entry(key, self.site_root) if wanted else None
        if entry is None:
            if self._entries.pop(key, None) is not None:
                self._sorted = None
            return None
        self._entries[key] = entry
        self._sorted = None
        return entry

    def remove_path(self, path: Path) -> list[Path]:
        """Forget a deleted file, or everything below a deleted folder; return what went."""
        return self.remove_paths([path])

    def remove_paths(self, paths: Iterable[Path]) -> list[Path]:
        """Forget deleted files and folders in one pass; return what went, sorted."""
        # A deleted post is a dict lookup; only a path that was no post (maybe a folder)
        # costs a walk over the entries, and one walk serves all such paths of the batch.
        removed: list[Path] = []
        folders: set[str] = set()
        for path in paths:
            key = self._key(path)
            if self._entries.pop(key, None) is not None:
                removed.append(key)
            else:
                folders.add(str(key).rstrip(os.sep) + os.sep)
        if folders:
            below = [p for p in self._entries if _under_any(str(p), folders)]
            for p in below:
                del self._entries[p]
            removed.extend(below)
        if removed:
            self._sorted = None
        return sorted(removed)

    def entries(self) -> list[PostEntry]:
        """All entries, sorted by rel_path."""
        if self._sorted is None:
            self._sorted = sorted(self._entries.values(), key=lambda entry: entry.rel_path)
        return list(self._sorted)

    def get(self, path: Path) -> PostEntry | None:
        """The entry of a path, if indexed."""
        return self._entries.get(self._key(path))

    def __len__(self) -> int:
        return len(self._entries)
