"""Post body and header to HTML blocks with source lines, for the live preview."""

from __future__ import annotations

from editor.core.render.assets import AssetLookup, AssetProblem, AssetResolver
from editor.core.render.highlight import theme_css
from editor.core.render.incremental import IncrementalRenderer
from editor.core.render.markdown import MarkdownRenderer, RenderedBlock, RenderedPost
from editor.core.render.slugger import Slugger, slugify

__all__ = [
    "AssetLookup",
    "AssetProblem",
    "AssetResolver",
    "IncrementalRenderer",
    "MarkdownRenderer",
    "RenderedBlock",
    "RenderedPost",
    "Slugger",
    "slugify",
    "theme_css",
]
