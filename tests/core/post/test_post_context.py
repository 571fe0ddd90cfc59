"""A post's context for the form: its language, slug, and the workspace's tags and titles."""

from __future__ import annotations

from pathlib import Path

from editor.core.checks.lengths import LengthWindow
from editor.core.post import SiteSummary, post_context, post_titles
from editor.core.workspace.entries import PostEntry
from tests.core.workspace.support import listed_post

ROOT = Path("/site")


def entry(slug: str, lang: str | None, title: str | None, tags: tuple[str, ...] = ()) -> PostEntry:
    return listed_post(slug, lang, title, tags=tags)


ENTRIES = [
    entry("v4", "en", "DeepSeek V4 is near", ("ai", "llm")),
    entry("v4", "ko", "DeepSeek V4 출시 임박", ("ai",)),
    entry("tts", "en", "Voice cloning", ("ai",)),
    entry("untitled", "ko", None, ("draft",)),
]


def test_a_slugs_title_comes_from_the_posts_own_language_first():
    assert post_titles(ENTRIES, "ko") == {"v4": "DeepSeek V4 출시 임박", "tts": "Voice cloning"}
    assert post_titles(ENTRIES, "en")["v4"] == "DeepSeek V4 is near"


def test_posts_without_a_title_are_not_offered():
    assert "untitled" not in post_titles(ENTRIES, "ko")


def test_the_summary_counts_families_not_files():
    # v4 in en and ko is one post in two languages: its "ai" counts once.
    assert SiteSummary.of(ENTRIES).tag_counts == {"ai": 2, "llm": 1, "draft": 1}


def test_the_context_of_an_indexed_post():
    post = ENTRIES[1].path
    windows = {"title": {"ko": LengthWindow(20, 28)}}
    context = post_context(post, ROOT, ENTRIES[1], SiteSummary.of(ENTRIES), windows)
    assert (context.site_root, context.post_path) == (ROOT, post)
    assert (context.lang, context.slug) == ("ko", "v4")
    assert context.post_titles["v4"] == "DeepSeek V4 출시 임박"
    assert context.tag_counts["ai"] == 2
    assert context.tag_completion[0] == ("ai", 2), "the ko post's own tags first"
    assert context.tag_completion[1] == ("draft", 1)
    assert context.siblings == (("en", ENTRIES[0].path),)
    assert context.tag_translations is not None
    # v4 has two tags in en and one in ko: no position pairs them.
    assert context.tag_translations.suggest("ai", "ko", "en") == []
    assert context.length_overrides == windows


def test_a_post_the_index_does_not_list_takes_its_slug_from_the_file_name():
    context = post_context(ROOT / "new-post.md", ROOT, None, SiteSummary.of([]))
    assert (context.lang, context.slug) == (None, "new-post")
    assert context.length_overrides == {}
