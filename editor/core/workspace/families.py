"""Families: the language versions of one post, grouped, with the languages they lack."""

from __future__ import annotations

import bisect
import functools
import itertools
import os
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from editor.core.workspace.entries import PostEntry
from editor.core.workspace.site import POST_SUFFIXES

__all__ = [
    "Family",
    "SiteFamilies",
    "family_key",
    "group_families",
    "regroup_families",
    "translation_path",
]

# A section expects a language when more than this share of its families have it: one stray
# translation does not mark every other post of the section as missing it.
EXPECTED_SHARE = 0.5
_SERIALS = itertools.count(1)
_SINCE_KEPT = 7  # earlier versions a regroup keeps its changes against


def family_key(entry: PostEntry) -> str:
    """What a post's language versions share: its path without the language, by slug."""
    folder = entry.rel_path.rpartition("/")[0]
    if entry.lang_source == "folder" and entry.lang is not None:
        folder = _without_language(folder, entry.lang)
    if folder == entry.slug:
        folder = ""  # a page bundle: `<slug>/index.ko.md`
    elif folder.endswith("/" + entry.slug):
        folder = folder[: -len(entry.slug) - 1]
    name = entry.slug if entry.family_id is None else "#" + entry.family_id
    return f"{folder}/{name}" if folder else name


@functools.lru_cache(maxsize=4096)
def _without_language(folder: str, lang: str) -> str:
    """folder without its nearest part named like lang (as the index read it): a site's
    20,000 posts sit in a few hundred folders, so each is cut once."""
    parts = folder.split("/")
    for i in range(len(parts) - 1, -1, -1):
        if parts[i].lower() == lang:
            del parts[i]
            break
    return "/".join(parts)


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
        first: dict[str | None, PostEntry] = {}  # each language's first post, as post() finds
        for post in self.posts:
            first.setdefault(post.lang, post)
        for lang in (*prefer, *first):
            entry = first.get(lang)
            if entry is not None and entry.title and entry.title.strip():
                return entry.title.strip()
        return self.slug


@dataclass
class SiteFamilies:
    """Every family of a site, and the site's languages in their order."""

    languages: tuple[str, ...] = ()
    families: list[Family] = field(default_factory=list)
    # None until first asked for, when group_families was told paths_later.
    _by_path: dict[Path, Family] | None = field(default=None, repr=False, compare=False)
    _by_key: dict[str, Family] = field(default_factory=dict, repr=False)
    # What an incremental regroup needs: posts per language, the preferred order asked for,
    # and per section its family count and how many of its families have each language.
    _lang_counts: Counter[str] = field(default_factory=Counter, repr=False)
    _preferred: tuple[str, ...] = field(default=(), repr=False)
    _share: dict[str, Counter[str]] = field(default_factory=dict, repr=False)
    # Which version this is, and for the few versions it was regrouped from, the keys of
    # the families added, replaced or removed since each: a view showing one of them
    # follows the change, not the whole site (a burst is several regroups shown as one).
    serial: int = field(default_factory=lambda: next(_SERIALS), repr=False, compare=False)
    since: dict[int, frozenset[str]] = field(default_factory=dict, repr=False, compare=False)

    @property
    def multilingual(self) -> bool:
        """True when the site has more than one language: only then are badges shown."""
        return len(self.languages) > 1

    def of(self, path: Path) -> Family | None:
        """The family a post belongs to."""
        return self._paths().get(Path(os.path.abspath(path)))

    def _paths(self) -> dict[Path, Family]:
        if self._by_path is None:
            self._by_path = {post.path: f for f in self.families for post in f.posts}
        return self._by_path

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
    return _language_order_of(Counter(e.lang for e in entries if e.lang is not None), preferred)


def _language_order_of(counts: Counter[str], preferred: Sequence[str]) -> tuple[str, ...]:
    listed = [lang for lang in preferred if lang in counts]
    # The rest: most used first (the source language usually has the most posts).
    rest = sorted((lang for lang in counts if lang not in listed), key=lambda k: (-counts[k], k))
    return (*listed, *rest)


def _expected(languages: Sequence[str], share: Counter[str], families: int) -> list[str]:
    """The languages a section expects: those most of its families have."""
    if len(languages) < 2:
        return []
    return [lang for lang in languages if share[lang] > EXPECTED_SHARE * families]


def _family(
    key: str, members: Sequence[PostEntry], rank: dict[str, int], expected: Sequence[str]
) -> Family:
    posts = sorted(
        members,
        key=lambda e: (rank.get(e.lang, len(rank)) if e.lang else len(rank), e.rel_path),
    )
    present = {p.lang for p in posts}
    missing = tuple(lang for lang in expected if lang not in present)
    return Family(key, posts[0].slug, key.rpartition("/")[0], tuple(posts), missing)


def _lang_set(posts: Iterable[PostEntry]) -> set[str | None]:
    return {p.lang for p in posts}


def group_families(
    entries: Iterable[PostEntry], preferred: Sequence[str] = (), paths_later: bool = False
) -> SiteFamilies:
    """Group posts into families; preferred (e.g. from `.postdesk.json`) orders languages.

    paths_later leaves the lookup of a post's family to be built when first asked for (a
    large site's first listing shows sooner); else it is built here, off the UI thread.
    """
    listed = list(entries)
    wanted = tuple(lang.lower() for lang in preferred)
    languages = _language_order(listed, wanted)
    rank = {lang: i for i, lang in enumerate(languages)}
    grouped: dict[str, list[PostEntry]] = defaultdict(list)
    for entry in listed:
        grouped[family_key(entry)].append(entry)
    sections: dict[str, list[str]] = defaultdict(list)
    for key in grouped:
        sections[key.rpartition("/")[0]].append(key)
    result = SiteFamilies(languages, _preferred=wanted)
    result._lang_counts = Counter(e.lang for e in listed if e.lang is not None)
    for section, keys in sections.items():
        share: Counter[str] = Counter()
        for key in keys:
            share.update(lang for lang in _lang_set(grouped[key]) if lang is not None)
        share["\0families"] = len(keys)  # not a language: the section's family count
        result._share[section] = share
        expected = _expected(languages, share, len(keys))
        for key in keys:
            family = _family(key, grouped[key], rank, expected)
            result.families.append(family)
            result._by_key[key] = family
    result.families.sort(key=lambda f: f.key)
    if not paths_later:
        result._paths()
    return result


def regroup_families(
    previous: SiteFamilies,
    updated: Sequence[PostEntry],
    removed: Sequence[Path],
    preferred: Sequence[str] = (),
) -> SiteFamilies | None:
    """previous after posts were updated and removed, regrouping only the families touched.

    previous is left as it was (the window may still show it). None when the change reorders
    the site's languages, which reorders every family: group the whole index again then.
    """
    wanted = tuple(lang.lower() for lang in preferred)
    if wanted != previous._preferred:
        return None
    gone = {Path(os.path.abspath(path)) for path in removed}
    gone.update(entry.path for entry in updated)
    old_families: dict[str, Family] = {}
    for path in gone:
        family = previous._paths().get(path)
        if family is not None:
            old_families[family.key] = family
    counts = previous._lang_counts.copy()
    members: dict[str, list[PostEntry]] = {}
    for key, family in old_families.items():
        members[key] = [p for p in family.posts if p.path not in gone]
        counts.subtract(p.lang for p in family.posts if p.lang is not None and p.path in gone)
    for entry in updated:
        members.setdefault(family_key(entry), []).append(entry)
        if entry.lang is not None:
            counts[entry.lang] += 1
    counts = +counts  # drop languages no post has any more
    for key in members:
        if key not in old_families and key in previous._by_key:
            # A family gaining a post: its other posts stay.
            old_families[key] = previous._by_key[key]
            members[key] = [*previous._by_key[key].posts, *members[key]]
    languages = _language_order_of(counts, wanted)
    if languages != previous.languages:
        return None
    rank = {lang: i for i, lang in enumerate(languages)}
    by_path = dict(previous._paths())
    result = SiteFamilies(
        languages,
        list(previous.families),
        by_path,
        dict(previous._by_key),
        counts,
        wanted,
        dict(previous._share),
    )
    touched_sections: set[str] = set()
    for key, posts in members.items():
        section = key.rpartition("/")[0]
        share = result._share[section] = result._share.get(section, Counter()).copy()
        old = old_families.get(key)
        if old is not None:
            share.subtract(lang for lang in _lang_set(old.posts) if lang is not None)
            share["\0families"] -= 1
        if posts:
            share.update(lang for lang in _lang_set(posts) if lang is not None)
            share["\0families"] += 1
        touched_sections.add(section)
    for section in touched_sections:
        before = previous._share.get(section, Counter())
        after = result._share[section]
        old_expected = _expected(languages, before, before["\0families"])
        new_expected = _expected(languages, after, after["\0families"])
        if old_expected != new_expected:
            # The section's expectation moved: every family of it may lack another language.
            for family in previous.families:
                if family.section == section and family.key not in members:
                    members[family.key] = list(family.posts)
                    old_families.setdefault(family.key, family)
    for key in members:  # all old paths first: a post may move to a family placed earlier
        old = old_families.get(key)
        for post in old.posts if old is not None else ():
            by_path.pop(post.path, None)
    for key, posts in members.items():
        old = old_families.get(key)
        section = key.rpartition("/")[0]
        share = result._share[section]
        family = (
            _family(key, posts, rank, _expected(languages, share, share["\0families"]))
            if posts
            else None
        )
        _place(result.families, old, family)
        if family is None:
            result._by_key.pop(key, None)
            continue
        result._by_key[key] = family
        for post in family.posts:
            by_path[post.path] = family
    touched = frozenset(members)
    result.since = {previous.serial: touched}
    for serial, earlier in list(previous.since.items())[-_SINCE_KEPT:]:
        if len(earlier) + len(touched) <= len(result._by_key):  # else arranging anew is as quick
            result.since[serial] = earlier | touched
    return result


def _place(families: list[Family], old: Family | None, new: Family | None) -> None:
    """Swap old for new in the key-sorted list (either may be None)."""
    if old is not None:
        at = bisect.bisect_left(families, old.key, key=lambda f: f.key)
        if new is not None and new.key == old.key:
            families[at] = new
            return
        del families[at]
    if new is not None:
        bisect.insort(families, new, key=lambda f: f.key)


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
