"""regroup_families: regrouping only the families a change touches equals grouping anew."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from editor.core.workspace.changes import IndexDelta
from editor.core.workspace.entries import PostEntry
from editor.core.workspace.families import (
    Family,
    SiteFamilies,
    group_families,
    regroup_families,
)
from editor.core.workspace.family_view import (
    Arranger,
    DraftFilter,
    FamilyQuery,
    LangFilter,
    Section,
    SortKey,
)
from tests.core.workspace.support import listed_post

ROOT = Path("/site")
LANGS = ("ko", "ja", "en", "zh")


def _entry(
    section: str, lang: str, slug: str, title: str = "", key: str | None = None
) -> PostEntry:
    return listed_post(slug, lang, title or f"{slug} {lang}", section, family_id=key)


def _shape(site: SiteFamilies) -> list[tuple[str, str, tuple[Path, ...], tuple[str, ...]]]:
    return [(f.key, f.section, tuple(p.path for p in f.posts), f.missing) for f in site.families]


def _assert_same(got: SiteFamilies | None, entries: list[PostEntry]) -> None:
    want = group_families(entries, ("ko",))
    assert got is not None
    assert got.languages == want.languages
    assert _shape(got) == _shape(want)
    for entry in entries:
        family = got.of(entry.path)
        assert family is not None and family is got.get(family.key)
        assert entry in family.posts
    assert len(got._paths()) == len(entries)


def _random_site(rng: random.Random, slugs: int) -> dict[Path, PostEntry]:
    return {
        e.path: e
        for slug in range(slugs)
        for section in ("blog", "notes")
        for lang in LANGS
        if rng.random() < 0.8
        for e in [_entry(section, lang, f"p{slug}")]
    }


def _random_changes(
    rng: random.Random,
    entries: dict[Path, PostEntry],
    most: int,
    new: Callable[[], PostEntry],
    edit: Callable[[PostEntry], PostEntry],
) -> tuple[list[PostEntry], list[Path]]:
    """Up to `most` random creations, deletions and edits, made to entries as well:
    (the entries updated, the paths removed), as a batch of file events gives them."""
    updated: list[PostEntry] = []
    removed: list[Path] = []
    for _ in range(rng.randint(1, most)):
        choice = rng.random()
        if choice < 0.4:
            entry = new()
            updated.append(entry)
            entries[entry.path] = entry
        elif choice < 0.7 and entries:
            path = rng.choice(sorted(entries))
            removed.append(path)
            del entries[path]
        elif entries:
            path = rng.choice(sorted(entries))
            entry = edit(entries[path])
            updated.append(entry)
            entries[path] = entry
    return [e for e in updated if e.path in entries and entries[e.path] is e], removed


def test_random_changes_regroup_like_a_full_grouping() -> None:
    rng = random.Random(3)
    entries = _random_site(rng, 40)
    site = group_families(entries.values(), ("ko",))
    for step in range(200):
        updated, removed = _random_changes(
            rng,
            entries,
            6,
            lambda: _entry(
                rng.choice(("blog", "notes")), rng.choice(LANGS), f"p{rng.randint(0, 50)}"
            ),
            lambda e, step=step: replace(e, title=f"t{step}", family_id=rng.choice((None, "k1"))),
        )
        regrouped = regroup_families(site, updated, removed, ("ko",))
        if regrouped is None:  # the languages after ko changed places: a full grouping
            full = group_families(entries.values(), ("ko",))
            assert full.languages != site.languages
            regrouped = full
        _assert_same(regrouped, list(entries.values()))
        site = regrouped


def test_the_previous_grouping_is_left_as_it_was() -> None:
    entries = [_entry("blog", lang, "a") for lang in LANGS] + [_entry("blog", "ko", "b")]
    site = group_families(entries, ("ko",))
    before = _shape(site)
    regroup_families(site, [_entry("blog", "ja", "b", "新しい")], [entries[0].path], ("ko",))
    assert _shape(site) == before
    assert site.get("src/content/blog/b") is not None
    assert len(site.get("src/content/blog/b").posts) == 1  # type: ignore[union-attr]


def test_a_change_of_language_order_asks_for_a_full_grouping() -> None:
    entries = [_entry("blog", "en", "a"), _entry("blog", "en", "b"), _entry("blog", "ja", "a")]
    site = group_families(entries)  # no preferred order: most used first (en, ja)
    more_ja = [_entry("blog", "ja", "b"), _entry("blog", "ja", "c")]
    assert regroup_families(site, more_ja, []) is None
    assert regroup_families(site, [], [], ("ja",)) is None


def test_deltas_merge_to_each_posts_last_state() -> None:
    a, b = _entry("blog", "ko", "a"), _entry("blog", "ko", "b")
    a2 = replace(a, title="새 제목")
    first = IndexDelta(updated=[a], removed=[b.path])
    merged = first.merge(IndexDelta(updated=[a2, b], moves=[(a.path, b.path)], rescanned=True))
    assert merged.updated == [a2, b] and merged.removed == []
    assert merged.rescanned and merged.moves == [(a.path, b.path)]
    gone = merged.merge(IndexDelta(removed=[a.path]))
    assert gone.updated == [b] and gone.removed == [a.path]


def _arranged(sections) -> list[tuple[str, list[str]]]:
    return [(s.name, [f.key for f in s.families]) for s in sections]


def _assert_replaced_in_place(
    before: list[tuple[str, list[Family]]], after: list[Section], rows: list[tuple[str, int]]
) -> None:
    """after has before's rows, and only the rows named hold another family object."""
    assert [(name, [f.key for f in families]) for name, families in before] == _arranged(after)
    named = set(rows)
    for (name, families), section in zip(before, after, strict=True):
        for row, (old, new) in enumerate(zip(families, section.families, strict=True)):
            assert (old is new) != ((name, row) in named), (name, row)
            assert len(old.posts) == len(new.posts)


def test_an_arrangement_followed_through_regroups_equals_arranging_anew() -> None:
    """The tree's order after each small change, arranged from the previous one, is the
    order a fresh arrangement of the whole site gives: every sort, with filters. When the
    arranger says the rows stayed, they did, and it names every row that changed."""
    rng = random.Random(11)
    queries = [
        FamilyQuery(),
        FamilyQuery(sort=SortKey.SLUG),
        FamilyQuery(sort=SortKey.DATE),
        FamilyQuery(text="p1", drafts=DraftFilter.HIDE),
        FamilyQuery(lang=LangFilter("zh", missing=True), sort=SortKey.DATE),
    ]
    for query in queries:
        entries = _random_site(rng, 30)
        site = group_families(entries.values(), ("ko",))
        arranger = Arranger(site)
        shown = [(s.name, list(s.families)) for s in arranger.arrange(query, ("en",))]
        version = arranger.version
        followed = in_place = 0
        for step in range(150):
            updated, removed = _random_changes(
                rng,
                entries,
                4,
                lambda step=step: _entry(
                    rng.choice(("blog", "notes", "news")),
                    rng.choice(LANGS),
                    f"p{rng.randint(0, 40)}",
                    title=rng.choice(("", "Same title", f"T{step}")),
                ),
                lambda e, step=step: replace(
                    e,
                    title=rng.choice((None, "Same title", f"t{step}")),
                    date=rng.choice((None, "2026-01-02", f"2025-{step % 12 + 1:02}-01")),
                    draft=rng.random() < 0.2,
                ),
            )
            regrouped = regroup_families(site, updated, removed, ("ko",))
            if regrouped is None:
                regrouped = group_families(entries.values(), ("ko",))
            else:
                followed += 1
            arranger = Arranger(regrouped, arranger)
            site = regrouped
            if rng.random() < 0.4:
                continue  # not shown: the next arrangement follows several regroups at once
            sections = arranger.arrange(query, ("en",))
            got = _arranged(sections)
            assert got == _arranged(Arranger(regrouped).arrange(query, ("en",))), (query, step)
            rows = arranger.replaced_since(version)
            if rows is not None:
                _assert_replaced_in_place(shown, sections, rows)
                in_place += bool(rows)
            for family in regrouped.families:
                place = arranger.place(family.key)
                if place is not None:
                    assert (
                        next(s for s in sections if s.name == place[0]).families[place[1]] is family
                    )
            shown, version = [(s.name, list(s.families)) for s in sections], arranger.version
        assert followed > 100  # the incremental path was the one exercised
        assert in_place >= 2, query  # and so was the in-place refresh
