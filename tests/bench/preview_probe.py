"""Child process of the preview benchmark: the real window, typing, timed to the page's report.

Prints one JSON object: per document, keystroke-to-preview latencies (ms), the full
markdown-it render time of the same document (ms), the longest UI-thread stall while typing
(ms), and the Mermaid renders caused by typing prose next to a diagram.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "deepseek-v4-release.ko.md"


def make_big(target_bytes: int) -> str:
    """The fixture's body repeated (with varied headings) to target_bytes of UTF-8."""
    text = FIXTURE.read_text(encoding="utf-8")
    head, body = text[: text.index("\n---\n", 4) + 5], text[text.index("\n---\n", 4) + 5 :]
    parts, size, n = [head], len(head.encode()), 0
    while size < target_bytes:
        chunk = body.replace("## ", f"## {n} ", 1)
        parts.append(chunk)
        size += len(chunk.encode())
        n += 1
    return "".join(parts)


def make_footnoted(copies: int) -> str:
    """The fixture's body `copies` times, with one footnote: rendered whole on each change."""
    text = FIXTURE.read_text(encoding="utf-8")
    head_end = text.index("\n---\n", 4) + 5
    body = text[head_end:]
    parts = [body.replace("## ", f"## {n} ", 1) for n in range(copies)]
    return text[:head_end] + "".join(parts) + "\n각주가 있는 문단[^1].\n\n[^1]: 각주 내용.\n"


def main() -> int:
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer

    from editor.ui.application import create_application

    _app = create_application(["postdesk-bench"])  # kept alive for the whole run
    from editor.core.render import MarkdownRenderer
    from editor.ui.launch import shut_down
    from tests.bench.bench_window import bench_window

    tmp = Path(tempfile.mkdtemp())
    site = tmp / "site"
    folder = site / "src" / "content" / "blog" / "ko"
    folder.mkdir(parents=True)
    docs = {
        "fixture post": FIXTURE.read_text(encoding="utf-8"),
        "1 MB": make_big(1_000_000),
        "3 MB": make_big(3_000_000),
        "1,350-line post with a footnote": make_footnoted(14),
    }
    for name, text in docs.items():
        (folder / file_name(name)).write_text(text, encoding="utf-8")
    window, tasks = bench_window(tmp)
    window.sync_action.setChecked(False)

    def wait(signal, timeout_ms: int = 120_000, accept=lambda *_: True, what: str = ""):
        loop = QEventLoop()
        got = []

        def on(*args):
            if accept(*args):
                got.append(args)
                loop.quit()

        signal.connect(on)
        QTimer.singleShot(timeout_ms, loop.quit)
        loop.exec()
        signal.disconnect(on)
        if not got:
            raise RuntimeError(f"timed out waiting for {what or signal}")
        return got[0]

    loop = QEventLoop()
    window.workspaceLoaded.connect(lambda _p: loop.quit())
    window.open_workspace(site, folder / "fixture-post.md")
    loop.exec()
    result: dict = {"docs": {}}
    renderer = MarkdownRenderer()
    for name, text in docs.items():
        path = folder / file_name(name)
        window.editor.document().setModified(False)  # the typing is not to be saved
        window.open_post(path)
        wait(window.preview.rendered, accept=lambda seq: seq > 0)
        # Full markdown-it render of the same document, for the ratio.
        body = text[text.index("\n---\n", 4) + 5 :]
        fulls = []
        for _ in range(3 if len(text) > 500_000 else 15):
            start = time.perf_counter()
            renderer.render(body)
            fulls.append((time.perf_counter() - start) * 1000)
        # Type in the middle of a paragraph, one character at a time.
        needle = "DeepSeek의 핵심 경쟁력"
        position = text.find(needle, len(text) // 2)
        position = position if position >= 0 else text.index(needle)
        cursor = window.editor.textCursor()
        cursor.setPosition(position)
        window.editor.setTextCursor(cursor)
        latencies = []
        count = 40 if len(text) < 2_000_000 else 25
        for i in range(count):
            clock = QElapsedTimer()
            clock.start()
            window.editor.textCursor().insertText("가나다"[i % 3])
            wait(window.preview.rendered, accept=lambda seq: seq == window.renderer.latest_seq())
            latencies.append(clock.nsecsElapsed() / 1e6)
        latencies.sort()
        result["docs"][name] = {
            "p50": statistics.median(latencies),
            "p95": latencies[max(0, int(len(latencies) * 0.95) - 1)],
            "full": statistics.median(fulls),
        }
        # Longest UI-thread stall while typing 200 more characters there: in the 3 MB
        # document, and in the long post with a footnote (each change a full render).
        if name == "3 MB":
            result["stall"] = longest_stall(window)
        elif "footnote" in name:
            result["stall_footnotes"] = longest_stall(window)

    print(json.dumps(result), file=sys.stderr, flush=True)  # partial figures, in case

    # Mermaid renders caused by typing prose next to a diagram (the fixture post).
    window.editor.document().setModified(False)
    window.open_post(folder / "fixture-post.md")
    wait(window.preview.rendered, accept=lambda seq: seq > 0)
    renders = []
    window.preview.mermaidRendered.connect(renders.append)
    text = window.editor.text()
    cursor = window.editor.textCursor()
    cursor.setPosition(text.index("### 경쟁의 핵심 축") + len("### 경쟁의 핵심 축"))
    window.editor.setTextCursor(cursor)
    for _ in range(30):
        window.editor.textCursor().insertText("x")
        wait(
            window.preview.rendered,
            accept=lambda seq: seq == window.renderer.latest_seq(),
            what=f"prose typing, seq {window.renderer.latest_seq()}",
        )
    result["mermaid_renders"] = len(renders)
    print(json.dumps(result), flush=True)
    window.editor.document().setModified(False)
    window.close()
    shut_down(window, tasks)
    return 0


def file_name(doc: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in doc) + ".md"


def longest_stall(window) -> float:
    """Type 200 characters, one per 30 ms, at the cursor; a 1 ms timer measures the largest
    gap between its ticks (ms) on the UI thread."""
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer

    gaps: list[float] = []
    ticker = QElapsedTimer()
    ticker.start()
    last = [ticker.nsecsElapsed()]

    def tick() -> None:
        now = ticker.nsecsElapsed()
        gaps.append((now - last[0]) / 1e6)
        last[0] = now

    timer = QTimer()
    timer.setInterval(1)
    timer.timeout.connect(tick)
    typed = [0]
    done = QEventLoop()

    def type_one() -> None:
        window.editor.textCursor().insertText("a")
        typed[0] += 1
        if typed[0] < 200:
            QTimer.singleShot(30, type_one)
        else:
            QTimer.singleShot(2000, done.quit)

    timer.start()
    last[0] = ticker.nsecsElapsed()
    QTimer.singleShot(0, type_one)
    done.exec()
    timer.stop()
    return max(gaps) if gaps else 0.0


if __name__ == "__main__":
    sys.exit(main())
