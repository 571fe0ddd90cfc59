"""A post merges its frontmatter key by key, as written, and its body by line."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.core.frontmatter import parse_frontmatter, set_value
from editor.core.merge import describe_merge, merge_post

FIXTURE = Path(__file__).parents[2] / "fixtures" / "deepseek-v4-release.ko.md"

BASE = """---
# 글 정보
title: 첫 제목
description: >-
  긴 설명 첫 줄
  둘째 줄
pubDate: '2026-02-18'  # 따옴표는 일부러
tags:
  - ai
  - llm
---
# 본문

첫 문단입니다.

둘째 문단입니다.

셋째 문단입니다.
"""


def test_keys_changed_on_different_sides_both_apply_as_written():
    mine = BASE.replace("title: 첫 제목", 'title: "내 제목"')
    theirs = BASE.replace("  - llm\n", "  - llm\n  - deepseek\n")
    result = merge_post(BASE, mine, theirs)
    assert result.conflicts == []
    assert result.text == mine.replace("  - llm\n", "  - llm\n  - deepseek\n")
    assert result.changes == 1


def test_comments_and_quoting_of_untouched_keys_stay():
    mine = BASE.replace("첫 문단", "고친 문단")
    theirs = BASE.replace("title: 첫 제목", "title: 그들의 제목")
    text = merge_post(BASE, mine, theirs).text
    assert "pubDate: '2026-02-18'  # 따옴표는 일부러\n" in text
    assert text.startswith("---\n# 글 정보\ntitle: 그들의 제목\n")
    assert "고친 문단" in text


def test_a_key_changed_differently_on_both_sides_is_one_conflict_on_that_key():
    mine = BASE.replace("첫 제목", "내 제목")
    theirs = BASE.replace("첫 제목", "그들 제목").replace("셋째", "3번째")
    result = merge_post(BASE, mine, theirs)
    [conflict] = result.conflicts
    assert (conflict.where, conflict.key) == ("title", "title")
    # A key's lines include the comment lines directly above it.
    assert (conflict.base, conflict.mine, conflict.theirs) == (
        "# 글 정보\ntitle: 첫 제목\n",
        "# 글 정보\ntitle: 내 제목\n",
        "# 글 정보\ntitle: 그들 제목\n",
    )
    assert result.text == mine.replace("셋째", "3번째")
    assert result.resolve(["# 글 정보\ntitle: 그들 제목"]) == theirs


def test_the_same_value_written_differently_is_no_conflict():
    mine = BASE.replace("pubDate: '2026-02-18'  # 따옴표는 일부러", "pubDate: '2026-02-19'")
    theirs = BASE.replace("pubDate: '2026-02-18'  # 따옴표는 일부러", 'pubDate: "2026-02-19"')
    result = merge_post(BASE, mine, theirs)
    assert result.conflicts == []
    assert result.text == mine


def test_a_value_of_another_type_is_a_conflict():
    base = "---\ndraft: false\n---\n"
    result = merge_post(base, "---\ndraft: true\n---\n", "---\ndraft: 1\n---\n")
    assert [c.key for c in result.conflicts] == ["draft"]


def test_added_keys_land_after_the_key_they_follow_on_their_side():
    mine = BASE.replace("pubDate:", "heroImage: ./hero.png\npubDate:")
    theirs = BASE.replace("tags:", "updatedDate: '2026-03-01'\ntags:")
    text = merge_post(BASE, mine, theirs).text
    keys = list(parse_frontmatter(text).data)
    assert keys == ["title", "description", "heroImage", "pubDate", "updatedDate", "tags"]


def test_a_key_removed_on_one_side_and_kept_on_the_other_is_removed():
    theirs = BASE.replace("description: >-\n  긴 설명 첫 줄\n  둘째 줄\n", "")
    mine = BASE.replace("둘째 문단", "2nd 문단")
    result = merge_post(BASE, mine, theirs)
    assert result.conflicts == []
    assert "description" not in parse_frontmatter(result.text).data
    assert "2nd 문단" in result.text


def test_a_key_removed_on_one_side_and_changed_on_the_other_conflicts():
    theirs = BASE.replace("tags:\n  - ai\n  - llm\n", "")
    mine = BASE.replace("  - llm\n", "  - llm\n  - china-ai\n")
    [conflict] = merge_post(BASE, mine, theirs).conflicts
    assert (conflict.key, conflict.theirs) == ("tags", "")
    assert conflict.mine == "tags:\n  - ai\n  - llm\n  - china-ai\n"


def test_keys_reordered_only_on_disk_keep_the_new_order():
    theirs = BASE.replace("pubDate: '2026-02-18'  # 따옴표는 일부러\n", "").replace(
        "# 글 정보\n", "# 글 정보\npubDate: '2026-02-18'  # 따옴표는 일부러\n"
    )
    mine = BASE.replace("첫 문단", "내 문단")
    assert merge_post(BASE, mine, theirs).text == theirs.replace("첫 문단", "내 문단")


def test_body_conflicts_say_which_lines_of_mine():
    mine = BASE.replace("둘째 문단입니다.", "내 둘째 문단.")
    theirs = BASE.replace("둘째 문단입니다.", "그들의 둘째 문단.")
    [conflict] = merge_post(BASE, mine, theirs).conflicts
    assert conflict.key is None
    line = mine.split("\n").index("내 둘째 문단.") + 1
    assert conflict.where == f"line {line}"


def test_crlf_and_bom_are_kept():
    base = "\ufeff" + BASE.replace("\n", "\r\n")
    mine = base.replace("첫 제목", "내 제목")
    theirs = base.replace("첫 문단", "그들 문단")
    result = merge_post(base, mine, theirs)
    assert result.conflicts == []
    assert result.text == mine.replace("첫 문단", "그들 문단")


def test_a_newline_style_changed_only_on_disk_is_taken():
    theirs = BASE.replace("\n", "\r\n")
    mine = BASE.replace("첫 제목", "내 제목")
    assert merge_post(BASE, mine, theirs).text == mine.replace("\n", "\r\n")


@pytest.mark.parametrize(
    "front",
    [
        "+++\ntitle = '첫 제목'\n+++\n",  # TOML
        "---\ntitle: [첫 제목\n---\n",  # invalid YAML
        "---\ntitle: 첫 제목\ntitle: 또\n---\n",  # duplicate key
        "---\n{title: 첫 제목}\n---\n",  # one flow mapping
    ],
)
def test_a_frontmatter_that_cannot_be_split_by_key_is_merged_by_line(front):
    base = front + "본문 하나\n\n본문 둘\n\n본문 셋\n"
    mine = base.replace("본문 하나", "내 본문")
    theirs = base.replace("본문 셋", "그들 본문")
    result = merge_post(base, mine, theirs)
    assert result.conflicts == []
    assert result.text == mine.replace("본문 셋", "그들 본문")


def test_the_fixture_post_merges_form_edits_and_body_edits():
    base = FIXTURE.read_text(encoding="utf-8")
    patch = set_value(base, ("title",), "DeepSeek V4 출시 — 내 제목")
    assert patch is not None
    mine = patch.apply(base)
    mine = mine.replace("## ", "## (내 수정) ", 1)
    theirs_patch = set_value(base, ("relatedPosts", 0, "score"), 0.5)
    assert theirs_patch is not None
    theirs = theirs_patch.apply(base)
    lines = theirs.split("\n")
    lines[-3] = lines[-3] + " (디스크에서 고침)"
    theirs = "\n".join(lines)
    result = merge_post(base, mine, theirs)
    assert result.conflicts == []
    data = parse_frontmatter(result.text).data
    assert data["title"] == "DeepSeek V4 출시 — 내 제목"
    assert data["relatedPosts"][0]["score"] == 0.5
    assert "## (내 수정) " in result.text and "(디스크에서 고침)" in result.text
    assert result.changes == 2


def test_describe_merge_counts_changes_and_conflicts():
    mine = BASE.replace("첫 제목", "내 제목")
    theirs = BASE.replace("첫 문단", "A").replace("셋째", "C")
    result = merge_post(BASE, mine, theirs)
    assert describe_merge(result) == "Merged 2 changes from disk"
    assert (
        describe_merge(result, resolved=1) == "Merged 2 changes from disk and resolved 1 conflict"
    )
    assert describe_merge(merge_post(BASE, mine, BASE)) == "Merged from disk: nothing new to take"


def test_resolve_needs_one_resolution_per_conflict():
    result = merge_post(BASE, BASE.replace("첫 제목", "A"), BASE.replace("첫 제목", "B"))
    with pytest.raises(ValueError):
        result.resolve([])
