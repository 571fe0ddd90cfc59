"""Tags across the workspace: counts for completion, and near-duplicates to warn about."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from editor.core.workspace.entries import PostEntry

_SEPARATORS = re.compile(r"[\s_\-.]+")


def tag_counts(entries: Iterable[PostEntry]) -> Counter[str]:
    """How many posts use each tag."""
    counts: Counter[str] = Counter()
    for entry in entries:
        counts.update(set(entry.tags))
    return counts


def tag_key(tag: str) -> str:
    """The form two tags share when they differ only by case or hyphenation."""
    return _SEPARATORS.sub("", tag.casefold())


def similar_tags(tag: str, known: Iterable[str]) -> list[str]:
    """Known tags that differ from tag only by case or separators (never tag itself)."""
    key = tag_key(tag)
    return sorted({other for other in known if other != tag and tag_key(other) == key})
