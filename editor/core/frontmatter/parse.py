"""Parse the frontmatter block into data, or into an error with its document line."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler

from editor.core.frontmatter.block import FrontmatterBlock, find_block

__all__ = ["FrontmatterError", "ParsedFrontmatter", "parse_frontmatter"]

NOT_A_MAPPING = "frontmatter must be a mapping of keys to values"

_HANDLER = YAMLHandler()
_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_TOML_AT_END = re.compile(r"\s*\(at end of document\)\s*$")


@dataclass(frozen=True)
class FrontmatterError:
    """A frontmatter parse error located in the document."""

    message: str  # the parser's message, one line
    line: int  # 1-based line in the DOCUMENT (not in the block)
    column: int  # 1-based


@dataclass(frozen=True)
class ParsedFrontmatter:
    """The frontmatter block of a document with its data or its error."""

    block: FrontmatterBlock | None
    data: dict[str, Any]  # {} when no block or on error
    error: FrontmatterError | None
    body_start: int  # offset where the Markdown body starts (block.end, or 0)
    body_first_line: int  # 0-based line where the body starts


def _one_line(message: str) -> str:
    return " ".join(message.split())


def _line_column(body: str, index: int) -> tuple[int, int]:
    """0-based (line, column) of a str index inside the block body."""
    index = max(0, min(index, len(body)))
    line = body.count("\n", 0, index)
    column = index - (body.rfind("\n", 0, index) + 1)
    return line, column


def _first_content_line(body: str) -> int:
    """0-based line of the first line that is neither blank nor a comment."""
    for number, line in enumerate(body.split("\n")):
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            return number
    return 0


def _error(block: FrontmatterBlock, message: str, line: int, column: int) -> FrontmatterError:
    """Build an error from a 0-based (line, column) inside the block body."""
    return FrontmatterError(_one_line(message), block.body_first_line + line + 1, column + 1)


def _locate_construct_error(body: str) -> tuple[int, int]:
    """Find the scalar whose construction raised a non-YAML error (e.g. a bad date)."""
    # Construction errors such as `date: 2026-13-45` raise a bare ValueError with no mark,
    # so construct each scalar on its own to find the culprit.
    try:
        root = yaml.compose(body, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return 0, 0
    constructor = yaml.SafeLoader("")
    pending = [root] if root is not None else []
    while pending:
        node = pending.pop(0)
        if isinstance(node, yaml.ScalarNode):
            try:
                constructor.construct_object(node, deep=True)
            except Exception:
                return node.start_mark.line, node.start_mark.column
        elif isinstance(node, yaml.SequenceNode):
            pending[:0] = node.value
        elif isinstance(node, yaml.MappingNode):
            pending[:0] = [part for pair in node.value for part in pair]
    return 0, 0


def _yaml_error(block: FrontmatterBlock, body: str, exc: Exception) -> FrontmatterError:
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        message = exc.problem or exc.context or str(exc).split("\n", 1)[0]
        if mark is None:
            return _error(block, message, 0, 0)
        if mark.index is not None:
            # PyYAML also breaks lines at U+2028/U+0085; count "\n" only, like the editor.
            return _error(block, message, *_line_column(body, mark.index))
        return _error(block, message, mark.line, mark.column)
    if isinstance(exc, yaml.reader.ReaderError):
        line, column = _line_column(body, exc.position)
        return _error(block, str(exc).split("\n", 1)[0], line, column)
    if isinstance(exc, yaml.YAMLError):
        return _error(block, str(exc).split("\n", 1)[0], 0, 0)
    line, column = _locate_construct_error(body)
    return _error(block, str(exc) or type(exc).__name__, line, column)


def _load_yaml(
    block: FrontmatterBlock, body: str
) -> tuple[dict[str, Any], FrontmatterError | None]:
    try:
        # The handler's default loader is libyaml's CSafeLoader when available: fast.
        data = _HANDLER.load(body)
    except Exception:
        # libyaml's messages and marks differ from PyYAML's; the pure-Python loader is the
        # reference, so errors (rare) are reported from it, and its result wins if it loads.
        try:
            data = _HANDLER.load(body, Loader=yaml.SafeLoader)
        except Exception as exc:
            return {}, _yaml_error(block, body, exc)
    if data is None:
        # An empty block, or one holding only comments, is empty frontmatter.
        return {}, None
    if not isinstance(data, dict):
        return {}, _error(block, NOT_A_MAPPING, _first_content_line(body), 0)
    return data, None


def _load_toml(
    block: FrontmatterBlock, body: str
) -> tuple[dict[str, Any], FrontmatterError | None]:
    try:
        return tomllib.loads(body), None
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        found = _TOML_POSITION.search(message)
        if found:
            line, column = int(found.group(1)) - 1, int(found.group(2)) - 1
            return {}, _error(block, message[: found.start()], line, column)
        at_end = _TOML_AT_END.search(message)
        line = max(block.body_line_count - 1, 0)
        return {}, _error(block, message[: at_end.start()] if at_end else message, line, 0)


def parse_frontmatter(text: str) -> ParsedFrontmatter:
    """Find and parse the frontmatter of a document ("\\n" newlines)."""
    block = find_block(text)
    if block is None:
        return ParsedFrontmatter(None, {}, None, 0, 0)
    body = text[block.body_start : block.body_end]
    load = _load_toml if block.kind == "toml" else _load_yaml
    data, error = load(block, body)
    return ParsedFrontmatter(
        block=block,
        data=data,
        error=error,
        body_start=block.end,
        body_first_line=block.body_first_line + block.body_line_count + 1,
    )
