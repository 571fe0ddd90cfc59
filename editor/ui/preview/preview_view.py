"""The preview pane: one WebEngine page, loaded once, patched with rendered blocks."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication, QPalette
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile, QWebEngineSettings
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QWidget

from editor.core import resources
from editor.core.render.highlight import theme_css
from editor.core.render.page_sync import PageRender, PageSync, Payload
from editor.ui.preview.render_service import RenderResult
from editor.ui.preview.request_guard import RequestGuard
from editor.ui.preview.scheme import PAGE_URL, SCHEME, PostdeskSchemeHandler

log = logging.getLogger(__name__)

MESSAGE_PREFIX = "postdesk:"

# The page's header and blocks as drawn (diagrams as SVG), as JSON: what an export writes.
COLLECT_SCRIPT = "window.postdesk.collect();"


def configure_script(options: dict[str, Any]) -> str:
    """The call that sets the page's theme, code style and Mermaid hint."""
    return f"window.postdesk.configure({json.dumps(options)});"


def update_script(payload: Payload) -> str:
    """The call that applies a page-sync payload in the page."""
    return f"window.postdesk.update({json.dumps(payload)});"


class PreviewPage(QWebEnginePage):
    """Never navigates away from the preview; reports the page's status messages."""

    pageMessage = Signal(dict)

    def acceptNavigationRequest(
        self, url: QUrl | str, nav_type: QWebEnginePage.NavigationType, is_main_frame: bool
    ) -> bool:
        url = QUrl(url)
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
        # Decides what crosses to the page: while the page holds the previous render, only
        # the changed run of blocks (a keystroke in a 3 MB post: one block).
        self._sync = PageSync()
        self._queued: str | None = None  # the newest update, while the page loads
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._scheme_changed)
        self.load(QUrl(PAGE_URL))

    def _scheme_changed(self, _scheme: Qt.ColorScheme) -> None:
        if self._sync.is_ready:
            self._configure()

    def shown(self) -> PageRender | None:
        """The render whose blocks and diagrams the page has drawn (None before the first)."""
        return self._sync.drawn()

    def show_result(self, result: RenderResult) -> None:
        """Bring the page to a rendered post, with the one payload the page sync gives."""
        request = result.request
        self._send(self._sync.payload_for(request.seq, request.post_id, result.outcome))

    def _configure(self, extra: dict[str, Any] | None = None) -> None:
        dark = self.dark_theme()
        options = {"theme": "dark" if dark else "light", "pygmentsCss": theme_css(dark)}
        options.update(extra or {})
        self.page().runJavaScript(configure_script(options))

    def dark_theme(self) -> bool:
        """Whether the application looks dark: the platform's scheme, else the palette."""
        scheme = QGuiApplication.styleHints().colorScheme()
        if scheme != Qt.ColorScheme.Unknown:
            return scheme == Qt.ColorScheme.Dark
        return self.palette().color(QPalette.ColorRole.Window).lightness() < 128

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._sync.is_ready:
            self._configure()

    def reload_page(self) -> None:
        """Load the page again (a new content policy); the current post is shown again."""
        payload = self._sync.page_reloading()
        if payload is not None:
            self._send(payload)
        self.load(QUrl(PAGE_URL))

    def scroll_to_line(self, line: int) -> None:
        """Scroll the preview to the block of a 0-based document line (scroll sync)."""
        if self._sync.is_ready:
            self.page().runJavaScript(f"window.postdesk.scrollToLine({int(line)});")

    def clear(self) -> None:
        """Show the empty state (no post open)."""
        self._send(self._sync.clear())

    def collect(self, callback: Callable[[object], None]) -> None:
        """Hand the page's drawn header and blocks, as JSON text, to callback."""
        self.page().runJavaScript(COLLECT_SCRIPT, 0, callback)

    def _send(self, payload: Payload) -> None:
        script = update_script(payload)
        if self._sync.is_ready:
            self.page().runJavaScript(script)
        else:
            # Only the newest state matters for a page that is still loading.
            self._queued = script

    def _on_message(self, data: dict) -> None:
        event = data.get("event")
        if event == "ready":
            self._sync.page_ready()
            hint = None if resources.mermaid_bundle() else resources.mermaid_install_hint()
            self._configure({"mermaidHint": hint})
            queued, self._queued = self._queued, None
            if queued is not None:
                self.page().runJavaScript(queued)
            self.ready.emit()
        elif event == "rendered":
            seq = int(data.get("seq") or 0)
            self._sync.page_drew(seq)
            self.rendered.emit(seq)
        elif event == "mermaid":
            self.mermaidRendered.emit(bool(data.get("ok")))
        elif event == "scrolled" and isinstance(data.get("line"), int):
            self.scrolled.emit(data["line"])
        elif event == "clicked" and isinstance(data.get("line"), int):
            self.blockClicked.emit(data["line"])
        elif event == "link" and isinstance(data.get("href"), str):
            self.linkActivated.emit(data["href"])
        elif event == "missing":
            # The page lost blocks it should hold (a reload): send everything again.
            payload = self._sync.page_missing()
            if payload is not None:
                self._send(payload)


def create_preview_profile(
    handler: PostdeskSchemeHandler, guard: RequestGuard | None = None
) -> QWebEngineProfile:
    """An off-the-record profile that serves postdesk:// through handler (the view owns it)."""
    profile = QWebEngineProfile()  # no storage name: nothing is written to disk
    profile.installUrlSchemeHandler(SCHEME, handler)
    if guard is not None:
        profile.setUrlRequestInterceptor(guard)
    return profile
