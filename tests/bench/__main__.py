"""Run every benchmark and print one table: `python -m tests.bench` (needs a display: Xvfb ok)."""

from __future__ import annotations

import platform
import sys

from tests.bench import (
    bench_frontmatter,
    bench_index,
    bench_preview,
    bench_quick_open,
    bench_search,
    bench_startup,
    bench_watcher,
    bench_workspace,
)


def print_table(rows: list[tuple[str, str, str, str]]) -> None:
    header = ("figure", "Postdesk", "floor", "ratio")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(4)]
    line = " | ".join
    print(line(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    print(line("-" * w for w in widths))
    for row in rows:
        print(line(c.ljust(w) for c, w in zip(row, widths, strict=True)))


# Each table: its heading (with the floor it is measured against) and what fills it.
SECTIONS = [
    ("Startup (floor: a bare PySide6 QMainWindow started in the same run)", bench_startup.main),
    ("Frontmatter and schema (floor: PyYAML's C loader on the same files)", bench_frontmatter.main),
    ("Preview (floor: a full markdown-it render of the same document)", bench_preview.main),
    ("Search (floor: reading every file and str.find on its text)", bench_search.main),
    (
        "postdesk index, whole process (floor: a Python process reading every file)",
        bench_index.main,
    ),
    ("The window on a workspace (floor of memory: the empty window)", bench_workspace.main),
    (
        "Quick open (floor: a substring test of each prefix on every title and slug)",
        bench_quick_open.main,
    ),
    (
        "Watcher (floors: a bare watchdog observer; the idle window's heartbeat)",
        lambda: bench_watcher.main(350) + bench_watcher.main(5000),
    ),
]


def main() -> int:
    print(f"# Postdesk benchmarks — Python {platform.python_version()}, {platform.machine()}")
    for heading, rows in SECTIONS:
        print(f"\n## {heading}\n")
        print_table(rows())
    return 0


if __name__ == "__main__":
    sys.exit(main())
