"""A post's index entry: what its path tells (slug, language) and what reading it tells.

The index (index.py) keeps one per post; the disk cache stores them as records.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from editor.core.workspace.index_cache import Record
from editor.core.workspace.site import POST_SUFFIXES

__all__ = [
    "LANGUAGE_CODES",
    "PostEntry",
    "entries_from_records",
    "entry_from_record",
    "entry_record",
    "listed_entries",
    "listed_entry",
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


# Far above any real post (the editor's own tests use 3 MB ones): bigger files are listed
# with an error instead of being read, so one stray dump cannot stall a scan.
MAX_POST_BYTES = 32_000_000


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
    its tree can show, from the paths (listed_entries) or from the cache (entry_from_record)."""
    entry = object.__new__(PostEntry)
    entry.__dict__.update(fields)
    return entry


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


def entry_record(entry: PostEntry) -> Record:
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


def entry_from_record(path: Path, r: Record) -> PostEntry:
    fields = dict(zip(_RECORD_FIELDS, r, strict=True))  # ValueError: a damaged record
    fields["path"] = path
    return _entry_from(fields)


def entries_from_records(stored: dict[str, Record]) -> dict[str, PostEntry]:
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
            entries[name] = entry_from_record(folder / file_name, record)
        except (ValueError, TypeError):
            continue  # read the post again
    return entries
