"""How a post row is drawn: title over file name or slug, a draft marker, language badges."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTreeView

from editor.ui.posts_model import BADGES_ROLE, DRAFT_ROLE, ERROR_ROLE, FILE_ROLE

Index = QModelIndex | QPersistentModelIndex

PRESENT_FILL = QColor("#2f5fb3")
MISSING_INK = QColor("#c0392b")
DRAFT_INK = QColor("#b45309")
MUTED_INK = QColor("#6b7280")
BADGE_GAP = 3


def small_font(font: QFont) -> QFont:
    """The font of the second line and of badges."""
    small = QFont(font)
    small.setPointSizeF(max(6.0, font.pointSizeF() * 0.85))
    return small


def badge_font(font: QFont) -> QFont:
    """Badges: small and bold, so two letters read at a glance."""
    bold = small_font(font)
    bold.setBold(True)
    return bold


def text_rect(row: QRect) -> QRect:
    """Where a row's two lines go inside its rectangle."""
    return row.adjusted(6, 2, -4, -2)


def badge_rects(row: QRect, langs: list[str], font: QFont) -> list[QRect]:
    """Each badge's rectangle, right-aligned on the row's second line, in the given order."""
    rect = text_rect(row)
    metrics = QFontMetrics(badge_font(font))
    height = metrics.height() + 2
    half = rect.height() // 2
    top = rect.top() + half + max(0, (rect.height() - half - height) // 2)
    right = rect.right()
    widths = [metrics.horizontalAdvance(lang.upper()) + 8 for lang in langs]
    rects: list[QRect] = []
    for width in reversed(widths):
        rects.append(QRect(right - width + 1, top, width, height))
        right -= width + BADGE_GAP
    return list(reversed(rects))


class PostDelegate(QStyledItemDelegate):
    """Draws a post as its title over its file name; folders and sections as plain rows."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        second = index.data(FILE_ROLE)
        view = option.widget
        if not second and not (isinstance(view, QTreeView) and view.uniformRowHeights()):
            return super().sizeHint(option, index)
        # With uniform heights the view sizes every row as its first, which may be a
        # section (one line): a section is then as tall as the two-line rows below it.
        second = second or ""
        # A two-line row is measured here: the base class asks the model for a dozen roles,
        # and the tree measures every row it lays out (thousands after a large change).
        metrics = option.fontMetrics
        title = index.data(Qt.ItemDataRole.DisplayRole) or ""
        width = max(metrics.horizontalAdvance(title), metrics.horizontalAdvance(second)) + 12
        return QSize(width, int(metrics.height() * 2.3))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        second = index.data(FILE_ROLE)
        if not second:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        title = option.text
        option.text = ""
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        rect = text_rect(option.rect)
        half = rect.height() // 2
        painter.save()
        painter.setFont(QFont(option.font))
        color = (
            option.palette.highlightedText().color() if selected else option.palette.text().color()
        )
        if index.data(ERROR_ROLE):
            color = QColor("#c41d7f") if not selected else color
        painter.setPen(color)
        top = QRect(rect.left(), rect.top(), rect.width(), half)
        elided = option.fontMetrics.elidedText(title, Qt.TextElideMode.ElideRight, top.width())
        painter.drawText(top, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, elided)
        badges: list[tuple[str, bool]] = index.data(BADGES_ROLE) or []
        rects = badge_rects(option.rect, [lang for lang, _ in badges], option.font)
        right = rects[0].left() - 6 if rects else rect.right()
        small = small_font(option.font)
        if index.data(DRAFT_ROLE):
            right = self._draw_draft(painter, small, rect, half, right, selected, color)
        painter.setFont(small)
        painter.setPen(color if selected else MUTED_INK)
        bottom = QRect(rect.left(), rect.top() + half, right - rect.left(), rect.height() - half)
        slug = QFontMetrics(small).elidedText(second, Qt.TextElideMode.ElideMiddle, bottom.width())
        painter.drawText(bottom, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, slug)
        self._draw_badges(painter, option.font, badges, rects)
        painter.restore()

    @staticmethod
    def _draw_draft(
        painter: QPainter,
        font: QFont,
        rect: QRect,
        half: int,
        right: int,
        selected: bool,
        color: QColor,
    ) -> int:
        italic = QFont(font)
        italic.setItalic(True)
        painter.setFont(italic)
        painter.setPen(color if selected else DRAFT_INK)
        width = QFontMetrics(italic).horizontalAdvance("draft")
        area = QRect(right - width, rect.top() + half, width, rect.height() - half)
        painter.drawText(area, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, "draft")
        return right - width - 6

    @staticmethod
    def _draw_badges(
        painter: QPainter, font: QFont, badges: list[tuple[str, bool]], rects: list[QRect]
    ) -> None:
        painter.setFont(badge_font(font))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for (lang, present), box in zip(badges, rects, strict=True):
            if present:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(PRESENT_FILL)
                painter.drawRoundedRect(box, 4, 4)
                painter.setPen(QColor("white"))
                painter.drawText(box, Qt.AlignmentFlag.AlignCenter, lang.upper())
                continue
            # Missing: a dashed red outline and struck text, told apart without colour too.
            pen = QPen(MISSING_INK, 1.2, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(box.adjusted(0, 0, -1, -1), 4, 4)
            painter.setPen(MISSING_INK)
            struck = badge_font(font)
            struck.setStrikeOut(True)
            painter.setFont(struck)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, lang.upper())
            painter.setFont(badge_font(font))
