"""A rendered post as one self-contained, script-free HTML file (`postdesk render`, Export)."""

from __future__ import annotations

import base64
import mimetypes
from html import escape
from pathlib import Path
from urllib.parse import unquote, urlsplit

from editor.core import resources
from editor.core.render.assets import AssetResolver
from editor.core.render.export_pass import export_fragment
from editor.core.render.highlight import theme_css

WORKSPACE_URL = "postdesk://workspace/"

# The exported file loads nothing and runs nothing, even if the sanitizer missed something.
EXPORT_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'"

# --- images ------------------------------------------------------------------------------


class SiteImages:
    """Turns image references into data: URIs, for files inside the site root only."""

    def __init__(self, site_root: Path | None, post_path: Path | None) -> None:
        self._resolver = AssetResolver(site_root, post_path)
        self._root = site_root.resolve() if site_root is not None else None
        self._cache: dict[str, str | None] = {}

    def data_uri(self, src: str) -> str | None:
        """A data: URI of the image `src` names, or None (outside the site, missing, remote)."""
        src = src.strip()
        lowered = src.lower()
        if lowered.startswith("data:image/"):
            return src  # already inline (a raw <img> in the post); an image cannot run script
        # A post often shows the same image twice (hero and body): read and encode it once.
        if src not in self._cache:
            path = self._path(src)
            self._cache[src] = _encode_image(path) if path is not None else None
        return self._cache[src]

    def _path(self, src: str) -> Path | None:
        if src.startswith(WORKSPACE_URL):
            # The renderer's own URL for a file it already found inside the site.
            if self._root is None:
                return None
            relative = unquote(urlsplit(src).path).lstrip("/")
            try:
                target = (self._root / relative).resolve()
            except (OSError, ValueError, RuntimeError):
                return None
            inside = target.is_relative_to(self._root) and target.is_file()
            return target if inside else None
        # A raw <img> in the post keeps the reference as written: resolve it like the site.
        lookup = self._resolver.lookup(src)
        return lookup.path if lookup.url is not None else None


def _encode_image(path: Path) -> str | None:
    mime = mimetypes.guess_type(path.name)[0] or ""
    if not mime.startswith("image/"):
        return None
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


# --- the file ----------------------------------------------------------------------------


def export_style(dark: bool) -> str:
    """The preview page's style sheet and code theme, as an export inlines them.

    Raises OSError or UnicodeDecodeError when Postdesk's own style sheet cannot be read.
    """
    css = (resources.preview_dir() / "preview.css").read_text(encoding="utf-8")
    return css + "\n" + theme_css(dark)


def build_export(
    header_html: str,
    body_html: str,
    title: str,
    css: str,
    site_root: Path | None,
    post_path: Path | None,
    *,
    dark: bool = False,
    lang: str = "und",
) -> str:
    """The whole export: sanitized header and body, images inlined, CSS inlined, no script."""
    images = SiteImages(site_root, post_path)
    header = export_fragment(header_html, images.data_uri)
    body = export_fragment(body_html, images.data_uri)
    theme = ' data-theme="dark"' if dark else ""
    # "<" is only valid inside CSS strings, where the escape means the same; escaped, no
    # "</style" can end the element early.
    style = css.replace("<", "\\3c ")
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(lang)}"{theme}>\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{escape(EXPORT_CSP)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="Postdesk">\n'
        f"<title>{escape(title)}</title>\n<style>\n{style}</style>\n</head>\n"
        '<body class="has-post">\n<main id="post">\n'
        f'<div id="header">{header}</div>\n<article id="content">{body}</article>\n'
        "</main>\n</body>\n</html>\n"
    )
