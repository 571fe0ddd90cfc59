"""The site around a post: its root, its content folders, and which files are posts."""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator
from pathlib import Path

import yaml

__all__ = [
    "POST_SUFFIXES",
    "SKIP_DIR_NAMES",
    "content_roots",
    "find_site_root",
    "is_ignored",
    "is_post_file",
    "iter_post_files",
]

# Tooling and build output only: `public/` (Hugo's output, but Astro's static input) and
# `build/` may hold real content in some sites, so they are not skipped.
SKIP_DIR_NAMES: frozenset[str] = frozenset(
    {"node_modules", ".git", "dist", ".astro", ".cache", "__pycache__", ".venv", "venv"}
)
POST_SUFFIXES = (".md", ".markdown", ".mdx")

_ASTRO_MARKERS = (
    "astro.config.mjs",
    "astro.config.ts",
    "astro.config.js",
    "astro.config.cjs",
    "astro.config.mts",
    "src/content.config.ts",
    "src/content/config.ts",
)
_HUGO_MARKERS = ("hugo.toml", "hugo.yaml")
_JEKYLL_MARKERS = ("_config.yml",)
_OTHER_MARKERS = (
    ".eleventy.js",
    "eleventy.config.js",
    "eleventy.config.mjs",
    "eleventy.config.cjs",
    "package.json",
    ".git",
)


def _is_astro(directory: Path) -> bool:
    return any((directory / marker).exists() for marker in _ASTRO_MARKERS)


def _is_hugo(directory: Path) -> bool:
    if any((directory / marker).is_file() for marker in _HUGO_MARKERS):
        return True
    # `config.toml` alone is too common a name; with a content/ folder it is Hugo's.
    return (directory / "config.toml").is_file() and (directory / "content").is_dir()


def _is_jekyll(directory: Path) -> bool:
    return (directory / "_config.yml").is_file()


def _has_marker(directory: Path) -> bool:
    return (
        _is_astro(directory)
        or _is_hugo(directory)
        or _is_jekyll(directory)
        or any((directory / marker).exists() for marker in _OTHER_MARKERS)
    )


def find_site_root(path: Path) -> Path:
    """The site folder of a file (nearest ancestor with a site marker); a folder is its own."""
    path = Path(os.path.abspath(path))
    if path.is_dir():
        return path
    for directory in path.parents:
        if _has_marker(directory):
            return directory
    return path.parent


def _jekyll_roots(site_root: Path) -> list[Path]:
    try:
        config = yaml.safe_load((site_root / "_config.yml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        config = None
    config = config if isinstance(config, dict) else {}
    base = site_root
    collections_dir = config.get("collections_dir")
    if isinstance(collections_dir, str) and collections_dir.strip():
        base = site_root / collections_dir.strip()
    names = ["posts", "drafts"]
    collections = config.get("collections")
    if isinstance(collections, dict):
        names += [str(name) for name in collections]
    elif isinstance(collections, list):
        names += [str(name) for name in collections if isinstance(name, str)]
    return [base / f"_{name}" for name in dict.fromkeys(names)]


def _astro_roots(site_root: Path) -> list[Path]:
    """The folders of the content config's collections (a glob() loader's base, e.g.
    AstroWind's `src/data/post`), else src/content."""
    # Imported here: the schema package imports this module.
    from editor.core.schema.astro_config import find_config

    config = find_config(site_root)
    bases: tuple[Path, ...] = ()
    if config is not None:
        try:
            stat = config.stat()
            bases = _collection_bases(site_root, config, stat.st_mtime_ns, stat.st_size)
        except OSError:
            bases = ()
    return list(bases) or [site_root / "src" / "content"]


@functools.lru_cache(maxsize=8)
def _collection_bases(site_root: Path, config: Path, _mtime: int, _size: int) -> tuple[Path, ...]:
    # Cached per version of the config file: every applied batch of file events asks.
    from editor.core.schema.astro_config import read_astro_config

    collections = read_astro_config(site_root).collections or ()
    bases = [c.base for c in collections if c.base is not None and _holds_posts(c.pattern)]
    # A base inside another base is walked with it.
    return tuple(
        base
        for base in dict.fromkeys(bases)
        if not any(other != base and other in base.parents for other in bases)
    )


def _holds_posts(pattern: str) -> bool:
    """True when a collection's glob pattern matches Markdown files (not a data collection's
    `**/*.{json,yaml}` or a file() loader's `authors.json`)."""
    from editor.core.schema.globs import glob_matches

    return any(
        glob_matches(pattern, f"{folder}post{suffix}")
        for folder in ("", "a/", "a/b/")
        for suffix in POST_SUFFIXES
    )


def content_roots(site_root: Path) -> list[Path]:
    """Folders holding the site's posts; [site_root] when the generator is unknown."""
    candidates: list[Path] = []
    if _is_astro(site_root):
        candidates.extend(_astro_roots(site_root))
    if _is_hugo(site_root):
        candidates.append(site_root / "content")
    if _is_jekyll(site_root):
        candidates.extend(_jekyll_roots(site_root))
    roots = [root for root in dict.fromkeys(candidates) if root.is_dir()]
    return roots or [site_root]


def is_post_file(path: Path) -> bool:
    """True for a Markdown/MDX file name that is not hidden (judged by name only)."""
    name = path.name
    return not name.startswith(".") and name.lower().endswith(POST_SUFFIXES)


def _skipped(name: str) -> bool:
    return name in SKIP_DIR_NAMES or name.startswith(".")


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def iter_post_files(root: Path) -> Iterator[Path]:
    """Posts below root, in name order per folder, skipping tooling and hidden folders."""
    real_root = os.path.realpath(root)
    visited: set[str] = {real_root}

    def walk(directory: str, folder: Path) -> Iterator[Path]:
        # `folder / name` parses only the name: building each post's Path from its whole
        # string was most of a 20,000-post walk.
        try:
            with os.scandir(directory) as scan:
                found = sorted(scan, key=lambda entry: entry.name)
        except OSError:
            return  # unreadable or vanished meanwhile: nothing to list
        for entry in found:
            name = entry.name
            try:
                is_dir = entry.is_dir()
                is_link = entry.is_symlink()
            except OSError:
                continue
            if is_dir:
                if _skipped(name):
                    continue
                if is_link:
                    # A linked folder is followed only while it stays inside the root,
                    # and only once, so links cannot loop or leave the workspace.
                    target = os.path.realpath(entry.path)
                    if not _inside(target, real_root) or target in visited:
                        continue
                    visited.add(target)
                yield from walk(entry.path, folder / name)
            elif not name.startswith(".") and name.lower().endswith(POST_SUFFIXES):
                try:
                    if not entry.is_file():
                        continue
                except OSError:
                    continue
                if is_link and not _inside(os.path.realpath(entry.path), real_root):
                    continue
                yield folder / name

    yield from walk(os.fspath(root), Path(root))


def is_ignored(path: Path, site_root: Path) -> bool:
    """True if a path is outside the site or below a skipped or hidden folder (or hidden)."""
    try:
        relative = Path(os.path.abspath(path)).relative_to(os.path.abspath(site_root))
    except ValueError:
        return True
    return any(_skipped(part) for part in relative.parts)
