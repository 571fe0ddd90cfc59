"""Run the real preview page off screen to draw a post's Mermaid diagrams for an export."""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer, QUrl
from PySide6.QtWebEngineCore import QWebEngineSettings

from editor.core import resources
from editor.core.render.highlight import theme_css
from editor.core.render.markdown import RenderedPost
from editor.core.render.page_sync import whole_payload
from editor.ui.application import prepare_qt_environment
from editor.ui.preview.preview_view import (
    COLLECT_SCRIPT,
    PreviewPage,
    configure_script,
    create_preview_profile,
    update_script,
)
from editor.ui.preview.scheme import PAGE_URL, PostdeskSchemeHandler

DEFAULT_TIMEOUT_S = 60.0


class ExportError(Exception):
    """The preview page could not draw the post: it did not load or did not finish in time."""


@dataclass(frozen=True)
class PagePieces:
    """What the page shows once drawn: the post header and the body with its SVG diagrams."""

    header_html: str
    body_html: str


def use_offscreen_without_display() -> None:
    """Pick Qt's offscreen platform when there is no display to connect to (CI, ssh)."""
    if os.environ.get("QT_QPA_PLATFORM") or not sys.platform.startswith("linux"):
        return
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        # Only the page's JavaScript is needed here, not pixels, so offscreen is enough.
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def ensure_application() -> QCoreApplication:
    """The running QApplication, or a new one set up for WebEngine."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is not None:
        return app
    use_offscreen_without_display()
    prepare_qt_environment()
    return QApplication([sys.argv[0] if sys.argv else "postdesk"])


class OffscreenPage:
    """One hidden preview page, driven synchronously with a deadline."""

    def __init__(self, site_root: Path | None, timeout_s: float) -> None:
        self._timeout_s = timeout_s
        self._deadline = time.monotonic() + timeout_s
        self._handler = PostdeskSchemeHandler()
        self._handler.set_workspace(site_root)
        self._profile = create_preview_profile(self._handler)
        self._page = PreviewPage(self._profile)
        settings = self._page.settings()
        # The same restrictions as the live preview: files only through postdesk://.
        for attribute in (
            QWebEngineSettings.WebAttribute.LocalContentCanAccessFileUrls,
            QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls,
            QWebEngineSettings.WebAttribute.JavascriptCanOpenWindows,
            QWebEngineSettings.WebAttribute.PluginsEnabled,
        ):
            settings.setAttribute(attribute, False)
        self.events: list[dict[str, Any]] = []
        self._load_ok: bool | None = None
        self._loop: QEventLoop | None = None
        self._page.pageMessage.connect(self._on_message)
        self._page.loadFinished.connect(self._on_load_finished)

    def load(self) -> None:
        """Load the preview page and wait until its script says it is ready."""
        self._page.load(QUrl(PAGE_URL))
        self.wait_until(lambda: self.has_event("ready"), "load")

    def has_event(self, name: str, **fields: Any) -> bool:
        """Whether the page reported `name` (with these field values)."""
        return any(
            event.get("event") == name and all(event.get(k) == v for k, v in fields.items())
            for event in self.events
        )

    def run(self, script: str) -> None:
        """Run script in the page without waiting for a result."""
        self._page.runJavaScript(script)

    def evaluate(self, script: str) -> Any:
        """Run script in the page and wait for its value."""
        box: list[Any] = []

        def receive(value: Any) -> None:
            box.append(value)
            self._wake()

        self._page.runJavaScript(script, 0, receive)
        self.wait_until(lambda: bool(box), "answer")
        return box[0]

    def wait_until(self, condition: Callable[[], bool], what: str) -> None:
        """Process Qt events until condition holds; ExportError on a failed load or timeout."""
        while not condition():
            if self._load_ok is False:
                raise ExportError(f"the preview page ({PAGE_URL}) did not load")
            remaining = self._deadline - time.monotonic()
            if remaining <= 0:
                raise ExportError(
                    f"the preview page did not {what} within {self._timeout_s:g} seconds"
                )
            loop = QEventLoop()
            timer = QTimer()
            timer.setSingleShot(True)
            timer.timeout.connect(loop.quit)
            timer.start(max(1, int(remaining * 1000)))
            self._loop = loop
            try:
                loop.exec()
            finally:
                self._loop = None
                timer.stop()

    def close(self) -> None:
        """Delete the page before its profile, as WebEngine requires."""
        self._page.pageMessage.disconnect(self._on_message)
        self._page.loadFinished.disconnect(self._on_load_finished)
        shiboken6.delete(self._page)
        shiboken6.delete(self._profile)
        shiboken6.delete(self._handler)

    def _wake(self) -> None:
        if self._loop is not None:
            self._loop.quit()

    def _on_message(self, data: dict) -> None:
        self.events.append(data)
        self._wake()

    def _on_load_finished(self, ok: bool) -> None:
        self._load_ok = ok
        self._wake()


def render_in_page(
    post: RenderedPost,
    site_root: Path | None,
    *,
    dark: bool = False,
    timeout_s: float = DEFAULT_TIMEOUT_S,
) -> PagePieces:
    """Draw the post in a hidden preview page and return its header and body HTML."""
    ensure_application()
    preview = OffscreenPage(site_root, timeout_s)
    try:
        preview.load()
        hint = None if resources.mermaid_bundle() else resources.mermaid_install_hint()
        options = {
            "theme": "dark" if dark else "light",
            "pygmentsCss": theme_css(dark),
            "mermaidHint": hint,
        }
        # The theme first: Mermaid takes it when it starts, before the first diagram.
        preview.run(configure_script(options))
        preview.run(update_script(whole_payload(1, "export", post)))
        # "rendered" comes after every diagram of the update was drawn or failed.
        preview.wait_until(lambda: preview.has_event("rendered", seq=1), "draw the post")
        pieces = json.loads(preview.evaluate(COLLECT_SCRIPT) or "{}")
    finally:
        preview.close()
    return PagePieces(str(pieces.get("header", "")), str(pieces.get("body", "")))
