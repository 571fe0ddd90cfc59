"""The fast search finds exactly what a plain read, decode and regex walk of each file finds."""

from __future__ import annotations

import codecs
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from editor.core.find import SearchMatch, SearchQuery, compile_query
from editor.core.find.isolated import IsolatedSearch
from editor.core.find.search import (
    _ASCII_FOLD_EXTRAS,
    FileScan,
    _context,
    override_texts,
    scan_files,
    search_posts,
)
from editor.core.storage import StorageError, read_text_file
from editor.core.workspace import PostIndex

# Letters `re` folds beyond ASCII, CJK, an astral emoji, and the newline styles a file can hold.
ALPHABET = "aAbBiIkKsSzZ \u0130\u0131\u212a\u017f가나日本中文😀-_.\t\n\r"
ENCODINGS = ("utf-8", "utf-8", "utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "broken")
# Regex pieces around and between literals: only literals outside groups, repeats and
# alternatives are required of every match.
REGEX_PARTS = (
    "",
    "",
    r"\d",
    ".",
    "[a-z]",
    "a*",
    "(?:ab|AB)",
    "k+",
    r"\s",
    "|",
    "(?i:k)",
    r"\n",
    "s?",
)


def encode(text: str, encoding: str) -> bytes:
    if encoding == "utf-8-bom":
        return codecs.BOM_UTF8 + text.encode("utf-8")
    if encoding == "utf-16-le-bom":
        return codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    if encoding == "utf-16-be-bom":
        return codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    if encoding == "broken":
        return text.encode("utf-8") + b"\xff\xfe\xfa"
    return text.encode("utf-8")


def reference(query: SearchQuery, paths: list[str], cap: int) -> FileScan:
    """The slow path: read_text_file, then every regex match with its line found by splitting."""
    pattern = compile_query(query)
    if isinstance(pattern, str):
        return FileScan(error=pattern)
    scan = FileScan()
    for number, path in enumerate(paths):
        try:
            text = read_text_file(Path(path)).text
        except StorageError as exc:
            scan.unreadable.append(str(exc))
            continue
        scan.searched += 1
        lines = text.split("\n")
        found: list[SearchMatch] = []
        for m in pattern.finditer(text):
            if m.start() == m.end():
                continue
            line_no = text.count("\n", 0, m.start()) + 1
            line_start = text.rfind("\n", 0, m.start()) + 1
            line = lines[line_no - 1]
            col, col_end = m.start() - line_start, min(m.end() - line_start, len(line))
            s16 = len(line[:col].encode("utf-16-le")) // 2
            e16 = len(line[:col_end].encode("utf-16-le")) // 2
            context, c_start, c_end = _context(line, col, col_end)
            found.append(SearchMatch(line_no, col, col_end, s16, e16, context, c_start, c_end))
        remaining = cap - scan.total
        if len(found) > remaining:
            found, scan.capped = found[:remaining], True
        if found:
            scan.hits.append((number, tuple(found)))
            scan.total += len(found)
        if scan.capped:
            break
    return scan


@st.composite
def files_and_query(draw: st.DrawFn) -> tuple[list[tuple[str, str]], SearchQuery]:
    texts = draw(st.lists(st.text(ALPHABET, max_size=60), min_size=1, max_size=5))
    encodings = draw(st.lists(st.sampled_from(ENCODINGS), min_size=len(texts), max_size=len(texts)))
    # A needle cut from a file, its case shuffled, finds something; a drawn one mostly not.
    source = draw(st.sampled_from(texts))
    start = draw(st.integers(0, len(source)))
    cut = source[start : start + draw(st.integers(1, 6))]
    flips = draw(st.lists(st.booleans(), min_size=len(cut), max_size=len(cut)))
    cut = "".join(c.swapcase() if flip else c for c, flip in zip(cut, flips, strict=True))
    needle = draw(st.one_of(st.just(cut or "a"), st.text(ALPHABET, min_size=1, max_size=4)))
    regex = draw(st.booleans())
    whole_word = draw(st.booleans())
    if regex:
        split = draw(st.integers(0, len(needle)))
        parts = [re.escape(needle[:split]), draw(st.sampled_from(REGEX_PARTS))]
        parts += [re.escape(needle[split:]), draw(st.sampled_from(REGEX_PARTS))]
        # Whole word wraps the pattern, and global flags must start it (compile_query raises).
        flags = "" if whole_word else draw(st.sampled_from(("", "(?i)", "(?i)", "(?x)")))
        needle = flags + "".join(parts)
    query = SearchQuery(
        needle,
        regex=regex,
        match_case=draw(st.booleans()),
        whole_word=whole_word,
    )
    return list(zip(texts, encodings, strict=True)), query


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(files_and_query(), st.integers(1, 8))
@example(([("\u212aelvin", "utf-8")], SearchQuery("KELVIN")), 8)
@example(([("PIPE\r\nline", "utf-16-be-bom")], SearchQuery("pipe")), 8)
@example(([("\u0130i\u0131", "utf-8-bom")], SearchQuery("ii", whole_word=True)), 8)
@example(([("a\u212a\u212a9q", "utf-8")], SearchQuery(r"(?i)akk\dQ", regex=True)), 8)
@example(([("x zz12q", "utf-16-le-bom")], SearchQuery(r"zz\d+q", regex=True)), 8)
@example(([("ab\r\nc", "utf-8")], SearchQuery(r"(?i)AB\nC", regex=True, match_case=True)), 8)
@example(([("x-\u017fk", "utf-8")], SearchQuery(r"\d|X-s\w", regex=True)), 8)
@example(([("zzkkq", "utf-8")], SearchQuery(r"zzk+q", regex=True)), 8)
@example(([("ab\r\nc", "utf-8")], SearchQuery("b\nc", match_case=True)), 8)
def test_the_search_finds_what_the_slow_path_finds(case, cap):
    """Mixed case, folded letters, CJK, CRLF, BOM, UTF-16 and broken files; cap included."""
    files, query = case
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for number, (text, encoding) in enumerate(files):
            path = Path(tmp) / f"{number}.md"
            path.write_bytes(encode(text, encoding))
            paths.append(str(path))
        assert scan_files(query, paths, {}, cap) == reference(query, paths, cap)


def test_ascii_fold_extras_are_every_character_re_matches_beyond_ascii_ignoring_case():
    """The byte filter trusts this table: a missing entry would hide matches."""
    beyond = "".join(chr(c) for c in range(0x80, 0x110000) if not 0xD800 <= c < 0xE000)
    for code in range(0x80):
        char = chr(code)
        found = "".join(sorted(set(re.findall(re.escape(char), beyond, re.IGNORECASE))))
        expected = "".join(sorted(_ASCII_FOLD_EXTRAS.get(char.lower(), "")))
        assert found == expected, f"{char!r} also matches {found!r}"
        in_ascii = {chr(c) for c in range(0x80) if re.fullmatch(re.escape(char), chr(c), re.I)}
        assert in_ascii == {char.lower(), char.upper()}


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("utf-16-le-bom", "---\ntitle: x\n---\n\nThe Build PIPELINE runs\n"),
        ("utf-16-be-bom", "---\ntitle: x\n---\n\n빌드 Pipeline\n"),
        ("utf-8-bom", "---\r\ntitle: x\r\n---\r\n\r\npipeLINE\r\n"),
        ("utf-8", "---\ntitle: x\n---\n\n\u017fome PIPELINE \u212aelvin\n"),
    ],
)
def test_a_latin_word_ignoring_case_is_found_in_utf16_bom_and_crlf_files(tmp_path, encoding, text):
    """Bytes of a UTF-16 file never hold the ASCII needle: such a file must still be read."""
    path = tmp_path / "post.md"
    path.write_bytes(encode(text, encoding))
    scan = scan_files(SearchQuery("pipeline", whole_word=True), [str(path)], {})
    [(number, [match])] = [(n, list(m)) for n, m in scan.hits]
    assert number == 0 and match.line == 5
    assert match.context[match.context_start : match.context_end].lower() == "pipeline"


def test_a_file_that_is_not_text_is_reported_even_when_it_cannot_match(tmp_path):
    """Skipping a file by its bytes must not hide that it is unreadable."""
    (tmp_path / "broken.md").write_bytes(b"nothing to find \xff\xfe here")
    missing = tmp_path / "gone.md"
    scan = scan_files(SearchQuery("zzqx"), [str(tmp_path / "broken.md"), str(missing)], {})
    expected = []
    for path in (tmp_path / "broken.md", missing):
        with pytest.raises(StorageError) as caught:
            read_text_file(path)
        expected.append(str(caught.value))
    assert scan.unreadable == expected and scan.searched == 0


def test_override_texts_match_equal_paths_not_only_the_same_object(tmp_path):
    """The unsaved text of the open post is found by any equal Path, by its entry's index."""
    blog = tmp_path / "src/content/blog/ko"
    blog.mkdir(parents=True)
    for name in ("a.md", "b.md"):
        (blog / name).write_text("---\ntitle: t\n---\n", encoding="utf-8")
    index = PostIndex(tmp_path)
    index.scan()
    entries = index.entries()
    target = Path(str(entries[1].path))
    assert override_texts(entries, {target: "미저장"}) == {1: "미저장"}
    assert override_texts(entries, {tmp_path / "other.md": "x"}) == {}


def test_the_child_process_searches_the_unsaved_text_too(tmp_path):
    """The regex child gets paths and unsaved texts by index and answers as in process."""
    blog = tmp_path / "src/content/blog/ko"
    blog.mkdir(parents=True)
    for name in ("a.md", "b.md", "c.md"):
        (blog / name).write_text("---\ntitle: 제목\n---\n\n빌드 Build\n", encoding="utf-8")
    index = PostIndex(tmp_path)
    index.scan()
    entries = index.entries()
    overrides = {entries[1].path: "---\ntitle: 제목\n---\n\n미저장 build build\n"}
    query = SearchQuery(r"build|미저장", regex=True)
    isolated = IsolatedSearch().run(query, entries, overrides)
    assert isolated == search_posts(query, entries, overrides)
    assert [len(post.matches) for post in isolated.posts] == [1, 3, 1]
    assert isolated.posts[1].title == "제목" and isolated.posts[1].path == entries[1].path
