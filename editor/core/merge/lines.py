"""Three-way merge of lists of lines with diff3's rules.

The common ancestor (base) is matched against each side by a longest common subsequence
of lines (Myers' diff; patience diff for wholesale rewrites). The lines all three
agree on are the stable regions, and between them each unstable region is taken from
the side that changed it, kept when both made the same change, and a conflict when both
changed it differently. Changes that touch or overlap (no unchanged base line between
them) conflict, as in diff3 and git.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

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


# Past this many differing lines between base and one side, Myers' diff (time ~ N + D²)
# gives way to patience diff, which anchors on lines found once on each side and diffs
# the gaps between anchors again: fast on wholesale rewrites, and as good on prose.
MYERS_LIMIT = 300
MAX_DEPTH = 64

Block = tuple[int, int, int]  # (start in a, start in b, length) of a run of equal lines


def _myers(a: Sequence[int], b: Sequence[int], limit: int) -> list[Block] | None:
    """Runs of equal items of a longest common subsequence (Myers), or None past limit edits."""
    n, m = len(a), len(b)
    v: dict[int, int] = {1: 0}
    trace: list[dict[int, int]] = []
    for d in range(min(n + m, limit) + 1):
        trace.append(dict(v))
        for k in range(-d, d + 1, 2):
            x = v[k + 1] if k == -d or (k != d and v[k - 1] < v[k + 1]) else v[k - 1] + 1
            y = x - k
            while x < n and y < m and a[x] == b[y]:
                x += 1
                y += 1
            v[k] = x
            if x >= n and y >= m:
                return _backtrack(trace, n, m)
    return None


def _backtrack(trace: list[dict[int, int]], x: int, y: int) -> list[Block]:
    runs: list[Block] = []
    for d in range(len(trace) - 1, -1, -1):
        before = trace[d]
        k = x - y
        if d == 0:
            start_x, start_y = 0, 0
        else:
            down = k == -d or (k != d and before[k - 1] < before[k + 1])
            prev_k = k + 1 if down else k - 1
            prev_x = before[prev_k]
            prev_y = prev_x - prev_k
            start_x, start_y = (prev_x, prev_y + 1) if down else (prev_x + 1, prev_y)
        if x > start_x:
            runs.append((start_x, start_y, x - start_x))
        if d:
            x, y = prev_x, prev_y
    runs.reverse()
    return runs


def _diff(a: Sequence[int], b: Sequence[int], depth: int = 0) -> list[Block]:
    """Runs of items a and b share, in order (not joined, no sentinel)."""
    head = _common_prefix(a, b)
    tail = _common_prefix(a[head:][::-1], b[head:][::-1])
    a_mid, b_mid = a[head : len(a) - tail], b[head : len(b) - tail]
    middle = _myers(a_mid, b_mid, MYERS_LIMIT)
    if middle is None:
        # Past a depth no real text reaches, the gap counts as changed rather than recurse on.
        middle = _patience(a_mid, b_mid, depth + 1) if depth < MAX_DEPTH else []
    runs: list[Block] = [(0, 0, head)] if head else []
    runs += [(x + head, y + head, size) for x, y, size in middle if size]
    if tail:
        runs.append((len(a) - tail, len(b) - tail, tail))
    return runs


def _unique(items: Sequence[int]) -> dict[int, int]:
    """Item -> its index, for the items found exactly once."""
    seen: dict[int, int] = {}
    twice: set[int] = set()
    for index, item in enumerate(items):
        if item in seen:
            twice.add(item)
        seen[item] = index
    return {item: index for item, index in seen.items() if item not in twice}


def _patience(a: Sequence[int], b: Sequence[int], depth: int) -> list[Block]:
    """Runs of equal items anchored on the longest increasing run of items unique to both."""
    in_a, in_b = _unique(a), _unique(b)
    pairs = sorted((i, in_b[item]) for item, i in in_a.items() if item in in_b)
    if not pairs:
        return []  # no anchor: the region counts as changed (a conflict, never a wrong merge)
    # Patience sorting: the longest run of anchors increasing in both a and b.
    tops: list[int] = []
    top_index: list[int] = []
    back: list[int] = []
    for n, (_i, j) in enumerate(pairs):
        pile = bisect_left(tops, j)
        back.append(top_index[pile - 1] if pile else -1)
        if pile == len(tops):
            tops.append(j)
            top_index.append(n)
        else:
            tops[pile], top_index[pile] = j, n
    chain: list[tuple[int, int]] = []
    n = top_index[-1]
    while n >= 0:
        chain.append(pairs[n])
        n = back[n]
    chain.reverse()
    runs: list[Block] = []
    x = y = 0
    for i, j in [*chain, (len(a), len(b))]:
        runs += [(gx + x, gy + y, size) for gx, gy, size in _diff(a[x:i], b[y:j], depth)]
        if i < len(a):
            runs.append((i, j, 1))
        x, y = i + 1, j + 1
    return runs


def _matching_blocks(base: Sequence[int], side: Sequence[int]) -> list[Block]:
    """Runs of lines base and side share, in order, ending with a (len, len, 0) sentinel."""
    joined: list[Block] = []
    for x, y, size in _diff(base, side):
        if joined and joined[-1][0] + joined[-1][2] == x and joined[-1][1] + joined[-1][2] == y:
            joined[-1] = (joined[-1][0], joined[-1][1], joined[-1][2] + size)
        else:
            joined.append((x, y, size))
    joined.append((len(base), len(side), 0))
    return joined


def _sync_regions(base: Sequence[str], mine: Sequence[str], theirs: Sequence[str]) -> list[Sync]:
    """Regions where base, mine and theirs have the same lines, ending with an empty sentinel."""
    # Lines become small ints: comparing them is what the diff does most.
    ids: dict[str, int] = {}
    base_ids = [ids.setdefault(line, len(ids)) for line in base]
    mine_blocks = _matching_blocks(base_ids, [ids.setdefault(line, len(ids)) for line in mine])
    theirs_blocks = _matching_blocks(base_ids, [ids.setdefault(line, len(ids)) for line in theirs])
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


def _common_prefix(a: Sequence[object], b: Sequence[object]) -> int:
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
