"""The report in tkr, rounded so that every printed table adds up and a figure prints
the same everywhere.

Each table's total is rounded on its own (half away from zero); its rows are rounded with
the largest-remainder method (money.round_to_total) so that they sum to it. Figures that
appear in several tables are rounded once and pinned: årets resultat (resultaträkning →
balansräkning, kassaflödesanalys, eget kapital note, balanskrav), kassa och bank
(balansräkning → likvida medel vid årets slut, and last year's → vid årets början), each
statement row → the total of the note that explains it.
"""

from __future__ import annotations

from dataclasses import replace

from ..book.vouchers import day_before
from ..findings import Finding
from ..money import round_to_total, to_tkr
from .layout import BALANSRAKNING, KASSAFLODESANALYS, LAYOUTS, RESULTATRAKNING, with_sums
from .model import ROW, SUM, AnnualReport, Driftredovisning, Note, Statement, check_result
from .notes import PERIOD_RESULT_LINE, RESULT_LINE, fill_sums

UNIT = 100_000  # öre in one tkr


def round_rows(values: list[int], target: int, pins: dict[int, int] | None = None) -> list[int]:
    """Round öre `values` to tkr so that they sum to `target` tkr; `pins` fixes some
    positions to given tkr values."""
    pins = pins or {}
    free = [i for i in range(len(values)) if i not in pins]
    out = [pins.get(i, 0) for i in range(len(values))]
    rest = target - sum(pins.values())
    if not free:
        return out
    rounded = round_to_total([values[i] for i in free], rest * UNIT, UNIT)
    # round_to_total hands out at most one unit per value; a pinned figure can need more.
    missing = rest * UNIT - sum(rounded)
    order = sorted(range(len(free)), key=lambda k: -abs(values[free[k]]))
    k = 0
    while missing:
        step = UNIT if missing > 0 else -UNIT
        rounded[order[k % len(order)]] += step
        missing -= step
        k += 1
    for i, v in zip(free, rounded):
        out[i] = v // UNIT
    return out


def _leaves(layout) -> list[str]:
    return [rid for rid, _l, kind, _p in layout if kind == ROW]


def _round_statement(layout, values: dict[str, int], total_id: str, total: int,
                     pins: dict[str, int] | None = None, only: list[str] | None = None) -> dict[str, int]:
    ids = only or _leaves(layout)
    pins = pins or {}
    r = round_rows([values[i] for i in ids], total, {k: pins[i] for k, i in enumerate(ids) if i in pins})
    return dict(zip(ids, r))


ASSETS = ["immateriella_anlaggningstillgangar", "materiella_anlaggningstillgangar",
          "finansiella_anlaggningstillgangar", "forrad", "fordringar", "kortfristiga_placeringar",
          "kassa_och_bank"]
RIGHT_SIDE = ["arets_resultat", "ovrigt_eget_kapital", "avsattningar", "langfristiga_skulder",
              "kortfristiga_skulder"]
FLOW_IDS = ["arets_resultat", "justering_for_ej_likviditetspaverkande_poster", "okning_minskning_forrad",
            "okning_minskning_kortfristiga_fordringar", "okning_minskning_kortfristiga_skulder",
            "kassaflode_fran_investeringsverksamheten", "kassaflode_fran_finansieringsverksamheten"]


def round_rr(rr: dict) -> dict:
    leaves = _round_statement(RESULTATRAKNING, rr, "arets_resultat", to_tkr(rr["arets_resultat"]))
    return with_sums(RESULTATRAKNING, leaves)


def round_br(br: dict, result: int) -> dict:
    """A balance sheet in tkr with årets resultat pinned to `result` (tkr)."""
    total = to_tkr(br["summa_tillgangar"])
    leaves = _round_statement(BALANSRAKNING, br, "", total, only=ASSETS)
    # A book whose balance sheet does not balance in öre must not balance in tkr either.
    right_total = to_tkr(br["summa_eget_kapital_avsattningar_och_skulder"]) \
        if br["summa_tillgangar"] != br["summa_eget_kapital_avsattningar_och_skulder"] else total
    leaves.update(_round_statement(BALANSRAKNING, br, "", right_total, {"arets_resultat": result},
                                   only=RIGHT_SIDE))
    return with_sums(BALANSRAKNING, leaves)


def round_kfa(kfa: dict, result: int, end: int, start: int | None) -> dict:
    """A kassaflödesanalys in tkr: the result pinned, likvida medel at the end (and at
    the start, when given) pinned to the balance sheets' printed kassa och bank."""
    start = to_tkr(kfa["likvida_medel_vid_arets_borjan"]) if start is None else start
    flow_target = end - start if kfa["arets_kassaflode"] == (kfa["likvida_medel_vid_arets_slut"] -
                                                             kfa["likvida_medel_vid_arets_borjan"]) \
        else to_tkr(kfa["arets_kassaflode"])
    k = _round_statement(KASSAFLODESANALYS, kfa, "", flow_target, {"arets_resultat": result}, only=FLOW_IDS)
    k["likvida_medel_vid_arets_borjan"] = start
    k["likvida_medel_vid_arets_slut"] = end
    return with_sums(KASSAFLODESANALYS, k)


def round_column(rr: dict, br: dict, kfa: dict, kassa_start: int | None = None):
    """One column (this period or last year) of the three statements in tkr."""
    rr_t = round_rr(rr)
    br_t = round_br(br, rr_t["arets_resultat"])
    kfa_t = round_kfa(kfa, rr_t["arets_resultat"], br_t["kassa_och_bank"], kassa_start)
    return rr_t, br_t, kfa_t


def round_previous(report: AnnualReport):
    """Last year's columns in tkr. In a delårsrapport the balansräkning's column is the
    previous bokslutsdag (its own årets resultat and kassa), the other two the same
    period last year (their likvida medel pinned to nothing but themselves)."""
    prr, pbr, pkfa = (s.previous_amounts() for s in report.statements)
    if report.previous_balance_date in (None, report.previous_period.till):
        return round_column(prr, pbr, pkfa)
    rr_t = round_rr(prr)
    br_t = round_br(pbr, to_tkr(pbr["arets_resultat"]))
    kfa_t = round_kfa(pkfa, rr_t["arets_resultat"], to_tkr(pkfa["likvida_medel_vid_arets_slut"]), None)
    return rr_t, br_t, kfa_t


def _round_note(n: Note, total: int | None, ptotal: int | None, pins: dict, ppins: dict) -> Note:
    """Round a note's lines to its (pinned) totals; sum lines are recomputed."""
    idx = [i for i, ln in enumerate(n.lines) if ln.kind == ROW]
    lines = list(n.lines)
    groups = _groups(lines)
    if total is not None and idx:
        now = _round_grouped([lines[i].amount or 0 for i in idx], groups, total,
                             {k: pins[lines[i].label] for k, i in enumerate(idx) if lines[i].label in pins})
    else:
        now = [to_tkr(lines[i].amount or 0) for i in idx]
    has_prev = any(lines[i].previous is not None for i in idx)
    if ptotal is not None and idx and has_prev:
        before = _round_grouped([lines[i].previous or 0 for i in idx], groups, ptotal,
                                {k: ppins[lines[i].label] for k, i in enumerate(idx) if lines[i].label in ppins})
    else:
        before = [None if lines[i].previous is None else to_tkr(lines[i].previous) for i in idx]
    for k, i in enumerate(idx):
        lines[i] = replace(lines[i], amount=now[k], previous=before[k])
    lines = fill_sums([ln if ln.kind != SUM else replace(ln, amount=None, previous=None) for ln in lines])
    return replace(n, lines=tuple(lines), total=total, previous_total=ptotal)


def _groups(lines) -> list[list[int]]:
    """The note's row lines (as positions among its ROW lines) grouped as fill_sums sums
    them: a group ends at a sum line or a heading."""
    groups, cur, k = [], [], 0
    for ln in lines:
        if ln.kind == ROW:
            cur.append(k)
            k += 1
        elif cur:
            groups.append(cur)
            cur = []
    if cur:
        groups.append(cur)
    return groups


def _round_grouped(values: list[int], groups: list[list[int]], total: int, pins: dict[int, int]) -> list[int]:
    """Round a note's lines so that they sum to `total`. In a note of several groups
    (insatser, styrelse, kansli ...) each group's sum is rounded first, as a figure of
    its own, and its lines to that: a group sum prints as its own rounded figure, the
    same as in any other table, not as the sum of its lines' roundings."""
    if len(groups) <= 1 or pins:
        return round_rows(values, total, pins)
    sums = round_rows([sum(values[k] for k in g) for g in groups], total)
    out = [0] * len(values)
    for g, t in zip(groups, sums):
        for k, v in zip(g, round_rows([values[k] for k in g], t)):
            out[k] = v
    return out


def in_tkr(report: AnnualReport) -> AnnualReport:
    """The same report with every amount in whole tkr, rounded so that tables add up."""
    if report.unit == "tkr":
        return report
    cur = [s.amounts() for s in report.statements]
    rr_t, br_t, kfa_t = None, None, None
    prev_t = None
    if report.previous_period is not None:
        prev_t = round_previous(report)
    pin_start = None
    balance_date = report.previous_balance_date
    if prev_t is not None and balance_date is not None and balance_date == day_before(report.period.fran):
        pin_start = prev_t[1]["kassa_och_bank"]
    rr_t, br_t, kfa_t = round_column(*cur, kassa_start=pin_start)
    budget_t = None
    if report.has_budget:
        budget = {r.id: r.budget or 0 for r in report.resultatrakning.rows}
        leaves = _round_statement(RESULTATRAKNING, budget, "", to_tkr(budget["arets_resultat"]))
        budget_t = with_sums(RESULTATRAKNING, leaves)

    def statement(s: Statement, now: dict, before: dict | None) -> Statement:
        rr = s.id == "resultatrakning"
        rows = tuple(replace(r, amount=now[r.id], previous=before[r.id] if before else None,
                             budget=budget_t[r.id] if (budget_t and rr) else None,
                             pinned_percent=(r.budget_percent,) if (budget_t and rr) else ())
                     for r in s.rows)
        return replace(s, rows=rows)

    tables = {"resultatrakning": (rr_t, prev_t[0] if prev_t else None),
              "balansrakning": (br_t, prev_t[1] if prev_t else None),
              "kassaflodesanalys": (kfa_t, prev_t[2] if prev_t else None)}
    notes: list[Note] = []
    accrual = set(report.extra.get("accrual_accounts", ()))
    for n in report.noter:
        if n.total is None or not n.row_ids:
            notes.append(n)
            continue
        pins, ppins = {}, {}
        if n.id == "interimsskulder":
            ks = next((x for x in notes if x.id == "kortfristiga_skulder"), None)
            total = sum(ln.amount for ln in ks.lines if ln.account in accrual) if ks else to_tkr(n.total)
            ptotal = (sum(ln.previous or 0 for ln in ks.lines if ln.account in accrual)
                      if ks and n.previous_total is not None else
                      (None if n.previous_total is None else to_tkr(n.previous_total)))
        else:
            sid, rid = n.row_ids[0]
            now, before = tables[sid]
            total = now[rid]
            ptotal = before[rid] if before and n.previous_total is not None else None
            if n.id == "eget_kapital":
                # The result line is the statements' result: this period's, and last
                # year's as the balansräkning's comparison column prints it.
                pins = {label: rr_t["arets_resultat"] for label in (RESULT_LINE, PERIOD_RESULT_LINE)}
                ppins = ({label: prev_t[1]["arets_resultat"] for label in (RESULT_LINE, PERIOD_RESULT_LINE)}
                         if prev_t else {})
        notes.append(_round_note(n, total, ptotal, pins, ppins))

    kf = report.nyckeltal
    bk = []
    for r in kf.balanskrav:
        if r.id == "arets_resultat":
            bk.append(replace(r, amount=rr_t["arets_resultat"],
                              previous=prev_t[0]["arets_resultat"] if prev_t else None))
        else:
            bk.append(replace(r, amount=to_tkr(r.amount), previous=None if r.previous is None else to_tkr(r.previous)))
    running, prun = 0, 0
    for i, r in enumerate(bk):
        if r.kind == SUM:
            bk[i] = replace(r, amount=running, previous=prun if r.previous is not None else None)
        else:
            running += r.amount
            prun += r.previous or 0
    share = replace(kf.eget_kapital, eget_kapital=br_t["summa_eget_kapital"],
                    tilldelade_medel=to_tkr(kf.eget_kapital.tilldelade_medel))
    overview = []
    for i, o in enumerate(kf.femarsoversikt):
        src = (rr_t, br_t) if i == 0 else ((prev_t[0], prev_t[1]) if (i == 1 and prev_t and
                                                                      report.extra.get("full_year")) else None)
        if i == 1 and prev_t and not report.extra.get("full_year", True) and \
                report.previous_balance_date is not None:
            # A delårsrapport: last year's balansräkning column is that year's closing.
            b = prev_t[1]
            overview.append(replace(o, verksamhetens_intakter=to_tkr(o.verksamhetens_intakter),
                                    verksamhetens_kostnader=to_tkr(o.verksamhetens_kostnader),
                                    arets_resultat=b["arets_resultat"], eget_kapital=b["summa_eget_kapital"],
                                    tilldelade_medel=to_tkr(o.tilldelade_medel), likvida_medel=b["kassa_och_bank"]))
            continue
        if src:
            r, b = src
            overview.append(replace(o, verksamhetens_intakter=r["verksamhetens_intakter"],
                                    verksamhetens_kostnader=r["verksamhetens_kostnader"] + r["avskrivningar"]
                                    + r["finansiella_kostnader"], arets_resultat=r["arets_resultat"],
                                    eget_kapital=b["summa_eget_kapital"], tilldelade_medel=to_tkr(o.tilldelade_medel),
                                    likvida_medel=b["kassa_och_bank"]))
        else:
            overview.append(replace(o, verksamhetens_intakter=to_tkr(o.verksamhetens_intakter),
                                    verksamhetens_kostnader=to_tkr(o.verksamhetens_kostnader),
                                    arets_resultat=to_tkr(o.arets_resultat), eget_kapital=to_tkr(o.eget_kapital),
                                    tilldelade_medel=to_tkr(o.tilldelade_medel),
                                    likvida_medel=to_tkr(o.likvida_medel)))
    drift = None
    if report.driftredovisning is not None:
        drift = _round_drift(report.driftredovisning, rr_t["arets_resultat"],
                             budget_t["arets_resultat"] if budget_t else None,
                             prev_t[0]["arets_resultat"] if prev_t else None)
    return replace(report, unit="tkr",
                   resultatrakning=statement(report.resultatrakning, *tables["resultatrakning"]),
                   balansrakning=statement(report.balansrakning, *tables["balansrakning"]),
                   kassaflodesanalys=statement(report.kassaflodesanalys, *tables["kassaflodesanalys"]),
                   noter=tuple(notes),
                   nyckeltal=replace(kf, balanskrav=tuple(bk), eget_kapital=share, femarsoversikt=tuple(overview)),
                   driftredovisning=drift)


def _round_drift(d: Driftredovisning, result: int, budget_total: int | None, prev_result: int | None):
    rows = [r for r in d.rows if r.kind == ROW]
    total = next(r for r in d.rows if r.kind == SUM)
    b = round_rows([r.budget for r in rows], budget_total if budget_total is not None else to_tkr(total.budget))
    u = round_rows([r.utfall for r in rows], result)
    p = (round_rows([r.previous_utfall or 0 for r in rows], prev_result)
         if prev_result is not None and total.previous_utfall is not None else [None] * len(rows))
    # andel_procent stays the exact figures' percentage (replace keeps it).
    out = [replace(r, budget=b[i], utfall=u[i], avvikelse=None if r.avvikelse is None else u[i] - b[i],
                   previous_utfall=p[i])
           for i, r in enumerate(rows)]
    out.append(replace(total, budget=sum(b), utfall=sum(u),
                       avvikelse=None if total.avvikelse is None else sum(u) - sum(b),
                       previous_utfall=None if p[0] is None and rows else (sum(x for x in p if x is not None)
                                                                          if total.previous_utfall is not None
                                                                          else None)))
    return Driftredovisning(tuple(out))


def tkr_check(t: AnnualReport) -> Finding:
    """Verify that the rounded report adds up and repeats the same figure everywhere."""
    problems: list[str] = []
    for s in t.statements:
        for col in ("amount", "previous"):
            vals = {r.id: getattr(r, col) for r in s.rows}
            if any(v is None for v in vals.values()):
                continue
            summed = with_sums(LAYOUTS[s.id], vals)
            bad = [rid for rid in summed if summed[rid] != vals[rid]]
            if bad:
                problems.append(f"{s.title}: {', '.join(bad)}")
    for col in ("amount", "previous"):
        g = lambda s, rid: getattr(s.row(rid), col)  # noqa: E731
        if g(t.resultatrakning, "arets_resultat") is None:
            continue
        # A delårsrapport's balansräkning compares with last year's bokslutsdag, not with
        # the period the other two statements compare with.
        same_dates = col == "amount" or t.previous_balance_date in (None, t.previous_period.till)
        if g(t.resultatrakning, "arets_resultat") != g(t.kassaflodesanalys, "arets_resultat") or \
                (same_dates and g(t.resultatrakning, "arets_resultat") != g(t.balansrakning, "arets_resultat")):
            problems.append("årets resultat skiljer mellan räkningarna")
        if same_dates and g(t.balansrakning, "kassa_och_bank") != g(t.kassaflodesanalys,
                                                                   "likvida_medel_vid_arets_slut"):
            problems.append("kassa och bank skiljer från likvida medel vid årets slut")
        if g(t.balansrakning, "summa_tillgangar") != g(t.balansrakning,
                                                      "summa_eget_kapital_avsattningar_och_skulder"):
            problems.append("balansräkningen")
        k = t.kassaflodesanalys
        if g(k, "arets_kassaflode") != g(k, "likvida_medel_vid_arets_slut") - g(k, "likvida_medel_vid_arets_borjan"):
            problems.append("årets kassaflöde")
    for n in t.noter:
        if n.total is None or not n.row_ids:
            continue
        rows = sum(ln.amount for ln in n.lines if ln.kind == ROW)
        if rows != n.total:
            problems.append(f"not {n.number}")
        if n.id != "interimsskulder":
            sid, rid = n.row_ids[0]
            if getattr(t, sid).row(rid).amount != n.total:
                problems.append(f"not {n.number} mot raden")
    ok = not problems
    return check_result("tkr_avrundning", ok,
                 "Avrundningen till tkr går jämnt ut: raderna summerar till summorna och samma belopp "
                 "visas lika i alla tabeller." if ok else
                 "Avrundningen till tkr går inte jämnt ut: " + "; ".join(problems) + ".")
