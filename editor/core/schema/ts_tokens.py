"""Tokens of the TypeScript subset content configs are written in."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

__all__ = ["ConfigSyntaxError", "Token", "line_of", "tokenize"]


class ConfigSyntaxError(Exception):
    """The config file cannot be followed at all (bad token, unbalanced brackets)."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line


@dataclass(frozen=True)
class Token:
    kind: str  # "name" | "str" | "num" | "punct" | "regex" | "eof"
    value: Any
    start: int
    end: int
    newline_before: bool


_NAME = re.compile(r"[A-Za-z_$][\w$]*")
_NUMBER = re.compile(r"(?:0[xX][0-9a-fA-F_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d+)?)n?")
_PUNCTS = (
    "...", "===", "!==", "=>", "?.", "??", "||", "&&", "==", "!=", "<=", ">=",
    "{", "}", "(", ")", "[", "]", ",", ":", ";", ".", "=", "<", ">", "?", "!",
    "+", "-", "*", "/", "%", "&", "|", "^", "~", "@", "#",
)  # fmt: skip
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}
# After these a `/` starts a regex literal, not a division.
_REGEX_AFTER = {"(", ",", "=", ":", "[", "!", "&", "|", "?", "{", "}", ";", "=>", "&&", "||"}


def line_of(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def _read_string(text: str, start: int) -> tuple[str, int]:
    quote = text[start]
    out: list[str] = []
    index = start + 1
    while index < len(text):
        char = text[index]
        if char == quote:
            return "".join(out), index + 1
        if char == "\n" and quote != "`":
            break
        if char == "\\" and index + 1 < len(text):
            nxt = text[index + 1]
            if nxt == "u" and text[index + 2 : index + 3] == "{":
                close = text.find("}", index)
                out.append(chr(int(text[index + 3 : close], 16)))
                index = close + 1
                continue
            if nxt == "u":
                out.append(chr(int(text[index + 2 : index + 6], 16)))
                index += 6
                continue
            if nxt == "\n":
                index += 2
                continue
            out.append(_ESCAPES.get(nxt, nxt))
            index += 2
            continue
        if quote == "`" and text.startswith("${", index):
            # Interpolation: the value is not a constant; skip to the matching brace.
            depth = 0
            while index < len(text):
                if text[index] == "{":
                    depth += 1
                elif text[index] == "}":
                    depth -= 1
                    if depth == 0:
                        break
                index += 1
            out.append("\0${}")
            index += 1
            continue
        out.append(char)
        index += 1
    raise ConfigSyntaxError("unterminated string", line_of(text, start))


def _number_value(raw: str) -> int | float:
    raw = raw.replace("_", "").rstrip("n")
    if raw[:2] in ("0x", "0X"):
        return int(raw, 16)
    value = float(raw)
    return int(value) if value.is_integer() and "." not in raw and "e" not in raw.lower() else value


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    index = 0
    newline = True
    length = len(text)
    while index < length:
        char = text[index]
        if char in " \t\r\ufeff":
            index += 1
            continue
        if char == "\n":
            newline = True
            index += 1
            continue
        if text.startswith("//", index):
            end = text.find("\n", index)
            index = length if end < 0 else end
            continue
        if text.startswith("/*", index):
            end = text.find("*/", index + 2)
            if end < 0:
                raise ConfigSyntaxError("unterminated comment", line_of(text, index))
            newline = newline or "\n" in text[index:end]
            index = end + 2
            continue
        start = index
        if char in "'\"`":
            value, index = _read_string(text, index)
            kind = "template" if char == "`" and "\0${}" in value else "str"
            tokens.append(Token(kind, value, start, index, newline))
        elif (match := _NAME.match(text, index)) is not None:
            index = match.end()
            tokens.append(Token("name", match.group(), start, index, newline))
        elif char.isdigit() or (char == "." and text[index + 1 : index + 2].isdigit()):
            match = _NUMBER.match(text, index)
            assert match is not None
            index = match.end()
            tokens.append(Token("num", _number_value(match.group()), start, index, newline))
        elif char == "/" and (not tokens or tokens[-1].value in _REGEX_AFTER):
            index = _skip_regex(text, index)
            tokens.append(Token("regex", text[start:index], start, index, newline))
        else:
            punct = next((p for p in _PUNCTS if text.startswith(p, index)), None)
            if punct is None:
                raise ConfigSyntaxError(f"unexpected character {char!r}", line_of(text, index))
            index += len(punct)
            tokens.append(Token("punct", punct, start, index, newline))
        newline = False
    tokens.append(Token("eof", None, length, length, True))
    return tokens


def _skip_regex(text: str, start: int) -> int:
    index = start + 1
    in_class = False
    while index < len(text) and text[index] != "\n":
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        elif char == "/" and not in_class:
            index += 1
            while index < len(text) and (text[index].isalnum()):
                index += 1  # flags
            return index
        index += 1
    raise ConfigSyntaxError("unterminated regular expression", line_of(text, start))
