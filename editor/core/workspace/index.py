"""The post index: every post of a site with its slug, language and title."""

from __future__ import annotations

import contextlib
import logging
import os
import stat
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from editor.core.workspace.index_cache import IndexCache, Record
from editor.core.workspace.site import (
    POST_SUFFIXES,
    content_roots,
    is_ignored,
    is_post_file,
    iter_post_files,
)

if TYPE_CHECKING:
    import multiprocessing.context

log = logging.getLogger(__name__)

__all__ = [
    "LANGUAGE_CODES",
    "PostEntry",
    "PostIndex",
    "ScanStats",
    "read_post_entry",
    "value_digest",
]

# Folder names and `.xx.md` suffixes read as languages. Kept to codes sites use for
# translations; a folder that merely looks like one (e.g. `it/`) is read as Italian.
LANGUAGE_CODES: frozenset[str] = frozenset(
    {
        "ar", "bg", "bn", "ca", "cs", "da", "de", "el", "en", "en-gb", "en-us", "eo", "es",
        "es-419", "es-mx", "et", "eu", "fa", "fi", "fil", "fr", "fr-ca", "ga", "gl", "he",
        "hi", "hr", "hu", "hy", "id", "is", "it", "ja", "ka", "kk", "km", "ko", "lt", "lv",
        "mk", "mn", "ms", "my", "nb", "ne", "nl", "nn", "no", "pl", "pt", "pt-br", "pt-pt",
        "ro", "ru", "si", "sk", "sl", "sq", "sr", "sv", "sw", "ta", "te", "th", "tl", "tr",
        "uk", "ur", "uz", "vi", "zh", "zh-cn", "zh-hans", "zh-hant", "zh-hk", "zh-sg",
        "zh-tw",
    }
)  # fmt: skip
_INDEX_STEMS = ("index", "_index")
_PROGRESS_EVERY = 200
# Far above any real post (the editor's own tests use 3 MB ones): bigger files are listed
# with an error instead of being read, so one stray dump cannot stall a scan.
MAX_POST_BYTES = 32_000_000
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
class PostEntry:
    """One post of the site as the tree, quick open and checks see it."""

    path: Path
    rel_path: str  # posix path relative to the site root
    slug: str  # file stem ("index" posts: the parent folder name), without a `.ko` suffix
    lang: str | None  # nearest language folder, else a `.ko.md`-style suffix, else None
    title: str | None  # frontmatter `title` as a string, None when missing
    error: str | None  # why the frontmatter could not be read, else None
    mtime_ns: int
    size: int
    tags: tuple[str, ...] = ()  # frontmatter `tags`, for completion and counts
    lang_source: str | None = None  # "folder", "suffix" or "field": where lang was read
    family_id: str | None = None  # an explicit translation key (Hugo's `translationKey`)
    # A digest of each top-level frontmatter value, so families can tell which fields their
    # members share without keeping every post's data in memory.
    fields: Mapping[str, str] = field(default_factory=dict, hash=False, compare=False)
    date: str | None = None  # the publication date, ISO (`2026-02-18` or with a time)
    draft: bool = False
    updated: str | None = None  # updatedDate/updated/lastmod/modified, ISO
    related: tuple[str, ...] = ()  # slugs of `relatedPosts` (any list field named "related")
    links: tuple[str, ...] = ()  # hrefs of Markdown and HTML links in the body, each once
    images: tuple[str, ...] = ()  # hero/cover/image field paths, then the body's images
    words: int = 0  # body words; each Han, Kana or Hangul character counts as one


# Every field of a listed entry (read from its path alone) but the five listed_entries sets.
_LISTED_DEFAULTS = dict(vars(PostEntry(Path(), "", "", None, None, None, 0, 0)))


def _entry_from(fields: dict[str, Any]) -> PostEntry:
    """A PostEntry given every field, made without the frozen dataclass's per-field
    __setattr__ (two thirds of its cost): opening a large site makes one per post before
    its tree can show, from the paths (listed_entries) or from the cache (_from_record)."""
    entry = object.__new__(PostEntry)
    entry.__dict__.update(fields)
    return entry


@dataclass(frozen=True)
class ScanStats:
    """How the last scan went: posts found, cache hits and misses, errors, seconds taken."""

    posts: int = 0
    hits: int = 0
    misses: int = 0
    errors: int = 0
    seconds: float = 0.0
    workers: int = 0  # worker processes that read posts (0: read in this process)


def _split_name(name: str) -> tuple[str, str | None]:
    """(stem, language suffix) of a post file name: "post.ko.md" -> ("post", "ko")."""
    lowered = name.lower()
    for suffix in POST_SUFFIXES:
        if lowered.endswith(suffix):
            name = name[: -len(suffix)]
            break
    stem, dot, last = name.rpartition(".")
    if dot and stem and last.lower() in LANGUAGE_CODES:
        return stem, last.lower()
    return name, None


def _relative_parts(path: str, site_root: str) -> list[str]:
    # Plain string work: this runs for every post of a 20,000-post scan.
    prefix = site_root.rstrip(os.sep) + os.sep
    if path.startswith(prefix):
        return path[len(prefix) :].split(os.sep)
    try:
        return list(Path(path).relative_to(site_root).parts)
    except ValueError:
        return [os.path.basename(path)]


def _slug_and_lang(parts: list[str]) -> tuple[str, str | None, str | None]:
    """(slug, language, where the language came from) of a post's relative path parts."""
    stem, suffix_lang = _split_name(parts[-1])
    folders = parts[:-1]
    slug = stem
    if stem in _INDEX_STEMS and folders:
        # Page bundles (`<slug>/index.md`, Hugo's `index.ko.md`) are named by their folder.
        slug = folders[-1]
    folder_lang = next(
        (part.lower() for part in reversed(folders) if part.lower() in LANGUAGE_CODES), None
    )
    if folder_lang is not None:
        return slug, folder_lang, "folder"
    if suffix_lang is not None:
        return slug, suffix_lang, "suffix"
    return slug, None, None


class _NotRegular(Exception):
    """A FIFO, device or folder: never opened for reading, so never blocks a scan."""


class _TooBig(Exception):
    """A file far larger than any post: listed with an error, never read into memory."""


def _read_bytes(name: str) -> tuple[bytes, int]:
    """(bytes, mtime_ns) of a regular file, opened without blocking."""
    fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with open(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _NotRegular
        if info.st_size > MAX_POST_BYTES:
            raise _TooBig
        return handle.read(), info.st_mtime_ns


def listed_entry(path: Path, site_root: Path) -> PostEntry:
    """A post as its path alone tells it (slug, language; no title): shown until it is read."""
    path = path if path.is_absolute() else Path(os.path.abspath(path))
    return listed_entries([path], site_root)[0]


def listed_entries(paths: Iterable[Path], site_root: Path) -> list[PostEntry]:
    """listed_entry of many absolute paths, sharing the work of each folder.

    This runs for every post before a large site's tree can show (20,000 of them), so
    each folder's relative parts and language are found once.
    """
    root = os.fspath(site_root)
    folders: dict[str, tuple[list[str], str, str | None]] = {}
    listed: list[PostEntry] = []
    for path in paths:
        directory, _sep, name = os.fspath(path).rpartition(os.sep)
        known = folders.get(directory)
        if known is None:
            parts = [] if directory == root else _relative_parts(directory, root)
            lang = next((p.lower() for p in reversed(parts) if p.lower() in LANGUAGE_CODES), None)
            known = folders[directory] = (parts, "".join(p + "/" for p in parts), lang)
        parts, prefix, folder_lang = known
        stem, suffix_lang = _split_name(name)
        slug = parts[-1] if stem in _INDEX_STEMS and parts else stem
        if folder_lang is not None:
            lang, source = folder_lang, "folder"
        elif suffix_lang is not None:
            lang, source = suffix_lang, "suffix"
        else:
            lang, source = None, None
        listed.append(
            _entry_from(
                {
                    **_LISTED_DEFAULTS,
                    "path": path,
                    "rel_path": prefix + name,
                    "slug": slug,
                    "lang": lang,
                    "lang_source": source,
                }
            )
        )
    return listed


def read_post_entry(path: Path, site_root: Path) -> PostEntry | None:
    """Read one post's index entry; None if the file vanished or is not a regular file."""
    name = os.path.abspath(path)
    path = Path(name)
    parts = _relative_parts(name, os.path.abspath(site_root))
    slug, lang, lang_source = _slug_and_lang(parts)
    rel_path = "/".join(parts)
    try:
        data, mtime_ns = _read_bytes(name)
    except (FileNotFoundError, NotADirectoryError, _NotRegular):
        return None
    except _TooBig:
        info = os.stat(name)
        message = (
            f"The file is {info.st_size / 1e6:,.0f} MB, over the index's limit of "
            f"{MAX_POST_BYTES // 1_000_000} MB for a post; it was not read."
        )
        return PostEntry(
            path, rel_path, slug, lang, None, message, info.st_mtime_ns, info.st_size,
            lang_source=lang_source,
        )  # fmt: skip
    except OSError as exc:
        try:
            info = os.stat(name)
        except OSError:
            return None
        reason = exc.strerror or str(exc)
        return PostEntry(
            path, rel_path, slug, lang, None, f"Could not read {name}: {reason}.",
            info.st_mtime_ns, info.st_size, lang_source=lang_source,
        )  # fmt: skip
    # Imported here: a warm open (every post from the disk cache) never parses anything, and
    # `postdesk index` is timed as a whole process, imports included.
    from editor.core.storage import StorageError, decode_bytes
    from editor.core.workspace.post_body import scan_body
    from editor.core.workspace.post_summary import read_frontmatter

    try:
        text = decode_bytes(data)[0]
        # Only the block at the top is parsed; the body is read by a few regexes.
        summary, error, body_start = read_frontmatter(text)
        body = scan_body(text[body_start:])
    except StorageError as exc:
        message = str(exc).replace("The file", name, 1)
        return PostEntry(
            path, rel_path, slug, lang, None, message, mtime_ns, len(data), lang_source=lang_source
        )
    except Exception as exc:  # one bad file must never stop a scan
        message = f"Could not read this post: {type(exc).__name__}: {exc}"[:500]
        return PostEntry(
            path, rel_path, slug, lang, None, message, mtime_ns, len(data), lang_source=lang_source
        )
    if lang is None:
        field_lang = next(
            (v.strip().lower() for v in summary.langs if v.strip().lower() in LANGUAGE_CODES), None
        )
        if field_lang is not None:
            lang, lang_source = field_lang, "field"
    return PostEntry(
        path, rel_path, slug, lang, summary.title, error, mtime_ns, len(data),
        summary.tags, lang_source, summary.family_id, summary.fields, summary.date,
        summary.draft, summary.updated, summary.related, body.links,
        tuple(dict.fromkeys(summary.images + body.images)), body.words,
    )  # fmt: skip


def value_digest(value: Any) -> str:
    """A short digest of a frontmatter value; equal for `2024-01-02` quoted or not."""
    from editor.core.workspace.post_summary import value_digest as digest

    return digest(value)


def _read_records(paths: list[str], site_root: str) -> list[Record | None]:
    """Worker process: the records of some posts (plain tuples travel cheaply)."""
    root = Path(site_root)
    entries = (read_post_entry(Path(path), root) for path in paths)
    return [None if entry is None else _record(entry) for entry in entries]


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


def _record(entry: PostEntry) -> Record:
    """The entry as plain values for the disk cache (the path is the record's key)."""
    return (
        entry.mtime_ns, entry.size, entry.rel_path, entry.slug, entry.lang, entry.title,
        entry.error, entry.tags, entry.lang_source, entry.family_id, dict(entry.fields),
        entry.date, entry.draft, entry.updated, entry.related, entry.links, entry.images,
        entry.words,
    )  # fmt: skip


# A record's values, after its (mtime_ns, size), are these fields of its entry in order.
_RECORD_FIELDS = (
    "mtime_ns", "size", "rel_path", "slug", "lang", "title", "error", "tags", "lang_source",
    "family_id", "fields", "date", "draft", "updated", "related", "links", "images", "words",
)  # fmt: skip


def _from_record(path: Path, r: Record) -> PostEntry:
    fields = dict(zip(_RECORD_FIELDS, r, strict=True))  # ValueError: a damaged record
    fields["path"] = path
    return _entry_from(fields)


def _from_records(stored: dict[str, Record]) -> dict[str, PostEntry]:
    """The entries of the disk cache's records, by path string; damaged records left out."""
    folders: dict[str, Path] = {}
    entries: dict[str, PostEntry] = {}
    for name, record in stored.items():
        if not isinstance(name, str):
            continue
        directory, _sep, file_name = name.rpartition(os.sep)
        folder = folders.get(directory)
        if folder is None:
            folder = folders[directory] = Path(directory)
        try:
            entries[name] = _from_record(folder / file_name, record)
        except (ValueError, TypeError):
            continue  # read the post again
    return entries


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

    def _key(self, path: Path) -> Path:
        return Path(os.path.abspath(path))

    def _in_content(self, path: Path) -> bool:
        return any(path == root or root in path.parents for root in self._roots)

    def scan(
        self,
        progress: Callable[[int], None] | None = None,
        listed: Callable[[list[PostEntry]], None] | None = None,
    ) -> None:
        """Index every post under the content roots, reusing entries of unchanged files.

        Entries come from memory (a rescan) or the disk cache (a first scan) when the file's
        mtime and size are unchanged; progress(done) is called every few hundred posts.
        On a large site, listed(entries) first gets every post, sorted by rel_path: the
        ones still to read as their paths tell them (listed_entry).
        """
        started = time.perf_counter()
        self._roots = content_roots(self.site_root)
        previous = self._entries
        stored = (
            _from_records(self._cache.load()) if self._cache is not None and not previous else {}
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
                            yield post, None if record is None else _from_record(post, record)
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
            self._cache.save({os.fspath(p): _record(e) for p, e in self._entries.items()})

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
