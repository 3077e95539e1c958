"""Key figures for the förvaltningsberättelse: balanskravsresultat (LKBR 11 kap.), eget
kapital as a share of tilldelade medel, the five-year overview and the driftredovisning."""

from __future__ import annotations

from ..errors import FinsamError
from ..money import parse_kr
from .ledger import Figures, PeriodLedger, compute
from .model import ROW, SUM, DriftRow, Driftredovisning, EquityShare, KeyRow, OverviewYear, percent_of

RECOMMENDED_MAX_SHARE = 20.0

# (id, label, kind, year_text key holding the adjustment in kr, signed as its effect on the result)
BALANSKRAV = (
    ("arets_resultat", "Årets resultat enligt resultaträkningen", ROW, None),
    ("realisationsvinster", "Reducering av samtliga realisationsvinster", ROW, "balanskrav_realisationsvinster"),
    ("realisationsvinster_undantag", "Justering för realisationsvinster enligt undantagsmöjlighet", ROW,
     "balanskrav_realisationsvinster_undantag"),
    ("orealiserade_vardepapper", "Orealiserade vinster och förluster i värdepapper", ROW,
     "balanskrav_orealiserade_vardepapper"),
    ("aterforing_orealiserade_forluster", "Återföring av orealiserade förluster i värdepapper", ROW,
     "balanskrav_aterforing_orealiserade_forluster"),
    ("resultat_efter_balanskravsjusteringar", "Årets resultat efter balanskravsjusteringar", SUM, None),
    ("reservering_resultatutjamningsreserv", "Reservering av medel till resultatutjämningsreserv", ROW,
     "balanskrav_reservering_rur"),
    ("anvandning_resultatutjamningsreserv", "Användning av medel från resultatutjämningsreserv", ROW,
     "balanskrav_anvandning_rur"),
    ("balanskravsresultat", "Balanskravsresultat", SUM, None),
)


def _adjustment(book, year_id: int, key: str) -> int:
    text = book.year_text(year_id, key, "").strip()
    if not text:
        return 0
    try:
        return parse_kr(text, field=key)
    except FinsamError:
        return 0


def _balanskrav_values(book, year_id: int | None, result: int) -> dict[str, int]:
    out: dict[str, int] = {}
    running = 0
    for rid, _label, kind, key in BALANSKRAV:
        if rid == "arets_resultat":
            out[rid] = result
        elif kind == SUM:
            out[rid] = running
            continue
        else:
            out[rid] = _adjustment(book, year_id, key) if year_id is not None else 0
        running += out[rid]
    return out


def balanskrav(book, year, prev_year, fig: Figures, pfig: Figures | None,
               full_year: bool = True) -> tuple[KeyRow, ...]:
    now = _balanskrav_values(book, year.id, fig.rr["arets_resultat"])
    before = _balanskrav_values(book, prev_year.id if prev_year else None, pfig.rr["arets_resultat"]) \
        if pfig else None
    return tuple(KeyRow(rid, label if full_year else label.replace("Årets resultat", "Periodens resultat"),
                        now[rid], before[rid] if before else None, kind)
                 for rid, label, kind, _key in BALANSKRAV)


def share(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 2) if whole else None


def equity_share(equity: int, allotted: int) -> EquityShare:
    pct = share(equity, allotted)
    return EquityShare(equity, allotted, pct, RECOMMENDED_MAX_SHARE,
                       None if pct is None else pct <= RECOMMENDED_MAX_SHARE)


def allotted_funds(book, year_id: int, member_income: int) -> int:
    """Tilldelade medel: the members' decided driftbidrag; without a decision in the
    book, the driftbidrag booked from the members in the period."""
    return book.allotted_funds(year_id) or member_income


def _overview(label: str, fig: Figures, allotted: int) -> OverviewYear:
    rr, br = fig.rr, fig.br
    costs = rr["verksamhetens_kostnader"] + rr["avskrivningar"] + rr["finansiella_kostnader"]
    return OverviewYear(label, rr["verksamhetens_intakter"], costs, rr["arets_resultat"],
                        br["summa_eget_kapital"], allotted, share(br["summa_eget_kapital"], allotted),
                        share(br["summa_eget_kapital"], br["summa_tillgangar"]), br["kassa_och_bank"])


def five_year(book, year, fig: Figures, allotted: int, accounts, member_income_of,
              first_label: str | None = None, opening: tuple[str, Figures] | None = None
              ) -> tuple[OverviewYear, ...]:
    """The report's own period first (labelled with its period when it is part of a year,
    e.g. 'jan–jun 2025', so it is not read as a whole year), then up to four earlier
    räkenskapsår (whole years). `opening` (label, figures): in the book's first year, the
    previous year as its ingående balanser show it, unless its key figures are entered."""
    out = [_overview(first_label or year.label, fig, allotted)]
    if opening is not None and not any(str(h.year) == opening[0] for h in book.history_years()):
        out.append(_from_opening(*opening))
    earlier = [y for y in book.years() if y.end < year.start]
    for y in reversed(earlier[-4:]):
        led = PeriodLedger.read(book, y, y.start, y.end, accounts)
        f = compute(led)
        out.append(_overview(y.label, f, book.allotted_funds(y.id) or member_income_of(led)))
    first = min(int(y.label[:4]) for y in book.years()) if book.years() else int(year.label[:4])
    out += [_entered(h) for h in reversed(book.history_years()) if h.year < first][:5 - len(out)]
    return tuple(out)


def same_period(label: str, fig: Figures, allotted: int, previous_label: str, pfig: Figures,
                previous_allotted: int) -> tuple[OverviewYear, ...]:
    """A delårsrapport's overview: the period and the same period last year."""
    return (_overview(label, fig, allotted), _overview(previous_label, pfig, previous_allotted))
def _from_opening(label: str, fig: Figures) -> OverviewYear:
    """The year before the book, known only by its utgående balanser: the balance
    figures, and no flows (not zeros)."""
    br = fig.br
    return OverviewYear(label, None, None, None, br["summa_eget_kapital"], None, None,
                        share(br["summa_eget_kapital"], br["summa_tillgangar"]), br["kassa_och_bank"],
                        from_opening_balances=True)


def _entered(h) -> OverviewYear:
    """A year before the book, from the key figures entered from its årsredovisning."""
    return OverviewYear(str(h.year), h.verksamhetens_intakter, h.verksamhetens_kostnader, h.arets_resultat,
                        h.eget_kapital, h.tilldelade_medel, share(h.eget_kapital, h.tilldelade_medel),
                        share(h.eget_kapital, h.summa_tillgangar), h.likvida_medel, entered=True)


def driftredovisning(book, year, cur: PeriodLedger, prev: PeriodLedger | None,
                     full_year: bool = True) -> Driftredovisning | None:
    """Budget, utfall and avvikelse per budget row (report sign), with last year's
    utfall. A budget row with an insats takes that insats' rows; a row without one takes
    the rest of its accounts. Outcome no budget row covers is shown as 'Ej budgeterat',
    so the sum is årets resultat.

    The budget is always the whole year's. In a delårsrapport there is no avvikelse (half
    a year's outcome against a year's budget is not a deviation); each row carries its
    utfall in percent of the year's budget instead."""
    rows = book.budget(year.id)
    if not rows:
        return None
    claimed = {(a, b.project_id) for b in rows if b.project_id is not None
               for (a, p) in cur.proj_period if p == b.project_id and b.covers(a)}
    if prev:
        claimed |= {(a, b.project_id) for b in rows if b.project_id is not None
                    for (a, p) in prev.proj_period if p == b.project_id and b.covers(a)}
    result_accounts = {n for n, a in cur.accounts.items() if not a.is_balance and a.row_id is not None}

    def outcome(led: PeriodLedger, b) -> tuple[int, set]:
        used, total = set(), 0
        for (a, p), v in led.proj_period.items():
            if a not in result_accounts or not b.covers(a):
                continue
            if b.project_id is not None and p != b.project_id:
                continue
            if b.project_id is None and (a, p) in claimed:
                continue
            used.add((a, p))
            total -= v
        return total, used

    out, covered, pcovered = [], set(), set()
    for b in rows:
        utfall, used = outcome(cur, b)
        covered |= used
        putfall = None
        if prev:
            putfall, pused = outcome(prev, b)
            pcovered |= pused
        out.append(_drift_row(b.label, b.section, -b.amount, utfall, putfall, full_year))
    rest = -sum(v for (a, p), v in cur.proj_period.items() if a in result_accounts and (a, p) not in covered)
    prest = (-sum(v for (a, p), v in prev.proj_period.items() if a in result_accounts and (a, p) not in pcovered)
             if prev else None)
    if rest or prest:
        out.append(_drift_row("Ej budgeterat", "ej_budgeterat", 0, rest, prest, full_year))
    out.append(_drift_row("Resultat", "summa", sum(r.budget for r in out), sum(r.utfall for r in out),
                          sum(r.previous_utfall for r in out) if prev else None, full_year, SUM))
    return Driftredovisning(tuple(out))


def _drift_row(label: str, section: str, budget: int, utfall: int, previous: int | None,
               full_year: bool, kind: str = ROW) -> DriftRow:
    return DriftRow(label, section, budget, utfall, utfall - budget if full_year else None, previous, kind,
                    percent_of(utfall, budget))
