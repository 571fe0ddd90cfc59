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


def main() -> int:
    print(f"# Postdesk benchmarks — Python {platform.python_version()}, {platform.machine()}")
    print("\n## Startup (floor: a bare PySide6 QMainWindow started in the same run)\n")
    print_table(bench_startup.main())
    print("\n## Frontmatter and schema (floor: PyYAML's C loader on the same files)\n")
    print_table(bench_frontmatter.main())
    print("\n## Preview (floor: a full markdown-it render of the same document)\n")
    print_table(bench_preview.main())
    print("\n## Search (floor: reading every file and str.find on its text)\n")
    print_table(bench_search.main())
    print("\n## postdesk index, whole process (floor: a Python process reading every file)\n")
    print_table(bench_index.main())
    print("\n## The window on a workspace (floor of memory: the empty window)\n")
    print_table(bench_workspace.main())
    print("\n## Quick open (floor: a substring test of each prefix on every title and slug)\n")
    print_table(bench_quick_open.main())
    print("\n## Watcher (floors: a bare watchdog observer; the idle window's heartbeat)\n")
    print_table(bench_watcher.main(350) + bench_watcher.main(5000))
    return 0


if __name__ == "__main__":
    sys.exit(main())
