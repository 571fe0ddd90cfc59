"""The postdesk:// URL scheme: the preview's only way to read files.

postdesk://app/...        Postdesk's own page and its web dependencies.
postdesk://workspace/...  files of the open workspace, and nothing outside it.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject
from PySide6.QtWebEngineCore import (
    QWebEngineUrlRequestJob,
    QWebEngineUrlScheme,
    QWebEngineUrlSchemeHandler,
)

from editor.core import resources

SCHEME = b"postdesk"
APP_HOST = "app"
WORKSPACE_HOST = "workspace"
PAGE_URL = "postdesk://app/preview/index.html"


def register_scheme() -> None:
    """Declare the scheme to WebEngine; must run before the QApplication is created."""
    scheme = QWebEngineUrlScheme(SCHEME)
    scheme.setSyntax(QWebEngineUrlScheme.Syntax.Host)
    # Secure: the page is a secure context like https. No local (file://) access is granted.
    scheme.setFlags(QWebEngineUrlScheme.Flag.SecureScheme | QWebEngineUrlScheme.Flag.CorsEnabled)
    QWebEngineUrlScheme.registerScheme(scheme)


def remote_policy(page: bytes) -> bytes:
    """The page with its CSP widened to remote images, styles and fonts (never scripts)."""
    text = page.decode("utf-8")
    for directive in ("img-src", "style-src", "font-src"):
        text = text.replace(f"{directive} ", f"{directive} https: http: ", 1)
    return text.encode("utf-8")


def _inside(root: Path, relative: str) -> Path | None:
    """Resolve a URL path under root; None when it escapes root or is not a file."""
    try:
        root = root.resolve()
        target = (root / relative.lstrip("/")).resolve()
    except (OSError, RuntimeError):
        return None
    if target != root and root not in target.parents:
        return None
    return target if target.is_file() else None


class PostdeskSchemeHandler(QWebEngineUrlSchemeHandler):
    """Serves postdesk:// requests from the resources folder and the open workspace."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._workspace: Path | None = None
        self._allow_remote = False

    def set_allow_remote(self, allow: bool) -> None:
        """Serve the page with a policy that lets http(s) images, styles and fonts load."""
        self._allow_remote = allow

    def set_workspace(self, root: Path | None) -> None:
        """Serve workspace files from root (None: serve none)."""
        self._workspace = root

    def resolve(self, host: str, path: str) -> Path | None:
        """Map a postdesk:// URL's host and decoded path to a file, or None."""
        if host == APP_HOST:
            if path == "/vendor/mermaid.min.js":
                return resources.mermaid_bundle()
            if path.startswith("/preview/"):
                return _inside(resources.preview_dir(), path.removeprefix("/preview/"))
            return None
        if host == WORKSPACE_HOST and self._workspace is not None:
            return _inside(self._workspace, path)
        return None

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:
        url = job.requestUrl()
        if job.requestMethod() != QByteArray(b"GET"):
            job.fail(QWebEngineUrlRequestJob.Error.RequestDenied)
            return
        target = self.resolve(url.host(), unquote(url.path()))
        if target is None:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        try:
            data = target.read_bytes()
        except OSError:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        if self._allow_remote and url.host() == APP_HOST and target.name == "index.html":
            data = remote_policy(data)
        mime = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        # The buffer must outlive this call: parenting it to the job ties their lifetimes.
        buffer = QBuffer(job)
        buffer.setData(data)
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        job.reply(mime.encode("ascii"), buffer)
