"""Map references found in a post (image src, heroImage) to URLs the preview may load."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from urllib.parse import quote, unquote

# RFC 3986 scheme. It also matches Windows drive letters ("C:"), which we refuse as well: an
# absolute path is never a reference the site could serve.
_SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


class AssetProblem(Enum):
    """Why a reference gives no URL."""

    NO_SITE = "no-site"  # the resolver has no site root or no post path
    EMPTY = "empty"
    UNSUPPORTED = "unsupported"  # a scheme (http:, data:, ...) or a "//host" reference
    OUTSIDE_SITE = "outside-site"  # resolves (after "..", symlinks) outside the site root
    NOT_FOUND = "not-found"  # inside the site, but no such file


@dataclass(frozen=True)
class AssetLookup:
    """Outcome of resolving one reference: a URL, or the problem that prevented one."""

    url: str | None
    path: Path | None  # the resolved file, when the reference names a path inside the site
    problem: AssetProblem | None


def is_remote(ref: str) -> bool:
    """Whether `ref` is an http(s) URL (kept as written; the page's CSP decides)."""
    lowered = ref.lstrip().lower()
    return lowered.startswith(("http://", "https://"))


def has_scheme(ref: str) -> bool:
    """Whether `ref` starts with a URL scheme such as `https:` or `data:`."""
    return bool(_SCHEME_RE.match(ref))


def _resolve(path: Path) -> Path | None:
    try:
        return path.resolve()
    # Embedded NUL bytes, symlink loops, permission errors: all mean "no file we may read".
    except (OSError, ValueError, RuntimeError):
        return None


class AssetResolver:
    """Maps a reference found in a post (image src, heroImage) to a URL the preview may load."""

    def __init__(
        self,
        site_root: Path | None,
        post_path: Path | None,
        base_url: str = "postdesk://workspace/",
    ) -> None:
        self.site_root = site_root
        self.post_path = post_path
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"
        self._root = _resolve(site_root) if site_root is not None else None

    def url_for(self, ref: str) -> str | None:
        """URL under base_url for a file inside the site, or None (see `lookup` for why)."""
        return self.lookup(ref).url

    def lookup(self, ref: str) -> AssetLookup:
        """Resolve `ref` against the post's folder (or site_root/public for "/..." refs)."""
        ref = ref.strip()
        if not ref:
            return AssetLookup(None, None, AssetProblem.EMPTY)
        if has_scheme(ref) or ref.startswith("//"):
            return AssetLookup(None, None, AssetProblem.UNSUPPORTED)
        if self._root is None or self.post_path is None:
            return AssetLookup(None, None, AssetProblem.NO_SITE)
        # A fragment or query means nothing to a file on disk; they are split off before
        # decoding so that an escaped "%23" stays part of the file name.
        ref = ref.split("#", 1)[0].split("?", 1)[0]
        decoded = unquote(ref)
        if not decoded:
            return AssetLookup(None, None, AssetProblem.EMPTY)
        if decoded.startswith("/"):
            # Astro serves public/ at the site's root.
            candidate = self._root / "public" / decoded.lstrip("/")
        else:
            candidate = self.post_path.parent / decoded
        target = _resolve(candidate)
        if target is None or not target.is_relative_to(self._root):
            return AssetLookup(None, None, AssetProblem.OUTSIDE_SITE)
        try:
            found = target.is_file()
        except (OSError, ValueError):
            found = False
        if not found:
            return AssetLookup(None, target, AssetProblem.NOT_FOUND)
        relative = target.relative_to(self._root).as_posix()
        # quote() encodes non-ASCII as UTF-8 percent escapes, which is what the page expects.
        encoded = "/".join(quote(part, safe="") for part in relative.split("/"))
        return AssetLookup(self.base_url + encoded, target, None)
