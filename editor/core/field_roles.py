"""Which frontmatter field is a post's date, its updated date and its hero image.

Sites name them differently: the Astro blog starter `pubDate` and `heroImage`, AstroWind
`publishDate` and `image`, astro-theme-cactus `publishDate` and `coverImage: {src, alt}`,
Hugo and Jekyll `date`, `lastmod` and `images: [...]`. The first name present wins, most
specific first; the index and the preview header ask here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["DATE_KEYS", "IMAGE_KEYS", "UPDATED_KEYS", "first_present", "hero_image"]

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


def first_present(data: Mapping[str, Any], keys: Sequence[str]) -> Any:
    """The value of the first of keys that data has (not empty), else None."""
    return next((data[key] for key in keys if _given(data.get(key))), None)


def hero_image(data: Mapping[str, Any]) -> Any:
    """The post's hero image as written (a path, usually), else None."""
    for key in IMAGE_KEYS:
        value = _image_of(data.get(key))
        if value is not None:
            return value
    return None


def _image_of(value: Any) -> Any:
    # One level of list and of mapping only: a value may be an alias bomb or contain itself.
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, Mapping):
        value = next((value[k] for k in _IMAGE_PATH_KEYS if _given(value.get(k))), None)
    return value if _given(value) and not isinstance(value, list | Mapping) else None
