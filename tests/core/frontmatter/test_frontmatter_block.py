"""editor.core.frontmatter.block: finding the frontmatter block at the top of a post."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.core.frontmatter import FrontmatterBlock, find_block

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "deepseek-v4-release.ko.md"


def test_the_fixture_post_has_a_yaml_block_whose_body_is_its_frontmatter() -> None:
    text = FIXTURE.read_text(encoding="utf-8")
    block = find_block(text)
    assert block is not None
    assert block.kind == "yaml" and block.start == 0 and block.body_start == 4
    assert text[block.body_start : block.body_end].startswith("title: DeepSeek V4")
    assert text[block.body_end : block.end] == "---\n"
    assert text[block.end :].startswith("\n## 개요")
    lines = text.split("\n")
    assert block.body_line_count == lines.index("---", 1) - 1
    assert block.body_first_line == 1


def test_offsets_cover_the_whole_block() -> None:
    text = "---\na: 1\nb: 2\n---\nbody\n"
    assert find_block(text) == FrontmatterBlock("yaml", 0, 4, 14, 18, 1, 2)


def test_an_empty_block_is_a_block_with_an_empty_body() -> None:
    block = find_block("---\n---\nbody")
    assert block == FrontmatterBlock("yaml", 0, 4, 4, 8, 1, 0)


def test_a_closing_fence_at_the_end_of_the_document_has_no_newline_to_include() -> None:
    text = "---\na: 1\n---"
    block = find_block(text)
    assert block is not None and block.end == len(text) and block.body_end == 9


def test_yaml_may_close_with_three_dots() -> None:
    block = find_block("---\na: 1\n...\nbody")
    assert block is not None and block.kind == "yaml" and block.body_end == 9


def test_hugo_toml_frontmatter_uses_plus_fences() -> None:
    text = '+++\ntitle = "x"\n---\n+++\nbody'
    block = find_block(text)
    assert block is not None and block.kind == "toml"
    assert text[block.body_start : block.body_end] == 'title = "x"\n---\n'


def test_trailing_spaces_after_fences_are_allowed() -> None:
    block = find_block("---  \na: 1\n--- \t\nbody")
    assert block is not None and block.body_start == 6 and block.end == 17


@pytest.mark.parametrize(
    "text",
    [
        "",
        "---",
        "---\na: 1\n",
        "---\na: 1\nno closing fence\n",
        "\n---\na: 1\n---\n",
        " ---\na: 1\n---\n",
        "----\na: 1\n----\n",
        "--- a\nb: 1\n---\n",
        "# Title\n---\na: 1\n---\n",
        "+++\na = 1\n---\n",
    ],
)
def test_no_block_unless_the_first_line_is_a_fence_and_a_closing_fence_follows(text: str) -> None:
    assert find_block(text) is None


def test_the_first_closing_fence_ends_the_block() -> None:
    text = "---\na: 1\n---\nb: 2\n---\n"
    block = find_block(text)
    assert block is not None and block.body_line_count == 1 and block.end == 13


def test_an_indented_fence_inside_a_block_scalar_does_not_close_the_block() -> None:
    text = "---\na: |\n  ---\n---\n"
    block = find_block(text)
    assert block is not None and block.body_line_count == 2
