"""The workspace: the site's root and content folders, and the index of its posts."""

from __future__ import annotations

from editor.core.workspace.entries import LANGUAGE_CODES, PostEntry, read_post_entry
from editor.core.workspace.index import PostIndex
from editor.core.workspace.site import (
    POST_SUFFIXES,
    SKIP_DIR_NAMES,
    content_roots,
    find_site_root,
    is_ignored,
    is_post_file,
    iter_post_files,
)

__all__ = [
    "LANGUAGE_CODES",
    "POST_SUFFIXES",
    "SKIP_DIR_NAMES",
    "PostEntry",
    "PostIndex",
    "content_roots",
    "find_site_root",
    "is_ignored",
    "is_post_file",
    "iter_post_files",
    "read_post_entry",
]
