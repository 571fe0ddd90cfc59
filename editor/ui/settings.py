"""Postdesk's settings: one typed object backed by QSettings."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 10


class Settings:
    """Typed access to the stored settings; tests pass a QSettings file under tmp_path."""

    def __init__(self, store: QSettings) -> None:
        self._store = store

    @classmethod
    def for_user(cls) -> Settings:
        """The current user's settings file."""
        return cls(
            QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "Postdesk", "Postdesk")
        )

    def recent_workspaces(self) -> list[Path]:
        """Workspaces opened before, newest first, that still exist."""
        raw = self._store.value("workspaces/recent", [])
        if isinstance(raw, str):  # QSettings returns a lone value for a one-item list
            raw = [raw]
        if not isinstance(raw, list):
            return []
        return [Path(p) for p in raw if isinstance(p, str) and p and Path(p).is_dir()]

    def add_recent_workspace(self, path: Path) -> None:
        """Put path first in the recent list."""
        paths = [str(path)] + [str(p) for p in self.recent_workspaces() if p != path]
        self._store.setValue("workspaces/recent", paths[:MAX_RECENT])

    def clear_recent_workspaces(self) -> None:
        """Forget the recent workspaces."""
        self._store.remove("workspaces/recent")

    def last_post(self, workspace: Path) -> Path | None:
        """The post that was open when this workspace was last used."""
        value = self._store.value(self._post_key(workspace))
        return Path(value) if value else None

    def set_last_post(self, workspace: Path, post: Path) -> None:
        """Remember the open post of a workspace."""
        self._store.setValue(self._post_key(workspace), str(post))

    def window_state(self) -> tuple[QByteArray | None, QByteArray | None]:
        """Saved (geometry, dock state) of the main window."""
        return self._store.value("window/geometry"), self._store.value("window/state")

    def set_window_state(self, geometry: QByteArray, state: QByteArray) -> None:
        """Save the main window's geometry and dock layout."""
        self._store.setValue("window/geometry", geometry)
        self._store.setValue("window/state", state)

    def sync_scrolling(self) -> bool:
        """Whether the editor and the preview scroll together (on by default)."""
        return str(self._store.value("view/sync_scrolling", "true")).lower() == "true"

    def set_sync_scrolling(self, on: bool) -> None:
        """Turn scroll sync on or off."""
        self._store.setValue("view/sync_scrolling", "true" if on else "false")

    def tree_view(self) -> str | None:
        """The Posts tree's view the user chose ("post" or "folder"), None before any choice."""
        value = self._store.value("view/tree", None)
        return str(value) if value in ("post", "folder") else None

    def set_tree_view(self, mode: str) -> None:
        """Remember the Posts tree's view."""
        self._store.setValue("view/tree", mode)

    def remote_content(self, workspace: Path) -> bool:
        """Whether the preview may load remote images and styles for this site (off by default)."""
        key = self._post_key(workspace).replace("last_post", "remote_content")
        return str(self._store.value(key, "false")).lower() == "true"

    def set_remote_content(self, workspace: Path, allow: bool) -> None:
        """Remember the site's remote-content choice."""
        key = self._post_key(workspace).replace("last_post", "remote_content")
        self._store.setValue(key, "true" if allow else "false")

    def sync(self) -> None:
        """Write pending changes to disk."""
        self._store.sync()

    @staticmethod
    def _post_key(workspace: Path) -> str:
        # QSettings keys cannot hold "/" as data: hash the workspace path into the key.
        digest = hashlib.sha1(str(workspace).encode("utf-8")).hexdigest()[:16]
        return f"workspaces/last_post/{digest}"
