"""editor.core.frontmatter.paths: field paths parse, print and address data."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from editor.core.frontmatter import PatchError, PathError, format_path, get_value, parse_path


@pytest.mark.parametrize(
    ("spec", "path"),
    [
        ("title", ("title",)),
        ("relatedPosts[1].reason.ja", ("relatedPosts", 1, "reason", "ja")),
        ("tags[-1]", ("tags", -1)),
        ('a["x.y"]', ("a", "x.y")),
        ("a['b[0]'].c", ("a", "b[0]", "c")),
        ('["quoted key"][0]', ("quoted key", 0)),
        ("faq[1].answer", ("faq", 1, "answer")),
        ("a.b.c", ("a", "b", "c")),
        ("m[0][1]", ("m", 0, 1)),
    ],
)
def test_parse_path_reads_keys_indexes_and_quoted_keys(spec: str, path: tuple) -> None:
    assert parse_path(spec) == path


@pytest.mark.parametrize(
    "spec", ["", ".", "a.", "a..b", "a[", "a[x]", "a[1", 'a["x]', "a b", "[1]x"]
)
def test_parse_path_rejects_bad_syntax_with_a_path_error(spec: str) -> None:
    with pytest.raises(PathError):
        parse_path(spec)


def test_path_error_is_a_patch_error_so_callers_catch_one_type() -> None:
    assert issubclass(PathError, PatchError)


def test_format_path_quotes_keys_that_need_it() -> None:
    assert format_path(("relatedPosts", 2, "reason", "ja")) == "relatedPosts[2].reason.ja"
    assert format_path(("a", "x.y", -1)) == 'a["x.y"][-1]'
    assert format_path(("1",)) == '["1"]'


_keys = st.text(alphabet=st.sampled_from([*"abz.[]'\" \\-_1", "한"]), min_size=1, max_size=6)


@given(st.lists(st.one_of(_keys, st.integers(-5, 20)), min_size=1, max_size=5))
def test_format_then_parse_gives_the_same_path(parts: list) -> None:
    path = tuple(parts)
    assert parse_path(format_path(path)) == path


DATA = {"tags": ["a", "b"], "rel": [{"reason": {"ja": "x"}}], "n": None}


def test_get_value_walks_mappings_and_lists_with_negative_indexes() -> None:
    assert get_value(DATA, ("rel", 0, "reason", "ja")) == "x"
    assert get_value(DATA, ("tags", -1)) == "b"
    assert get_value(DATA, ("n",)) is None


@pytest.mark.parametrize(
    ("path", "named"),
    [
        (("missing",), "missing"),
        (("tags", 2), "tags[2]"),
        (("tags", "x"), "tags"),
        (("rel", 0, "reason", "ko"), "rel[0].reason.ko"),
        (("n", "a"), "n"),
    ],
)
def test_get_value_raises_a_path_error_naming_the_path(path: tuple, named: str) -> None:
    with pytest.raises(PathError, match=named.replace("[", r"\[").replace("]", r"\]")):
        get_value(DATA, path)
