"""`postdesk schema DIR`: each collection's fields as JSON, with where each came from."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from editor.commands.errors import CommandError
from editor.core.frontmatter import parse_frontmatter
from editor.core.schema import load_site_schema
from editor.core.storage import StorageError, read_text_file
from editor.core.workspace import content_roots, iter_post_files


def _post_data(site: Path):
    """Frontmatter of every post, for fields the config does not type (read lazily)."""
    for root in content_roots(site):
        for post in iter_post_files(root):
            try:
                parsed = parse_frontmatter(read_text_file(post).text)
            except StorageError:
                continue
            if parsed.error is None and parsed.data:
                yield parsed.data


def run_schema(directory: Path, out: Callable[[str], None]) -> int:
    """Print the site's schema as JSON."""
    if not directory.is_dir():
        raise CommandError(f"{directory} is not a folder")
    schema = load_site_schema(directory.resolve(), list(_post_data(directory.resolve())))
    payload = {
        "site": str(directory.resolve()),
        "collections": [collection.to_json() for collection in schema.collections],
    }
    out(json.dumps(payload, ensure_ascii=False, indent=2))
    return 0
