"""The open post: minimal replacements, style decided by the text before a run of edits."""

from __future__ import annotations

from editor.core.frontmatter.requests import SetValue
from editor.ui.document_session import DocumentSession
from editor.ui.markdown_editor import MarkdownEditor


def test_a_trailing_space_while_typing_does_not_quote_a_plain_title_for_good(qtbot, tmp_path):
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: Old\n---\nbody\n", encoding="utf-8")
    editor = MarkdownEditor()
    qtbot.addWidget(editor)
    session = DocumentSession(editor)
    assert session.open(post)
    for value in ("N", "New", "New ", "New t", "New title"):
        assert session.apply_edit(SetValue(("title",), value))
    assert editor.text() == "---\ntitle: New title\n---\nbody\n"
    editor.undo()
    assert editor.text() == "---\ntitle: Old\n---\nbody\n"


def test_saving_an_unedited_post_writes_nothing(qtbot, tmp_path):
    post = tmp_path / "post.md"
    post.write_bytes(b"\xef\xbb\xbf---\r\ntitle: x\r\n---\r\nbody\r\n")
    before = post.stat().st_mtime_ns
    editor = MarkdownEditor()
    qtbot.addWidget(editor)
    session = DocumentSession(editor)
    assert session.open(post)
    assert session.save()
    assert post.stat().st_mtime_ns == before
    assert post.read_bytes() == b"\xef\xbb\xbf---\r\ntitle: x\r\n---\r\nbody\r\n"


def test_an_edit_is_saved_in_the_files_own_bom_and_newlines(qtbot, tmp_path):
    post = tmp_path / "post.md"
    post.write_bytes(b"\xef\xbb\xbf---\r\ntitle: x\r\n---\r\nbody\r\n")
    editor = MarkdownEditor()
    qtbot.addWidget(editor)
    session = DocumentSession(editor)
    assert session.open(post)
    assert session.apply_edit(SetValue(("title",), "제목"))
    assert session.save()
    assert post.read_bytes() == "\ufeff---\r\ntitle: 제목\r\n---\r\nbody\r\n".encode()


def test_an_unreadable_file_is_refused_with_a_message(qtbot, tmp_path):
    post = tmp_path / "latin1.md"
    post.write_bytes("caf\xe9\n".encode("latin-1"))
    editor = MarkdownEditor()
    qtbot.addWidget(editor)
    session = DocumentSession(editor)
    with qtbot.waitSignal(session.problem) as problem:
        assert not session.open(post)
    assert "latin1.md" in problem.args[0]
    assert post.read_bytes() == "caf\xe9\n".encode("latin-1")
