"""The post index: every post of a site with its slug, language and title."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from editor.core.dates import parse_when
from editor.core.frontmatter.block import find_block
from editor.core.frontmatter.parse import parse_frontmatter
from editor.core.storage import StorageError, read_text_file
from editor.core.workspace.site import (
    POST_SUFFIXES,
    content_roots,
    is_ignored,
    is_post_file,
    iter_post_files,
)

__all__ = ["LANGUAGE_CODES", "PostEntry", "PostIndex", "read_post_entry", "value_digest"]

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
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_MERGE = "tag:yaml.org,2002:merge"
_PROGRESS_EVERY = 200
# Frontmatter keys that name a post's language, and that tie translations together when
# their file names differ (Hugo's `translationKey`; `ref` in Jekyll's i18n recipes).
_LANG_KEYS = ("lang", "language", "locale")
_FAMILY_KEYS = ("translationKey", "translation_key", "ref")
# Where the sites Postdesk meets keep a post's publication date, most specific first.
_DATE_KEYS = (
    "pubDate",
    "publishDate",
    "pubDatetime",
    "publishedAt",
    "date",
    "published",
    "created",
)


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


def _title_of(data: dict[str, Any]) -> str | None:
    title = data.get("title")
    if title is None or isinstance(title, dict | list):
        return None
    return title if isinstance(title, str) else str(title)


def _lang_of(data: dict[str, Any]) -> str | None:
    for key in _LANG_KEYS:
        value = data.get(key)
        if isinstance(value, str) and value.strip().lower() in LANGUAGE_CODES:
            return value.strip().lower()
    return None


def _family_id_of(data: dict[str, Any]) -> str | None:
    for key in _FAMILY_KEYS:
        value = data.get(key)
        if isinstance(value, str | int) and str(value).strip():
            return str(value).strip()
    return None


def _date_of(data: dict[str, Any]) -> str | None:
    for key in _DATE_KEYS:
        value = data.get(key)
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, str):
            when = parse_when(value.replace("Z", "+00:00"))
            if when is not None:
                return when.isoformat()
    return None


def _draft_of(data: dict[str, Any]) -> bool:
    draft = data.get("draft")
    if isinstance(draft, str):
        return draft.strip().lower() in ("true", "yes", "on", "1")
    # Some sites say `published: false` instead of `draft: true`.
    return draft is True or data.get("published") is False


def value_digest(value: Any) -> str:
    """A short digest of a frontmatter value; equal for `2024-01-02` quoted or not."""
    return _digest(value, {})


def _digest(value: Any, memo: dict[int, str]) -> str:
    # Memoised by identity: YAML aliases share objects, so an alias bomb costs its size on
    # disk, not its expansion; a value that contains itself gets a fixed marker.
    if isinstance(value, list | dict):
        known = memo.get(id(value))
        if known is not None:
            return known
        memo[id(value)] = "cycle"
        if isinstance(value, list):
            parts = ["[", *(_digest(item, memo) for item in value)]
        else:
            parts = ["{"]
            for key in sorted(value, key=str):
                parts += [json.dumps(str(key), ensure_ascii=False), _digest(value[key], memo)]
        canonical = ",".join(parts)
    else:
        canonical = json.dumps(value, ensure_ascii=False, default=str)
    digest = hashlib.blake2b(canonical.encode("utf-8"), digest_size=8).hexdigest()
    if isinstance(value, list | dict):
        memo[id(value)] = digest
    return digest


def _tags_of(data: dict[str, Any]) -> tuple[str, ...]:
    tags = data.get("tags")
    if not isinstance(tags, list):
        return ()
    return tuple(str(tag) for tag in tags if isinstance(tag, str | int | float) and str(tag))


@dataclass(frozen=True)
class _Summary:
    """What the index keeps of a post's frontmatter."""

    title: str | None = None
    tags: tuple[str, ...] = ()
    lang: str | None = None
    family_id: str | None = None
    fields: Mapping[str, str] = field(default_factory=dict)
    date: str | None = None
    draft: bool = False

    @classmethod
    def of(cls, data: dict[str, Any]) -> _Summary:
        """Summarise loaded frontmatter data."""
        return cls(
            _title_of(data),
            _tags_of(data),
            _lang_of(data),
            _family_id_of(data),
            {str(key): value_digest(value) for key, value in data.items()},
            _date_of(data),
            _draft_of(data),
        )


_EMPTY = _Summary()


class _NotQuick(Exception):
    """The quick reading does not handle this frontmatter: use the full parse."""


def _quick_summary(body: str) -> _Summary:
    """Title and tags of a YAML block, checking it loads, without building all of its data."""
    # Composing (libyaml) and constructing only the non-string scalars takes about half the
    # time of a full load; anything unusual (merge keys, tags on collections, complex keys,
    # any error) raises, and the caller falls back to parse_frontmatter for the real answer.
    root = yaml.compose(body, Loader=_FAST_LOADER)
    if root is None:
        return _EMPTY
    if not isinstance(root, yaml.MappingNode) or root.tag != _MAP:
        raise _NotQuick
    constructor = yaml.constructor.SafeConstructor()
    seen: set[int] = set()  # aliases share nodes, and may even nest a node in itself
    pending: list[yaml.Node] = [root]
    while pending:
        node = pending.pop()
        if node.__class__ is yaml.ScalarNode:
            if node.tag != _STR:
                constructor.construct_object(node)  # a bad date or unknown tag raises
            continue
        if id(node) in seen:
            continue
        seen.add(id(node))
        if node.__class__ is yaml.MappingNode and node.tag == _MAP:
            for key, value in node.value:
                if key.__class__ is not yaml.ScalarNode or key.tag == _MERGE:
                    raise _NotQuick
                pending.append(key)
                pending.append(value)
        elif node.__class__ is yaml.SequenceNode and node.tag == _SEQ:
            pending.extend(node.value)
        else:
            raise _NotQuick
    data: dict[str, Any] = {}
    for key, value in root.value:  # the last one wins, as when loading
        data[str(constructor.construct_object(key))] = constructor.construct_object(
            value, deep=True
        )
    return _Summary.of(data)


def _read_frontmatter(text: str) -> tuple[_Summary, str | None]:
    """(summary, error) of a post's frontmatter."""
    block = find_block(text)
    if block is None:
        return _EMPTY, None
    if block.kind == "yaml":
        try:
            return _quick_summary(text[block.body_start : block.body_end]), None
        except Exception:
            pass  # errors and unusual YAML: parse_frontmatter gives the exact answer
    parsed = parse_frontmatter(text)
    if parsed.error is not None:
        err = parsed.error
        message = f"Frontmatter error on line {err.line}, column {err.column}: {err.message}"
        return _EMPTY, message
    return _Summary.of(parsed.data), None


def read_post_entry(path: Path, site_root: Path) -> PostEntry | None:
    """Read one post's index entry; None if the file vanished."""
    name = os.path.abspath(path)
    path = Path(name)
    parts = _relative_parts(name, os.path.abspath(site_root))
    slug, lang, lang_source = _slug_and_lang(parts)
    rel_path = "/".join(parts)
    try:
        file = read_text_file(path)
    except StorageError as exc:
        if isinstance(exc.__cause__, FileNotFoundError | NotADirectoryError):
            return None
        try:
            info = path.stat()
        except OSError:
            return None
        return PostEntry(
            path, rel_path, slug, lang, None, str(exc), info.st_mtime_ns, info.st_size,
            lang_source=lang_source,
        )  # fmt: skip
    # Only the block at the top is read: the Markdown body is never parsed here.
    summary, error = _read_frontmatter(file.text)
    if lang is None and summary.lang is not None:
        lang, lang_source = summary.lang, "field"
    return PostEntry(
        path, rel_path, slug, lang, summary.title, error, file.mtime_ns, file.size,
        summary.tags, lang_source, summary.family_id, summary.fields, summary.date,
        summary.draft,
    )  # fmt: skip


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

    def __init__(self, site_root: Path) -> None:
        self.site_root = Path(os.path.abspath(site_root))
        self._roots = content_roots(self.site_root)
        self._entries: dict[Path, PostEntry] = {}
        self._sorted: list[PostEntry] | None = None

    def _key(self, path: Path) -> Path:
        return Path(os.path.abspath(path))

    def _in_content(self, path: Path) -> bool:
        return any(path == root or root in path.parents for root in self._roots)

    def scan(self, progress: Callable[[int], None] | None = None) -> None:
        """Index every post under the content roots, reusing entries of unchanged files."""
        self._roots = content_roots(self.site_root)
        previous = self._entries
        found: dict[Path, PostEntry] = {}
        count = 0
        for root in self._roots:
            # Content roots are absolute and normalised, and the walk skips hidden and
            # tooling folders below them, so only the root itself needs checking.
            if root != self.site_root and is_ignored(root, self.site_root):
                continue
            for post in iter_post_files(root):
                if post in found:
                    continue  # content roots may nest (a Jekyll collection inside another)
                entry = self._read_if_changed(post, previous.get(post))
                if entry is not None:
                    found[post] = entry
                count += 1
                if progress is not None and count % _PROGRESS_EVERY == 0:
                    progress(count)
        if progress is not None:
            progress(count)
        self._entries = found
        self._sorted = None

    def _read_if_changed(self, path: Path, old: PostEntry | None) -> PostEntry | None:
        if old is not None:
            try:
                info = path.stat()
            except OSError:
                return None
            if (info.st_mtime_ns, info.st_size) == (old.mtime_ns, old.size):
                return old
        return read_post_entry(path, self.site_root)

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
