"""editor.core.frontmatter.write, through the edit requests: how a set value is written.

One field changes, every other byte stays; the value keeps the style of the one it
replaces, or takes the file's habits when it is new.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest

from editor.core.frontmatter import (
    DeleteValue,
    PatchError,
    SetValue,
    TextPatch,
    apply_request,
    parse_frontmatter,
)

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "deepseek-v4-release.ko.md"
POST = FIXTURE.read_text(encoding="utf-8")


def _apply(text: str, patch: TextPatch | None) -> str:
    assert patch is not None
    return patch.apply(text)


def _changed_lines(old: str, new: str) -> tuple[list[str], list[str]]:
    """The lines that differ between two texts (after the common first and last lines)."""
    a, b = old.split("\n"), new.split("\n")
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    end = 0
    while end < min(len(a), len(b)) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    return a[start : len(a) - end], b[start : len(b) - end]


def _set(text: str, key: str, value: Any) -> TextPatch | None:
    """What the form and `postdesk fm set` do to set a top-level key."""
    return apply_request(text, SetValue((key,), value))


def _delete(text: str, key: str) -> TextPatch | None:
    return apply_request(text, DeleteValue((key,)))


def _fm(body: str) -> str:
    return f"---\n{body}---\n\n# Body\n"


# -- scalars keep their style -----------------------------------------------------------


def test_a_single_quoted_date_string_stays_single_quoted_when_given_a_date() -> None:
    new = _apply(POST, _set(POST, "pubDate", datetime.date(2026, 3, 1)))
    assert _changed_lines(POST, new) == (["pubDate: '2026-02-18'"], ["pubDate: '2026-03-01'"])
    assert parse_frontmatter(new).data["pubDate"] == "2026-03-01"


def test_a_single_quoted_value_doubles_its_single_quotes() -> None:
    new = _apply(POST, _set(POST, "pubDate", "it's"))
    assert _changed_lines(POST, new)[1] == ["pubDate: 'it''s'"]


def test_a_double_quoted_value_stays_double_quoted_with_escapes() -> None:
    text = _fm('title: "Old"\n')
    new = _apply(text, _set(text, "title", 'Say "hi" \\ bye'))
    assert _changed_lines(text, new)[1] == ['title: "Say \\"hi\\" \\\\ bye"']
    assert parse_frontmatter(new).data["title"] == 'Say "hi" \\ bye'


def test_a_plain_value_stays_plain_when_it_reads_back_as_the_same_string() -> None:
    new = _apply(POST, _set(POST, "title", "DeepSeek V4 출시 — 새 제목"))
    assert _changed_lines(POST, new) == (
        ["title: DeepSeek V4 출시 임박 — 중국 AI 차세대 모델 경쟁 가속화"],
        ["title: DeepSeek V4 출시 — 새 제목"],
    )


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("DeepSeek V4: 출시", "'DeepSeek V4: 출시'"),
        ("C# tips", "C# tips"),
        ("Tips #1", "'Tips #1'"),
        ("- a list?", "'- a list?'"),
        ("[draft] post", "'[draft] post'"),
        ("@user", "'@user'"),
        ("true", "'true'"),
        ("yes", "'yes'"),
        ("null", "'null'"),
        ("123", "'123'"),
        ("1e5", "'1e5'"),
        ("0o17", "'0o17'"),
        ("2026-02-18", "'2026-02-18'"),
        (" padded ", "' padded '"),
        ("", "''"),
        ("line one\nline two", '"line one\\nline two"'),
        ("it's: here", "'it''s: here'"),
        ("bell\x07", '"bell\\a"'),
    ],
)
def test_a_plain_string_is_quoted_only_when_plain_would_not_read_back(
    value: str, written: str
) -> None:
    text = _fm("title: Old title\nother: x\n")
    new = _apply(text, _set(text, "title", value))
    assert _changed_lines(text, new)[1] == [f"title: {written}"]
    assert parse_frontmatter(new).data["title"] == value


def test_quoting_follows_the_quote_style_the_file_uses_most() -> None:
    text = _fm('title: Old\na: "x"\nb: "y"\nc: \'z\'\n')
    new = _apply(text, _set(text, "title", "Part 1: intro"))
    assert _changed_lines(text, new)[1] == ['title: "Part 1: intro"']


def test_a_trailing_comment_after_a_scalar_is_kept() -> None:
    text = _fm("title: Old  # shown in <title>\ndraft: false # until review\n")
    new = _apply(text, _set(text, "title", "New"))
    new = _apply(new, _set(new, "draft", True))
    assert new == _fm("title: New  # shown in <title>\ndraft: true # until review\n")


def test_an_empty_value_gets_a_space_before_the_new_value_and_keeps_its_comment() -> None:
    text = _fm("updatedDate:   # set when editing\ntitle: x\n")
    new = _apply(text, _set(text, "updatedDate", datetime.date(2026, 3, 2)))
    assert _changed_lines(text, new)[1] == ["updatedDate: 2026-03-02   # set when editing"]


def test_a_folded_block_stays_folded_with_its_indent_and_is_rewrapped_at_its_width() -> None:
    old = parse_frontmatter(POST).data["description"]
    value = old + " 추가 문장을 덧붙이면 줄이 너무 길어져서 다음 줄로 넘어가야 합니다." * 2
    new = _apply(POST, _set(POST, "description", value))
    removed, added = _changed_lines(POST, new)
    assert removed == ["  오픈 모델 경쟁 구도를 분석합니다."]
    assert len(added) == 2 and all(line.startswith("  ") for line in added)
    assert all(len(line) <= 78 for line in added)  # the width of the post's own lines
    assert parse_frontmatter(new).data["description"] == value
    lines = new.split("\n")
    assert lines[2] == "description: >-"


def test_a_folded_block_keeps_paragraph_breaks_as_blank_lines() -> None:
    text = _fm("description: >-\n  one\ntitle: x\n")
    new = _apply(text, _set(text, "description", "first para\nsecond para"))
    assert new == _fm("description: >-\n  first para\n\n  second para\ntitle: x\n")


def test_a_literal_block_keeps_its_line_breaks_and_indent() -> None:
    text = _fm("summary: |\n    line 1\n    line 2\ntitle: x\n")
    new = _apply(text, _set(text, "summary", "line 1\nline 2 changed\nline 3\n"))
    assert new == _fm("summary: |\n    line 1\n    line 2 changed\n    line 3\ntitle: x\n")


def test_a_block_scalar_changes_chomping_only_when_the_value_needs_it() -> None:
    text = _fm("summary: |-\n  a\ntitle: x\n")
    new = _apply(text, _set(text, "summary", "b\n"))
    assert new == _fm("summary: |\n  b\ntitle: x\n")


def test_a_block_scalar_that_cannot_hold_the_value_falls_back_to_a_quoted_line() -> None:
    text = _fm("summary: >-\n  a\ntitle: x\n")
    new = _apply(text, _set(text, "summary", "  starts with spaces"))
    assert parse_frontmatter(new).data["summary"] == "  starts with spaces"
    assert _changed_lines(text, new)[1] == ["summary: '  starts with spaces'"]


def test_a_plain_date_stays_a_plain_date() -> None:
    text = _fm("pubDate: 2026-02-18\n")
    new = _apply(text, _set(text, "pubDate", datetime.date(2026, 2, 19)))
    assert new == _fm("pubDate: 2026-02-19\n")
    assert parse_frontmatter(new).data["pubDate"] == datetime.date(2026, 2, 19)


def test_a_plain_date_set_to_a_date_stays_plain_and_to_a_string_becomes_a_string() -> None:
    """The request is typed: a date string is a string (the form and the CLI send dates)."""
    text = _fm("pubDate: 2026-02-18\n")
    assert _apply(text, _set(text, "pubDate", datetime.date(2026, 2, 20))) == _fm(
        "pubDate: 2026-02-20\n"
    )
    assert _apply(text, _set(text, "pubDate", "2026-02-20")) == _fm("pubDate: '2026-02-20'\n")


def test_a_new_date_key_follows_how_the_file_writes_its_dates() -> None:
    new = _apply(POST, _set(POST, "updatedDate", datetime.date(2026, 3, 2)))
    assert _changed_lines(POST, new)[1] == ["updatedDate: '2026-03-02'"]
    plain = _fm("pubDate: 2026-02-18\n")
    assert _apply(plain, _set(plain, "updatedDate", datetime.date(2026, 3, 2))) == _fm(
        "pubDate: 2026-02-18\nupdatedDate: 2026-03-02\n"
    )


@pytest.mark.parametrize(
    ("value", "written"),
    [(True, "true"), (False, "false"), (3, "3"), (0.5, "0.5"), (1e20, "1.0e+20"), (None, "null")],
)
def test_booleans_numbers_and_null_are_written_plain(value: object, written: str) -> None:
    text = _fm("draft: 'maybe'\n")
    new = _apply(text, _set(text, "draft", value))
    assert new == _fm(f"draft: {written}\n")
    assert parse_frontmatter(new).data["draft"] == value


def test_a_missing_key_is_appended_at_the_end_of_the_block() -> None:
    new = _apply(POST, _set(POST, "draft", True))
    assert new.replace("draft: true\n", "", 1) == POST
    assert "      zh: 适合作为下一步学习资源，通过AI/ML主题进行连接。\ndraft: true\n---\n" in new


def test_a_new_key_that_needs_quotes_is_quoted() -> None:
    text = _fm("a: 1\n")
    new = _apply(text, _set(text, "key: odd", "v"))
    assert parse_frontmatter(new).data == {"a": 1, "key: odd": "v"}


def test_a_key_in_an_empty_block_is_added() -> None:
    assert _apply("---\n---\n", _set("---\n---\n", "title", "x")) == "---\ntitle: x\n---\n"


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("title", "DeepSeek V4 출시 임박 — 중국 AI 차세대 모델 경쟁 가속화"),
        ("pubDate", "2026-02-18"),
        ("pubDate", datetime.date(2026, 2, 18)),
    ],
)
def test_setting_the_current_value_changes_nothing(key: str, value: object) -> None:
    assert _set(POST, key, value) is None


def test_true_is_not_the_same_value_as_one() -> None:
    text = _fm("n: 1\n")
    assert _apply(text, _set(text, "n", True)) == _fm("n: true\n")


def test_a_value_on_the_line_after_its_key_is_replaced_in_place() -> None:
    text = _fm("title:\n  A long title\n  over two lines\nnext: x\n")
    new = _apply(text, _set(text, "title", "Short"))
    assert new == _fm("title:\n  Short\nnext: x\n")


def test_an_anchor_on_a_value_is_kept_so_aliases_still_resolve() -> None:
    text = _fm("author: &me Kim\n")
    assert _apply(text, _set(text, "author", "Lee")) == _fm("author: &me Lee\n")


def test_replacing_a_list_by_a_scalar_removes_its_lines() -> None:
    text = _fm("tags:\n  - a\n  - b  # last\ntitle: x\n")
    assert _apply(text, _set(text, "tags", "a")) == _fm("tags: a\ntitle: x\n")


def test_comments_and_blank_lines_around_the_key_are_byte_identical() -> None:
    body = "# SEO\ntitle: Old   \n\n  # indented comment\n\ndraft: false\n# end\n"
    text = _fm(body)
    new = _apply(text, _set(text, "title", "New"))
    assert new == _fm(body.replace("title: Old", "title: New"))


def test_the_patch_covers_only_the_changed_characters() -> None:
    patch = _set(POST, "pubDate", datetime.date(2026, 2, 19))
    assert patch is not None
    assert POST[patch.start : patch.end] == "8" and patch.text == "9"


# -- errors ------------------------------------------------------------------------------


def test_a_post_without_frontmatter_cannot_be_patched() -> None:
    with pytest.raises(PatchError, match="no frontmatter"):
        _set("# Title\n", "title", "x")


def test_toml_frontmatter_is_read_only() -> None:
    with pytest.raises(PatchError, match="TOML"):
        _set('+++\ntitle = "x"\n+++\n', "title", "y")


def test_broken_yaml_cannot_be_patched_and_the_error_names_the_line() -> None:
    with pytest.raises(PatchError, match="line 2"):
        _set("---\ntitle: a: b\n---\n", "title", "x")


def test_a_duplicated_key_is_refused() -> None:
    with pytest.raises(PatchError, match="more than once"):
        _set(_fm("a: 1\na: 2\n"), "a", 3)


def test_a_flow_mapping_frontmatter_is_refused() -> None:
    with pytest.raises(PatchError, match="one"):
        _set(_fm("{a: 1, b: 2}\n"), "a", 3)


def test_a_value_that_yaml_cannot_hold_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        _set(POST, "title", object())
    with pytest.raises(TypeError):
        _set(POST, "title", {1: "x"})


def test_a_change_that_would_also_change_an_alias_elsewhere_is_refused() -> None:
    text = _fm("author: &me Kim\nreviewer: *me\n")
    with pytest.raises(PatchError):
        _set(text, "author", "Lee")


# -- string lists ------------------------------------------------------------------------


def test_adding_a_tag_adds_one_line_in_the_list_s_style() -> None:
    tags = ["ai", "llm", "deepseek", "open-source", "china-ai", "mixture of experts"]
    new = _apply(POST, _set(POST, "tags", tags))
    assert _changed_lines(POST, new) == ([], ["  - mixture of experts"])


def test_removing_tags_removes_only_their_lines() -> None:
    new = _apply(POST, _set(POST, "tags", ["ai", "deepseek", "china-ai"]))
    assert "tags:\n  - ai\n  - deepseek\n  - china-ai\nrelatedPosts:" in new
    assert new.replace("tags:\n  - ai\n  - deepseek\n  - china-ai\n", "") == POST.replace(
        "tags:\n  - ai\n  - llm\n  - deepseek\n  - open-source\n  - china-ai\n", ""
    )


def test_list_items_keep_their_comments_and_dash_style() -> None:
    text = _fm("tags:\n-   a  # first\n# about b\n-   b\n-   c\ntitle: x\n")
    new = _apply(text, _set(text, "tags", ["a", "b", "new", "c"]))
    assert new == _fm("tags:\n-   a  # first\n# about b\n-   b\n-   new\n-   c\ntitle: x\n")


def test_new_items_are_quoted_only_if_needed_in_the_style_of_existing_items() -> None:
    text = _fm('tags:\n  - "a"\n  - b\n')
    new = _apply(text, _set(text, "tags", ["a", "b", "c", "d: e", "true"]))
    assert new == _fm('tags:\n  - "a"\n  - b\n  - c\n  - "d: e"\n  - "true"\n')


def test_a_flow_list_stays_a_flow_list_and_kept_items_stay_as_written() -> None:
    text = _fm("tags: [a, 'b c']  # keep\n")
    new = _apply(text, _set(text, "tags", ["a", "b c", "x, y", "z"]))
    assert new == _fm("tags: [a, 'b c', 'x, y', z]  # keep\n")


def test_a_padded_flow_list_keeps_its_padding() -> None:
    text = _fm("tags: [ a, b ]\n")
    assert _apply(text, _set(text, "tags", ["b"])) == _fm("tags: [ b ]\n")


def test_an_empty_list_is_written_as_brackets() -> None:
    new = _apply(POST, _set(POST, "tags", []))
    assert _changed_lines(POST, new)[1] == ["tags: []"]
    assert parse_frontmatter(new).data["tags"] == []


def test_items_for_an_empty_flow_list_follow_the_file_s_other_lists() -> None:
    text = _fm("tags: []\ncategories:\n  - x\n")
    new = _apply(text, _set(text, "tags", ["a"]))
    assert new == _fm("tags:\n  - a\ncategories:\n  - x\n")


def test_a_new_list_key_uses_block_style_by_default_and_flow_if_the_file_does() -> None:
    new = _apply(POST, _set(POST, "aliases", ["a", "2026"]))
    assert _changed_lines(POST, new)[1] == ["aliases:", "  - a", "  - '2026'"]
    flow = _fm("tags: [a, b]\n")
    assert _apply(flow, _set(flow, "aliases", ["x"])) == _fm("tags: [a, b]\naliases: [x]\n")


def test_setting_the_same_list_changes_nothing() -> None:
    assert _set(POST, "tags", ["ai", "llm", "deepseek", "open-source", "china-ai"]) is None


def test_a_scalar_becomes_a_block_list_and_its_comment_stays_on_the_key_line() -> None:
    text = _fm("tags: one  # note\ntitle: x\n")
    assert _apply(text, _set(text, "tags", ["one", "two"])) == _fm(
        "tags:  # note\n  - one\n  - two\ntitle: x\n"
    )


def test_a_number_item_set_as_a_string_is_quoted() -> None:
    text = _fm("tags:\n  - 2026\n")
    assert _apply(text, _set(text, "tags", ["2026"])) == _fm("tags:\n  - '2026'\n")


# -- deleting ----------------------------------------------------------------------------


def test_deleting_a_key_removes_its_lines_only() -> None:
    new = _apply(POST, _delete(POST, "tags"))
    assert _changed_lines(POST, new) == (
        ["tags:", "  - ai", "  - llm", "  - deepseek", "  - open-source", "  - china-ai"],
        [],
    )
    assert "tags" not in parse_frontmatter(new).data


def test_deleting_a_folded_block_removes_its_continuation_lines() -> None:
    new = _apply(POST, _delete(POST, "description"))
    assert new.split("\n")[1:3] == [POST.split("\n")[1], "pubDate: '2026-02-18'"]


def test_deleting_keeps_comments_above_and_blank_lines_after() -> None:
    text = _fm("# the title\ntitle: x  # note\n\ndraft: true\n")
    assert _apply(text, _delete(text, "title")) == _fm("# the title\n\ndraft: true\n")


def test_deleting_a_missing_key_changes_nothing() -> None:
    assert _delete(POST, "nope") is None


def test_deleting_the_last_key_leaves_an_empty_block() -> None:
    assert _apply("---\na: 1\n---\n", _delete("---\na: 1\n---\n", "a")) == "---\n---\n"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("2020-01-01T00:00:00Z", "2022-07-16T10:00:00Z"),
        ("2020-01-01T00:00:00+00:00", "2022-07-16T10:00:00+00:00"),
        ("2014-09-09 21:10:33+02:00", "2022-07-16 10:00:00+00:00"),
        ("2014-09-09 21:10:33Z", "2022-07-16 10:00:00Z"),
    ],
)
def test_a_timestamp_takes_the_form_of_the_one_it_replaces(old: str, new: str) -> None:
    """The form sets a datetime: `Z` or an offset, `T` or a space, as the file wrote them."""
    value = datetime.datetime(2022, 7, 16, 10, tzinfo=datetime.UTC)
    text = _fm(f"pubDate: {old}\n")
    written = _apply(text, _set(text, "pubDate", value))
    assert written == _fm(f"pubDate: {new}\n")
    assert parse_frontmatter(written).data["pubDate"] == value
