"""CardGrid: cards side by side while they fit, wrapped onto the next row when they do
not. Each card gets at least its minimum width (its text is never cut); the room left
in a row is shared by the cards' weights. The layout reports its height for a width,
so the page gives it exactly the rows it needs and nothing scrolls. A box layout asks only
for the minimum height, not the height for its width: so the minimum height is the one the
rows need at the width the grid was last given, and it is updated (once, after the layout
pass) when the rows change, so that nothing below the cards is ever drawn over them."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, QTimer
from PySide6.QtWidgets import QLayout, QWidgetItem


class CardGrid(QLayout):
    def __init__(self, parent=None, spacing: int = 14):
        super().__init__(parent)
        self._items: list = []
        self._weights: list[int] = []
        self._space = spacing
        self._needed = 0          # the height the rows need at the width last given

    # ------------------------------------------------------------------ QLayout
    def addWidget(self, widget, weight: int = 1) -> None:  # noqa: N802 - Qt's name
        self.addChildWidget(widget)
        self._items.append(QWidgetItem(widget))
        self._weights.append(max(1, weight))
        self.invalidate()

    def addItem(self, item) -> None:  # noqa: N802
        self._items.append(item)
        self._weights.append(1)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int):  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int):  # noqa: N802
        if 0 <= index < len(self._items):
            self._weights.pop(index)
            return self._items.pop(index)
        return None

    def expandingDirections(self):  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def minimumSize(self) -> QSize:  # noqa: N802
        """As narrow as the widest card; as low as the cards in one row."""
        visible = self._visible()
        if not visible:
            return QSize(0, 0)
        m = self.contentsMargins()
        width = max(item.minimumSize().width() for item, _w in visible)
        height = max(self._height(item, item.minimumSize().width()) for item, _w in visible)
        return QSize(width + m.left() + m.right(), max(height + m.top() + m.bottom(), self._needed))

    def sizeHint(self) -> QSize:  # noqa: N802
        visible = self._visible()
        m = self.contentsMargins()
        width = sum(item.sizeHint().width() for item, _w in visible) + self._space * max(0, len(visible) - 1)
        return QSize(width + m.left() + m.right(), self.heightForWidth(width + m.left() + m.right()))

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        needed = self._arrange(rect, apply=True)
        if needed != self._needed:
            self._needed = needed
            # Not from inside the layout pass: ask for a new one when it is over.
            QTimer.singleShot(0, self.invalidate)

    # ------------------------------------------------------------------ arranging
    def _visible(self) -> list:
        return [(item, w) for item, w in zip(self._items, self._weights)
                if item.widget() is None or not item.widget().isHidden()]

    @staticmethod
    def _height(item, width: int) -> int:
        if item.hasHeightForWidth():
            return max(item.heightForWidth(width), item.minimumSize().height())
        return item.sizeHint().height()

    def rows(self, width: int) -> list[list]:
        """The cards of each row at `width`: in order, as many as fit side by side."""
        rows: list[list] = []
        used = 0
        for item, weight in self._visible():
            need = item.minimumSize().width()
            if rows and used + self._space + need <= width:
                rows[-1].append((item, weight))
                used += self._space + need
            else:
                rows.append([(item, weight)])
                used = need
        return rows

    def _widths(self, row: list, width: int) -> list[int]:
        """Share `width` by weight, but never below a card's minimum width."""
        free = width - self._space * (len(row) - 1)
        fixed: dict[int, int] = {}
        while True:
            rest = free - sum(fixed.values())
            weights = sum(w for i, (_it, w) in enumerate(row) if i not in fixed)
            widths = [fixed.get(i, rest * w // weights if weights else 0) for i, (_it, w) in enumerate(row)]
            short = [i for i, (item, _w) in enumerate(row)
                     if i not in fixed and widths[i] < item.minimumSize().width()]
            if not short:
                return widths
            for i in short:
                fixed[i] = row[i][0].minimumSize().width()

    def _arrange(self, rect: QRect, apply: bool) -> int:
        m = self.contentsMargins()
        x0, y = rect.x() + m.left(), rect.y() + m.top()
        width = rect.width() - m.left() - m.right()
        for n, row in enumerate(self.rows(width)):
            if n:
                y += self._space
            widths = self._widths(row, width)
            height = max(self._height(item, w) for (item, _w), w in zip(row, widths))
            x = x0
            for (item, _weight), w in zip(row, widths):
                if apply:
                    item.setGeometry(QRect(x, y, w, height))
                x += w + self._space
            y += height
        return y + m.bottom() - rect.y()
