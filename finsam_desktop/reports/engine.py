"""build_report: the whole årsredovisning / delårsrapport of a period as data."""

from __future__ import annotations

import calendar
from dataclasses import replace
from datetime import date as _date

from ..book import chart
from ..book.chart import ROW_LABELS
from ..errors import RuleError
from ..findings import Finding
from ..money import format_kr
from . import keyfigures
from .layout import LAYOUTS, RESULTATRAKNING, TITLES, with_sums
from .ledger import IN_EQUITY, SEPARATE, UNKNOWN, Figures, PeriodLedger, compute, compute_opening
from .model import ROW, AnnualReport, KeyFigures, Note, Period, Statement, StatementRow, check_result
from .notes import NoteBuilder
from .rounding import tkr_check


MONTHS = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def period_label(date_from: str, date_to: str) -> str:
    """A column caption for a period: 'jan–jun 2025' when it runs over whole months of
    one calendar year, else '2025-01-01 – 2025-06-15'."""
    f, t = _date.fromisoformat(date_from), _date.fromisoformat(date_to)
    whole = f.day == 1 and t.day == calendar.monthrange(t.year, t.month)[1] and f.year == t.year
    if not whole:
        return f"{date_from} – {date_to}"
    if f.month == 1 and t.month == 12:
        return str(f.year)
    months = MONTHS[f.month - 1] if f.month == t.month else f"{MONTHS[f.month - 1]}–{MONTHS[t.month - 1]}"
    return f"{months} {f.year}"


def _shift_year(iso: str, years: int) -> str:
    d = _date.fromisoformat(iso)
    try:
        return d.replace(year=d.year + years).isoformat()
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28).isoformat()


def previous_period(book, year, date_from: str, date_to: str):
    """The same period one year earlier: the whole previous räkenskapsår for a whole-year
    report, otherwise the same dates a year back, within the previous räkenskapsår."""
    prev = book.previous_year(year)
    if prev is None:
        return None, None
    if date_from == year.start and date_to == year.end:
        return prev, Period(prev.start, prev.end)
    f, t = max(_shift_year(date_from, -1), prev.start), min(_shift_year(date_to, -1), prev.end)
    if f > t:
        return None, None
    return prev, Period(f, t)


def budget_by_row(book, year, accounts) -> tuple[dict[str, int] | None, list[tuple[str, list[str]]]]:
    """The year's budget summed per resultaträkning row (report sign), and the budget
    rows whose account range spans several resultaträkning rows.

    A budget row lands on the one row its accounts carry (a range without accounts in
    the book: on the default row of its first account). Nothing in a budget row says how
    to split it over several rows, so the book refuses such a row when it is added; one
    that became spanning later (an account added or moved) lands on the row of the
    accounts that match its sign (a cost budget on cost accounts) and fails the check
    budgetrader_en_rad."""
    rows = book.budget(year.id)
    if not rows:
        return None, []
    out: dict[str, int] = {}
    spanning: list[tuple[str, list[str]]] = []
    for b in rows:
        in_range = [a for n, a in sorted(accounts.items())
                    if b.covers(n) and not a.is_balance and a.row_id]
        distinct = [r for r in chart.INCOME_ROWS if any(a.row_id == r for a in in_range)]
        if len(distinct) > 1:
            spanning.append((b.label, distinct))
            kind = "K" if b.amount > 0 else "I"
            fitting = [a.row_id for a in in_range if a.kind == kind] or [a.row_id for a in in_range]
            row = max(fitting, key=fitting.count)
        else:
            row = distinct[0] if distinct else chart.default_row(b.account_from)
        if row:
            out[row] = out.get(row, 0) - b.amount
    return out, spanning


def budget_check(spanning: list[tuple[str, list[str]]]) -> Finding:
    """Every budget row stays within one resultaträkning row."""
    if not spanning:
        return check_result("budgetrader_en_rad", True,
                     "Varje budgetrad hör till en rad i resultaträkningen.")
    parts = [f"”{label}” omfattar {' och '.join(ROW_LABELS.get(r, r) for r in rows)}"
             for label, rows in spanning]
    return check_result("budgetrader_en_rad", False,
                 "Budgetkolumnen i resultaträkningen kan inte fördelas: " + "; ".join(parts)
                 + ". Dela upp budgetraden så att varje del hör till en rad.")


# A delårsrapport's result is the period's, not the year's: the labels say so.
PERIOD_LABELS = {
    ("resultatrakning", "arets_resultat"): "Periodens resultat",
    ("balansrakning", "arets_resultat"): "Periodens resultat",
    ("kassaflodesanalys", "arets_resultat"): "Periodens resultat",
    ("kassaflodesanalys", "arets_kassaflode"): "Periodens kassaflöde",
    ("kassaflodesanalys", "likvida_medel_vid_arets_borjan"): "Likvida medel vid periodens början",
    ("kassaflodesanalys", "likvida_medel_vid_arets_slut"): "Likvida medel vid periodens slut",
}


def _statement(sid: str, cur: dict, prev: dict | None, notes: dict, budget: dict | None,
               full_year: bool = True) -> Statement:
    budget_rows = with_sums(RESULTATRAKNING, budget) if budget is not None and sid == "resultatrakning" else None
    rows = [StatementRow(rid, label if full_year else PERIOD_LABELS.get((sid, rid), label), cur[rid],
                         prev[rid] if prev else None, kind,
                         tuple(notes.get((sid, rid), ())), budget_rows[rid] if budget_rows else None)
            for rid, label, kind, _parts in LAYOUTS[sid]]
    return Statement(sid, TITLES[sid], tuple(rows))


def build_report(book, year_id: int, date_from: str | None = None, date_to: str | None = None) -> AnnualReport:
    """Compute the report of a period (default: the whole räkenskapsår) and the same
    period last year, with notes, key figures and the checks."""
    year = book.existing_year(year_id)
    date_from = date_from or year.start
    date_to = date_to or year.end
    if not (year.start <= date_from <= date_to <= year.end):
        raise RuleError(f"Perioden {date_from} – {date_to} ligger inte inom räkenskapsåret {year.label} "
                        f"({year.start} – {year.end}).", field="period")
    accounts = {a.number: a for a in book.accounts()}
    cur = PeriodLedger.read(book, year, date_from, date_to, accounts)
    fig = compute(cur)
    full_year = date_from == year.start and date_to == year.end
    prev_year, pperiod = previous_period(book, year, date_from, date_to)
    prev = PeriodLedger.read(book, prev_year, pperiod.fran, pperiod.till, accounts) if pperiod else None
    pfig = compute(prev) if prev else None
    # RKR R17: a delårsrapport's balansräkning compares with the previous year's
    # bokslutsdag; resultaträkning and kassaflödesanalys with the same period last year.
    bprev, bpfig, balance_date = prev, pfig, (pperiod.till if pperiod else None)
    closing_year = book.previous_year(year)
    if not full_year and closing_year is not None:
        bprev = PeriodLedger.read(book, closing_year, closing_year.start, closing_year.end, accounts)
        bpfig, balance_date = compute(bprev), closing_year.end
    # The book's first year: the previous year's balansräkning is its utgående balans,
    # which is this year's ingående balans (the result and flows of that year are unknown).
    opening = PeriodLedger.opening(book, year, accounts) if closing_year is None else None
    if opening is not None:
        bprev, bpfig, balance_date = opening, compute_opening(opening), opening.date_to

    nb = NoteBuilder(book, year, cur, prev, fig, pfig, bprev, bpfig, full_year)
    income_note = nb.intakter()
    member_income = _member_income(income_note)
    allotted = keyfigures.allotted_funds(book, year.id, member_income)
    share = keyfigures.equity_share(fig.br["summa_eget_kapital"], allotted)
    share_text = _share_text(share, full_year)
    notes = [income_note, nb.kostnader(), nb.fordringar(), nb.eget_kapital(share_text),
             nb.kortfristiga_skulder(), nb.interimsskulder(), nb.ansvarsforbindelser(),
             nb.redovisningsprinciper()]
    numbered, links = [], {}
    for n in (n for n in notes if n is not None):
        number = len(numbered) + 1
        numbered.append(Note(number, n.id, n.title, n.text, n.lines, n.total, n.previous_total, n.row_ids))
        for key in n.row_ids:
            links.setdefault(key, []).append(number)

    budget, spanning = budget_by_row(book, year, accounts)
    statements = {sid: _statement(sid, getattr(fig, attr),
                                  getattr(bpfig if sid == "balansrakning" else pfig, attr)
                                  if (bpfig if sid == "balansrakning" else pfig) else None,
                                  links, budget, full_year)
                  for sid, attr in (("resultatrakning", "rr"), ("balansrakning", "br"),
                                    ("kassaflodesanalys", "kfa"))}

    def member_income_of(led):
        return _member_income(NoteBuilder(book, led.year, led, None, compute(led), None).intakter())

    first_label = year.label if full_year else period_label(date_from, date_to)
    if full_year or pfig is None:
        ob_column = None
        if opening is not None:
            date = opening.date_to
            ob_column = (date[:4] if year.label.isdigit() else date, bpfig)
        overview = keyfigures.five_year(book, year, fig, allotted, accounts, member_income_of, first_label,
                                        ob_column)
    else:
        # A delårsrapport compares the period with the same period last year (RKR R17).
        overview = keyfigures.same_period(first_label, fig, allotted, period_label(pperiod.fran, pperiod.till),
                                          pfig, book.allotted_funds(prev_year.id) or member_income_of(prev))
    nyckeltal = KeyFigures(keyfigures.balanskrav(book, year, prev_year, fig, pfig, full_year), share, overview)
    report = AnnualReport(
        forbund=book.forbund(), year_id=year.id, year_label=year.label, period=Period(date_from, date_to),
        previous_period=pperiod, is_closed=year.is_closed,
        resultatrakning=statements["resultatrakning"], balansrakning=statements["balansrakning"],
        kassaflodesanalys=statements["kassaflodesanalys"], noter=tuple(numbered), nyckeltal=nyckeltal,
        kontroller=(), driftredovisning=keyfigures.driftredovisning(book, year, cur, prev, full_year),
        has_budget=budget is not None, unit="ore", equity_convention=fig.convention,
        extra={"accrual_accounts": tuple(nb.accrual_accounts()), "full_year": full_year},
        previous_balance_date=balance_date if bpfig else None,
        previous_from_opening_balances=opening is not None)
    checks = ledger_checks(cur, fig, prev, pfig, report)
    if bprev is not prev and bpfig is not None:
        a, e = bpfig.br["summa_tillgangar"], bpfig.br["summa_eget_kapital_avsattningar_och_skulder"]
        when = f"{balance_date} (ingående balanser)" if opening is not None else balance_date
        checks.append(check_result("balansrakning_balanserar_foregaende_bokslut", a == e,
                            f"Balansräkningen per {when} balanserar: summa tillgångar {_kr(a)}."
                            if a == e else
                            f"Balansräkningen per {when} balanserar inte: summa tillgångar {_kr(a)}, "
                            f"summa eget kapital, avsättningar och skulder {_kr(e)}."
                            + _unmapped_opening(opening)))
    if budget is not None:
        checks.append(budget_check(spanning))
    report = _replace(report, kontroller=tuple(checks))
    checks.append(tkr_check(report))
    return _replace(report, kontroller=tuple(checks))


def _unmapped_opening(opening: PeriodLedger | None) -> str:
    """The ingående balanser on accounts without a report row, which the comparison
    column cannot show."""
    bad = opening.unmapped() if opening is not None else []
    if not bad:
        return ""
    return (f" Konto {', '.join(map(str, bad))} har ingående balans men hör inte till någon rad i "
            "balansräkningen. Ange rapportrad i kontoplanen.")


def _replace(report: AnnualReport, **kw) -> AnnualReport:
    return replace(report, **kw)


def _member_income(note: Note) -> int:
    return sum(ln.amount for ln in note.lines if ln.kind == ROW and ln.label.startswith("Driftbidrag"))


def _share_text(share, full_year: bool = True) -> str:
    if share.andel_procent is None:
        return "Boken saknar uppgift om årets tilldelade medel."
    pct = f"{share.andel_procent:.2f}".replace(".", ",")
    if not full_year:
        # The recommendation concerns eget kapital at the year end; mid-year it still
        # holds the driftbidrag of months whose costs are to come.
        return (f"Eget kapital vid periodens slut motsvarar {pct} % av årets tilldelade medel. Nationella "
                f"rådets rekommendation om högst {share.rekommendation_procent:.0f} % avser eget kapital "
                "vid årets slut.")
    verdict = ("inom" if share.inom_rekommendation else "över")
    # No amounts in the text: it is printed unchanged in a tkr report, and the
    # förvaltningsberättelse's table already shows eget kapital and tilldelade medel.
    return (f"Eget kapital motsvarar {pct} % av årets tilldelade medel, {verdict} Nationella rådets "
            f"rekommendation om högst {share.rekommendation_procent:.0f} %.")


def _kr(ore: int) -> str:
    return f"{format_kr(ore)} kr"


def ledger_checks(cur: PeriodLedger, fig: Figures, prev: PeriodLedger | None, pfig: Figures | None,
                  report: AnnualReport) -> list[Finding]:
    """Every invariant of the report, ok or not, with a Swedish message."""
    checks: list[Finding] = []
    for led, f, when in ((cur, fig, "perioden"), (prev, pfig, "jämförelseperioden")):
        if led is None:
            continue
        suffix = "" if led is cur else "_foregaende_ar"
        a, e = f.br["summa_tillgangar"], f.br["summa_eget_kapital_avsattningar_och_skulder"]
        checks.append(check_result("balansrakning_balanserar" + suffix, a == e,
                            f"Balansräkningen balanserar för {when}: summa tillgångar {_kr(a)}." if a == e else
                            f"Balansräkningen balanserar inte för {when}: summa tillgångar {_kr(a)}, summa eget "
                            f"kapital, avsättningar och skulder {_kr(e)} (differens {_kr(a - e)})."))
        rr, br, kf = f.rr["arets_resultat"], f.br["arets_resultat"], f.kfa["arets_resultat"]
        ok = rr == br == kf
        checks.append(check_result("arets_resultat_rr_br" + suffix, ok,
                            f"Årets resultat är detsamma i resultaträkning, balansräkning och "
                            f"kassaflödesanalys ({_kr(rr)})." if ok else
                            f"Årets resultat skiljer sig: resultaträkningen {_kr(rr)}, balansräkningen {_kr(br)}, "
                            f"kassaflödesanalysen {_kr(kf)}."))
        flow = f.kfa["arets_kassaflode"]
        delta = f.kfa["likvida_medel_vid_arets_slut"] - f.kfa["likvida_medel_vid_arets_borjan"]
        ok = flow == delta and f.kfa["likvida_medel_vid_arets_slut"] == f.br["kassa_och_bank"]
        checks.append(check_result("kassaflode_likvida_medel" + suffix, ok,
                            f"Årets kassaflöde ({_kr(flow)}) är lika med förändringen av kassa och bank för "
                            f"{when}." if ok else
                            f"Årets kassaflöde {_kr(flow)} för {when} stämmer inte med förändringen av kassa "
                            f"och bank {_kr(delta)} (differens {_kr(flow - delta)})."))
        bad = led.unmapped()
        checks.append(check_result("konton_har_rad" + suffix, not bad,
                            f"Varje konto med saldo för {when} hör till en rad i rapporterna." if not bad else
                            f"Konto {', '.join(map(str, bad))} har saldo för {when} men hör inte till någon rad "
                            "i resultat- eller balansräkningen. Ange rapportrad i kontoplanen."))
        ok = f.convention != UNKNOWN
        how = {SEPARATE: "årets resultat redovisas separat, inte bokfört mot eget kapital",
               IN_EQUITY: "årets resultat är redan bokfört mot eget kapital"}.get(f.convention)
        checks.append(check_result("eget_kapital_konvention" + suffix, ok,
                            f"Balanskontona för {when} stämmer: {how}." if ok else
                            f"Balanskontona för {when} summerar till {_kr(f.balance_sum)}, varken 0 eller "
                            "minus årets resultat: de ingående balanserna eller bokslutsposterna är ofullständiga."))
    for n in report.noter:
        if not n.row_ids or n.total is None:
            continue
        checks.extend(_note_checks(n, report))
    return checks


def _note_checks(n: Note, report: AnnualReport) -> list[Finding]:
    out = []
    if n.id == "interimsskulder":
        ks = report.note("kortfristiga_skulder")
        accounts = set(report.extra.get("accrual_accounts", ()))
        spec = sum(ln.amount for ln in n.lines if ln.kind == ROW)
        in_ks = sum(ln.amount for ln in ks.lines if ln.account in accounts) if ks else n.total
        ok = spec == n.total == in_ks
        msg = (f"Not {n.number} {n.title}: raderna summerar till {_kr(spec)}, notens total är "
               f"{_kr(n.total)} och kontona i noten om kortfristiga skulder {_kr(in_ks)}.")
        if ok and n.previous_total is not None:
            # The comparison column (föregående år or the ingående balanser) likewise.
            pspec = sum(ln.previous or 0 for ln in n.lines if ln.kind == ROW)
            pin_ks = sum(ln.previous or 0 for ln in ks.lines if ln.account in accounts) if ks else n.previous_total
            ok = pspec == n.previous_total == pin_ks
            msg = (f"Not {n.number} {n.title}, föregående år: raderna summerar till {_kr(pspec)}, notens total "
                   f"är {_kr(n.previous_total)} och kontona i noten om kortfristiga skulder {_kr(pin_ks)}.")
        out.append(check_result(f"not_{n.id}", ok,
                         f"Not {n.number} {n.title}: raderna summerar till notens total {_kr(n.total)}." if ok else
                         msg))
        return out
    sid, rid = n.row_ids[0]
    row = getattr(report, sid).row(rid)
    lines = sum(ln.amount for ln in n.lines if ln.kind == ROW and ln.amount is not None)
    ok = n.total == row.amount and lines == n.total
    msg = (f"Not {n.number} {n.title}: raderna summerar till {_kr(lines)}, noten {_kr(n.total)}, "
           f"raden {row.label} {_kr(row.amount)}.")
    if ok and (n.previous_total is not None or row.previous is not None):
        # The comparison column (föregående år or the ingående balanser) likewise; its
        # rows are summed only when each has a figure (the eget kapital note of a year
        # known by its utgående balanser has only the closing figure).
        prows = [ln.previous for ln in n.lines if ln.kind == ROW]
        plines = sum(prows) if prows and None not in prows else n.previous_total
        ok = n.previous_total == row.previous and plines == n.previous_total
        msg = (f"Not {n.number} {n.title}, föregående år: raderna summerar till {_kr(plines or 0)}, noten "
               f"{_kr(n.previous_total or 0)}, raden {row.label} {_kr(row.previous or 0)}.")
    out.append(check_result(f"not_{n.id}", ok,
                     f"Not {n.number} {n.title} ({_kr(n.total)}) stämmer med raden {row.label}." if ok else msg))
    return out
