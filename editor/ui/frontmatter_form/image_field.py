"""An image path relative to the post, with its thumbnail, a chooser and drag-and-drop import."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QImageReader, QPixmap
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QVBoxLayout

from editor.core.frontmatter.paths import FieldPath
from editor.core.workspace.assets import IMAGE_SUFFIXES, AssetError, assets_folder
from editor.ui.frontmatter_form.base import PROBLEM_STYLE, FieldWidget

__all__ = ["THUMBNAIL_HEIGHT", "ImageField", "image_files"]

THUMBNAIL_HEIGHT = 96
THUMBNAIL_MAX_WIDTH = 320  # a panorama stays a strip, not the form's whole width
# Where a site-absolute path (/images/x.png) lives: Astro's public/, Hugo's static/, Jekyll's root.
PUBLIC_FOLDERS = ("public", "static", "")


def image_files(urls: list[Any]) -> list[Path]:
    """The local image files among dropped URLs (QUrl objects)."""
    files = []
    for url in urls:
        if url.isLocalFile():
            path = Path(url.toLocalFile())
            if path.suffix.lower() in IMAGE_SUFFIXES:
                files.append(path)
    return files


def _inside(path: Path, root: Path) -> bool:
    return path.is_relative_to(root.resolve())


class ImageField(FieldWidget):
    """A post-relative image path: typed, chosen with a dialog, or dropped (then imported)."""

    def _build(self) -> None:
        self._edit = QLineEdit()
        self._edit.setToolTip("Image path, relative to the post; drop an image here to import it")
        self._edit.setPlaceholderText("not set")
        # The line edit would take a dropped file as text; the field imports it instead.
        self._edit.setAcceptDrops(False)
        self.label_accessible(self._edit, "path")
        self._choose = QPushButton("Choose…")
        self._choose.setToolTip("Choose an image; one outside the site is copied into its assets")
        self._choose.setEnabled(self.context.choose_image is not None)
        self.label_accessible(self._choose, "choose image")
        self.row.addWidget(self._edit, 1)
        self.row.addWidget(self._choose)

        self.thumbnail = QLabel()
        self.thumbnail.setMaximumSize(THUMBNAIL_MAX_WIDTH, THUMBNAIL_HEIGHT)
        self.thumbnail.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.thumbnail.hide()
        self.label_accessible(self.thumbnail, "thumbnail")
        self.missing_label = QLabel()
        self.missing_label.setWordWrap(True)
        self.missing_label.setStyleSheet(PROBLEM_STYLE)
        self.missing_label.hide()
        self.label_accessible(self.missing_label, "image status")
        outer = self.layout()
        assert isinstance(outer, QVBoxLayout)
        at = outer.indexOf(self.problem_label)
        outer.insertWidget(at, self.missing_label)
        outer.insertWidget(at, self.thumbnail)

        self._schema_problems: list[str] = []
        self._asset_error = ""
        self._loaded: tuple[Path, int, int] | None = None  # (file, mtime_ns, size) shown
        self.setAcceptDrops(True)
        self._edit.textEdited.connect(self._typed)
        self._choose.clicked.connect(self.choose)

    # -- showing --------------------------------------------------------------------------

    def set_value(self, value: Any) -> None:
        text = "" if value is None else str(value)
        if self._edit.text() != text:
            self._edit.setText(text)
            self._edit.setCursorPosition(0)
        self._show_image(text)

    def editor(self) -> QLineEdit:
        return self._edit

    def resolve(self, text: str) -> Path | None:
        """The file the path names, when it is inside the site; None otherwise."""
        site, post = self.context.post.site_root, self.context.post.post_path
        text = text.strip()
        if not text or "://" in text or site is None or post is None:
            return None
        if text.startswith("/"):
            candidates = [(site / folder / text.lstrip("/")).resolve() for folder in PUBLIC_FOLDERS]
            inside = [c for c in candidates if _inside(c, site)]
            return next((c for c in inside if c.is_file()), inside[0] if inside else None)
        target = (post.parent / text).resolve()
        return target if _inside(target, site) else None

    def _show_image(self, text: str) -> None:
        text = text.strip()
        site, post = self.context.post.site_root, self.context.post.post_path
        if not text or "://" in text or site is None or post is None:
            self._show_status("")  # remote images and unknown places are not checked here
            return
        target = self.resolve(text)
        if target is None:
            self._show_status(f"Image outside the site, not shown: {text}")
            return
        try:
            stat = target.stat()
        except OSError:
            stat = None
        if stat is None or not target.is_file():
            self._show_status(f"Image not found: {text}")
            return
        key = (target, stat.st_mtime_ns, stat.st_size)
        if key == self._loaded and not self.thumbnail.pixmap().isNull():
            self._show_status("", thumbnail=True)
            return
        pixmap = self._read_thumbnail(target)
        if pixmap is None:
            self._show_status(f"Not a readable image: {text}")
            return
        self._loaded = key
        self.thumbnail.setPixmap(pixmap)
        self.thumbnail.setToolTip(str(target))
        self._show_status("", thumbnail=True)

    @staticmethod
    def _read_thumbnail(target: Path) -> QPixmap | None:
        reader = QImageReader(str(target))
        reader.setAutoTransform(True)
        size = reader.size()
        if size.isValid() and size.height() > 0:
            # Decode at thumbnail size where the format can (JPEG does it cheaply).
            size.scale(
                QSize(THUMBNAIL_MAX_WIDTH, THUMBNAIL_HEIGHT), Qt.AspectRatioMode.KeepAspectRatio
            )
            reader.setScaledSize(size)
        image = reader.read()
        if image.isNull():
            return None
        if image.height() > THUMBNAIL_HEIGHT or image.width() > THUMBNAIL_MAX_WIDTH:
            image = image.scaled(
                THUMBNAIL_MAX_WIDTH,
                THUMBNAIL_HEIGHT,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        return QPixmap.fromImage(image)

    def _show_status(self, message: str, *, thumbnail: bool = False) -> None:
        self.missing_label.setText(message)
        self.missing_label.setVisible(bool(message))
        self.thumbnail.setVisible(thumbnail)
        if not thumbnail:
            self._loaded = None
            self.thumbnail.clear()

    # -- writer's edits -------------------------------------------------------------------

    def _typed(self, text: str) -> None:
        self._set_asset_error("")
        self._show_image(text)
        self.request_set(text)

    def choose(self) -> None:
        """Ask the window's file dialog for an image and use it (importing it if needed)."""
        if self._read_only or self.context.choose_image is None:
            return
        chosen = self.context.choose_image(self._start_folder())
        if chosen is not None:
            self.use_file(Path(chosen))

    def _start_folder(self) -> Path:
        site, post = self.context.post.site_root, self.context.post.post_path
        if site is not None and post is not None:
            try:
                return assets_folder(site, post, self._edit.text().strip() or None)
            except ValueError:  # the post is not inside the site
                pass
        return post.parent if post is not None else Path.home()

    def use_file(self, source: Path) -> None:
        """Point the field at source: post-relative if inside the site, else imported."""
        if self._read_only:
            return
        site, post = self.context.post.site_root, self.context.post.post_path
        resolved = source.resolve()
        try:
            if site is not None and post is not None and _inside(resolved, site):
                rel = Path(os.path.relpath(resolved, post.parent.resolve())).as_posix()
            elif self.context.import_image is not None:
                rel = self.context.import_image(source)
            else:
                raise AssetError("this workspace cannot import images")
        except AssetError as exc:
            self._set_asset_error(str(exc))
            return
        self._set_asset_error("")
        self._edit.setText(rel)
        self._edit.setCursorPosition(0)
        self._show_image(rel)
        self.request_set(rel)

    # -- drag and drop --------------------------------------------------------------------

    def _accepts(self, event: QDragEnterEvent | QDragMoveEvent | QDropEvent) -> bool:
        mime = event.mimeData()
        return not self._read_only and mime.hasUrls() and bool(image_files(mime.urls()))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._accepts(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._accepts(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        if not self._accepts(event):
            event.ignore()
            return
        event.acceptProposedAction()
        self.use_file(image_files(event.mimeData().urls())[0])

    # -- read-only and problems -----------------------------------------------------------

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self._edit.setEnabled(not read_only)
        self._choose.setEnabled(not read_only and self.context.choose_image is not None)

    def set_problems(self, problems: list[tuple[FieldPath, str]]) -> None:
        self._schema_problems = [m for p, m in problems if tuple(p) == self.path]
        super().set_problems(problems)
        self._show_problem_text()

    def _set_asset_error(self, message: str) -> None:
        self._asset_error = message
        self._show_problem_text()

    def _show_problem_text(self) -> None:
        lines = [*self._schema_problems, *([self._asset_error] if self._asset_error else [])]
        self.problem_label.setText("\n".join(lines))
        self.problem_label.setVisible(bool(lines))
