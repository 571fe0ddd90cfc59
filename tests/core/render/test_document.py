"""A whole post as the preview shows it: header from the frontmatter, then the body."""

from __future__ import annotations

from pathlib import Path

from editor.core.render import IncrementalRenderer, MarkdownRenderer
from editor.core.render.document import render_document, render_open_document


def test_header_comes_from_frontmatter_and_body_lines_count_the_block(tmp_path: Path):
    post = render_document(
        MarkdownRenderer(), "---\ntitle: 제목\n---\n\n## 개요\n", tmp_path / "p.md", tmp_path
    )
    assert "제목" in post.header_html
    assert post.blocks[0].line_start == 4
    assert "개요" in post.blocks[0].html


def test_invalid_yaml_shows_where_in_the_header_and_the_body_still_renders(tmp_path: Path):
    text = "---\ntitle: a\ntags: [x\n---\n\nBody <b>text</b>\n"
    post = render_document(MarkdownRenderer(), text, tmp_path / "p.md", tmp_path)
    assert 'class="frontmatter-error"' in post.header_html
    assert "line 4" in post.header_html or "line 3" in post.header_html
    assert "Body" in post.body_html()
    assert "title: a" not in post.body_html(), "the broken block is not shown as prose"


def test_the_open_post_renders_as_a_whole_render_and_splices_from_its_previous_render(
    tmp_path: Path,
):
    """The open post's render equals render_document's, notice included, and its splice
    starts from the previous render's blocks."""
    incremental = IncrementalRenderer(MarkdownRenderer())
    text = "---\ntitle: a\ntags: [x\n---\n\nOne.\n\nTwo.\n"
    first = render_open_document(incremental, text, tmp_path / "p.md", tmp_path)
    assert first.post == render_document(MarkdownRenderer(), text, tmp_path / "p.md", tmp_path)
    assert 'class="frontmatter-error"' in first.post.header_html
    assert first.splice is None, "nothing rendered before"
    edited = text.replace("Two.", "Two, edited.")
    second = render_open_document(incremental, edited, tmp_path / "p.md", tmp_path)
    assert second.base is first.post.blocks
    assert second.splice is not None and second.splice.apply(first.post.blocks) == list(
        second.post.blocks
    )
