"""The workspace's `.postdesk.json`: length windows per field and language; bad files ignored."""

from __future__ import annotations

from editor.core.checks.lengths import LengthWindow
from editor.core.workspace.config import load_workspace_config


def test_a_missing_file_is_the_default_config(tmp_path):
    config = load_workspace_config(tmp_path)
    assert config.length_windows == {}
    assert config.problem is None


def test_length_windows_are_read_per_field_and_language(tmp_path):
    (tmp_path / ".postdesk.json").write_text(
        '{"lengthWindows": {"title": {"ko": [20, 28]}, "description": {"fr": [120, 155]}}}',
        encoding="utf-8",
    )
    config = load_workspace_config(tmp_path)
    assert config.length_windows["title"]["ko"] == LengthWindow(20, 28)
    assert config.length_windows["description"]["fr"] == LengthWindow(120, 155)


def test_a_broken_file_is_ignored_with_a_reason(tmp_path):
    (tmp_path / ".postdesk.json").write_text("{not json", encoding="utf-8")
    config = load_workspace_config(tmp_path)
    assert config.length_windows == {}
    assert ".postdesk.json was ignored" in config.problem


def test_languages_and_shared_fields_are_read_in_order(tmp_path):
    (tmp_path / ".postdesk.json").write_text(
        '{"languages": ["ko", "ja", " en ", 3, ""], "sharedFields": ["pubDate", "heroImage"]}',
        encoding="utf-8",
    )
    config = load_workspace_config(tmp_path)
    assert config.languages == ("ko", "ja", "en")
    assert config.shared_fields == ("pubDate", "heroImage")


def test_shared_fields_are_learned_unless_listed(tmp_path):
    (tmp_path / ".postdesk.json").write_text('{"languages": "ko"}', encoding="utf-8")
    config = load_workspace_config(tmp_path)
    assert config.languages == ()
    assert config.shared_fields is None
