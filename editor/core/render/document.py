"""Render a whole post (frontmatter + body) as the preview shows it."""

from __future__ import annotations

import html
from dataclasses import replace
from pathlib import Path

from editor.core.frontmatter import parse_frontmatter
from editor.core.render import (
    AssetResolver,
    IncrementalRenderer,
    MarkdownRenderer,
    RenderedPost,
)


def render_document(
    renderer: MarkdownRenderer | IncrementalRenderer,
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
    )
    if parsed.error is None:
        return post
    # Without data there is no header to show; say why instead of showing a bare body.
    err = parsed.error
    notice = (
        f'<div class="frontmatter-error">The frontmatter is not valid YAML '
        f"(line {err.line}, column {err.column}): {html.escape(err.message)}</div>"
    )
    return replace(post, header_html=notice)
