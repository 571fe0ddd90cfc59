"""A replacement of one span of the editor text, and the error when none can be made."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["PatchError", "TextPatch", "trimmed_patch"]


class PatchError(Exception):
    """A frontmatter edit that cannot be made as a minimal patch; message a user can read."""


@dataclass(frozen=True)
class TextPatch:
    """Replace text[start:end] by `text` (str offsets into the editor text)."""

    start: int
    end: int
    text: str

    def apply(self, text: str) -> str:
        """Return `text` with the patch applied."""
        return text[: self.start] + self.text + text[self.end :]


_CHUNK = 4096


def _common_prefix(a: str, b: str) -> int:
    """Length of the common start of a and b; compares in C-speed chunks (posts can be MBs)."""
    limit = min(len(a), len(b))
    i = 0
    while i < limit and a[i : i + _CHUNK] == b[i : i + _CHUNK]:
        i += _CHUNK
    i = min(i, limit)
    while i < limit and a[i] == b[i]:
        i += 1
    return i


def _common_suffix(a: str, b: str, limit: int) -> int:
    """Length of the common end of a and b, at most limit characters."""
    n = 0
    la, lb = len(a), len(b)
    while (
        n < limit
        and a[max(la - n - _CHUNK, la - limit) : la - n]
        == b[max(lb - n - _CHUNK, lb - limit) : lb - n]
    ):
        n = min(n + _CHUNK, limit)
    while n < limit and a[la - 1 - n] == b[lb - 1 - n]:
        n += 1
    return n


def trimmed_patch(old: str, new: str, at: int = 0) -> TextPatch | None:
    """The patch turning `old` (found at offset `at`) into `new`, cut to the changed chars."""
    # Trimming keeps the editor's undo step and the diff as small as the real change.
    if old == new:
        return None
    prefix = _common_prefix(old, new)
    suffix = _common_suffix(old, new, min(len(old), len(new)) - prefix)
    return TextPatch(at + prefix, at + len(old) - suffix, new[prefix : len(new) - suffix])
