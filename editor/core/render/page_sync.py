"""What the preview page holds (its last update's seq, its blocks' keys), and the one
payload that brings it to a new render.

The page applies every payload the same way (`window.postdesk.update` in preview.js):
replace a run of its blocks by the payload's blocks, reusing the nodes of keys it holds,
and move the lines of the blocks after the run. A splice names a short run; a whole render
replaces every block the page holds (`remove` is None); html is left out for the keys the
page already has a node for.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

from editor.core.render.block_diff import BlockSplice, RenderOutcome
from editor.core.render.markdown import RenderedBlock, RenderedPost

Payload = dict[str, object]


def post_id_of(post_path: Path | None) -> str | None:
    """The id the page knows a post by (a new id tells it another post is shown)."""
    return str(post_path) if post_path is not None else None


@dataclass(frozen=True)
class PageRender:
    """A render sent to the page: the seq of its request and the post it shows."""

    seq: int
    post_id: str | None


@dataclass(frozen=True)
class _Sent:
    render: PageRender
    post: RenderedPost


def block_items(blocks: Sequence[RenderedBlock], known: Collection[str] = ()) -> list[Payload]:
    """The blocks as the page takes them: html only for keys not in `known`."""
    items: list[Payload] = []
    for block in blocks:
        item: Payload = {"key": block.key, "line": block.line_start, "end": block.line_end}
        if block.key not in known:
            item["html"] = block.html
        items.append(item)
    return items


def whole_payload(
    seq: int, post_id: str | None, post: RenderedPost, known: Collection[str] = ()
) -> Payload:
    """A payload that replaces every block the page holds by the post's blocks."""
    return {
        "seq": seq,
        "postId": post_id,
        "header": post.header_html,
        "start": 0,
        "remove": None,  # every block the page holds
        "blocks": block_items(post.blocks, known),
        "shift": 0,
        "total": len(post.blocks),
    }


def _splice_payload(
    seq: int, post_id: str | None, post: RenderedPost, splice: BlockSplice, old: RenderedPost
) -> Payload:
    # The removed blocks' nodes are reused by key: a key among them needs no html.
    removed = {b.key for b in old.blocks[splice.start : splice.start + splice.remove]}
    return {
        "seq": seq,
        "postId": post_id,
        "header": post.header_html,
        "start": splice.start,
        "remove": splice.remove,
        "blocks": block_items(splice.insert, removed),
        "shift": splice.shift,
        "total": splice.total,
    }


class PageSync:
    """The one owner of what the preview page holds: turns each render into exactly one
    payload for it, and answers its "ready", "missing" and "rendered" reports."""

    def __init__(self) -> None:
        # The newest render sent: the page holds it once it has run the payloads sent (an
        # answer of "missing" says it does not, and it is sent again, whole).
        self._sent: _Sent | None = None
        self._ready = False  # a loading page holds nothing; it runs only the newest payload
        self._drawn: PageRender | None = None

    @property
    def is_ready(self) -> bool:
        """Whether the page has loaded and takes payloads as they come."""
        return self._ready

    def payload_for(self, seq: int, post_id: str | None, outcome: RenderOutcome) -> Payload:
        """The payload that brings the page to this render: the changed run of blocks when
        the page holds the render the splice starts from, else every block."""
        last = self._sent
        self._sent = _Sent(PageRender(seq, post_id), outcome.post)
        if not self._ready or last is None or last.render.post_id != post_id:
            return whole_payload(seq, post_id, outcome.post)
        if outcome.splice is not None and outcome.base is last.post.blocks:
            return _splice_payload(seq, post_id, outcome.post, outcome.splice, last.post)
        known = {b.key for b in last.post.blocks}
        return whole_payload(seq, post_id, outcome.post, known)

    def page_ready(self) -> None:
        """The page has loaded and run the newest payload sent while it loaded."""
        self._ready = True

    def page_reloading(self) -> Payload | None:
        """The page loads again and will hold nothing: the newest render, whole, to queue."""
        self._ready = False
        return self._resend()

    def page_missing(self) -> Payload | None:
        """The page lacks blocks it was thought to hold: the newest render, whole, again."""
        return self._resend()

    def page_drew(self, seq: int) -> None:
        """The page has drawn update `seq`, diagrams included (an older seq is ignored)."""
        if self._sent is not None and self._sent.render.seq == seq:
            self._drawn = self._sent.render

    def drawn(self) -> PageRender | None:
        """The render the page drew last (None before the first and after clear)."""
        return self._drawn

    def clear(self) -> Payload:
        """Forget every render: the payload of the empty page (no post open)."""
        self._sent, self._drawn = None, None
        return whole_payload(0, None, RenderedPost("", ()))

    def _resend(self) -> Payload | None:
        if self._sent is None:
            return None
        render = self._sent.render
        return whole_payload(render.seq, render.post_id, self._sent.post)
