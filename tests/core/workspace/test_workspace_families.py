"""Families: a post's language versions found by folder, suffix, `lang` field or translation key."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.core.workspace import PostIndex
from editor.core.workspace.entries import read_post_entry, value_digest
from editor.core.workspace.families import family_key, group_families, translation_path


def _write(root: Path, rel: str, front: str = "title: T\n") -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{front}---\nBody\n", encoding="utf-8")
    return path


def _families(root: Path, preferred=()):
    index = PostIndex(root)
    index.scan()
    return group_families(index.entries(), preferred)


@pytest.fixture
def astro(tmp_path: Path) -> Path:
    (tmp_path / "astro.config.mjs").write_text("export default {}\n")
    for slug in ("alpha", "beta", "gamma"):
        for lang in ("ko", "ja", "en", "zh"):
            if (slug, lang) == ("beta", "zh"):
                continue  # a deleted translation
            _write(tmp_path, f"src/content/blog/{lang}/{slug}.md", f"title: {slug} {lang}\n")
    return tmp_path


def test_language_folders_make_one_family_per_slug(astro):
    site = _families(astro)
    assert [f.slug for f in site.families] == ["alpha", "beta", "gamma"]
    assert site.multilingual
    beta = site.get("src/content/blog/beta")
    assert beta is not None
    assert set(beta.languages) == {"ko", "ja", "en"}
    assert beta.missing == ("zh",)
    assert site.get("src/content/blog/alpha").missing == ()


def test_preferred_order_puts_the_source_language_first(astro):
    site = _families(astro, ["ko", "ja", "en", "zh"])
    assert site.languages == ("ko", "ja", "en", "zh")
    alpha = site.get("src/content/blog/alpha")
    assert [p.lang for p in alpha.posts] == ["ko", "ja", "en", "zh"]
    assert alpha.title(["ja"]) == "alpha ja"
    ko = astro / "src/content/blog/ko/alpha.md"
    assert [p.lang for p in site.siblings(ko)] == ["ja", "en", "zh"]
    assert site.of(ko) is alpha


def test_without_preference_the_most_used_language_comes_first(astro):
    (astro / "src/content/blog/zh/alpha.md").unlink()
    site = _families(astro)
    assert site.languages == ("en", "ja", "ko", "zh")  # ties by code, the rarest last


def test_hugo_suffixes_and_bundles(tmp_path):
    (tmp_path / "hugo.toml").write_text("title = 'x'\n")
    _write(tmp_path, "content/posts/first.md")
    _write(tmp_path, "content/posts/first.ko.md")
    _write(tmp_path, "content/posts/trip/index.md")
    _write(tmp_path, "content/posts/trip/index.ko.md")
    site = _families(tmp_path)
    keys = {f.key: f for f in site.families}
    assert set(keys) == {"content/posts/first", "content/posts/trip"}
    # The unsuffixed file is the default language: no language, listed last.
    assert [p.lang for p in keys["content/posts/first"].posts] == ["ko", None]


def test_hugo_language_content_folders(tmp_path):
    (tmp_path / "hugo.toml").write_text("title = 'x'\n")
    _write(tmp_path, "content/en/posts/hello.md")
    _write(tmp_path, "content/ja/posts/hello.md")
    site = _families(tmp_path)
    assert [f.key for f in site.families] == ["content/posts/hello"]
    assert site.families[0].languages == ("en", "ja")


def test_lang_field_and_translation_key(tmp_path):
    _write(tmp_path, "posts/hello.md", "title: Hello\nlang: en\ntranslationKey: hello\n")
    _write(tmp_path, "posts/bonjour.md", "title: Bonjour\nlang: FR\ntranslationKey: hello\n")
    _write(tmp_path, "posts/solo.md", "title: Solo\nlang: en\n")
    site = _families(tmp_path)
    hello = site.of(tmp_path / "posts/hello.md")
    assert hello is not None and set(hello.languages) == {"en", "fr"}
    assert site.of(tmp_path / "posts/bonjour.md") is hello
    entry = read_post_entry(tmp_path / "posts/bonjour.md", tmp_path)
    assert (entry.lang, entry.lang_source) == ("fr", "field")
    solo = site.of(tmp_path / "posts/solo.md")
    assert solo.missing == ()  # half the section lacks fr: not expected
    assert translation_path(solo, "fr") == tmp_path / "posts/solo.fr.md"


def test_a_folder_language_wins_over_the_field(tmp_path):
    path = _write(tmp_path, "ko/post.md", "lang: en\n")
    entry = read_post_entry(path, tmp_path)
    assert (entry.lang, entry.lang_source) == ("ko", "folder")
    assert family_key(entry) == "post"


def test_a_site_in_one_language_has_no_badges_and_nothing_missing(tmp_path):
    _write(tmp_path, "posts/a.md")
    _write(tmp_path, "posts/b.md")
    site = _families(tmp_path)
    assert not site.multilingual
    assert all(f.missing == () for f in site.families)


def test_a_stray_translation_does_not_mark_the_section(astro):
    _write(astro, "src/content/blog/fr/alpha.md")
    (astro / "src/content/blog/ko/gamma.md").unlink()
    site = _families(astro)
    assert site.get("src/content/blog/gamma").missing == ("ko",)
    assert all("fr" not in f.missing for f in site.families)


def test_translation_paths_follow_the_siblings_naming(astro, tmp_path):
    site = _families(astro)
    beta = site.get("src/content/blog/beta")
    assert translation_path(beta, "zh") == astro / "src/content/blog/zh/beta.md"
    hugo = tmp_path / "hugo"
    (hugo / "content/posts/x").mkdir(parents=True)
    (hugo / "hugo.toml").write_text("")
    _write(hugo, "content/posts/x/index.ko.mdx")
    family = _families(hugo).families[0]
    assert translation_path(family, "ja") == hugo / "content/posts/x/index.ja.mdx"


def test_field_digests_ignore_quoting_and_survive_alias_loops(tmp_path):
    a = _write(tmp_path, "ko/a.md", "pubDate: 2024-01-02\nhero: &h [1, *h]\n")
    b = _write(tmp_path, "en/a.md", "pubDate: '2024-01-02'\nhero: x\n")
    ea, eb = read_post_entry(a, tmp_path), read_post_entry(b, tmp_path)
    assert ea.fields["pubDate"] == eb.fields["pubDate"]
    assert ea.fields["hero"] != eb.fields["hero"]
    assert value_digest({"b": [1], "a": 2}) == value_digest({"a": 2, "b": [1]})


def test_an_alias_bomb_digests_in_linear_time():
    layer: list = ["lol"] * 10
    for _ in range(40):  # 10**40 leaves when expanded
        layer = [layer] * 10
    assert len(value_digest(layer)) == 16


@pytest.mark.parametrize(
    ("front", "date", "draft"),
    [
        ("pubDate: 2026-02-18\n", "2026-02-18", False),
        ("pubDate: '2026-02-18T09:00:00Z'\n", "2026-02-18T09:00:00+00:00", False),
        ("date: 2014-09-09 21:10:33 -0700\ndraft: true\n", "2014-09-09T21:10:33-07:00", True),
        (
            "publishDate: 2024-05-01T10:00:00+09:00\ndraft: 'yes'\n",
            "2024-05-01T10:00:00+09:00",
            True,
        ),
        ("date: soon\npublished: false\n", None, True),
        ("title: no date\ndraft: false\n", None, False),
    ],
)
def test_publication_date_and_draft(tmp_path, front, date, draft):
    entry = read_post_entry(_write(tmp_path, "p.md", front), tmp_path)
    assert (entry.date, entry.draft) == (date, draft)
