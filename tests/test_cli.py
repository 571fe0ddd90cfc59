"""The `postdesk` command line: what a path argument opens."""

from __future__ import annotations

import subprocess
import sys

from editor.cli import main
from editor.core import resources
from editor.ui.launch import resolve_target


def test_no_argument_opens_the_sample_site():
    assert resolve_target(None) == (resources.sample_site_dir(), None)


def test_a_folder_opens_as_the_workspace(tmp_path):
    assert resolve_target(tmp_path) == (tmp_path.resolve(), None)


def test_a_post_opens_its_site_and_itself(tmp_path):
    site = tmp_path / "site"
    post = site / "src" / "content" / "blog" / "ko" / "a.md"
    post.parent.mkdir(parents=True)
    (site / "astro.config.mjs").write_text("export default {}\n", encoding="utf-8")
    post.write_text("# a\n", encoding="utf-8")
    assert resolve_target(post) == (site.resolve(), post.resolve())


def test_a_missing_path_exits_2_with_a_message(tmp_path, capsys):
    assert main([str(tmp_path / "nope.md")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_python_m_editor_is_the_same_command():
    result = subprocess.run(
        [sys.executable, "-m", "editor", "--version"], capture_output=True, text=True, check=True
    )
    assert result.stdout.startswith("postdesk ")
