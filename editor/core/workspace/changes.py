"""Apply file-system changes reported by a watcher to the post index."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from editor.core.workspace.entries import PostEntry
from editor.core.workspace.index import PostIndex
from editor.core.workspace.site import content_roots, is_ignored, is_post_file, iter_post_files

# A batch with more paths than this (a checkout, a large copy) is one rescan of the index,
# which reuses the entries of unchanged files, instead of per-path work.
RESCAN_THRESHOLD = 2000


@dataclass
class ChangeBatch:
    """One coalesced batch of watcher events."""

    paths: list[Path] = field(default_factory=list)  # every path created, deleted or changed
    moves: list[tuple[Path, Path]] = field(default_factory=list)  # (source, destination)
    overflow: bool = False  # events were lost: only a rescan tells what changed

    def merge(self, other: ChangeBatch) -> ChangeBatch:
        """This batch followed by other, as one."""
        seen = set(self.paths)
        paths = self.paths + [p for p in other.paths if p not in seen]
        return ChangeBatch(paths, self.moves + other.moves, self.overflow or other.overflow)

    def __bool__(self) -> bool:
        return bool(self.paths or self.moves or self.overflow)


@dataclass
class IndexDelta:
    """What a batch of file changes did to the index."""

    updated: list[PostEntry] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    moves: list[tuple[Path, Path]] = field(default_factory=list)  # as the watcher saw them
    rescanned: bool = False  # the whole index was read again (many changes, or lost events)

    def __bool__(self) -> bool:
        return bool(self.updated or self.removed)

    def merge(self, later: IndexDelta) -> IndexDelta:
        """This delta followed by later, as one: a post's last state wins."""
        updated = {entry.path: entry for entry in self.updated}
        removed = dict.fromkeys(self.removed)
        for path in later.removed:
            updated.pop(path, None)
            removed[path] = None
        for entry in later.updated:
            removed.pop(entry.path, None)
            updated[entry.path] = entry
        return IndexDelta(
            list(updated.values()),
            list(removed),
            self.moves + later.moves,
            self.rescanned or later.rescanned,
        )


def _in_content(path: Path, roots: list[Path]) -> bool:
    return any(path == root or root in path.parents for root in roots)


def apply_changes(index: PostIndex, paths: Iterable[Path]) -> IndexDelta:
    """Re-read each changed path: new or edited posts are updated, vanished ones removed.

    A path that is now a directory (created or moved in) is scanned whole; a path that no
    longer exists may have been a directory, so everything below it is removed.
    """
    delta = IndexDelta()
    roots = content_roots(index.site_root)
    gone: list[Path] = []
    for path in paths:
        if not _in_content(path, roots) or is_ignored(path, index.site_root):
            continue
        if path.is_dir():
            for post in iter_post_files(path):
                entry = index.update_path(post)
                if entry is not None:
                    delta.updated.append(entry)
        elif path.exists():
            if is_post_file(path):
                entry = index.update_path(path)
                if entry is not None:
                    delta.updated.append(entry)
        else:
            gone.append(path)
    # All removals in one pass: per-path removal was O(posts) each.
    delta.removed = index.remove_paths(gone)
    return delta


def rescan(index: PostIndex, *, save: bool = True) -> IndexDelta:
    """Read the whole index again; the delta lists every entry that changed or went.
    save=False leaves the disk cache for later (index.cache_stale)."""
    before = {entry.path: entry for entry in index.entries()}
    index.scan(save=save)
    after = index.entries()
    # The scan reuses the entry object of each unchanged file, so identity tells changes.
    updated = [entry for entry in after if before.get(entry.path) is not entry]
    kept = {entry.path for entry in after}
    removed = sorted(path for path in before if path not in kept)
    return IndexDelta(updated, removed, rescanned=True)


def apply_batch(
    index: PostIndex, batch: ChangeBatch, threshold: int = RESCAN_THRESHOLD, *, save: bool = True
) -> IndexDelta:
    """Apply a watcher batch: per path, or as one rescan when it is large or events were lost.
    save=False: a rescan leaves the disk cache for later (index.cache_stale)."""
    if batch.overflow or len(batch.paths) > threshold:
        delta = rescan(index, save=save)
    else:
        delta = apply_changes(index, batch.paths)
    delta.moves = list(batch.moves)
    return delta
