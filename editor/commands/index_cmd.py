"""`postdesk index DIR [--json]`: what the post index sees in a site, and how fast it read it."""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from editor.commands.errors import CommandError
from editor.core.workspace.config import load_workspace_config
from editor.core.workspace.entries import PostEntry
from editor.core.workspace.families import family_key, group_families
from editor.core.workspace.index import PostIndex
from editor.core.workspace.index_cache import IndexCache
from editor.core.workspace.site import content_roots

_LISTED = 20  # families with missing languages listed in the text output


def _collections(
    index: PostIndex, entries: list[PostEntry], order: tuple[str, ...]
) -> list[dict[str, Any]]:
    """Posts per content root and language, in the site's language order ("": none)."""
    roots = sorted(content_roots(index.site_root), key=lambda root: -len(os.fspath(root)))
    counts: dict[Path, Counter[str]] = {root: Counter() for root in roots}
    for entry in entries:
        name = os.fspath(entry.path)
        for root in roots:  # deepest first: nested roots keep their own posts
            if name.startswith(os.fspath(root) + os.sep):
                counts[root][entry.lang or ""] += 1
                break
    out = []
    for root in content_roots(index.site_root):
        rel = os.path.relpath(root, index.site_root).replace(os.sep, "/")
        rank = {lang: i for i, lang in enumerate(order)}
        languages = dict(
            sorted(
                counts[root].items(),
                key=lambda item: (item[0] == "", rank.get(item[0], len(rank)), item[0]),
            )
        )
        out.append({"root": rel, "posts": sum(languages.values()), "languages": languages})
    return out


def _post_json(entry: PostEntry) -> dict[str, Any]:
    return {
        "rel_path": entry.rel_path,
        "slug": entry.slug,
        "lang": entry.lang,
        "family": family_key(entry),
        "title": entry.title,
        "date": entry.date,
        "updated": entry.updated,
        "draft": entry.draft,
        "tags": list(entry.tags),
        "related": list(entry.related),
        "links": list(entry.links),
        "images": list(entry.images),
        "words": entry.words,
        "error": entry.error,
    }


def index_report(directory: Path) -> dict[str, Any]:
    """Scan a site (through the disk cache) and describe it as plain data."""
    started = time.perf_counter()
    root = directory.resolve()
    index = PostIndex(root, cache=IndexCache(root))
    index.scan()
    entries = index.entries()
    families = group_families(entries, load_workspace_config(root).languages)
    missing = [f for f in families.families if f.missing]
    seconds = time.perf_counter() - started
    return {
        "site": os.fspath(root),
        "post_count": len(entries),
        "collections": _collections(index, entries, families.languages),
        "languages": list(families.languages),
        "families": {
            "count": len(families.families),
            "missing": [{"family": f.key, "missing": list(f.missing)} for f in missing],
        },
        "errors": [{"path": e.rel_path, "error": e.error} for e in entries if e.error],
        "seconds": round(seconds, 3),
        "cache": {"hits": index.last_scan.hits, "misses": index.last_scan.misses},
        "workers": index.last_scan.workers,
        "entries": entries,
    }


def _text(report: dict[str, Any]) -> list[str]:
    lines = [f"Site: {report['site']}", "Collections:"]
    for collection in report["collections"]:
        per_lang = ", ".join(
            f"{lang or '(no language)'} {count:,}"
            for lang, count in collection["languages"].items()
        )
        lines.append(
            f"  {collection['root']}: {collection['posts']:,} posts ({per_lang or 'none'})"
        )
    families = report["families"]
    missing = families["missing"]
    lines.append(f"Families: {families['count']:,}, {len(missing):,} missing a language")
    for family in missing[:_LISTED]:
        lines.append(f"  {family['family']}: missing {', '.join(family['missing'])}")
    if len(missing) > _LISTED:
        lines.append(f"  … and {len(missing) - _LISTED:,} more")
    lines.append(f"Parse errors: {len(report['errors']):,}")
    lines += [f"  {error['path']}: {error['error']}" for error in report["errors"]]
    cache = report["cache"]
    workers = f", {report['workers']} worker processes" if report["workers"] else ""
    lines.append(
        f"Read {report['post_count']:,} posts in {report['seconds']:.2f} s "
        f"(cache: {cache['hits']:,} hits, {cache['misses']:,} misses{workers})"
    )
    return lines


def run_index(directory: Path, as_json: bool, out: Callable[[str], None]) -> int:
    """Print the index summary of a site, as text or as JSON with every post."""
    if not directory.is_dir():
        raise CommandError(f"{directory} is not a folder")
    report = index_report(directory)
    entries: list[PostEntry] = report.pop("entries")
    if as_json:
        report["posts"] = [_post_json(entry) for entry in entries]
        out(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        out("\n".join(_text(report)))
    return 0
