"""Windows that fit the screen: a 1366×768 laptop (about 1366×728 free under a panel)
shows every window whole, with its buttons and the status bar visible."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# The window manager's title bar and borders, which the widget's own size leaves out.
FRAME = QSize(16, 40)


def available_geometry(widget: QWidget | None = None) -> QRect:
    """The free area of the screen the widget is on (or the primary screen)."""
    screen = (widget.screen() if widget is not None else None) or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 728)


def fit_to_screen(widget: QWidget, preferred: QSize, *, center: bool = True) -> QSize:
    """Resize `widget` to `preferred`, never larger than the free screen (frame included),
    never below its minimum unless the screen itself is smaller; returns the size."""
    free = available_geometry(widget)
    room = QSize(free.width() - FRAME.width(), free.height() - FRAME.height())
    minimum = widget.minimumSize().boundedTo(room)
    if widget.minimumSize() != minimum:
        widget.setMinimumSize(minimum)
    size = preferred.boundedTo(room).expandedTo(minimum)
    widget.resize(size)
    if center:
        widget.move(free.x() + max(0, (free.width() - size.width() - FRAME.width()) // 2),
                    free.y() + max(0, (free.height() - size.height() - FRAME.height()) // 2))
    return size
