"""What the frontmatter property tests share."""

from __future__ import annotations


def assert_outside_lines_unchanged(old: str, new: str, first: int, last: int) -> None:
    """Every line before `first` and after `last` (0-based, of old) is kept as it was."""
    a, b = old.split("\n"), new.split("\n")
    after = len(a) - last - 1
    assert b[:first] == a[:first]
    assert b[len(b) - after :] == a[len(a) - after :]
