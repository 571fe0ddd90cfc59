"""The post index's facts about each post: dates, related slugs, links, images, words."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.core.frontmatter import parse_frontmatter
from editor.core.workspace import read_post_entry
from editor.core.workspace.families import family_key
from editor.core.workspace.post_body import count_words, scan_body
from editor.core.workspace.post_summary import FrontmatterSummary, read_frontmatter

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "deepseek-v4-release.ko.md"


def _entry(tmp_path: Path, text: str, rel: str = "ko/p.md"):
    path = tmp_path / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    entry = read_post_entry(path, tmp_path)
    assert entry is not None
    return entry


def test_the_reference_post_has_its_related_slugs_links_hero_and_words(tmp_path: Path) -> None:
    entry = _entry(tmp_path, FIXTURE.read_text(encoding="utf-8"), "blog/ko/deepseek.md")
    data = parse_frontmatter(FIXTURE.read_text(encoding="utf-8")).data
    assert entry.related == tuple(item["slug"] for item in data["relatedPosts"])
    assert entry.images[0] == "../../../assets/blog/deepseek-v4-release-hero.png"
    assert "https://www.deepseek.com/" in entry.links
    assert "https://en.wikipedia.org/wiki/DeepSeek" in entry.links
    assert entry.words > 500  # Korean prose: each syllable counts
    assert family_key(entry) == "blog/deepseek"


@pytest.mark.parametrize(
    ("front", "updated"),
    [
        ("updatedDate: 2026-02-19\n", "2026-02-19"),
        ("lastmod: '2026-02-19T10:00:00Z'\n", "2026-02-19T10:00:00+00:00"),
        ("modified: 2026-03-01\nupdated: 2026-02-01\n", "2026-02-01"),
        ("updated: soon\n", None),
        ("", None),
    ],
)
def test_the_updated_date_is_read_from_the_usual_keys(
    tmp_path: Path, front: str, updated: str | None
) -> None:
    assert _entry(tmp_path, f"---\ntitle: t\n{front}---\n").updated == updated


@pytest.mark.parametrize(
    ("front", "related"),
    [
        ("relatedPosts:\n  - slug: a\n    score: 0.9\n  - slug: b\n", ("a", "b")),
        ("related: [x, y]\n", ("x", "y")),
        ("relatedArticles:\n  - id: one\n  - post: two\n  - {title: none}\n", ("one", "two")),
        ("relatedPosts: a-string\n", ()),
        ("see_related:\n  - slug: a\n  - a\n", ("a",)),
    ],
)
def test_related_slugs_come_from_any_list_named_related(
    tmp_path: Path, front: str, related: tuple[str, ...]
) -> None:
    assert _entry(tmp_path, f"---\ntitle: t\n{front}---\n").related == related


def test_frontmatter_images_come_first_and_alt_text_is_not_an_image(tmp_path: Path) -> None:
    front = (
        "heroImage: ./hero.png\nheroImageAlt: A hero\ncover:\n  src: /img/cover.webp\n"
        "image: not a path\n"
    )
    body = "![inline](./inline.png)\n\n<img src='raw.jpg' alt=x>\n\n![again](./hero.png)\n"
    entry = _entry(tmp_path, f"---\n{front}---\n{body}")
    assert entry.images == ("./hero.png", "/img/cover.webp", "./inline.png", "raw.jpg")


def test_links_are_markdown_html_autolinks_and_references_but_not_code() -> None:
    body = (
        "See [the docs](https://docs.example.com/a_(b)) and [local](../en/post.md#top).\n"
        '<a href="/html">x</a> <https://auto.example.com>\n'
        "[![badge](badge.svg)](https://ci.example.com)\n"
        "`[not](inline-code)`\n\n"
        "```md\n[not](fenced)\n```\n\n"
        "~~~\n[not](tilde)\n~~~\n"
        "[ref]: https://ref.example.com\n"
    )
    facts = scan_body(body)
    assert facts.links == (
        "https://docs.example.com/a_(b)",
        "../en/post.md#top",
        "https://ci.example.com",
        "/html",
        "https://auto.example.com",
        "https://ref.example.com",
    )
    assert facts.images == ("badge.svg",)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Hello, world! It's 2026.", 4),
        ("빌드 배포", 4),  # Hangul syllables count one each
        ("ビルドです。", 5),  # Kana one each; the full stop is not a word
        ("构建和部署", 5),
        ("Astro를 쓰는 build", 5),  # Latin and Hangul mixed
        ("", 0),
    ],
)
def test_words_count_latin_words_and_each_cjk_character(text: str, words: int) -> None:
    assert count_words(text) == words


def test_words_skip_code_link_targets_and_tags() -> None:
    body = "One [two](https://x.example.com/a/b/c) <b>three</b>\n\n```\nnot counted\n```\n"
    assert scan_body(body).words == 3


@pytest.mark.parametrize(
    "front",
    [
        "title: t\nrelatedPosts:\n  - slug: a\n  - b\nheroImage: ./h.png\nupdated: 2026-01-02\n",
        "<<: {title: merged}\nrelatedPosts: [{slug: a}]\ncover: {src: /c.png}\n",
        "title: !!str 12\nrelated: !!seq [a, b]\nlastmod: '2026-01-02'\n",
    ],
)
def test_the_quick_reading_agrees_with_the_full_parse(front: str) -> None:
    text = f"---\n{front}---\nBody\n"
    quick, error, _start = read_frontmatter(text)
    assert error is None
    full = FrontmatterSummary.of(parse_frontmatter(text).data)
    assert quick == full
    assert dict(quick.fields) == dict(full.fields)
