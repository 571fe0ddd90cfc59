"""`postdesk index DIR [--json]`: what the index sees, as text or JSON."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from editor.cli import main

SAMPLE = Path(__file__).resolve().parents[1] / "resources" / "sample-site"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    shutil.copytree(SAMPLE, root)
    blog = root / "src" / "content" / "blog"
    (blog / "zh" / "git-branching-workflow.md").unlink()
    (blog / "ko" / "broken.md").write_text("---\ntitle: [oops\n---\n", encoding="utf-8")
    return root


def test_the_text_report_lists_collections_families_errors_and_the_cache(site, capsys) -> None:
    assert main(["index", str(site)]) == 0
    out = capsys.readouterr().out
    assert f"Site: {site.resolve()}" in out
    assert "src/content/blog: 20 posts (ko 6, ja 5, en 5, zh 4)" in out
    assert "Families: 6, 2 missing a language" in out
    assert "src/content/blog/git-branching-workflow: missing zh" in out
    assert "src/content/blog/broken: missing ja, en, zh" in out
    assert "Parse errors: 1\n  src/content/blog/ko/broken.md: Frontmatter error on line" in out
    assert "(cache: 0 hits, 20 misses)" in out
    assert main(["index", str(site)]) == 0
    assert "(cache: 20 hits, 0 misses)" in capsys.readouterr().out


def test_the_json_report_has_every_post(site, capsys) -> None:
    assert main(["index", str(site), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["post_count"] == 20 and len(report["posts"]) == 20
    assert report["collections"][0]["languages"] == {"ko": 6, "en": 5, "ja": 5, "zh": 4}
    assert report["families"]["count"] == 6
    assert {"family": "src/content/blog/git-branching-workflow", "missing": ["zh"]} in (
        report["families"]["missing"]
    )
    assert report["errors"] == [
        {"path": "src/content/blog/ko/broken.md", "error": report["errors"][0]["error"]}
    ]
    post = next(p for p in report["posts"] if p["rel_path"].endswith("ko/astro-build-pipeline.md"))
    assert post["family"] == "src/content/blog/astro-build-pipeline"
    assert post["lang"] == "ko" and post["title"] and post["date"]
    assert post["words"] > 0 and post["images"] and post["related"]
    assert set(post) == {
        "rel_path", "slug", "lang", "family", "title", "date", "updated", "draft", "tags",
        "related", "links", "images", "words", "error",
    }  # fmt: skip


def test_a_missing_folder_exits_2_with_a_message(tmp_path, capsys) -> None:
    assert main(["index", str(tmp_path / "nope")]) == 2
    assert "is not a folder" in capsys.readouterr().err


def test_the_command_runs_as_its_own_process_without_qt(site) -> None:
    script = (
        "import sys\nfrom editor.cli import main\ncode = main(['index', sys.argv[1]])\n"
        "assert not any(name.startswith('PySide6') for name in sys.modules), 'Qt imported'\n"
        "sys.exit(code)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(site)], capture_output=True, text=True, check=True
    )
    assert "Read 20 posts in" in result.stdout
