"""One bad file never stops or freezes a scan: it is listed with its error."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from editor.core.workspace import PostIndex, read_post_entry
from editor.core.workspace.post_summary import MAX_DEPTH, check_bounds

SAMPLE = Path(__file__).resolve().parents[3] / "resources" / "sample-site"

_LAUGHS = "\n".join(
    ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    + [
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]"
        for i in range(8)
    ]
    + ["title: Billion laughs"]
)
HOSTILE: dict[str, bytes] = {
    "invalid-yaml.md": b"---\ntitle: [unclosed\n---\nBody\n",
    "deep-brackets.md": b"---\ntitle: x\nv: " + b"[" * 10_000 + b"]" * 10_000 + b"\n---\n",
    "deep-indent.md": (
        "---\n" + "".join(" " * i + f"k{i}:\n" for i in range(300)) + "---\n"
    ).encode(),
    "alias-bomb.md": f"---\n{_LAUGHS}\n---\nBody\n".encode(),
    "many-aliases.md": ("---\na: &a 1\nb: [" + ", ".join(["*a"] * 10_001) + "]\n---\n").encode(),
    "one-line.md": b"# " + b"word " * 200_000 + b"\n",
    "huge-frontmatter.md": b"---\ntitle: " + b"x" * 1_100_000 + b"\n---\n",
    "binary.md": bytes(range(256)) * 40,
    "utf16.md": "---\ntitle: UTF-16 글\n---\n본문\n".encode("utf-16"),
}


@pytest.fixture
def hostile_site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    shutil.copytree(SAMPLE, root)
    bad = root / "src" / "content" / "blog" / "ko"
    for name, data in HOSTILE.items():
        (bad / name).write_bytes(data)
    if hasattr(os, "mkfifo"):
        os.mkfifo(bad / "x.md")  # opening it for reading would block for ever
    return root


def test_the_site_opens_and_every_bad_file_is_listed_with_its_error(hostile_site: Path) -> None:
    index = PostIndex(hostile_site)
    index.scan()
    by_name = {entry.path.name: entry for entry in index.entries()}
    good = [e for e in index.entries() if e.path.name not in HOSTILE]
    assert len(good) == 20 and all(e.error is None and e.title for e in good)
    assert "x.md" not in by_name  # not a regular file: never opened
    assert "Frontmatter error on line 3" in str(by_name["invalid-yaml.md"].error)
    assert f"deeper than {MAX_DEPTH}" in str(by_name["deep-brackets.md"].error)
    assert f"deeper than {MAX_DEPTH}" in str(by_name["deep-indent.md"].error)
    assert "aliases" in str(by_name["many-aliases.md"].error)
    assert "1,000,000" in str(by_name["huge-frontmatter.md"].error)
    assert "not UTF-8" in str(by_name["binary.md"].error)
    # Within the limits, an alias bomb is read in linear time, as libyaml shares the nodes.
    assert by_name["alias-bomb.md"].title == "Billion laughs"
    assert by_name["one-line.md"].error is None and by_name["one-line.md"].words == 200_000
    assert by_name["utf16.md"].title == "UTF-16 글"
    assert index.last_scan.errors == 6


def test_a_fifo_is_not_read_even_when_asked_for(hostile_site: Path) -> None:
    fifo = hostile_site / "src" / "content" / "blog" / "ko" / "x.md"
    if not fifo.exists():
        pytest.skip("no FIFOs on this platform")
    assert read_post_entry(fifo, hostile_site) is None
    assert PostIndex(hostile_site).update_path(fifo) is None


@pytest.mark.parametrize(
    "body",
    [
        "title: [a, [b, {c: d}]]\n",
        "title: x\n" + "".join("  " * i + f"k{i}:\n" for i in range(50)),
        "a: &a 1\nb: [" + ", ".join(["*a"] * 100) + "]\n",
        "title: 'brackets in a string: ]]]] [[['\n",
    ],
)
def test_ordinary_frontmatter_passes_the_bounds(body: str) -> None:
    assert check_bounds(body) is None


def test_an_unexpected_failure_becomes_the_posts_error(tmp_path: Path, monkeypatch) -> None:
    import editor.core.workspace.post_summary as summary

    def explode(text: str) -> object:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(summary, "read_frontmatter", explode)
    post = tmp_path / "p.md"
    post.write_text("---\ntitle: t\n---\n", encoding="utf-8")
    entry = read_post_entry(post, tmp_path)
    assert entry is not None and "RecursionError" in str(entry.error)


def test_a_file_far_larger_than_a_post_is_listed_unread(tmp_path: Path, monkeypatch) -> None:
    import editor.core.workspace.entries as entries_module

    monkeypatch.setattr(entries_module, "MAX_POST_BYTES", 1_000)
    post = tmp_path / "dump.md"
    post.write_bytes(b"---\ntitle: t\n---\n" + b"x" * 2_000_000)
    entry = read_post_entry(post, tmp_path)
    assert entry is not None and entry.title is None
    assert "2 MB, over the index's limit" in str(entry.error)
    assert entry.size == post.stat().st_size
