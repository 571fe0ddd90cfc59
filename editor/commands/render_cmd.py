"""`postdesk render FILE -o OUT.html`: the post's preview as one self-contained HTML file."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from editor.commands.errors import CommandError
from editor.core import resources
from editor.core.render import MarkdownRenderer
from editor.core.render.document import render_document
from editor.core.render.export_html import build_export, export_style
from editor.core.storage import StorageError, read_text_file, write_text_file
from editor.core.workspace import find_site_root, read_post_entry

MERMAID_MARKER = 'class="mermaid-block"'


def _check_paths(file: Path, out: Path) -> None:
    if not file.exists():
        raise CommandError(f"{file} does not exist")
    if not file.is_file():
        raise CommandError(f"{file} is not a file")
    if out.is_dir():
        raise CommandError(f"{out} is a folder; give the name of the HTML file to write")
    if not out.parent.is_dir():
        raise CommandError(f"the folder {out.parent} does not exist; create it first")
    if out.exists() and os.path.samefile(out, file):
        raise CommandError(f"{out} is the post itself; choose another output file")


def _export_style(dark: bool) -> str:
    try:
        return export_style(dark)
    except (OSError, UnicodeDecodeError) as exc:
        path = resources.preview_dir() / "preview.css"
        raise CommandError(f"Postdesk's preview style {path} cannot be read: {exc}") from exc


def run_render(file: Path, out: Path, *, dark: bool = False) -> int:
    """Write the post's preview to `out`: images and CSS inlined, diagrams as SVG, no script."""
    _check_paths(file, out)
    try:
        text = read_text_file(file).text
    except StorageError as exc:
        raise CommandError(str(exc)) from exc
    post_path = Path(os.path.abspath(file))
    site_root = find_site_root(post_path)
    post = render_document(MarkdownRenderer(), text, post_path, site_root)
    header_html, body_html = post.header_html, post.body_html()
    if resources.mermaid_bundle() is not None and any(
        MERMAID_MARKER in block.html for block in post.blocks
    ):
        # Qt and Chromium start only for posts with diagrams: the rest is plain Python.
        from editor.ui.preview.offscreen_page import ExportError, render_in_page

        try:
            pieces = render_in_page(post, site_root, dark=dark)
        except ExportError as exc:
            print(f"postdesk: error: {exc}", file=sys.stderr)
            return 1
        header_html, body_html = pieces.header_html, pieces.body_html
    entry = read_post_entry(post_path, site_root)
    title = entry.title if entry and entry.title else post_path.stem
    lang = entry.lang if entry and entry.lang else "und"
    html = build_export(
        header_html,
        body_html,
        title.strip(),
        _export_style(dark),
        site_root,
        post_path,
        dark=dark,
        lang=lang,
    )
    try:
        write_text_file(out, html)
    except StorageError as exc:
        raise CommandError(str(exc)) from exc
    return 0
