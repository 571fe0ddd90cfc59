"""How a section's posts write their frontmatter: key order, date style, hero-image paths."""

from __future__ import annotations

import datetime as dt
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from editor.core.frontmatter.block import find_block
from editor.core.schema.model import Collection, FieldType
from editor.core.storage import StorageError, read_text_file
from editor.core.workspace.entries import PostEntry

__all__ = ["DateStyle", "SiteHabits", "learn_habits", "read_samples"]

# Enough posts to see a habit; the newest, since habits change over a site's life.
SAMPLE_SIZE = 40
_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]+(.*?))?[ \t]*$")
_DATE = re.compile(
    r"""^(['"]?)(\d{4}-\d{2}-\d{2})(?:([T ])(\d{2}:\d{2})(:\d{2})?(?:\.\d+)?"""
    r"""(Z|[+-]\d{2}:?\d{2})?)?\1$"""
)
_IMAGE_NAMES = ("image", "hero", "cover", "thumbnail", "banner")
_LANG_KEYS = ("lang", "language", "locale")


@dataclass(frozen=True)
class DateStyle:
    """How a date value is written: quotes, and the time part if the site writes one."""

    quote: str = ""  # "", "'" or '"'
    time_sep: str | None = None  # "T" or " " when the site writes a time
    seconds: bool = False
    zone: str | None = None  # "Z", "+09:00", "+0900" or None

    def render(self, now: dt.datetime) -> str:
        """now (aware or naive) as this style writes it."""
        if self.time_sep is None:
            text = now.date().isoformat()
        else:
            when = now
            if self.zone is not None and now.tzinfo is not None:
                when = now.astimezone(_zone(self.zone))
            time = when.strftime("%H:%M:%S" if self.seconds else "%H:%M")
            text = f"{when.date().isoformat()}{self.time_sep}{time}{self.zone or ''}"
        return f"{self.quote}{text}{self.quote}"


def _zone(text: str) -> dt.tzinfo:
    if text == "Z":
        return dt.UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return dt.timezone(sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:4])))


@dataclass(frozen=True)
class SiteHabits:
    """What most posts of a section do, learned from their text."""

    order: tuple[str, ...] = ()  # top-level keys in the order most posts write them
    common: frozenset[str] = frozenset()  # keys more than half of the posts have
    dates: dict[str, DateStyle] = field(default_factory=dict)  # date keys and their style
    images: dict[str, str] = field(default_factory=dict)  # key -> path with "{slug}"
    lists: frozenset[str] = frozenset()  # keys whose values are lists
    booleans: dict[str, str] = field(default_factory=dict)  # key -> its most common text
    quote: str = "'"  # the quote most quoted strings use
    lang_key: str | None = None  # when posts name their language in a field


def read_samples(entries: Iterable[PostEntry], limit: int = SAMPLE_SIZE) -> list[tuple[str, str]]:
    """(slug, text) of the newest readable posts, for learn_habits."""
    usable = [e for e in entries if e.error is None]
    usable.sort(key=lambda e: (e.date or "", e.mtime_ns), reverse=True)
    out: list[tuple[str, str]] = []
    for entry in usable[:limit]:
        try:
            out.append((entry.slug, read_text_file(entry.path).text))
        except StorageError:
            continue
    return out


def _entries(text: str) -> list[tuple[str, str | None, list[str]]]:
    """(key, the value text on the key's line, the lines below it) of each top-level entry."""
    block = find_block(text)
    if block is None or block.kind != "yaml":
        return []
    out: list[tuple[str, str | None, list[str]]] = []
    for line in text[block.body_start : block.body_end].split("\n"):
        match = _TOP_KEY.match(line)
        if match:
            out.append((match.group(1), match.group(2), []))
        elif out and line.strip() and not line.startswith("#"):
            out[-1][2].append(line)
    return out


def _date_style(raw: str) -> DateStyle | None:
    match = _DATE.match(raw.split(" #")[0].strip())
    if match is None:
        return None
    quote, _day, sep, _hm, seconds, zone = match.groups()
    return DateStyle(quote, sep, bool(seconds), zone)


def _unquoted(raw: str) -> str:
    raw = raw.strip()
    if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "'\"":
        return raw[1:-1]
    return raw.split(" #")[0].strip()


def learn_habits(samples: Sequence[tuple[str, str]], collection: Collection | None) -> SiteHabits:
    """What the sample posts (slug, text) agree on; the schema says which keys are dates."""
    schema_dates = {
        f.name for f in (collection.fields if collection else ()) if f.type is FieldType.DATE
    }
    schema_images = {
        f.name for f in (collection.fields if collection else ()) if f.type is FieldType.IMAGE
    }
    positions: dict[str, list[float]] = defaultdict(list)
    present: Counter[str] = Counter()
    date_styles: dict[str, Counter[DateStyle]] = defaultdict(Counter)
    patterns: dict[str, Counter[str]] = defaultdict(Counter)
    image_values: Counter[str] = Counter()
    lists: Counter[str] = Counter()
    booleans: dict[str, Counter[str]] = defaultdict(Counter)
    quotes: Counter[str] = Counter()
    for slug, text in samples:
        entries = _entries(text)
        for i, (key, raw, below) in enumerate(entries):
            present[key] += 1
            positions[key].append(i / max(1, len(entries) - 1))
            if raw is None or raw.startswith(("|", ">")):
                if below and below[0].lstrip().startswith("- "):
                    lists[key] += 1
                continue
            if raw.startswith("["):
                lists[key] += 1
            if raw[:1] in ("'", '"'):
                quotes[raw[0]] += 1
            style = _date_style(raw)
            if style is not None and (key in schema_dates or not schema_dates):
                date_styles[key][style] += 1
            if raw in ("true", "false"):
                booleans[key][raw] += 1
            named_image = any(name in key.lower() for name in _IMAGE_NAMES)
            if key in schema_images or (named_image and "/" in raw):
                image_values[key] += 1
                value = _unquoted(raw)
                if slug and slug in value:
                    patterns[key][value.replace(slug, "{slug}")] += 1
    total = len(samples)
    half = total / 2
    schema_order = {name: i for i, name in enumerate(collection.key_order() if collection else [])}
    order = sorted(
        present,
        key=lambda k: (statistics.median(positions[k]), schema_order.get(k, len(schema_order))),
    )
    images = {}
    for key, counter in patterns.items():
        pattern, count = counter.most_common(1)[0]
        if count * 2 > image_values[key]:
            images[key] = pattern
    lang_key = next((k for k in _LANG_KEYS if present[k] > half), None)
    return SiteHabits(
        order=tuple(order),
        common=frozenset(k for k, n in present.items() if n > half),
        dates={k: c.most_common(1)[0][0] for k, c in date_styles.items() if c},
        images=images,
        lists=frozenset(k for k, n in lists.items() if n * 2 > present[k]),
        booleans={k: c.most_common(1)[0][0] for k, c in booleans.items()},
        quote=quotes.most_common(1)[0][0] if quotes else "'",
        lang_key=lang_key,
    )
