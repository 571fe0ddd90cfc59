"""What the index keeps of a post's frontmatter, read quickly and within bounds."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from editor.core.dates import parse_when
from editor.core.field_roles import DATE_KEYS, UPDATED_KEYS
from editor.core.frontmatter.block import find_block
from editor.core.frontmatter.parse import parse_frontmatter

__all__ = ["FrontmatterSummary", "check_bounds", "read_frontmatter", "value_digest"]

_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_MERGE = "tag:yaml.org,2002:merge"
# Limits past which a frontmatter block is refused before any parser sees it: no real post
# comes near them, and a hostile one (a nesting or alias bomb) must not hang or crash a scan.
MAX_FRONTMATTER_CHARS = 1_000_000
MAX_DEPTH = 200
MAX_ALIASES = 10_000
_BRACKETS = re.compile(r"[\[\]{}]")
_ALIAS = re.compile(r"(?:^|[\s,\[{:])\*[^\s,\[\]{}]")
_DEEP_LINE = re.compile(
    rf"^[ \t]{{{MAX_DEPTH},}}\S|^[ \t]*(?:[-?:][ \t]+){{{MAX_DEPTH // 4},}}", re.M
)
_INDENT = re.compile(r"[ \t]*((?:[-?][ \t]+)*)")
# Frontmatter keys that name a post's language, and that tie translations together when
# their file names differ (Hugo's `translationKey`; `ref` in Jekyll's i18n recipes).
LANG_KEYS = ("lang", "language", "locale")
_FAMILY_KEYS = ("translationKey", "translation_key", "ref")
_WANTED = frozenset(
    {"title", "tags", "draft", *LANG_KEYS, *_FAMILY_KEYS, *DATE_KEYS, *UPDATED_KEYS}
)
_RELATED_IDS = ("slug", "id", "post")
_IMAGE_WORDS = ("hero", "cover", "image")
_NOT_IMAGE_WORDS = ("alt", "caption", "credit", "width", "height")
_IMAGE_EXTS = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg")


@dataclass(frozen=True)
class FrontmatterSummary:
    """What the index keeps of a post's frontmatter."""

    title: str | None = None
    tags: tuple[str, ...] = ()
    langs: tuple[str, ...] = ()  # the values of lang/language/locale, in that order
    family_id: str | None = None
    fields: Mapping[str, str] = field(default_factory=dict)
    date: str | None = None
    draft: bool = False
    updated: str | None = None
    related: tuple[str, ...] = ()
    images: tuple[str, ...] = ()

    @classmethod
    def of(
        cls, data: dict[str, Any], fields: Mapping[str, str] | None = None
    ) -> FrontmatterSummary:
        """Summarise loaded frontmatter data (fields: digests already made, else all)."""
        if fields is None:
            fields = {str(key): value_digest(value) for key, value in data.items()}
        return cls(
            _title_of(data),
            _tags_of(data),
            tuple(v for v in (data.get(key) for key in LANG_KEYS) if isinstance(v, str)),
            _family_id_of(data),
            fields,
            _when(data, DATE_KEYS),
            _draft_of(data),
            _when(data, UPDATED_KEYS),
            _related_of(data),
            _images_of(data),
        )


EMPTY = FrontmatterSummary()


def _title_of(data: dict[str, Any]) -> str | None:
    title = data.get("title")
    if title is None or isinstance(title, dict | list):
        return None
    return title if isinstance(title, str) else str(title)


def _family_id_of(data: dict[str, Any]) -> str | None:
    for key in _FAMILY_KEYS:
        value = data.get(key)
        if isinstance(value, str | int) and str(value).strip():
            return str(value).strip()
    return None


def _when(data: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = data.get(key)
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, str):
            when = parse_when(value.replace("Z", "+00:00"))
            if when is not None:
                return when.isoformat()
    return None


def _draft_of(data: dict[str, Any]) -> bool:
    draft = data.get("draft")
    if isinstance(draft, str):
        return draft.strip().lower() in ("true", "yes", "on", "1")
    # Some sites say `published: false` instead of `draft: true`.
    return draft is True or data.get("published") is False


def _tags_of(data: dict[str, Any]) -> tuple[str, ...]:
    tags = data.get("tags")
    if not isinstance(tags, list):
        return ()
    return tuple(str(tag) for tag in tags if isinstance(tag, str | int | float) and str(tag))


def _is_related_key(key: str) -> bool:
    return "related" in key.lower()


def _related_of(data: dict[str, Any]) -> tuple[str, ...]:
    """Slugs of every top-level list field named like `relatedPosts`, in order."""
    out: list[str] = []
    for key, value in data.items():
        if not isinstance(value, list) or not _is_related_key(str(key)):
            continue
        for item in value:
            if isinstance(item, dict):
                item = next((item[k] for k in _RELATED_IDS if isinstance(item.get(k), str)), None)
            if isinstance(item, str) and item.strip():
                out.append(item.strip())
    return tuple(dict.fromkeys(out))


def _is_image_key(key: str) -> bool:
    lowered = key.lower()
    return any(w in lowered for w in _IMAGE_WORDS) and not any(
        w in lowered for w in _NOT_IMAGE_WORDS
    )


def _image_path(value: Any) -> str | None:
    if isinstance(value, dict):
        value = next((value[k] for k in ("src", "url", "path") if k in value), None)
    if not isinstance(value, str):
        return None
    path = value.strip()
    looks_like_path = "/" in path or path.lower().endswith(_IMAGE_EXTS)
    return path if path and looks_like_path and "\n" not in path else None


def _image_value(value: Any) -> list[str]:
    # One level of list only: a value may be an alias bomb or contain itself.
    items = value if isinstance(value, list) else [value]
    return [path for path in map(_image_path, items) if path is not None]


def _images_of(data: dict[str, Any]) -> tuple[str, ...]:
    """Image paths of the hero/cover/image fields (e.g. `heroImage`, `cover.src`)."""
    out = [p for key, value in data.items() if _is_image_key(str(key)) for p in _image_value(value)]
    return tuple(dict.fromkeys(out))


# -- digests ----------------------------------------------------------------------------------


def _hash(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def _canon(value: Any, memo: dict[int, str]) -> str:
    """A scalar's canonical text, or "#" + the digest of a list or mapping."""
    if value.__class__ is str:
        return repr(value)
    if isinstance(value, list | dict):
        # Memoised by identity: YAML aliases share objects, so an alias bomb costs its
        # size on disk, not its expansion; a value that contains itself gets a marker.
        known = memo.get(id(value))
        if known is not None:
            return known
        memo[id(value)] = "#cycle"
        if isinstance(value, list):
            text = "[" + ",".join([_canon(item, memo) for item in value])
        else:
            keys = sorted(value, key=str)
            text = "{" + ",".join([repr(str(k)) + ":" + _canon(value[k], memo) for k in keys])
        token = "#" + _hash(text)
        memo[id(value)] = token
        return token
    if value is None or isinstance(value, bool | int | float):
        return repr(value)
    if isinstance(value, set | frozenset):
        return repr(sorted(str(item) for item in value))
    return repr(str(value))  # a date is equal to its text, quoted or not


def _top_digest(token: str) -> str:
    return token[1:] if token.startswith("#") else _hash(token)


def value_digest(value: Any) -> str:
    """A short digest of a frontmatter value; equal for `2024-01-02` quoted or not."""
    return _top_digest(_canon(value, {}))


class _NotQuick(Exception):
    """The quick reading does not handle this frontmatter: use the full parse."""


def _node_canon(node: yaml.Node, constructor: Any, memo: dict[int, str]) -> str:
    """_canon of the value a node loads as, without loading the value (must agree)."""
    if node.__class__ is yaml.ScalarNode:
        if node.tag == _STR:
            return repr(node.value)
        # Constructing checks it: a bad date or an unknown tag raises.
        return _canon(constructor.construct_object(node), memo)
    known = memo.get(id(node))
    if known is not None:
        return known
    memo[id(node)] = "#cycle"
    if node.__class__ is yaml.SequenceNode and node.tag == _SEQ:
        text = "[" + ",".join([_node_canon(item, constructor, memo) for item in node.value])
    elif node.__class__ is yaml.MappingNode and node.tag == _MAP:
        items = {_key_of(key, constructor): value for key, value in node.value}
        text = "{" + ",".join(
            [repr(k) + ":" + _node_canon(items[k], constructor, memo) for k in sorted(items)]
        )
    else:
        raise _NotQuick  # tags on collections: the full parse knows
    token = "#" + _hash(text)
    memo[id(node)] = token
    return token


def _key_of(node: yaml.Node, constructor: Any) -> str:
    if node.__class__ is not yaml.ScalarNode or node.tag == _MERGE:
        raise _NotQuick  # complex and merge keys: the full parse knows
    return node.value if node.tag == _STR else str(constructor.construct_object(node))


def _related_nodes(node: yaml.Node) -> list[str] | None:
    """The slugs of a related-posts sequence node (strings, or mappings' slug/id/post)."""
    if node.__class__ is not yaml.SequenceNode:
        return None
    out = []
    for item in node.value:
        if item.__class__ is yaml.ScalarNode and item.tag == _STR:
            out.append(item.value)
        elif item.__class__ is yaml.MappingNode:
            ids = {
                key.value: value.value
                for key, value in item.value
                if key.__class__ is yaml.ScalarNode
                and value.__class__ is yaml.ScalarNode
                and value.tag == _STR
            }
            slug = next((ids[k] for k in _RELATED_IDS if k in ids), None)
            if slug is not None:
                out.append(slug)
    return out


def _quick_summary(body: str) -> FrontmatterSummary:
    """The summary of a YAML block from its composed nodes, loading only the keys it needs."""
    # Composing with libyaml and constructing only the scalars that are not strings takes
    # a fraction of a full load; anything unusual raises _NotQuick (or a YAML error), and
    # the caller falls back to parse_frontmatter for the exact answer or error.
    root = yaml.compose(body, Loader=_FAST_LOADER)
    if root is None:
        return EMPTY
    if not isinstance(root, yaml.MappingNode) or root.tag != _MAP:
        raise _NotQuick
    constructor = yaml.constructor.SafeConstructor()
    memo: dict[int, str] = {}
    items = {_key_of(key, constructor): value for key, value in root.value}  # last one wins
    fields = {key: _top_digest(_node_canon(node, constructor, memo)) for key, node in items.items()}
    data: dict[str, Any] = {}
    for key, node in items.items():
        if _is_related_key(key):
            data[key] = _related_nodes(node)  # the slugs only: reasons are never loaded
        elif key in _WANTED or _is_image_key(key):
            data[key] = constructor.construct_object(node, deep=True)
    return FrontmatterSummary.of(data, fields)


def check_bounds(body: str) -> str | None:
    """Why a frontmatter block is refused unread (too big, too deep, too many aliases)."""
    if len(body) > MAX_FRONTMATTER_CHARS:
        return (
            f"The frontmatter is {len(body):,} characters long, over the limit of "
            f"{MAX_FRONTMATTER_CHARS:,}; it was not read."
        )
    if "[" in body or "{" in body:
        depth = deepest = 0
        for match in _BRACKETS.finditer(body):
            depth = depth + 1 if match.group() in "[{" else max(depth - 1, 0)
            deepest = max(deepest, depth)
        if deepest > MAX_DEPTH:
            return f"The frontmatter nests deeper than {MAX_DEPTH} levels; it was not read."
    if _DEEP_LINE.search(body) is not None and _block_depth(body) > MAX_DEPTH:
        return f"The frontmatter nests deeper than {MAX_DEPTH} levels; it was not read."
    if "*" in body:
        aliases = sum(1 for _ in _ALIAS.finditer(body))
        if aliases > MAX_ALIASES:
            return (
                f"The frontmatter has {aliases:,} aliases, over the limit of "
                f"{MAX_ALIASES:,}; it was not read."
            )
    return None


def _block_depth(body: str) -> int:
    """Nesting depth of an indented block (only measured when a line looks very deep)."""
    stack: list[int] = []
    deepest = 0
    for line in body.split("\n"):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _INDENT.match(line)
        assert match is not None  # the pattern matches the empty string
        indent = len(line) - len(line.lstrip(" \t"))
        while stack and stack[-1] >= indent:
            stack.pop()
        stack.append(indent)
        deepest = max(deepest, len(stack) + match.group(1).count("-") + match.group(1).count("?"))
    return deepest


def read_frontmatter(text: str) -> tuple[FrontmatterSummary, str | None, int]:
    """(summary, error, offset where the body starts) of a post's text."""
    block = find_block(text)
    if block is None:
        return EMPTY, None, 0
    refused = check_bounds(text[block.body_start : block.body_end])
    if refused is not None:
        return EMPTY, refused, block.end
    if block.kind == "yaml":
        try:
            return _quick_summary(text[block.body_start : block.body_end]), None, block.end
        except Exception:
            pass  # errors and unusual YAML: parse_frontmatter gives the exact answer
    parsed = parse_frontmatter(text)
    if parsed.error is not None:
        err = parsed.error
        message = f"Frontmatter error on line {err.line}, column {err.column}: {err.message}"
        return EMPTY, message, block.end
    return FrontmatterSummary.of(parsed.data), None, block.end
