"""Find in the workspace: plain or regex search over every post, in or out of process."""

from __future__ import annotations

from editor.core.find.search import (
    MATCH_CAP,
    PostMatches,
    SearchMatch,
    SearchQuery,
    SearchResult,
    compile_query,
    search_posts,
    search_text,
)

__all__ = [
    "MATCH_CAP",
    "PostMatches",
    "SearchMatch",
    "SearchQuery",
    "SearchResult",
    "compile_query",
    "search_posts",
    "search_text",
]
