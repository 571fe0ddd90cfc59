"""The image field: thumbnail from inside the site, missing files flagged, choose and drop."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QImage
from PySide6.QtWidgets import QLineEdit, QPushButton

from editor.core.frontmatter.requests import SetValue
from editor.core.post import PostContext
from editor.core.workspace.assets import AssetError, import_image
from editor.ui.frontmatter_form.base import FormContext
from editor.ui.frontmatter_form.image_field import THUMBNAIL_HEIGHT, ImageField
from tests.ui.frontmatter_form.support import recorded_edits

SLUG = "deepseek-v4-release"
HERO = f"../../../assets/blog/{SLUG}-hero.png"  # as the fixture post writes it


def write_png(path: Path, width: int = 400, height: int = 200) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#3366cc"))
    assert image.save(str(path), "PNG")
    return path


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    post = root / "src" / "content" / "blog" / "ko" / f"{SLUG}.md"
    post.parent.mkdir(parents=True)
    post.write_text("---\ntitle: DeepSeek V4 출시 임박\n---\n", encoding="utf-8")
    write_png(root / "src" / "assets" / "blog" / f"{SLUG}-hero.png")
    return root


def post_of(site: Path) -> Path:
    return site / "src" / "content" / "blog" / "ko" / f"{SLUG}.md"


def make(qtbot, site: Path, value=None, **services) -> ImageField:
    post = PostContext(site_root=site, post_path=post_of(site), lang="ko", slug=SLUG)
    context = FormContext(post, **services)
    field = ImageField(("heroImage",), None, context)
    qtbot.addWidget(field)
    field.set_value(value)
    return field


def choose_button(field: ImageField) -> QPushButton:
    return field.findChild(QPushButton)


def test_set_value_shows_the_path_and_a_thumbnail_without_emitting(qtbot, site):
    field = make(qtbot, site)
    with qtbot.assertNotEmitted(field.editRequested):
        field.set_value(HERO)
    assert field.editor().text() == HERO
    assert field.thumbnail.isVisibleTo(field)
    pixmap = field.thumbnail.pixmap()
    assert (pixmap.width(), pixmap.height()) == (2 * THUMBNAIL_HEIGHT, THUMBNAIL_HEIGHT)
    assert not field.missing_label.isVisibleTo(field)


def test_missing_file_is_flagged_and_the_thumbnail_hidden(qtbot, site):
    field = make(qtbot, site, HERO)
    field.set_value("../../../assets/blog/nope.png")
    assert field.missing_label.isVisibleTo(field)
    assert field.missing_label.text() == "Image not found: ../../../assets/blog/nope.png"
    assert not field.thumbnail.isVisibleTo(field)


def test_a_path_outside_the_site_is_never_read(qtbot, site, tmp_path):
    write_png(tmp_path / "secret.png")
    field = make(qtbot, site, "../../../../../secret.png")
    assert (post_of(site).parent / "../../../../../secret.png").resolve().is_file()
    assert not field.thumbnail.isVisibleTo(field)
    assert "outside the site" in field.missing_label.text()


def test_remote_images_are_neither_loaded_nor_flagged(qtbot, site):
    field = make(qtbot, site, "https://example.com/hero.png")
    assert not field.thumbnail.isVisibleTo(field)
    assert not field.missing_label.isVisibleTo(field)


def test_typing_a_path_emits_it_and_updates_the_thumbnail(qtbot, site):
    field = make(qtbot, site, "")
    seen = recorded_edits(field)
    qtbot.keyClicks(field.editor(), HERO)
    assert seen[-1] == SetValue(("heroImage",), HERO)
    assert len(seen) == len(HERO)
    assert field.thumbnail.isVisibleTo(field)


def test_choose_imports_an_image_from_outside_the_site(qtbot, site, tmp_path):
    download = write_png(tmp_path / "Downloads" / "diagram.png")
    folders: list[Path] = []
    imported: list[Path] = []

    def choose(folder: Path) -> Path:
        folders.append(folder)
        return download

    def do_import(source: Path) -> str:
        imported.append(source)
        return f"../../../assets/blog/{SLUG}-hero-2.png"

    field = make(qtbot, site, HERO, choose_image=choose, import_image=do_import)
    seen = recorded_edits(field)
    qtbot.mouseClick(choose_button(field), Qt.MouseButton.LeftButton)
    assert folders == [site / "src" / "assets" / "blog"]
    assert imported == [download]
    assert seen == [SetValue(("heroImage",), f"../../../assets/blog/{SLUG}-hero-2.png")]
    assert field.editor().text() == f"../../../assets/blog/{SLUG}-hero-2.png"


def test_choose_an_image_inside_the_site_uses_its_relative_path(qtbot, site):
    inside = write_png(site / "src" / "assets" / "blog" / "chart.png")
    imported: list[Path] = []
    field = make(
        qtbot, site, None, choose_image=lambda folder: inside, import_image=imported.append
    )
    seen = recorded_edits(field)
    qtbot.mouseClick(choose_button(field), Qt.MouseButton.LeftButton)
    assert imported == []
    assert seen == [SetValue(("heroImage",), "../../../assets/blog/chart.png")]
    assert field.thumbnail.isVisibleTo(field)


def test_choose_cancelled_changes_nothing(qtbot, site):
    field = make(qtbot, site, HERO, choose_image=lambda folder: None, import_image=str)
    with qtbot.assertNotEmitted(field.editRequested):
        qtbot.mouseClick(choose_button(field), Qt.MouseButton.LeftButton)
    assert field.editor().text() == HERO


def test_choose_without_a_chooser_is_disabled(qtbot, site):
    field = make(qtbot, site, HERO)
    assert not choose_button(field).isEnabled()


def test_import_error_shows_in_the_problem_label_and_requests_nothing(qtbot, site, tmp_path):
    download = write_png(tmp_path / "big.png")

    def refuse(source: Path) -> str:
        raise AssetError("could not copy big.png into assets: disk full")

    field = make(qtbot, site, HERO, choose_image=lambda folder: download, import_image=refuse)
    with qtbot.assertNotEmitted(field.editRequested):
        qtbot.mouseClick(choose_button(field), Qt.MouseButton.LeftButton)
    assert field.problem_label.isVisibleTo(field)
    assert "disk full" in field.problem_label.text()
    assert field.editor().text() == HERO
    field.set_problems([])  # schema problems refreshed: the import error stays until resolved
    assert "disk full" in field.problem_label.text()


def mime_with(*paths: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    return mime


def drag_enter(field: ImageField, mime: QMimeData) -> bool:
    event = QDragEnterEvent(
        QPoint(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    field.dragEnterEvent(event)
    return event.isAccepted()


def drop(field: ImageField, mime: QMimeData) -> bool:
    event = QDropEvent(
        QPointF(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    field.dropEvent(event)
    return event.isAccepted()


def test_drag_accepts_local_images_only(qtbot, site, tmp_path):
    field = make(qtbot, site, HERO, import_image=str)
    notes = tmp_path / "notes.txt"
    notes.write_text("x", encoding="utf-8")
    assert drag_enter(field, mime_with(write_png(tmp_path / "a.png")))
    assert not drag_enter(field, mime_with(notes))
    remote = QMimeData()
    remote.setUrls([QUrl("https://example.com/a.png")])
    assert not drag_enter(field, remote)


def test_dropping_an_image_imports_it_into_the_assets_and_emits(qtbot, site, tmp_path):
    download = write_png(tmp_path / "Downloads" / "new-hero.webp.png", 300, 150)
    post = post_of(site)
    field = make(
        qtbot,
        site,
        None,
        import_image=lambda source: import_image(source, site, post, SLUG, None),
    )
    seen = recorded_edits(field)
    assert drop(field, mime_with(download))
    # The site already holds a different <slug>-hero.png: the import picks the next name.
    expected = f"../../../assets/blog/{SLUG}-hero-2.png"
    assert seen == [SetValue(("heroImage",), expected)]
    assert (site / "src" / "assets" / "blog" / f"{SLUG}-hero-2.png").is_file()
    assert field.editor().text() == expected
    assert field.thumbnail.isVisibleTo(field)


def test_a_refused_drop_shows_the_error_and_requests_nothing(qtbot, site, tmp_path):
    def refuse(source: Path) -> str:
        raise AssetError("new.png is not an image Postdesk imports")

    field = make(qtbot, site, HERO, import_image=refuse)
    with qtbot.assertNotEmitted(field.editRequested):
        drop(field, mime_with(write_png(tmp_path / "new.png")))
    assert field.problem_label.text() == "new.png is not an image Postdesk imports"


def test_read_only_refuses_typing_choosing_and_dropping(qtbot, site, tmp_path):
    download = write_png(tmp_path / "new.png")
    field = make(
        qtbot, site, HERO, choose_image=lambda folder: download, import_image=lambda s: "x.png"
    )
    field.set_read_only(True)
    assert not field.editor().isEnabled()
    assert not choose_button(field).isEnabled()
    with qtbot.assertNotEmitted(field.editRequested):
        assert not drag_enter(field, mime_with(download))
        assert not drop(field, mime_with(download))
        field.choose()
    assert field.editor().text() == HERO
    field.set_read_only(False)
    assert field.editor().isEnabled() and choose_button(field).isEnabled()


def test_inputs_have_accessible_names(qtbot, site):
    field = make(qtbot, site, HERO, choose_image=lambda folder: None)
    assert field.findChild(QLineEdit).accessibleName() == "heroImage path"
    assert choose_button(field).accessibleName() == "heroImage choose image"
    assert field.thumbnail.accessibleName() == "heroImage thumbnail"
