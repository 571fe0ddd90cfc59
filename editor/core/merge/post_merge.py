"""Three-way merge of a post: the frontmatter field by field, the body line by line.

Base is the version last read from disk, mine the editor's text, theirs the file on disk
now. A top-level frontmatter key changed on one side only takes that side's lines as
written (comments and quoting included); one changed on both sides to different values
is a conflict on that key. The body is merged by line (diff3). A frontmatter that cannot
be taken apart by key (TOML, invalid YAML, duplicate or non-string keys) is merged by
line with the body. The result keeps mine's newline style and BOM unless only theirs
changed them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from editor.core.frontmatter.block import find_block
from editor.core.frontmatter.locate import children, load_tree, owned_start
from editor.core.frontmatter.parse import parse_frontmatter
from editor.core.frontmatter.text_patch import PatchError
from editor.core.merge.lines import LineConflict, merge_lines, split_lines

__all__ = ["Conflict", "MergeResult", "describe_merge", "merge_post"]

_BOM = "\ufeff"


@dataclass(frozen=True)
class Conflict:
    """A place both sides changed differently, with its three versions ("" = absent)."""

    where: str  # the frontmatter key, or "lines 12–14" of mine's text
    key: str | None  # the frontmatter key, None for lines of the body
    base: str
    mine: str
    theirs: str


@dataclass(frozen=True)
class MergeResult:
    """The merged post: agreed text and conflicts in order, and how it is written."""

    pieces: tuple[str | Conflict, ...]
    changes: int  # changes taken from theirs without a conflict
    newline: str = "\n"
    bom: str = ""

    @property
    def conflicts(self) -> list[Conflict]:
        """The conflicts, in the order they appear."""
        return [piece for piece in self.pieces if isinstance(piece, Conflict)]

    @property
    def text(self) -> str:
        """The merged text, each conflict resolved to mine."""
        return self.resolve([conflict.mine for conflict in self.conflicts])

    def resolve(self, resolutions: Sequence[str]) -> str:
        """The merged text with each conflict replaced by its resolution, in order."""
        if len(resolutions) != len(self.conflicts):
            raise ValueError(f"{len(self.conflicts)} conflicts, {len(resolutions)} resolutions")
        chosen = iter(resolutions)
        out: list[str] = []
        for piece in self.pieces:
            if isinstance(piece, Conflict):
                text = _normalise(next(chosen))
                # A resolved key or run of lines is whole lines: it must not swallow the next.
                if text and not text.endswith("\n"):
                    text += "\n"
                out.append(text)
            else:
                out.append(piece)
        text = "".join(out)
        if self.newline != "\n":
            text = text.replace("\n", self.newline)
        return self.bom + text


def describe_merge(result: MergeResult, resolved: int = 0) -> str:
    """A status line for a merge: how many changes came from disk, how many conflicts."""
    changes = f"{result.changes} change{'' if result.changes == 1 else 's'}"
    if resolved:
        conflicts = f"{resolved} conflict{'' if resolved == 1 else 's'}"
        if result.changes == 0:
            return f"Merged from disk: resolved {conflicts}"
        return f"Merged {changes} from disk and resolved {conflicts}"
    if result.changes == 0:
        return "Merged from disk: nothing new to take"
    return f"Merged {changes} from disk"


# -- newline style and BOM ----------------------------------------------------------------


def _normalise(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _dominant_newline(text: str) -> str:
    crlf = text.count("\r\n")
    counts = {"\n": text.count("\n") - crlf, "\r\n": crlf, "\r": text.count("\r") - crlf}
    best = max(counts.values())
    return "\n" if best == 0 else next(k for k in ("\n", "\r\n", "\r") if counts[k] == best)


def _style(text: str) -> tuple[str, str, str]:
    """(bom, newline, text without BOM and with "\\n" newlines)."""
    bom = _BOM if text.startswith(_BOM) else ""
    text = text[len(bom) :]
    return bom, _dominant_newline(text), _normalise(text)


def _pick(base: str, mine: str, theirs: str) -> str:
    return theirs if mine == base else mine


# -- the frontmatter taken apart by key -----------------------------------------------------


@dataclass(frozen=True)
class _Parts:
    """A post whose YAML frontmatter has one block entry per top-level string key."""

    opening: str  # the opening fence line
    head: str  # the block's lines before its first key (comments, blank lines)
    entries: dict[str, str]  # key -> its lines (comments directly above, blank lines below)
    values: dict[str, Any]
    closing: str  # the closing fence line
    rest: str  # the body
    rest_line: int  # 0-based line where the body starts


def _parts(text: str) -> _Parts | None:
    block = find_block(text)
    if block is None or block.kind != "yaml":
        return None
    try:
        tree = load_tree(text)
    except PatchError:
        return None
    body = tree.body
    entries: dict[str, str] = {}
    starts: list[int] = []
    keys: list[str] = []
    if tree.root is not None:
        floor = 0
        for slot in children(tree, tree.root):
            if not isinstance(slot.key, str) or slot.flow or slot.key in keys:
                return None  # merge keys, numbers, duplicates: no field-by-field merge
            starts.append(owned_start(tree, slot, floor))
            keys.append(slot.key)
            floor = slot.line_end
    ends = [*starts[1:], len(body)] if starts else []
    for key, start, end in zip(keys, starts, ends, strict=True):
        entries[key] = body[start:end]
    return _Parts(
        opening=text[: block.body_start],
        head=body[: starts[0]] if starts else body,
        entries=entries,
        values=dict(tree.data),
        closing=text[block.body_end : block.end],
        rest=text[block.end :],
        rest_line=text.count("\n", 0, block.end),
    )


class _Merger:
    """Builds the pieces of a merge and counts what came from theirs."""

    def __init__(self) -> None:
        self.pieces: list[str | Conflict] = []
        self.changes = 0

    def text(self, text: str) -> None:
        if not text:
            return
        if self.pieces and isinstance(self.pieces[-1], str):
            self.pieces[-1] += text
        else:
            self.pieces.append(text)

    def three(self, base: str, mine: str, theirs: str) -> None:
        """A part too small to conflict in practice (a fence line): theirs if mine kept it."""
        if mine == base and theirs != base:
            self.changes += 1
        self.text(_pick(base, mine, theirs))

    def lines(self, base: str, mine: str, theirs: str, first_line: int) -> None:
        """Merge a run of lines by diff3; first_line is the run's 0-based line in mine."""
        merged = merge_lines(split_lines(base), split_lines(mine), split_lines(theirs))
        self.changes += merged.from_theirs
        for piece in merged.pieces:
            if isinstance(piece, LineConflict):
                self.pieces.append(_line_conflict(piece, first_line))
            else:
                self.text("".join(piece))

    def entry(self, key: str, b: str | None, m: str | None, t: str | None, same: bool) -> None:
        """One top-level key: absent is None; same means mine and theirs hold equal values."""
        if m == t:
            self.text(m or "")
        elif m == b:
            self.text(t or "")
            self.changes += 1
        elif t == b or same:
            self.text(m or "")
        else:
            self.pieces.append(Conflict(key, key, b or "", m or "", t or ""))


def _line_conflict(conflict: LineConflict, first_line: int) -> Conflict:
    start = first_line + conflict.mine_start + 1
    count = len(conflict.mine)
    if count == 0:
        where = f"at line {start}"
    elif count == 1:
        where = f"line {start}"
    else:
        where = f"lines {start}\u2013{start + count - 1}"
    return Conflict(
        where, None, "".join(conflict.base), "".join(conflict.mine), "".join(conflict.theirs)
    )


def _key_order(base: _Parts, mine: _Parts, theirs: _Parts) -> list[str]:
    """Mine's key order (theirs' when only theirs reordered), with keys the other added."""
    lead, other = mine, theirs
    if list(mine.entries) == list(base.entries) and list(theirs.entries) != list(base.entries):
        lead, other = theirs, mine
    order = list(lead.entries)
    # A key only the other side has goes after the key it follows there.
    for key in [*other.entries, *base.entries]:
        if key in order:
            continue
        source = other if key in other.entries else base
        before = list(source.entries)[: list(source.entries).index(key)]
        anchor = next((k for k in reversed(before) if k in order), None)
        order.insert(0 if anchor is None else order.index(anchor) + 1, key)
    return order


def _merge_fields(base: _Parts, mine: _Parts, theirs: _Parts) -> _Merger:
    out = _Merger()
    out.three(base.opening, mine.opening, theirs.opening)
    out.lines(base.head, mine.head, theirs.head, mine.opening.count("\n"))
    for key in _key_order(base, mine, theirs):
        same = (
            key in mine.values
            and key in theirs.values
            and _same_value(mine.values[key], theirs.values[key])
        )
        out.entry(key, base.entries.get(key), mine.entries.get(key), theirs.entries.get(key), same)
    out.three(base.closing, mine.closing, theirs.closing)
    out.lines(base.rest, mine.rest, theirs.rest, mine.rest_line)
    return out


def _same_value(a: Any, b: Any) -> bool:
    # bool == int in Python (True == 1); a field set to true on one side and 1 on the
    # other is not the same value.
    return type(a) is type(b) and bool(a == b)


def _merge_normalised(base: str, mine: str, theirs: str) -> _Merger:
    b, m, t = _parts(base), _parts(mine), _parts(theirs)
    if b is not None and m is not None and t is not None:
        merged = _merge_fields(b, m, t)
        agreed = "".join(p if isinstance(p, str) else p.mine for p in merged.pieces)
        # Keys are whole entries, so their lines join into valid YAML; should an edge of
        # YAML prove otherwise, the line merge below is the safe answer.
        if parse_frontmatter(agreed).error is None:
            return merged
    out = _Merger()
    out.lines(base, mine, theirs, 0)
    return out


def merge_post(base: str, mine: str, theirs: str) -> MergeResult:
    """Merge mine and theirs, two edits of base (texts of a post: frontmatter and body)."""
    styles = _style(base), _style(mine), _style(theirs)
    bom = _pick(styles[0][0], styles[1][0], styles[2][0])
    newline = _pick(styles[0][1], styles[1][1], styles[2][1])
    merged = _merge_normalised(styles[0][2], styles[1][2], styles[2][2])
    return MergeResult(tuple(merged.pieces), merged.changes, newline, bom)
