"""Bytes on disk <-> editor text: encoding, BOM, newline style and atomic writes.

The editor works on text with "\\n" newlines only. A file remembers how it was stored
(encoding, BOM, dominant newline style) so that saving an unedited file writes the
same bytes back.

Mixed newlines: a file that mixes "\\n", "\\r\\n" and "\\r" is reported with its
dominant style (the most frequent one; a tie goes to "\\n", then "\\r\\n", then "\\r").
Saving such a file writes every newline in that dominant style, so it is the one case
where an unedited save does not reproduce the original bytes.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import hashlib
import os
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "StorageError",
    "TextFile",
    "decode_bytes",
    "decode_text",
    "encode_text",
    "file_digest",
    "read_bytes",
    "read_text_file",
    "write_text_file",
]

# Order matters: the UTF-32 LE BOM starts with the UTF-16 LE BOM.
_UTF32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_NEWLINE_PREFERENCE = ("\n", "\r\n", "\r")
_TEMP_SUFFIX = ".postdesk-tmp"
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0)


class StorageError(Exception):
    """Message is a complete sentence a user can read (path, what went wrong)."""


@dataclass(frozen=True)
class TextFile:
    """A text file as read from disk, with what is needed to write it back the same way."""

    path: Path
    text: str  # decoded, newlines normalised to "\n", BOM removed
    encoding: str  # python codec used to encode back: "utf-8", "utf-16-le", "utf-16-be"
    bom: bytes  # b"" or the BOM bytes found (written back as they were)
    newline: str  # dominant newline style: "\n", "\r\n" or "\r" ("\n" when there is none)
    mtime_ns: int
    size: int


def _dominant_newline(text: str) -> str:
    crlf = text.count("\r\n")
    counts = {
        "\n": text.count("\n") - crlf,
        "\r\n": crlf,
        "\r": text.count("\r") - crlf,
    }
    best = max(counts.values())
    if best == 0:
        return "\n"
    return next(style for style in _NEWLINE_PREFERENCE if counts[style] == best)


def _normalise_newlines(text: str) -> str:
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _describe_decode_error(data: bytes, exc: UnicodeDecodeError, encoding: str) -> str:
    bad = data[exc.start : exc.start + 1].hex()
    if encoding == "utf-8":
        line = data.count(b"\n", 0, exc.start) + 1
        return f"invalid byte 0x{bad} on line {line}"
    return f"invalid {encoding.upper()} data at byte {exc.start}"


def decode_bytes(data: bytes) -> tuple[str, str, bytes, str]:
    """Decode file bytes to (text, encoding, bom, newline); raise StorageError if not text."""
    raw, encoding, bom = _decode_raw(data)
    return _normalise_newlines(raw), encoding, bom, _dominant_newline(raw)


def _decode_raw(data: bytes) -> tuple[str, str, bytes]:
    if data.startswith(_UTF32_BOMS):
        # Decoding UTF-32 as UTF-16 "works" and yields NULs; refuse instead.
        raise StorageError(
            "The file is UTF-32 text, which is not supported (only UTF-8 and UTF-16); "
            "it was left untouched."
        )
    encoding, bom = "utf-8", b""
    for candidate, name in _BOMS:
        if data.startswith(candidate):
            encoding, bom = name, candidate
            break
    try:
        raw = data[len(bom) :].decode(encoding, errors="strict")
    except UnicodeDecodeError as exc:
        where = _describe_decode_error(data[len(bom) :], exc, encoding)
        raise StorageError(
            f"The file is not UTF-8 or UTF-16 text ({where}); it was left untouched."
        ) from exc
    return raw, encoding, bom


def encode_text(text: str, like: TextFile) -> bytes:
    """Encode editor text with the BOM, encoding and newline style of `like`."""
    # Pasted text can carry "\r"; normalise first so "\r\n" never becomes "\r\r\n".
    body = _normalise_newlines(text)
    if like.newline != "\n":
        body = body.replace("\n", like.newline)
    try:
        return like.bom + body.encode(like.encoding, errors="strict")
    except UnicodeEncodeError as exc:
        raise StorageError(
            f"The text for {like.path} cannot be stored as {like.encoding.upper()} "
            f"(character {exc.object[exc.start]!r} at position {exc.start})."
        ) from exc


def read_text_file(path: Path) -> TextFile:
    """Read and decode a text file; raise StorageError with a readable reason."""
    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            data = handle.read()
    except OSError as exc:
        raise StorageError(f"Could not read {path}: {_reason(exc)}.") from exc
    try:
        text, encoding, bom, newline = decode_bytes(data)
    except StorageError as exc:
        message = str(exc).replace("The file", f"{path}", 1)
        raise StorageError(message) from exc.__cause__
    return TextFile(
        path=Path(path),
        text=text,
        encoding=encoding,
        bom=bom,
        newline=newline,
        mtime_ns=info.st_mtime_ns,
        size=len(data),
    )


def read_bytes(path: str) -> bytes:
    """The bytes of a file; raise StorageError as read_text_file does."""
    # os.open and no Path or file object: a workspace search reads 20,000 files and the
    # wrappers cost more than the reading.
    try:
        fd = os.open(path, _READ_FLAGS)
        try:
            size = os.fstat(fd).st_size
            chunks = []
            while chunk := os.read(fd, size + 1 if size else 65536):
                chunks.append(chunk)
        finally:
            os.close(fd)
    except OSError as exc:
        raise StorageError(f"Could not read {path}: {_reason(exc)}.") from exc
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def decode_text(data: bytes, path: str) -> str:
    """The text read_text_file gives for data read from path, without its style."""
    try:
        raw = _decode_raw(data)[0]
    except StorageError as exc:
        message = str(exc).replace("The file", f"{path}", 1)
        raise StorageError(message) from exc.__cause__
    return _normalise_newlines(raw)


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    return exc.strerror or str(exc)


def _fsync_directory(directory: Path) -> None:
    # Makes the rename durable on POSIX; Windows cannot open a directory, so skip there.
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def write_text_file(path: Path, text: str, like: TextFile | None = None) -> TextFile:
    """Atomically write text in the style of `like` (new file: UTF-8, no BOM, "\\n")."""
    path = Path(path)
    if like is None:
        like = TextFile(path, "", "utf-8", b"", "\n", 0, 0)
    data = encode_text(text, like)
    # Write through a symlink to its target instead of replacing the link by a file.
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    directory = target.parent
    temp = directory / f".{target.name}.{secrets.token_hex(4)}{_TEMP_SUFFIX}"
    try:
        try:
            original_mode: int | None = stat.S_IMODE(os.stat(target).st_mode)
        except FileNotFoundError:
            original_mode = None
        # 0o666 lets the umask decide a new file's permissions, as any editor would.
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
        try:
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        if original_mode is not None:
            os.chmod(temp, original_mode)
        os.replace(temp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise StorageError(
            f"Could not save {path}: {_reason(exc)}. The file on disk was left unchanged."
        ) from exc
    _fsync_directory(directory)
    try:
        info = os.stat(target)
    except OSError as exc:
        raise StorageError(f"Saved {path}, but could not read it back: {_reason(exc)}.") from exc
    return TextFile(
        path=path,
        text=_normalise_newlines(text),
        encoding=like.encoding,
        bom=like.bom,
        newline=like.newline,
        mtime_ns=info.st_mtime_ns,
        size=info.st_size,
    )


def bytes_digest(data: bytes) -> bytes:
    """The hash file_digest gives for a file holding data."""
    return hashlib.blake2b(data).digest()


def file_digest(path: Path) -> bytes | None:
    """A hash of a file's bytes, to tell a change by content; None when it cannot be read."""
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "blake2b").digest()
    except OSError:
        return None
