"""Switching between a post's languages: their labels, the next one, the one to compare with."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from editor.core.workspace.families import Family

__all__ = [
    "LanguageSlot",
    "beside_language",
    "language_label",
    "language_slots",
    "native_name",
    "step_language",
]

# The languages sites are most often written in, named as their readers name them.
NATIVE_NAMES = {
    "ar": "العربية",
    "de": "Deutsch",
    "en": "English",
    "es": "Español",
    "fr": "Français",
    "hi": "हिन्दी",
    "id": "Bahasa Indonesia",
    "it": "Italiano",
    "ja": "日本語",
    "ko": "한국어",
    "nl": "Nederlands",
    "pl": "Polski",
    "pt": "Português",
    "pt-br": "Português (Brasil)",
    "ru": "Русский",
    "sv": "Svenska",
    "th": "ไทย",
    "tr": "Türkçe",
    "uk": "Українська",
    "vi": "Tiếng Việt",
    "zh": "中文",
    "zh-cn": "简体中文",
    "zh-hans": "简体中文",
    "zh-hant": "繁體中文",
    "zh-tw": "繁體中文",
}


def native_name(code: str) -> str | None:
    """The language's own name for itself (`ja` -> 日本語), by full code then primary subtag."""
    code = code.lower().replace("_", "-")
    return NATIVE_NAMES.get(code) or NATIVE_NAMES.get(code.split("-")[0])


def language_label(code: str) -> str:
    """What a language button shows: `KO 한국어`, or the code alone for an unknown one."""
    name = native_name(code)
    return f"{code.upper()} {name}" if name else code.upper()


@dataclass(frozen=True)
class LanguageSlot:
    """One site language as the bar shows it for the open post's family."""

    lang: str
    post: Path | None  # the family's post in this language; None when it is missing
    current: bool


def language_slots(
    family: Family, site_languages: Sequence[str], current: Path | None
) -> list[LanguageSlot]:
    """One slot per site language (then any other language the family has), in site order."""
    order = list(dict.fromkeys([*site_languages, *family.languages]))
    slots = []
    for lang in order:
        entry = family.post(lang)
        path = entry.path if entry is not None else None
        slots.append(LanguageSlot(lang, path, path is not None and path == current))
    return slots


def step_language(family: Family, current: Path, delta: int) -> Path | None:
    """The family's post delta languages after the current one (wrapping), or None alone."""
    present = [p.path for p in family.posts if p.lang is not None]
    if len(present) < 2 or current not in present:
        return None
    return present[(present.index(current) + delta) % len(present)]


def beside_language(family: Family, current: Path) -> str | None:
    """The language to compare with: the source (first) language for a translation, else the
    next language the family has; None when the post has no sibling."""
    langs = family.languages
    entry = next((p for p in family.posts if p.path == current), None)
    if entry is None or entry.lang is None or len(langs) < 2:
        return None
    if entry.lang != langs[0]:
        return langs[0]
    return langs[1]
