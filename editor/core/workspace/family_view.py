"""What the Posts tree shows by post: families sorted, filtered and grouped by section."""

from __future__ import annotations

import itertools
import operator
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from editor.core.workspace.entries import PostEntry
from editor.core.workspace.families import Family, SiteFamilies

__all__ = [
    "Arranger",
    "DraftFilter",
    "FamilyQuery",
    "LangFilter",
    "Section",
    "SortKey",
    "arrange",
    "family_date",
    "is_draft",
    "normalize",
]


class SortKey(Enum):
    """How families are ordered within a section."""

    TITLE = "title"
    DATE = "date"  # newest first, undated last
    SLUG = "slug"


class DraftFilter(Enum):
    """Which families the draft flag lets through."""

    ALL = "all"
    ONLY = "only"
    HIDE = "hide"


@dataclass(frozen=True)
class LangFilter:
    """Families having (or, with missing=True, lacking) one language."""

    lang: str
    missing: bool = False


@dataclass(frozen=True)
class FamilyQuery:
    """The tree's sort and filter settings."""

    text: str = ""
    sort: SortKey = SortKey.TITLE
    drafts: DraftFilter = DraftFilter.ALL
    lang: LangFilter | None = None


@dataclass
class Section:
    """A collection folder (e.g. "src/content/blog") and its families, in display order."""

    name: str
    families: list[Family] = field(default_factory=list)


def normalize(text: str) -> str:
    """Text for matching: width-folded (NFKC) and case-folded, so `ＡＢＣ` finds `abc`."""
    return unicodedata.normalize("NFKC", text).casefold()


def is_draft(family: Family) -> bool:
    """True when any language version of the family is a draft."""
    return any(post.draft for post in family.posts)


def family_date(family: Family) -> str | None:
    """The family's publication date: that of its first post (in language order) with one."""
    return next((post.date for post in family.posts if post.date), None)


def _haystack(family: Family) -> str:
    parts = [family.slug, *(post.title or "" for post in family.posts)]
    return normalize("\n".join(parts))


# Per family key: the posts a value was computed from, and the value. A regrouped site keeps
# the PostEntry objects of unchanged posts, so one changed file recomputes one family.
_Cache = dict[str, tuple[tuple[PostEntry, ...], str]]


def _cached(cache: _Cache, family: Family, compute: Callable[[Family], str]) -> str:
    hit = cache.get(family.key)
    if hit is not None and hit[0] == family.posts:
        return hit[1]
    value = compute(family)
    cache[family.key] = (family.posts, value)
    return value


def _admits(family: Family, query: FamilyQuery, needle: str, cache: _Cache) -> bool:
    if query.drafts is not DraftFilter.ALL and is_draft(family) != (
        query.drafts is DraftFilter.ONLY
    ):
        return False
    if query.lang is not None:
        if query.lang.missing:
            if query.lang.lang not in family.missing:
                return False
        elif family.post(query.lang.lang) is None:
            return False
    return not needle or needle in _cached(cache, family, _haystack)


# A family's place in its section: ascending keys give the display order.
SortKeyValue = tuple[Any, ...]
_first = operator.itemgetter(0)
_TOP = chr(0x10FFFF)


def _descending(text: str) -> str:
    """A key that sorts texts in reverse order (a shorter text after the longer ones it
    begins), so one ascending sort can put the newest first."""
    return "".join(chr(0x10FFFF - ord(c)) for c in text) + _TOP


_versions = itertools.count(1)


@dataclass
class _Arranged:
    """The last arrangement: for which query and site version, and each section's families
    with their sort keys, both in display order."""

    query: FamilyQuery
    prefer: tuple[str, ...]
    serial: int
    keys: dict[str, list[SortKeyValue]]  # section -> sort keys
    families: dict[str, list[Family]]  # section -> families
    placed: dict[str, tuple[str, SortKeyValue]]  # family key -> (section, sort key), if shown
    version: int = field(default_factory=lambda: next(_versions))
    # The arrangement this one was followed from and, when every row kept its place and its
    # number of posts, the rows (section, row) whose family object was replaced.
    base: int = 0
    replaced: list[tuple[str, int]] | None = None


class Arranger:
    """Sorts and filters one SiteFamilies; keeps the match text of each family between queries.

    Made from the Arranger of the version a regroup started from, it places only the
    families the regroup touched: one changed file does not sort every family again on
    the UI thread.
    """

    def __init__(self, families: SiteFamilies, previous: Arranger | None = None) -> None:
        self.families = families
        self.sections = len({family.section for family in families.families})
        # Match text per family and folded titles, kept: a keystroke in the filter, or a
        # regroup that reorders every family's posts, does not normalize 5,000 titles again.
        self._haystacks: _Cache = previous._haystacks if previous else {}
        self._titles: dict[str, str] = previous._titles if previous else {}  # title -> folded
        self._last: _Arranged | None = previous._last if previous else None

    def arrange(self, query: FamilyQuery, prefer: Sequence[str] = ()) -> list[Section]:
        """The families query lets through, sorted, by section (sections by name)."""
        prefer = tuple(prefer)
        last = self._last
        if last is None or (last.query, last.prefer) != (query, prefer):
            last = None
        elif last.serial != self.families.serial:
            touched = self.families.since.get(last.serial)
            last = None if touched is None else self._follow(last, touched, query, prefer)
        if last is None:
            last = self._arrange_all(query, prefer)
        self._last = last
        return [Section(name, last.families[name]) for name in sorted(last.families)]

    @property
    def version(self) -> int:
        """Names the last arrangement (0 before the first)."""
        return self._last.version if self._last is not None else 0

    def replaced_since(self, version: int) -> list[tuple[str, int]] | None:
        """When the last arrangement has the rows of arrangement `version` (same families in
        the same places, each with as many posts), the rows (section, row) whose family
        changed; else None. A view showing `version` then refreshes those rows in place."""
        last = self._last
        if last is None:
            return None
        if last.version == version:
            return []
        return last.replaced if last.base == version else None

    def place(self, family_key: str) -> tuple[str, int] | None:
        """The section and row of a family in the last arrangement, None when not shown."""
        last = self._last
        placed = last.placed.get(family_key) if last is not None else None
        if last is None or placed is None:
            return None
        section, key = placed
        return section, bisect_left(last.keys[section], key)

    def _arrange_all(self, query: FamilyQuery, prefer: tuple[str, ...]) -> _Arranged:
        needle = normalize(query.text.strip())
        by_section: dict[str, list[tuple[SortKeyValue, Family]]] = {}
        placed: dict[str, tuple[str, SortKeyValue]] = {}
        for family in self.families.families:
            if _admits(family, query, needle, self._haystacks):
                key = self._sort_key(family, query.sort, prefer)
                placed[family.key] = (family.section, key)
                by_section.setdefault(family.section, []).append((key, family))
        keys: dict[str, list[SortKeyValue]] = {}
        families: dict[str, list[Family]] = {}
        for name, keyed in by_section.items():
            keyed.sort(key=_first)
            keys[name] = [key for key, _family in keyed]
            families[name] = [family for _key, family in keyed]
        return _Arranged(query, prefer, self.families.serial, keys, families, placed)

    def _follow(
        self, last: _Arranged, touched: frozenset[str], query: FamilyQuery, prefer: tuple[str, ...]
    ) -> _Arranged:
        """last, with the touched families taken out and put back where they now belong.

        Only the touched families get sort keys made; each section they leave or join is
        merged anew (its kept families are one sorted run, which the sort merges in linear
        time), so 10,000 new posts cost about what one does per untouched family.
        """
        needle = normalize(query.text.strip())
        placed = dict(last.placed)
        sections: set[str] = set()
        for family_key in touched:
            was = placed.pop(family_key, None)
            if was is not None:
                sections.add(was[0])
        added: dict[str, list[tuple[SortKeyValue, Family]]] = {}
        for family_key in touched:
            family = self.families.get(family_key)
            if family is None or not _admits(family, query, needle, self._haystacks):
                continue
            key = self._sort_key(family, query.sort, prefer)
            placed[family_key] = (family.section, key)
            added.setdefault(family.section, []).append((key, family))
            sections.add(family.section)
        keys, families = dict(last.keys), dict(last.families)
        for section in sections:
            pairs = [
                (key, family)
                for key, family in zip(
                    keys.get(section, ()), families.get(section, ()), strict=True
                )
                if family.key not in touched
            ]
            pairs += added.get(section, ())
            pairs.sort(key=_first)
            if pairs:
                keys[section] = [key for key, _family in pairs]
                families[section] = [family for _key, family in pairs]
            else:
                keys.pop(section, None)
                families.pop(section, None)
        arranged = _Arranged(query, prefer, self.families.serial, keys, families, placed)
        arranged.base, arranged.replaced = last.version, _replaced_rows(last, arranged, touched)
        return arranged

    def _sort_key(self, family: Family, sort: SortKey, prefer: tuple[str, ...]) -> SortKeyValue:
        """The family's place in its section: ascending keys give the display order."""
        if sort is SortKey.SLUG:
            return (family.slug.casefold(), family.key)
        if sort is SortKey.DATE:  # newest first (ties: key descending), undated last by key
            date = family_date(family)
            return (0, _descending(date), _descending(family.key)) if date else (1, family.key)
        title = family.title(prefer)
        folded = self._titles.get(title)
        if folded is None:
            folded = self._titles[title] = normalize(title)
        return (folded, family.key)


def _replaced_rows(
    last: _Arranged, now: _Arranged, touched: frozenset[str]
) -> list[tuple[str, int]] | None:
    """The rows whose family the touched ones replaced, when now has last's rows: every
    touched family shown in both, in the same section at the same row, with as many posts
    (the untouched ones then fill the other rows in the same order). Else None."""
    rows: list[tuple[str, int]] = []
    for family_key in touched:
        was, place = last.placed.get(family_key), now.placed.get(family_key)
        if was is None and place is None:
            continue  # filtered out before and after
        if was is None or place is None or was[0] != place[0]:
            return None
        section = was[0]
        before, after = last.keys[section], now.keys[section]
        row = bisect_left(before, was[1])
        if len(before) != len(after) or bisect_left(after, place[1]) != row:
            return None
        if len(now.families[section][row].posts) != len(last.families[section][row].posts):
            return None
        rows.append((section, row))
    return rows


def arrange(
    families: SiteFamilies, query: FamilyQuery, prefer: Sequence[str] = ()
) -> list[Section]:
    """The families query lets through, sorted, grouped by section (sections by name)."""
    return Arranger(families).arrange(query, prefer)
