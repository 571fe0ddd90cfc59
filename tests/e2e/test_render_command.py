"""End to end: `postdesk render` writes a self-contained, script-free HTML file, headless."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QUrl
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile

from editor.core import resources
from editor.core.render.export_pass import MERMAID_NOTE

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[2]
POST = "src/content/blog/ko/postgresql-index-tuning.md"
TITLE = "EXPLAIN ANALYZE로 시작하는 PostgreSQL 인덱스 튜닝"
needs_mermaid = pytest.mark.skipif(
    resources.mermaid_bundle() is None, reason="needs `npm ci --prefix resources`"
)


def headless_env(**extra: str) -> dict[str, str]:
    """The environment of CI: no display at all, Qt told to draw off screen."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    env.update(extra)
    return env


def render(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "editor", "render", *args],
        cwd=REPO,
        env=env or headless_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )


def body_of(html: str) -> str:
    return html[html.index("<body") :]


def evaluate(qtbot, page: QWebEnginePage, script: str):
    box: list = []
    page.runJavaScript(script, 0, box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=10_000)
    return box[0]


@needs_mermaid
def test_render_writes_one_file_with_inline_svg_and_hero_and_no_script(
    qtbot, sample_site: Path, tmp_path: Path
):
    out = tmp_path / "export" / "out.html"
    out.parent.mkdir()
    done = render(str(sample_site / POST), "-o", str(out))
    assert done.returncode == 0, done.stderr
    html = out.read_text(encoding="utf-8")

    assert '<meta charset="utf-8">' in html
    assert f"<title>{TITLE}</title>" in html
    assert '<html lang="ko">' in html
    svg = re.search(r"<svg\b.*?</svg>", html, re.DOTALL)
    assert svg, "the diagram is an inline <svg>"
    assert "느린 쿼리" in svg.group(0), "with its Korean labels"
    assert "mermaid-source" not in body_of(html) and MERMAID_NOTE not in html
    assert re.search(
        r'<img src="data:image/png;base64,[A-Za-z0-9+/=]{1000,}" class="hero-image"', html
    )
    assert "<script" not in html.lower()
    assert "postdesk://" not in html
    assert "<table>" in html and 'class="highlight"' in html
    # Nothing to fetch: every image is inline and no stylesheet is linked.
    assert re.findall(r'\bsrc="(?!data:)', html) == []
    assert "<link" not in html

    # Opened from a folder of its own, by a browser, it shows everything.
    alone = tmp_path / "alone" / "post.html"
    alone.parent.mkdir()
    shutil.copy(out, alone)
    shutil.rmtree(sample_site)
    profile = QWebEngineProfile()
    page = QWebEnginePage(profile)
    try:
        with qtbot.waitSignal(page.loadFinished, timeout=30_000) as loaded:
            page.load(QUrl.fromLocalFile(str(alone)))
        assert loaded.args == [True]
        hero = "document.querySelector('img.hero-image').naturalWidth"
        qtbot.waitUntil(lambda: evaluate(qtbot, page, hero) == 1200, timeout=10_000)
        width = evaluate(
            qtbot, page, "document.querySelector('.mermaid-block svg').getBBox().width"
        )
        assert width > 100, "the diagram draws from the file alone"
        # Mermaid's own <style> inside the <svg> survives and applies (default theme's fill).
        fill = "getComputedStyle(document.querySelector('.mermaid-block svg .node rect')).fill"
        assert evaluate(qtbot, page, fill) == "rgb(236, 236, 255)"
        assert evaluate(qtbot, page, "document.title") == TITLE
    finally:
        # WebEngine wants the page gone before its profile.
        shiboken6.delete(page)
        shiboken6.delete(profile)


@needs_mermaid
def test_render_dark_theme_uses_dark_colours_and_dark_mermaid(sample_site: Path, tmp_path: Path):
    out = tmp_path / "dark.html"
    done = render(str(sample_site / POST), "-o", str(out), "--theme", "dark")
    assert done.returncode == 0, done.stderr
    html = out.read_text(encoding="utf-8")
    assert '<html lang="ko" data-theme="dark">' in html
    assert ':root[data-theme="dark"] .highlight .k' in html
    svg = re.search(r"<svg\b.*?</svg>", html, re.DOTALL).group(0)
    # Mermaid's dark theme fills nodes dark; its default theme uses #ECECFF.
    assert "#ECECFF" not in svg and "느린 쿼리" in svg


def test_render_without_mermaid_shows_the_source_with_a_note(sample_site: Path, tmp_path: Path):
    """Without the Mermaid bundle the export still works, with no browser engine at all."""
    bare = tmp_path / "resources"
    shutil.copytree(resources.preview_dir(), bare / "preview")
    out = tmp_path / "out.html"
    done = render(
        str(sample_site / POST), "-o", str(out), env=headless_env(POSTDESK_RESOURCES=str(bare))
    )
    assert done.returncode == 0, done.stderr
    html = out.read_text(encoding="utf-8")
    assert "<svg" not in body_of(html)
    assert '<pre class="mermaid-source">graph TD' in html
    assert MERMAID_NOTE in html
    assert "data:image/png;base64," in html and "<script" not in html.lower()


@pytest.mark.parametrize("case", ["missing", "not-utf8", "folder", "no-out-dir", "same-file"])
def test_render_bad_input_exits_2_with_one_line(tmp_path: Path, case: str):
    post = tmp_path / "post.md"
    post.write_text("# hi\n", encoding="utf-8")
    out = tmp_path / "out.html"
    if case == "missing":
        post.unlink()
    elif case == "not-utf8":
        post.write_bytes(b"# caf\xe9\n")
    elif case == "folder":
        post = tmp_path
    elif case == "no-out-dir":
        out = tmp_path / "nowhere" / "out.html"
    elif case == "same-file":
        out = post
    before = post.read_bytes() if post.is_file() else None
    done = render(str(post), "-o", str(out))
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("postdesk: error: "), done.stderr
    assert not (tmp_path / "out.html").exists() or case == "same-file"
    if before is not None:
        assert post.read_bytes() == before, "the post is untouched"
