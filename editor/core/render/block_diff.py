"""What changed between two renders of a post: one run of blocks, and a line shift after it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from editor.core.render.markdown import RenderedBlock, RenderedPost


@dataclass(frozen=True)
class BlockSplice:
    """Replace `remove` blocks at `start` by `insert`; the blocks after them keep their
    content and move by `shift` lines. `total` is the block count afterwards."""

    start: int
    remove: int
    insert: tuple[RenderedBlock, ...]
    shift: int
    total: int

    def apply(self, old: Sequence[RenderedBlock]) -> list[RenderedBlock]:
        """The new block list, from the old one (what the page does, for tests)."""
        tail = [
            RenderedBlock(b.key, b.html, b.line_start + self.shift, b.line_end + self.shift)
            for b in old[self.start + self.remove :]
        ]
        return [*old[: self.start], *self.insert, *tail]


@dataclass(frozen=True)
class RenderOutcome:
    """One render of the open post, and how its blocks differ from the same renderer's
    previous render (computed by the renderer, off the UI thread)."""

    post: RenderedPost
    # How to turn `base` into post.blocks; None on a renderer's first render.
    splice: BlockSplice | None = None
    base: tuple[RenderedBlock, ...] | None = None  # the previous render's blocks
    # Only the chunks around the edit were rendered: the work depended on the edit, not
    # on the length of the post.
    edit_only: bool = False


def splice_between(old: Sequence[RenderedBlock], new: Sequence[RenderedBlock]) -> BlockSplice:
    """The smallest single splice (by common prefix and shifted suffix) from old to new."""
    shift = new[-1].line_end - old[-1].line_end if old and new else 0
    return splice_window(old, new, shift)


def splice_window(
    old: Sequence[RenderedBlock],
    new: Sequence[RenderedBlock],
    shift: int,
    offset: int = 0,
    total: int | None = None,
) -> BlockSplice:
    """The splice replacing the run `old` by `new`, trimmed to the blocks that changed.

    The runs sit at block `offset` of posts whose blocks after them move by `shift` lines;
    `total` is the new post's block count (len(new) when the runs are whole posts).
    """
    limit = min(len(old), len(new))
    prefix = 0
    while (
        prefix < limit
        and old[prefix].key == new[prefix].key
        and old[prefix].line_start == new[prefix].line_start
        and old[prefix].line_end == new[prefix].line_end
    ):
        prefix += 1
    suffix = 0
    while suffix < limit - prefix:
        a, b = old[len(old) - 1 - suffix], new[len(new) - 1 - suffix]
        if (
            a.key != b.key
            or b.line_start - a.line_start != shift
            or b.line_end - a.line_end != shift
        ):
            break
        suffix += 1
    return BlockSplice(
        start=offset + prefix,
        remove=len(old) - prefix - suffix,
        insert=tuple(new[prefix : len(new) - suffix]),
        shift=shift,
        total=len(new) if total is None else total,
    )
