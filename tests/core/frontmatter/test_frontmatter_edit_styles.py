"""editor.core.frontmatter.edit: flow style, comments, refusals and speed."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from editor.core.frontmatter import (
    PatchError,
    TextPatch,
    delete_path,
    insert_item,
    move_item,
    parse_frontmatter,
    parse_path,
    remove_item,
    set_value,
)

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "deepseek-v4-release.ko.md"


def _fm(body: str) -> str:
    return f"---\n{body}---\n\n# Body\n"


def _body(text: str, patch: TextPatch | None) -> str:
    assert patch is not None
    new = patch.apply(text)
    assert parse_frontmatter(new).error is None
    return new.split("---\n")[1]


FLOW = _fm("tags: [a, b, 'c d']  # kept\nrel: {slug: x, score: 0.5}\n")


def test_an_item_of_a_flow_list_is_replaced_in_place_and_quoted_only_when_needed() -> None:
    assert _body(FLOW, set_value(FLOW, ("tags", 1), "z, y")).startswith(
        "tags: [a, 'z, y', 'c d']  # kept\n"
    )
    assert _body(FLOW, set_value(FLOW, ("tags", 1), "z")).startswith("tags: [a, z, 'c d']  #")


def test_flow_list_operations_rewrite_the_list_on_its_line() -> None:
    assert _body(FLOW, insert_item(FLOW, ("tags",), 3, "new")).startswith(
        "tags: [a, b, 'c d', new]  # kept\n"
    )
    assert _body(FLOW, remove_item(FLOW, ("tags",), 0)).startswith("tags: [b, 'c d']  # kept\n")
    assert _body(FLOW, move_item(FLOW, ("tags",), 0, 2)).startswith("tags: [b, 'c d', a]  #")


def test_a_flow_mapping_value_changes_in_place_and_grows_on_its_line() -> None:
    assert "rel: {slug: x, score: 0.7}\n" in _body(FLOW, set_value(FLOW, ("rel", "score"), 0.7))
    new = _body(FLOW, set_value(FLOW, ("rel", "note"), "hi: there"))
    assert "rel: {slug: x, score: 0.5, note: 'hi: there'}\n" in new
    assert "rel: {score: 0.5}\n" in _body(FLOW, delete_path(FLOW, ("rel", "slug")))


def test_removing_the_last_item_of_a_block_list_leaves_an_empty_list() -> None:
    text = _fm("tags:\n  - only\nnext: 1\n")
    assert _body(text, remove_item(text, ("tags",), 0)) == "tags: []\nnext: 1\n"


def test_deleting_the_last_key_of_a_nested_mapping_leaves_an_empty_mapping() -> None:
    text = _fm("seo:\n  title: x\nnext: 1\n")
    assert _body(text, delete_path(text, ("seo", "title"))) == "seo: {}\nnext: 1\n"


def test_a_comment_directly_above_an_item_moves_and_goes_with_it() -> None:
    text = _fm("a:\n  # one\n  - 1\n  # two\n  - 2\n  - 3\nb: 1\n")
    assert _body(text, move_item(text, ("a",), 0, 1)) == (
        "a:\n  # two\n  - 2\n  # one\n  - 1\n  - 3\nb: 1\n"
    )
    assert _body(text, remove_item(text, ("a",), 1)) == "a:\n  # one\n  - 1\n  - 3\nb: 1\n"


def test_inserting_into_an_empty_list_follows_the_file_s_block_lists() -> None:
    text = _fm("tags: []\nother:\n  - x\n")
    assert _body(text, insert_item(text, ("tags",), 0, "ai")) == "tags:\n  - ai\nother:\n  - x\n"


def test_insert_item_creates_a_missing_list() -> None:
    text = _fm("other:\n- x\n")
    assert _body(text, insert_item(text, ("tags",), 0, "ai")) == "other:\n- x\ntags:\n- ai\n"


def test_an_indentless_list_gets_items_of_mappings_at_its_own_indentation() -> None:
    text = _fm("list:\n- a\n- b\n")
    new = _body(text, insert_item(text, ("list",), 1, {"slug": "s", "tags": ["x"]}))
    assert new == "list:\n- a\n- slug: s\n  tags:\n  - x\n- b\n"


def test_a_string_that_looks_like_a_date_is_quoted_so_it_stays_a_string() -> None:
    text = _fm("d: 2026-01-01\n")
    assert _body(text, set_value(text, ("d",), "2026-02-02")) == "d: '2026-02-02'\n"
    assert _body(text, set_value(text, ("d",), datetime.date(2026, 2, 2))) == "d: 2026-02-02\n"


def test_a_scalar_that_becomes_a_list_keeps_its_comment_on_the_key_line() -> None:
    text = _fm("a: x  # c\nb: 1\n")
    assert _body(text, set_value(text, ("a",), [1, 2])) == "a:  # c\n  - 1\n  - 2\nb: 1\n"


def test_an_empty_flow_list_that_becomes_a_block_list_keeps_its_comment_on_the_key_line() -> None:
    """The comment must not land after a block scalar's last line (it would become text)."""
    text = _fm("a: []  # c\nb: 1\n")
    assert _body(text, set_value(text, ("a",), [":\n"])) == "a:  # c\n  - |\n    :\nb: 1\n"


def test_an_item_with_a_comment_that_gets_a_multi_line_value_is_written_on_one_line() -> None:
    text = _fm("a:\n  - []  # c\n  - 1\n")
    assert _body(text, set_value(text, ("a", 0), ["x\ny"])) == 'a:\n  - ["x\\ny"]  # c\n  - 1\n'


def test_a_new_top_level_key_goes_above_the_comment_of_the_key_that_follows_it() -> None:
    text = _fm("# about the title\ntitle: x\n")
    patch = set_value(text, ("slug",), "s", key_order=["slug", "title"])
    assert _body(text, patch) == "slug: s\n# about the title\ntitle: x\n"


def test_an_empty_frontmatter_gets_its_first_key() -> None:
    assert _body(_fm(""), set_value(_fm(""), ("a", "b"), 3)) == "a:\n  b: 3\n"


def test_a_null_value_becomes_the_mapping_that_holds_a_new_key() -> None:
    text = _fm("a:\nb: 1\n")
    assert _body(text, set_value(text, ("a", "b"), 3)) == "a:\n  b: 3\nb: 1\n"


@pytest.mark.parametrize(
    ("text", "path", "message"),
    [
        ("+++\na = 1\n+++\n", ("a",), "TOML frontmatter"),
        ("# No frontmatter\n", ("a",), "no frontmatter"),
        (_fm("a: 1\na: 2\n"), ("a",), "more than once"),
        (_fm("a: &x\n  b: 1\nc: *x\n"), ("a", "b"), "anchor"),
        (_fm("a: &x\n  b: 1\nc: *x\n"), ("c", "b"), "anchor"),
        (_fm("base: &x\n  b: 1\nc:\n  <<: *x\n  e: 2\n"), ("c", "e"), "merge"),
        (_fm("a:\n  - - x\n    - y\n"), ("a", 0), "parent's line"),
    ],
)
def test_constructs_that_cannot_be_patched_safely_raise_patch_error(
    text: str, path: tuple, message: str
) -> None:
    with pytest.raises(PatchError, match=message):
        if len(path) == 2 and isinstance(path[1], int):
            move_item(text, path, 0, 1)
        else:
            set_value(text, path, 3)


def test_an_anchor_elsewhere_does_not_stop_an_edit() -> None:
    text = _fm("a: &x\n  b: 1\nc: *x\nd: 1\n")
    assert _body(text, set_value(text, ("d",), 2)).endswith("d: 2\n")


def test_toml_frontmatter_is_read_only_for_every_operation() -> None:
    text = "+++\ntags = ['a']\n+++\n"
    for call in (
        lambda: delete_path(text, ("tags",)),
        lambda: insert_item(text, ("tags",), 0, "b"),
        lambda: remove_item(text, ("tags",), 0),
        lambda: move_item(text, ("tags",), 0, 0),
    ):
        with pytest.raises(PatchError, match="read-only"):
            call()


def _thousand_line_post() -> str:
    post = FIXTURE.read_text(encoding="utf-8")
    head, rest = post.split("relatedPosts:\n", 1)
    items, body = rest.split("---\n", 1)
    item = items.split("  - slug: ")[1].rstrip("\n")
    lines: list[str] = []
    while len(lines) < 990:
        lines += f"  - slug: post-{len(lines)}\n{item.split(chr(10), 1)[1]}".split("\n")
    return head + "relatedPosts:\n" + "\n".join(lines) + "\n---\n" + body


def test_a_set_deep_in_a_thousand_line_frontmatter_changes_only_that_line() -> None:
    """Its speed is a benchmark row (`python -m tests.bench`); here, what it writes."""
    text = _thousand_line_post()
    assert parse_frontmatter(text).block.body_line_count >= 1000
    patch = set_value(text, parse_path("relatedPosts[100].reason.ja"), "새 이유")
    assert patch is not None
    before, after = text.splitlines(), patch.apply(text).splitlines()
    changed = [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    assert len(changed) == 1 and after[changed[0]].endswith("ja: 새 이유")
