"""Properties of the merge on generated Korean/Japanese posts and on the fixture post."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from editor.core.frontmatter import parse_frontmatter, set_value
from editor.core.merge import merge_lines, merge_post, split_lines

FIXTURE = Path(__file__).parents[2] / "fixtures" / "deepseek-v4-release.ko.md"
_SETTINGS = settings(deadline=None, suppress_health_check=list(HealthCheck))

CHARS = "가나다라마바사아자차카타파하あいうえおかきくけこ日本語漢字 -#*:'"
WORDS = st.text(alphabet=CHARS, max_size=10)
KEYS = ["title", "description", "pubDate", "heroImage", "tags", "draft", "faq"]


@st.composite
def values(draw: st.DrawFn) -> str:
    """A YAML value as a writer types it: a plain or quoted scalar, or a block list."""
    word = draw(st.text(alphabet="가나다라마あいう日本語 ", min_size=1, max_size=8)).strip() or "값"
    kind = draw(st.sampled_from(["plain", "single", "double", "list", "bool"]))
    if kind == "list":
        items = draw(
            st.lists(st.sampled_from(["ai", "llm", "일본어", "日本"]), min_size=1, max_size=3)
        )
        return "".join(f"\n  - {item}" for item in items)
    return {
        "plain": f" {word}",
        "single": f" '{word}'",
        "double": f' "{word}"',
        "bool": f" {draw(st.sampled_from(['true', 'false']))}",
    }[kind]


@st.composite
def posts(draw: st.DrawFn) -> str:
    """A post: YAML frontmatter (keys in any order, some with comments) and a CJK body."""
    keys = draw(st.lists(st.sampled_from(KEYS), unique=True, max_size=5))
    lines = ["---"]
    for key in keys:
        if draw(st.booleans()):
            lines.append(f"# {key} 메모")
        lines.append(f"{key}:{draw(values())}")
    lines.append("---")
    lines += draw(st.lists(WORDS, max_size=8))
    return "\n".join(lines) + "\n"


TEXTS = st.one_of(posts(), st.lists(WORDS, max_size=8).map("\n".join))


# Merges with one side only (or the same edit on both): (mine, theirs) from (base, edit).
ONE_SIDED = {
    "into an unedited text, theirs": lambda base, edit: (base, edit),
    "with an unchanged disk, mine": lambda base, edit: (edit, base),
    "of the same edit on both sides, it": lambda base, edit: (edit, edit),
}


@pytest.mark.parametrize("sides", ONE_SIDED.values(), ids=ONE_SIDED.keys())
@_SETTINGS
@given(base=TEXTS, edit=TEXTS)
def test_a_one_sided_merge_gives_the_edit(sides, base, edit):
    mine, theirs = sides(base, edit)
    result = merge_post(base, mine, theirs)
    assert result.conflicts == []
    assert result.text == edit


@st.composite
def far_apart_edits(draw: st.DrawFn) -> tuple[list[str], list[str], list[str], list[str]]:
    """Distinct base lines, and two edits with at least two untouched lines between them."""
    base = draw(st.lists(WORDS.map(lambda w: w + "\n"), min_size=4, max_size=30, unique=True))
    i1 = draw(st.integers(0, len(base) - 2))
    j1 = draw(st.integers(i1, len(base) - 2))
    i2 = draw(st.integers(j1 + 2, len(base)))
    j2 = draw(st.integers(i2, len(base)))
    fresh = WORDS.map(lambda w: w + "\n").filter(lambda line: line not in base)
    new1 = draw(st.lists(fresh, max_size=3))
    new2 = draw(st.lists(fresh, max_size=3))
    first = base[:i1] + new1 + base[j1:]
    second = base[:i2] + new2 + base[j2:]
    both = base[:i1] + new1 + base[j1:i2] + new2 + base[j2:]
    return base, first, second, both


@_SETTINGS
@given(edits=far_apart_edits(), swap=st.booleans())
def test_edits_far_apart_merge_without_conflict(edits, swap):
    base, first, second, both = edits
    mine, theirs = (second, first) if swap else (first, second)
    result = merge_lines(base, mine, theirs)
    assert result.conflicts == []
    assert result.text() == "".join(both)


FIELD_VALUES = {
    "title": st.text(alphabet="딥시크출시日本語モデル ", min_size=1, max_size=20),
    "pubDate": st.sampled_from(["2026-03-01", "2026-02-19"]),
    "heroImage": st.sampled_from(["./hero.png", "../../../assets/blog/새-hero.png"]),
    "tags": st.lists(st.sampled_from(["ai", "모델", "日本"]), min_size=1, max_size=3),
    "draft": st.booleans(),
}


@_SETTINGS
@given(data=st.data())
def test_the_fixture_post_merges_fields_and_lines_edited_on_different_sides(data):
    base = FIXTURE.read_text(encoding="utf-8")
    mine_key, theirs_key = data.draw(
        st.lists(st.sampled_from(sorted(FIELD_VALUES)), min_size=2, max_size=2, unique=True)
    )
    mine_value = data.draw(FIELD_VALUES[mine_key])
    theirs_value = data.draw(FIELD_VALUES[theirs_key])
    assume(mine_value != parse_frontmatter(base).data.get(mine_key))
    assume(theirs_value != parse_frontmatter(base).data.get(theirs_key))
    # Each side also edits one body line, far from the other's, then sets its field.
    body_start = parse_frontmatter(base).body_first_line
    lines = split_lines(base)
    mine_line = data.draw(st.integers(body_start, body_start + 40))
    theirs_line = data.draw(st.integers(mine_line + 3, len(lines) - 1))
    mine = "".join([*lines[:mine_line], "내가 고친 줄\n", *lines[mine_line + 1 :]])
    theirs = "".join([*lines[:theirs_line], "ディスクで直した行\n", *lines[theirs_line + 1 :]])
    mine_patch = set_value(mine, (mine_key,), mine_value)
    theirs_patch = set_value(theirs, (theirs_key,), theirs_value)
    assert mine_patch is not None and theirs_patch is not None
    mine, theirs = mine_patch.apply(mine), theirs_patch.apply(theirs)
    result = merge_post(base, mine, theirs)
    assert result.conflicts == []
    data_merged = parse_frontmatter(result.text).data
    assert data_merged[mine_key] == mine_value
    assert data_merged[theirs_key] == theirs_value
    assert "내가 고친 줄\n" in result.text and "ディスクで直した行\n" in result.text
