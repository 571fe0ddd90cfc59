"""Quick open: fuzzy matching over every post's title (any language) and slug."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.core import resources
from editor.core.workspace import PostEntry, PostIndex
from editor.core.workspace.quick_open import QuickOpenCatalog, QuickOpenMatch, fold, word_starts

PG = "postgresql-index-tuning"


@pytest.fixture(scope="module")
def sample() -> QuickOpenCatalog:
    """The catalog of the bundled sample site: five posts in ko, ja, en and zh."""
    index = PostIndex(resources.sample_site_dir())
    index.scan()
    return QuickOpenCatalog(index.entries())


def entry(
    slug: str, title: str | None, lang: str | None = "en", mtime: int = 0, folder: str = ""
) -> PostEntry:
    rel = f"src/content/blog/{folder or lang or 'x'}/{slug}.md"
    return PostEntry(Path("/site") / rel, rel, slug, lang, title, None, mtime, 0)


def hit_text(text: str, hits: tuple[int, ...]) -> str:
    return "".join(text[i] for i in hits)


def posts(matches: list[QuickOpenMatch]) -> list[tuple[str | None, str]]:
    return [(m.entry.lang, m.entry.slug) for m in matches]


def test_korean_substring_finds_the_korean_title_and_marks_its_characters(sample):
    found = sample.search("인덱스", "ko")
    assert posts(found) == [("ko", PG)]
    match = found[0]
    assert match.title == "EXPLAIN ANALYZE로 시작하는 PostgreSQL 인덱스 튜닝"
    assert hit_text(match.title, match.title_hits) == "인덱스"
    assert match.title_hits == tuple(
        range(match.title.index("인덱스"), match.title.index("인덱스") + 3)
    )


@pytest.mark.parametrize(
    ("query", "lang", "marked"),
    [
        ("インデックス", "ja", "インデックス"),
        ("索引", "zh", "索引"),
        ("ビルド", "ja", "ビルド"),
        ("构建", "zh", "构建"),
        ("브랜치", "ko", "브랜치"),
        ("インデクス", "ja", "インデクス"),  # a subsequence: ッ skipped
    ],
)
def test_japanese_chinese_and_korean_titles_match_as_typed(sample, query, lang, marked):
    found = sample.search(query)
    assert found, query
    assert found[0].entry.lang == lang
    assert hit_text(found[0].title, found[0].title_hits) == marked


def test_latin_matching_ignores_case_and_full_width_forms(sample):
    lower = posts(sample.search("postgres", "en"))
    assert lower == posts(sample.search("POSTGRES", "en"))
    assert lower == posts(sample.search("ＰＯＳＴＧＲＥＳ", "en"))
    assert len(lower) == 4 and {slug for _lang, slug in lower} == {PG}
    assert lower[0] == ("en", PG), "the English title starts with it: a prefix of the title"


def test_slug_subsequence_prefers_word_starts(sample):
    found = sample.search("pg-idx", "ko")
    assert posts(found)[0] == ("ko", PG)
    assert {slug for _lang, slug in posts(found)} == {PG}
    assert hit_text(PG, found[0].slug_hits) == "pg-idx"
    pit = sample.search("pit", "en")[0]
    assert pit.entry.slug == PG
    assert pit.title.startswith("PostgreSQL Index Tuning")
    assert pit.title_hits == (0, len("PostgreSQL "), len("PostgreSQL Index "))


def test_prefix_beats_word_start_run_beats_mid_word_run_beats_spread():
    catalog = QuickOpenCatalog(
        [
            entry("a", "Tuning the index"),
            entry("b", "reindexing tables"),
            entry("c", "in dex order"),
            entry("d", "Index tuning"),
        ]
    )
    assert [m.title for m in catalog.search("index")] == [
        "Index tuning",
        "Tuning the index",
        "reindexing tables",
        "in dex order",
    ]


def test_ties_go_to_the_current_language_then_newer_then_shorter():
    catalog = QuickOpenCatalog(
        [
            entry("a", "Deploy notes", "en", mtime=50),
            entry("b", "Deploy notes and more", "ko", mtime=10),
            entry("c", "Deploy notes", "ko", mtime=10),
            entry("d", "Deploy notes", "ko", mtime=30),
        ]
    )
    assert [m.entry.slug for m in catalog.search("deploy", "ko")] == ["d", "c", "b", "a"]
    assert [m.entry.slug for m in catalog.search("deploy", "en")] == ["a", "d", "c", "b"]


def test_one_result_per_file_even_when_title_and_slug_both_match():
    catalog = QuickOpenCatalog([entry("astro-build", "Astro build"), entry("other", "Astro")])
    found = catalog.search("astro")
    assert sorted(m.entry.slug for m in found) == ["astro-build", "other"]


def test_every_term_must_match_the_title_or_the_slug(sample):
    assert {slug for _lang, slug in posts(sample.search("rust go"))} >= {"rust-vs-go-cli-tools"}
    assert posts(sample.search("rust go", "ja"))[0] == ("ja", "rust-vs-go-cli-tools")
    assert sample.search("rust zzz") == []
    both = sample.search("GIT 브랜치")
    assert posts(both) == [("ko", "git-branching-workflow")]
    assert hit_text(both[0].title, both[0].title_hits) == "브랜치"
    assert hit_text(both[0].entry.slug, both[0].slug_hits) == "git", "the slug's prefix"


def test_empty_query_lists_the_current_language_newest_first_then_the_rest():
    catalog = QuickOpenCatalog(
        [
            entry("old", "Old", "ko", mtime=1),
            entry("new", "New", "ko", mtime=9),
            entry("en-new", "English", "en", mtime=10),
            entry("en-old", "English old", "en", mtime=2),
        ]
    )
    assert [m.entry.slug for m in catalog.search("", "ko")] == ["new", "old", "en-new", "en-old"]
    assert [m.entry.slug for m in catalog.search("  ", None)] == ["en-new", "new", "en-old", "old"]
    assert [m.entry.slug for m in catalog.search("", "ko", limit=3)] == ["new", "old", "en-new"]
    assert all(m.title_hits == () and m.slug_hits == () for m in catalog.search(""))


def test_no_posts_no_results():
    catalog = QuickOpenCatalog([])
    assert len(catalog) == 0
    assert catalog.search("") == []
    assert catalog.search("인덱스") == []


def test_posts_without_a_title_are_found_and_shown_by_slug():
    broken = entry("broken-post", None)
    catalog = QuickOpenCatalog([broken, entry("fine", "Fine post")])
    found = catalog.search("brkn")
    assert [m.title for m in found] == ["broken-post"]
    assert hit_text(found[0].title, found[0].title_hits) == "brkn"


def test_a_catalog_built_from_the_previous_one_sees_changed_titles():
    first = QuickOpenCatalog([entry("a", "Old title"), entry("b", "Kept")])
    second = QuickOpenCatalog([entry("a", "New title"), entry("b", "Kept")], previous=first)
    assert [m.entry.slug for m in second.search("new title")] == ["a"]
    assert second.search("old") == []
    assert [m.entry.slug for m in second.search("kept")] == ["b"]


def test_limit_keeps_the_best_of_thousands_in_order():
    entries = [entry(f"post-{i:05d}", f"빌드 파이프라인 {i}", "ko", mtime=i) for i in range(3000)]
    entries.append(entry("pipeline", "Pipeline", "en", mtime=0))
    catalog = QuickOpenCatalog(entries)
    found = catalog.search("pipeline", "ko", limit=5)
    assert [m.entry.slug for m in found] == ["pipeline"]
    newest = catalog.search("빌드", "ko", limit=3)
    assert [m.entry.slug for m in newest] == ["post-02999", "post-02998", "post-02997"]
    assert len(catalog.search("post", limit=50)) == 50


@pytest.mark.parametrize("text", ["Straße", "İstanbul", "ＡＢＣ ｶﾀｶﾅ", "ﬁle", "인덱스 PostgreSQL"])
def test_fold_keeps_one_character_per_character(text):
    assert len(fold(text)) == len(text)
    assert fold("PostgreSQL") == "postgresql"
    assert fold("ＡＢＣ") == "abc"


def test_word_starts_follow_separators_script_changes_and_camel_case():
    assert word_starts("git-branching workflow") == "1000100000000010000000"
    assert word_starts("PostgreSQL인덱스") == "1000000100100"
    assert word_starts("始めるPostgreSQL") == "1001000000100", "okurigana continue the word"


def test_a_catalog_of_the_same_entries_answers_as_the_previous_one():
    entries = [entry("b", "Beta", mtime=2), entry("a", "Alpha", mtime=1), entry("c", "Gamma")]
    first = QuickOpenCatalog(entries)
    again = QuickOpenCatalog(list(entries), previous=first)
    assert [m.entry.slug for m in again.search("")] == ["b", "a", "c"]
    assert [m.entry.slug for m in again.search("a")] == [m.entry.slug for m in first.search("a")]
    fewer = QuickOpenCatalog(entries[1:], previous=first)
    assert [m.entry.slug for m in fewer.search("")] == ["a", "c"]


def test_the_first_results_are_those_of_an_unlimited_search():
    """Hits that only spread matches score are left unscored once enough better ones are
    found: the results must still be the first of what scoring every hit gives."""
    import random

    rng = random.Random(5)

    def word() -> str:  # few letters: every query has runs in some posts, spreads in more
        return "".join(rng.choice("abcde") for _ in range(rng.randint(2, 5)))

    entries = [
        entry(
            f"{word()}-{word()}-{i}",
            " ".join(word() for _ in range(rng.randint(1, 3))),
            rng.choice(["ko", "en"]),
            mtime=rng.randint(0, 9),
        )
        for i in range(800)
    ]
    catalog = QuickOpenCatalog(entries)
    pruned = 0
    for _ in range(150):
        query = " ".join(word()[: rng.randint(1, 3)] for _ in range(rng.randint(1, 3)))
        lang = rng.choice(["ko", "en"])
        every = catalog.search(query, lang, limit=10**6)
        for limit in (1, 3, 10, 40):
            assert catalog.search(query, lang, limit) == every[:limit], (query, lang, limit)
            pruned += len(every) > limit
    assert pruned > 300  # most searches had more hits than they returned
