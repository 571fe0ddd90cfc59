"""Each construct renders to the checked-in HTML of Astro's flavour (golden files).

tests/core/render/golden/<case>.md is rendered with MarkdownRenderer.render_html (images
resolved inside a small site that has ./diagram.png) and compared with <case>.html.
To rewrite the .html files after a deliberate change, run

    POSTDESK_UPDATE_GOLDEN=1 python -m pytest tests/core/render/test_golden.py

and read every diff before accepting it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from editor.core.render import AssetResolver, MarkdownRenderer

GOLDEN = Path(__file__).resolve().parent / "golden"
CASES = sorted(path.stem for path in GOLDEN.glob("*.md"))
UPDATE = os.environ.get("POSTDESK_UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="module")
def renderer() -> MarkdownRenderer:
    """One renderer for the module."""
    return MarkdownRenderer()


@pytest.fixture(scope="module")
def assets(tmp_path_factory: pytest.TempPathFactory) -> AssetResolver:
    """A site whose post has ./diagram.png beside it."""
    site = tmp_path_factory.mktemp("golden") / "site"
    post_dir = site / "src/content/blog/ko"
    post_dir.mkdir(parents=True)
    (post_dir / "diagram.png").write_bytes(b"png")
    return AssetResolver(site, post_dir / "post.md")


def test_the_required_cases_exist() -> None:
    """Every construct the preview must match has a golden case."""
    required = {
        "table_alignment", "br_in_cell", "strikethrough", "task_list", "autolink_literal",
        "footnotes", "smart_quotes_dashes", "heading_ids_korean", "heading_ids_duplicates",
        "raw_html_block", "inline_html", "fenced_code_python", "fenced_code_unknown_lang",
        "mermaid_fence", "image_relative", "nested_lists", "blockquote",
    }  # fmt: skip
    assert required <= set(CASES)


@pytest.mark.parametrize("case", CASES)
def test_case_renders_as_its_golden_html(
    case: str, renderer: MarkdownRenderer, assets: AssetResolver
) -> None:
    """<case>.md renders to exactly <case>.html."""
    source = (GOLDEN / f"{case}.md").read_text(encoding="utf-8")
    html = renderer.render_html(source, assets=assets)
    expected_path = GOLDEN / f"{case}.html"
    if UPDATE:
        expected_path.write_text(html, encoding="utf-8", newline="\n")
    assert expected_path.exists(), f"no golden for {case}: run with POSTDESK_UPDATE_GOLDEN=1"
    assert _comparable(html) == _comparable(expected_path.read_text(encoding="utf-8"))


def _comparable(html: str) -> str:
    # Pygments releases differ in whether they escape quotes in text (&quot; or "): both
    # are the same HTML, so the goldens do not pin a Pygments version.
    return html.replace("&quot;", '"').replace("&#39;", "'").replace("&#x27;", "'")
