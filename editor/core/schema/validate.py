"""Check a post's frontmatter against its collection's fields, with document lines."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from editor.core.dates import is_date_value
from editor.core.frontmatter import FieldPath, format_path
from editor.core.frontmatter.block import FrontmatterBlock
from editor.core.frontmatter.parse import parse_frontmatter
from editor.core.schema.model import Collection, Field, FieldType

__all__ = ["Problem", "validate_post"]

PathPart = str | int
# Astro's loaders take `slug` from the frontmatter for the entry id, so it is not "unknown".
_RESERVED_KEYS = frozenset({"slug"})
_EXPECTED = {
    FieldType.TEXT: "text",
    FieldType.LONG_TEXT: "text",
    FieldType.NUMBER: "a number",
    FieldType.BOOLEAN: "true or false",
    FieldType.DATE: "a date",
    FieldType.IMAGE: "an image path",
    FieldType.LIST: "a list",
    FieldType.OBJECT: "a group of keys",
    FieldType.REFERENCE: "an entry id",
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a post's frontmatter, located on a document line."""

    path: FieldPath  # ("relatedPosts", 1, "score"); () for the whole frontmatter
    message: str  # one line, plain words
    line: int  # 1-based document line
    severity: str  # "error" | "warning"


def _found(value: Any) -> str:
    """What a value is, in the words of the messages."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, dt.date):
        return "a date"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, Mapping):
        return "a group of keys"
    return type(value).__name__


def _show(value: Any) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else text[:39] + "…"


class _Locator:
    """Lines of paths in the frontmatter, from the YAML node tree (composed lazily)."""

    def __init__(self, text: str, block: FrontmatterBlock) -> None:
        self.body = text[block.body_start : block.body_end]
        self.block = block
        self._root: yaml.Node | None = None
        self._composed = False

    def root(self) -> yaml.Node | None:
        if not self._composed:
            self._composed = True
            if self.block.kind == "yaml":
                try:
                    # The pure-Python composer: marks count "\n" lines like the editor.
                    self._root = yaml.compose(self.body, Loader=yaml.SafeLoader)
                except yaml.YAMLError:
                    self._root = None
        return self._root

    def line(self, parts: Sequence[PathPart]) -> int:
        """1-based document line of the deepest node found along the path."""
        if self.block.kind == "toml":
            return self._toml_line(parts)
        node = self.root()
        body_line: int | None = None
        for part in parts:
            if isinstance(node, yaml.MappingNode) and isinstance(part, str):
                pair = next(
                    (
                        (key, value)
                        for key, value in reversed(node.value)
                        if isinstance(key, yaml.ScalarNode) and key.value == part
                    ),
                    None,
                )
                if pair is None:
                    break
                body_line = pair[0].start_mark.line
                node = pair[1]
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                if part >= len(node.value):
                    break
                node = node.value[part]
                body_line = node.start_mark.line
            else:
                break
        if body_line is None:
            return 1  # the opening fence: the frontmatter as a whole
        return self.block.body_first_line + body_line + 1

    def _toml_line(self, parts: Sequence[PathPart]) -> int:
        if not parts or not isinstance(parts[0], str):
            return 1
        found = re.search(rf"(?m)^{re.escape(parts[0])}\s*=", self.body)
        if found is None:
            return 1
        return self.block.body_first_line + self.body.count("\n", 0, found.start()) + 1


class _Checker:
    def __init__(self, collection: Collection, locator: _Locator) -> None:
        self.collection = collection
        self.locator = locator
        self.problems: list[Problem] = []

    def report(self, parts: Sequence[PathPart], message: str, severity: str) -> None:
        self.problems.append(Problem(tuple(parts), message, self.locator.line(parts), severity))

    def mapping(
        self, data: Mapping[Any, Any], fields: Sequence[Field], parts: tuple[PathPart, ...]
    ) -> None:
        declared = {field.name for field in fields}
        for field in fields:
            if field.name in data:
                self.value(field, data[field.name], (*parts, field.name))
            elif field.required and not field.has_default:
                where = format_path((*parts, field.name))
                # The path names the missing key; its line is that of the nearest parent.
                self.report(
                    (*parts, field.name),
                    f"{where} is missing; the schema requires it.",
                    _sev(field),
                )
        for key in data:
            name = str(key)
            if name in declared or (not parts and name in _RESERVED_KEYS):
                continue
            self.report(
                (*parts, name), self._unknown_message(format_path((*parts, name))), "warning"
            )

    def _unknown_message(self, where: str) -> str:
        if self.collection.source == "inferred":
            return f"{where} is not used by the other posts; check the key's spelling."
        return (
            f"{where} is not in the {self.collection.name} schema; Astro's zod drops "
            "unknown keys, so the site never sees it."
        )

    def value(self, field: Field, value: Any, parts: tuple[PathPart, ...]) -> None:
        where = format_path(parts)
        severity = _sev(field)
        if field.type is FieldType.UNKNOWN:
            return
        if value is None:
            if not field.nullable:
                self.report(
                    parts,
                    f"{where} is empty; the schema expects {_expected(field)} "
                    "(give it a value or remove the key).",
                    severity,
                )
            return
        check = getattr(self, f"_{field.type.name.lower()}")
        check(field, value, parts, where, severity)

    def _wrong(self, field: Field, value: Any, parts: tuple[PathPart, ...], hint: str = "") -> None:
        where = format_path(parts)
        message = f"{where} is {_found(value)}, but the schema expects {_expected(field)}"
        self.report(parts, message + (f"; {hint}." if hint else "."), _sev(field))

    def _text(
        self, field: Field, value: Any, parts: tuple[PathPart, ...], where: str, sev: str
    ) -> None:
        if not isinstance(value, str):
            hint = "put it in quotes" if isinstance(value, int | float | dt.date) else ""
            self._wrong(field, value, parts, hint)
            return
        if field.min_length is not None and len(value) < field.min_length:
            self.report(
                parts,
                f"{where} has {len(value)} characters; the minimum is {field.min_length}.",
                sev,
            )
        if field.max_length is not None and len(value) > field.max_length:
            self.report(
                parts,
                f"{where} has {len(value)} characters; the maximum is {field.max_length}.",
                sev,
            )

    _long_text = _text

    def _image(
        self, field: Field, value: Any, parts: tuple[PathPart, ...], where: str, sev: str
    ) -> None:
        if not isinstance(value, str):
            self._wrong(field, value, parts)
        elif not value.strip():
            self.report(parts, f"{where} is blank; give an image path or remove the key.", sev)

    def _reference(
        self, field: Field, value: Any, parts: tuple[PathPart, ...], where: str, sev: str
    ) -> None:
        if isinstance(value, str):
            return
        if isinstance(value, Mapping) and ("id" in value or "slug" in value):
            return
        self._wrong(field, value, parts)

    def _number(
        self, field: Field, value: Any, parts: tuple[PathPart, ...], where: str, sev: str
    ) -> None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            hint = "remove the quotes" if isinstance(value, str) and _numeric(value) else ""
            self._wrong(field, value, parts, hint)
            return
        if field.integer and not float(value).is_integer():
            self.report(parts, f"{where} is {value}; the schema expects a whole number.", sev)
        if field.minimum is not None and value < field.minimum:
            self.report(parts, f"{where} is {value}, below the minimum {_num(field.minimum)}.", sev)
        if field.maximum is not None and value > field.maximum:
            self.report(parts, f"{where} is {value}, above the maximum {_num(field.maximum)}.", sev)

    def _boolean(
        self, field: Field, value: Any, parts: tuple[PathPart, ...], where: str, sev: str
    ) -> None:
        if not isinstance(value, bool):
            hint = "write true or false without quotes" if isinstance(value, str) else ""
            self._wrong(field, value, parts, hint)

    def _date(
        self, field: Field, value: Any, parts: tuple[PathPart, ...], where: str, sev: str
    ) -> None:
        if is_date_value(value):
            return
        if isinstance(value, str):
            self.report(
                parts, f"{where} is {_show(value)}, which is not a date (use YYYY-MM-DD).", sev
            )
        else:
            self._wrong(field, value, parts)

    def _enum(
        self, field: Field, value: Any, parts: tuple[PathPart, ...], where: str, sev: str
    ) -> None:
        if any(_same(value, choice) for choice in field.choices):
            return
        choices = ", ".join(_show(choice) for choice in field.choices)
        self.report(parts, f"{where} is {_show(value)}; it must be one of {choices}.", sev)

    def _list(
        self, field: Field, value: Any, parts: tuple[PathPart, ...], where: str, sev: str
    ) -> None:
        if not isinstance(value, list):
            self._wrong(field, value, parts)
            return
        if field.item is None:
            return
        for index, item in enumerate(value):
            self.value(field.item, item, (*parts, index))

    def _object(
        self, field: Field, value: Any, parts: tuple[PathPart, ...], where: str, sev: str
    ) -> None:
        if not isinstance(value, Mapping):
            self._wrong(field, value, parts)
            return
        self.mapping(value, field.fields, parts)


def _sev(field: Field) -> str:
    # A guessed field only suggests; a declared one is what the build will enforce.
    return "warning" if field.source == "inferred" else "error"


def _expected(field: Field) -> str:
    if field.type is FieldType.ENUM:
        return "one of " + ", ".join(_show(choice) for choice in field.choices)
    if field.type is FieldType.LIST and field.item is not None:
        item = field.item
        words = _EXPECTED.get(item.type)
        return f"a list of {_plural(words)}" if words else "a list"
    return _EXPECTED.get(field.type, "a value")


def _plural(words: str) -> str:
    plain = words.removeprefix("a ").removeprefix("an ")
    return plain if plain in ("text", "true or false") else plain + "s"


def _same(value: Any, choice: Any) -> bool:
    # YAML's true must not match a choice of 1, nor 1 a choice of true.
    return isinstance(value, bool) == isinstance(choice, bool) and value == choice


def _numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def validate_post(text: str, collection: Collection) -> list[Problem]:
    """Problems of a post's frontmatter against the collection's fields, in line order."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    parsed = parse_frontmatter(text)
    if parsed.error is not None:
        message = f"The frontmatter is not valid YAML: {parsed.error.message}."
        return [Problem((), message, parsed.error.line, "error")]
    block = parsed.block
    if block is None:
        required = [f.name for f in collection.fields if f.required and not f.has_default]
        if not required:
            return []
        names = ", ".join(required)
        message = f"This post has no frontmatter block; the schema requires {names}."
        return [Problem((), message, 1, _sev(collection.fields[0]))]
    if not collection.fields:
        return []  # a schema that was not read says nothing about the keys
    checker = _Checker(collection, _Locator(text, block))
    checker.mapping(parsed.data, collection.fields, ())
    return sorted(checker.problems, key=lambda problem: problem.line)
