"""Frontmatter: find the block, parse it, and patch it with minimal diffs."""

from __future__ import annotations

from editor.core.frontmatter.block import FrontmatterBlock, find_block
from editor.core.frontmatter.edit import (
    delete_path,
    insert_item,
    move_item,
    remove_item,
    set_value,
)
from editor.core.frontmatter.parse import FrontmatterError, ParsedFrontmatter, parse_frontmatter
from editor.core.frontmatter.patch import Scalar, delete_key, set_scalar, set_string_list
from editor.core.frontmatter.paths import (
    FieldPath,
    PathError,
    format_path,
    get_value,
    parse_path,
)
from editor.core.frontmatter.text_patch import PatchError, TextPatch

__all__ = [
    "FieldPath",
    "FrontmatterBlock",
    "FrontmatterError",
    "ParsedFrontmatter",
    "PatchError",
    "PathError",
    "Scalar",
    "TextPatch",
    "delete_key",
    "delete_path",
    "find_block",
    "format_path",
    "get_value",
    "insert_item",
    "move_item",
    "parse_frontmatter",
    "parse_path",
    "remove_item",
    "set_scalar",
    "set_string_list",
    "set_value",
]
