"""The årsredovisning (or delårsrapport) as the PDF the board signs.

    from finsam_desktop.reports.document import build_document
    from finsam_desktop.render.pdf import render_pdf
    render_pdf(build_document(book, year_id, tkr=False), "arsredovisning-2021.pdf")

The report engine computes every figure and reports.document gathers what the PDF
prints; this module only lays it out: cover, innehållsförteckning,
förvaltningsberättelse, the statements, driftredovisning, projektuppföljning, noter and
underskrifter. A year that is not closed prints as a draft: UTKAST across every page,
"[Text saknas]" where the user has not written a section, and the failed checks listed
after the contents, with the bokslut's own warnings (the document's `warnings`, the
kontroller of closing.checks) under a heading of their own.

The file is written to a temporary name and renamed into place, so a failure never
leaves half a PDF behind.
"""

from __future__ import annotations

import io
from pathlib import Path

from ..errors import FinsamError
from ..files import write_atomically
from ..reports.document import AnnualDocument
from .pdf_context import Context
from .pdf_doc import DocInfo, ReportDocTemplate
from .pdf_forvaltning import forvaltningsberattelse
from .pdf_front import contents, cover
from .pdf_prognosis import helarsprognos
from .pdf_projects import projektuppfoljning
from .pdf_signatures import underskrifter
from .pdf_statements import driftredovisning, noter, statements
from .pdf_verksamhet import mellanhavanden_part, verksamhet_part


def build_context(doc: AnnualDocument) -> Context:
    return Context(report=doc.report, year=doc.year, texts=doc.texts, signatories=list(doc.signatories),
                   follow_up=doc.follow_up, exact=doc.exact, warnings=doc.warnings,
                   prognosis=doc.prognosis,
                   extras=doc.extras)


def story(ctx: Context) -> list:
    return (cover(ctx) + contents(ctx) + forvaltningsberattelse(ctx) + statements(ctx)
            + driftredovisning(ctx) + helarsprognos(ctx) + projektuppfoljning(ctx) + noter(ctx) + verksamhet_part(ctx)
            + mellanhavanden_part(ctx) + underskrifter(ctx))


def doc_info(ctx: Context) -> DocInfo:
    p = ctx.report.period
    kind = "räkenskapsåret" if ctx.full_year else "perioden"
    subject = f"{ctx.title.split(' ')[0]} för {kind} {p.fran} – {p.till}"
    head = f"{ctx.title}{' – UTKAST' if ctx.draft else ''}"
    return DocInfo(forbund=ctx.forbund_name, title=ctx.title, subject=subject, running_head=head,
                   draft=ctx.draft, keywords="samordningsförbund, Finsam, "
                   + ("årsredovisning" if ctx.full_year else "delårsrapport"))


def render_context(ctx: Context) -> bytes:
    buf = io.BytesIO()
    doc = ReportDocTemplate(buf, doc_info(ctx))
    doc.build_story(story(ctx))
    return buf.getvalue()


def render_pdf_bytes(doc: AnnualDocument) -> bytes:
    """The PDF as bytes (for previews and tests)."""
    return render_context(build_context(doc))


def render_pdf(doc: AnnualDocument, path) -> Path:
    """Write the årsredovisning (a delårsrapport when the document's period is part of
    the year) to `path` and return the path. A draft lists the document's `warnings`
    (the bokslut kontroller's messages) as what to fix before the decision."""
    path = Path(path)
    if not path.parent.exists():
        raise FinsamError(f"Mappen {path.parent} finns inte; PDF-filen kan inte sparas där.",
                          path=str(path))
    write_atomically(path, render_pdf_bytes(doc), f"PDF-filen {path} kunde inte sparas: {{reason}}.")
    return path
