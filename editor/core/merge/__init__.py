"""Three-way merge of the open post with the file on disk (base = the version last read)."""

from __future__ import annotations

from editor.core.merge.disk import DiskMerge, merge_with_disk
from editor.core.merge.lines import LineConflict, LineMerge, merge_lines, split_lines
from editor.core.merge.post_merge import Conflict, MergeResult, describe_merge, merge_post

__all__ = [
    "Conflict",
    "DiskMerge",
    "LineConflict",
    "LineMerge",
    "MergeResult",
    "describe_merge",
    "merge_lines",
    "merge_post",
    "merge_with_disk",
    "split_lines",
]
