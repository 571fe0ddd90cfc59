"""Top-level entries as written: read a key's source lines, and replace them verbatim."""

from __future__ import annotations

import yaml

from editor.core.frontmatter.block import find_block
from editor.core.frontmatter.paths import PathError
from editor.core.frontmatter.text_patch import PatchError, TextPatch
from editor.core.frontmatter.tree import Slot, Tree, children, load_tree
from editor.core.frontmatter.yaml_values import strict_equal

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _top_slot(tree: Tree, key: str) -> Slot:
    if tree.root is None:
        raise PathError(f"“{key}” is not in the frontmatter.")
    for slot in children(tree, tree.root):
        if slot.key == key:
            if slot.flow:
                raise PatchError("The frontmatter is one {…} mapping; edit it in the text.")
            return slot
    raise PathError(f"“{key}” is not in the frontmatter.")


def entry_source(text: str, key: str) -> str:
    """The lines of a top-level key exactly as written (key line to its last value line)."""
    tree = load_tree(text)
    slot = _top_slot(tree, key)
    return tree.body[slot.line_start : slot.line_end]


def replace_entry(text: str, key: str, source: str) -> TextPatch | None:
    """Replace a top-level key's lines by source, which must define that key and no other.

    Every other key keeps its bytes; the new value is whatever source says, as written.
    """
    tree = load_tree(text)
    slot = _top_slot(tree, key)
    if not source.endswith("\n"):
        source += "\n"
    try:
        parsed = yaml.load(source, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise PatchError(f"Not valid YAML{where}: {problem}") from exc
    if not isinstance(parsed, dict) or list(parsed) != [key]:
        raise PatchError(f"The text must define “{key}” and nothing else.")
    old = tree.body[slot.line_start : slot.line_end]
    if old == source:
        return None
    start, end = tree.offset(slot.line_start), tree.offset(slot.line_end)
    patch = TextPatch(start, end, source)
    _check(tree, patch, key, parsed[key])
    return patch


def _check(tree: Tree, patch: TextPatch, key: str, value: object) -> None:
    new_text = patch.apply(tree.text)
    block = find_block(new_text)
    data = None
    if block is not None and block.kind == "yaml":
        try:
            data = yaml.load(new_text[block.body_start : block.body_end], Loader=_LOADER)
        except yaml.YAMLError:
            data = None
    expected = dict(tree.data)
    expected[key] = value
    if not isinstance(data, dict) or not strict_equal(data, expected):
        raise PatchError(f"Replacing “{key}” would change other fields; check its indentation.")
