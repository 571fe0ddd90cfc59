"""The preview pane: one WebEngine page, loaded once, patched with rendered blocks."""

from __future__ import annotations

import json
import logging
from typing import Any

from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication, QPalette
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile, QWebEngineSettings
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QWidget

from editor.core import resources
from editor.core.render.highlight import theme_css
from editor.ui.preview.render_service import RenderRequest, RenderResult
from editor.ui.preview.request_guard import RequestGuard
from editor.ui.preview.scheme import PAGE_URL, SCHEME, PostdeskSchemeHandler

log = logging.getLogger(__name__)

MESSAGE_PREFIX = "postdesk:"


class PreviewPage(QWebEnginePage):
    """Never navigates away from the preview; reports the page's status messages."""

    pageMessage = Signal(dict)

    def acceptNavigationRequest(self, url: QUrl, nav_type, is_main_frame: bool) -> bool:
        if url.toString() == PAGE_URL:
            return True
        if nav_type == QWebEnginePage.NavigationType.NavigationTypeLinkClicked and url.scheme() in (
            "http",
            "https",
            "mailto",
        ):
            QDesktopServices.openUrl(url)
        return False

    def javaScriptConsoleMessage(self, level, message: str, line: int, source: str) -> None:
        if message.startswith(MESSAGE_PREFIX) and source.startswith("postdesk://app/"):
            try:
                data = json.loads(message[len(MESSAGE_PREFIX) :])
            except ValueError:
                return
            if isinstance(data, dict):
                self.pageMessage.emit(data)
            return
        log.debug("preview console: %s (%s:%d)", message, source, line)


class PreviewView(QWebEngineView):
    """Shows rendered posts; queues updates until the page says it is ready."""

    ready = Signal()
    rendered = Signal(int)  # seq of the update whose blocks and diagrams are on screen
    mermaidRendered = Signal(bool)  # one diagram drawn: True, or failed: False
    scrolled = Signal(int)  # the writer scrolled the preview; 0-based document line at its top
    blockClicked = Signal(int)  # a click on a block; its first 0-based document line
    linkActivated = Signal(str)  # a link's href: a post, a web page, another file

    def __init__(self, profile: QWebEngineProfile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        page = PreviewPage(profile, self)
        # WebEngine wants every page deleted before its profile. Children are deleted in the
        # order they were added, so the profile becomes the view's child after the page.
        profile.setParent(self)
        settings = page.settings()
        # Off by default in Postdesk: the page reads files only through postdesk://workspace.
        settings.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessFileUrls, False)
        settings.setAttribute(
            QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, False
        )
        settings.setAttribute(QWebEngineSettings.WebAttribute.JavascriptCanOpenWindows, False)
        settings.setAttribute(QWebEngineSettings.WebAttribute.PluginsEnabled, False)
        page.pageMessage.connect(self._on_message)
        self.setPage(page)
        self._ready = False
        self._queue: list[str] = []
        # The last result sent, and the seq the page holds: while they match, only the
        # changed run of blocks crosses to the page (a keystroke in a 3 MB post: one block).
        self._last: RenderResult | None = None
        self._page_seq: int | None = None
        self._shown: RenderRequest | None = None  # drawn, diagrams included
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._scheme_changed)
        self.load(QUrl(PAGE_URL))

    def _scheme_changed(self, _scheme: Qt.ColorScheme) -> None:
        if self._ready:
            self._configure()

    def is_ready(self) -> bool:
        """Return True once the page has loaded and accepts updates."""
        return self._ready

    def shown(self) -> RenderRequest | None:
        """The request whose blocks and diagrams the page has drawn (None before the first)."""
        return self._shown

    def show_result(self, result: RenderResult) -> None:
        """Patch the page with a rendered post: the changed run of blocks when the page
        holds the previous result, else every block (html only for keys it has)."""
        last, self._last = self._last, result
        in_sync = (
            self._ready
            and last is not None
            and self._page_seq == last.request.seq
            and last.request.post_id == result.request.post_id
        )
        self._page_seq = result.request.seq
        if in_sync and result.splice is not None and result.previous_seq == last.request.seq:
            self._call("splice", self._splice_payload(result, last))
            return
        known = {b.key for b in last.post.blocks} if in_sync else set()
        blocks = []
        for b in result.post.blocks:
            item: dict[str, Any] = {"key": b.key, "line": b.line_start, "end": b.line_end}
            if b.key not in known:
                item["html"] = b.html
            blocks.append(item)
        self._call("render", self._payload(result, blocks=blocks))

    def _payload(self, result: RenderResult, **parts: Any) -> dict[str, Any]:
        return {
            "seq": result.request.seq,
            "postId": result.request.post_id,
            "header": result.post.header_html,
            **parts,
        }

    def _splice_payload(self, result: RenderResult, last: RenderResult) -> dict[str, Any]:
        splice = result.splice
        assert splice is not None
        removed = last.post.blocks[splice.start : splice.start + splice.remove]
        reusable = {b.key for b in removed}
        insert = []
        for b in splice.insert:
            item: dict[str, Any] = {"key": b.key, "line": b.line_start, "end": b.line_end}
            if b.key not in reusable:
                item["html"] = b.html
            insert.append(item)
        return self._payload(
            result,
            start=splice.start,
            remove=splice.remove,
            insert=insert,
            shift=splice.shift,
            total=splice.total,
        )

    def _configure(self, extra: dict[str, Any] | None = None) -> None:
        dark = self.dark_theme()
        options = {"theme": "dark" if dark else "light", "pygmentsCss": theme_css(dark)}
        options.update(extra or {})
        self.page().runJavaScript(f"window.postdesk.configure({json.dumps(options)});")

    def dark_theme(self) -> bool:
        """Whether the application looks dark: the platform's scheme, else the palette."""
        scheme = QGuiApplication.styleHints().colorScheme()
        if scheme != Qt.ColorScheme.Unknown:
            return scheme == Qt.ColorScheme.Dark
        return self.palette().color(QPalette.ColorRole.Window).lightness() < 128

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._ready:
            self._configure()

    def reload_page(self) -> None:
        """Load the page again (a new content policy); the current post is shown again."""
        self._ready = False
        self._page_seq = None
        if self._last is not None:
            self._queue = []
            self.show_result(self._last)
        self.load(QUrl(PAGE_URL))

    def scroll_to_line(self, line: int) -> None:
        """Scroll the preview to the block of a 0-based document line (scroll sync)."""
        if self._ready:
            self.page().runJavaScript(f"window.postdesk.scrollToLine({int(line)});")

    def clear(self) -> None:
        """Show the empty state (no post open)."""
        self._last, self._page_seq, self._shown = None, None, None
        self._call("render", {"seq": 0, "postId": None, "header": "", "blocks": []})

    def run_script(self, script: str, callback: Any = None) -> None:
        """Run script in the page (after it is ready); callback gets the result."""
        if callback is None:
            self.page().runJavaScript(script)
        else:
            self.page().runJavaScript(script, 0, callback)

    def _call(self, function: str, argument: dict[str, Any]) -> None:
        script = f"window.postdesk.{function}({json.dumps(argument)});"
        if self._ready:
            self.page().runJavaScript(script)
        else:
            # Only the newest state matters for a page that is still loading.
            self._queue = [script]

    def _on_message(self, data: dict) -> None:
        event = data.get("event")
        if event == "ready":
            self._ready = True
            hint = None if resources.mermaid_bundle() else resources.mermaid_install_hint()
            self._configure({"mermaidHint": hint})
            queued, self._queue = self._queue, []
            for script in queued:
                self.page().runJavaScript(script)
            self.ready.emit()
        elif event == "rendered":
            seq = int(data.get("seq") or 0)
            if self._last is not None and self._last.request.seq == seq:
                self._shown = self._last.request
            self.rendered.emit(seq)
        elif event == "mermaid":
            self.mermaidRendered.emit(bool(data.get("ok")))
        elif event == "scrolled" and isinstance(data.get("line"), int):
            self.scrolled.emit(data["line"])
        elif event == "clicked" and isinstance(data.get("line"), int):
            self.blockClicked.emit(data["line"])
        elif event == "link" and isinstance(data.get("href"), str):
            self.linkActivated.emit(data["href"])
        elif event == "missing" and self._last is not None:
            # The page lost blocks it should hold (a reload): send everything again.
            self._page_seq = None
            self.show_result(self._last)


def create_preview_profile(
    handler: PostdeskSchemeHandler, guard: RequestGuard | None = None
) -> QWebEngineProfile:
    """An off-the-record profile that serves postdesk:// through handler (the view owns it)."""
    profile = QWebEngineProfile()  # no storage name: nothing is written to disk
    profile.installUrlSchemeHandler(SCHEME, handler)
    if guard is not None:
        profile.setUrlRequestInterceptor(guard)
    return profile
