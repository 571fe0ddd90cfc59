"""Frontmatter: find the block, parse it, and patch it with minimal diffs."""

from __future__ import annotations

from editor.core.frontmatter.block import FrontmatterBlock, find_block
from editor.core.frontmatter.parse import FrontmatterError, ParsedFrontmatter, parse_frontmatter
from editor.core.frontmatter.patch import (
    PatchError,
    Scalar,
    TextPatch,
    delete_key,
    set_scalar,
    set_string_list,
)

__all__ = [
    "FrontmatterBlock",
    "FrontmatterError",
    "ParsedFrontmatter",
    "PatchError",
    "Scalar",
    "TextPatch",
    "delete_key",
    "find_block",
    "parse_frontmatter",
    "set_scalar",
    "set_string_list",
]
