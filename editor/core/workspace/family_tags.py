"""Tags by family: counts that count a post once in all its languages, translations learned
from the site's own posts, and the patch that gives a sibling a tag at the same position."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from editor.core.frontmatter import InsertItem, PatchError, apply_request, parse_frontmatter
from editor.core.storage import StorageError, read_text_file, write_text_file
from editor.core.workspace.families import Family

__all__ = [
    "FamilyTags",
    "SiblingTagResult",
    "TagTranslations",
    "add_tag_to_post",
    "completion_tags",
    "family_tags",
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
        seen: set[str] = set()
        for post in family.posts:
            tags = set(post.tags)
            if post.lang is not None:
                by_lang[post.lang].update(tags)
            seen |= tags
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


@dataclass
class TagTranslations:
    """What each tag is called in another language, learned from aligned tag lists.

    A family whose posts in two languages have tag lists of equal length pairs them by
    position (the reference site translates tags in place). Pairs are counted per language
    pair on first use, so learning costs nothing until a writer adds a tag.
    """

    families: Sequence[Family]
    _learned: dict[tuple[str, str], dict[str, Counter[str]]] = field(
        default_factory=dict, repr=False
    )

    def _pairs(self, from_lang: str, to_lang: str) -> dict[str, Counter[str]]:
        key = (from_lang, to_lang)
        learned = self._learned.get(key)
        if learned is None:
            learned = defaultdict(Counter)
            for family in self.families:
                source, target = family.post(from_lang), family.post(to_lang)
                if source is None or target is None or len(source.tags) != len(target.tags):
                    continue  # misaligned lists say nothing about which tag is which
                for mine, theirs in zip(source.tags, target.tags, strict=True):
                    learned[mine][theirs] += 1
            self._learned[key] = learned
        return learned

    def suggest(self, tag: str, from_lang: str, to_lang: str) -> list[tuple[str, int]]:
        """Tags seen at tag's position in to_lang's posts, with how often, best first."""
        if from_lang == to_lang:
            return [(tag, 1)]
        seen = self._pairs(from_lang, to_lang).get(tag)
        if not seen:
            return []
        ranked = sorted(seen.items(), key=lambda pair: (-pair[1], pair[0]))
        if ranked[0][1] > 1:
            # A pair seen once beside a repeated one is noise: a reordered list, a typo.
            ranked = [pair for pair in ranked if pair[1] > 1]
        return ranked


def tag_translations(families: Iterable[Family]) -> TagTranslations:
    """The translations the site's families teach (counted lazily, per language pair)."""
    return TagTranslations(list(families))


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
