"""Links in a post: other posts by file or by site route, web pages, and dead ends."""

from __future__ import annotations

from pathlib import Path

from editor.core.workspace import PostEntry
from editor.core.workspace.links import resolve_link


def entry(root: Path, lang: str, slug: str) -> PostEntry:
    path = root / "src/content/blog" / lang / f"{slug}.md"
    return PostEntry(path, f"src/content/blog/{lang}/{slug}.md", slug, lang, slug, None, 0, 0)


def test_links_resolve_to_posts_the_web_or_a_reason(tmp_path):
    entries = [entry(tmp_path, lang, slug) for lang in ("ko", "ja") for slug in ("a", "b")]
    post = entries[0].path
    assert resolve_link("https://example.com/x", post, entries).url == "https://example.com/x"
    assert resolve_link("mailto:me@example.com", post, entries).kind == "web"
    assert resolve_link("./b.md", post, entries).path == entries[1].path.resolve()
    assert resolve_link("../ja/b.md", post, entries).path == entries[3].path.resolve()
    assert resolve_link("/ja/blog/b/", post, entries).path == entries[3].path
    assert resolve_link("/blog/b/", post, entries).path == entries[1].path, "same language first"
    assert resolve_link("/ko/blog/zzz/", post, entries).kind == "missing"
    assert "javascript" in resolve_link("javascript:alert(1)", post, entries).why
    assert resolve_link("./nope.md", post, entries).kind == "missing"
