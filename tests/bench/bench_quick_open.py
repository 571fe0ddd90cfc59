"""Quick open on a generated 20,000-post workspace in four languages: time per keystroke.

Each query is typed one character at a time, and every prefix is one search (as the
popup runs it, in a worker). The floor, measured in the same run, is a plain substring
test of the same prefix against every title and slug: the least any search must do.
Run alone: `python -m tests.bench.bench_quick_open` (no display needed).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from editor.core.workspace import PostEntry, PostIndex
from editor.core.workspace.quick_open import QuickOpenCatalog
from tests.bench.workspace_gen import generate_site

TYPED = ["인덱스 성능", "インデックス", "数据模型", "pipeline", "pg-idx", "post-01234", "b i"]


def _floor(entries: list[PostEntry], query: str) -> int:
    needle = query.lower()
    return sum(1 for e in entries if needle in (e.title or "").lower() or needle in e.slug)


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def main(slugs: int = 5000) -> list[tuple[str, str, str, str]]:
    """Return the table rows: (figure, Postdesk, floor, ratio)."""
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        generate_site(site, slugs, paragraphs=1)
        index = PostIndex(site)
        index.scan()
        entries = index.entries()
    start = time.perf_counter()
    catalog = QuickOpenCatalog(entries)
    build = time.perf_counter() - start
    start = time.perf_counter()
    QuickOpenCatalog(entries, previous=catalog)
    rebuild = time.perf_counter() - start
    ours: list[float] = []
    floor: list[float] = []
    for query in TYPED:
        for end in range(1, len(query) + 1):
            prefix = query[:end]
            start = time.perf_counter()
            catalog.search(prefix, "ko")
            ours.append(time.perf_counter() - start)
            start = time.perf_counter()
            _floor(entries, prefix)
            floor.append(time.perf_counter() - start)
    p50, p95 = statistics.median(ours), statistics.quantiles(ours, n=20)[-1]
    f50, f95 = statistics.median(floor), statistics.quantiles(floor, n=20)[-1]
    count = f"{len(entries):,} posts"
    return [
        (f"catalog build, {count}", _ms(build), "-", "-"),
        (f"catalog rebuild, nothing changed, {count}", _ms(rebuild), "-", "-"),
        (
            f"keystroke, {count}, p50 / p95 ({len(ours)} keystrokes)",
            f"{_ms(p50)} / {_ms(p95)}",
            f"{_ms(f50)} / {_ms(f95)} (substring test)",
            f"{p50 / f50:.1f}x / {p95 / f95:.1f}x",
        ),
        (f"slowest keystroke, {count}", _ms(max(ours)), _ms(max(floor)), "-"),
    ]


if __name__ == "__main__":
    from tests.bench.__main__ import print_table

    print_table(main())
    sys.exit(0)
