"""The line merge follows diff3: one-sided changes apply, overlapping different ones conflict."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.merge import LineConflict, merge_lines, split_lines
from editor.core.merge import lines as lines_module


@pytest.fixture(scope="module")
def monkeypatch_limit():
    """Myers' diff gives up at once, so the patience diff does the work."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(lines_module, "MYERS_LIMIT", 0)
        yield


def _merge(base: str, mine: str, theirs: str) -> tuple[str, list[tuple[str, str, str]]]:
    """The merged text (conflicts as mine) and each conflict as (base, mine, theirs) text."""
    result = merge_lines(split_lines(base), split_lines(mine), split_lines(theirs))
    conflicts = [("".join(c.base), "".join(c.mine), "".join(c.theirs)) for c in result.conflicts]
    return result.text(), conflicts


BASE = "가\n나\n다\n라\n마\n바\n사\n"

CLEAN_CASES = [
    # (name, mine, theirs, merged)
    ("nothing changed", BASE, BASE, BASE),
    ("only mine changed", BASE.replace("나", "나!"), BASE, BASE.replace("나", "나!")),
    ("only theirs changed", BASE, BASE.replace("바", "바?"), BASE.replace("바", "바?")),
    (
        "both changed far apart",
        BASE.replace("나", "나!"),
        BASE.replace("바", "바?"),
        BASE.replace("나", "나!").replace("바", "바?"),
    ),
    (
        "both made the same change",
        BASE.replace("다", "三"),
        BASE.replace("다", "三"),
        BASE.replace("다", "三"),
    ),
    ("mine inserted at the top", "新\n" + BASE, BASE, "新\n" + BASE),
    ("theirs appended at the end", BASE, BASE + "끝\n", BASE + "끝\n"),
    (
        "mine deleted a line, theirs changed another",
        BASE.replace("나\n", ""),
        BASE.replace("마", "ま"),
        BASE.replace("나\n", "").replace("마", "ま"),
    ),
    (
        "both deleted the same line",
        BASE.replace("라\n", ""),
        BASE.replace("라\n", ""),
        BASE.replace("라\n", ""),
    ),
    (
        "insertions at two different places",
        BASE.replace("나\n", "나\n삽입1\n"),
        BASE.replace("바\n", "바\n삽입2\n"),
        BASE.replace("나\n", "나\n삽입1\n").replace("바\n", "바\n삽입2\n"),
    ),
    ("a last line without newline, changed by theirs", "a\nb", "a\nc", "a\nc"),
]


@pytest.mark.parametrize(
    ("name", "mine", "theirs", "merged"), CLEAN_CASES, ids=[c[0] for c in CLEAN_CASES]
)
def test_changes_that_do_not_overlap_merge_cleanly(name, mine, theirs, merged):
    base = "a\nb" if name.startswith("a last line") else BASE
    text, conflicts = _merge(base, mine, theirs)
    assert conflicts == []
    assert text == merged


CONFLICT_CASES = [
    # (name, mine, theirs, (base, mine, theirs) of the one conflict)
    (
        "same line changed differently",
        BASE.replace("다", "다1"),
        BASE.replace("다", "다2"),
        ("다\n", "다1\n", "다2\n"),
    ),
    (
        "adjacent lines changed",
        BASE.replace("다", "다1"),
        BASE.replace("라", "라2"),
        ("다\n라\n", "다1\n라\n", "다\n라2\n"),
    ),
    (
        "different insertions at one place",
        BASE.replace("다\n", "다\nX\n"),
        BASE.replace("다\n", "다\nY\n"),
        ("", "X\n", "Y\n"),
    ),
    (
        "deleted by mine, changed by theirs",
        BASE.replace("마\n", ""),
        BASE.replace("마", "마2"),
        ("마\n", "", "마2\n"),
    ),
]


@pytest.mark.parametrize(
    ("name", "mine", "theirs", "conflict"), CONFLICT_CASES, ids=[c[0] for c in CONFLICT_CASES]
)
def test_overlapping_different_changes_conflict(name, mine, theirs, conflict):
    text, conflicts = _merge(BASE, mine, theirs)
    assert conflicts == [conflict]
    assert text == mine, "a conflict resolved to mine gives mine back"


def test_a_conflict_keeps_the_lines_both_sides_agree_on_outside_it():
    mine = BASE.replace("다\n", "공통\n내것\n끝공통\n")
    theirs = BASE.replace("다\n", "공통\n그것\n끝공통\n")
    result = merge_lines(split_lines(BASE), split_lines(mine), split_lines(theirs))
    [conflict] = result.conflicts
    assert (conflict.mine, conflict.theirs) == (("내것\n",), ("그것\n",))
    assert result.text("theirs") == theirs


def test_a_conflict_records_where_it_starts_on_each_side():
    mine = "new top\n" + BASE.replace("마", "마1")
    theirs = BASE.replace("마", "마2")
    [conflict] = merge_lines(split_lines(BASE), split_lines(mine), split_lines(theirs)).conflicts
    assert isinstance(conflict, LineConflict)
    assert (conflict.base_start, conflict.mine_start, conflict.theirs_start) == (4, 5, 4)


def test_changes_are_counted_by_side():
    mine = BASE.replace("가", "가1")
    theirs = BASE.replace("라", "라2").replace("사", "사2")
    result = merge_lines(split_lines(BASE), split_lines(mine), split_lines(theirs))
    assert (result.from_mine, result.from_theirs) == (1, 2)


def test_split_lines_breaks_only_at_newline():
    assert split_lines("a\u2028b\rc\nd") == ["a\u2028b\rc\n", "d"]
    assert split_lines("") == []
    assert "".join(split_lines("x\n\ny")) == "x\n\ny"


def _lcs_length(a: list[int], b: list[int]) -> int:
    row = [0] * (len(b) + 1)
    for x in a:
        previous = 0
        for j, y in enumerate(b):
            previous, row[j + 1] = row[j + 1], previous + 1 if x == y else max(row[j + 1], row[j])
    return row[-1]


@settings(deadline=None)
@given(
    a=st.lists(st.integers(0, 4), max_size=25),
    b=st.lists(st.integers(0, 4), max_size=25),
)
def test_the_line_diff_finds_a_longest_common_subsequence(a, b):
    blocks = lines_module._matching_blocks(a, b)
    assert blocks[-1] == (len(a), len(b), 0)
    for x, y, size in blocks:
        assert a[x : x + size] == b[y : y + size]
    pairs = [(x + k, y + k) for x, y, size in blocks for k in range(size)]
    assert pairs == sorted(pairs) and len({p[0] for p in pairs}) == len(pairs)
    assert len(pairs) == _lcs_length(a, b)


@settings(deadline=None)
@given(
    base=st.lists(st.integers(0, 30), max_size=40), side=st.lists(st.integers(0, 30), max_size=40)
)
def test_the_patience_diff_for_large_rewrites_matches_in_order(monkeypatch_limit, base, side):
    blocks = lines_module._matching_blocks(base, side)
    for x, y, size in blocks:
        assert base[x : x + size] == side[y : y + size]
    pairs = [(x + k, y + k) for x, y, size in blocks for k in range(size)]
    assert pairs == sorted(pairs) and len({p[1] for p in pairs}) == len(pairs)


def test_a_wholesale_rewrite_still_merges_an_edit_far_away(monkeypatch_limit):
    base = [f"줄 {n}\n" for n in range(60)]
    mine = [line.replace("줄", "행") if n % 3 == 0 else line for n, line in enumerate(base)]
    theirs = [*base[:-1], "끝 줄 고침\n"]
    result = merge_lines(base, mine, theirs)
    assert result.conflicts == []
    assert result.text() == "".join([*mine[:-1], "끝 줄 고침\n"])
