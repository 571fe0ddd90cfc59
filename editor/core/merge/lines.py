"""Three-way merge of lists of lines with diff3's rules.

The common ancestor (base) is matched against each side with difflib's SequenceMatcher;
the lines that all three agree on are the stable regions, and between them each
unstable region is taken from the side that changed it, kept when both made the same
change, and a conflict when both changed it differently. Changes that touch or overlap
(no unchanged base line between them) conflict, as in diff3 and git.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

__all__ = ["LineConflict", "LineMerge", "merge_lines", "split_lines"]


@dataclass(frozen=True)
class LineConflict:
    """Lines both sides changed differently: the three versions and where they start (0-based)."""

    base: tuple[str, ...]
    mine: tuple[str, ...]
    theirs: tuple[str, ...]
    base_start: int
    mine_start: int
    theirs_start: int


@dataclass(frozen=True)
class LineMerge:
    """The merge as runs of agreed lines and conflicts, and how many hunks came from theirs."""

    pieces: tuple[tuple[str, ...] | LineConflict, ...]
    from_theirs: int  # unstable regions taken from theirs only
    from_mine: int  # unstable regions taken from mine only

    @property
    def conflicts(self) -> list[LineConflict]:
        """The conflicts, in order."""
        return [piece for piece in self.pieces if isinstance(piece, LineConflict)]

    def text(self, choose: str = "mine") -> str:
        """The merged lines joined; each conflict resolved to `choose` ("mine" or "theirs")."""
        out: list[str] = []
        for piece in self.pieces:
            if isinstance(piece, LineConflict):
                out.extend(piece.mine if choose == "mine" else piece.theirs)
            else:
                out.extend(piece)
        return "".join(out)


def split_lines(text: str) -> list[str]:
    """Lines with their "\\n" kept, so that joining them gives the text back."""
    # str.splitlines() would also break at "\r", U+2028 and friends; only "\n" ends a line.
    parts = text.split("\n")
    lines = [part + "\n" for part in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


# (base_start, base_end, mine_start, mine_end, theirs_start, theirs_end) of lines all agree on
Sync = tuple[int, int, int, int, int, int]


def _sync_regions(base: Sequence[str], mine: Sequence[str], theirs: Sequence[str]) -> list[Sync]:
    """Regions where base, mine and theirs have the same lines, ending with an empty sentinel."""
    # autojunk would treat frequent lines (blank lines, "---") as unmatchable: wrong here.
    mine_blocks = SequenceMatcher(None, base, mine, autojunk=False).get_matching_blocks()
    theirs_blocks = SequenceMatcher(None, base, theirs, autojunk=False).get_matching_blocks()
    regions: list[Sync] = []
    i = j = 0
    while i < len(mine_blocks) and j < len(theirs_blocks):
        m_base, m_at, m_len = mine_blocks[i]
        t_base, t_at, t_len = theirs_blocks[j]
        start, end = max(m_base, t_base), min(m_base + m_len, t_base + t_len)
        if start < end:
            m_start = m_at + start - m_base
            t_start = t_at + start - t_base
            regions.append(
                (start, end, m_start, m_start + end - start, t_start, t_start + end - start)
            )
        if m_base + m_len < t_base + t_len:
            i += 1
        else:
            j += 1
    regions.append((len(base), len(base), len(mine), len(mine), len(theirs), len(theirs)))
    return regions


def _common_prefix(a: Sequence[str], b: Sequence[str]) -> int:
    n = 0
    while n < len(a) and n < len(b) and a[n] == b[n]:
        n += 1
    return n


class _Builder:
    """Collects merged pieces, joining neighbouring runs of agreed lines."""

    def __init__(self) -> None:
        self.pieces: list[tuple[str, ...] | LineConflict] = []
        self.from_theirs = 0
        self.from_mine = 0

    def lines(self, lines: Sequence[str]) -> None:
        if not lines:
            return
        if self.pieces and not isinstance(self.pieces[-1], LineConflict):
            self.pieces[-1] = self.pieces[-1] + tuple(lines)
        else:
            self.pieces.append(tuple(lines))

    def conflict(
        self,
        base: Sequence[str],
        mine: Sequence[str],
        theirs: Sequence[str],
        at: tuple[int, int, int],
    ) -> None:
        # Lines both sides begin or end with alike are agreed on: keep the conflict small.
        head = _common_prefix(mine, theirs)
        tail = _common_prefix(mine[head:][::-1], theirs[head:][::-1])
        self.lines(mine[:head])
        core_mine = mine[head : len(mine) - tail]
        core_theirs = theirs[head : len(theirs) - tail]
        self.pieces.append(
            LineConflict(
                tuple(base), tuple(core_mine), tuple(core_theirs), at[0], at[1] + head, at[2] + head
            )
        )
        self.lines(mine[len(mine) - tail :])


def merge_lines(base: Sequence[str], mine: Sequence[str], theirs: Sequence[str]) -> LineMerge:
    """Merge two edits of base line by line (diff3); lines as split_lines gives them."""
    # Lines all three share at the start and the end are stable: leaving them out keeps
    # the matcher's work proportional to the edited part of a long post.
    head = min(_common_prefix(base, mine), _common_prefix(base, theirs))
    tail = min(
        _common_prefix(base[head:][::-1], mine[head:][::-1]),
        _common_prefix(base[head:][::-1], theirs[head:][::-1]),
    )
    out = _Builder()
    out.lines(base[:head])
    b, m, t = (
        base[head : len(base) - tail],
        mine[head : len(mine) - tail],
        theirs[head : len(theirs) - tail],
    )
    bi = mi = ti = 0
    for b_start, b_end, m_start, m_end, t_start, t_end in _sync_regions(b, m, t):
        b_part, m_part, t_part = b[bi:b_start], m[mi:m_start], t[ti:t_start]
        if b_part or m_part or t_part:
            if m_part == t_part:
                out.lines(m_part)
            elif m_part == b_part:
                out.lines(t_part)
                out.from_theirs += 1
            elif t_part == b_part:
                out.lines(m_part)
                out.from_mine += 1
            else:
                out.conflict(b_part, m_part, t_part, (head + bi, head + mi, head + ti))
        out.lines(b[b_start:b_end])
        bi, mi, ti = b_end, m_end, t_end
    out.lines(base[len(base) - tail :])
    return LineMerge(tuple(out.pieces), out.from_theirs, out.from_mine)
