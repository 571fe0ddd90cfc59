"""Index deltas reach the tree in order: small ones at once, large ones a slice per loop turn."""

from __future__ import annotations

from pathlib import Path

from editor.core.workspace import PostEntry
from editor.core.workspace.changes import IndexDelta
from editor.ui.tree_feed import IMMEDIATE_OPS, TreeFeed


def _entry(path: Path) -> PostEntry:
    return PostEntry(path, path.name, path.stem, "ko", f"제목 {path.stem}", None, 0, 0)


def test_a_small_delta_is_in_the_tree_at_once(qtbot):
    shown: dict[Path, str | None] = {}
    feed = TreeFeed(shown.pop, lambda e: shown.__setitem__(e.path, e.title))
    feed.feed(IndexDelta(updated=[_entry(Path("/s/a.md"))]))
    assert shown == {Path("/s/a.md"): "제목 a"}
    assert not feed.busy()


def test_a_large_delta_arrives_over_several_turns_in_its_order(qtbot):
    shown: dict[Path, str | None] = {}
    turns: list[int] = []

    def upsert(entry: PostEntry) -> None:
        shown[entry.path] = entry.title

    feed = TreeFeed(lambda p: shown.pop(p), upsert)
    paths = [Path(f"/s/p{i:05}.md") for i in range(IMMEDIATE_OPS * 20)]
    feed.feed(IndexDelta(updated=[_entry(p) for p in paths]))
    assert feed.busy() and len(shown) < len(paths), "nothing this large runs in one turn"
    # A later delta removes some of them: applied after the upserts, not before.
    feed.feed(IndexDelta(removed=paths[:10]))
    feed.drained.connect(turns.append)
    qtbot.waitUntil(lambda: not feed.busy(), timeout=10_000)
    assert turns == [True]
    assert set(shown) == set(paths[10:])
