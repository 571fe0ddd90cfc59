"""editor.core.frontmatter.parse: data, or an error located on the document's line."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.frontmatter import FrontmatterError, parse_frontmatter

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "deepseek-v4-release.ko.md"
FIXTURE_TEXT = FIXTURE.read_text(encoding="utf-8")


def test_the_fixture_post_parses_to_its_fields() -> None:
    parsed = parse_frontmatter(FIXTURE_TEXT)
    assert parsed.error is None
    data = parsed.data
    assert data["title"] == "DeepSeek V4 출시 임박 — 중국 AI 차세대 모델 경쟁 가속화"
    assert data["description"].startswith("DeepSeek V4 출시가 임박한 가운데")
    assert "\n" not in data["description"]  # folded with >-
    assert data["pubDate"] == "2026-02-18"  # quoted on purpose: a string, not a date
    assert data["tags"] == ["ai", "llm", "deepseek", "open-source", "china-ai"]
    assert len(data["relatedPosts"]) == 5
    assert data["relatedPosts"][0]["score"] == 0.95
    assert data["relatedPosts"][4]["reason"]["en"] == (
        "Suitable as a next-step learning resource, connecting through AI/ML topics."
    )


def test_the_body_starts_after_the_closing_fence() -> None:
    parsed = parse_frontmatter(FIXTURE_TEXT)
    assert parsed.block is not None
    assert parsed.body_start == parsed.block.end
    assert FIXTURE_TEXT[parsed.body_start :].startswith("\n## 개요")
    lines = FIXTURE_TEXT.split("\n")
    assert lines[parsed.body_first_line] == ""
    assert lines[parsed.body_first_line + 1] == "## 개요"


def test_a_document_without_frontmatter_has_empty_data_and_a_body_at_zero() -> None:
    parsed = parse_frontmatter("# Just Markdown\n")
    assert (parsed.block, parsed.data, parsed.error) == (None, {}, None)
    assert (parsed.body_start, parsed.body_first_line) == (0, 0)


@pytest.mark.parametrize("body", ["", "\n", "# only a comment\n", "   \n# c\n\n"])
def test_an_empty_block_or_one_with_only_comments_is_empty_data_not_an_error(body: str) -> None:
    parsed = parse_frontmatter(f"---\n{body}---\nbody\n")
    assert parsed.data == {} and parsed.error is None


def test_unquoted_dates_are_dates_and_quoted_ones_strings() -> None:
    parsed = parse_frontmatter("---\na: 2026-02-18\nb: '2026-02-18'\n---\n")
    assert parsed.data == {"a": datetime.date(2026, 2, 18), "b": "2026-02-18"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "---\ntitle: a: b\n---\n",
            FrontmatterError("mapping values are not allowed here", 2, 9),
        ),
        (
            "---\ntitle: x\na: 1\n  b: 2\n---\n",
            FrontmatterError("mapping values are not allowed here", 4, 4),
        ),
        (
            "---\na: *nope\n---\n",
            FrontmatterError("found undefined alias 'nope'", 2, 4),
        ),
        (
            "---\n\tb: 1\n---\n",
            FrontmatterError("found character '\\t' that cannot start any token", 2, 1),
        ),
    ],
)
def test_yaml_errors_carry_the_parser_message_and_the_document_line_and_column(
    text: str, expected: FrontmatterError
) -> None:
    parsed = parse_frontmatter(text)
    assert parsed.error == expected
    assert parsed.data == {}


def test_an_error_in_the_fixture_is_reported_on_its_line_in_the_document() -> None:
    broken = FIXTURE_TEXT.replace("heroImage: ../", "heroImage: x: ../", 1)
    parsed = parse_frontmatter(broken)
    assert parsed.error is not None
    line = broken.split("\n")[parsed.error.line - 1]
    assert line.startswith("heroImage: x:")
    assert parsed.error.column == len("heroImage: x") + 1


def test_error_messages_are_one_line() -> None:
    parsed = parse_frontmatter("---\ntags: [a, b\n---\n")
    assert parsed.error is not None and "\n" not in parsed.error.message
    assert parsed.error.message == "expected ',' or ']', but got '<stream end>'"


@pytest.mark.parametrize("body", ["- a\n- b\n", "just a sentence\n", "42\n"])
def test_frontmatter_that_is_not_a_mapping_is_an_error(body: str) -> None:
    parsed = parse_frontmatter(f"---\n{body}---\n")
    assert parsed.error == FrontmatterError("frontmatter must be a mapping of keys to values", 2, 1)
    assert parsed.data == {}


def test_a_construction_error_such_as_an_impossible_date_points_at_the_value() -> None:
    parsed = parse_frontmatter("---\ntitle: x\npubDate: 2026-13-45\n---\n")
    assert parsed.error == FrontmatterError("month must be in 1..12", 3, 10)


def test_a_control_character_is_an_error_on_its_line() -> None:
    parsed = parse_frontmatter("---\na: 1\nb: \x07\n---\n")
    assert parsed.error is not None
    assert (parsed.error.line, parsed.error.column) == (3, 4)
    assert parsed.error.message.startswith("unacceptable character #x0007")


def test_unsafe_tags_are_refused() -> None:
    parsed = parse_frontmatter("---\na: !!python/object/apply:os.system ['true']\n---\n")
    assert parsed.error is not None and parsed.error.line == 2
    assert "could not determine a constructor" in parsed.error.message


def test_error_lines_count_only_lf_newlines_like_the_editor() -> None:
    parsed = parse_frontmatter('---\na: "x\u2028y"\nb: c: d\n---\n')
    assert parsed.error is not None and (parsed.error.line, parsed.error.column) == (3, 5)


def test_hugo_toml_frontmatter_is_parsed_with_tomllib() -> None:
    parsed = parse_frontmatter('+++\ntitle = "x"\ndate = 2026-02-18\ntags = ["a"]\n+++\nbody')
    assert parsed.error is None
    assert parsed.data == {"title": "x", "date": datetime.date(2026, 2, 18), "tags": ["a"]}
    assert parsed.body_start == len('+++\ntitle = "x"\ndate = 2026-02-18\ntags = ["a"]\n+++\n')


def test_toml_errors_carry_the_line_and_column_from_the_message() -> None:
    parsed = parse_frontmatter('+++\ntitle = "x"\nbad = \n+++\n')
    assert parsed.error == FrontmatterError("Invalid value", 3, 7)


def test_a_toml_error_at_the_end_of_the_block_points_at_its_last_line() -> None:
    parsed = parse_frontmatter("+++\na = 1\nb = [1,\n+++\n")
    assert parsed.error is not None
    assert "(at" not in parsed.error.message
    assert parsed.error.line in (3, 4)


# -- the C loader is used for speed only where it agrees with the pure-Python one ---------

_keys = st.sampled_from(["title", "description", "pubDate", "tags", "draft", "score", "x y"])
_scalars = st.one_of(
    st.text(max_size=30),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False),
    st.booleans(),
    st.none(),
    st.dates(),
)
_values = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_keys, inner, max_size=3),
    max_leaves=8,
)


@settings(deadline=None)
@given(
    data=st.dictionaries(_keys, _values, max_size=6), flow=st.booleans(), width=st.integers(20, 120)
)
def test_the_fast_loader_gives_the_same_data_as_the_pure_python_loader(
    data: dict, flow: bool, width: int
) -> None:
    body = yaml.safe_dump(data, allow_unicode=True, default_flow_style=flow, width=width)
    parsed = parse_frontmatter(f"---\n{body}---\n")
    assert parsed.error is None
    assert parsed.data == yaml.load(body, Loader=yaml.SafeLoader)


def test_the_fast_loader_agrees_with_the_pure_python_loader_on_the_fixture() -> None:
    parsed = parse_frontmatter(FIXTURE_TEXT)
    assert parsed.block is not None
    body = FIXTURE_TEXT[parsed.block.body_start : parsed.block.body_end]
    assert parsed.data == yaml.load(body, Loader=yaml.SafeLoader)
