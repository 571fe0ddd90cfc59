"""Images a writer drops on a post: copied into the site's assets, referenced relatively."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".webp", ".avif", ".gif", ".svg"})


class AssetError(Exception):
    """The image could not be imported; the message says why, nothing was changed."""


def assets_folder(site_root: Path, post: Path, current: str | None = None) -> Path:
    """Where a post's images go: beside its current hero image, else the site's convention."""
    if current and "://" not in current:
        existing = (post.parent / current).resolve()
        if existing.parent.is_dir() and existing.parent.is_relative_to(site_root.resolve()):
            return existing.parent
    parts = post.resolve().relative_to(site_root.resolve()).parts
    # Astro keeps collection images in src/assets/<collection>/ (the sample site's layout).
    if len(parts) > 3 and parts[:2] == ("src", "content"):
        return site_root / "src" / "assets" / parts[2]
    return site_root / "src" / "assets"


def import_image(
    source: Path, site_root: Path, post: Path, slug: str, current: str | None = None
) -> str:
    """Copy source into the assets folder as `<slug>-hero<ext>` (or -2, -3 …).

    Returns the path to write into the frontmatter, relative to the post's folder.
    """
    suffix = source.suffix.lower()
    if suffix not in IMAGE_SUFFIXES:
        raise AssetError(
            f"{source.name} is not an image Postdesk imports ({', '.join(sorted(IMAGE_SUFFIXES))})"
        )
    if not source.is_file():
        raise AssetError(f"{source} does not exist")
    folder = assets_folder(site_root, post, current)
    target = folder / f"{slug}-hero{suffix}"
    counter = 2
    while target.exists() and not _same_file(source, target):
        target = folder / f"{slug}-hero-{counter}{suffix}"
        counter += 1
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            shutil.copy2(source, target)
    except OSError as exc:
        raise AssetError(
            f"could not copy {source.name} into {folder}: {exc.strerror or exc}"
        ) from exc
    return Path(os.path.relpath(target, post.parent)).as_posix()


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b) or a.read_bytes() == b.read_bytes()
    except OSError:
        return False
