"""Frontmatter: find the block, parse it, and patch it with minimal diffs.

An edit reads forward: `requests` (the edit language) -> `edit` (one operation: load,
verify) -> `locate` (find the node) -> `splice` (build the text edits) -> `write` (render
values in the file's style).
"""

from __future__ import annotations

from editor.core.frontmatter.block import FrontmatterBlock, find_block
from editor.core.frontmatter.edit import (
    delete_path,
    entry_source,
    insert_item,
    move_item,
    remove_item,
    remove_value,
    replace_entry,
    set_value,
)
from editor.core.frontmatter.parse import FrontmatterError, ParsedFrontmatter, parse_frontmatter
from editor.core.frontmatter.paths import (
    FieldPath,
    PathError,
    format_path,
    get_value,
    parse_path,
)
from editor.core.frontmatter.requests import (
    DeleteValue,
    EditRequest,
    InsertItem,
    MoveItem,
    RemoveItem,
    RemoveValue,
    ReplaceEntry,
    SetValue,
    apply_request,
    merge_key,
)
from editor.core.frontmatter.text_patch import PatchError, TextPatch, trimmed_patch

__all__ = [
    "DeleteValue",
    "EditRequest",
    "FieldPath",
    "FrontmatterBlock",
    "FrontmatterError",
    "InsertItem",
    "MoveItem",
    "ParsedFrontmatter",
    "PatchError",
    "PathError",
    "RemoveItem",
    "RemoveValue",
    "ReplaceEntry",
    "SetValue",
    "TextPatch",
    "apply_request",
    "delete_path",
    "entry_source",
    "find_block",
    "format_path",
    "get_value",
    "insert_item",
    "merge_key",
    "move_item",
    "parse_frontmatter",
    "parse_path",
    "remove_item",
    "remove_value",
    "replace_entry",
    "set_value",
    "trimmed_patch",
]
