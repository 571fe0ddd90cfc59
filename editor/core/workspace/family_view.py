"""What the Posts tree shows by post: families sorted, filtered and grouped by section."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import Enum

from editor.core.workspace.families import Family, SiteFamilies
from editor.core.workspace.index import PostEntry

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


class Arranger:
    """Sorts and filters one SiteFamilies; keeps the match text of each family between queries."""

    def __init__(self, families: SiteFamilies, previous: Arranger | None = None) -> None:
        self.families = families
        self.sections = len({family.section for family in families.families})
        # Match text and title sort keys, computed once per family: a keystroke in the
        # filter, or a regroup after one file changed, does not normalize 5,000 titles again.
        self._haystacks: _Cache = previous._haystacks if previous else {}
        self._titles: dict[tuple[str, ...], _Cache] = previous._titles if previous else {}

    def arrange(self, query: FamilyQuery, prefer: Sequence[str] = ()) -> list[Section]:
        """The families query lets through, sorted, by section (sections by name)."""
        needle = normalize(query.text.strip())
        by_section: dict[str, list[Family]] = {}
        for family in self.families.families:
            if _admits(family, query, needle, self._haystacks):
                by_section.setdefault(family.section, []).append(family)
        return [
            Section(name, self._sorted(members, query.sort, tuple(prefer)))
            for name, members in sorted(by_section.items())
        ]

    def _sorted(
        self, families: list[Family], sort: SortKey, prefer: tuple[str, ...]
    ) -> list[Family]:
        if sort is SortKey.SLUG:
            return sorted(families, key=lambda f: (f.slug.casefold(), f.key))
        if sort is SortKey.DATE:
            dates = [(family_date(f), f) for f in families]
            dated = [(d, f.key, f) for d, f in dates if d]
            dated.sort(key=lambda t: (t[0], t[1]), reverse=True)
            undated = sorted((f for d, f in dates if not d), key=lambda f: f.key)
            return [f for _d, _k, f in dated] + undated
        titles = self._titles.setdefault(prefer, {})

        def title(family: Family) -> str:
            return normalize(family.title(prefer))

        keyed = [(_cached(titles, f, title), f.key, f) for f in families]
        keyed.sort(key=lambda t: (t[0], t[1]))
        return [f for _t, _k, f in keyed]


def arrange(
    families: SiteFamilies, query: FamilyQuery, prefer: Sequence[str] = ()
) -> list[Section]:
    """The families query lets through, sorted, grouped by section (sections by name)."""
    return Arranger(families).arrange(query, prefer)
