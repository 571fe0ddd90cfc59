"""The child process of IsolatedSearch: read a request on stdin, stream pickles to stdout."""

from __future__ import annotations

import pickle
import sys
from typing import BinaryIO

from editor.core.find.search import scan_files


def serve(source: BinaryIO, sink: BinaryIO) -> None:
    """Answer one search request: progress messages, then the result."""
    query, paths, texts, cap = pickle.load(source)

    def send(kind: str, payload: object) -> None:
        pickle.dump((kind, payload), sink, protocol=pickle.HIGHEST_PROTOCOL)
        sink.flush()

    scan = scan_files(
        query, paths, texts, cap, progress=lambda done, total: send("progress", (done, total))
    )
    send("result", scan)


if __name__ == "__main__":
    serve(sys.stdin.buffer, sys.stdout.buffer)
