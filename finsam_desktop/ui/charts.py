"""A chart of the chart data model (reports/charts.py) drawn with QPainter in the
window's palette: the plot and its lines follow the text and highlight colours, so a
dark palette gives a dark chart. Bars differ in lightness and have an outline; lines
differ in dash and marker as well as colour."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from ..reports.charts import BAR, DASHED, Chart, axis_ticks, tick_label, wrap_label

DASHES = (None, [5.0, 3.0], [1.5, 2.5], [7.0, 3.0], [2.0, 2.0])
MARKERS = ("circle", "square", "diamond", None, "square")
STYLES = len(DASHES)


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize a window to width × height, or to what its screen has room for."""
    screen = widget.screen()
    if screen is not None:
        room = screen.availableGeometry()
        width, height = min(width, room.width() - 20), min(height, room.height() - 60)
    widget.resize(width, height)


def accent(palette: QPalette) -> QColor:
    """The palette's highlight, made darker (on a light base) or lighter (on a dark base)
    when it stands too close to the base to draw a line with: some styles' highlight is
    a pale tint meant behind text."""
    hi, base = QColor(palette.color(QPalette.Highlight)), palette.color(QPalette.Base)
    if abs(hi.lightness() - base.lightness()) >= 110:
        return hi
    h, s, _l, a = hi.getHsl()
    target = base.lightness() - 140 if base.lightness() > 128 else base.lightness() + 140
    return QColor.fromHsl(max(h, 0), max(s, 90), max(0, min(255, target)), a)


def series_colour(palette: QPalette, style: int) -> QColor:
    """Style 0: the palette's highlight; 1 and 2: the highlight mixed towards the base
    (lighter on a light palette, darker on a dark one); 3: a warm accent; 4: the text
    colour mixed towards the base (a neutral grey)."""
    hi, base = accent(palette), palette.color(QPalette.Base)
    style %= STYLES
    if style == 3:
        return QColor("#c2410c") if base.lightness() > 128 else QColor("#fb923c")
    if style == 4:
        hi = palette.color(QPalette.Text)
    t = (0.0, 0.45, 0.75, 0.0, 0.55)[style]
    return QColor(round(hi.red() + (base.red() - hi.red()) * t), round(hi.green() + (base.green() - hi.green()) * t),
                  round(hi.blue() + (base.blue() - hi.blue()) * t))


class ChartWidget(QWidget):
    def __init__(self, chart: Chart | None = None, parent=None):
        super().__init__(parent)
        self.chart = chart
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.setMinimumSize(300, 150)

    def set_chart(self, chart: Chart | None) -> None:
        self.chart = chart
        self.setAccessibleName(chart.title if chart else "")
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(560, 300)

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt's name
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        pal = self.palette()
        p.fillRect(self.rect(), pal.color(QPalette.Base))
        if self.chart is None or not self.chart.categories:
            p.setPen(pal.color(QPalette.PlaceholderText))
            p.drawText(self.rect(), Qt.AlignCenter, "Inget att visa.")
            p.end()
            return
        draw_chart(p, QRectF(self.rect()).adjusted(8, 6, -8, -6), self.chart, pal, self.font())
        p.end()


def draw_chart(p: QPainter, area: QRectF, chart: Chart, pal: QPalette, font: QFont) -> None:
    text, muted = pal.color(QPalette.Text), pal.color(QPalette.PlaceholderText)
    grid = QColor(muted)
    grid.setAlpha(70)
    title_font = QFont(font)
    title_font.setBold(True)
    small = QFont(font)
    small.setPointSizeF(max(font.pointSizeF() * 0.85, 7))
    fm, tm = QFontMetrics(small), QFontMetrics(title_font)
    p.setFont(title_font)
    p.setPen(text)
    p.drawText(QRectF(area.left(), area.top(), area.width(), tm.height()), Qt.AlignLeft | Qt.AlignVCenter,
               chart.title)
    ticks = axis_ticks(chart)
    lo, hi = ticks[0], ticks[-1]
    p.setFont(small)
    label_w = max(fm.horizontalAdvance(tick_label(t)) for t in ticks) + 8
    legend_cols = max(1, min(len(chart.series), int(area.width() // 170)))
    n_legend_rows = (len(chart.series) + legend_cols - 1) // legend_cols
    legend_h = n_legend_rows * (fm.height() + 4)
    left = area.left() + label_w
    right = area.right() - 4
    top = area.top() + tm.height() + fm.height() + 6
    show_x_label = bool(chart.x_label) and area.height() >= 260
    bottom = area.bottom() - legend_h - (3 if show_x_label else 2) * fm.height() - 8
    if bottom - top < 40:
        bottom = top + 40
    plot_h = bottom - top

    def y_of(v: float) -> float:
        return bottom - (v - lo) / (hi - lo) * plot_h

    p.setPen(muted)
    p.drawText(QRectF(area.left(), top - fm.height() - 4, label_w + 40, fm.height()), Qt.AlignLeft, chart.y_label)
    for t in ticks:
        y = y_of(t)
        p.setPen(QPen(text if t == 0 else grid, 1))
        p.drawLine(QPointF(left, y), QPointF(right, y))
        p.setPen(muted)
        p.drawText(QRectF(area.left(), y - fm.height() / 2, label_w - 6, fm.height()),
                   Qt.AlignRight | Qt.AlignVCenter, tick_label(t))
    n = len(chart.categories)
    slot = (right - left) / max(n, 1)
    avg = max(fm.averageCharWidth(), 1)
    p.setPen(text)
    for i, c in enumerate(chart.categories):
        for k, line in enumerate(wrap_label(c, int(slot / avg))):
            p.drawText(QRectF(left + slot * i, bottom + 3 + k * fm.height(), slot, fm.height()),
                       Qt.AlignHCenter | Qt.AlignTop, line)
    if show_x_label:
        p.setPen(muted)
        p.drawText(QRectF(left, bottom + 3 + 2 * fm.height(), right - left, fm.height()), Qt.AlignRight,
                   chart.x_label)
    bars = [s for s in chart.series if s.kind == BAR]
    bw = slot * 0.8 / max(len(bars), 1)
    zero = y_of(0)
    for bi, s in enumerate(bars):
        colour = series_colour(pal, s.style)
        p.setPen(QPen(text, 0.6))
        p.setBrush(colour)
        for i, v in enumerate(s.values):
            if v is None:
                continue
            x = left + slot * i + slot * 0.1 + bw * bi
            y0, y1 = sorted((zero, y_of(v)))
            p.drawRect(QRectF(x, y0, bw * 0.92, max(y1 - y0, 0.5)))
    for s in (s for s in chart.series if s.kind != BAR):
        colour = series_colour(pal, s.style)
        pen = QPen(colour, 2)
        dash = DASHES[s.style % STYLES] or ([5.0, 3.0] if s.kind == DASHED else None)
        if s.kind == DASHED and dash:
            pen.setDashPattern(dash)
        pts = [QPointF(left + slot * (i + 0.5), y_of(v)) for i, v in enumerate(s.values) if v is not None]
        p.setPen(pen)
        p.setBrush(Qt.NoBrush)
        if len(pts) > 1:
            p.drawPolyline(QPolygonF(pts))
        for pt in pts:
            _marker(p, MARKERS[s.style % STYLES], pt, colour, pal)
    # legend
    col_w = area.width() / legend_cols
    y0 = area.bottom() - legend_h
    for i, s in enumerate(chart.series):
        colour = series_colour(pal, s.style)
        x = area.left() + (i % legend_cols) * col_w
        y = y0 + (i // legend_cols) * (fm.height() + 4) + fm.height() / 2
        if s.kind == BAR:
            p.setPen(QPen(text, 0.6))
            p.setBrush(colour)
            p.drawRect(QRectF(x, y - 5, 12, 10))
        else:
            pen = QPen(colour, 2)
            if s.kind == DASHED:
                pen.setDashPattern(DASHES[s.style % STYLES] or [5.0, 3.0])
            p.setPen(pen)
            p.drawLine(QPointF(x, y), QPointF(x + 18, y))
            _marker(p, MARKERS[s.style % STYLES], QPointF(x + 9, y), colour, pal)
        p.setPen(text)
        p.drawText(QRectF(x + 24, y - fm.height() / 2, col_w - 26, fm.height()), Qt.AlignLeft | Qt.AlignVCenter,
                   fm.elidedText(s.name, Qt.ElideRight, int(col_w - 26)))


def _marker(p: QPainter, kind, pt: QPointF, colour: QColor, pal: QPalette) -> None:
    if kind is None:
        return
    p.setPen(QPen(colour, 1.2))
    if kind == "circle":
        p.setBrush(colour)
        p.drawEllipse(pt, 2.6, 2.6)
    elif kind == "square":
        p.setBrush(pal.color(QPalette.Base))
        p.drawRect(QRectF(pt.x() - 2.6, pt.y() - 2.6, 5.2, 5.2))
    else:
        p.setBrush(colour)
        p.drawPolygon(QPolygonF([QPointF(pt.x(), pt.y() - 3.2), QPointF(pt.x() + 3.2, pt.y()),
                                 QPointF(pt.x(), pt.y() + 3.2), QPointF(pt.x() - 3.2, pt.y())]))
