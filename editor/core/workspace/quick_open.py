"""Quick open: fuzzy matching of a typed query against every post's title and slug."""

from __future__ import annotations

import heapq
import operator
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from editor.core.workspace.entries import PostEntry

__all__ = ["QuickOpenCatalog", "QuickOpenMatch", "fold", "word_starts"]

# Score weights. Every matched character earns _CHAR; a character right after the previous
# match or at the start of a word earns more, a gap between matches costs a little, and a
# term found as one run beats the same term spread out, and a term that is a prefix of the
# title or slug beats any other kind of match.
_CHAR = 10
_CONSECUTIVE = 8
_WORD_START = 9
_GAP_START = 3
_GAP_MAX = 5
_RUN = 20  # a term found as one run, beyond what its consecutive characters earn
_PREFIX = 100
_EXACT = 50

# Character kinds, one letter each: separator, lower/upper/other Latin (digits too),
# Hangul, hiragana, katakana, Han. A change of kind starts a word ("PostgreSQL인덱스").
_LATIN_KINDS = "luo"
_KINDS = "s" + _LATIN_KINDS + "hikc"


def _word_start_pair(before: str, kind: str) -> bool:
    if kind == "s":
        return False
    if before == "s":
        return True
    if before in _LATIN_KINDS and kind in _LATIN_KINDS:
        return before == "l" and kind == "u"  # camelCase
    # Okurigana (始める) continues the kanji word before it.
    return before != kind and not (before == "c" and kind == "i")


# (kind before, kind) -> "1" when a character of that kind after that one starts a word.
_PAIRS = {a + b: "1" if _word_start_pair(a, b) else "0" for a in _KINDS for b in _KINDS}


def _kind(char: str) -> str:
    if not char.isalnum():
        return "s"
    code = ord(char)
    if code < 0x1100:
        return "l" if char.islower() else "u" if char.isupper() else "o"
    if 0xAC00 <= code <= 0xD7A3 or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F:
        return "h"
    if 0x3040 <= code <= 0x309F:
        return "i"
    if 0x30A0 <= code <= 0x30FF or 0x31F0 <= code <= 0x31FF or 0xFF66 <= code <= 0xFF9F:
        return "k"
    if (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0xF900 <= code <= 0xFAFF
        or 0x3005 <= code <= 0x3007
        or code >= 0x20000
    ):
        return "c"
    return "l" if char.islower() else "u" if char.isupper() else "o"


class _KindTable(dict[int, str]):
    """A str.translate table from any character to its kind letter, filled as it is asked."""

    def __missing__(self, code: int) -> str:
        kind = self[code] = _kind(chr(code))
        return kind


def word_starts(text: str, table: dict[int, str] | None = None) -> str:
    """A "1" for each character of text that starts a word, else "0" (same length)."""
    # translate and map run in C: this is built for every title of a 20,000-post site.
    kinds = text.translate(table if table is not None else _KindTable())
    return "".join(map(_PAIRS.__getitem__, map(operator.add, "s" + kinds, kinds)))


def _fold_char(char: str) -> str:
    normal = unicodedata.normalize("NFKC", char).lower()
    if len(normal) == 1:
        return normal
    lowered = char.lower()
    return lowered if len(lowered) == 1 else char


def fold(text: str) -> str:
    """The search key of a text: lower case and NFKC per character, same length as text."""
    # One character of key per character of text, so positions found in the key are
    # positions in the shown text (for highlighting).
    key = text.lower()
    if len(key) == len(text) and (key.isascii() or unicodedata.is_normalized("NFKC", key)):
        return key
    return "".join(_fold_char(char) for char in text)


def _fold_query(query: str) -> list[str]:
    return unicodedata.normalize("NFKC", query).lower().split()


@dataclass(frozen=True)
class QuickOpenMatch:
    """One post found by quick open, with the matched characters of its title and slug."""

    entry: PostEntry
    title: str  # what the result shows: the title (NFC), or the slug when there is none
    score: int
    title_hits: tuple[int, ...] = ()  # indices into title
    slug_hits: tuple[int, ...] = ()  # indices into entry.slug


@dataclass(frozen=True, slots=True)
class _Item:
    entry: PostEntry
    title: str
    title_key: str
    title_starts: str
    slug_key: str
    slug_starts: str
    chars: frozenset[str]
    lang: str | None
    newest_first: int  # -mtime_ns, so that ascending order puts newer files first
    # (key, word starts, characters) of the slug and of the title: the slug first, as a run
    # found in it often makes looking for the title's spread-out matches pointless
    fields: tuple[tuple[str, str, frozenset[str]], tuple[str, str, frozenset[str]]]


def _make_item(entry: PostEntry, table: dict[int, str]) -> _Item:
    title = unicodedata.normalize("NFC", entry.title.strip()) if entry.title else ""
    shown = title or entry.slug
    title_key = fold(shown)
    slug_key = fold(entry.slug)
    title_starts = word_starts(shown, table)
    slug_starts = word_starts(entry.slug, table)
    return _Item(
        entry,
        shown,
        title_key,
        title_starts,
        slug_key,
        slug_starts,
        frozenset(title_key + slug_key),
        entry.lang,
        -entry.mtime_ns,
        (
            (slug_key, slug_starts, frozenset(slug_key)),
            (title_key, title_starts, frozenset(title_key)),
        ),
    )


def _spread(term: str, key: str, starts: str) -> list[int] | None:
    """Where term's characters sit in key when they are not one run; None if they do not."""
    # latest[j]: the last place term[j] may sit with the rest of the term still fitting
    # after it. Each character then takes the place right after the previous match, else
    # its next word start, else its first place.
    latest = [0] * len(term)
    end = len(key)
    for j in range(len(term) - 1, -1, -1):
        end = key.rfind(term[j], 0, end)
        if end < 0:
            return None
        latest[j] = end
    positions: list[int] = []
    start = 0
    for j, char in enumerate(term):
        first = key.find(char, start, latest[j] + 1)
        chosen = first
        if not (positions and first == positions[-1] + 1):
            place = first
            while place >= 0 and starts[place] != "1":
                place = key.find(char, place + 1, latest[j] + 1)
            if place >= 0:
                chosen = place
        positions.append(chosen)
        start = chosen + 1
    return positions


def _run_start(term: str, key: str, starts: str) -> int:
    """Where term occurs in key as one run, at a word start if it can be; -1 if nowhere."""
    at = key.find(term)
    if at > 0 and starts[at] != "1":
        later = key.find(term, at + 1)
        while later >= 0:
            if starts[later] == "1":
                return later
            later = key.find(term, later + 1)
    return at


def _field_score(term: str, key: str, starts: str) -> int:
    """The score of term in one field (title or slug), or -1 when it does not match."""
    # The search loop inlines the one-run case of this; keep the two in step.
    at = _run_start(term, key, starts)
    size = len(term)
    if at >= 0:
        score = _run_base(size) + _WORD_START * starts.count("1", at, at + size)
        if at == 0:
            score += _PREFIX + (_EXACT if size == len(key) else 0)
        return score
    return _spread_score(term, key, starts)


def _run_base(size: int) -> int:
    """The score of a run of size characters before its word starts and prefix bonus."""
    return size * (_CHAR + _CONSECUTIVE) - _CONSECUTIVE + (_RUN if size > 1 else 0)


def _spread_bound(size: int) -> int:
    """The highest score a match of size characters that is not one run can get."""
    # At least one gap: every character at a word start, all but one after the previous.
    return size * (_CHAR + _WORD_START) + (size - 2) * _CONSECUTIVE - _GAP_START - 1


def _spread_score(term: str, key: str, starts: str) -> int:
    positions = _spread(term, key, starts)
    if positions is None:
        return -1
    score = 0
    previous = -2
    for place in positions:
        score += _CHAR
        if place == previous + 1:
            score += _CONSECUTIVE
        elif previous >= 0:
            score -= _GAP_START + min(place - previous - 1, _GAP_MAX)
        if starts[place] == "1":
            score += _WORD_START
        previous = place
    return score


def _field_positions(term: str, key: str, starts: str) -> list[int]:
    at = _run_start(term, key, starts)
    if at >= 0:
        return list(range(at, at + len(term)))
    return _spread(term, key, starts) or []


def _match(terms: Sequence[str], item: _Item, score: int) -> QuickOpenMatch:
    """The match of an item that scored: the characters of each term's better field."""
    title_hits: set[int] = set()
    slug_hits: set[int] = set()
    for term in terms:
        in_title = _field_score(term, item.title_key, item.title_starts)
        in_slug = _field_score(term, item.slug_key, item.slug_starts)
        if in_title >= in_slug:
            title_hits.update(_field_positions(term, item.title_key, item.title_starts))
        else:
            slug_hits.update(_field_positions(term, item.slug_key, item.slug_starts))
    return QuickOpenMatch(
        item.entry, item.title, score, tuple(sorted(title_hits)), tuple(sorted(slug_hits))
    )


class QuickOpenCatalog:
    """The search keys of every post, built once per version of the index.

    Immutable after construction, so a worker thread may search it while the GUI thread
    holds it. Pass the previous catalog to reuse the keys of posts that did not change.
    """

    def __init__(
        self, entries: Iterable[PostEntry], previous: QuickOpenCatalog | None = None
    ) -> None:
        table = _KindTable()
        known: dict[str, _Item] = previous._by_rel_path if previous is not None else {}
        items: list[_Item] = []
        reused = 0
        for entry in entries:
            old = known.get(entry.rel_path)
            # Entries are frozen and the index keeps the same object for an unchanged file.
            if old is not None and old.entry is entry:
                items.append(old)
                reused += 1
            else:
                items.append(_make_item(entry, table))
        if previous is not None and reused == len(items) == len(previous._items):
            items = previous._items  # nothing changed: keep its order too
        else:
            # Kept in the order ties are broken in (newer files, shorter titles, then path),
            # so that a result's rank among equals is its number.
            items.sort(key=lambda item: (item.newest_first, len(item.title), item.entry.rel_path))
        self._items: list[_Item] = items
        self._by_rel_path: dict[str, _Item] = {item.entry.rel_path: item for item in items}

    def __len__(self) -> int:
        return len(self._items)

    def search(
        self, query: str, current_lang: str | None = None, limit: int = 200
    ) -> list[QuickOpenMatch]:
        """The best posts for query, best first; an empty query lists the newest posts.

        Whitespace separates terms, and every term must match the title or the slug. Ties
        go to posts in current_lang, then to newer files, then to shorter titles.
        """
        terms = _fold_query(query)
        if not terms:
            return [
                QuickOpenMatch(item.entry, item.title, 0)
                for item in self._recent(current_lang, limit)
            ]
        wanted = frozenset("".join(terms))
        plan = [
            (term, len(term), _run_base(len(term)), frozenset(term), _spread_bound(len(term)))
            for term in terms
        ]
        count = len(self._items)
        scale = 2 * count  # a post in another language ranks after every equal in this one
        ranked: list[int] = []
        # Hits whose score waits on a spread match (term characters apart): (item number,
        # rank base, the highest total it could reach). Spreads are the slow part of a
        # search, and most cannot reach the results once enough exact runs are found.
        waiting: list[tuple[int, int, int]] = []
        # One int per hit orders (higher score, current language, item number): sorting ints
        # is what keeps a query that matches every post of a 20,000-post site quick. The
        # one-run case of _field_score is inlined here (keep the two in step).
        for number, item in enumerate(self._items):
            if not wanted <= item.chars:
                continue
            total = 0
            bound = 0
            for term, size, run_score, chars, spread_max in plan:
                best = -1
                spread = False
                for key, starts, key_chars in item.fields:
                    at = key.find(term)
                    if at >= 0:
                        if at and starts[at] != "1":
                            at = _run_start(term, key, starts)
                        score = run_score + _WORD_START * starts.count("1", at, at + size)
                        if at == 0:
                            score += _PREFIX + (_EXACT if size == len(key) else 0)
                        if score > best:
                            best = score
                    elif size > 1 and chars <= key_chars:
                        spread = True
                if spread and best < spread_max:
                    bound += spread_max  # no spread scores more than that
                elif best < 0:
                    break
                else:
                    total += best
                    bound += best
            else:
                base = number if item.lang == current_lang else number + count
                if bound == total:
                    ranked.append(base - total * scale)
                else:
                    waiting.append((number, base, bound))
        if waiting:
            # A waiting hit can make the results only if its best total could rank above
            # the limit-th hit scored so far.
            cutoff = heapq.nsmallest(limit, ranked)[-1] if len(ranked) >= limit else None
            for number, base, bound in waiting:
                if cutoff is not None and base - bound * scale > cutoff:
                    continue
                scored = self._total(self._items[number], terms)
                if scored is not None:
                    ranked.append(base - scored * scale)
        best_ranks = heapq.nsmallest(limit, ranked)
        return [self._match(terms, rank, scale) for rank in best_ranks]

    def _total(self, item: _Item, terms: Sequence[str]) -> int | None:
        """item's score for terms, spreads included; None when a term matches no field."""
        total = 0
        for term in terms:
            best = max(_field_score(term, key, starts) for key, starts, _chars in item.fields)
            if best < 0:
                return None
            total += best
        return total

    def _match(self, terms: Sequence[str], rank: int, scale: int) -> QuickOpenMatch:
        negative_score, place = divmod(rank, scale)
        return _match(terms, self._items[place % len(self._items)], -negative_score)

    def _recent(self, current_lang: str | None, limit: int) -> list[_Item]:
        mine: list[_Item] = []
        others: list[_Item] = []
        for item in self._items:
            (mine if item.lang == current_lang else others).append(item)
            if len(mine) >= limit:
                break
        return (mine + others)[:limit]
