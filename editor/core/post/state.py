"""What the form shows of the open post: its parsed frontmatter and its schema problems."""

from __future__ import annotations

from dataclasses import dataclass

from editor.core.frontmatter import ParsedFrontmatter, find_block, parse_frontmatter
from editor.core.schema import Collection, Problem, validate_post


@dataclass(frozen=True)
class PostState:
    """The parse of a post's text, that text, and its problems against its collection.

    parsed None means no post is open. When only the body changed since, a state is kept
    as it is (see post_state): text then holds the body as it was, the frontmatter as it is.
    """

    parsed: ParsedFrontmatter | None
    text: str = ""
    problems: tuple[Problem, ...] = ()
    collection: Collection | None = None  # the schema the problems were found with


NO_POST = PostState(None)


def _head(text: str) -> str:
    """The text up to the end of the frontmatter block: all that parsing and checks read."""
    block = find_block(text)
    return text[: block.end] if block is not None else ""


def post_state(
    text: str, collection: Collection | None, previous: PostState | None = None
) -> PostState:
    """The state of text checked against collection; previous itself when nothing it shows changed.

    Typing in the body leaves the frontmatter, its problems and the form as they are:
    re-validating and refreshing the form on every keystroke would cost a frame.
    """
    if (
        previous is not None
        and previous.parsed is not None
        and previous.collection is collection
        and _head(previous.text) == _head(text)
    ):
        return previous
    parsed = parse_frontmatter(text)
    problems: tuple[Problem, ...] = ()
    if collection is not None and parsed.error is None:
        problems = tuple(validate_post(text, collection))
    return PostState(parsed, text, problems, collection)
