"""Tags by family: counts that count a post once in all its languages, translations learned
from the site's own posts, and the patch that gives a sibling a tag at the same position."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from editor.core.frontmatter import InsertItem, PatchError, apply_request, parse_frontmatter
from editor.core.storage import StorageError, read_text_file, write_text_file
from editor.core.workspace.families import Family

__all__ = [
    "FamilyTags",
    "SiblingTag",
    "SiblingTagResult",
    "TagTranslations",
    "add_sibling_tags",
    "add_tag_to_post",
    "completion_tags",
    "describe_sibling_tags",
    "family_tags",
    "sibling_tags",
    "tag_translations",
]


@dataclass(frozen=True)
class FamilyTags:
    """Which families use each tag: in any language, and per language."""

    families: Mapping[str, tuple[Family, ...]]  # tag -> families using it, in key order
    by_lang: Mapping[str, Mapping[str, int]]  # lang -> tag -> families whose lang post uses it

    def counts(self, lang: str | None = None) -> dict[str, int]:
        """Tag -> family count: every tag (lang None), or only those used in lang's posts."""
        if lang is None:
            return {tag: len(fams) for tag, fams in self.families.items()}
        return dict(self.by_lang.get(lang, {}))

    def posts(self, tag: str, lang: str | None = None) -> list[Family]:
        """The families that use tag (in lang's post when lang is given)."""
        found = self.families.get(tag, ())
        if lang is None:
            return list(found)
        return [f for f in found if (p := f.post(lang)) is not None and tag in p.tags]


def family_tags(families: Iterable[Family]) -> FamilyTags:
    """Count each tag once per family that uses it, and once per language post using it."""
    using: dict[str, list[Family]] = defaultdict(list)
    by_lang: dict[str, Counter[str]] = defaultdict(Counter)
    for family in families:
        for post in family.posts:
            if post.lang is not None:
                by_lang[post.lang].update(set(post.tags))
        if len(family.posts) == 1:
            seen: Iterable[str] = dict.fromkeys(family.posts[0].tags)
        else:
            seen = set().union(*(post.tags for post in family.posts))
        for tag in seen:
            using[tag].append(family)
    return FamilyTags(
        {tag: tuple(fams) for tag, fams in using.items()},
        {lang: dict(counter) for lang, counter in by_lang.items()},
    )


def completion_tags(tags: FamilyTags, lang: str | None) -> list[tuple[str, int]]:
    """(tag, family count) to complete from: lang's tags first, each most used first."""
    total = tags.counts()
    own = tags.by_lang.get(lang, {}) if lang is not None else {}

    def rank(tag: str) -> tuple[int, int, str]:
        return (0 if tag in own else 1, -total[tag], tag.casefold())

    return [(tag, total[tag]) for tag in sorted(total, key=rank)]


@dataclass(frozen=True)
class TagTranslations:
    """What each tag is called in another language, learned from aligned tag lists.

    A family whose posts in two languages have tag lists of equal length pairs them by
    position (the reference site translates tags in place). Only the families that use the
    asked tag are read, so a suggestion costs microseconds however large the site.
    """

    tags: FamilyTags

    def suggest(self, tag: str, from_lang: str, to_lang: str) -> list[tuple[str, int]]:
        """Tags seen at tag's position in to_lang's posts, with how often, best first."""
        if from_lang == to_lang:
            return [(tag, 1)]
        seen: Counter[str] = Counter()
        for family in self.tags.families.get(tag, ()):
            source, target = family.post(from_lang), family.post(to_lang)
            if source is None or target is None or len(source.tags) != len(target.tags):
                continue  # misaligned lists say nothing about which tag is which
            pairs = zip(source.tags, target.tags, strict=True)
            seen.update(theirs for mine, theirs in pairs if mine == tag)
        ranked = sorted(seen.items(), key=lambda pair: (-pair[1], pair[0]))
        if ranked and ranked[0][1] > 1:
            # A pair seen once beside a repeated one is noise: a reordered list, a typo.
            ranked = [pair for pair in ranked if pair[1] > 1]
        return ranked


def tag_translations(families: Iterable[Family] | FamilyTags) -> TagTranslations:
    """The translations the site's families teach."""
    return TagTranslations(families if isinstance(families, FamilyTags) else family_tags(families))


@dataclass(frozen=True)
class SiblingTagResult:
    """What adding a tag to one sibling did: "added", "present", or "failed" (with why)."""

    path: Path
    outcome: str
    why: str = ""


def add_tag_to_post(path: Path, tag: str, position: int, key: str = "tags") -> SiblingTagResult:
    """Insert tag into the post's tags list on disk at position (or last), as a minimal patch.

    The file is read now (not from the index), written atomically in its own encoding,
    BOM and newline style; a post that already has the tag is left untouched.
    """
    try:
        file = read_text_file(path)
    except StorageError as exc:
        return SiblingTagResult(path, "failed", str(exc))
    parsed = parse_frontmatter(file.text)
    if parsed.error is not None:
        return SiblingTagResult(path, "failed", f"{path.name}: {parsed.error.message}")
    current = parsed.data.get(key)
    tags = [str(t) for t in current] if isinstance(current, list) else []
    if current is not None and not isinstance(current, list):
        return SiblingTagResult(path, "failed", f"{path.name}: {key} is not a list")
    if tag in tags:
        return SiblingTagResult(path, "present")
    try:
        patch = apply_request(file.text, InsertItem((key,), min(position, len(tags)), tag))
    except PatchError as exc:
        return SiblingTagResult(path, "failed", f"{path.name}: {exc}")
    if patch is None:
        return SiblingTagResult(path, "present")
    try:
        write_text_file(path, patch.apply(file.text), like=file)
    except StorageError as exc:
        return SiblingTagResult(path, "failed", str(exc))
    return SiblingTagResult(path, "added")


@dataclass(frozen=True)
class SiblingTag:
    """The tag a sibling should get at position: the learned translation, None if unknown."""

    lang: str
    path: Path
    tag: str | None
    position: int
    others: tuple[str, ...] = ()  # less likely (or tied) translations


def sibling_tags(
    tag: str,
    position: int,
    lang: str,
    siblings: Sequence[tuple[str, Path]],
    translations: TagTranslations,
) -> list[SiblingTag]:
    """What each sibling (lang, path) should get when tag is added at position in lang."""
    planned: list[SiblingTag] = []
    for other_lang, path in siblings:
        ranked = [name for name, _count in translations.suggest(tag, lang, other_lang)]
        best = ranked[0] if ranked else None
        planned.append(SiblingTag(other_lang, path, best, position, tuple(ranked[1:])))
    return planned


def add_sibling_tags(
    planned: Iterable[SiblingTag], key: str = "tags"
) -> list[tuple[SiblingTag, SiblingTagResult]]:
    """Give each sibling with a known translation its tag (see add_tag_to_post)."""
    return [
        (item, add_tag_to_post(item.path, item.tag, item.position, key))
        for item in planned
        if item.tag is not None
    ]


def describe_sibling_tags(done: Sequence[tuple[SiblingTag, SiblingTagResult]]) -> str:
    """One line for the status bar: what was added where, what was there, what failed."""
    added = [f"{item.lang} ({item.tag})" for item, r in done if r.outcome == "added"]
    present = [item.lang for item, r in done if r.outcome == "present"]
    failed = [r.why for _item, r in done if r.outcome == "failed"]
    parts = []
    if added:
        parts.append("Added the tag to " + ", ".join(added))
    if present:
        verb = "has" if len(present) == 1 else "have"
        parts.append(f"{', '.join(present)} already {verb} it")
    if failed:
        parts.append("not changed: " + "; ".join(failed))
    return "; ".join(parts) if parts else "No sibling has a known translation of the tag."
