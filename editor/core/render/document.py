"""Render a whole post (frontmatter + body) as the preview shows it."""

from __future__ import annotations

from pathlib import Path

from editor.core.frontmatter import parse_frontmatter
from editor.core.render import AssetResolver, MarkdownRenderer, RenderedPost


def render_document(
    renderer: MarkdownRenderer, text: str, post_path: Path | None, site_root: Path | None
) -> RenderedPost:
    """Render the post's text: the site's header from its frontmatter, then its body blocks."""
    parsed = parse_frontmatter(text)
    return renderer.render(
        text[parsed.body_start :],
        data=parsed.data,
        body_first_line=parsed.body_first_line,
        assets=AssetResolver(site_root, post_path),
    )
