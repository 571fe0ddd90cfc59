"""Shared fields: values a family's language versions hold in common, and carrying edits to them.

A site's translations repeat some fields (`pubDate`, `heroImage`, often `relatedPosts`).
Which ones is learned from the families themselves (or set in `.postdesk.json`); an edit of
such a field in the open post is then planned for each sibling file as its own minimal
patch, applied through storage, and can be undone while the files are as we left them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from editor.core.frontmatter.edit import entry_source
from editor.core.frontmatter.parse import parse_frontmatter
from editor.core.frontmatter.requests import (
    DeleteValue,
    EditRequest,
    ReplaceEntry,
    SetValue,
    apply_request,
)
from editor.core.frontmatter.text_patch import PatchError
from editor.core.storage import (
    StorageError,
    TextFile,
    bytes_digest,
    decode_bytes,
    encode_text,
    file_digest,
    write_text_file,
)
from editor.core.workspace.entries import value_digest
from editor.core.workspace.families import Family

__all__ = [
    "AppliedChange",
    "FieldEdit",
    "SharedApplied",
    "SiblingChange",
    "SiblingPlan",
    "SiblingSkip",
    "UndoResult",
    "apply_plan",
    "apply_to_siblings",
    "field_edit",
    "learn_shared_fields",
    "plan_sibling",
    "plan_siblings",
    "shared_fields_for",
    "top_level_key",
    "undo_applied",
]

SHARED_SHARE = 0.9  # a field is shared when it is equal in this share of families
MIN_FAMILIES = 3  # fewer families than this say nothing: a tiny site learns no noise
_EPSILON = 1e-9  # 9 of 10 is 0.9, even where 0.9 * 10 is not 9 in floating point


def learn_shared_fields(
    families: Iterable[Family], threshold: float = SHARED_SHARE, min_families: int = MIN_FAMILIES
) -> tuple[str, ...]:
    """The top-level fields equal across a family's posts in >= threshold of the families.

    A family counts for a field when at least two of its posts have the field; a field
    needs min_families such families before it is learned at all.
    """
    seen: dict[str, int] = {}
    equal: dict[str, int] = {}
    for family in families:
        if len(family.posts) < 2:
            continue
        # key -> [its first digest, posts holding it, still all equal]
        held: dict[str, list[Any]] = {}
        for post in family.posts:
            for key, digest in post.fields.items():
                slot = held.get(key)
                if slot is None:
                    held[key] = [digest, 1, True]
                else:
                    slot[1] += 1
                    if slot[2] and slot[0] != digest:
                        slot[2] = False
        for key, (_first, holders, same) in held.items():
            if holders < 2:
                continue
            seen[key] = seen.get(key, 0) + 1
            if same:
                equal[key] = equal.get(key, 0) + 1
    return tuple(
        key
        for key, count in seen.items()
        if count >= min_families and equal.get(key, 0) / count >= threshold - _EPSILON
    )


def shared_fields_for(
    families: Iterable[Family], configured: Sequence[str] | None
) -> tuple[str, ...]:
    """The site's shared fields: the configured ones when the site names them, else learned."""
    if configured is not None:
        return tuple(configured)
    return learn_shared_fields(families)


def top_level_key(request: EditRequest) -> str:
    """The top-level frontmatter key a request changes."""
    if isinstance(request, ReplaceEntry):
        return request.key
    return str(request.path[0])


# -- planning ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldEdit:
    """An edit run of one top-level field of the open post, as its siblings need to know it."""

    key: str
    requests: tuple[EditRequest, ...]  # the run, in order, as the form sent it
    old_present: bool
    old_value: Any
    new_present: bool
    new_value: Any
    new_source: str | None  # the key's lines in the open post after the run (last resort)

    @property
    def changed(self) -> bool:
        """False when the run ended where it began (nothing to offer)."""
        return (self.old_present, _digest(self.old_present, self.old_value)) != (
            self.new_present,
            _digest(self.new_present, self.new_value),
        )


def _digest(present: bool, value: Any) -> str | None:
    return value_digest(value) if present else None


def field_edit(key: str, before: str, after: str, requests: Sequence[EditRequest]) -> FieldEdit:
    """The FieldEdit of a run that turned the open post's text before into after."""
    old = parse_frontmatter(before).data
    new = parse_frontmatter(after).data
    source: str | None = None
    if key in new:
        try:
            source = entry_source(after, key)
        except PatchError:
            source = None
    return FieldEdit(
        key, tuple(requests), key in old, old.get(key), key in new, new.get(key), source
    )


@dataclass(frozen=True)
class SiblingChange:
    """One sibling file and its new text (only the field's lines differ)."""

    path: Path
    before: TextFile  # as read; its text is what undo writes back
    before_hash: bytes  # of the file's bytes when planned
    text: str


@dataclass(frozen=True)
class SiblingSkip:
    """A sibling left as it is, and why."""

    path: Path
    reason: str
    problem: bool  # True: it could not be changed; False: it already holds the value


@dataclass(frozen=True)
class SiblingPlan:
    """What applying a field edit to the siblings will do."""

    key: str
    changes: tuple[SiblingChange, ...]
    skipped: tuple[SiblingSkip, ...]


def _read(path: Path) -> tuple[TextFile, bytes]:
    try:
        data = path.read_bytes()
        info = path.stat()
    except OSError as exc:
        raise StorageError(f"could not be read ({exc.strerror or exc})") from exc
    text, encoding, bom, newline = decode_bytes(data)
    return TextFile(path, text, encoding, bom, newline, info.st_mtime_ns, len(data)), data


def _replay(text: str, requests: Sequence[EditRequest], order: list[str] | None) -> str:
    for request in requests:
        patch = apply_request(text, request, order)
        if patch is not None:
            text = patch.apply(text)
    return text


def _holds(text: str, edit: FieldEdit) -> bool:
    """True when text's frontmatter holds the run's new value (and parses)."""
    parsed = parse_frontmatter(text)
    if parsed.error is not None:
        return False
    present = edit.key in parsed.data
    return _digest(present, parsed.data.get(edit.key)) == _digest(edit.new_present, edit.new_value)


def _candidates(data: dict[str, Any], edit: FieldEdit) -> list[list[EditRequest]]:
    """The ways to carry the edit over, most faithful first."""
    ways: list[list[EditRequest]] = []
    present = edit.key in data
    if present == edit.old_present and _digest(present, data.get(edit.key)) == _digest(
        edit.old_present, edit.old_value
    ):
        # The sibling held what the open post held: the same edit gives the same value,
        # touching only what the writer touched (one list item, one nested key).
        ways.append(list(edit.requests))
    if edit.new_present:
        # The whole value, written in the sibling's own style.
        ways.append([SetValue((edit.key,), edit.new_value)])
        if present and edit.new_source is not None:
            ways.append([ReplaceEntry(edit.key, edit.new_source)])
    else:
        ways.append([DeleteValue((edit.key,))])
    return ways


def plan_sibling(
    path: Path, edit: FieldEdit, key_order: list[str] | None = None
) -> SiblingChange | SiblingSkip:
    """Plan one sibling: its new text, or why it stays as it is."""
    try:
        before, data = _read(path)
    except StorageError as exc:
        return SiblingSkip(path, str(exc), True)
    if encode_text(before.text, before) != data:
        # Mixed newline styles: writing through storage would rewrite other lines too.
        return SiblingSkip(path, "it mixes newline styles; change it in the editor", True)
    parsed = parse_frontmatter(before.text)
    if parsed.error is not None:
        err = parsed.error
        reason = f"its frontmatter is not valid YAML (line {err.line}): {err.message}"
        return SiblingSkip(path, reason, True)
    if parsed.block is None:
        return SiblingSkip(path, "it has no frontmatter", True)
    if parsed.block.kind != "yaml":
        return SiblingSkip(path, "its frontmatter is TOML; change it in the editor", True)
    present = edit.key in parsed.data
    if _digest(present, parsed.data.get(edit.key)) == _digest(edit.new_present, edit.new_value):
        return SiblingSkip(path, "it already has this value", False)
    refusal = "the field could not be changed there"
    for way in _candidates(parsed.data, edit):
        try:
            text = _replay(before.text, way, key_order)
        except (PatchError, LookupError, TypeError, ValueError) as exc:
            refusal = str(exc) or refusal
            continue
        if _holds(text, edit):
            return SiblingChange(path, before, bytes_digest(data), text)
    return SiblingSkip(path, refusal, True)


def plan_siblings(
    paths: Iterable[Path], edit: FieldEdit, key_order: list[str] | None = None
) -> SiblingPlan:
    """Plan the edit for every sibling file, read from disk now."""
    changes: list[SiblingChange] = []
    skipped: list[SiblingSkip] = []
    for path in paths:
        outcome = plan_sibling(path, edit, key_order)
        if isinstance(outcome, SiblingChange):
            changes.append(outcome)
        else:
            skipped.append(outcome)
    return SiblingPlan(edit.key, tuple(changes), tuple(skipped))


# -- applying and undoing -------------------------------------------------------------------


@dataclass(frozen=True)
class AppliedChange:
    """A sibling we wrote: its previous file (to restore) and the hash of what we wrote."""

    path: Path
    before: TextFile
    written_hash: bytes | None


@dataclass(frozen=True)
class SharedApplied:
    """The outcome of applying a plan: the files written, and the ones left alone (why)."""

    key: str
    written: tuple[AppliedChange, ...]
    skipped: tuple[SiblingSkip, ...]


def apply_plan(plan: SiblingPlan) -> SharedApplied:
    """Write each planned sibling through storage; a file changed since planning is left alone."""
    written: list[AppliedChange] = []
    skipped = list(plan.skipped)
    for change in plan.changes:
        if file_digest(change.path) != change.before_hash:
            skipped.append(SiblingSkip(change.path, "it changed on disk meanwhile", True))
            continue
        try:
            write_text_file(change.path, change.text, change.before)
        except StorageError as exc:
            skipped.append(SiblingSkip(change.path, str(exc), True))
            continue
        after = file_digest(change.path)
        written.append(AppliedChange(change.path, change.before, after))
    return SharedApplied(plan.key, tuple(written), tuple(skipped))


def apply_to_siblings(
    paths: Iterable[Path], edit: FieldEdit, key_order: list[str] | None = None
) -> SharedApplied:
    """Plan and apply in one go (the worker's job): read, patch and write each sibling."""
    return apply_plan(plan_siblings(paths, edit, key_order))


@dataclass(frozen=True)
class UndoResult:
    """The siblings restored, and the ones left alone because they changed meanwhile."""

    restored: tuple[Path, ...]
    left: tuple[SiblingSkip, ...]


def undo_applied(applied: SharedApplied) -> UndoResult:
    """Restore each written sibling's previous bytes if it is still exactly as we wrote it."""
    restored: list[Path] = []
    left: list[SiblingSkip] = []
    for change in applied.written:
        now = file_digest(change.path)
        if now is None or now != change.written_hash:
            left.append(SiblingSkip(change.path, "it changed after the field was applied", True))
            continue
        try:
            write_text_file(change.path, change.before.text, change.before)
        except StorageError as exc:
            left.append(SiblingSkip(change.path, str(exc), True))
            continue
        restored.append(change.path)
    return UndoResult(tuple(restored), tuple(left))
