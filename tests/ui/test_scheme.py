"""The postdesk:// scheme serves Postdesk's page and workspace files, nothing else."""

from __future__ import annotations

from editor.core import resources
from editor.ui.preview.scheme import PostdeskSchemeHandler


def test_app_host_serves_the_preview_page_and_nothing_beside_it(qapp):
    handler = PostdeskSchemeHandler()
    assert (
        handler.resolve("app", "/preview/index.html")
        == (resources.preview_dir() / "index.html").resolve()
    )
    assert handler.resolve("app", "/preview/../package.json") is None
    assert handler.resolve("app", "/preview/../../pyproject.toml") is None
    assert handler.resolve("app", "/etc/passwd") is None
    assert handler.resolve("app", "/vendor/mermaid.min.js") == resources.mermaid_bundle()


def test_workspace_host_serves_only_files_inside_the_workspace(qapp, tmp_path):
    site = tmp_path / "site"
    (site / "src/assets").mkdir(parents=True)
    (site / "src/assets/hero.png").write_bytes(b"png")
    (tmp_path / "secret.txt").write_text("no", encoding="utf-8")
    (site / "link.txt").symlink_to(tmp_path / "secret.txt")
    handler = PostdeskSchemeHandler()
    assert handler.resolve("workspace", "/src/assets/hero.png") is None, "no workspace yet"
    handler.set_workspace(site)
    assert (
        handler.resolve("workspace", "/src/assets/hero.png")
        == (site / "src/assets/hero.png").resolve()
    )
    assert handler.resolve("workspace", "/../secret.txt") is None
    assert handler.resolve("workspace", "/link.txt") is None, "a symlink out of the site is refused"
    assert handler.resolve("workspace", "/src/assets") is None, "folders are not served"
    assert handler.resolve("elsewhere", "/src/assets/hero.png") is None
