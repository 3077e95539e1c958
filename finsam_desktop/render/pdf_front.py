"""The cover, the innehållsförteckning and, in a draft, the list of what to fix before
the board decides."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer

from .pdf_context import FB_SECTIONS, Context
from .pdf_doc import make_toc, new_body_page
from .pdf_projects import project_warnings as follow_up_warnings
from .pdf_styles import ACCENT, MARGIN_BOTTOM, MARGIN_TOP, PAGE_HEIGHT, styles
from .pdf_tables import _escape
from .pdf_text import rule


def cover(ctx: Context) -> list:
    """The first page: förbund, title, period and (when known) the board's decision."""
    st = styles()
    f = ctx.report.forbund
    p = ctx.report.period
    parts: list = [Spacer(1, 62 * mm)]
    parts.append(Paragraph(_escape(f.namn), st["cover_org"]))
    if f.orgnr:
        parts.append(Paragraph(f"Organisationsnummer {_escape(f.orgnr)}", st["cover_sub"]))
    parts.append(Spacer(1, 8 * mm))
    parts.append(rule(width=28 * mm, thickness=2.2, color=ACCENT))
    parts.append(Spacer(1, 5 * mm))
    title_style = st["cover_title"]
    if len(ctx.title) > 22:  # "Delårsrapport per 2025-06-30" must stay on one line
        title_style = ParagraphStyle("cover_title_long", parent=title_style, fontSize=25, leading=31)
    parts.append(Paragraph(_escape(ctx.title), title_style))
    kind = "Räkenskapsår" if ctx.full_year else "Period"
    parts.append(Paragraph(f"{kind} {p.fran} – {p.till}", st["cover_sub"]))
    decided = ctx.text("beslutsdatum") if ctx.full_year else ""
    if decided:
        # A draft has not been decided yet: the date is the meeting that is to decide it.
        verb = "Att beslutas av styrelsen" if ctx.draft else "Beslutad av styrelsen"
        parts.append(Paragraph(f"{verb} {_escape(decided)}", st["cover_sub"]))
    if ctx.draft:
        parts.append(Paragraph("Utkast – räkenskapsåret är inte stängt och siffrorna kan ändras.",
                               st["cover_draft"]))
    address = [x for x in (f.adress, " ".join(y for y in (f.postnummer, f.ort) if y), f.epost, f.telefon) if x]
    if address:
        used = 62 * mm + 150 + 13 * mm
        room = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM - used - 14 * len(address)
        parts.append(Spacer(1, max(room, 10 * mm)))
        for line in address:
            parts.append(Paragraph(_escape(line), st["small"]))
    return parts


def contents(ctx: Context) -> list:
    """The innehållsförteckning (page numbers filled in by multiBuild) and, in a draft,
    the checks that failed."""
    st = styles()
    parts: list = new_body_page()
    parts.append(Paragraph("Innehållsförteckning", st["toc_title"]))
    parts.append(make_toc())
    if ctx.draft:
        parts += draft_warnings(ctx)
    return parts


# Checks whose id starts so are the bokslut's kontroller (closing.checks) that an older
# caller added to the report's own; they are no invariant of the report.
BOKSLUT_PREFIX = "bokslut_"


def split_checks(ctx: Context) -> tuple[list, list[str]]:
    """(the report engine's own checks, the bokslut's warnings to act on)."""
    invariants = [c for c in ctx.report.kontroller if not c.check.startswith(BOKSLUT_PREFIX)]
    extra = [c.message for c in ctx.report.kontroller if c.check.startswith(BOKSLUT_PREFIX) and not c.ok]
    return invariants, list(ctx.warnings) + [m for m in extra if m not in ctx.warnings]


def draft_warnings(ctx: Context) -> list:
    """What the bokslut's kontroller, the engine's checks, the projektuppföljning and the
    missing texts say must be looked at before the board decides. The bokslut's warnings
    (bank, momsfordran, utkast …) come first under a heading of their own: they are things
    to do, not sums of the report that fail."""
    st = styles()
    invariants, todo = split_checks(ctx)
    # An insats over its grant is a warning of the kontroller too; it is printed once,
    # below, in the document's unit.
    own = {l.warning for l in getattr(ctx.follow_up, "lines", ()) if getattr(l, "warning", None)}
    todo = [w for w in todo if w not in own]
    failed = [c for c in invariants if not c.ok]
    n = len(invariants)
    parts: list = [Spacer(1, 6 * mm)]
    if todo:
        lead = Paragraph(f"Bokslutets kontroller har gett {len(todo)} "
                         f"{'varning' if len(todo) == 1 else 'varningar'} som ska åtgärdas eller "
                         "bedömas innan styrelsen beslutar:", st["warning_lead"])
        parts.append(KeepTogether([Paragraph("Att åtgärda före beslut", st["h2"]), lead]))
        parts += [Paragraph(_escape(w), st["warning"], bulletText="\u2013") for w in todo]
        parts.append(Spacer(1, 4 * mm))
    if failed:
        first = Paragraph(f"{len(failed)} av {n} kontroller av rapportens summor och samband "
                          "är inte uppfyllda:", st["warning_lead"])
    else:
        first = Paragraph(f"Alla {n} kontroller av rapportens summor och samband är uppfyllda.",
                          st["warning_lead"])
    parts.append(KeepTogether([Paragraph("Kontroller inför beslut", st["h2"]), first]))
    parts += [Paragraph(_escape(c.message), st["warning"], bulletText="\u2013") for c in failed]
    project_warnings = follow_up_warnings(ctx)
    if project_warnings:
        parts.append(Paragraph("Projektuppföljningen:", st["warning_lead"]))
        parts += [Paragraph(_escape(w), st["warning"], bulletText="\u2013") for w in project_warnings]
    missing = [title for key, title, _table in _text_sections(ctx) if not ctx.text(key)]
    if missing:
        parts.append(Paragraph("Förvaltningsberättelsen saknar text i avsnitten "
                               + _escape(", ".join(missing[:-1]))
                               + (" och " if len(missing) > 1 else "") + _escape(missing[-1]) + ".",
                               st["warning_lead"]))
    return parts


def _text_sections(ctx: Context):
    for key, title, table in FB_SECTIONS:
        if key == "balanskrav":
            continue
        if key == "disposition" and not ctx.full_year:
            continue
        yield key, title, table
