"""merge_with_disk reads the file again and keeps what it read as the next base."""

from __future__ import annotations

import pytest

from editor.core.merge import merge_with_disk
from editor.core.storage import StorageError, read_text_file

BASE = "---\ntitle: 제목\n---\n첫 줄\n\n둘째 줄\n\n셋째 줄\n"


def test_the_disk_version_is_read_in_its_own_encoding_and_newline_style(tmp_path):
    post = tmp_path / "post.md"
    post.write_bytes(b"\xef\xbb\xbf" + BASE.replace("\n", "\r\n").encode("utf-8"))
    base = read_text_file(post)
    mine = base.text.replace("첫 줄", "내 첫 줄")
    post.write_bytes(
        b"\xef\xbb\xbf" + BASE.replace("셋째", "디스크의 셋째").replace("\n", "\r\n").encode()
    )
    merge = merge_with_disk(base, mine)
    assert merge.result.conflicts == []
    assert merge.result.text == mine.replace("셋째", "디스크의 셋째")
    assert (merge.disk.newline, merge.disk.bom) == ("\r\n", b"\xef\xbb\xbf")
    assert merge.mine == mine


def test_a_file_gone_from_disk_is_a_storage_error(tmp_path):
    post = tmp_path / "post.md"
    post.write_text(BASE, encoding="utf-8")
    base = read_text_file(post)
    post.unlink()
    with pytest.raises(StorageError):
        merge_with_disk(base, base.text)
