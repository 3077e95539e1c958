"""The kontroller before a delårsrapport or an årsredovisning.

`run_checks(book, year_id, date_to=None, bank_statement=None)` returns one `Finding` per
check (`findings.Finding`), in the order a person works through them: ok, warning or
error (blocking), a Swedish message, `check` (the check's id) and `fix`, the view or form
that fixes it ('drafts', 'bank', 'accruals', 'kontoplan', 'previous_year', 'report').
Errors stop the bokslut; warnings are listed in the report's draft.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date as _date, timedelta

from ..book import Book
from ..book.model import FiscalYear
from ..errors import FinsamError, RuleError
from ..findings import ERROR, OK, WARNING, Finding
from ..money import format_ore, parse_kr
from ..reports import build_report
from .accruals import undecided_projects
from .document_checks import document_checks
from .underlag import missing_underlag

# Momsfordran larger than this share of the period's claimed moms (about one quarter's
# worth) is worth a second look: ersättning för mervärdesskatt is claimed monthly.
MOMS_LARGE_SHARE = 0.25


def _finding(check: str, severity: str, message: str, fix: str, title: str = "") -> Finding:
    return Finding(severity, message, check=check, title=title, fix=fix)


TITLES = {
    "utkast": "Ej bokförda utkast",
    "bank": "Banksaldo mot kontoutdrag",
    "momsfordran": "Momsfordran",
    "interimsskulder": "Interimsskulder per insats",
    "konton_utan_rad": "Konton utan rapportrad",
    "foregaende_ar": "Föregående år stängt",
    "ingaende_balanser": "Ingående balanser",
    "rapport": "Rapportens kontroller",
}


def bank_statement_key(year: FiscalYear, date_to: str) -> str:
    """The year_text key of the bank statement figure for a period end: 'bank_saldo' at the
    year's end, 'bank_saldo_<date>' for a delår."""
    return "bank_saldo" if date_to == year.end else f"bank_saldo_{date_to}"


def saved_bank_statement(book: Book, year: FiscalYear, date_to: str) -> int | None:
    """The bank statement figure (öre) the user entered for the period end, if any."""
    text = book.year_text(year.id, bank_statement_key(year, date_to), "").strip()
    return parse_kr(text, field="saldo enligt kontoutdrag") if text else None


def save_bank_statement(book: Book, year_id: int, date_to: str, amount: int | None) -> None:
    """Remember the bank statement figure (öre; None forgets it) for the period end."""
    year = book.year(year_id)
    book.set_year_text(year_id, bank_statement_key(year, date_to),
                       "" if amount is None else format_ore(amount))


def run_checks(book: Book, year_id: int, *, date_to: str | None = None,
               bank_statement: int | None = None) -> list[Finding]:
    """Every kontroll for the period from the year's start to `date_to` (default: the
    year's end). `bank_statement` (öre) overrides the figure saved in the book."""
    year = book.existing_year(year_id)
    date_to = date_to or year.end
    if not year.start <= date_to <= year.end:
        raise RuleError(f"Datumet {date_to} ligger inte i räkenskapsåret {year.label}.", field="period")
    if bank_statement is None:  # an imported statement covering the day, else the typed figure
        bank_statement = book.bank_statement_balance(book.account_role("bank"), date_to)
    if bank_statement is None:
        bank_statement = saved_bank_statement(book, year, date_to)
    report, report_findings = _report(book, year, date_to)
    findings = [
        _drafts(book, year, date_to),
        _bank(book, year, date_to, bank_statement),
        _moms(book, year, date_to),
        _accruals(book, date_to),
        _accounts_without_row(book, year, date_to),
        missing_underlag(book, year, date_to),
        *_previous_year(book, year, date_to),
        *report_findings,
        *document_checks(book, year, date_to, report),
    ]
    return [f if f.title else replace(f, title=TITLES.get(f.check.split(":")[0], f.check)) for f in findings]


def _n(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def has_blocking(findings: list[Finding]) -> bool:
    return any(f.is_error for f in findings)


# ---------------------------------------------------------------------- the checks
def _drafts(book: Book, year: FiscalYear, date_to: str) -> Finding:
    drafts = book.drafts()
    inside = [d for d in drafts if year.start <= (d["date"] or "") <= date_to]
    undated = [d for d in drafts if not d["date"]]
    if inside:
        names = ", ".join(f"”{d['text'] or 'utan text'}” ({d['date']})" for d in inside[:3])
        more = f" och {len(inside) - 3} till" if len(inside) > 3 else ""
        return _finding("utkast", ERROR, f"{len(inside)} utkast i perioden är inte bokförda: "
                       f"{names}{more}. Bokför eller ta bort dem.", "drafts")
    if undated:
        return _finding("utkast", WARNING, f"{len(undated)} utkast saknar datum. Kontrollera att de "
                       "inte hör till perioden.", "drafts")
    return _finding("utkast", OK, "Inga ej bokförda utkast i perioden.", "drafts")


def _bank(book: Book, year: FiscalYear, date_to: str, statement: int | None) -> Finding:
    number = book.account_role("bank")
    acc = book.account(number)
    name = f"{number} {acc.name}" if acc else str(number)
    booked = book.balance_at(date_to, accounts=[number]).get(number, 0)
    if statement is None:
        return _finding("bank", WARNING, f"Saldot enligt kontoutdraget den {date_to} är inte angivet. "
                       f"Bokfört saldo på {name} är {format_ore(booked)} kr.", "bank")
    diff = booked - statement
    if diff:
        return _finding("bank", ERROR, f"Bokfört saldo på {name} den {date_to} är {format_ore(booked)} kr "
                       f"men kontoutdraget visar {format_ore(statement)} kr (differens "
                       f"{format_ore(diff)} kr).", "bank")
    return _finding("bank", OK, f"Bokfört saldo på {name} den {date_to} stämmer med kontoutdraget "
                   f"({format_ore(booked)} kr).", "bank")


def moms_accounts(book: Book) -> list[int]:
    """The momsfordran accounts: receivables whose name says moms."""
    return [a.number for a in book.accounts()
            if a.kind == "T" and a.row_id == "fordringar" and "moms" in a.name.lower()]


def _moms(book: Book, year: FiscalYear, date_to: str) -> Finding:
    accounts = moms_accounts(book)
    if not accounts:
        return _finding("momsfordran", OK, "Boken har inget konto för momsfordran.", "kontoplan")
    balance, claimed, refunds = 0, 0, []
    since_refund: dict[int, int] = {}
    for number in accounts:
        opening, lines = book.ledger(number, year.start, date_to)
        balance += opening + sum(ln.amount for ln in lines)
        claimed += sum(ln.amount for ln in lines if ln.amount > 0)
        refunds += [ln.date for ln in lines if ln.amount < 0]
        since_refund[number] = 0
    last_refund = max(refunds) if refunds else None
    # A refund pays the moms claimed for the month before it (ersättning för mervärdesskatt
    # is claimed per month); what was booked after that month is legitimately outstanding.
    covered_until = _month_before_end(last_refund) if last_refund else None
    for number in accounts:
        _opening, lines = book.ledger(number, year.start, date_to)
        since_refund[number] = sum(ln.amount for ln in lines
                                   if ln.amount > 0 and (covered_until is None or ln.date > covered_until))
    if balance <= 0:
        return _finding("momsfordran", OK, f"Momsfordran den {date_to} är {format_ore(balance)} kr.", "report")
    fresh = sum(since_refund.values())
    if last_refund is None:
        return _finding("momsfordran", WARNING, f"Momsfordran är {format_ore(balance)} kr och ingen "
                       "återbetalning från Skatteverket är bokförd under perioden. Kontrollera att "
                       "ersättningen för mervärdesskatt har begärts.", "report")
    if balance > fresh:
        return _finding("momsfordran", WARNING, f"Momsfordran är {format_ore(balance)} kr men bara "
                       f"{format_ore(fresh)} kr har bokförts efter {covered_until}, den period som "
                       f"den senaste återbetalningen ({last_refund}) avser: {format_ore(balance - fresh)} kr "
                       "är äldre. Kontrollera att allt har begärts och återbetalats.", "report")
    if claimed and balance > claimed * MOMS_LARGE_SHARE:
        return _finding("momsfordran", WARNING, f"Momsfordran är {format_ore(balance)} kr, mer än en "
                       f"fjärdedel av periodens ingående moms ({format_ore(claimed)} kr). Kontrollera "
                       "att ersättningen begärs varje månad.", "report")
    return _finding("momsfordran", OK, f"Momsfordran den {date_to} är {format_ore(balance)} kr och avser "
                   f"tiden efter {covered_until} (senaste återbetalning {last_refund}).", "report")


def _month_before_end(iso: str) -> str:
    """The last day of the month before the month of `iso`."""
    d = _date.fromisoformat(iso)
    return (d.replace(day=1) - timedelta(days=1)).isoformat()


def _accruals(book: Book, period_end: str) -> Finding:
    undecided = list(undecided_projects(book, period_end))
    if undecided:
        names = ", ".join(_project_name(p) for p in undecided[:4])
        more = f" och {len(undecided) - 4} till" if len(undecided) > 4 else ""
        return _finding("interimsskulder", ERROR, f"{_n(len(undecided), 'aktiv insats', 'aktiva insatser')} saknar beslut om "
                       f"interimsskuld per {period_end}: {names}{more}. Ange beloppet (även 0 kr).",
                       "accruals")
    return _finding("interimsskulder", OK, f"Interimsskulden per {period_end} är bestämd för varje "
                   "aktiv insats.", "accruals")


def _project_name(p) -> str:
    if isinstance(p, str):
        return p
    name = getattr(p, "name", None)
    return f"{getattr(p, 'code', '')} {name}".strip() if name else str(p)


def _accounts_without_row(book: Book, year: FiscalYear, date_to: str) -> Finding:
    lines = book.trial_balance(year.id, year.start, date_to)
    missing = [ln for ln in lines if ln.row_id is None
               and ((ln.kind in ("T", "S") and ln.closing) or (ln.kind in ("I", "K") and ln.period))]
    if missing:
        accs = ", ".join(f"{ln.account} {ln.name}" for ln in missing[:5])
        closing = [ln.account for ln in missing if 8900 <= ln.account <= 8999]
        hint = (" Årets resultat förs till eget kapital av programmet vid årsbokslutet; boka inte "
                "om det själv.") if closing else ""
        return _finding("konton_utan_rad", ERROR, f"{_n(len(missing), 'konto', 'konton')} med saldo saknar rad i "
                       f"resultat- eller balansräkningen: {accs}. Ange rad i kontoplanen.{hint}",
                       "kontoplan")
    return _finding("konton_utan_rad", OK, "Alla konton med saldo har en rad i rapporten.", "kontoplan")


def _previous_year(book: Book, year: FiscalYear, date_to: str) -> list[Finding]:
    prev = book.previous_year(year)
    if prev is None:
        return [_finding("foregaende_ar", OK, "Boken har inget föregående räkenskapsår.", "previous_year")]
    helar = date_to == year.end
    if not prev.is_closed:
        # A delårsrapport may come before last year's bokslut is done; an årsbokslut may not.
        return [_finding("foregaende_ar", ERROR if helar else WARNING,
                        f"Föregående räkenskapsår {prev.label} är inte stängt.", "previous_year")]
    out = [_finding("foregaende_ar", OK, f"Föregående räkenskapsår {prev.label} är stängt.", "previous_year")]
    if book.opening_balances_stale(year.id) or not book.opening_matches_previous(year.id):
        out.append(_finding("ingaende_balanser", ERROR, f"Årets ingående balanser stämmer inte med "
                           f"de utgående balanserna för {prev.label}. Stäng om föregående år så "
                           "räknas de om.", "previous_year"))
    else:
        out.append(_finding("ingaende_balanser", OK, f"Ingående balanser är lika med utgående "
                           f"balanser {prev.label}.", "previous_year"))
    return out


def _report(book: Book, year: FiscalYear, date_to: str):
    """The report (None when it cannot be made) and every one of its own kontroller: the
    same list, and count, as the reports page shows."""
    try:
        report = build_report(book, year.id, date_to=date_to)
    except FinsamError as exc:
        return None, [_finding("rapport", ERROR, f"Rapporten kan inte tas fram: {exc.message}", "report")]
    out = []
    for c in report.kontroller:
        out.append(_finding(f"rapport:{c.check}", OK if c.ok else ERROR, c.message, "report",
                           "Rapportens kontroll"))
    return report, out
