"""editor.core.frontmatter.edit: path edits on the real post touch only the edited lines."""

from __future__ import annotations

import datetime
import difflib
from pathlib import Path

import pytest

from editor.core.frontmatter import (
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
POST = FIXTURE.read_text(encoding="utf-8")
LINES = POST.split("\n")
DATA = parse_frontmatter(POST).data
KEY_ORDER = ["title", "description", "pubDate", "updatedDate", "heroImage", "tags", "draft"]


def _apply(text: str, patch: TextPatch | None) -> str:
    assert patch is not None
    return patch.apply(text)


def _hunks(old: str, new: str) -> list[tuple[list[str], list[str]]]:
    """(removed lines, added lines) of each hunk of the line diff."""
    a, b = old.split("\n"), new.split("\n")
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return [(a[i1:i2], b[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


def _line(text: str) -> int:
    """0-based index of the one fixture line equal to `text`."""
    return LINES.index(text)


def test_set_a_nested_value_in_a_list_item_changes_that_line_only() -> None:
    path = parse_path("relatedPosts[2].reason.ja")
    new = _apply(POST, set_value(POST, path, "新しい理由です。"))
    old_line = "      ja: AI/ML分野で類似したトピックを扱い、同程度の難易度です。"
    assert _hunks(POST, new) == [([old_line], ["      ja: 新しい理由です。"])]
    third = _line("  - slug: ai-model-rush-february-2026")
    assert new.split("\n")[third + 4] == "      ja: 新しい理由です。"
    assert parse_frontmatter(new).data["relatedPosts"][2]["reason"]["ja"] == "新しい理由です。"


def test_set_a_score_in_the_second_item() -> None:
    new = _apply(POST, set_value(POST, parse_path("relatedPosts[1].score"), 0.9))
    second = _line("  - slug: qwen35-vending-bench-bankruptcy")
    assert new.split("\n")[second + 1] == "    score: 0.9"
    assert _hunks(POST, new) == [(["    score: 0.95"], ["    score: 0.9"])]


def test_a_folded_value_inside_a_list_item_stays_folded_and_rewrapped() -> None:
    value = "Suitable as a next-step learning resource, connecting through AI/ML topics and agents."
    new = _apply(POST, set_value(POST, parse_path("relatedPosts[4].reason.en"), value))
    assert _hunks(POST, new) == [(["        topics."], ["        topics and agents."])]
    assert "      en: >-" in new
    assert parse_frontmatter(new).data["relatedPosts"][4]["reason"]["en"] == value


def test_add_a_tag_at_the_end_is_one_new_line() -> None:
    new = _apply(POST, insert_item(POST, ("tags",), 5, "mistral"))
    assert _hunks(POST, new) == [([], ["  - mistral"])]
    assert new.split("\n").index("  - mistral") == _line("  - china-ai") + 1


def test_remove_a_tag_removes_its_line() -> None:
    new = _apply(POST, remove_item(POST, ("tags",), 1))
    assert new.split("\n") == LINES[: _line("  - llm")] + LINES[_line("  - llm") + 1 :]


def test_move_the_first_related_post_after_the_second_moves_only_their_lines() -> None:
    new = _apply(POST, move_item(POST, ("relatedPosts",), 0, 1))
    first = _line("  - slug: patent-strategy-llm-era")
    second = _line("  - slug: qwen35-vending-bench-bankruptcy")
    third = _line("  - slug: ai-model-rush-february-2026")
    assert new.split("\n") == (
        LINES[:first] + LINES[second:third] + LINES[first:second] + LINES[third:]
    )
    slugs = [post["slug"] for post in parse_frontmatter(new).data["relatedPosts"]]
    assert slugs[:3] == [
        "qwen35-vending-bench-bankruptcy",
        "patent-strategy-llm-era",
        "ai-model-rush-february-2026",
    ]


def test_a_new_date_lands_after_pub_date_and_is_quoted_like_it() -> None:
    patch = set_value(POST, ("updatedDate",), datetime.date(2026, 3, 1), key_order=KEY_ORDER)
    new = _apply(POST, patch)
    at = _line("pubDate: '2026-02-18'") + 1
    assert new.split("\n") == [*LINES[:at], "updatedDate: '2026-03-01'", *LINES[at:]]
    assert parse_frontmatter(new).data["updatedDate"] == "2026-03-01"


def test_delete_a_list_item_of_mappings_removes_exactly_its_lines() -> None:
    new = _apply(POST, delete_path(POST, parse_path("relatedPosts[3]")))
    start = _line("  - slug: kanitts2-voice-cloning")
    end = _line("  - slug: gpt52-theoretical-physics-discovery")
    assert new.split("\n") == LINES[:start] + LINES[end:]
    assert len(parse_frontmatter(new).data["relatedPosts"]) == 4


def test_a_new_key_without_key_order_goes_at_the_end_of_the_block() -> None:
    new = _apply(POST, set_value(POST, ("draft",), True))
    fence = LINES.index("---", 1)
    assert new.split("\n") == [*LINES[:fence], "draft: true", *LINES[fence:]]


def test_setting_the_current_value_returns_none() -> None:
    assert set_value(POST, parse_path("relatedPosts[0].score"), 0.95) is None
    assert set_value(POST, ("tags",), DATA["tags"]) is None
    assert set_value(POST, ("relatedPosts",), DATA["relatedPosts"]) is None
    assert set_value(POST, ("description",), DATA["description"]) is None


def test_a_new_list_of_mappings_follows_the_file_s_indentation() -> None:
    faq = [{"question": "V4는 언제?", "answer": "곧: 2월 중"}]
    new = _apply(POST, set_value(POST, ("faq",), faq))
    added = _hunks(POST, new)
    assert added == [([], ["faq:", "  - question: V4는 언제?", "    answer: '곧: 2월 중'"])]
    assert parse_frontmatter(new).data["faq"] == faq


def test_a_missing_intermediate_mapping_is_created() -> None:
    new = _apply(POST, set_value(POST, parse_path("seo.og.title"), "DeepSeek"))
    assert _hunks(POST, new) == [([], ["seo:", "  og:", "    title: DeepSeek"])]


def test_a_new_key_in_a_nested_mapping_goes_after_its_siblings() -> None:
    new = _apply(POST, set_value(POST, parse_path("relatedPosts[0].reason.fr"), "Semblable."))
    at = _line("      zh: 在AI/ML领域涵盖类似主题，难度相当。") + 1
    assert new.split("\n") == [*LINES[:at], "      fr: Semblable.", *LINES[at:]]


def test_deleting_the_first_key_of_a_list_item_moves_the_next_key_onto_the_dash() -> None:
    new = _apply(POST, delete_path(POST, parse_path("relatedPosts[0].slug")))
    assert _hunks(POST, new) == [
        (["  - slug: patent-strategy-llm-era", "    score: 0.95"], ["  - score: 0.95"])
    ]


@pytest.mark.parametrize("indent", ["  ", ""])
def test_a_list_item_set_to_a_mapping_with_other_keys_is_written_anew(indent: str) -> None:
    """No key stays: the item's lines are replaced, in indented and flush block lists."""
    text = (
        f"---\nrelatedPosts:\n{indent}- slug: a\n{indent}  score: 0.5\n"
        f"{indent}- slug: b\n{indent}  score: 0.7\n{indent}- slug: c\n{indent}  score: 0.1\n"
        "title: x\n---\n"
    )
    new = _apply(text, set_value(text, ("relatedPosts", 1), {"reason": "x"}))
    assert _hunks(text, new) == [
        ([f"{indent}- slug: b", f"{indent}  score: 0.7"], [f"{indent}- reason: x"])
    ]


@pytest.mark.parametrize("indent", ["  ", ""])
def test_a_list_item_that_keeps_a_key_drops_the_others_around_it(indent: str) -> None:
    """Removing the dash-line key and the next one is one edit: the kept key moves up."""
    text = (
        f"---\nrelatedPosts:\n{indent}- slug: a\n{indent}  score: 0.5\n"
        f"{indent}  reason: r\n{indent}  note: n\ntitle: x\n---\n"
    )
    new = _apply(text, set_value(text, ("relatedPosts", 0), {"reason": "r", "lang": "ko"}))
    assert new == (f"---\nrelatedPosts:\n{indent}- reason: r\n{indent}  lang: ko\ntitle: x\n---\n")


def test_a_related_post_of_the_real_post_set_to_only_a_reason() -> None:
    """The issue's case: relatedPosts[2]={reason: x} keeps `reason` and drops the keys above it."""
    new = _apply(POST, set_value(POST, parse_path("relatedPosts[2]"), {"reason": "x"}))
    assert parse_frontmatter(new).data["relatedPosts"][2] == {"reason": "x"}
    start = _line("  - slug: ai-model-rush-february-2026")
    assert _hunks(POST, new) == [(LINES[start : start + 7], ["  - reason: x"])]


def test_replacing_a_list_keeps_the_unchanged_items_lines() -> None:
    new = _apply(POST, set_value(POST, ("tags",), ["ai", "llm", "deepseek", "china-ai"]))
    assert _hunks(POST, new) == [(["  - open-source"], [])]


def test_delete_of_a_missing_key_returns_none() -> None:
    assert delete_path(POST, ("noindex",)) is None
    assert delete_path(POST, parse_path("relatedPosts[0].reason.fr")) is None


def test_an_edit_works_on_text_read_from_a_crlf_file() -> None:
    from editor.core.storage import decode_bytes

    raw = ("\ufeff" + POST).replace("\n", "\r\n").encode("utf-8")
    text = decode_bytes(raw)[0]
    new = _apply(text, set_value(text, parse_path("relatedPosts[1].score"), 0.5))
    assert _hunks(text, new) == [(["    score: 0.95"], ["    score: 0.5"])]


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("relatedPosts[9].score", r"relatedPosts\[9\]"),
        ("title.x", "title"),
        ("tags.first", "tags"),
        ("relatedPosts[0].score.x", r"relatedPosts\[0\]\.score"),
    ],
)
def test_a_wrong_path_raises_a_path_error_naming_it(spec: str, message: str) -> None:
    from editor.core.frontmatter import PathError

    with pytest.raises(PathError, match=message):
        set_value(POST, parse_path(spec), "x")
