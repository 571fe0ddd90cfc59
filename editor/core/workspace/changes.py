"""Apply file-system changes reported by a watcher to the post index."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from editor.core.workspace.index import PostEntry, PostIndex
from editor.core.workspace.site import content_roots, is_ignored, is_post_file, iter_post_files


@dataclass
class IndexDelta:
    """What a batch of file changes did to the index."""

    updated: list[PostEntry] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.updated or self.removed)


def _in_content(path: Path, roots: list[Path]) -> bool:
    return any(path == root or root in path.parents for root in roots)


def apply_changes(index: PostIndex, paths: Iterable[Path]) -> IndexDelta:
    """Re-read each changed path: new or edited posts are updated, vanished ones removed.

    A path that is now a directory (created or moved in) is scanned whole; a path that no
    longer exists may have been a directory, so everything below it is removed.
    """
    delta = IndexDelta()
    roots = content_roots(index.site_root)
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
            delta.removed.extend(index.remove_path(path))
    return delta
