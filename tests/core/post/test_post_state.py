"""The post's state: what the form shows, recomputed only when the frontmatter changed."""

from __future__ import annotations

from pathlib import Path

from editor.core.post import NO_POST, post_state
from editor.core.schema import Collection, Field, FieldType

BLOG = Collection(
    "blog",
    Path("."),
    "**/*.md",
    (Field("title", FieldType.TEXT), Field("draft", FieldType.BOOLEAN, required=False)),
    "config",
)
TEXT = "---\ntitle: Post\ndraft: 'no'\n---\nbody\n"


def test_a_state_holds_the_parse_the_text_and_the_schema_problems():
    state = post_state(TEXT, BLOG)
    assert state.parsed is not None and state.parsed.data["title"] == "Post"
    assert state.text == TEXT
    assert [p.path for p in state.problems] == [("draft",)]


def test_without_a_schema_there_are_no_problems():
    assert post_state(TEXT, None).problems == ()


def test_invalid_yaml_is_a_parse_error_and_not_a_list_of_problems():
    state = post_state("---\ntitle: [\n---\n", BLOG)
    assert state.parsed is not None and state.parsed.error is not None
    assert state.problems == ()


def test_typing_in_the_body_keeps_the_previous_state():
    first = post_state(TEXT, BLOG)
    assert post_state(TEXT + "more body\n", BLOG, first) is first


def test_an_edit_of_the_frontmatter_gives_a_new_state():
    first = post_state(TEXT, BLOG)
    second = post_state(TEXT.replace("'no'", "false"), BLOG, first)
    assert second is not first and second.problems == ()


def test_another_schema_checks_the_post_again():
    first = post_state(TEXT, BLOG)
    other = Collection("docs", Path("."), "**/*.md", (Field("title", FieldType.TEXT),), "config")
    second = post_state(TEXT, other, first)
    assert second is not first and [p.path for p in second.problems] == [("draft",)]
    assert "not in the docs schema" in second.problems[0].message


def test_no_post_is_never_reused_for_a_post():
    state = post_state("# only a body\n", None, NO_POST)
    assert state is not NO_POST and state.parsed is not None and state.parsed.block is None
