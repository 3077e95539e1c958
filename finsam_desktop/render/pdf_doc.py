"""The document frame: page templates, headings that feed the innehållsförteckning and
the PDF outline, the footer with "Sida X av Y", the UTKAST watermark and the metadata.

The table of contents gets real page numbers because the document is built with
multiBuild (reportlab lays it out until the TOC stops changing). The total page count
is only known once the last page is laid out, so the footer is drawn when the canvas
is saved (NumberedCanvas), not while each page is made.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (BaseDocTemplate, Frame, NextPageTemplate, PageBreak, PageTemplate, Paragraph,
                                TableStyle)
from reportlab.platypus.tableofcontents import TableOfContents

from .pdf_fonts import SANS, SANS_BOLD
from .pdf_styles import (ACCENT, FRAME_WIDTH, HAIRLINE, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT,
                         MARGIN_TOP, MUTED, PAGE_HEIGHT, PAGE_WIDTH, WATERMARK, styles)


@dataclass(frozen=True)
class DocInfo:
    """What every page and the PDF's metadata say about the document."""
    forbund: str          # the förbund's name: footer and author
    title: str            # "Årsredovisning 2021"
    subject: str          # "Årsredovisning för räkenskapsåret 2021-01-01 – 2021-12-31"
    running_head: str     # printed top right on inner pages
    draft: bool           # UTKAST watermark
    keywords: str = ""


class Heading(Paragraph):
    """A heading that appears in the innehållsförteckning (level 0 or 1) and the outline."""

    def __init__(self, text: str, style, *, level: int, toc_text: str | None = None):
        super().__init__(text, style)
        self.toc_level = level
        self.toc_text = toc_text or text


def part_heading(text: str) -> Heading:
    return Heading(text, styles()["part"], level=0)


def section_heading(text: str) -> Heading:
    return Heading(text, styles()["h2"], level=1)


def make_toc() -> TableOfContents:
    """The innehållsförteckning flowable, with dotted leaders on every level."""
    st = styles()
    toc = TableOfContents(dotsMinLevel=0)
    toc.levelStyles = [st["toc1"], st["toc2"]]
    toc.rightColumnWidth = 36
    toc.tableStyle = TableStyle([("FONT", (0, 0), (-1, -1), SANS, 10), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                 ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                 ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)])
    return toc


class ReportDocTemplate(BaseDocTemplate):
    """A4 with a cover template (no footer) and a body template (running head, footer)."""

    def __init__(self, target, info: DocInfo):
        self.info = info
        super().__init__(
            target, pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
            leftMargin=MARGIN_LEFT, rightMargin=MARGIN_RIGHT,
            topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM,
            title=info.title + " – " + info.forbund, author=info.forbund, subject=info.subject,
            creator="Finsam Bokföring", producer="Finsam Bokföring (reportlab)",
            # CreationDate is the time the PDF is made (SOURCE_DATE_EPOCH fixes it for a
            # reproducible build).
            keywords=info.keywords, lang="sv-SE", invariant=0,
            # Every page starts in our font, so no unembedded base-14 font is referenced.
            initialFontName=SANS, initialFontSize=10,
        )
        frame = Frame(MARGIN_LEFT, MARGIN_BOTTOM, FRAME_WIDTH,
                      PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([
            PageTemplate(id="cover", frames=[frame], onPage=self._on_cover),
            PageTemplate(id="body", frames=[frame], onPage=self._on_body),
        ])
        self._heading_seq = 0

    # -- pages -------------------------------------------------------------
    def _watermark(self, canv: Canvas) -> None:
        if not self.info.draft:
            return
        canv.saveState()
        # A light fill and a darker outline: on a grey-scale printer the fill alone fades
        # to nothing, the outline stays readable without covering the text.
        canv.setFillColor(WATERMARK)
        canv.setFillAlpha(0.07)
        canv.setStrokeColor(WATERMARK)
        canv.setStrokeAlpha(0.4)
        canv.setLineWidth(0.9)
        canv.setFont(SANS_BOLD, 118)
        canv.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
        canv.rotate(52)
        text = canv.beginText(0, -40)
        text.setTextRenderMode(2)  # fill and stroke
        text.setFont(SANS_BOLD, 118)
        width = canv.stringWidth("UTKAST", SANS_BOLD, 118)
        text.setTextOrigin(-width / 2, -40)
        text.textOut("UTKAST")
        canv.drawText(text)
        canv.restoreState()

    def _on_cover(self, canv: Canvas, doc) -> None:
        canv.setAuthor(self.info.forbund)
        self._watermark(canv)
        # A band of colour at the top edge: the only ornament in the document.
        canv.saveState()
        canv.setFillColor(ACCENT)
        canv.rect(0, PAGE_HEIGHT - 14, PAGE_WIDTH, 14, stroke=0, fill=1)
        canv.restoreState()

    def _on_body(self, canv: Canvas, doc) -> None:
        self._watermark(canv)
        canv.saveState()
        canv.setFont(SANS, 7.8)
        canv.setFillColor(MUTED)
        top = PAGE_HEIGHT - MARGIN_TOP + 12 * 1.25
        canv.drawRightString(PAGE_WIDTH - MARGIN_RIGHT, top, self.info.running_head)
        canv.restoreState()

    # -- headings feed the TOC and the outline ------------------------------
    def afterFlowable(self, flowable) -> None:
        level = getattr(flowable, "toc_level", None)
        if level is None:
            return
        self._heading_seq += 1
        key = f"h{self._heading_seq}"
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(flowable.toc_text, key, level=level, closed=level > 0)
        self.notify("TOCEntry", (level, flowable.toc_text, self.page, key))

    def handle_documentBegin(self) -> None:
        self._heading_seq = 0
        super().handle_documentBegin()

    def build_story(self, story: list) -> None:
        """Lay the story out until the TOC's page numbers are stable, then write the PDF."""
        self.multiBuild(story, canvasmaker=numbered_canvas(self.info))


def numbered_canvas(info: DocInfo):
    """A Canvas class that holds its pages until save() and then draws each footer with
    the final page count: förbund name left, "Sida X av Y" right (not on the cover)."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                if self._pageNumber > 1:
                    self._footer(total)
                super().showPage()
            super().save()

        def _footer(self, total: int) -> None:
            y = MARGIN_BOTTOM - 14 * 1.25
            self.saveState()
            self.setStrokeColor(HAIRLINE)
            self.setLineWidth(0.5)
            self.line(MARGIN_LEFT, y + 11, PAGE_WIDTH - MARGIN_RIGHT, y + 11)
            self.setFont(SANS, 7.8)
            self.setFillColor(MUTED)
            self.drawString(MARGIN_LEFT, y, info.forbund)
            self.drawRightString(PAGE_WIDTH - MARGIN_RIGHT, y, f"Sida {self._pageNumber} av {total}")
            self.restoreState()

    return NumberedCanvas


def new_body_page() -> list:
    """Flowables that start a new inner page."""
    return [NextPageTemplate("body"), PageBreak()]
