"""Fenced code: Pygments highlighting, Mermaid placeholders, and the CSS they need."""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it.common.utils import escapeHtml, unescapeAll
from pygments import highlight
from pygments.formatter import Formatter
from pygments.formatters import HtmlFormatter
from pygments.lexer import Lexer
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound

# Names the site's Markdown (Shiki) accepts but Pygments knows under another alias.
_LANGUAGE_ALIASES = {
    "yml": "yaml",
    "jsonc": "json",
    "json5": "json",
    "mdx": "markdown",
    "astro": "html",
    "svelte": "html",
    "vue": "html",
    "plaintext": "text",
    "plain": "text",
    "txt": "text",
    "shellsession": "console",
    "shell-session": "console",
    "dotenv": "bash",
    "env": "bash",
}


# Markdown's whitespace, narrower than str.split()'s (which would also split on U+3000).
_MD_SPACE_RE = re.compile(r"[ \t\n\r\f\v]+")


def fence_language(info: str) -> str:
    """The language word of a fence's info string ("" when there is none)."""
    # Same reading as markdown-it's own fence rule: unescape, trim, take the first word.
    words = _MD_SPACE_RE.split(unescapeAll(info).strip(" \t\n\r\f\v"), maxsplit=1)
    return words[0]


@lru_cache(maxsize=256)
def _lexer_class(language: str) -> type[Lexer] | None:
    name = _LANGUAGE_ALIASES.get(language, language)
    try:
        return type(get_lexer_by_name(name))
    # Pygments raises ClassNotFound for unknown names, and other errors for odd strings.
    except Exception:
        return None


def make_code_formatter() -> Formatter[str]:
    """The one HTML formatter the renderer reuses: classes only, no inline styles."""
    return HtmlFormatter(cssclass="highlight")


def highlight_code(code: str, language: str, formatter: Formatter[str]) -> str | None:
    """Highlighted HTML for `code`, or None when Pygments does not know `language`."""
    if not language:
        return None
    lexer_class = _lexer_class(language.lower())
    if lexer_class is None:
        return None
    # stripnl=False: keep leading/trailing blank lines the author wrote inside the fence.
    return highlight(code, lexer_class(stripnl=False), formatter)


def mermaid_html(source: str) -> str:
    """Placeholder the page turns into a Mermaid SVG; the <pre> shows until it does."""
    escaped = escapeHtml(source)
    return (
        f'<div class="mermaid-block" data-source="{escaped}">'
        f'<pre class="mermaid-source">{escaped}</pre></div>\n'
    )


LIGHT_PYGMENTS_STYLE = "default"
DARK_PYGMENTS_STYLE = "github-dark"
_DARK_FALLBACK_STYLE = "monokai"  # Pygments before 2.16 has no github-dark
DARK_SCOPE = ':root[data-theme="dark"] .highlight'
LIGHT_SCOPE = ".highlight"


@lru_cache(maxsize=2)
def theme_css(dark: bool) -> str:
    """Pygments CSS for the preview's theme: `.highlight`, or scoped to the dark root."""
    style, scope = (
        (DARK_PYGMENTS_STYLE, DARK_SCOPE) if dark else (LIGHT_PYGMENTS_STYLE, LIGHT_SCOPE)
    )
    try:
        formatter = HtmlFormatter(style=style, cssclass="highlight")
    except ClassNotFound:
        formatter = HtmlFormatter(style=_DARK_FALLBACK_STYLE, cssclass="highlight")
    # types-Pygments leaves HtmlFormatter's style-def methods unannotated; they return lines.
    background: list[str] = formatter.get_background_style_defs(scope)  # type: ignore[no-untyped-call]
    tokens: list[str] = formatter.get_token_style_defs(scope)  # type: ignore[no-untyped-call]
    rules: list[str] = []
    for rule in background:
        if rule.startswith(scope + " {"):
            # The block's background comes from preview.css (--code-bg), so code blocks
            # stand out from the page in both themes; Pygments' own would match the page.
            rule = re.sub(r"background:[^;}]*;?\s*", "", rule)
        rules.append(rule)
    # The line-number rules are left out: they are unscoped (they would leak into the
    # other theme) and the renderer never numbers lines.
    rules.extend(tokens)
    return "\n".join(rules) + "\n"
