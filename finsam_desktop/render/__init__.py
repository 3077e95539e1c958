"""Report data -> documents: the PDF (pdf.py), the Excel workbook (xlsx.py), the
terminal table (text.py) and the JSON contract (json_out.py). A renderer takes the
data of reports/ (an AnnualReport, or the AnnualDocument of reports.document) and never
the book; every figure it prints is the report engine's figure.

    from finsam_desktop.render import render_pdf
    render_pdf(build_document(book, year.id, tkr=True), "arsredovisning.pdf")

reportlab is imported on first use, so other renderers in this package do not pay for it.
"""

from __future__ import annotations

__all__ = ["render_pdf", "render_pdf_bytes"]


def __getattr__(name: str):
    if name in __all__:
        from . import pdf

        return getattr(pdf, name)
    raise AttributeError(name)
