"""The look of the annual report: page geometry, colours and paragraph styles.

A calm public-sector page: generous margins, one muted accent colour for headings,
thin grey rules, a serif for running text and a condensed sans for headings and tables.
"""

from __future__ import annotations

from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from .pdf_fonts import SANS, SANS_BOLD, SERIF, SERIF_ITALIC, register_fonts

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_LEFT = 27 * mm
MARGIN_RIGHT = 25 * mm
MARGIN_TOP = 26 * mm
MARGIN_BOTTOM = 24 * mm
FRAME_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT

INK = colors.HexColor("#1e2933")
ACCENT = colors.HexColor("#1f4e6b")
MUTED = colors.HexColor("#5f6b76")
RULE = colors.HexColor("#8c99a5")
HAIRLINE = colors.HexColor("#c9d1d8")
TINT = colors.HexColor("#eef2f5")
WARN = colors.HexColor("#9a3412")
WATERMARK = colors.HexColor("#b4432f")

# Table type sizes: amounts are set a little smaller than running text.
TABLE_SIZE = 9.0
TABLE_LEADING = 11.8


@lru_cache(maxsize=1)
def styles() -> dict[str, ParagraphStyle]:
    """The paragraph styles by name (fonts registered on first use)."""
    register_fonts()
    s: dict[str, ParagraphStyle] = {}
    s["body"] = ParagraphStyle("body", fontName=SERIF, fontSize=10, leading=14.2, textColor=INK,
                               spaceAfter=6, alignment=TA_LEFT)
    s["bullet"] = ParagraphStyle("bullet", parent=s["body"], leftIndent=13, bulletIndent=2,
                                 spaceAfter=3)
    s["missing"] = ParagraphStyle("missing", parent=s["body"], fontName=SERIF_ITALIC,
                                  textColor=WARN)
    s["small"] = ParagraphStyle("small", fontName=SANS, fontSize=8.2, leading=10.5, textColor=MUTED)
    s["caption"] = ParagraphStyle("caption", fontName=SANS, fontSize=8.2, leading=10.5,
                                  textColor=MUTED, spaceBefore=2, spaceAfter=10)
    s["part"] = ParagraphStyle("part", fontName=SANS_BOLD, fontSize=19, leading=24, textColor=ACCENT,
                               spaceBefore=0, spaceAfter=14)
    s["h2"] = ParagraphStyle("h2", fontName=SANS_BOLD, fontSize=12, leading=15.5, textColor=ACCENT,
                             spaceBefore=14, spaceAfter=5, keepWithNext=1)  # never last on a page
    s["h3"] = ParagraphStyle("h3", fontName=SANS_BOLD, fontSize=10, leading=13, textColor=INK,
                             spaceBefore=10, spaceAfter=3, keepWithNext=1)
    s["lead"] = ParagraphStyle("lead", fontName=SANS, fontSize=9, leading=12, textColor=MUTED,
                               spaceAfter=10)
    s["cell"] = ParagraphStyle("cell", fontName=SANS, fontSize=TABLE_SIZE, leading=TABLE_LEADING,
                               textColor=INK)
    s["cell_bold"] = ParagraphStyle("cell_bold", parent=s["cell"], fontName=SANS_BOLD)
    s["cell_head"] = ParagraphStyle("cell_head", parent=s["cell"], fontSize=7.8, leading=9.6,
                                    textColor=MUTED, alignment=TA_RIGHT)
    s["cell_head_left"] = ParagraphStyle("cell_head_left", parent=s["cell_head"], alignment=TA_LEFT)
    s["cell_section"] = ParagraphStyle("cell_section", parent=s["cell"], fontName=SANS_BOLD,
                                       textColor=ACCENT)
    s["cell_indent"] = ParagraphStyle("cell_indent", parent=s["cell"], leftIndent=10)
    s["warning"] = ParagraphStyle("warning", fontName=SANS, fontSize=9, leading=12.5, textColor=INK,
                                  leftIndent=12, bulletIndent=0, spaceAfter=3)
    s["warning_lead"] = ParagraphStyle("warning_lead", fontName=SANS, fontSize=9, leading=12.5,
                                       textColor=INK, spaceBefore=3, spaceAfter=3)
    s["toc_title"] = ParagraphStyle("toc_title", parent=s["part"])
    s["toc1"] = ParagraphStyle("toc1", fontName=SANS_BOLD, fontSize=10.5, leading=14, textColor=INK,
                               spaceBefore=5, leftIndent=0, firstLineIndent=0)
    s["toc2"] = ParagraphStyle("toc2", fontName=SANS, fontSize=9.5, leading=13, textColor=INK,
                               leftIndent=16, firstLineIndent=0)
    s["cover_org"] = ParagraphStyle("cover_org", fontName=SANS, fontSize=15, leading=19,
                                    textColor=INK)
    s["cover_title"] = ParagraphStyle("cover_title", fontName=SANS_BOLD, fontSize=32, leading=38,
                                      textColor=ACCENT, spaceBefore=6, spaceAfter=10)
    s["cover_sub"] = ParagraphStyle("cover_sub", fontName=SANS, fontSize=11.5, leading=16,
                                    textColor=MUTED)
    s["cover_draft"] = ParagraphStyle("cover_draft", fontName=SANS_BOLD, fontSize=11, leading=15,
                                      textColor=WATERMARK, spaceBefore=14)
    s["sign_name"] = ParagraphStyle("sign_name", fontName=SANS, fontSize=9.5, leading=12, textColor=INK)
    s["sign_role"] = ParagraphStyle("sign_role", fontName=SANS, fontSize=8.2, leading=10.5,
                                    textColor=MUTED)
    s["center_small"] = ParagraphStyle("center_small", parent=s["small"], alignment=TA_CENTER)
    for style in s.values():
        style.bulletFontName = SANS  # reportlab's default would be Helvetica, not embedded
    return s
