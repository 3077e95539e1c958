"""Kontroller of what the document itself says, part of closing.checks.run_checks (the
one list of kontroller the reports page, the bokslut wizard and `finsam check` show):

- text_figures: every amount, percentage and year written by hand in a
  förvaltningsberättelse text that matches no figure of the current report, or matches
  last year's figure of the same kind (reports.textfields), and every unknown field;
- project_overruns: every insats over its grant, the warning the projektuppföljning prints;
- recurring_accruals: every recurring accrual of the last bokslut (semesterlöneskuld,
  upplupna löner, arvoden and their sociala avgifter) booked again at the period end or
  decided 0.
"""

from __future__ import annotations

from ..book import Book
from ..book.model import FiscalYear
from ..errors import RuleError
from ..findings import OK, WARNING, Finding
from ..money import format_kr
from ..reports.model import AnnualReport
from ..reports.projects import project_follow_up
from ..reports.textfields import SECTION_HEADINGS, stale_figures, unknown_fields
from .accruals import KINDS

# Accrual kinds that come back at every period end (an insats' interimsskuld has its own
# kontroll; a one-off cost such as the year's revision does not recur).
RECURRING = ("semesterloner", "loner", "styrelsearvoden", "sociala_avgifter")


class UnconfirmedFigures(RuleError):
    """A decided document would print figures written by hand that match nothing."""


def _finding(check: str, severity: str, message: str, fix: str, title: str) -> Finding:
    return Finding(severity, message, check=check, title=title, fix=fix)


def document_texts(book: Book, year: FiscalYear, date_to: str) -> dict[str, str]:
    """{section key: text} as the document of the period prints it: a delårsrapport's own
    texts when the book has any for its date, else the year's (as render.pdf_context)."""
    texts = book.year_texts(year.id)
    if date_to != year.end:
        own = {k.split("@")[0]: v for k, v in texts.items() if k.endswith("@" + date_to) and v.strip()}
        if own:
            return {k: own.get(k, "") for k in SECTION_HEADINGS}
    return {k: texts.get(k, "") for k in SECTION_HEADINGS if not (k == "disposition" and date_to != year.end)}


def text_figures(book: Book, year: FiscalYear, date_to: str, report: AnnualReport | None) -> list[Finding]:
    title = "Siffror i texterna"
    if report is None:
        return []
    texts = document_texts(book, year, date_to)
    out = []
    for s in stale_figures(texts, SECTION_HEADINGS, report):
        out.append(_finding("textsiffra", WARNING, f"{s.message} Skriv ett fält (t.ex. {{årets_resultat}}) "
                            "eller rätta siffran.", "texts", title))
    for key, text in texts.items():
        for name in unknown_fields(text):
            out.append(_finding("textfalt", WARNING, f"{SECTION_HEADINGS[key]}: fältet {{{name}}} finns inte.",
                                "texts", title))
    if not out:
        out.append(_finding("textsiffra", OK, "Varje belopp, procenttal och år som står skrivet i texterna "
                            "stämmer med rapporten.", "texts", title))
    return out


def project_overruns(book: Book, year: FiscalYear, date_to: str) -> list[Finding]:
    title = "Insatser över beviljade medel"
    if not book.projects():
        return []
    fu = project_follow_up(book, year.id, date=date_to)
    over = [l for l in fu.lines if l.over_grant]
    if not over:
        return [_finding("insats_over_beviljat", OK, "Ingen insats har ett utfall över beviljade medel.",
                         "projects", title)]
    return [_finding("insats_over_beviljat", WARNING, l.warning or f"Insats {l.code} {l.name} är över "
                     "beviljade medel.", "projects", title) for l in over]


def recurring_accruals(book: Book, year: FiscalYear, date_to: str) -> list[Finding]:
    title = "Återkommande periodiseringar"
    prev = book.previous_year(year)
    if prev is None:
        return []
    last = [a for a in book.accruals(prev.end) if a.kind in RECURRING and a.amount]
    if not last:
        return [_finding("periodisering_aterkommande", OK, f"Bokslutet {prev.end} har inga återkommande "
                         "periodiseringar (semesterlöneskuld, löner, arvoden).", "accruals", title)]
    decided = {a.kind for a in book.accruals(date_to)}
    missing = [a for a in last if a.kind not in decided]
    if not missing:
        return [_finding("periodisering_aterkommande", OK, f"Bokslutets återkommande periodiseringar är "
                         f"bokade igen eller beslutade per {date_to}.", "accruals", title)]
    return [_finding("periodisering_aterkommande", WARNING,
                     f"{a.label or KINDS[a.kind].label} bokades vid bokslutet {prev.end} "
                     f"({format_kr(a.amount)} kr) och återfördes; per {date_to} är den varken bokad igen "
                     "eller beslutad till 0 kr.", "accruals", title) for a in missing]


def require_confirmed_figures(book: Book, year: FiscalYear, date_to: str, confirmed: bool) -> None:
    """A decided (non-draft) document is not made while a text holds a figure that
    matches nothing in the report, unless the user confirmed that the figures are meant."""
    if confirmed or not year.is_closed:
        return
    from ..reports import build_report
    found = [f for f in text_figures(book, year, date_to, build_report(book, year.id, date_to=date_to))
             if not f.ok]
    if found:
        raise UnconfirmedFigures("Texterna har siffror som inte stämmer med rapporten:\n"
                                 + "\n".join(f"– {f.message}" for f in found)
                                 + "\nRätta texterna eller bekräfta att siffrorna är avsedda.",
                                 field="texter")


def document_checks(book: Book, year: FiscalYear, date_to: str, report: AnnualReport | None) -> list[Finding]:
    return (recurring_accruals(book, year, date_to) + project_overruns(book, year, date_to)
            + text_figures(book, year, date_to, report))

