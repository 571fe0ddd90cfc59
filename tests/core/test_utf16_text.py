"""Utf16Text follows UTF-16 offsets exactly as a Qt document reports them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from editor.core.utf16_text import Utf16Text


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def test_bmp_text_offsets_are_python_indices():
    text = Utf16Text("가나다 abc")
    assert text.length16 == 7
    assert text.index(4) == 4
    text.replace16(1, 1, "X\nY")
    assert text.text == "가X\nY다 abc"


def test_emoji_count_twice_in_utf16():
    text = Utf16Text("a🎉b😀c")
    assert text.length16 == 7
    assert [text.index(p) for p in (0, 1, 3, 4, 6, 7)] == [0, 1, 2, 3, 4, 5]
    assert text.slice16(1, 3) == "🎉b"
    text.replace16(4, 2, "🚀🚀")  # the second emoji becomes two rockets
    assert text.text == "a🎉b🚀🚀c"
    assert text.length16 == 9
    text.replace16(0, 3, "")  # "a🎉" removed
    assert text.text == "b🚀🚀c"
    assert text.index(3) == 2


def test_a_change_outside_the_text_is_refused_and_changes_nothing():
    text = Utf16Text("abc")
    with pytest.raises(ValueError):
        text.replace16(2, 5, "x")
    assert text.text == "abc"


alphabet = st.sampled_from(["a", "가", "\n", "\u00a0", "🎉", "😀", "𝕏", " "])
texts = st.text(alphabet=alphabet, max_size=40)


@given(texts, st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60), texts), max_size=12))
def test_random_changes_match_a_plain_string(initial, changes):
    mirror = Utf16Text(initial)
    reference = initial
    for a, b, added in changes:
        # Qt never splits a surrogate pair: changes start and end at character boundaries.
        start, end = min(a, len(reference)), min(max(a, b), len(reference))
        pos16, end16 = utf16_len(reference[:start]), utf16_len(reference[:end])
        mirror.replace16(pos16, end16 - pos16, added)
        reference = reference[:start] + added + reference[end:]
        assert mirror.text == reference
        assert mirror.length16 == utf16_len(reference)
        for index in range(len(reference) + 1):
            assert mirror.index(utf16_len(reference[:index])) == index
            assert mirror.offset16(index) == utf16_len(reference[:index])
