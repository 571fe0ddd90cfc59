"""Where a link in a post leads: another post (opened in the editor), the web, or nowhere."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from editor.core.workspace.entries import PostEntry
from editor.core.workspace.site import POST_SUFFIXES

WEB_SCHEMES = frozenset({"http", "https", "mailto"})


@dataclass(frozen=True)
class LinkTarget:
    """kind: "post" (path set), "web" (url set), or "missing" (why set)."""

    kind: str
    path: Path | None = None
    url: str | None = None
    why: str = ""


def resolve_link(href: str, post: Path, entries: Iterable[PostEntry]) -> LinkTarget:
    """Resolve a link of `post`: a relative .md file, a site route like /ko/blog/slug/, or a URL."""
    parts = urlsplit(href)
    if parts.scheme:
        if parts.scheme.lower() in WEB_SCHEMES:
            return LinkTarget("web", url=href)
        return LinkTarget("missing", why=f"links with the {parts.scheme}: scheme are not opened")
    target = unquote(parts.path)
    if not target:
        return LinkTarget("missing", why="an empty link")
    entries = list(entries)
    if target.lower().endswith(POST_SUFFIXES) and not target.startswith("/"):
        candidate = (post.parent / target).resolve()
        if any(e.path.resolve() == candidate for e in entries):
            return LinkTarget("post", path=candidate)
        return LinkTarget("missing", why=f"no post at {target}")
    # A route of the site: its last segment is the slug, a language segment picks the
    # translation (/ko/blog/slug/ → ko/…/slug.md); same language as this post otherwise.
    segments = [s for s in posixpath.normpath(target).split("/") if s and s != "."]
    if not segments:
        return LinkTarget("missing", why="a link to the site's home page")
    slug = segments[-1]
    own = next((e for e in entries if e.path.resolve() == post.resolve()), None)
    langs = [s for s in segments[:-1] if any(e.lang == s for e in entries)]
    lang = langs[0] if langs else (own.lang if own is not None else None)
    matches = [e for e in entries if e.slug == slug]
    best = [e for e in matches if e.lang == lang] or matches
    if best:
        return LinkTarget("post", path=best[0].path)
    return LinkTarget("missing", why=f"no post with slug ‘{slug}’")
