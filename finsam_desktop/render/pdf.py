"""The årsredovisning (or delårsrapport) as the PDF the board signs.

    from finsam_desktop.render.pdf import render_pdf
    render_pdf(book, year_id, "arsredovisning-2021.pdf", tkr=False)

The report engine computes every figure (reports.build_report); this module only lays
the data out: cover, innehållsförteckning, förvaltningsberättelse, the statements,
driftredovisning, projektuppföljning, noter and underskrifter. A year that is not closed
prints as a draft: UTKAST across every page, "[Text saknas]" where the user has not
written a section, and the failed checks listed after the contents, with the bokslut's
own warnings (`warnings=`, the kontroller of closing.checks) under a heading of their own.

The file is written to a temporary name and renamed into place, so a failure never
leaves half a PDF behind.
"""

from __future__ import annotations

import io
from pathlib import Path

from ..errors import FinsamError, RuleError
from ..files import write_atomically
from ..reports.model import AnnualReport
from .pdf_context import Context
from .pdf_doc import DocInfo, ReportDocTemplate
from .pdf_forvaltning import forvaltningsberattelse
from .pdf_front import contents, cover
from .pdf_projects import projektuppfoljning
from .pdf_signatures import underskrifter
from .pdf_statements import driftredovisning, noter, statements


def _report(book, year_id: int, date_from, date_to, tkr: bool, report: AnnualReport | None) -> AnnualReport:
    from .. import reports

    if report is None:
        report = reports.build_report(book, year_id, date_from=date_from, date_to=date_to)
    if tkr and report.unit != "tkr":
        report = reports.in_tkr(report)
    return report


def _follow_up(book, year_id: int, report: AnnualReport):
    """The projektuppföljning up to the report's last day, or None when the book has no
    insatser (or the follow-up module is not part of this installation)."""
    try:
        from ..reports.projects import project_follow_up
    except ImportError:
        return None
    if not book.projects():
        return None
    return project_follow_up(book, year_id, date=report.period.till)


def build_context(book, year_id: int, *, date_from=None, date_to=None, tkr: bool = False,
                  report: AnnualReport | None = None, warnings=()) -> Context:
    year = book.year(year_id)
    if year is None:
        raise RuleError(f"Räkenskapsåret med id {year_id} finns inte i boken.")
    exact = _report(book, year_id, date_from, date_to, False, report if report is None or
                    report.unit != "tkr" else None)
    report = _report(book, year_id, date_from, date_to, tkr, exact)
    return Context(report=report, year=year, texts=book.year_texts(year_id),
                   signatories=book.signatories(year_id), follow_up=_follow_up(book, year_id, report),
                   exact=exact, warnings=tuple(warnings))


def story(ctx: Context) -> list:
    return (cover(ctx) + contents(ctx) + forvaltningsberattelse(ctx) + statements(ctx)
            + driftredovisning(ctx) + projektuppfoljning(ctx) + noter(ctx) + underskrifter(ctx))


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


def render_pdf_bytes(book, year_id: int, *, date_from: str | None = None, date_to: str | None = None,
                     tkr: bool = False, report: AnnualReport | None = None, warnings=()) -> bytes:
    """The PDF as bytes (for previews and tests)."""
    return render_context(build_context(book, year_id, date_from=date_from, date_to=date_to,
                                        tkr=tkr, report=report, warnings=warnings))


def render_pdf(book, year_id: int, path, *, date_from: str | None = None, date_to: str | None = None,
               tkr: bool = False, report: AnnualReport | None = None, warnings=()) -> Path:
    """Write the årsredovisning (a delårsrapport when the dates cover part of the year) to
    `path` and return the path. Amounts in kr, or in tkr with tkr=True. `warnings` (the
    bokslut kontroller's messages) are listed in a draft as what to fix before the decision."""
    path = Path(path)
    if not path.parent.exists():
        raise FinsamError(f"Mappen {path.parent} finns inte; PDF-filen kan inte sparas där.",
                          path=str(path))
    data = render_pdf_bytes(book, year_id, date_from=date_from, date_to=date_to, tkr=tkr, report=report,
                            warnings=warnings)
    write_atomically(path, data, f"PDF-filen {path} kunde inte sparas: {{reason}}.")
    return path
