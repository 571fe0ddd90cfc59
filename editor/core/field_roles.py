"""Which frontmatter field is a post's date, its updated date and its hero image.

Sites name them differently: the Astro blog starter `pubDate` and `heroImage`, AstroWind
`publishDate` and `image`, astro-theme-cactus `publishDate` and `coverImage: {src, alt}`,
Hugo and Jekyll `date`, `lastmod` and `images: [...]`. The first name present wins, most
specific first; the index and the preview header ask here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = [
    "DATE_KEYS",
    "DEFAULT_ROLES",
    "IMAGE_KEYS",
    "ROLE_NAMES",
    "UPDATED_KEYS",
    "FieldRoles",
    "first_present",
    "hero_image",
]

DATE_KEYS = (
    "pubDate",
    "publishDate",
    "pubDatetime",
    "publishedAt",
    "date",
    "published",
    "created",
)
UPDATED_KEYS = (
    "updatedDate", "updated", "updatedAt", "lastmod", "lastModified", "modified", "modDatetime",
)  # fmt: skip
IMAGE_KEYS = (
    "heroImage",
    "coverImage",
    "cover",
    "image",
    "featuredImage",
    "featured_image",
    "thumbnail",
    "banner",
    "images",
)
# Where an image given as a mapping keeps its path (`coverImage: {src: …, alt: …}`,
# PaperMod's `cover: {image: …}`, jekyll-seo-tag's `image: {path: …}`).
_IMAGE_PATH_KEYS = ("src", "url", "path", "image")


def _given(value: Any) -> bool:
    return value is not None and str(value).strip() != ""


def _at(data: Mapping[str, Any], key: str) -> Any:
    """data's value at a key, or at a dotted path (`cover.src`) through mappings."""
    value: Any = data
    for part in key.split("."):
        value = value.get(part) if isinstance(value, Mapping) else None
    return value


def first_present(data: Mapping[str, Any], keys: Sequence[str]) -> Any:
    """The value of the first of keys (or dotted paths) data has (not empty), else None."""
    return next((value for key in keys if _given(value := _at(data, key))), None)


def hero_image(data: Mapping[str, Any], keys: Sequence[str] = IMAGE_KEYS) -> Any:
    """The post's hero image as written (a path, usually), else None."""
    for key in keys:
        value = _image_of(_at(data, key))
        if value is not None:
            return value
    return None


ROLE_NAMES = ("date", "updated", "image")


@dataclass(frozen=True)
class FieldRoles:
    """The fields (names or dotted paths) tried for each role, first match wins."""

    date: tuple[str, ...] = DATE_KEYS
    updated: tuple[str, ...] = UPDATED_KEYS
    image: tuple[str, ...] = IMAGE_KEYS

    @classmethod
    def with_first(cls, chosen: Mapping[str, str]) -> FieldRoles:
        """The usual names, after the ones a site chose (`.postdesk.json` "fieldRoles")."""

        def keys(role: str, usual: tuple[str, ...]) -> tuple[str, ...]:
            first = chosen.get(role)
            return (first, *(key for key in usual if key != first)) if first else usual

        return cls(
            keys("date", DATE_KEYS), keys("updated", UPDATED_KEYS), keys("image", IMAGE_KEYS)
        )


DEFAULT_ROLES = FieldRoles()


def _image_of(value: Any) -> Any:
    # One level of list and of mapping only: a value may be an alias bomb or contain itself.
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, Mapping):
        value = next((value[k] for k in _IMAGE_PATH_KEYS if _given(value.get(k))), None)
    return value if _given(value) and not isinstance(value, list | Mapping) else None
