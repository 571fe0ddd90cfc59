"""Index entries for tests that need no files: posts laid out as `<section>/<lang>/<slug>.md`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from editor.core.workspace import PostEntry

SITE = Path("/site")


def listed_post(
    slug: str, lang: str | None, title: str | None, section: str = "blog", **facts: Any
) -> PostEntry:
    """The entry the index would give `src/content/<section>/<lang>/<slug>.md` (no file)."""
    rel = f"src/content/{section}/{lang}/{slug}.md"
    return PostEntry(SITE / rel, rel, slug, lang, title, None, 0, 0, lang_source="folder", **facts)
