"""The same place in a translation: a line of one post mapped to its sibling by heading structure.

Headings are translated, so their text says nothing; their structure does. A heading's path
is its ordinal among the headings of its level under the same parent (the 2nd H2, then its
3rd H3). A line maps to the sibling's heading with the same path, keeping its offset in the
section in proportion to the two sections' lengths. When the sibling lacks that section,
the nearest earlier heading it has is the answer; a sibling without any of those gets the
same relative position in the body.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from editor.core.frontmatter import find_block
from editor.core.post.outline import Heading, OutlineScanner

__all__ = ["HeadingPath", "LineMatch", "SectionMap", "heading_paths", "match_line", "section_map"]

HeadingPath = tuple[tuple[int, int], ...]  # ((level, ordinal from 1), ...) outermost first

MatchKind = Literal["heading", "earlier", "body"]


def heading_paths(levels: Sequence[int]) -> list[HeadingPath]:
    """The structural path of each heading, given the levels of a post's headings in order."""
    counters = [0] * 7  # index = level; a heading resets the counters of deeper levels
    paths: list[HeadingPath] = []
    for level in levels:
        counters[level] += 1
        for deeper in range(level + 1, 7):
            counters[deeper] = 0
        paths.append(tuple((lvl, counters[lvl]) for lvl in range(1, level + 1) if counters[lvl]))
    return paths


@dataclass(frozen=True)
class SectionMap:
    """A post's sections: its headings, their paths, where the body starts, how many lines."""

    headings: tuple[Heading, ...]
    body_start: int  # 0-based line after the frontmatter
    line_count: int
    paths: tuple[HeadingPath, ...] = field(default=(), repr=False)
    _by_path: dict[HeadingPath, int] = field(default_factory=dict, repr=False, compare=False)
    _lines: tuple[int, ...] = field(default=(), repr=False, compare=False)

    @classmethod
    def of(cls, headings: Sequence[Heading], body_start: int, line_count: int) -> SectionMap:
        """A map from headings found elsewhere (the outline of the open post)."""
        paths = heading_paths([h.level for h in headings])
        by_path: dict[HeadingPath, int] = {}
        for index, path in enumerate(paths):
            by_path.setdefault(path, index)
        return cls(
            tuple(headings),
            body_start,
            max(1, line_count),
            tuple(paths),
            by_path,
            tuple(h.line for h in headings),
        )

    def section_at(self, line: int) -> int | None:
        """Index of the heading whose section holds a 0-based line; None above the first."""
        index = bisect_right(self._lines, line) - 1
        return index if index >= 0 else None

    def find(self, path: HeadingPath) -> int | None:
        """Index of the heading with this path."""
        return self._by_path.get(path)

    def section_span(self, index: int | None) -> tuple[int, int]:
        """First line and end line (exclusive) of a section; None is the part above headings."""
        if index is None:
            start = min(self.body_start, self.line_count - 1)
            end = self.headings[0].line if self.headings else self.line_count
            return start, max(end, start + 1)
        start = self.headings[index].line
        nxt = index + 1
        end = self.headings[nxt].line if nxt < len(self.headings) else self.line_count
        return start, max(end, start + 1)


@dataclass(frozen=True)
class LineMatch:
    """Where a line lands in the sibling, and how it was found."""

    line: int
    kind: MatchKind  # same heading path, nearest earlier heading, or position in the body
    heading: int | None = None  # index of the sibling's heading it landed in


def section_map(text: str, scanner: OutlineScanner | None = None) -> SectionMap:
    """Scan a post's text for its sections (keep one scanner to scan repeatedly)."""
    headings = (scanner or OutlineScanner()).headings(text)
    normal = text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
    block = find_block(normal)
    body_start = normal.count("\n", 0, block.end) if block is not None else 0
    return SectionMap.of(headings, body_start, normal.count("\n") + 1)


def _scaled(offset: int, source_span: tuple[int, int], target_span: tuple[int, int]) -> int:
    """offset into the source span, scaled to the target span's length (kept inside it)."""
    source_len = source_span[1] - source_span[0]
    target_len = target_span[1] - target_span[0]
    scaled = round(offset * target_len / source_len) if source_len > 0 else 0
    return target_span[0] + min(max(scaled, 0), target_len - 1)


def match_line(source: SectionMap, line: int, target: SectionMap) -> LineMatch:
    """The line of target at the same heading as a 0-based line of source."""
    line = min(max(line, 0), source.line_count - 1)
    index = source.section_at(line)
    if index is None:
        if line < source.body_start:
            # In the frontmatter: the sibling's frontmatter, scaled the same way.
            span = (0, max(source.body_start, 1))
            return LineMatch(_scaled(line, span, (0, max(target.body_start, 1))), "body")
        span = source.section_span(None)
        return LineMatch(_scaled(line - span[0], span, target.section_span(None)), "body")
    found = target.find(source.paths[index])
    if found is not None:
        span = source.section_span(index)
        target_line = _scaled(line - span[0], span, target.section_span(found))
        return LineMatch(target_line, "heading", found)
    for earlier in range(index - 1, -1, -1):
        found = target.find(source.paths[earlier])
        if found is not None:
            return LineMatch(target.headings[found].line, "earlier", found)
    span = (source.body_start, source.line_count)
    target_span = (min(target.body_start, target.line_count - 1), target.line_count)
    target_line = _scaled(line - span[0], span, target_span)
    return LineMatch(target_line, "body", target.section_at(target_line))
