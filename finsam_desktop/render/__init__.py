"""Report data -> documents. `render_pdf` writes the årsredovisning (or a delårsrapport)
as the PDF the board signs; every figure in it is the report engine's figure.

    from finsam_desktop.render import render_pdf
    render_pdf(book, year.id, "arsredovisning.pdf", tkr=True)

reportlab is imported on first use, so other renderers in this package do not pay for it.
"""

from __future__ import annotations

__all__ = ["render_pdf", "render_pdf_bytes"]


def __getattr__(name: str):
    if name in __all__:
        from . import pdf

        return getattr(pdf, name)
    raise AttributeError(name)
