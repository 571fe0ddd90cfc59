"""What the incremental renderer keeps of a body between renders, and the rules by which
an edit's chunks can be rendered on their own (heading ids, keys, references)."""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from markdown_it.token import Token

from editor.core.render.markdown import RenderedBlock, wrap_block
from editor.core.render.slugger import Slugger, numbered_base

MISSING = object()


class RecordingRefs(dict[str, Any]):
    """The document's reference definitions; remembers which labels a chunk looked up."""

    def __init__(self, refs: Mapping[str, Any]) -> None:
        super().__init__(refs)
        self.used: set[str] = set()

    def get(self, key: str, default: Any = None) -> Any:
        """Look up a label and remember that this chunk depends on it."""
        self.used.add(key)
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        if isinstance(key, str):
            self.used.add(key)
        return super().__contains__(key)

    def __getitem__(self, key: str) -> Any:
        self.used.add(key)
        return super().__getitem__(key)


@dataclass
class Block:
    """One top-level block of a chunk, in chunk-local lines."""

    start: int
    end: int
    inner: str
    digest: str
    last: RenderedBlock | None = None  # reused when key and document lines are unchanged


@dataclass
class Chunk:
    """A run of whole lines parsed on its own, and what its output depends on."""

    text: str
    line_count: int
    local_refs: dict[str, Any]
    footnote_labels: tuple[str, ...]  # ":label" of each footnote it defines
    open_end: bool  # ends inside a fence or HTML block that the next chunk would continue
    too_deep: bool  # markdown-it stopped nesting in it (guard.TOO_DEEP_KEY)
    tokens: list[Token] = field(default_factory=list)
    used_refs: dict[str, Any] = field(default_factory=dict)  # label -> value seen (or MISSING)
    headings: list[tuple[Token, str]] = field(default_factory=list)  # heading_open, its slug
    ids: tuple[str, ...] | None = None  # heading ids its blocks were rendered with
    blocks: list[Block] | None = None
    definitions: list[Token] = field(default_factory=list)  # its footnote definitions' tokens


@dataclass
class Layout:
    """The last render, chunk by chunk: where the render of an edit starts from."""

    text: str  # the body, with "\n" newlines
    first_line: int
    chunks: list[Chunk]
    lengths: list[int]  # characters of each chunk
    line_counts: list[int]
    block_counts: list[int]
    blocks: tuple[RenderedBlock, ...]
    refs: dict[str, Any]
    digests: Counter[str]  # how many blocks of the body have each content digest
    footnoted: bool  # the last block is the footnotes section, outside every chunk
    slugs: Counter[str]  # how many headings have each slug
    bases: Counter[str]  # numbered_base of every numbered-looking slug, counted


def line_count(text: str) -> int:
    return text.count("\n") + (0 if text.endswith("\n") or not text else 1)


def ends_open(tokens: list[Token], line_count: int) -> bool:
    """Whether the chunk's last top-level block is a fence or HTML block cut off by its end."""
    if not tokens:
        return False
    last = tokens[-1]
    # A closed fence or HTML block ends before the blank line that precedes every cut; one
    # that swallowed it through to the end of the chunk was still open there.
    return (
        last.level == 0
        and last.type in ("fence", "html_block")
        and last.map is not None
        and last.map[1] >= line_count
    )


def local_refs(chunks: Sequence[Chunk]) -> dict[str, Any]:
    """The reference definitions of these chunks; the first definition wins, as in markdown-it."""
    refs: dict[str, Any] = {}
    for chunk in chunks:
        for label, value in chunk.local_refs.items():
            refs.setdefault(label, value)
    return refs


def shifted(chunks: Sequence[Chunk], line: int) -> Iterator[RenderedBlock]:
    """The chunks' rendered blocks (keys kept), placed from document line `line` on."""
    for chunk in chunks:
        for block in chunk.blocks or ():
            start, end = block.start + line, block.end + line
            last = block.last
            assert last is not None  # every block was emitted when its chunk was rendered
            if last.line_start != start:
                last = RenderedBlock(last.key, wrap_block(block.inner, start, end), start, end)
                block.last = last
            yield last
        line += chunk.line_count


def slug_bases(slugs: list[str]) -> Counter[str]:
    return Counter(base for slug in slugs if (base := numbered_base(slug)) is not None)


def window_ids(
    layout: Layout, old_slugs: list[str], old_ids: list[str], new_slugs: list[str]
) -> list[str] | None:
    """The ids of the window's headings after an edit, or None if the edit may change ids
    outside the window.

    Ids number repeated slugs in document order ("a", "a-1", ...). A slug the window holds
    as often as before keeps its ids, in order; a slug whose count changed must not meet
    any other heading's - by being the same, or one being the other numbered ("a" and
    "a-1") - and is numbered among the window's changed headings alone.
    """
    if new_slugs == old_slugs:
        return old_ids
    old_counts, new_counts = Counter(old_slugs), Counter(new_slugs)
    changed = {slug for slug in old_counts | new_counts if old_counts[slug] != new_counts[slug]}
    if [s for s in old_slugs if s not in changed] != [s for s in new_slugs if s not in changed]:
        return None  # headings kept in another order: their numbering may change
    # Everything else in the document: every heading but the window's changed ones.
    changed_old = Counter({slug: old_counts[slug] for slug in changed})
    changed_bases = slug_bases([slug for slug in old_slugs if slug in changed])
    for slug in changed:
        if layout.slugs[slug] - changed_old[slug] or layout.bases[slug] - changed_bases[slug]:
            return None
        base = numbered_base(slug)
        if base is not None and layout.slugs[base] - changed_old[base]:
            return None
    kept: dict[str, deque[str]] = {}
    for slug, heading_id in zip(old_slugs, old_ids, strict=True):
        kept.setdefault(slug, deque()).append(heading_id)
    local = Slugger()
    return [
        local.heading_id_for_slug(slug) if slug in changed else kept[slug].popleft()
        for slug in new_slugs
    ]


def recount(counts: Counter[str], removed: Counter[str], added: Counter[str]) -> None:
    """Take a window's old items out of counts and its new ones in; drop the zeros."""
    counts.subtract(removed)
    counts.update(added)
    for item in removed:
        if not counts[item]:
            del counts[item]
