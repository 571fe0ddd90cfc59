"""A second wall behind the page's CSP: every request the preview makes is checked here."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject
from PySide6.QtWebEngineCore import QWebEngineUrlRequestInfo, QWebEngineUrlRequestInterceptor

LOCAL_SCHEMES = frozenset({"postdesk", "data", "blob"})
REMOTE_SCHEMES = frozenset({"http", "https"})


class RequestGuard(QWebEngineUrlRequestInterceptor):
    """Blocks everything but postdesk:// (and, when the writer allows it, http(s) images and
    styles). Runs on WebEngine's IO thread, hence the lock."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._allow_remote = False

    def set_allow_remote(self, allow: bool) -> None:
        """Let http(s) resources through (the per-workspace "Load Remote Content")."""
        with self._lock:
            self._allow_remote = allow

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:
        url = info.requestUrl()
        scheme = url.scheme().lower()
        with self._lock:
            allowed = scheme in LOCAL_SCHEMES or (self._allow_remote and scheme in REMOTE_SCHEMES)
        if not allowed:
            info.block(True)
