"""Trimmed patches: the smallest single replacement, also across multi-kilobyte texts."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from editor.core.frontmatter import TextPatch, trimmed_patch


def test_text_patch_replaces_its_span() -> None:
    assert TextPatch(2, 4, "XY").apply("abcdef") == "abXYef"
    assert TextPatch(3, 3, "+").apply("abc") == "abc+"


def test_the_patch_covers_only_the_changed_middle():
    assert trimmed_patch("abc", "abc") is None
    patch = trimmed_patch("title: a\nx", "title: bb\nx")
    assert (patch.start, patch.end, patch.text) == (7, 8, "bb")
    assert trimmed_patch("aaa", "aaaa").apply("aaa") == "aaaa"
    assert trimmed_patch("aaaa", "a").apply("aaaa") == "a"
    assert trimmed_patch("x", "y", at=10).start == 10


_text = st.text(alphabet="ab가\n", max_size=30)


@given(
    head=_text,
    old_mid=_text,
    new_mid=_text,
    tail=_text,
    pad=st.integers(0, 9000),
)
def test_the_patch_is_right_and_smallest_for_any_edit(head, old_mid, new_mid, tail, pad):
    filler = "본문 " * (pad // 3)  # crosses the 4096-character chunks the scan compares
    old = filler + head + old_mid + tail + filler
    new = filler + head + new_mid + tail + filler
    patch = trimmed_patch(old, new)
    if old == new:
        assert patch is None
        return
    assert patch.apply(old) == new
    assert (patch.start, patch.end) == _naive_span(old, new), "as small as a char-by-char scan"


def _naive_span(old: str, new: str) -> tuple[int, int]:
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    return prefix, len(old) - suffix
