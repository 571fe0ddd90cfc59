"""Hostile posts: nothing from a post executes, and nothing is fetched outside the workspace."""

from __future__ import annotations

import http.server
import json
import threading
from typing import ClassVar

import pytest

from editor.core import resources
from editor.ui.preview.scheme import PAGE_URL

pytestmark = pytest.mark.e2e


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        self.wfile.write(b"window.__pwned = 'remote';")

    do_POST = do_GET

    def log_message(self, *_args) -> None:
        pass


@pytest.fixture
def listener():
    """An HTTP server on loopback that records any request a payload manages to make."""
    _Recorder.hits = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", _Recorder.hits
    server.shutdown()
    server.server_close()


def payloads(url: str) -> list[str]:
    """At least twenty ways a post could try to run code or reach the network."""
    return [
        "<script>window.__pwned = 1</script>",
        f'<script src="{url}/script.js"></script>',
        '<script src="data:text/javascript,window.__pwned=3"></script>',
        '<img src="x" onerror="window.__pwned = 4">',
        '<svg onload="window.__pwned = 5"><circle r="3"/></svg>',
        "<svg><script>window.__pwned = 6</script></svg>",
        '<a id="js-link" href="javascript:window.__pwned = 7">javascript link</a>',
        "[markdown js link](javascript:window.__pwned=8)",
        f'<iframe src="{url}/iframe"></iframe>',
        f'<object data="{url}/object"></object>',
        f'<embed src="{url}/embed">',
        f'<meta http-equiv="refresh" content="0;url={url}/refresh">',
        f'<img src="{url}/img.png">',
        f"![markdown image]({url}/md.png)",
        f'<link rel="stylesheet" href="{url}/style.css">',
        f"<style>@import url({url}/import.css); p {{ background: url({url}/bg.png) }}</style>",
        f'<div style="background-image: url({url}/inline.png)">styled</div>',
        f'<form id="f" action="{url}/form" method="post"><button id="go">go</button></form>',
        f'<base href="{url}/">',
        f'<video src="{url}/video.mp4" autoplay></video><audio src="{url}/a.mp3" autoplay></audio>',
        '<details open ontoggle="window.__pwned = 21"><summary>s</summary></details>',
        '<img src="file:///etc/passwd" id="local-file">',
        '<img src="postdesk://workspace/../../../../etc/hostname" id="escape">',
        '<p onclick="window.__pwned = 24" id="clicky">click me</p>',
        '```mermaid\n%%{init: {"securityLevel": "loose"}}%%\ngraph TD\n'
        '  A["<img src=x onerror=window.__pwned=25>"] --> B\n'
        '  click A call window.eval("window.__pwned=26")\n```',
    ]


def js(qtbot, window, script: str):
    box: list = []
    window.preview.page().runJavaScript(f"JSON.stringify({script})", 0, box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=5000)
    return json.loads(box[0]) if box[0] else None


def test_hostile_payloads_do_nothing_and_fetch_nothing(qtbot, make_window, tmp_path, listener):
    url, hits = listener
    site = tmp_path / "site"
    post = site / "content" / "hostile.md"
    post.parent.mkdir(parents=True)
    items = payloads(url)
    assert len(items) >= 20
    post.write_text(
        "---\ntitle: Hostile\n---\n\n" + "\n\n".join(items) + "\n\nThe end.\n", encoding="utf-8"
    )
    window = make_window()
    with qtbot.waitSignal(window.preview.rendered, timeout=60_000):
        window.open_workspace(site, post)
    if resources.mermaid_bundle() is not None:
        assert js(qtbot, window, "document.querySelectorAll('.mermaid-block svg').length") == 1
    # Interact like a reader: click the links, the paragraph, the form button.
    js(qtbot, window, "document.getElementById('js-link').click()")
    js(qtbot, window, "[...document.querySelectorAll('a')].forEach(a => a.click())")
    js(qtbot, window, "document.getElementById('clicky').click()")
    js(qtbot, window, "document.getElementById('go') && document.getElementById('go').click()")
    js(
        qtbot,
        window,
        "document.querySelector('.mermaid-block svg .node')"
        "?.dispatchEvent(new MouseEvent('click', {bubbles: true}))",
    )
    # Let anything that could fire, fire: the page renders again and reports back.
    with qtbot.waitSignal(window.preview.rendered, timeout=10_000):
        window.editor.textCursor().insertText("x")
        window._request_preview()

    state = js(
        qtbot,
        window,
        "({pwned: window.__pwned === undefined ? null : String(window.__pwned),"
        " title: document.title, url: location.href,"
        " iframes: document.querySelectorAll('iframe, object, embed').length,"
        " local: document.getElementById('local-file').naturalWidth,"
        " escape: document.getElementById('escape').naturalWidth,"
        " end: document.body.textContent.includes('The end.')})",
    )
    assert state["pwned"] is None, f"a payload ran: {state['pwned']}"
    assert state["title"] == "Postdesk preview"
    assert state["url"] == PAGE_URL, "the preview never navigates"
    assert state["local"] == 0 and state["escape"] == 0, "no file outside the workspace is read"
    assert state["end"], "the rest of the post still renders"
    assert hits == [], f"the page reached the network: {hits}"
    assert window.dialogs.opened == [], "javascript: links are not handed to the browser"


def test_remote_images_load_only_after_the_writer_allows_them(
    qtbot, make_window, tmp_path, listener
):
    url, hits = listener
    site = tmp_path / "site"
    post = site / "content" / "remote.md"
    post.parent.mkdir(parents=True)
    post.write_text(f"# Remote\n\n![pic]({url}/pic.png)\n", encoding="utf-8")
    window = make_window()
    with qtbot.waitSignal(window.preview.rendered, timeout=60_000):
        window.open_workspace(site, post)
    assert hits == []
    with qtbot.waitSignal(window.preview.rendered, timeout=30_000):
        window.remote_action.setChecked(True)
    qtbot.waitUntil(lambda: "/pic.png" in hits, timeout=10_000)
    assert window.settings.remote_content(site.resolve())
    with qtbot.waitSignal(window.preview.rendered, timeout=30_000):
        window.remote_action.setChecked(False)
    hits.clear()
    with qtbot.waitSignal(window.preview.rendered, timeout=10_000):
        window.editor.textCursor().insertText("x")
        window._request_preview()
    assert hits == [], "blocked again once the writer turns it off"
