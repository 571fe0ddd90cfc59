"""A missing translation: the sibling's frontmatter text with the language's own fields emptied."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from editor.core.frontmatter.block import find_block
from editor.core.frontmatter.write import render_string
from editor.core.schema.model import Collection, FieldType
from editor.core.workspace.families import Family, SiteFamilies, translation_path
from editor.core.workspace.new_post import NewPostFile

__all__ = ["learned_shared_fields", "own_fields", "translation_file", "translation_text"]

# Always the language's own, whatever the digests say (a copied title is an untranslated one).
OWN_ALWAYS = frozenset({"title", "description", "summary", "excerpt"})
_LANG_KEYS = ("lang", "language", "locale")
# Translated families enough to learn what is shared, few enough to learn it within a frame
# on a 20,000-post site (all of them take about 200 ms there).
SHARED_SAMPLE = 200
_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*|'[^']*'|\"[^\"]*\")[ \t]*:(?:[ \t]|$)")


def learned_shared_fields(families: Iterable[Family]) -> frozenset[str]:
    """Keys whose value is equal across the language versions of most translated families."""
    equal: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    looked = 0
    for family in families:
        if len(family.posts) < 2:
            continue
        looked += 1
        if looked > SHARED_SAMPLE:
            break
        keys = set.intersection(*(set(p.fields) for p in family.posts))
        for key in keys:
            seen[key] += 1
            if len({p.fields[key] for p in family.posts}) == 1:
                equal[key] += 1
    return frozenset(k for k, n in seen.items() if equal[k] * 2 > n)


def own_fields(family: Family, site: SiteFamilies, shared: Iterable[str] | None) -> frozenset[str]:
    """The keys a new translation of family leaves empty: everything not shared."""
    keys = {k for p in family.posts for k in p.fields}
    shared_set = set(shared) if shared is not None else set(learned_shared_fields(site.families))
    differing = {
        k
        for k in keys
        if len({p.fields.get(k) for p in family.posts if k in p.fields}) > 1
        or sum(k in p.fields for p in family.posts) < len(family.posts)
    }
    return frozenset(
        k
        for k in keys
        if k in OWN_ALWAYS or (k in differing and len(family.posts) > 1) or k not in shared_set
    ) - set(_LANG_KEYS)


def _entry_spans(lines: list[str]) -> list[tuple[str, int, int]]:
    """(key, first line, line after its value) of each top-level entry of the block's lines."""
    spans: list[tuple[str, int, int]] = []
    for i, line in enumerate(lines):
        match = _TOP_KEY.match(line)
        if match:
            if spans:
                spans[-1] = (spans[-1][0], spans[-1][1], i)
            spans.append((match.group(1).strip("'\""), i, len(lines)))
    # A comment right above the next key belongs to that key, not to the value before it.
    trimmed = []
    for key, start, end in spans:
        while end - 1 > start and lines[end - 1].lstrip().startswith("#"):
            end -= 1
        trimmed.append((key, start, end))
    return trimmed


def translation_text(
    sibling_text: str,
    own: Iterable[str],
    *,
    lang: str,
    collection: Collection | None,
) -> str:
    """The sibling's frontmatter, its own fields emptied (required) or dropped (optional)."""
    block = find_block(sibling_text)
    if block is None:
        return "---\ntitle: ''\n---\n"
    body = sibling_text[block.body_start : block.body_end]
    lines = body.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    own_set = set(own)
    quotes = Counter(m for m in re.findall(r":[ \t]+(['\"])", body))
    quote = quotes.most_common(1)[0][0] if quotes else "'"
    out = list(lines)
    for key, start, end in reversed(_entry_spans(lines)):
        if key in _LANG_KEYS:
            prefix = lines[start].split(":", 1)[0]
            out[start:end] = [f"{prefix}: {lang}"]
            continue
        if key not in own_set:
            continue
        field = collection.field(key) if collection is not None else None
        keep = key in OWN_ALWAYS or (field is not None and field.required and not field.has_default)
        if not keep:
            del out[start:end]
            continue
        is_list = field is not None and field.type is FieldType.LIST
        empty = "[]" if is_list else render_string("", quote, allow_plain=False)
        prefix = lines[start].split(":", 1)[0]
        out[start:end] = [f"{prefix}: {empty}"]
    fence = sibling_text[: block.body_start]
    closing = sibling_text[block.body_end : block.end]
    if not closing.endswith("\n"):
        closing += "\n"
    return fence + "\n".join(out) + ("\n" if out else "") + closing


def translation_file(
    family: Family,
    lang: str,
    sibling_text: str,
    own: Iterable[str],
    collection: Collection | None,
) -> NewPostFile | None:
    """The new file of family in lang, or None when the family shows no place for it."""
    path: Path | None = translation_path(family, lang)
    if path is None:
        return None
    return NewPostFile(
        lang, path, translation_text(sibling_text, own, lang=lang, collection=collection)
    )
