"""Sorting and filtering families for the Posts tree: dates, drafts, languages, text."""

from __future__ import annotations

from pathlib import Path

from editor.core.workspace import PostEntry
from editor.core.workspace.families import group_families
from editor.core.workspace.family_view import (
    Arranger,
    DraftFilter,
    FamilyQuery,
    LangFilter,
    SortKey,
    arrange,
)
from tests.core.workspace.support import listed_post

LANGS = ("ko", "ja", "en", "zh")


def post(slug: str, lang: str, title: str, date: str | None = None, draft: bool = False):
    return listed_post(slug, lang, title, date=date, draft=draft)


def site():
    entries = [
        *(post("alpha", lang, f"Alpha {lang}", "2026-01-20") for lang in LANGS),
        *(post("beta", lang, f"베타 {lang}", "2026-03-02") for lang in ("ko", "ja", "en")),
        *(post("gamma", lang, f"Ｇａｍｍａ 日本語 {lang}", None, draft=True) for lang in LANGS),
        *(post("delta", lang, f"Delta {lang}", "2026-02-18") for lang in LANGS),
    ]
    return group_families(entries, LANGS)


def slugs(query: FamilyQuery, prefer: tuple[str, ...] = ("en",)) -> list[str]:
    return [f.slug for section in arrange(site(), query, prefer) for f in section.families]


def test_sort_by_date_is_newest_first_with_undated_posts_last():
    assert slugs(FamilyQuery(sort=SortKey.DATE)) == ["beta", "delta", "alpha", "gamma"]


def test_sort_by_title_uses_the_preferred_language_and_by_slug_the_slug():
    assert slugs(FamilyQuery(sort=SortKey.TITLE)) == ["alpha", "delta", "gamma", "beta"]
    assert slugs(FamilyQuery(sort=SortKey.SLUG)) == ["alpha", "beta", "delta", "gamma"]


def test_missing_language_filter_keeps_only_families_lacking_it():
    assert slugs(FamilyQuery(lang=LangFilter("zh", missing=True))) == ["beta"]
    assert slugs(FamilyQuery(lang=LangFilter("zh"), sort=SortKey.SLUG)) == [
        "alpha",
        "delta",
        "gamma",
    ]


def test_draft_filters():
    assert slugs(FamilyQuery(drafts=DraftFilter.ONLY)) == ["gamma"]
    assert "gamma" not in slugs(FamilyQuery(drafts=DraftFilter.HIDE))


def test_text_filter_ignores_case_and_width_and_finds_cjk_titles_and_slugs():
    assert slugs(FamilyQuery(text="GAMMA")) == ["gamma"], "full-width Ｇａｍｍａ matches"
    assert slugs(FamilyQuery(text="日本")) == ["gamma"]
    assert slugs(FamilyQuery(text="베타")) == ["beta"]
    assert slugs(FamilyQuery(text="elt")) == ["delta"], "the slug or a title matches"
    assert slugs(FamilyQuery(text="nothing like it")) == []


def test_sections_are_kept_apart_and_sorted_by_name():
    entries = [post("a", "ko", "A"), post("a", "en", "A")]
    rel = "src/content/docs/ko/b.md"
    entries.append(
        PostEntry(Path("/site") / rel, rel, "b", "ko", "B", None, 0, 0, lang_source="folder")
    )
    sections = arrange(group_families(entries, LANGS), FamilyQuery())
    assert [s.name for s in sections] == ["src/content/blog", "src/content/docs"]


def test_a_renewed_arranger_sees_a_changed_title_and_reuses_the_rest():
    first = Arranger(site())
    by_title = first.arrange(FamilyQuery(sort=SortKey.TITLE), ("en",))
    assert [f.slug for f in by_title[0].families] == ["alpha", "delta", "gamma", "beta"]
    assert [f.slug for s in first.arrange(FamilyQuery(text="zeta")) for f in s.families] == []
    entries = [p for f in first.families.families for p in f.posts]
    changed = [
        post("delta", "en", "Zeta en", "2026-02-18") if (p.slug, p.lang) == ("delta", "en") else p
        for p in entries
    ]
    second = Arranger(group_families(changed, LANGS), first)
    assert [f.slug for s in second.arrange(FamilyQuery(text="zeta")) for f in s.families] == [
        "delta"
    ]
    by_title = second.arrange(FamilyQuery(sort=SortKey.TITLE), ("en",))
    assert [f.slug for f in by_title[0].families] == ["alpha", "gamma", "delta", "beta"]
