"""A tokenizer and recursive-descent parser for the TypeScript subset of content configs.

It reads module-level `const` declarations and `export const` into a tiny expression tree
(names, literals, arrays, objects, calls, member access, arrow functions). It is not a
TypeScript parser: anything outside that subset inside a value becomes an `Opaque` node
holding its source text, so one odd field never hides its neighbours. Only a file that
cannot even be tokenized or whose brackets do not balance raises `ConfigSyntaxError`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from editor.core.schema.ts_tokens import ConfigSyntaxError, Token, line_of, tokenize

__all__ = [
    "ArrayLit",
    "Arrow",
    "Call",
    "ConfigSyntaxError",
    "Lit",
    "Member",
    "Module",
    "Name",
    "Node",
    "ObjectLit",
    "Opaque",
    "Spread",
    "parse_module",
]


class _ValueError(Exception):
    """One value uses syntax outside the subset; the caller turns it into an Opaque node."""


# ---- tree -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Name:
    """An identifier."""

    name: str


@dataclass(frozen=True)
class Lit:
    """A string, number, boolean, null or undefined literal."""

    value: Any


@dataclass(frozen=True)
class ArrayLit:
    """`[a, b]`."""

    items: tuple[Node, ...]


@dataclass(frozen=True)
class ObjectLit:
    """`{ key: value, short, ...spread }` in source order (a Spread's key is None)."""

    entries: tuple[tuple[str | None, Node], ...]


@dataclass(frozen=True)
class Spread:
    """`...expr` inside an object or array."""

    value: Node


@dataclass(frozen=True)
class Call:
    """`callee(args)`."""

    callee: Node
    args: tuple[Node, ...]


@dataclass(frozen=True)
class Member:
    """`obj.name` (and `obj?.name`)."""

    obj: Node
    name: str


@dataclass(frozen=True)
class Arrow:
    """`(params) => body`; params lists every name bound, destructured ones included."""

    params: tuple[str, ...]
    body: Node


@dataclass(frozen=True)
class Opaque:
    """A value outside the subset: its source text and why it was not read."""

    text: str
    reason: str


Node = Name | Lit | ArrayLit | ObjectLit | Spread | Call | Member | Arrow | Opaque


@dataclass
class Module:
    """What a config module declares at the top level."""

    consts: dict[str, Node] = field(default_factory=dict)  # `const x = …` (exported or not)
    imports: set[str] = field(default_factory=set)  # names bound by import statements
    exports: dict[str, Node] = field(default_factory=dict)  # `export const x = …`


# ---- parser ---------------------------------------------------------------------------

_OPEN = {"(": ")", "[": "]", "{": "}"}
_CLOSE = {")", "]", "}"}
_END_OF_VALUE = {",", ")", "]", "}", ";"}
_STATEMENT_KEYWORDS = {"import", "export", "const", "let", "var", "function", "type", "interface"}
_LITERAL_NAMES = {"true": True, "false": False, "null": None, "undefined": None}


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self.pos = 0

    # helpers
    @property
    def tok(self) -> Token:
        return self.tokens[self.pos]

    def peek(self, offset: int = 1) -> Token:
        return self.tokens[min(self.pos + offset, len(self.tokens) - 1)]

    def at(self, value: str) -> bool:
        return self.tok.kind in ("punct", "name") and self.tok.value == value

    def expect(self, value: str) -> None:
        if not self.at(value):
            raise _ValueError(f"expected {value!r}, found {self.describe(self.tok)}")
        self.pos += 1

    def describe(self, token: Token) -> str:
        return "end of file" if token.kind == "eof" else repr(self.text[token.start : token.end])

    def matching(self, index: int) -> int:
        """Index of the token closing the bracket at `index`; fatal if unbalanced."""
        stack: list[str] = []
        for at in range(index, len(self.tokens)):
            token = self.tokens[at]
            if token.kind != "punct":
                continue
            if token.value in _OPEN:
                stack.append(_OPEN[token.value])
            elif token.value in _CLOSE:
                if not stack or stack.pop() != token.value:
                    raise ConfigSyntaxError(
                        f"unbalanced {token.value!r}", line_of(self.text, token.start)
                    )
                if not stack:
                    return at
        opener = self.tokens[index]
        raise ConfigSyntaxError(
            f"{opener.value!r} is never closed", line_of(self.text, opener.start)
        )

    def skip_until(self, stops: set[str], statement: bool = False) -> None:
        """Skip balanced tokens up to a stop token at depth 0 (not consumed)."""
        start = self.pos
        while self.tok.kind != "eof":
            token = self.tok
            if token.kind == "punct" and token.value in stops:
                return
            if token.kind == "punct" and token.value in _CLOSE:
                if token.value in stops or statement:
                    return
                raise ConfigSyntaxError(
                    f"unbalanced {token.value!r}", line_of(self.text, token.start)
                )
            if (
                statement
                and self.pos > start
                and token.newline_before
                and token.kind == "name"
                and token.value in _STATEMENT_KEYWORDS
            ):
                return
            if token.kind == "punct" and token.value in _OPEN:
                self.pos = self.matching(self.pos)
            self.pos += 1

    def opaque_until(self, start: int, stops: set[str], reason: str) -> Opaque:
        self.pos = start
        self.skip_until(stops)
        end = self.tokens[self.pos - 1].end if self.pos > start else self.tok.start
        text = " ".join(self.text[self.tok_start(start) : end].split())
        return Opaque(text, reason)

    def tok_start(self, index: int) -> int:
        return self.tokens[index].start

    # module
    def module(self) -> Module:
        module = Module()
        while self.tok.kind != "eof":
            token = self.tok
            if token.kind == "name" and token.value == "import" and self.peek().value != "(":
                self.import_statement(module)
            elif token.kind == "name" and token.value == "export":
                self.pos += 1
                if self.tok.value in ("const", "let", "var"):
                    self.declaration(module, exported=True)
                else:
                    self.skip_until({";"}, statement=True)
            elif token.kind == "name" and token.value in ("const", "let", "var"):
                self.declaration(module, exported=False)
            elif token.kind == "punct" and token.value == ";":
                self.pos += 1
            else:
                self.skip_statement()
        return module

    def skip_statement(self) -> None:
        """Skip a statement we do not read, keeping bracket balance."""
        start = self.pos
        self.skip_until({";"}, statement=True)
        if self.tok.kind == "punct" and self.tok.value in _CLOSE:
            raise ConfigSyntaxError(
                f"unbalanced {self.tok.value!r}", line_of(self.text, self.tok.start)
            )
        if self.pos == start:
            self.pos += 1

    def import_statement(self, module: Module) -> None:
        self.pos += 1
        while self.tok.kind != "eof":
            token = self.tok
            if token.kind == "str":
                self.pos += 1
                break
            if token.kind == "name" and token.value not in ("from", "type", "as"):
                following = self.peek()
                if following.value != "as":
                    module.imports.add(token.value)
            self.pos += 1
        if self.at(";"):
            self.pos += 1

    def declaration(self, module: Module, exported: bool) -> None:
        self.pos += 1  # const / let / var
        while True:
            if self.tok.kind != "name":
                self.skip_statement()  # destructuring declaration: not needed
                return
            name = self.tok.value
            self.pos += 1
            if self.at(":"):
                # A type annotation: skip to the `=` at depth 0.
                self.skip_type({"="})
            if not self.at("="):
                self.skip_statement()
                return
            self.pos += 1
            value = self.value({",", ";"}, statement=True)
            module.consts[name] = value
            if exported:
                module.exports[name] = value
            if self.at(","):
                self.pos += 1
                continue
            if self.at(";"):
                self.pos += 1
            return

    def skip_type(self, stops: set[str]) -> None:
        depth = 0
        while self.tok.kind != "eof":
            value = self.tok.value if self.tok.kind == "punct" else None
            if depth == 0 and value in stops:
                return
            if value in _OPEN:
                self.pos = self.matching(self.pos)
            elif value == "<":
                depth += 1
            elif value == ">" and depth:
                depth -= 1
            elif value == "=>":
                pass
            elif depth == 0 and value in _CLOSE:
                return
            self.pos += 1

    # values with recovery
    def value(self, stops: set[str], statement: bool = False) -> Node:
        start = self.pos
        try:
            node = self.expression()
            token = self.tok
            if not (
                token.kind == "eof"
                or (token.kind == "punct" and token.value in stops | _CLOSE)
                or (statement and token.newline_before)
            ):
                raise _ValueError(f"unexpected {self.describe(token)}")
            return node
        except _ValueError as exc:
            if statement:
                self.pos = start
                self.skip_until(stops, statement=True)
                end = self.tokens[self.pos - 1].end if self.pos > start else self.tok.start
                text = " ".join(self.text[self.tok_start(start) : end].split())
                return Opaque(text, str(exc))
            return self.opaque_until(start, stops, str(exc))

    # expressions
    def expression(self) -> Node:
        node = self.postfix(self.primary())
        while self.tok.kind == "name" and self.tok.value in ("as", "satisfies"):
            self.pos += 1
            self.skip_type(_END_OF_VALUE)
        return node

    def primary(self) -> Node:
        token = self.tok
        if token.kind in ("str", "num"):
            self.pos += 1
            return Lit(token.value)
        if token.kind == "template":
            raise _ValueError("a template string with ${…}")
        if token.kind == "regex":
            self.pos += 1
            return Opaque(token.value, "a regular expression")
        if token.kind == "name":
            if self.peek().value == "=>":
                self.pos += 2
                return Arrow((token.value,), self.arrow_body())
            if token.value == "async" and (self.peek().value == "(" or self.peek(2).value == "=>"):
                self.pos += 1
                return self.primary()
            self.pos += 1
            if token.value in _LITERAL_NAMES:
                return Lit(_LITERAL_NAMES[token.value])
            if token.value in ("new", "function", "class", "await", "typeof", "void"):
                raise _ValueError(f"the {token.value!r} keyword")
            return Name(token.value)
        if token.kind == "punct":
            if token.value == "-" and self.peek().kind == "num":
                self.pos += 2
                return Lit(-self.tokens[self.pos - 1].value)
            if token.value == "[":
                return self.array()
            if token.value == "{":
                return self.object()
            if token.value == "(":
                close = self.matching(self.pos)
                after = self.tokens[close + 1]
                if after.value == "=>" or after.value == ":":
                    return self.arrow(close)
                self.pos += 1
                node = self.expression()
                self.expect(")")
                return node
        raise _ValueError(f"unexpected {self.describe(token)}")

    def arrow(self, close: int) -> Arrow:
        inside = self.tokens[self.pos + 1 : close]
        # Names after a `:` are type annotations, not parameters.
        params = tuple(
            token.value
            for index, token in enumerate(inside)
            if token.kind == "name" and (index == 0 or inside[index - 1].value != ":")
        )
        self.pos = close + 1
        if self.at(":"):
            self.skip_type({"=>"})
        self.expect("=>")
        return Arrow(params, self.arrow_body())

    def arrow_body(self) -> Node:
        if not self.at("{"):
            return self.expression()
        close = self.matching(self.pos)
        # A block body: read the first `return` at the block's own depth.
        index = self.pos + 1
        while index < close:
            token = self.tokens[index]
            if token.kind == "name" and token.value == "return":
                self.pos = index + 1
                node = self.expression()
                self.pos = close + 1
                return node
            if token.kind == "punct" and token.value in _OPEN:
                index = self.matching(index)
            index += 1
        raise _ValueError("a function body without a return")

    def postfix(self, node: Node) -> Node:
        while True:
            token = self.tok
            if token.kind != "punct":
                return node
            if token.value in (".", "?."):
                name = self.peek()
                if name.kind != "name":
                    raise _ValueError(f"unexpected {self.describe(name)}")
                self.pos += 2
                node = Member(node, name.value)
            elif token.value == "(":
                node = Call(node, self.arguments())
            elif token.value == "!" and not token.newline_before and self.peek().value != "=":
                self.pos += 1  # TypeScript non-null assertion
            elif token.value == "<" and (end := self.type_arguments_end()) is not None:
                self.pos = end  # e.g. z.custom<string>(…)
            elif token.value == "[":
                raise _ValueError("computed member access […]")
            else:
                return node

    def type_arguments_end(self) -> int | None:
        depth = 0
        for index in range(self.pos, len(self.tokens)):
            token = self.tokens[index]
            if token.value == "<":
                depth += 1
            elif token.value == ">":
                depth -= 1
                if depth == 0:
                    after = self.tokens[index + 1]
                    return index + 1 if after.value == "(" else None
            elif token.value in (";", "{", "}") or token.kind == "eof":
                return None
        return None

    def arguments(self) -> tuple[Node, ...]:
        self.expect("(")
        args: list[Node] = []
        while not self.at(")"):
            args.append(self.value({",", ")"}))
            if self.at(","):
                self.pos += 1
            elif not self.at(")"):
                raise _ValueError(f"unexpected {self.describe(self.tok)}")
        self.pos += 1
        return tuple(args)

    def array(self) -> ArrayLit:
        self.expect("[")
        items: list[Node] = []
        while not self.at("]"):
            if self.at("..."):
                self.pos += 1
                items.append(Spread(self.value({",", "]"})))
            else:
                items.append(self.value({",", "]"}))
            if self.at(","):
                self.pos += 1
            elif not self.at("]"):
                raise _ValueError(f"unexpected {self.describe(self.tok)}")
        self.pos += 1
        return ArrayLit(tuple(items))

    def object(self) -> ObjectLit:
        self.expect("{")
        entries: list[tuple[str | None, Node]] = []
        while not self.at("}"):
            token = self.tok
            if self.at("..."):
                self.pos += 1
                entries.append((None, Spread(self.value({",", "}"}))))
            elif token.kind in ("name", "str", "num") and self.peek().value == ":":
                self.pos += 2
                entries.append((str(token.value), self.value({",", "}"})))
            elif token.kind == "name" and self.peek().value in (",", "}"):
                self.pos += 1
                entries.append((token.value, Name(token.value)))
            else:
                # A method, getter or computed key: keep its name when there is one.
                key = str(token.value) if token.kind in ("name", "str") else None
                start = self.pos
                opaque = self.opaque_until(start, {",", "}"}, "a method or computed key")
                entries.append((key, opaque))
            if self.at(","):
                self.pos += 1
            elif not self.at("}"):
                raise _ValueError(f"unexpected {self.describe(self.tok)}")
        self.pos += 1
        return ObjectLit(tuple(entries))


def parse_module(text: str) -> Module:
    """Parse a config module's top-level declarations; raise ConfigSyntaxError if hopeless."""
    return _Parser(text).module()
