"""The printed books as PDF: one verifikation, the verifikationslista (grundbok) and the
huvudbok of a period (data from reports/printouts.py).

    render_voucher_pdf(voucher_printout(book, vid), "A12.pdf")
    render_journal_pdf(journal_printout(book, year_id, fran, till), "grundbok.pdf")
    render_ledger_pdf(ledger_printout(book, year_id, fran, till), "huvudbok.pdf")

The two lists stream: the story is fed to reportlab's platypus a chunk at a time while
the book is read (`_Stream`), and the lines are drawn by one light flowable per chunk
(`_Lines`: fixed line height, one drawString per cell) rather than a Table per row, so a
year of a million rows costs time in proportion and little memory. Every page has a
header (förbund, organisationsnummer, what and which period, the column captions) and a
footer with the page number; an account or verifikation that goes on over a page break
is named again at the top of the next page.

The lists add up what they print and compare with the sums the book gives for the
period; a difference stops the printout with a Swedish message rather than print a
list that does not add up.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterable, Iterator
from xml.sax.saxutils import escape

import zlib

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfdoc import PDFStream
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph, SimpleDocTemplate,
                                Spacer, Table, TableStyle)

from ..errors import BookFileError, FinsamError, os_reason
from ..money import format_ore
from ..reports.printouts import JournalPrintout, LedgerPrintout, VoucherPrintout
from .pdf_fonts import SANS, SANS_BOLD, register_fonts
from .pdf_styles import styles

PAGE_W, PAGE_H = A4
LEFT = RIGHT = 14 * mm
TOP = 30 * mm        # the header with the column captions
BOTTOM = 16 * mm
WIDTH = PAGE_W - LEFT - RIGHT
SIZE = 7.6
LEADING = 10.2
INK = colors.HexColor("#1e2933")
MUTED = colors.HexColor("#5f6b76")
RULE = colors.HexColor("#8c99a5")
KEEP_TOGETHER = 24   # a verifikation of at most this many lines is not split over a page


def kr(ore: int | None) -> str:
    return "" if ore is None else format_ore(ore, minus="\u2212")


def _kr_blank(ore: int) -> str:
    return kr(ore) if ore else ""


# ---------------------------------------------------------------------- streaming platypus
class _Stream(list):
    """A story that fills itself from an iterator as platypus consumes it: `build` asks
    len() before each flowable, so the list is topped up there and never holds more than
    a few dozen flowables."""

    AHEAD = 48

    def __init__(self, flowables: Iterator[Flowable]):
        super().__init__()
        self._source: Iterator[Flowable] | None = flowables
        self._fill()

    def _fill(self) -> None:
        while self._source is not None and list.__len__(self) < self.AHEAD:
            try:
                self.append(next(self._source))
            except StopIteration:
                self._source = None

    def __len__(self) -> int:
        self._fill()
        return list.__len__(self)


class _State:
    """What the page header needs to know: the account or verifikation that is open when
    a page begins (named again as 'forts.')."""

    def __init__(self) -> None:
        self.open_label = ""


class _Col:
    __slots__ = ("x", "width", "right")

    def __init__(self, x: float, width: float, right: bool = False):
        self.x, self.width, self.right = x, width, right


def _columns(spec: Iterable[tuple[float, bool]]) -> list[_Col]:
    """Columns from (width in mm, right-aligned); x from the left edge of the frame."""
    out, x = [], 0.0
    for w, right in spec:
        out.append(_Col(x, w * mm, right))
        x += w * mm
    return out


def _fit(text: str, font: str, width: float) -> str:
    """The text cut with '…' to fit the width (3 pt of padding)."""
    avail = width - 3
    if len(text) * SIZE < avail or stringWidth(text, font, SIZE) <= avail:   # no glyph is wider than SIZE
        return text
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if stringWidth(text[:mid] + "…", font, SIZE) <= avail:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + "…"


# A line: (kind, cells, mark). kind: "" plain, "b" bold, "sum" bold with a rule above,
# "head" bold with a tinted band; mark: None, "open:<label>" or "close".
Line = tuple


class _Lines(Flowable):
    """A block of text lines of one height, drawn cell by cell; splits between lines."""

    def __init__(self, lines: list[Line], cols: list[_Col], state: _State, *, keep: bool = False,
                 gap_after: float = 0.0):
        super().__init__()
        self.lines, self.cols, self.state, self.keep, self.gap_after = lines, cols, state, keep, gap_after

    def wrap(self, availWidth, availHeight):
        self.width = WIDTH
        self.height = len(self.lines) * LEADING + self.gap_after
        return self.width, self.height

    def split(self, availWidth, availHeight):
        n = int((availHeight - 0.01) // LEADING)
        if n <= 0 or (self.keep and len(self.lines) <= KEEP_TOGETHER) or n >= len(self.lines):
            return []
        if len(self.lines) - n == 0:
            return []
        return [_Lines(self.lines[:n], self.cols, self.state),
                _Lines(self.lines[n:], self.cols, self.state, gap_after=self.gap_after)]

    def draw(self):
        c = self.canv
        cols = self.cols
        y = self.height - LEADING + 2.6
        font = None
        for kind, cells, mark in self.lines:
            want = SANS if kind == "" else SANS_BOLD
            if kind == "head":
                c.setFillColor(colors.HexColor("#eef2f5"))
                c.rect(0, y - 2.6, WIDTH, LEADING, stroke=0, fill=1)
                c.setFillColor(INK)
            elif kind == "sum":
                c.setStrokeColor(RULE)
                c.setLineWidth(0.4)
                c.line(cols[0].x, y + LEADING - 2.8, WIDTH, y + LEADING - 2.8)
            if want != font:
                font = want
                c.setFont(font, SIZE)
            for col, text in zip(cols, cells):
                if not text:
                    continue
                if col.right:
                    c.drawRightString(col.x + col.width, y, text)
                else:
                    c.drawString(col.x, y, _fit(text, font, col.width))
            if mark:
                self.state.open_label = "" if mark == "close" else mark[5:]
            y -= LEADING


class _Deflated:
    """A stream filter for content compressed already: names FlateDecode, changes nothing."""
    pdfname = "FlateDecode"

    def encode(self, data):
        return data


class _CompactCanvas(Canvas):
    """A canvas that compresses each page's content when the page is done. reportlab keeps
    every page of a document until it is saved and compresses them only then: a list of
    thousands of pages would otherwise hold all their text uncompressed (about 20 kB a
    page) in memory."""

    def showPage(self):
        super().showPage()
        pages = self._doc.Pages.pages
        if pages:
            page = pages[-1]
            stream = page.stream
            if stream and not page.Contents:
                data = stream.encode("utf-8") if isinstance(stream, str) else stream
                page.Contents = PDFStream(content=zlib.compress(data), filters=[_Deflated()])
                page.stream = None


class _ListDoc(BaseDocTemplate):
    """A4 pages with the list's header and footer."""

    def __init__(self, filename: str, *, title: str, forbund: str, orgnr: str, period: str,
                 captions: list[tuple[_Col, str]], state: _State, printed: str,
                 progress: Callable[[int], None] | None = None):
        super().__init__(filename, pagesize=A4, leftMargin=LEFT, rightMargin=RIGHT, topMargin=TOP,
                         bottomMargin=BOTTOM, title=f"{title} {period}", author=forbund,
                         creator="Finsam Bokföring")
        self.list_title, self.forbund, self.orgnr, self.period = title, forbund, orgnr, period
        self.captions, self.state, self.printed = captions, state, printed
        frame = Frame(LEFT, BOTTOM, WIDTH, PAGE_H - TOP - BOTTOM, id="lines", leftPadding=0, rightPadding=0,
                      topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate("list", [frame], onPage=self._decorate)])

    def _decorate(self, c, doc) -> None:
        c.saveState()
        top = PAGE_H - 12 * mm
        c.setFillColor(INK)
        c.setFont(SANS_BOLD, 12)
        c.drawString(LEFT, top, self.list_title)
        c.setFont(SANS, 8.5)
        c.drawRightString(PAGE_W - RIGHT, top, f"Sida {doc.page}")
        c.drawString(LEFT, top - 12, f"{self.forbund}, organisationsnummer {self.orgnr}")
        c.drawRightString(PAGE_W - RIGHT, top - 12, f"Period {self.period}")
        y = PAGE_H - TOP + 4
        c.setFont(SANS_BOLD, SIZE)
        c.setFillColor(MUTED)
        for col, text in self.captions:
            if col.right:
                c.drawRightString(LEFT + col.x + col.width, y, text)
            else:
                c.drawString(LEFT + col.x, y, text)
        c.setStrokeColor(RULE)
        c.setLineWidth(0.6)
        c.line(LEFT, y - 3, PAGE_W - RIGHT, y - 3)
        if self.state.open_label:
            c.setFont(SANS, SIZE)
            c.setFillColor(MUTED)
            c.drawRightString(PAGE_W - RIGHT, y + 11, f"{self.state.open_label} (forts.)")
        c.setFont(SANS, 7)
        c.setFillColor(MUTED)
        c.drawString(LEFT, 9 * mm, f"Utskriven {self.printed} ur Finsam Bokföring")
        c.drawRightString(PAGE_W - RIGHT, 9 * mm, f"{self.list_title} {self.period} · sida {doc.page}")
        c.restoreState()


def _written(path: str | Path, build: Callable[[str], None]) -> Path:
    """Build the PDF at a temporary name beside `path`, then move it in place: a failure
    or a cancel leaves no file, never half of one."""
    target = Path(path)
    if not target.parent.exists():
        raise FinsamError(f"Mappen {target.parent} finns inte; PDF-filen kan inte sparas där.", path=str(target))
    tmp = target.with_name(f".{target.name}.tmp")
    try:
        build(str(tmp))
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise BookFileError(f"PDF-filen {target} kunde inte sparas: {os_reason(exc)}.", path=str(target)) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def _now() -> str:
    return datetime.now().strftime("%Y-%m-%d %H:%M")


def _booked(at: str) -> str:
    """When a verifikation was booked, stored in UTC ('2025-03-02T10:22:31Z'), as the
    computer's local time ('2025-03-02 11:22')."""
    if not at:
        return ""
    try:
        when = datetime.fromisoformat(at.replace("Z", "+00:00"))
    except ValueError:
        return at[:16].replace("T", " ")
    if when.tzinfo is not None:
        when = when.astimezone()
    return when.strftime("%Y-%m-%d %H:%M")


# ---------------------------------------------------------------------- verifikationslista
JOURNAL_COLS = _columns([(14, False), (50, False), (16, False), (60, False), (21, True), (21, True)])
JOURNAL_TOTAL_COLS = _columns([(140, False), (21, True), (21, True)])
JOURNAL_CAPTIONS = ["Konto", "Kontonamn", "Insats", "Radtext / motpart", "Debet", "Kredit"]
# the verifikation's own line: ver.nr, date, text, who and when
JOURNAL_HEAD_COLS = _columns([(14, False), (20, False), (92, False), (56, True)])


def _journal_flowables(j: JournalPrintout, state: _State, progress) -> Iterator[Flowable]:
    cols, head_cols = JOURNAL_COLS, JOURNAL_HEAD_COLS
    n = debit = credit = rows = 0
    for v in j.entries():
        who = f"Bokförd {_booked(v.booked_at)}" + (f" av {v.registrar}" if v.registrar else "")
        label = f"{v.ref} {v.date}"
        heads: list[Line] = [("head", (v.ref, v.date, v.text, who), f"open:{label}")]
        if v.corrects:
            heads.append(("", ("", "", f"{'Återföring' if v.reversal else 'Rättelse'} av {v.corrects}", ""), None))
        lines: list[Line] = []
        d = c = 0
        for r in v.rows:
            d += r.debit
            c += r.credit
            lines.append(("", (str(r.account), r.account_name, r.project,
                               " · ".join(x for x in (r.text, r.counterpart) if x),
                               _kr_blank(r.debit), _kr_blank(r.credit)), None))
        lines.append(("sum", ("", "", "", "Summa", kr(d), kr(c)), "close"))
        if d != c:
            raise FinsamError(f"Verifikation {v.ref} balanserar inte (debet {kr(d)}, kredit {kr(c)}); "
                              "verifikationslistan skrivs inte.")
        n += 1
        debit += d
        credit += c
        rows += len(v.rows)
        yield _Heads(heads, head_cols, state, _Lines(lines, cols, state, keep=True, gap_after=4))
        if progress is not None and n % 500 == 0:
            progress(rows)
    if (n, rows, debit, credit) != (j.count, j.row_count, j.debit, j.credit):
        raise FinsamError(f"Verifikationslistan går inte ihop med boken: {n} verifikationer och {rows} rader med "
                          f"debet {kr(debit)} och kredit {kr(credit)} skrevs, boken har {j.count} och "
                          f"{j.row_count} med debet {kr(j.debit)} och kredit {kr(j.credit)}.")
    total: list[Line] = [("sum", (f"Summa {n} verifikationer, {rows} rader", kr(debit), kr(credit)), None)]
    yield _Lines(total, JOURNAL_TOTAL_COLS, state)
    if progress is not None:
        progress(rows)


class _Heads(_Lines):
    """A verifikation: its head line (own columns) and its rows, kept together when short."""

    def __init__(self, lines, cols, state, body: _Lines):
        super().__init__(lines, cols, state)
        self.body = body

    def wrap(self, availWidth, availHeight):
        self.body.wrap(availWidth, availHeight)
        self.width = WIDTH
        self.height = len(self.lines) * LEADING + self.body.height
        return self.width, self.height

    def split(self, availWidth, availHeight):
        if len(self.body.lines) <= KEEP_TOGETHER or availHeight < 4 * LEADING:
            return []
        rest = self.body.split(availWidth, availHeight - len(self.lines) * LEADING)
        if not rest:
            return []
        return [_Heads(self.lines, self.cols, self.state, rest[0]), rest[1]]

    def draw(self):
        head = _Lines(self.lines, self.cols, self.state)
        head.wrap(WIDTH, len(self.lines) * LEADING)
        head.drawOn(self.canv, 0, self.body.height)
        self.body.drawOn(self.canv, 0, 0)


def render_journal_pdf(j: JournalPrintout, path: str | Path, *, printed: str | None = None,
                       progress: Callable[[int], None] | None = None) -> Path:
    """The verifikationslista: every verifikation of the period in number order with its
    rows and sums, and the period's totals. `progress(rows printed)` is called now and
    then (it may raise to stop)."""
    return _render_list(path, f"Verifikationslista {j.year_label}", j, JOURNAL_COLS, JOURNAL_CAPTIONS,
                        lambda state: _journal_flowables(j, state, progress), printed)


def _render_list(path: str | Path, title: str, listing, cols, captions, flowables, printed: str | None) -> Path:
    """A long list (verifikationslista, huvudbok) streamed page by page into `path`:
    `flowables(state)` yields its parts; every page carries the förbund, the period and
    the column captions."""
    register_fonts()
    state = _State()

    def build(tmp: str) -> None:
        doc = _ListDoc(tmp, title=title, forbund=listing.forbund, orgnr=listing.orgnr,
                       period=f"{listing.date_from} – {listing.date_to}", captions=list(zip(cols, captions)),
                       state=state, printed=printed or _now())
        doc.build(_Stream(flowables(state)), canvasmaker=_CompactCanvas)
    return _written(path, build)


# ---------------------------------------------------------------------- huvudbok
LEDGER_COLS = _columns([(17, False), (15, False), (70, False), (14, False), (22, True), (22, True), (22, True)])
LEDGER_TOTAL_COLS = _columns([(116, False), (22, True), (22, True), (22, True)])
LEDGER_CAPTIONS = ["Datum", "Ver.nr", "Text", "Insats", "Debet", "Kredit", "Saldo"]
LEDGER_BLOCK = 120   # lines per flowable


def _ledger_flowables(h: LedgerPrintout, state: _State, progress) -> Iterator[Flowable]:
    cols = LEDGER_COLS
    rows = debit = credit = 0
    for acc in h.accounts():
        label = f"{acc.number} {acc.name}"
        block: list[Line] = [("head", ("", str(acc.number), acc.name, "", "", "", ""), f"open:{label}"),
                             ("", (h.date_from, "", "Ingående saldo", "", "", "", kr(acc.opening)), None)]
        d = c = count = 0
        balance = acc.opening
        for chunk in acc.chunks():
            for ln in chunk:
                a = ln.amount
                if a > 0:
                    d += a
                    deb, kred = kr(a), ""
                else:
                    c -= a
                    deb, kred = "", kr(-a) if a else ""
                balance = ln.balance
                block.append(("", (ln.date, ln.ref, ln.text, ln.project, deb, kred, kr(balance)), None))
                if len(block) >= LEDGER_BLOCK:
                    yield _Lines(block, cols, state)
                    block = []
            count += len(chunk)
            rows += len(chunk)
            if progress is not None:
                progress(rows)
        if (count, d, c) != (acc.count, acc.debit, acc.credit) or balance != acc.opening + d - c \
                or (count and balance != acc.closing):
            raise FinsamError(f"Huvudboken för konto {acc.number} går inte ihop med boken; den skrivs inte.")
        block.append(("sum", (h.date_to, "", "Utgående saldo", "", kr(d), kr(c), kr(acc.closing)), "close"))
        debit += d
        credit += c
        yield _Lines(block, cols, state, gap_after=5)
    if (rows, debit, credit) != (h.row_count, h.debit, h.credit):
        raise FinsamError(f"Huvudboken går inte ihop med boken: {rows} rader med debet {kr(debit)} och kredit "
                          f"{kr(credit)} skrevs, boken har {h.row_count} med debet {kr(h.debit)} och kredit "
                          f"{kr(h.credit)}.")
    yield _Lines([("sum", (f"Summa perioden, {rows} rader", kr(debit), kr(credit), ""), None)],
                 LEDGER_TOTAL_COLS, state)


def render_ledger_pdf(h: LedgerPrintout, path: str | Path, *, printed: str | None = None,
                      progress: Callable[[int], None] | None = None) -> Path:
    """The huvudbok: per account its ingående saldo at the period's start, its lines with
    the running saldo, the period's debet and kredit and its utgående saldo; the
    period's totals last."""
    return _render_list(path, f"Huvudbok {h.year_label}", h, LEDGER_COLS, LEDGER_CAPTIONS,
                        lambda state: _ledger_flowables(h, state, progress), printed)


# ---------------------------------------------------------------------- one verifikation
def _table(title: str, rows: list[list], widths: list[float], *, right_from: int, sum_row: bool) -> Table:
    """A table under its title; the title and the captions repeat on the next page when
    the table goes on over a page break."""
    t = Table([[title] + [""] * (len(widths) - 1)] + rows, colWidths=widths, repeatRows=2)
    style = [("FONT", (0, 0), (-1, -1), SANS, 8.6), ("ALIGN", (right_from, 1), (-1, -1), "RIGHT"),
             ("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
             ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("LEFTPADDING", (0, 0), (0, -1), 0),
             ("SPAN", (0, 0), (-1, 0)), ("FONT", (0, 0), (-1, 0), SANS_BOLD, 10.5),
             ("TEXTCOLOR", (0, 0), (-1, 0), INK), ("BOTTOMPADDING", (0, 0), (-1, 0), 5),
             ("FONT", (0, 1), (-1, 1), SANS_BOLD, 8), ("TEXTCOLOR", (0, 1), (-1, 1), MUTED),
             ("LINEBELOW", (0, 1), (-1, 1), 0.6, RULE)]
    if sum_row:
        style += [("FONT", (0, -1), (-1, -1), SANS_BOLD, 8.6), ("LINEABOVE", (0, -1), (-1, -1), 0.6, RULE)]
    t.setStyle(TableStyle(style))
    return t


def render_voucher_bytes_story(v: VoucherPrintout, printed: str) -> list:
    s = styles()
    cell = s["cell"]
    story = [Paragraph(escape(f"Verifikation {v.ref}"), s["part"]),
             Paragraph(escape(f"{v.forbund}, organisationsnummer {v.orgnr}"), s["lead"])]
    facts = [["Verifikationsnummer", v.ref], ["Datum", v.date], ["Räkenskapsår", v.year_label],
             ["Text", Paragraph(escape(v.text), cell)],
             ["Bokförd", _booked(v.booked_at)],
             ["Registrerad av", v.registrar or "uppgift saknas i boken"]]
    if v.attest:
        facts.append(["Attesterad av", v.attest])
    if v.source:
        facts.append(["Källa", v.source])
    if v.corrects is not None:
        facts.append(["Återför periodiseringen" if v.corrects.reversal else "Rättar",
                      f"verifikation {v.corrects.ref} ({v.corrects.date})"])
    for link in v.corrected_by:
        facts.append(["Återförd av" if link.reversal else "Rättad av", f"verifikation {link.ref} ({link.date})"])
    ft = Table(facts, colWidths=[42 * mm, 120 * mm])
    ft.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), SANS, 9), ("FONT", (0, 0), (0, -1), SANS_BOLD, 8.6),
                            ("TEXTCOLOR", (0, 0), (0, -1), MUTED), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                            ("LEFTPADDING", (0, 0), (0, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                            ("TOPPADDING", (0, 0), (-1, -1), 2)]))
    story += [ft, Spacer(1, 6 * mm)]
    rows = [["Konto", "Kontonamn", "Insats", "Motpart / radtext", "Debet", "Kredit"]]
    insatser: dict[str, str] = {}
    for r in v.rows:
        code, _sp, name = r.project.partition(" ")
        if code:
            insatser[code] = name
        rows.append([str(r.account), Paragraph(escape(r.account_name), cell), code,
                     Paragraph(escape(" · ".join(x for x in (r.counterpart, r.text) if x)), cell),
                     _kr_blank(r.debit), _kr_blank(r.credit)])
    rows.append(["", "Summa", "", "", kr(v.debit), kr(v.credit)])
    story.append(_table("Konteringar", rows, [12 * mm, 50 * mm, 14 * mm, 48 * mm, 21 * mm, 21 * mm], right_from=4, sum_row=True))
    if insatser:
        story.append(Paragraph(escape("Insatser: " + "; ".join(f"{c} {n}" for c, n in insatser.items())),
                               s["small"]))
    story += [Spacer(1, 5 * mm), Paragraph("Underlag", s["h3"])]
    if v.underlag:
        story += [Paragraph(escape(f"{i}. {name}"), s["body"]) for i, name in enumerate(v.underlag, 1)]
    else:
        story.append(Paragraph("Inget underlag är kopplat till verifikationen i boken.", s["body"]))
    if v.debit != v.credit:
        raise FinsamError(f"Verifikation {v.ref} balanserar inte (debet {kr(v.debit)}, kredit {kr(v.credit)}).")
    return story


def render_voucher_pdf(v: VoucherPrintout, path: str | Path, *, printed: str | None = None) -> Path:
    """One verifikation: who, when, the rows with their sums, the rättelser and the underlag."""
    register_fonts()
    story = render_voucher_bytes_story(v, printed or _now())
    footer = f"Verifikation {v.ref}, {v.forbund} · utskriven {printed or _now()} ur Finsam Bokföring"

    def decorate(c, doc) -> None:
        c.saveState()
        c.setFont(SANS, 7)
        c.setFillColor(MUTED)
        c.drawString(22 * mm, 10 * mm, footer)
        c.drawRightString(PAGE_W - 22 * mm, 10 * mm, f"Sida {doc.page}")
        c.restoreState()

    def build(tmp: str) -> None:
        doc = SimpleDocTemplate(tmp, pagesize=A4, leftMargin=22 * mm, rightMargin=22 * mm, topMargin=20 * mm,
                                bottomMargin=20 * mm, title=f"Verifikation {v.ref} {v.date}", author=v.forbund,
                                creator="Finsam Bokföring")
        doc.build(story, onFirstPage=decorate, onLaterPages=decorate)
    return _written(path, build)
