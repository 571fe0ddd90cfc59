"""Families: the language versions of one post, grouped, with the languages they lack."""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from editor.core.workspace.index import PostEntry
from editor.core.workspace.site import POST_SUFFIXES

__all__ = ["Family", "SiteFamilies", "family_key", "group_families", "translation_path"]

# A section expects a language when more than this share of its families have it: one stray
# translation does not mark every other post of the section as missing it.
EXPECTED_SHARE = 0.5


def family_key(entry: PostEntry) -> str:
    """What a post's language versions share: its path without the language, by slug."""
    parts = entry.rel_path.split("/")
    folders = parts[:-1]
    if entry.lang_source == "folder" and entry.lang is not None:
        # The nearest folder named like the language (as the index read it) is dropped.
        for i in range(len(folders) - 1, -1, -1):
            if folders[i].lower() == entry.lang:
                folders = folders[:i] + folders[i + 1 :]
                break
    if folders and folders[-1] == entry.slug:
        folders = folders[:-1]  # a page bundle: `<slug>/index.ko.md`
    if entry.family_id is not None:
        return "/".join([*folders, "#" + entry.family_id])
    return "/".join([*folders, entry.slug])


@dataclass(frozen=True)
class Family:
    """One post in every language the site has it in."""

    key: str  # e.g. "src/content/blog/my-post"
    slug: str
    section: str  # the key's folder: families of one section expect the same languages
    posts: tuple[PostEntry, ...]  # in the site's language order; posts without one last
    missing: tuple[str, ...] = ()  # languages the section expects and this family lacks

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages present, in the site's order."""
        return tuple(dict.fromkeys(p.lang for p in self.posts if p.lang is not None))

    def post(self, lang: str | None) -> PostEntry | None:
        """The post in lang (the first one, when a language has two files)."""
        return next((p for p in self.posts if p.lang == lang), None)

    def title(self, prefer: Sequence[str | None] = ()) -> str:
        """The title to show: in the first preferred language that has one, else any."""
        for lang in (*prefer, *(p.lang for p in self.posts)):
            entry = self.post(lang)
            if entry is not None and entry.title and entry.title.strip():
                return entry.title.strip()
        return self.slug


@dataclass
class SiteFamilies:
    """Every family of a site, and the site's languages in their order."""

    languages: tuple[str, ...] = ()
    families: list[Family] = field(default_factory=list)
    _by_path: dict[Path, Family] = field(default_factory=dict, repr=False)
    _by_key: dict[str, Family] = field(default_factory=dict, repr=False)

    @property
    def multilingual(self) -> bool:
        """True when the site has more than one language: only then are badges shown."""
        return len(self.languages) > 1

    def of(self, path: Path) -> Family | None:
        """The family a post belongs to."""
        return self._by_path.get(Path(os.path.abspath(path)))

    def get(self, key: str) -> Family | None:
        """The family with this key."""
        return self._by_key.get(key)

    def siblings(self, path: Path) -> list[PostEntry]:
        """The other language versions of a post, in the site's language order."""
        family = self.of(path)
        if family is None:
            return []
        me = Path(os.path.abspath(path))
        return [p for p in family.posts if p.path != me]


def _language_order(entries: Sequence[PostEntry], preferred: Sequence[str]) -> tuple[str, ...]:
    counts = Counter(e.lang for e in entries if e.lang is not None)
    listed = [lang for lang in preferred if lang in counts]
    # The rest: most used first (the source language usually has the most posts).
    rest = sorted((lang for lang in counts if lang not in listed), key=lambda k: (-counts[k], k))
    return (*listed, *rest)


def group_families(entries: Iterable[PostEntry], preferred: Sequence[str] = ()) -> SiteFamilies:
    """Group posts into families; preferred (e.g. from `.postdesk.json`) orders languages."""
    listed = list(entries)
    languages = _language_order(listed, [lang.lower() for lang in preferred])
    rank = {lang: i for i, lang in enumerate(languages)}
    grouped: dict[str, list[PostEntry]] = defaultdict(list)
    for entry in listed:
        grouped[family_key(entry)].append(entry)
    sections: dict[str, list[str]] = defaultdict(list)
    for key in grouped:
        sections[key.rpartition("/")[0]].append(key)
    result = SiteFamilies(languages)
    for section, keys in sections.items():
        share = Counter(lang for key in keys for lang in {e.lang for e in grouped[key]})
        expected = [
            lang
            for lang in languages
            if len(languages) > 1 and share[lang] > EXPECTED_SHARE * len(keys)
        ]
        for key in keys:
            posts = sorted(
                grouped[key],
                key=lambda e: (rank.get(e.lang, len(rank)) if e.lang else len(rank), e.rel_path),
            )
            present = {p.lang for p in posts}
            missing = tuple(lang for lang in expected if lang not in present)
            slug = posts[0].slug
            family = Family(key, slug, section, tuple(posts), missing)
            result.families.append(family)
            result._by_key[key] = family
            for post in posts:
                result._by_path[post.path] = family
    result.families.sort(key=lambda f: f.key)
    return result


def translation_path(family: Family, lang: str) -> Path | None:
    """Where the family's post in lang belongs, following how its siblings are named.

    None when no sibling says how languages are told apart (a family of one untranslated
    post in a site whose languages come from a `lang` field names no file for the others).
    """
    for source in family.posts:
        if source.lang is None or source.lang_source is None:
            continue
        path = source.path
        if source.lang_source == "folder":
            parts = list(path.parts)
            for i in range(len(parts) - 2, -1, -1):
                if parts[i].lower() == source.lang:
                    parts[i] = lang
                    return Path(*parts)
        elif source.lang_source == "suffix":
            name = path.name
            lowered = name.lower()
            suffix = next((s for s in POST_SUFFIXES if lowered.endswith(s)), path.suffix)
            stem = name[: -len(suffix)]
            base, _dot, _old = stem.rpartition(".")
            return path.with_name(f"{base}.{lang}{suffix}")
        elif source.lang_source == "field":
            # The new file says its language by suffix; the key still matches its siblings.
            return path.with_name(f"{path.stem}.{lang}{path.suffix}")
    return None
