"""Charts of the chart data model (reports/charts.py) as reportlab drawings, for the PDFs.

Readable in grey-scale print: the series differ in lightness, bars have a dark outline,
and lines differ in dash and marker as well as colour.
"""

from __future__ import annotations

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, PolyLine, Rect, String
from reportlab.lib import colors

from ..reports.charts import BAR, DASHED, Chart, axis_ticks, tick_label, wrap_label
from .pdf_fonts import SANS, SANS_BOLD, register_fonts
from .pdf_styles import INK, MUTED

# style index -> (fill colour, dash, marker). Lightness steps apart so grey print keeps them apart.
STYLES = (
    (colors.HexColor("#1f4e6b"), None, "circle"),
    (colors.HexColor("#6f8fa6"), (4, 2), "square"),
    (colors.HexColor("#c9d6e0"), (1, 2), "diamond"),
    (colors.HexColor("#9a3412"), (6, 3), None),
    (colors.HexColor("#8a939b"), (2, 2), "square"),
)
GRID = colors.HexColor("#dde3e8")


def _style(i: int):
    return STYLES[i % len(STYLES)]


def _fit(text: str, width: float, size: float) -> str:
    """Shorten a category label to the width it has (average glyph ~0.5 em)."""
    room = max(3, int(width / (size * 0.5)))
    return text if len(text) <= room else text[: room - 1] + "…"


def chart_drawing(chart: Chart, width: float, height: float) -> Drawing:
    register_fonts()
    d = Drawing(width, height)
    # The renderer starts each drawing in this font: ours, so no base-14 font is referenced.
    d.initialFontName, d.initialFontSize = SANS, 8
    d.add(String(0, height - 11, chart.title, fontName=SANS_BOLD, fontSize=10.5, fillColor=INK))
    ticks = axis_ticks(chart)
    lo, hi = ticks[0], ticks[-1]
    label_w = max(len(tick_label(t)) for t in ticks) * 4.6 + 6
    left, right = label_w + 12, width - 6
    legend_h = 14 * ((len(chart.series) + 2) // 3)
    bottom, top = 34 + legend_h, height - 24
    plot_w, plot_h = right - left, top - bottom

    def y_of(v: float) -> float:
        return bottom + (v - lo) / (hi - lo) * plot_h

    for t in ticks:
        y = y_of(t)
        d.add(Line(left, y, right, y, strokeColor=INK if t == 0 else GRID, strokeWidth=0.8 if t == 0 else 0.5))
        d.add(String(left - 4, y - 3, tick_label(t), fontName=SANS, fontSize=7.5, fillColor=MUTED,
                     textAnchor="end"))
    d.add(String(2, top + 4, chart.y_label, fontName=SANS, fontSize=7.5, fillColor=MUTED))
    n = len(chart.categories)
    slot = plot_w / max(n, 1)
    for i, c in enumerate(chart.categories):
        for k, text in enumerate(wrap_label(c, int(slot / (7.5 * 0.5)))):
            d.add(String(left + slot * (i + 0.5), bottom - 10 - 9 * k, text, fontName=SANS, fontSize=7.5,
                         fillColor=INK, textAnchor="middle"))
    if chart.x_label:
        d.add(String(right, bottom - 30, chart.x_label, fontName=SANS, fontSize=7, fillColor=MUTED,
                     textAnchor="end"))
    bars = [s for s in chart.series if s.kind == BAR]
    bw = slot * 0.8 / max(len(bars), 1)
    zero = y_of(0)
    for bi, s in enumerate(bars):
        fill = _style(s.style)[0]
        for i, v in enumerate(s.values):
            if v is None:
                continue
            x = left + slot * i + slot * 0.1 + bw * bi
            y0, y1 = sorted((zero, y_of(v)))
            d.add(Rect(x, y0, bw * 0.92, max(y1 - y0, 0.3), fillColor=fill, strokeColor=INK, strokeWidth=0.4))
    for s in (s for s in chart.series if s.kind != BAR):
        colour, dash, marker = _style(s.style)
        if s.kind == DASHED and dash is None:
            dash = (4, 2)
        pts = [(left + slot * (i + 0.5), y_of(v)) for i, v in enumerate(s.values) if v is not None]
        if len(pts) > 1:
            d.add(PolyLine([c for p in pts for c in p], strokeColor=colour, strokeWidth=1.6,
                           strokeDashArray=dash if s.kind == DASHED else None))
        for x, y in pts:
            d.add(_marker(marker, x, y, colour))
    # legend
    col_w = width / 3
    for i, s in enumerate(chart.series):
        colour, dash, marker = _style(s.style)
        x = (i % 3) * col_w
        y = 4 + legend_h - 14 * (i // 3 + 1) + 2
        if s.kind == BAR:
            d.add(Rect(x, y, 10, 7, fillColor=colour, strokeColor=INK, strokeWidth=0.4))
        else:
            d.add(Line(x, y + 3.5, x + 16, y + 3.5, strokeColor=colour, strokeWidth=1.6,
                       strokeDashArray=(dash or (4, 2)) if s.kind == DASHED else None))
            d.add(_marker(marker, x + 8, y + 3.5, colour))
        d.add(String(x + 20, y, _fit(s.name, col_w - 22, 7.5), fontName=SANS, fontSize=7.5, fillColor=INK))
    return d


def _marker(kind, x: float, y: float, colour):
    if kind == "circle":
        return Circle(x, y, 2.0, fillColor=colour, strokeColor=colour)
    if kind == "square":
        return Rect(x - 2, y - 2, 4, 4, fillColor=colors.white, strokeColor=colour, strokeWidth=1)
    if kind == "diamond":
        return Polygon([x, y + 2.5, x + 2.5, y, x, y - 2.5, x - 2.5, y], fillColor=colour, strokeColor=INK,
                       strokeWidth=0.4)
    return Rect(x, y, 0, 0, strokeColor=None, fillColor=None)
