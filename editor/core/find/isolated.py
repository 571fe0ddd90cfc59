"""Run a search in a child process, so a runaway regex can be killed.

Python's `re` holds the GIL for a whole match: a catastrophic pattern in a worker thread
would freeze the window too, and no thread can stop it. A process can be killed.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import threading
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import editor
from editor.core.find.search import (
    MATCH_CAP,
    FileScan,
    SearchQuery,
    SearchResult,
    override_texts,
    search_result,
)

if TYPE_CHECKING:
    from editor.core.workspace.entries import PostEntry

__all__ = ["DEFAULT_TIME_LIMIT", "IsolatedSearch"]

DEFAULT_TIME_LIMIT = 30.0  # seconds; past this a pattern is taken to be runaway


class IsolatedSearch:
    """One search in a child process; cancel() may be called from any thread."""

    def __init__(self, time_limit: float = DEFAULT_TIME_LIMIT) -> None:
        self._time_limit = time_limit
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._cancelled = False
        self._expired = False

    def cancel(self) -> None:
        """Stop the search; run() then returns a cancelled result."""
        with self._lock:
            self._cancelled = True
            if self._process is not None:
                self._process.kill()

    def _expire(self) -> None:
        with self._lock:
            self._expired = True
            if self._process is not None:
                self._process.kill()

    def run(
        self,
        query: SearchQuery,
        entries: Iterable[PostEntry],
        overrides: Mapping[Path, str] | None = None,
        cap: int = MATCH_CAP,
        progress: Callable[[int, int], None] | None = None,
    ) -> SearchResult:
        """Search in a child process and return its result (blocks; call from a worker)."""
        posts = list(entries)
        # The child gets plain paths and answers by index: pickling 20,000 entries both ways
        # cost more than the search.
        paths = [os.fspath(entry.path) for entry in posts]
        texts = override_texts(posts, overrides or {})
        request = pickle.dumps((query, paths, texts, cap), protocol=pickle.HIGHEST_PROTOCOL)
        with self._lock:
            if self._cancelled:
                return SearchResult(cancelled=True)
            self._process = subprocess.Popen(
                [sys.executable, "-m", "editor.core.find.worker"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                env=_child_env(),
            )
            process = self._process
        timer = threading.Timer(self._time_limit, self._expire)
        timer.start()
        scan: FileScan | None = None
        try:
            assert process.stdin is not None and process.stdout is not None
            try:
                process.stdin.write(request)
                process.stdin.close()
            except OSError:
                pass  # killed before it read the request
            while True:
                try:
                    kind, payload = pickle.load(process.stdout)
                except (EOFError, pickle.UnpicklingError):
                    break
                if kind == "progress" and progress is not None:
                    progress(*payload)
                elif kind == "result":
                    scan = payload
            process.stdout.close()
            process.wait()
        finally:
            timer.cancel()
            if process.poll() is None:  # an exception here must not leave a runaway child
                process.kill()
                process.wait()
        if self._cancelled:
            return SearchResult(cancelled=True)
        if self._expired:
            return SearchResult(
                error=f"regex error: still running after {self._time_limit:g} s, stopped "
                "(a pattern like (a+)+ can take forever)"
            )
        if scan is None:
            return SearchResult(
                error=f"the search stopped unexpectedly (exit {process.returncode})"
            )
        return search_result(scan, posts)


def _child_env() -> dict[str, str]:
    # The child imports this very package, wherever it was imported from here.
    package_parent = str(Path(editor.__file__).resolve().parent.parent)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        part for part in (package_parent, env.get("PYTHONPATH", "")) if part
    )
    return env
