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


def trimmed_patch(old: str, new: str, at: int) -> TextPatch | None:
    """The patch turning `old` (found at offset `at`) into `new`, cut to the changed chars."""
    # Trimming keeps the editor's undo step and the diff as small as the real change.
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    if prefix == len(old) == len(new):
        return None
    return TextPatch(at + prefix, at + len(old) - suffix, new[prefix : len(new) - suffix])
