"""The merge of the open post with its file on disk: read it again, merge, keep what it read."""

from __future__ import annotations

from dataclasses import dataclass

from editor.core.merge.post_merge import MergeResult, merge_post
from editor.core.storage import TextFile, file_digest, read_text_file

__all__ = ["DiskMerge", "merge_with_disk"]


@dataclass(frozen=True)
class DiskMerge:
    """A merge of the writer's text with the file on disk, and the disk version it read."""

    disk: TextFile  # becomes the base once the merge is applied
    mine: str  # the text the merge started from
    result: MergeResult
    # The bytes' hash, taken just before reading: should the file change in between, the
    # session sees a difference and asks again, never the other way round.
    digest: bytes | None = None


def merge_with_disk(base: TextFile, mine: str) -> DiskMerge:
    """Read base's file again and merge it with mine; StorageError when it cannot be read."""
    digest = file_digest(base.path)
    disk = read_text_file(base.path)
    return DiskMerge(disk, mine, merge_post(base.text, mine, disk.text), digest)
