"""Renaming a post's slug: its files, and every slug reference and link to it in the workspace."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from editor.core.frontmatter.block import find_block
from editor.core.frontmatter.parse import parse_frontmatter
from editor.core.storage import StorageError, read_text_file, write_text_file
from editor.core.workspace.entries import PostEntry
from editor.core.workspace.families import Family
from editor.core.workspace.links import resolve_link
from editor.core.workspace.new_post import path_with_slug
from editor.core.workspace.site import POST_SUFFIXES

__all__ = ["FileEdit", "LineChange", "Move", "RenamePlan", "apply_rename", "plan_rename"]

# Link targets in Markdown (inline links and images), reference definitions and raw HTML.
_LINKS = re.compile(
    r"""(?:\]\(\s*<?|^[ \t]{0,3}\[[^\]]+\]:[ \t]*<?|\b(?:href|src)=["'])([^\s)>"']+)""",
    re.MULTILINE,
)
_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")


@dataclass(frozen=True)
class LineChange:
    """One changed line of a file (1-based line number)."""

    line: int
    old: str
    new: str


@dataclass(frozen=True)
class FileEdit:
    """A file whose text changes, with the text the plan was made from."""

    path: Path
    old_text: str
    new_text: str
    changes: tuple[LineChange, ...]


@dataclass(frozen=True)
class Move:
    """A file or a bundle folder that gets a new name."""

    old: Path
    new: Path


@dataclass(frozen=True)
class RenamePlan:
    """Everything a slug rename changes; nothing is written until apply_rename."""

    old_slug: str
    new_slug: str
    moves: tuple[Move, ...]
    edits: tuple[FileEdit, ...]

    def moved(self, path: Path) -> Path:
        """Where a file is after the rename."""
        for move in self.moves:
            if path == move.old:
                return move.new
            if move.old in path.parents:
                return move.new / path.relative_to(move.old)
        return path


def _moves(family: Family, new_slug: str) -> list[Move]:
    moves: dict[Path, Path] = {}
    for post in family.posts:
        target = path_with_slug(post, new_slug)
        if target.name == post.path.name:  # a bundle: the folder moves, with its images
            moves[post.path.parent] = target.parent
        else:
            moves[post.path] = target
    return [Move(old, new) for old, new in moves.items()]


def _refers(item: Any, slug: str) -> bool:
    if isinstance(item, str):
        return item == slug
    return isinstance(item, dict) and item.get("slug") == slug


def _frontmatter_edits(text: str, old: str, new: str) -> list[tuple[int, str]]:
    """(line index, new line) for each list item of the frontmatter naming slug old."""
    parsed = parse_frontmatter(text)
    block = parsed.block
    if block is None or parsed.error is not None:
        return []
    keys = {
        k for k, v in parsed.data.items() if isinstance(v, list) and any(_refers(i, old) for i in v)
    }
    if not keys:
        return []
    lines = text.split("\n")
    start, end = block.body_first_line, block.body_first_line + block.body_line_count
    quoted = rf"(?P<q>['\"]?){re.escape(old)}(?P=q)"
    item = re.compile(rf"^(\s*-\s+(?:slug\s*:\s*)?){quoted}(?P<tail>\s*(?:#.*)?)$")
    nested = re.compile(rf"^(\s+slug\s*:\s*){quoted}(?P<tail>\s*(?:#.*)?)$")
    flow = re.compile(rf"(?<=[\[,])(\s*){quoted}(?=\s*[\],])")
    out: list[tuple[int, str]] = []
    current: str | None = None
    for i in range(start, end):
        line = lines[i]
        top = re.match(r"^([A-Za-z_][\w-]*)\s*:(.*)$", line)
        if top:
            current = top.group(1)
            if current in keys and "[" in top.group(2):
                changed = flow.sub(lambda m: f"{m.group(1)}{m['q']}{new}{m['q']}", line)
                if changed != line:
                    out.append((i, changed))
            continue
        if current not in keys:
            continue
        for pattern in (item, nested):
            match = pattern.match(line)
            if match:
                q = match["q"]
                out.append((i, f"{match.group(1)}{q}{new}{q}{match['tail']}"))
                break
    return out


# Stands for the new slug while a link is rebuilt, so a slug that is a substring of the
# path (`a` in `a/a.md`) is replaced only where it was found.
NEW_SLUG_MARK = "\x00slug\x00"


def _link_target(
    href: str, post: Path, old: str, family_paths: set[Path], entries: Sequence[PostEntry]
) -> str | None:
    """href pointing at the renamed post, rewritten; None when it points elsewhere."""
    base, sep, anchor = href.partition("#")
    if "://" in base or base.startswith(("mailto:", "//")) or not base:
        return None
    if base.lower().endswith(POST_SUFFIXES) and not base.startswith("/"):
        target = Path(os.path.normpath(post.parent / unquote(base)))
        if target not in family_paths:
            return None
        head, slash, name = base.rpartition("/")
        if name.startswith(old + "."):
            name = NEW_SLUG_MARK + name[len(old) :]
        elif head.rpartition("/")[2] == old:  # a bundle's `../old/index.md`
            head = head[: -len(old)] + NEW_SLUG_MARK
        return head + slash + name + sep + anchor
    segments = base.rstrip("/").split("/")
    if segments[-1] != old:
        return None
    # A route like /blog/old/ or /ko/blog/old: it must lead to this family, not a namesake.
    found = resolve_link(base, post, entries)
    if found.kind != "post" or found.path not in family_paths:
        return None
    trailing = "/" if base.endswith("/") else ""
    return "/".join([*segments[:-1], NEW_SLUG_MARK]) + trailing + sep + anchor


def _body_edits(
    text: str, post: Path, old: str, new: str, family_paths: set[Path], entries: Sequence[PostEntry]
) -> list[tuple[int, str]]:
    block = find_block(text)
    lines = text.split("\n")
    first = text.count("\n", 0, block.end) if block is not None else 0
    out: list[tuple[int, str]] = []
    fence: str | None = None
    for i in range(first, len(lines)):
        line = lines[i]
        marker = _FENCE.match(line)
        if marker:
            mark = marker.group(1)
            if fence is None:
                fence = mark
            elif mark[0] == fence[0] and len(mark) >= len(fence):
                fence = None
            continue
        if fence is not None or old not in line:
            continue

        def swap(match: re.Match[str]) -> str:
            href = match.group(1)
            changed = _link_target(href, post, old, family_paths, entries)
            if changed is None:
                return match.group(0)
            return match.group(0).replace(href, changed.replace(NEW_SLUG_MARK, new), 1)

        changed = _LINKS.sub(swap, line)
        if changed != line:
            out.append((i, changed))
    return out


def plan_rename(
    family: Family,
    new_slug: str,
    entries: Sequence[PostEntry],
    texts: dict[Path, str] | None = None,
) -> RenamePlan:
    """Every file move and line change renaming family's slug to new_slug takes."""
    old = family.slug
    moves = _moves(family, new_slug)
    for move in moves:
        if os.path.lexists(move.new):
            raise StorageError(f"{move.new} already exists.")
    family_paths = {p.path for p in family.posts}
    edits: list[FileEdit] = []
    for entry in entries:
        try:
            text = (texts or {}).get(entry.path) or read_text_file(entry.path).text
        except StorageError:
            continue
        if old not in text:
            continue
        changed = _frontmatter_edits(text, old, new_slug)
        changed += _body_edits(text, entry.path, old, new_slug, family_paths, entries)
        if not changed:
            continue
        lines = text.split("\n")
        result = list(lines)
        for i, line in changed:
            result[i] = line
        edits.append(
            FileEdit(
                entry.path,
                text,
                "\n".join(result),
                tuple(LineChange(i + 1, lines[i], line) for i, line in sorted(changed)),
            )
        )
    return RenamePlan(old, new_slug, tuple(moves), tuple(edits))


def apply_rename(plan: RenamePlan) -> None:
    """Write the plan: every edit (refused if a file changed since the plan), then the moves."""
    files = []
    for edit in plan.edits:
        current = read_text_file(edit.path)
        if current.text != edit.old_text:
            raise StorageError(f"{edit.path} changed since the rename was planned; nothing done.")
        files.append((edit, current))
    for move in plan.moves:
        if os.path.lexists(move.new):
            raise StorageError(f"{move.new} already exists; nothing done.")
    for edit, current in files:
        write_text_file(edit.path, edit.new_text, like=current)
    for move in plan.moves:
        try:
            move.new.parent.mkdir(parents=True, exist_ok=True)
            os.rename(move.old, move.new)
        except OSError as exc:
            raise StorageError(f"Could not rename {move.old} to {move.new}: {exc}") from exc
