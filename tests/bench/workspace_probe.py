"""Child process of the workspace benchmark: the real window on a generated site, measured.

Prints one JSON line with, in seconds and bytes:
  tree_visible       open_workspace() to the first rows in the Posts tree, empty cache
  loaded             open_workspace() to the index, families and schema ready, empty cache
  tree_visible_warm  the same site opened again (the index read from the disk cache)
  loaded_warm
  rss_empty          the process tree's resident memory with the window shown, no workspace
  rss_loaded         the same with the workspace loaded and its first post open
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

from tests.bench.bench_startup import _tree_rss
from tests.bench.bench_window import bench_window, wait_until


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("site", type=Path)
    args = parser.parse_args()

    from editor.ui.application import create_application
    from editor.ui.launch import shut_down

    create_application(["postdesk-bench"])
    result: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp:
        window, tasks = bench_window(Path(tmp))
        loaded = threading.Event()
        window.workspaceLoaded.connect(lambda _root: loaded.set())
        settle = time.perf_counter() + 3.0  # the preview page and its renderer start
        wait_until(lambda: time.perf_counter() > settle)
        result["rss_empty"] = _tree_rss(os.getpid())

        start = time.perf_counter()
        window.open_workspace(args.site)
        wait_until(lambda: window.tree.model().rowCount() > 0)
        result["tree_visible"] = time.perf_counter() - start
        wait_until(loaded.is_set)
        result["loaded"] = time.perf_counter() - start
        wait_until(lambda: window.session.path is not None)
        settle = time.perf_counter() + 3.0
        wait_until(lambda: time.perf_counter() > settle)
        result["rss_loaded"] = _tree_rss(os.getpid())

        loaded.clear()
        start = time.perf_counter()
        window.open_workspace(args.site)  # empties the tree, then reads the disk cache
        wait_until(lambda: window.tree.model().rowCount() > 0)
        result["tree_visible_warm"] = time.perf_counter() - start
        wait_until(loaded.is_set)
        result["loaded_warm"] = time.perf_counter() - start
        shut_down(window, tasks)
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
