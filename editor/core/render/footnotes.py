"""Footnotes for a body parsed in chunks: definitions taken out of the flow, one section."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

FOOTNOTE_MARK = "[^"  # every footnote reference and definition starts with it


def take_definitions(tokens: list[Token]) -> tuple[list[Token], list[Token]]:
    """The tokens without footnote definitions, and the tokens taken out, in order.

    A whole-body parse drops them from the flow in its footnote_tail rule; this is the same
    walk (even for a definition nested in another), so a chunk's body and the section built
    from every chunk's definitions come out as a whole-body render makes them.
    """
    body: list[Token] = []
    taken: list[Token] = []
    inside = False
    for token in tokens:
        if token.type == "footnote_reference_open":
            inside = True
        elif token.type == "footnote_reference_close":
            inside = False
        elif not inside:
            body.append(token)
            continue
        taken.append(token)
    return body, taken


def has_heading(definitions: list[Token]) -> bool:
    """Whether a definition holds a heading (its id would depend on where it is drawn)."""
    return any(token.type == "heading_open" for token in definitions)


def footnote_section(
    md: MarkdownIt,
    tail_rule: Callable[[StateCore], None],
    env: dict[str, Any],
    tokens: list[Token],
) -> list[Token]:
    """The footnotes section's tokens, from every definition's tokens in document order and
    the footnote numbers the inline pass gave (env["footnotes"]); [] when none is cited."""
    state = StateCore("", md, env)
    state.tokens = tokens
    tail_rule(state)  # drops the definitions from the flow and appends the section
    return state.tokens
