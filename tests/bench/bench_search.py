"""Workspace search benchmarks on a generated 20,000-post workspace in four languages.

The floor, measured in the same run, reads every file, decodes it and looks for the word
with `str.find`: what any search must at least do. Each figure is the median of 3 runs.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from editor.core.find import SearchQuery, search_posts
from editor.core.find.isolated import IsolatedSearch
from editor.core.workspace import PostIndex
from tests.bench.workspace_gen import generate_site


def _timed(fn, runs: int = 3) -> float:
    took = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        took.append(time.perf_counter() - start)
    return statistics.median(took)


def _floor(paths: list[Path], word: str) -> None:
    for path in paths:
        path.read_bytes().decode("utf-8", errors="replace").find(word)


def main(slugs: int = 5000) -> list[tuple[str, str, str, str]]:
    """Return the table rows: (figure, Postdesk, floor, ratio)."""
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        generate_site(site, slugs)
        index = PostIndex(site)
        index.scan()
        entries = index.entries()
        count = len(entries)
        floor = _timed(lambda: _floor([e.path for e in entries], "zzqx"))
        cases = [
            ("a word found nowhere", lambda: search_posts(SearchQuery("zzqx"), entries)),
            (
                "a Korean word (stops at 10,000)",
                lambda: search_posts(SearchQuery("파이프라인"), entries),
            ),
            (
                "a whole Latin word (stops at 10,000)",
                lambda: search_posts(SearchQuery("pipeline", whole_word=True), entries),
            ),
            (
                "a regex found nowhere, in a child process",
                lambda: IsolatedSearch().run(SearchQuery(r"zz\d+q", regex=True), entries),
            ),
        ]
        for label, run in cases:
            took = _timed(run)
            rows.append(
                (
                    f"search, {count:,} posts: {label}",
                    f"{took:.2f} s",
                    f"{floor:.2f} s (read + find)",
                    f"{took / floor:.1f}x",
                )
            )
    return rows


if __name__ == "__main__":
    from tests.bench.__main__ import print_table

    print_table(main())
