"""Tags by family: counts per family and language, learned translations, sibling patches."""

from __future__ import annotations

from pathlib import Path

from editor.core.workspace import PostIndex
from editor.core.workspace.families import SiteFamilies, group_families
from editor.core.workspace.family_tags import (
    add_sibling_tags,
    add_tag_to_post,
    completion_tags,
    describe_sibling_tags,
    family_tags,
    sibling_tags,
    tag_translations,
)

LANGS = ("ko", "ja", "en", "zh")
A11Y = {
    "ko": "웹접근성",
    "ja": "ウェブアクセシビリティ",
    "en": "web-accessibility",
    "zh": "网页无障碍",
}
AI = {lang: "AI" for lang in LANGS}
SEO = {"ko": "검색최적화", "ja": "検索最適化", "en": "seo", "zh": "搜索优化"}


def _site(root: Path, posts: dict[str, dict[str, list[str]]]) -> SiteFamilies:
    """Write slug -> lang -> tags as an Astro site and group its families."""
    (root / "astro.config.mjs").write_text("export default {}\n")
    for slug, by_lang in posts.items():
        for lang, tags in by_lang.items():
            path = root / f"src/content/blog/{lang}/{slug}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            listed = "".join(f"  - {tag}\n" for tag in tags)
            path.write_text(f"---\ntitle: {slug} {lang}\ntags:\n{listed}---\nBody\n", "utf-8")
    index = PostIndex(root)
    index.scan()
    return group_families(index.entries(), LANGS)


def _all(*rows: dict[str, str]) -> dict[str, list[str]]:
    return {lang: [row[lang] for row in rows] for lang in LANGS}


def test_a_family_in_four_languages_counts_once(tmp_path):
    site = _site(tmp_path, {"a": _all(A11Y, AI), "b": {"ko": ["AI"], "en": ["AI"]}})
    tags = family_tags(site.families)
    counts = tags.counts()
    assert counts["AI"] == 2, "two families, six posts"
    assert counts["웹접근성"] == 1 and counts["web-accessibility"] == 1
    assert tags.counts("ko") == {"웹접근성": 1, "AI": 2}
    assert tags.counts("ja") == {"ウェブアクセシビリティ": 1, "AI": 1}
    assert [f.slug for f in tags.posts("AI")] == ["a", "b"]
    assert [f.slug for f in tags.posts("AI", "ja")] == ["a"]
    assert tags.posts("웹접근성", "en") == [], "the en post uses another spelling"


def test_completion_offers_the_open_posts_language_first_then_by_family_count(tmp_path):
    site = _site(
        tmp_path,
        {
            "a": _all(A11Y, AI),
            "b": _all(SEO, AI),
            "c": _all(SEO, AI),
            "d": {"ja": ["検索最適化"]},
        },
    )
    rows = completion_tags(family_tags(site.families), "ja")
    ja_part = [tag for tag, _ in rows[:3]]
    assert ja_part == ["AI", "検索最適化", "ウェブアクセシビリティ"]
    assert dict(rows)["検索最適化"] == 3
    assert {tag for tag, _ in rows[3:]} == {
        "웹접근성",
        "web-accessibility",
        "网页无障碍",
        "검색최적화",
        "seo",
        "搜索优化",
    }
    no_lang = completion_tags(family_tags(site.families), None)
    assert no_lang[0] == ("AI", 3)


def test_translations_are_learned_by_position_across_languages(tmp_path):
    site = _site(
        tmp_path,
        {"a": _all(A11Y, AI), "b": _all(AI, A11Y), "c": _all(SEO, A11Y)},
    )
    learned = tag_translations(site.families)
    assert learned.suggest("웹접근성", "ko", "ja") == [("ウェブアクセシビリティ", 3)]
    assert learned.suggest("웹접근성", "ko", "zh") == [("网页无障碍", 3)]
    assert learned.suggest("web-accessibility", "en", "ko") == [("웹접근성", 3)]
    assert learned.suggest("AI", "ko", "en") == [("AI", 2)], "equal tags across languages"
    assert learned.suggest("검색최적화", "ko", "zh") == [("搜索优化", 1)]
    assert learned.suggest("unknown", "ko", "ja") == []


def test_misaligned_lists_teach_nothing(tmp_path):
    site = _site(
        tmp_path,
        {
            "a": {"ko": ["웹접근성", "AI"], "ja": ["AI"]},  # one tag dropped: positions shift
            "b": {"ko": ["웹접근성"], "ja": ["ウェブアクセシビリティ"]},
        },
    )
    learned = tag_translations(site.families)
    assert learned.suggest("웹접근성", "ko", "ja") == [("ウェブアクセシビリティ", 1)]
    assert learned.suggest("AI", "ko", "ja") == []


def test_ties_keep_both_and_single_sightings_yield_to_repeated_ones(tmp_path):
    posts = {f"p{i}": {"ko": ["모델"], "en": ["model"]} for i in range(3)}
    posts["odd"] = {"ko": ["모델"], "en": ["weights"]}  # one reordered post
    posts["t1"] = {"ko": ["추론"], "en": ["inference"]}
    posts["t2"] = {"ko": ["추론"], "en": ["reasoning"]}
    learned = tag_translations(_site(tmp_path, posts).families)
    assert learned.suggest("모델", "ko", "en") == [("model", 3)]
    assert learned.suggest("추론", "ko", "en") == [("inference", 1), ("reasoning", 1)]


def _post(tmp_path: Path, raw: bytes) -> Path:
    path = tmp_path / "post.md"
    path.write_bytes(raw)
    return path


def test_a_sibling_gets_the_tag_at_the_same_position_and_only_the_tags_lines_change(tmp_path):
    raw = (
        "\ufeff---\r\ntitle: 'ウェブ'\r\ntags:\r\n  - AI\r\n  - 検索最適化\r\n"
        "pubDate: '2026-02-18'\r\n---\r\n本文\r\n"
    ).encode()
    path = _post(tmp_path, raw)
    result = add_tag_to_post(path, "ウェブアクセシビリティ", 1)
    assert result.outcome == "added"
    after = path.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf"), "BOM kept"
    assert after.decode("utf-8-sig").split("\r\n") == [
        "---",
        "title: 'ウェブ'",
        "tags:",
        "  - AI",
        "  - ウェブアクセシビリティ",
        "  - 検索最適化",
        "pubDate: '2026-02-18'",
        "---",
        "本文",
        "",
    ]
    again = add_tag_to_post(path, "ウェブアクセシビリティ", 1)
    assert again.outcome == "present"
    assert path.read_bytes() == after


def test_a_flow_list_or_a_short_list_takes_the_tag_last(tmp_path):
    path = _post(tmp_path, b"---\ntitle: x\ntags: [git, team]\n---\nBody\n")
    assert add_tag_to_post(path, "web", 5).outcome == "added"
    assert path.read_text("utf-8") == "---\ntitle: x\ntags: [git, team, web]\n---\nBody\n"


def test_a_broken_sibling_is_reported_not_written(tmp_path):
    raw = b"---\ntitle: [unclosed\ntags: [a]\n---\n"
    path = _post(tmp_path, raw)
    result = add_tag_to_post(path, "web", 0)
    assert result.outcome == "failed" and "post.md" in result.why
    assert path.read_bytes() == raw
    missing = add_tag_to_post(tmp_path / "gone.md", "web", 0)
    assert missing.outcome == "failed"


def test_each_sibling_is_planned_with_its_translation_or_none(tmp_path):
    site = _site(tmp_path, {"a": _all(A11Y), "b": _all(A11Y), "new": _all(AI)})
    learned = tag_translations(site.families)
    siblings = [(post.lang, post.path) for post in site.get("src/content/blog/new").posts[1:]]
    siblings.append(("fr", tmp_path / "fr.md"))
    planned = sibling_tags("웹접근성", 1, "ko", siblings, learned)
    assert [(p.lang, p.tag, p.position) for p in planned] == [
        ("ja", "ウェブアクセシビリティ", 1),
        ("en", "web-accessibility", 1),
        ("zh", "网页无障碍", 1),
        ("fr", None, 1),
    ]
    done = add_sibling_tags(planned)
    assert [item.lang for item, _ in done] == ["ja", "en", "zh"], "no translation: no write"
    ja = site.get("src/content/blog/new").post("ja").path
    assert ja.read_text("utf-8").splitlines()[2:5] == [
        "tags:",
        "  - AI",
        "  - ウェブアクセシビリティ",
    ]
    assert describe_sibling_tags(done) == (
        "Added the tag to ja (ウェブアクセシビリティ), en (web-accessibility), zh (网页无障碍)"
    )
    again = describe_sibling_tags(add_sibling_tags(planned))
    assert again == "ja, en, zh already have it"
