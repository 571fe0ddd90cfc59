"""Render a whole post (frontmatter + body) as the preview shows it."""

from __future__ import annotations

import html
from dataclasses import replace
from pathlib import Path

from editor.core.frontmatter import parse_frontmatter
from editor.core.frontmatter.parse import ParsedFrontmatter
from editor.core.render import (
    AssetResolver,
    IncrementalRenderer,
    MarkdownRenderer,
    RenderedPost,
)
from editor.core.render.block_diff import RenderOutcome
from editor.core.workspace.config import site_field_roles


def render_document(
    renderer: MarkdownRenderer,
    text: str,
    post_path: Path | None,
    site_root: Path | None,
) -> RenderedPost:
    """Render the post's text: the site's header from its frontmatter, then its body blocks."""
    parsed = parse_frontmatter(text)
    post = renderer.render(
        text[parsed.body_start :],
        data=parsed.data,
        body_first_line=parsed.body_first_line,
        assets=AssetResolver(site_root, post_path),
        roles=site_field_roles(site_root),
    )
    return _with_notice(post, parsed)


def render_open_document(
    renderer: IncrementalRenderer,
    text: str,
    post_path: Path | None,
    site_root: Path | None,
) -> RenderOutcome:
    """render_document for the open post: only the changed blocks, and how they changed."""
    parsed = parse_frontmatter(text)
    outcome = renderer.render(
        text[parsed.body_start :],
        data=parsed.data,
        body_first_line=parsed.body_first_line,
        assets=AssetResolver(site_root, post_path),
        roles=site_field_roles(site_root),
    )
    post = _with_notice(outcome.post, parsed)
    return outcome if post is outcome.post else replace(outcome, post=post)


def _with_notice(post: RenderedPost, parsed: ParsedFrontmatter) -> RenderedPost:
    if parsed.error is None:
        return post
    # Without data there is no header to show; say why instead of showing a bare body.
    err = parsed.error
    notice = (
        f'<div class="frontmatter-error">The frontmatter is not valid YAML '
        f"(line {err.line}, column {err.column}): {html.escape(err.message)}</div>"
    )
    return replace(post, header_html=notice)
