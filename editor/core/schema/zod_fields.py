"""Turn zod expressions (as parsed by ts_parse) into Fields: z.string(), .optional(), …"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from editor.core.schema.model import MISSING, Field, FieldType, text_type_for
from editor.core.schema.ts_parse import (
    ArrayLit,
    Arrow,
    Call,
    Lit,
    Member,
    Module,
    Name,
    Node,
    ObjectLit,
    Opaque,
    Spread,
)

__all__ = ["ZodReader", "node_text"]

# Calls that check or reshape a value without changing what the frontmatter must hold.
_IGNORED_METHODS = frozenset(
    {
        "describe", "refine", "superRefine", "transform", "url", "email", "uuid", "cuid",
        "cuid2", "ulid", "regex", "trim", "toLowerCase", "toUpperCase", "startsWith",
        "endsWith", "includes", "datetime", "ip", "emoji", "brand", "readonly", "pipe",
        "passthrough", "strict", "strip", "catchall", "catch", "finite", "safe", "meta",
        "check", "overwrite", "date", "time", "duration", "base64", "nanoid", "cidr",
    }
)  # fmt: skip
_UNREAD_KINDS = frozenset(
    {
        "record", "map", "set", "tuple", "function", "promise", "lazy", "custom",
        "instanceof", "effect", "intersection", "discriminatedUnion", "nativeEnum", "symbol",
        "never", "void", "nan",
    }
)  # fmt: skip
_NULLISH_KINDS = frozenset({"null", "undefined"})
_MAX_DEPTH = 40


def node_text(node: Node, limit: int = 80) -> str:
    """Short TypeScript-like text of a node, for notes."""
    text = _render(node)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _render(node: Node) -> str:
    if isinstance(node, Name):
        return node.name
    if isinstance(node, Lit):
        return repr(node.value) if isinstance(node.value, str) else str(node.value).lower()
    if isinstance(node, Member):
        return f"{_render(node.obj)}.{node.name}"
    if isinstance(node, Call):
        return f"{_render(node.callee)}({', '.join(_render(arg) for arg in node.args)})"
    if isinstance(node, ArrayLit):
        return "[" + ", ".join(_render(item) for item in node.items) + "]"
    if isinstance(node, ObjectLit):
        return "{…}"
    if isinstance(node, Spread):
        return "..." + _render(node.value)
    if isinstance(node, Arrow):
        return f"({', '.join(node.params)}) => {_render(node.body)}"
    return node.text


def _literal(node: Node) -> Any:
    """The JSON-like value of a literal node; raise ValueError when it is not one."""
    if isinstance(node, Lit):
        return node.value
    if isinstance(node, ArrayLit):
        return [_literal(item) for item in node.items]
    if isinstance(node, ObjectLit):
        out: dict[str, Any] = {}
        for key, value in node.entries:
            if key is None:
                raise ValueError("spread")
            out[key] = _literal(value)
        return out
    raise ValueError(node_text(node))


def _unknown(name: str, note: str) -> Field:
    return Field(name, FieldType.UNKNOWN, note=note)


def _add_note(field: Field, note: str) -> Field:
    joined = f"{field.note}; {note}" if field.note else note
    return dataclasses.replace(field, note=joined)


class ZodReader:
    """Reads zod schemas of one module, following consts that hold schemas."""

    def __init__(self, module: Module, zod_names: frozenset[str] = frozenset({"z"})) -> None:
        self.module = module
        self.zod_names = zod_names
        self.image_names: frozenset[str] = frozenset({"image"})
        self.context_names: frozenset[str] = frozenset()  # `(ctx) => … ctx.image()`
        self._active: list[str] = []

    def resolve(self, node: Node) -> Node:
        """Follow a name to the const it refers to (once; cycles stay names)."""
        seen: set[str] = set()
        while isinstance(node, Name) and node.name in self.module.consts:
            if node.name in seen:
                break
            seen.add(node.name)
            node = self.module.consts[node.name]
        return node

    def schema_of(self, node: Node) -> Field:
        """The top-level field of a collection's `schema:` value (a function or a schema)."""
        resolved = self.resolve(node)
        if isinstance(resolved, Arrow):
            params = frozenset(resolved.params)
            self.image_names = params | {"image"}
            self.context_names = params
            node = resolved.body
        # An unresolved name goes through _named, which guards against self-reference.
        return self.field("", node)

    def field(self, name: str, node: Node) -> Field:
        """The field a zod expression declares; UNKNOWN with a note for what is not read."""
        if len(self._active) > _MAX_DEPTH:
            return _unknown(name, "schema nests too deep (recursive const?)")
        try:
            return self._field(name, node)
        except RecursionError:
            return _unknown(name, "schema nests too deep")
        except Exception as exc:  # a reader bug must not lose the other fields
            return _unknown(name, f"could not read {node_text(node)} ({exc})")

    # chains
    def _is_base(self, call: Call) -> bool:
        callee = call.callee
        if isinstance(callee, Name):
            return True
        if isinstance(callee, Member):
            obj = callee.obj
            if isinstance(obj, Name) and (
                obj.name in self.zod_names or obj.name in self.context_names
            ):
                return True
            if (
                isinstance(obj, Member)
                and obj.name == "coerce"
                and isinstance(obj.obj, Name)
                and obj.obj.name in self.zod_names
            ):
                return True
        return False

    def _field(self, name: str, node: Node) -> Field:
        methods: list[tuple[str, tuple[Node, ...]]] = []
        while (
            isinstance(node, Call) and isinstance(node.callee, Member) and not self._is_base(node)
        ):
            methods.append((node.callee.name, node.args))
            node = node.callee.obj
        methods.reverse()
        field = self._base(name, node)
        for method, args in methods:
            field = self._apply(field, method, args)
        return field

    def _base(self, name: str, node: Node) -> Field:
        if isinstance(node, Opaque):
            return _unknown(name, f"not read ({node.reason}): {node.text[:80]}")
        if isinstance(node, Name):
            return self._named(name, node.name)
        if isinstance(node, Member) and node.name == "shape":
            return self._field(name, node.obj)
        if not isinstance(node, Call):
            return _unknown(name, f"not a zod schema: {node_text(node)}")
        callee = node.callee
        if isinstance(callee, Name):
            if callee.name in self.image_names:
                return Field(name, FieldType.IMAGE)
            if callee.name == "reference" and node.args:
                target = self.resolve(node.args[0])
                target_name = target.value if isinstance(target, Lit) else None
                return Field(name, FieldType.REFERENCE, collection=target_name)
            return _unknown(name, f"{node_text(node)} is not a zod schema this editor reads")
        assert isinstance(callee, Member)
        if isinstance(callee.obj, Name) and callee.obj.name in self.context_names:
            if callee.name == "image":
                return Field(name, FieldType.IMAGE)
            return _unknown(name, f"{node_text(node)} is not read")
        coerce = isinstance(callee.obj, Member)
        return self._zod(name, callee.name, node.args, coerce, node)

    def _named(self, name: str, ref: str) -> Field:
        if ref in self.module.consts and ref not in self._active:
            self._active.append(ref)
            try:
                found = self._field(name, self.module.consts[ref])
            finally:
                self._active.pop()
            return dataclasses.replace(found, name=name)
        if ref in self._active:
            return _unknown(name, f"{ref} refers to itself (z.lazy recursion is not read)")
        if ref in self.module.imports:
            return _unknown(name, f"{ref} is imported from another file, which is not read")
        return _unknown(name, f"{ref} is not defined in the config file")

    def _zod(self, name: str, kind: str, args: tuple[Node, ...], coerce: bool, node: Node) -> Field:
        simple = {
            "string": text_type_for(name),
            "number": FieldType.NUMBER,
            "boolean": FieldType.BOOLEAN,
            "date": FieldType.DATE,
        }
        if kind in simple:
            return Field(name, simple[kind])
        if kind == "bigint":
            return Field(name, FieldType.NUMBER, integer=True)
        if kind in ("array",) and args:
            return Field(name, FieldType.LIST, item=self.field("item", args[0]))
        if kind in ("object", "strictObject", "looseObject"):
            return Field(name, FieldType.OBJECT, fields=self._object_fields(args))
        if kind == "enum" and args:
            values = self.resolve(args[0])
            try:
                choices = _literal(values)
            except ValueError:
                return _unknown(name, f"z.enum of {node_text(values)} is not a literal list")
            if isinstance(choices, dict):
                choices = list(choices.values())
            return Field(name, FieldType.ENUM, choices=tuple(choices))
        if kind == "literal" and args:
            try:
                return Field(name, FieldType.ENUM, choices=(_literal(self.resolve(args[0])),))
            except ValueError:
                return _unknown(name, f"z.literal of {node_text(args[0])} is not a literal")
        if kind == "union" and args and isinstance(self.resolve(args[0]), ArrayLit):
            options = self.resolve(args[0])
            assert isinstance(options, ArrayLit)
            return self._union(name, list(options.items))
        if kind in ("optional", "nullable", "nullish") and args:
            return self._apply(self.field(name, args[0]), kind, ())
        if kind == "preprocess" and len(args) > 1:
            return _add_note(self.field(name, args[1]), "value is preprocessed before checks")
        if kind in ("any", "unknown"):
            return _unknown(name, f"z.{kind}() accepts any value")
        if kind in _NULLISH_KINDS:
            return _unknown(name, f"z.{kind}() holds only {kind}")
        if kind in _UNREAD_KINDS:
            return _unknown(name, f"z.{kind}() is not read by the editor")
        return _unknown(name, f"{node_text(node)} is not read by the editor")

    def _is_nullish(self, node: Node) -> str | None:
        node = self.resolve(node)
        if (
            isinstance(node, Call)
            and isinstance(node.callee, Member)
            and isinstance(node.callee.obj, Name)
            and node.callee.obj.name in self.zod_names
            and node.callee.name in _NULLISH_KINDS
        ):
            return node.callee.name
        return None

    def _union(self, name: str, options: list[Any]) -> Field:
        nullable = optional = False
        fields: list[Field] = []
        for option in options:
            if isinstance(option, _FieldNode):
                fields.append(option.field)
                continue
            nullish = self._is_nullish(option)
            if nullish == "null":
                nullable = True
            elif nullish == "undefined":
                optional = True
            else:
                fields.append(self.field(name, option))
        merged = self._merge_union(name, fields)
        if nullable:
            merged = dataclasses.replace(merged, nullable=True)
        if optional:
            merged = dataclasses.replace(merged, required=False)
        return merged

    def _merge_union(self, name: str, fields: list[Field]) -> Field:
        if not fields:
            return _unknown(name, "a union of null/undefined only")
        if len(fields) == 1:
            return fields[0]
        if all(field.type is FieldType.ENUM for field in fields):
            choices = tuple(dict.fromkeys(c for field in fields for c in field.choices))
            return Field(name, FieldType.ENUM, choices=choices)
        types = {field.type for field in fields}
        if len(types) == 1 and types <= {FieldType.TEXT, FieldType.LONG_TEXT, FieldType.DATE}:
            return fields[0]
        names = " | ".join(dict.fromkeys(field.type.value for field in fields))
        return _unknown(name, f"a union of {names} is not read as one type")

    def _object_fields(self, args: tuple[Node, ...]) -> tuple[Field, ...]:
        if not args:
            return ()
        shape = self.resolve(args[0])
        if not isinstance(shape, ObjectLit):
            found = self.field("", shape)
            return found.fields
        fields: dict[str, Field] = {}
        for key, value in shape.entries:
            if key is None and isinstance(value, Spread):
                # `...base.shape` or `...sharedFields`: the spread object's fields.
                spread = self.field("", value.value)
                if spread.type is FieldType.OBJECT:
                    fields.update((sub.name, sub) for sub in spread.fields)
                else:
                    inner = self.resolve(value.value)
                    if isinstance(inner, ObjectLit):
                        fields.update((f.name, f) for f in self._object_fields((inner,)))
                continue
            if key is not None:
                fields[key] = self.field(key, value)
        return tuple(fields.values())

    # methods
    def _apply(self, field: Field, method: str, args: tuple[Node, ...]) -> Field:
        handler: Callable[[Field, tuple[Node, ...]], Field] | None = getattr(
            self, f"_m_{method}", None
        )
        if handler is not None:
            return handler(field, args)
        if method in ("min", "max", "gte", "lte", "gt", "lt", "length"):
            return self._bound(field, method, args)
        if method in _IGNORED_METHODS:
            return field
        if field.type is FieldType.UNKNOWN:
            return field
        return _add_note(field, f".{method}() is not read")

    def _m_optional(self, field: Field, args: tuple[Node, ...]) -> Field:
        return dataclasses.replace(field, required=False)

    def _m_nullable(self, field: Field, args: tuple[Node, ...]) -> Field:
        return dataclasses.replace(field, nullable=True)

    def _m_nullish(self, field: Field, args: tuple[Node, ...]) -> Field:
        return dataclasses.replace(field, required=False, nullable=True)

    def _m_default(self, field: Field, args: tuple[Node, ...]) -> Field:
        try:
            value = _literal(self.resolve(args[0])) if args else MISSING
        except ValueError:
            return dataclasses.replace(
                _add_note(field, "default computed at build time"), required=False
            )
        return dataclasses.replace(field, required=False, default=value)

    def _m_array(self, field: Field, args: tuple[Node, ...]) -> Field:
        return Field(field.name, FieldType.LIST, item=dataclasses.replace(field, name="item"))

    def _m_int(self, field: Field, args: tuple[Node, ...]) -> Field:
        return dataclasses.replace(field, integer=True)

    def _m_positive(self, field: Field, args: tuple[Node, ...]) -> Field:
        return dataclasses.replace(field, minimum=0)

    def _m_nonnegative(self, field: Field, args: tuple[Node, ...]) -> Field:
        return dataclasses.replace(field, minimum=0)

    def _m_nonempty(self, field: Field, args: tuple[Node, ...]) -> Field:
        if field.type in (FieldType.TEXT, FieldType.LONG_TEXT):
            return dataclasses.replace(field, min_length=1)
        return field

    def _m_or(self, field: Field, args: tuple[Node, ...]) -> Field:
        return self._union(field.name, [_FieldNode(field), *args])

    def _m_extend(self, field: Field, args: tuple[Node, ...]) -> Field:
        if field.type is not FieldType.OBJECT:
            return _add_note(field, ".extend() on a non-object")
        added = self._object_fields(args)
        return dataclasses.replace(field, fields=_merged(field.fields, added))

    def _m_merge(self, field: Field, args: tuple[Node, ...]) -> Field:
        other = self.field(field.name, args[0]) if args else None
        if other is None or other.type is not FieldType.OBJECT:
            return _add_note(field, ".merge() of a schema that is not read")
        return dataclasses.replace(field, fields=_merged(field.fields, other.fields))

    def _m_partial(self, field: Field, args: tuple[Node, ...]) -> Field:
        subs = tuple(dataclasses.replace(sub, required=False) for sub in field.fields)
        return dataclasses.replace(field, fields=subs)

    def _m_required(self, field: Field, args: tuple[Node, ...]) -> Field:
        subs = tuple(dataclasses.replace(sub, required=True) for sub in field.fields)
        return dataclasses.replace(field, fields=subs)

    def _m_pick(self, field: Field, args: tuple[Node, ...]) -> Field:
        keys = self._mask(args)
        return dataclasses.replace(field, fields=tuple(s for s in field.fields if s.name in keys))

    def _m_omit(self, field: Field, args: tuple[Node, ...]) -> Field:
        keys = self._mask(args)
        return dataclasses.replace(
            field, fields=tuple(s for s in field.fields if s.name not in keys)
        )

    def _mask(self, args: tuple[Node, ...]) -> set[str]:
        mask = self.resolve(args[0]) if args else ObjectLit(())
        return {key for key, _ in mask.entries if key} if isinstance(mask, ObjectLit) else set()

    def _bound(self, field: Field, method: str, args: tuple[Node, ...]) -> Field:
        value = self.resolve(args[0]) if args else None
        if not isinstance(value, Lit) or not isinstance(value.value, int | float):
            return field
        number = value.value
        lower = method in ("min", "gte", "gt")
        if field.type is FieldType.NUMBER:
            if method == "length":
                return field
            if lower:
                return dataclasses.replace(field, minimum=number)
            return dataclasses.replace(field, maximum=number)
        if field.type in (FieldType.TEXT, FieldType.LONG_TEXT):
            if method == "length":
                return dataclasses.replace(field, min_length=int(number), max_length=int(number))
            if lower:
                return dataclasses.replace(field, min_length=int(number))
            return dataclasses.replace(field, max_length=int(number))
        return field  # list and date bounds: not modelled


@dataclasses.dataclass(frozen=True)
class _FieldNode:
    """An already-read field standing in a union's option list (for `.or()`)."""

    field: Field


def _merged(first: tuple[Field, ...], second: tuple[Field, ...]) -> tuple[Field, ...]:
    added = {sub.name: sub for sub in second}
    kept = [added.pop(sub.name, sub) for sub in first]
    return (*kept, *added.values())
