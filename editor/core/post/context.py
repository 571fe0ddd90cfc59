"""What the form's editors may know about the open post and its workspace, as plain data."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from editor.core.checks.lengths import LengthWindow
from editor.core.workspace.entries import PostEntry
from editor.core.workspace.families import SiteFamilies, group_families
from editor.core.workspace.family_tags import (
    FamilyTags,
    TagTranslations,
    completion_tags,
    family_tags,
    tag_translations,
)

LengthOverrides = Mapping[str, Mapping[str, LengthWindow]]


@dataclass(frozen=True)
class PostContext:
    """The post's place in its site: language, slug, and what completion offers."""

    site_root: Path | None = None
    post_path: Path | None = None
    lang: str | None = None
    slug: str | None = None
    tag_counts: Mapping[str, int] = field(default_factory=dict)  # tag -> families using it
    # (tag, families) in completion order: the post's language's tags first; empty: by count.
    tag_completion: tuple[tuple[str, int], ...] = ()
    siblings: tuple[tuple[str, Path], ...] = ()  # (lang, path) of the other language versions
    tag_translations: TagTranslations | None = None
    post_titles: Mapping[str, str] = field(default_factory=dict)  # slug -> title, post's lang first
    # What a reference may name -> the slug of the post it names (see reference_slugs).
    reference_slugs: Mapping[str, str] = field(default_factory=dict)
    length_overrides: LengthOverrides = field(default_factory=dict)
    # Top-level fields the post's language versions share (empty when it has none).
    shared_fields: frozenset[str] = frozenset()


@dataclass(frozen=True)
class SiteSummary:
    """What every post's context shares: computed once per version of the index."""

    tag_counts: Mapping[str, int]  # tag -> families using it in any language
    titled: tuple[PostEntry, ...]  # the posts with a title, in index order
    families: SiteFamilies = field(default_factory=SiteFamilies)
    tags: FamilyTags = field(default_factory=lambda: family_tags(()))
    translations: TagTranslations = field(default_factory=lambda: tag_translations(()))
    reference_slugs: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, entries: Iterable[PostEntry], families: SiteFamilies | None = None) -> SiteSummary:
        """Summarise the index's entries (families: their grouping, when already made)."""
        listed = list(entries)
        grouped = families if families is not None else group_families(listed)
        tags = family_tags(grouped.families)
        return cls(
            tags.counts(),
            tuple(e for e in listed if e.title),
            grouped,
            tags,
            tag_translations(tags),
            reference_slugs(listed),
        )


def reference_slugs(entries: Iterable[PostEntry]) -> dict[str, str]:
    """What a reference to a post may name, and that post's slug: its slug, or its path
    without the extension from any folder down (an Astro entry id is the path below its
    collection's base: `ko/x`)."""
    names: dict[str, str] = {}
    for entry in entries:
        names.setdefault(entry.slug, entry.slug)
        parts = entry.rel_path.rsplit(".", 1)[0].split("/")
        for i in range(len(parts)):
            names.setdefault("/".join(parts[i:]), entry.slug)
    return names


def post_titles(entries: Iterable[PostEntry], lang: str | None) -> dict[str, str]:
    """Each slug's title, as a writer of a post in lang reads it: from lang's post if any."""
    titled = [e for e in entries if e.title]
    titles: dict[str, str] = {}
    for same_language in (True, False):
        for entry in titled:
            if (entry.lang == lang) == same_language:
                assert entry.title is not None
                titles.setdefault(entry.slug, entry.title)
    return titles


def post_context(
    post: Path,
    site_root: Path | None,
    entry: PostEntry | None,
    summary: SiteSummary,
    length_overrides: LengthOverrides | None = None,
    shared_fields: frozenset[str] = frozenset(),
) -> PostContext:
    """The context of post (entry: its index entry, None when the index does not list it)."""
    lang = entry.lang if entry is not None else None
    siblings = tuple(
        (sibling.lang, sibling.path)
        for sibling in summary.families.siblings(post)
        if sibling.lang is not None and sibling.lang != lang
    )
    return PostContext(
        site_root=site_root,
        post_path=post,
        lang=lang,
        slug=entry.slug if entry is not None else post.stem,
        tag_counts=summary.tag_counts,
        tag_completion=tuple(completion_tags(summary.tags, lang)),
        siblings=siblings if lang is not None else (),
        tag_translations=summary.translations,
        post_titles=post_titles(summary.titled, lang),
        reference_slugs=summary.reference_slugs,
        length_overrides=length_overrides if length_overrides is not None else {},
        shared_fields=shared_fields,
    )
