"""The reference user's real post renders with blocks on the right document lines."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from editor.core.render import AssetResolver, MarkdownRenderer, RenderedPost

# tests/core/render/<this file> -> tests/fixtures/
FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "deepseek-v4-release.ko.md"
# The checkout's sibling shared/ folder, where the fixture comes from (absent in other clones).
SHARED_FIXTURE = Path(__file__).resolve().parents[4] / "shared" / "fixtures" / FIXTURE.name


def split_post(text: str) -> tuple[dict, str, int]:
    """Local stand-in for editor.core.frontmatter: (data, body text, body's first line)."""
    lines = text.splitlines(keepends=True)
    closing = next(i for i in range(1, len(lines)) if lines[i].rstrip("\r\n") == "---")
    data = yaml.safe_load("".join(lines[1:closing]))
    return data, "".join(lines[closing + 1 :]), closing + 1


@pytest.fixture(scope="module")
def text() -> str:
    """The fixture post as the editor holds it."""
    return FIXTURE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def lines(text: str) -> list[str]:
    """The fixture's lines, numbered from 0 like data-line."""
    return text.splitlines()


@pytest.fixture(scope="module")
def renderer() -> MarkdownRenderer:
    """One renderer for the module."""
    return MarkdownRenderer()


@pytest.fixture(scope="module")
def post(renderer: MarkdownRenderer, text: str) -> RenderedPost:
    """The fixture rendered with its frontmatter data."""
    data, body, first_line = split_post(text)
    return renderer.render(body, data=data, body_first_line=first_line)


def test_fixture_copy_is_byte_identical_to_the_shared_one() -> None:
    """tests/fixtures holds the exact bytes of the shared fixture."""
    if not SHARED_FIXTURE.exists():
        pytest.skip("shared fixtures folder not present beside this checkout")
    assert FIXTURE.read_bytes() == SHARED_FIXTURE.read_bytes()


def test_mermaid_block_starts_on_the_line_of_its_fence(
    post: RenderedPost, lines: list[str]
) -> None:
    """data-line of the Mermaid block is the line of "```mermaid" in the file."""
    fence = lines.index("```mermaid")
    closing = lines.index("```", fence + 1)
    (block,) = [b for b in post.blocks if "mermaid-block" in b.html]
    assert (block.line_start, block.line_end) == (fence, closing + 1)
    assert f'data-line="{fence}"' in block.html
    assert "A[중국 AI 모델 경쟁] --&gt; B[효율성]" in block.html


def test_first_block_is_the_first_heading_after_the_frontmatter(
    post: RenderedPost, lines: list[str]
) -> None:
    """Frontmatter lines are counted: "## 개요" is where the file has it."""
    first = post.blocks[0]
    assert first.line_start == lines.index("## 개요")
    assert '<h2 id="개요">개요</h2>' in first.html


def test_every_heading_and_the_table_start_a_block_on_their_line(
    post: RenderedPost, lines: list[str]
) -> None:
    """Each "#" line and the table's header row is a block start."""
    starts = {block.line_start for block in post.blocks}
    first_body_line = post.blocks[0].line_start
    for number, line in enumerate(lines):
        if number >= first_body_line and line.startswith("#"):
            assert number in starts, line
    assert lines.index("| 모델 | 개발사 | 특징 |") in starts


def test_every_non_blank_body_line_belongs_to_exactly_one_block(
    post: RenderedPost, lines: list[str]
) -> None:
    """No body line is lost or shared between blocks."""
    for number in range(post.blocks[0].line_start, len(lines)):
        if lines[number].strip():
            owners = [b for b in post.blocks if b.line_start <= number < b.line_end]
            assert len(owners) == 1, (number, lines[number])


def test_blocks_equal_the_whole_body_render(
    renderer: MarkdownRenderer, post: RenderedPost, text: str
) -> None:
    """Blocks, unwrapped, concatenate to one whole-document render of the body."""
    _, body, _ = split_post(text)
    inner = "".join(re.sub(r"^<div [^>]*>|</div>$", "", block.html) for block in post.blocks)
    assert inner == renderer.render_html(body)


def test_korean_heading_ids_of_the_fixture(post: RenderedPost) -> None:
    """Headings with Korean, em dashes and "vs" get the site's ids."""
    html = post.body_html()
    assert 'id="중국-ai-모델-러시--2026년-현황"' in html
    assert 'id="오픈-모델-vs-클로즈드-모델-구도"' in html


def test_fixture_header(post: RenderedPost) -> None:
    """The header shows hero placeholder, date, title and description from the frontmatter."""
    header = post.header_html
    assert header.startswith('<header class="post-header">')
    assert '<time datetime="2026-02-18">2026-02-18</time>' in header
    assert "DeepSeek V4 출시 임박 — 중국 AI 차세대 모델 경쟁 가속화</h1>" in header
    assert "오픈 모델 경쟁 구도를 분석합니다.</p>" in header


def test_fixture_hero_resolves_inside_a_site(
    renderer: MarkdownRenderer, text: str, tmp_path: Path
) -> None:
    """Placed in an Astro layout, the fixture's heroImage becomes a workspace URL."""
    site = tmp_path / "site"
    post_path = site / "src/content/blog/ko/deepseek-v4-release.md"
    hero = site / "src/assets/blog/deepseek-v4-release-hero.png"
    post_path.parent.mkdir(parents=True)
    hero.parent.mkdir(parents=True)
    hero.write_bytes(b"png")
    data, body, first_line = split_post(text)
    rendered = renderer.render(
        body, data=data, body_first_line=first_line, assets=AssetResolver(site, post_path)
    )
    assert (
        '<img class="hero-image" src="postdesk://workspace/src/assets/blog/'
        'deepseek-v4-release-hero.png" alt="">'
    ) in rendered.header_html


def test_editing_one_fixture_paragraph_changes_one_key(
    renderer: MarkdownRenderer, post: RenderedPost, text: str
) -> None:
    """Keys are stable across renders; an edit re-keys only the edited block."""
    data, body, first_line = split_post(text)
    edited = body.replace("308포인트를 기록하며", "310포인트를 기록하며")
    assert edited != body
    after = renderer.render(edited, data=data, body_first_line=first_line)
    changed = [b.html for b, a in zip(post.blocks, after.blocks, strict=True) if b.key != a.key]
    assert len(changed) == 1
    assert "308포인트" in changed[0]
