"""Runs of form edits: while the writer keeps typing in one field, patch the text before the run."""

from __future__ import annotations

from dataclasses import dataclass

from editor.core.frontmatter.requests import EditRequest, apply_request, merge_key
from editor.core.frontmatter.text_patch import TextPatch, trimmed_patch


@dataclass(frozen=True)
class RunPatch:
    """The patch that carries out a form edit on the current text, and the run it belongs to."""

    change: TextPatch | None  # None: the text already says it
    merge_key: str | None  # patches with the same key may join one undo step


class EditRuns:
    """Turns form edits into patches; a run of edits in one field patches the text before it.

    Each value typed into a field is patched into the text as it was before the first
    keystroke of the run, so the field's style is decided by the file, not by a passing
    state: a trailing space would otherwise quote a plain title for good. A run ends when
    another field is edited, an edit is not a plain set, or the text changed in between.
    """

    def __init__(self) -> None:
        self._key: str | None = None
        self._base = ""  # the text before the run
        self._after: str | None = None  # the text the run's last patch produced

    def patch(
        self, text: str, request: EditRequest, key_order: list[str] | None = None
    ) -> RunPatch:
        """The patch of text for request; PatchError when refused (the run stays as it was)."""
        key = merge_key(request)
        continues = key is not None and key == self._key and text == self._after
        base = self._base if continues else text
        patch = apply_request(base, request, key_order)
        target = patch.apply(base) if patch is not None else base
        self._key, self._base, self._after = key, base, target
        return RunPatch(trimmed_patch(text, target), key)
