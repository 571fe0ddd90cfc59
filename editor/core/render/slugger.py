"""Heading ids exactly as the site makes them (github-slugger, as used by Astro)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# github-slugger strips these Unicode general categories: other numbers, all punctuation but
# connector punctuation (so "_" stays), all symbols, controls, private use, format,
# unassigned, and all separators. "-" and " " are exempt ("-" stays, " " becomes "-").
_REMOVED_CATEGORIES = frozenset(
    {"No", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "So"}
    | {"Cc", "Co", "Cf", "Cn", "Zs", "Zl", "Zp"}
)

# ...except code points with the Unicode "Alphabetic" property, which the slugger keeps even
# when their category is a symbol: the circled, parenthesised and squared Latin letters
# (Other_Uppercase / Other_Lowercase in PropList.txt). Everything else Alphabetic is a letter,
# mark or letter-number, which are kept anyway.
_ALPHABETIC_SYMBOL_RANGES = (
    (0x24B6, 0x24E9),
    (0x1F130, 0x1F149),
    (0x1F150, 0x1F169),
    (0x1F170, 0x1F189),
)


@lru_cache(maxsize=4096)
def _keeps(char: str) -> bool:
    """Whether github-slugger keeps this (already lower-cased) character."""
    if char in "- ":
        return True
    if unicodedata.category(char) not in _REMOVED_CATEGORIES:
        return True
    code = ord(char)
    return any(low <= code <= high for low, high in _ALPHABETIC_SYMBOL_RANGES)


def slugify(value: str) -> str:
    """Slug of `value` as github-slugger's `slug()` makes it (no de-duplication)."""
    # JavaScript's toLowerCase and Python's lower() agree, final sigma included.
    lowered = value.lower()
    return "".join(c for c in lowered if _keeps(c)).replace(" ", "-")


class Slugger:
    """Unique slugs for one document, numbered like github-slugger (-1, -2, ...)."""

    def __init__(self) -> None:
        self._occurrences: dict[str, int] = {}

    def reset(self) -> None:
        """Forget every slug given so far."""
        self._occurrences.clear()

    def slug(self, value: str) -> str:
        """Unique slug for `value`; repeats get "-1", "-2", ... appended."""
        return self.unique(slugify(value))

    def unique(self, original: str) -> str:
        """`original` (already a slug) made unique in this document, as `slug` does."""
        result = original
        while result in self._occurrences:
            self._occurrences[original] += 1
            result = f"{original}-{self._occurrences[original]}"
        self._occurrences[result] = 0
        return result

    def heading_id(self, text: str) -> str:
        """Heading id as Astro's rehypeHeadingIds makes it: the slug minus one trailing "-"."""
        # Astro trims after registering the untrimmed slug, so "a " and "a" can both give "a";
        # copied on purpose, so in-page links behave as they will on the site.
        return self.heading_id_for_slug(slugify(text))

    def heading_id_for_slug(self, slug: str) -> str:
        """`heading_id` for text whose `slugify` is already known (cached by the caller)."""
        result = self.unique(slug)
        return result[:-1] if result.endswith("-") else result


_NUMBERED_RE = re.compile(r"^(.*)-[0-9]+$")


def numbered_base(slug: str) -> str | None:
    """The slug that `unique` would number into this one ("a-2" -> "a"), else None.

    Read broadly ("a-0", or a heading that just ends in a number, count too): callers use
    it to rule out that two slugs could meet, and a false "could" only costs time.
    """
    match = _NUMBERED_RE.match(slug)
    return match.group(1) if match else None
