"""editor.core.storage: decoding, encoding back byte-identically, and atomic saves."""

from __future__ import annotations

import codecs
import errno
import os
import stat
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from editor.core import storage
from editor.core.storage import (
    StorageError,
    decode_bytes,
    encode_text,
    read_text_file,
    write_text_file,
)

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "deepseek-v4-release.ko.md"
FIXTURE_TEXT = FIXTURE.read_text(encoding="utf-8")


def _variants() -> dict[str, bytes]:
    """The fixture post stored every way a writer's tools store it."""
    lf = FIXTURE_TEXT
    crlf = lf.replace("\n", "\r\n")
    cr = lf.replace("\n", "\r")
    return {
        "lf": lf.encode("utf-8"),
        "crlf": crlf.encode("utf-8"),
        "cr": cr.encode("utf-8"),
        "utf8-bom": codecs.BOM_UTF8 + lf.encode("utf-8"),
        "utf8-bom-crlf": codecs.BOM_UTF8 + crlf.encode("utf-8"),
        "utf16-le": codecs.BOM_UTF16_LE + lf.encode("utf-16-le"),
        "utf16-be": codecs.BOM_UTF16_BE + crlf.encode("utf-16-be"),
        "no-final-newline": lf.rstrip("\n").encode("utf-8"),
        "crlf-no-final-newline": crlf.rstrip("\r\n").encode("utf-8"),
        "empty": b"",
        "bom-only": codecs.BOM_UTF8,
        "one-line": b"hello",
    }


VARIANTS = _variants()


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_reading_then_encoding_an_unedited_file_gives_back_its_exact_bytes(
    tmp_path: Path, name: str
) -> None:
    path = tmp_path / "post.md"
    path.write_bytes(VARIANTS[name])
    file = read_text_file(path)
    assert encode_text(file.text, file) == VARIANTS[name]


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_saving_an_unedited_file_writes_identical_bytes(tmp_path: Path, name: str) -> None:
    path = tmp_path / "post.md"
    path.write_bytes(VARIANTS[name])
    file = read_text_file(path)
    write_text_file(path, file.text, file)
    assert path.read_bytes() == VARIANTS[name]


def test_text_is_normalised_to_lf_without_bom_whatever_the_file_used(tmp_path: Path) -> None:
    for name in ("crlf", "cr", "utf8-bom-crlf", "utf16-be"):
        path = tmp_path / f"{name}.md"
        path.write_bytes(VARIANTS[name])
        file = read_text_file(path)
        assert file.text == FIXTURE_TEXT, name
        assert "\r" not in file.text and not file.text.startswith("\ufeff")


@pytest.mark.parametrize(
    ("name", "encoding", "bom", "newline"),
    [
        ("lf", "utf-8", b"", "\n"),
        ("crlf", "utf-8", b"", "\r\n"),
        ("cr", "utf-8", b"", "\r"),
        ("utf8-bom", "utf-8", codecs.BOM_UTF8, "\n"),
        ("utf16-le", "utf-16-le", codecs.BOM_UTF16_LE, "\n"),
        ("utf16-be", "utf-16-be", codecs.BOM_UTF16_BE, "\r\n"),
        ("one-line", "utf-8", b"", "\n"),
        ("empty", "utf-8", b"", "\n"),
    ],
)
def test_read_reports_the_encoding_bom_and_newline_style_found(
    tmp_path: Path, name: str, encoding: str, bom: bytes, newline: str
) -> None:
    path = tmp_path / "post.md"
    path.write_bytes(VARIANTS[name])
    file = read_text_file(path)
    assert (file.encoding, file.bom, file.newline) == (encoding, bom, newline)
    assert file.size == len(VARIANTS[name])
    assert file.mtime_ns == path.stat().st_mtime_ns
    assert file.path == path


def test_mixed_newlines_report_the_dominant_style_and_save_in_it() -> None:
    text, _, _, newline = decode_bytes(b"a\r\nb\r\nc\nd\r\n")
    assert newline == "\r\n"
    assert text == "a\nb\nc\nd\n"


def test_mixed_newlines_tie_goes_to_lf() -> None:
    assert decode_bytes(b"a\r\nb\n")[3] == "\n"
    assert decode_bytes(b"a\rb\r\n")[3] == "\r\n"


def test_a_lone_cr_before_crlf_counts_as_its_own_newline() -> None:
    text, _, _, newline = decode_bytes(b"a\r\r\nb\r")
    assert text == "a\n\nb\n"
    assert newline == "\r"


def test_edited_text_is_saved_in_the_file_s_own_style(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    path.write_bytes(VARIANTS["utf16-be"])
    file = read_text_file(path)
    saved = write_text_file(path, file.text.replace("DeepSeek V4", "DeepSeek V5"), file)
    data = path.read_bytes()
    assert data.startswith(codecs.BOM_UTF16_BE)
    decoded = data[2:].decode("utf-16-be")
    assert (
        "DeepSeek V5" in decoded and "\r\n" in decoded and "\n" not in decoded.replace("\r\n", "")
    )
    assert (saved.encoding, saved.bom, saved.newline, saved.size) == (
        "utf-16-be",
        codecs.BOM_UTF16_BE,
        "\r\n",
        len(data),
    )
    assert saved.mtime_ns == path.stat().st_mtime_ns


def test_pasted_carriage_returns_do_not_double_crlf_newlines(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    path.write_bytes(b"a\r\n")
    file = read_text_file(path)
    assert encode_text("a\r\nb\rc\n", file) == b"a\r\nb\r\nc\r\n"


def test_a_new_file_is_utf8_without_bom_with_lf(tmp_path: Path) -> None:
    path = tmp_path / "new.md"
    saved = write_text_file(path, "---\ntitle: 새 글\n---\n")
    assert path.read_bytes() == "---\ntitle: 새 글\n---\n".encode()
    assert (saved.encoding, saved.bom, saved.newline) == ("utf-8", b"", "\n")


def test_non_utf8_bytes_are_refused_with_the_path_and_line_and_never_guessed(
    tmp_path: Path,
) -> None:
    path = tmp_path / "latin1.md"
    path.write_bytes("---\ntitle: caf\u00e9\n---\n".encode("latin-1"))
    with pytest.raises(StorageError) as caught:
        read_text_file(path)
    message = str(caught.value)
    assert str(path) in message
    assert "not UTF-8 or UTF-16 text" in message
    assert "line 2" in message and "left untouched" in message
    assert isinstance(caught.value.__cause__, UnicodeDecodeError)


def test_utf16_with_an_odd_byte_count_is_refused() -> None:
    with pytest.raises(StorageError, match="not UTF-8 or UTF-16"):
        decode_bytes(codecs.BOM_UTF16_LE + "ab".encode("utf-16-le") + b"\x00")


def test_utf32_is_refused_rather_than_read_as_utf16_garbage() -> None:
    with pytest.raises(StorageError, match="UTF-32"):
        decode_bytes(codecs.BOM_UTF32_LE + "a".encode("utf-32-le"))


def test_a_missing_file_raises_a_readable_error_caused_by_file_not_found(tmp_path: Path) -> None:
    with pytest.raises(StorageError) as caught:
        read_text_file(tmp_path / "gone.md")
    assert "Could not read" in str(caught.value) and "gone.md" in str(caught.value)
    assert isinstance(caught.value.__cause__, FileNotFoundError)


def test_text_that_the_file_encoding_cannot_hold_raises_storage_error(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    file = write_text_file(path, "a\n")
    with pytest.raises(StorageError, match="cannot be stored"):
        encode_text("lone surrogate \ud800", file)


def test_save_keeps_the_original_permission_bits(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    path.write_text("old\n", encoding="utf-8")
    os.chmod(path, 0o640)
    write_text_file(path, "new\n", read_text_file(path))
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert path.read_text(encoding="utf-8") == "new\n"


def test_save_through_a_symlink_updates_the_target_and_keeps_the_link(tmp_path: Path) -> None:
    target = tmp_path / "real.md"
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    write_text_file(link, "new\n", read_text_file(link))
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == "new\n"


def _temp_files(directory: Path) -> list[Path]:
    return [p for p in directory.iterdir() if p.name.endswith(".postdesk-tmp")]


@pytest.mark.parametrize(
    ("failing", "code", "reason"),
    [
        ("fsync", errno.ENOSPC, "the disk is full"),
        ("replace", errno.EACCES, "permission denied"),
        ("write", errno.EIO, "Input/output error"),
    ],
)
def test_a_failed_save_leaves_the_original_intact_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str, code: int, reason: str
) -> None:
    path = tmp_path / "post.md"
    path.write_bytes(VARIANTS["crlf"])
    file = read_text_file(path)

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(storage.os, failing, fail)
    with pytest.raises(StorageError) as caught:
        write_text_file(path, "lost?\n", file)
    monkeypatch.undo()
    message = str(caught.value)
    assert str(path) in message and reason in message and "left unchanged" in message
    assert path.read_bytes() == VARIANTS["crlf"]
    assert _temp_files(tmp_path) == []


def test_a_save_into_a_missing_folder_raises_storage_error(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="Could not save"):
        write_text_file(tmp_path / "nope" / "post.md", "x\n")


def test_a_successful_save_leaves_no_temp_file(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    write_text_file(path, "x\n")
    write_text_file(path, "y\n", read_text_file(path))
    assert _temp_files(tmp_path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["post.md"]


_line = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"), max_size=20
)


@given(
    lines=st.lists(_line, max_size=6),
    newline=st.sampled_from(["\n", "\r\n", "\r"]),
    final=st.booleans(),
    style=st.sampled_from(
        [
            ("utf-8", b""),
            ("utf-8", codecs.BOM_UTF8),
            ("utf-16-le", codecs.BOM_UTF16_LE),
            ("utf-16-be", codecs.BOM_UTF16_BE),
        ]
    ),
)
def test_any_single_newline_style_file_round_trips_byte_for_byte(
    lines: list[str], newline: str, final: bool, style: tuple[str, bytes]
) -> None:
    encoding, bom = style
    raw = newline.join(lines) + (newline if final and lines else "")
    if raw.startswith("\ufeff") and not bom:
        raw = "x" + raw  # a leading U+FEFF *is* a UTF-8 BOM: not a BOM-less file
    if raw.startswith("\x00") and bom == codecs.BOM_UTF16_LE:
        raw = "x" + raw  # FF FE 00 00 *is* the UTF-32 LE BOM: not a UTF-16 file
    data = bom + raw.encode(encoding)
    text, got_encoding, got_bom, got_newline = decode_bytes(data)
    like = storage.TextFile(Path("x"), text, got_encoding, got_bom, got_newline, 0, len(data))
    assert encode_text(text, like) == data
