"""A new post: one file per language, frontmatter from the schema and the site's habits."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from editor.core.frontmatter.write import render_key, render_string
from editor.core.schema.model import Collection, Field, FieldType
from editor.core.storage import StorageError, write_text_file
from editor.core.workspace.entries import PostEntry
from editor.core.workspace.families import Family, SiteFamilies, translation_path
from editor.core.workspace.habits import DateStyle, SiteHabits

__all__ = [
    "NewPostFile",
    "build_frontmatter",
    "new_post_files",
    "path_with_slug",
    "section_entries",
    "section_of",
    "sections",
    "slug_taken",
    "write_new_files",
]

_TITLE_KEYS = ("title",)


@dataclass(frozen=True)
class NewPostFile:
    """One file a new post (or translation) writes."""

    lang: str | None
    path: Path
    text: str


def sections(families: SiteFamilies) -> list[str]:
    """The site's sections (folders of families, e.g. src/content/blog), largest first."""
    counts: dict[str, int] = {}
    for family in families.families:
        counts[family.section] = counts.get(family.section, 0) + 1
    return sorted(counts, key=lambda s: (-counts[s], s))


def section_of(families: SiteFamilies, path: Path | None) -> str | None:
    """The section of the post at path, if it is one of the site's posts."""
    family = families.of(path) if path is not None else None
    return family.section if family is not None else None


def section_entries(families: SiteFamilies, section: str) -> list[PostEntry]:
    """Every post of a section."""
    return [p for f in families.families if f.section == section for p in f.posts]


def slug_taken(families: SiteFamilies, section: str, slug: str) -> str | None:
    """Where a post with this slug already lives in the section, or None."""
    for family in families.families:
        if family.section == section and family.slug.lower() == slug.lower():
            return family.posts[0].rel_path
    return None


def path_with_slug(entry: PostEntry, slug: str) -> Path:
    """entry's path with its slug replaced: `<slug>.ko.md`, or the folder of `<slug>/index.md`."""
    path = entry.path
    if path.parent.name == entry.slug and path.name.split(".")[0] in ("index", "_index"):
        return path.parent.with_name(slug) / path.name
    rest = path.name[len(entry.slug) :] if path.name.startswith(entry.slug) else path.suffix
    return path.with_name(slug + rest)


def new_post_files(
    families: SiteFamilies, section: str, slug: str, langs: Sequence[str | None]
) -> dict[str | None, Path]:
    """Where each language's file of a new post goes, named as the section names its posts."""
    entries = section_entries(families, section)
    entries.sort(key=lambda e: (e.date or "", e.mtime_ns), reverse=True)
    out: dict[str | None, Path] = {}
    model: PostEntry | None = None
    for lang in langs:
        like = next((e for e in entries if e.lang == lang), None)
        if like is not None:
            out[lang] = path_with_slug(like, slug)
            model = model or dataclasses.replace(like, path=out[lang], slug=slug)
    for lang in langs:
        if lang in out:
            continue
        if model is None and entries:
            first = entries[0]
            model = dataclasses.replace(first, path=path_with_slug(first, slug), slug=slug)
        target = None
        if model is not None and lang is not None:
            target = translation_path(Family(section, slug, section, (model,)), lang)
        if target is None:
            raise ValueError(f"No post of {section} shows where a {lang} post goes.")
        out[lang] = target
    return out


def _empty(field: Field | None, key: str, habits: SiteHabits) -> str | None:
    """The empty value a key is written with, None when it is better left out."""
    if key in habits.booleans:
        return habits.booleans[key]
    kind = field.type if field is not None else None
    if kind is FieldType.LIST or key in habits.lists:
        return "[]"
    if kind is FieldType.BOOLEAN:
        return "false"
    if kind in (FieldType.NUMBER, FieldType.OBJECT):
        return "" if field is not None and field.required and not field.has_default else None
    return render_string("", habits.quote, allow_plain=False)


def build_frontmatter(
    habits: SiteHabits,
    collection: Collection | None,
    *,
    title: str,
    slug: str,
    lang: str | None,
    now: dt.datetime,
) -> str:
    """The frontmatter block (with fences) of a new post in lang."""
    fields = {f.name: f for f in (collection.fields if collection else ())}
    required = [n for n, f in fields.items() if f.required and not f.has_default]
    wanted = set(required) | set(habits.common) | set(_TITLE_KEYS if "title" in fields else ())
    if not fields:
        wanted |= {"title"}
    order = [k for k in habits.order if k in wanted]
    order += [k for k in fields if k in wanted and k not in order]
    order += sorted(wanted - set(order))
    lines = ["---"]
    for key in order:
        field = fields.get(key)
        value: str | None
        if key in _TITLE_KEYS:
            value = render_string(title, habits.quote, allow_plain=True)
        elif key == habits.lang_key and lang is not None:
            value = lang
        elif key in habits.dates or (field is not None and field.type is FieldType.DATE):
            value = habits.dates.get(key, DateStyle()).render(now)
        elif key in habits.images:
            path = habits.images[key].replace("{slug}", slug)
            value = render_string(path, habits.quote, allow_plain=True)
        else:
            value = _empty(field, key, habits)
        if value is None:
            continue
        lines.append(f"{render_key(key)}: {value}".rstrip())
    lines.append("---")
    return "\n".join(lines) + "\n"


def write_new_files(files: Sequence[NewPostFile]) -> None:
    """Write every file, or none when one of them exists (nothing is ever overwritten)."""
    existing = [f.path for f in files if os.path.lexists(f.path)]
    if existing:
        raise StorageError(f"{existing[0]} already exists; nothing was written.")
    written: list[Path] = []
    try:
        for file in files:
            file.path.parent.mkdir(parents=True, exist_ok=True)
            write_text_file(file.path, file.text)
            written.append(file.path)
    except (OSError, StorageError) as exc:
        for path in written:  # all languages or none: a half-made post is a surprise
            path.unlink(missing_ok=True)
        raise StorageError(f"Could not write the new post: {exc}") from exc
