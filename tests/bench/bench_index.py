"""`postdesk index` as a whole process: cold (no cache) and warm, on 1,400 and 20,000 posts.

Run alone with `python -m tests.bench.bench_index` (no display needed). Targets: 1,400
posts cold <= 1 s and warm <= 0.2 s; 20,000 posts cold <= 8 s.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.bench.workspace_gen import generate_site

_FLOOR = (
    "import os, sys\n"
    "for d, _, names in os.walk(sys.argv[1]):\n"
    "    for n in names:\n"
    "        open(os.path.join(d, n), 'rb').read()\n"
)


def _run(args: list[str], cache: Path) -> float:
    env = {**os.environ, "POSTDESK_CACHE_DIR": str(cache)}
    started = time.perf_counter()
    subprocess.run(args, env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def _figures(site: Path, cache: Path, runs: int) -> tuple[float, float, float]:
    """(median cold, median warm, median floor) seconds of whole processes."""
    command = [sys.executable, "-m", "editor", "index", str(site)]
    colds, warms, floors = [], [], []
    for run in range(runs):
        fresh = cache / f"run{run}"
        colds.append(_run(command, fresh))
        warms.append(_run(command, fresh))
        floors.append(_run([sys.executable, "-c", _FLOOR, str(site)], fresh))
    return statistics.median(colds), statistics.median(warms), statistics.median(floors)


def main() -> list[tuple[str, str, str, str]]:
    """Rows for the benchmark table."""
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for slugs, runs in ((350, 5), (5000, 3)):
            site = Path(tmp) / f"site{slugs}"
            generate_site(site, slugs)
            cold, warm, floor = _figures(site, Path(tmp) / f"cache{slugs}", runs)
            posts = f"{slugs * 4:,}"
            floor_text = f"{floor:.2f} s (python reading every file)"
            rows.append(
                (
                    f"postdesk index, {posts} posts, cold",
                    f"{cold:.2f} s",
                    floor_text,
                    f"{cold / floor:.1f}x",
                )
            )
            rows.append(
                (
                    f"postdesk index, {posts} posts, warm",
                    f"{warm:.2f} s",
                    floor_text,
                    f"{warm / floor:.1f}x",
                )
            )
    return rows


if __name__ == "__main__":
    from tests.bench.__main__ import print_table

    print_table(main())
