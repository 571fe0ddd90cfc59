"""Edit requests from the form, and top-level entries replaced exactly as written."""

from __future__ import annotations

import datetime

import pytest

from editor.core.frontmatter import (
    DeleteValue,
    InsertItem,
    MoveItem,
    PatchError,
    RemoveItem,
    RemoveValue,
    ReplaceEntry,
    SetValue,
    apply_request,
    entry_source,
    merge_key,
    parse_frontmatter,
)

TEXT = (
    "---\n"
    "title: Post\n"
    "# the theme reads this\n"
    "layout:   wide   # keep my spacing\n"
    "extra:\n"
    "  a: 1\n"
    "  b: [x,  y]\n"
    "tags: [a, b, c]\n"
    "---\n"
    "body\n"
)


def apply(request, text=TEXT, key_order=None):
    patch = apply_request(text, request, key_order)
    return patch.apply(text) if patch is not None else text


def test_each_request_is_carried_out_by_the_engine():
    assert parse_frontmatter(apply(SetValue(("extra", "a"), 2))).data["extra"]["a"] == 2
    assert "layout" not in parse_frontmatter(apply(DeleteValue(("layout",)))).data
    assert parse_frontmatter(apply(InsertItem(("tags",), 1, "z"))).data["tags"] == [
        "a",
        "z",
        "b",
        "c",
    ]
    assert parse_frontmatter(apply(RemoveItem(("tags",), 0))).data["tags"] == ["b", "c"]
    assert parse_frontmatter(apply(MoveItem(("tags",), 0, 2))).data["tags"] == ["b", "c", "a"]


def test_remove_value_drops_every_equal_item_in_one_patch():
    """Equal as YAML values: 1 is not true, and a date equals its ISO string."""
    text = "---\nxs:\n  - a\n  # about 1\n  - 1\n  - a\n  - true\n  - '2026-01-02'\n---\n"
    assert apply(RemoveValue(("xs",), "a"), text) == (
        "---\nxs:\n  # about 1\n  - 1\n  - true\n  - '2026-01-02'\n---\n"
    )
    assert apply(RemoveValue(("xs",), 1), text).count("- 1\n") == 0
    assert "- true" in apply(RemoveValue(("xs",), 1), text)
    dated = apply(RemoveValue(("xs",), datetime.date(2026, 1, 2)), text)
    assert "2026" not in dated


def test_remove_value_of_every_item_leaves_an_empty_list_and_a_missing_one_is_refused():
    assert apply(RemoveValue(("tags",), "a"), "---\ntags:\n  - a\n  - a\n---\n") == (
        "---\ntags: []\n---\n"
    )
    with pytest.raises(PatchError, match="no item “zz”"):
        apply(RemoveValue(("tags",), "zz"))
    with pytest.raises(PatchError, match="not a list"):
        apply(RemoveValue(("title",), "Post"))


def test_a_new_key_lands_at_its_schema_position():
    text = apply(SetValue(("draft",), True), key_order=["title", "draft", "layout"])
    assert text.splitlines()[2] == "draft: true"


def test_set_requests_on_one_path_merge_into_one_undo_step():
    assert merge_key(SetValue(("title",), "a")) == merge_key(SetValue(("title",), "b"))
    assert merge_key(SetValue(("title",), "a")) != merge_key(SetValue(("tags", 0), "a"))
    assert merge_key(RemoveItem(("tags",), 0)) is None


def test_an_entrys_source_is_its_lines_as_written():
    assert entry_source(TEXT, "layout") == "layout:   wide   # keep my spacing\n"
    assert entry_source(TEXT, "extra") == "extra:\n  a: 1\n  b: [x,  y]\n"


def test_replacing_an_entry_keeps_the_new_text_verbatim_and_everything_else():
    new = apply(ReplaceEntry("extra", "extra:\n  a: 1\n  b: [x,   y,  z]  # more\n"))
    assert new == TEXT.replace("  b: [x,  y]\n", "  b: [x,   y,  z]  # more\n")


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("extra: [unclosed\n", "Not valid YAML"),
        ("other: 1\n", "must define"),
        ("extra: 1\nmore: 2\n", "must define"),
        ("extra:\nb: 1\n", "must define"),
    ],
)
def test_a_bad_replacement_is_refused_with_a_message(source, message):
    with pytest.raises(PatchError, match=message):
        apply_request(TEXT, ReplaceEntry("extra", source))
