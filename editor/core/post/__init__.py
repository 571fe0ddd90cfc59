"""The open post as the form sees it: its state, its context, and runs of field edits."""

from __future__ import annotations

from editor.core.post.context import (
    PostContext,
    SiteSummary,
    post_context,
    post_titles,
    reference_slugs,
)
from editor.core.post.edit_runs import EditRuns, RunPatch
from editor.core.post.state import NO_POST, PostState, post_state

__all__ = [
    "NO_POST",
    "EditRuns",
    "PostContext",
    "PostState",
    "RunPatch",
    "SiteSummary",
    "post_context",
    "post_state",
    "post_titles",
    "reference_slugs",
]
