"""Heading match: a line of one language version lands at the same heading of another."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from editor.core.post.heading_match import heading_paths, match_line, section_map
from editor.core.post.outline import outline

ROOT = Path(__file__).resolve().parents[3]
BLOG = ROOT / "resources" / "sample-site" / "src" / "content" / "blog"
LANGS = ("ko", "ja", "en", "zh")
SLUGS = sorted(p.stem for p in (BLOG / "ko").glob("*.md"))


def _text(lang: str, slug: str) -> str:
    return (BLOG / lang / f"{slug}.md").read_text(encoding="utf-8")


def test_heading_paths_count_ordinals_under_each_parent() -> None:
    """2nd H2 then its H3s: ordinals restart under each parent; a skipped level is left out."""
    assert heading_paths([2, 3, 3, 2, 3, 4, 2, 4]) == [
        ((2, 1),),
        ((2, 1), (3, 1)),
        ((2, 1), (3, 2)),
        ((2, 2),),
        ((2, 2), (3, 1)),
        ((2, 2), (3, 1), (4, 1)),
        ((2, 3),),
        ((2, 3), (4, 1)),
    ]


@pytest.mark.parametrize("slug", SLUGS)
@pytest.mark.parametrize(("source", "target"), [("ko", "ja"), ("ja", "en"), ("en", "zh")])
def test_every_sample_heading_lands_on_its_translation(slug: str, source: str, target: str) -> None:
    """Each heading line of a sample post maps to the translated heading at the same place."""
    src_text, dst_text = _text(source, slug), _text(target, slug)
    src, dst = section_map(src_text), section_map(dst_text)
    dst_headings = outline(dst_text)
    assert len(src.headings) == len(dst_headings) >= 5
    for index, heading in enumerate(src.headings):
        found = match_line(src, heading.line, dst)
        assert found.kind == "heading"
        assert found.line == dst_headings[index].line
        assert found.heading == index


def test_ko_second_section_lands_in_ja_second_section() -> None:
    """A line inside the 2nd H2 of the Korean post lands inside the 2nd H2 of the Japanese one."""
    ko, ja = (
        section_map(_text("ko", "astro-build-pipeline")),
        section_map(_text("ja", "astro-build-pipeline")),
    )
    second_ko = [h for h in ko.headings if h.level == 2][1]
    second_ja = [h for h in ja.headings if h.level == 2][1]
    found = match_line(ko, second_ko.line + 3, ja)
    assert found.kind == "heading"
    assert ja.headings[found.heading] == second_ja
    assert found.line == second_ja.line + 3  # the sample's sections have equal lengths


SOURCE = """---
title: Source
---
Intro line one
Intro line two

## One
a
b
c
d

## Two
x
y

### Two-A
deep

## Three
last
"""

# The translation lacks section Two (and so its Two-A); its One runs to the end, 12 lines
# (the line after the last newline counts) against the source's 6.
SHORT = """---
title: 번역
---
도입

## 하나
ㄱ
ㄱ
ㄴ
ㄴ
ㄷ
ㄷ
ㄹ
ㄹ
ㅁ
ㅁ
"""


def test_proportional_offset_inside_a_longer_section() -> None:
    """The 3rd line of a 6-line section lands at the 5th line of the matching 12-line one."""
    src, dst = section_map(SOURCE), section_map(SHORT)
    one = src.headings[0].line
    found = match_line(src, one + 2, dst)
    assert found.kind == "heading"
    assert found.line == dst.headings[0].line + 4


def test_a_missing_section_falls_back_to_the_nearest_earlier_heading() -> None:
    """Two and Two-A are missing in the translation: the cursor goes to One's heading."""
    src, dst = section_map(SOURCE), section_map(SHORT)
    for heading in src.headings[1:]:
        found = match_line(src, heading.line + 1, dst)
        assert found.kind == "earlier"
        assert found.line == dst.headings[0].line


def test_no_heading_in_common_keeps_the_relative_body_position() -> None:
    """A sibling without headings: the same fraction of the body."""
    flat = "---\ntitle: x\n---\n" + "".join(f"줄 {i}\n" for i in range(40))
    src, dst = section_map(SOURCE), section_map(flat)
    last = src.line_count - 1
    found = match_line(src, last, dst)
    assert found.kind == "body"
    assert dst.line_count - 3 <= found.line <= dst.line_count - 1
    middle = match_line(src, (src.body_start + last) // 2, dst)
    assert abs(middle.line - (dst.body_start + dst.line_count) // 2) <= 3


def test_intro_and_frontmatter_lines_map_to_their_counterparts() -> None:
    """Above the first heading: intro maps to intro, a frontmatter line to the frontmatter."""
    src, dst = section_map(SOURCE), section_map(SHORT)
    assert match_line(src, 3, dst).line == 3  # "Intro line one" -> "도입"
    assert match_line(src, 1, dst).line == 1  # title: -> title:
    assert match_line(src, 10_000, dst).line < dst.line_count


levels = st.lists(st.integers(min_value=1, max_value=4), max_size=12)
gaps = st.lists(st.integers(min_value=0, max_value=6), min_size=13, max_size=13)


def _post(heading_levels: list[int], section_gaps: list[int], word: str) -> str:
    lines = ["---", "title: t", "---", word]
    for index, level in enumerate(heading_levels):
        lines += ["", "#" * level + f" {word} {index}", ""]
        lines += [word] * section_gaps[index]
    return "\n".join(lines) + "\n"


@given(levels, gaps)
def test_a_post_matched_with_itself_keeps_every_line(heading_levels, section_gaps) -> None:
    """Matching a post against itself (or a translation of the same shape) is the identity."""
    text = _post(heading_levels, section_gaps, "word")
    translated = _post(heading_levels, section_gaps, "낱말")
    src, dst = section_map(text), section_map(translated)
    for line in range(src.line_count):
        assert match_line(src, line, dst).line == line


@given(levels, gaps, levels, gaps, st.integers(min_value=-5, max_value=200))
def test_any_line_lands_inside_the_sibling(a_levels, a_gaps, b_levels, b_gaps, line) -> None:
    """Whatever the two structures, the answer is a line of the sibling, and a heading found by
    path is the sibling's heading with that path."""
    src = section_map(_post(a_levels, a_gaps, "a"))
    dst = section_map(_post(b_levels, b_gaps, "b"))
    found = match_line(src, line, dst)
    assert 0 <= found.line < dst.line_count
    if found.kind == "heading":
        index = src.section_at(min(max(line, 0), src.line_count - 1))
        assert index is not None and dst.paths[found.heading] == src.paths[index]
        start, end = dst.section_span(found.heading)
        assert start <= found.line < end
