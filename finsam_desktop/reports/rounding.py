"""The one rounding rule for every printed figure (PDF, xlsx, JSON, text, desktop).

Every figure printed in tkr is its own exact amount (öre) rounded once, half away from
zero (`tkr`), the same in every table and text: a sum row too is the rounded exact sum,
never the sum of rounded rows. No figure is nudged to make a column add up; where a
table's rounded rows miss its rounded total the renderer prints `FOOTNOTE` below it
(`differences(report)` names those tables).
"""

from __future__ import annotations

from dataclasses import replace

from ..findings import Finding
from ..money import round_half_away
from .layout import LAYOUTS
from .model import HEADING, ROW, SUM, AnnualReport, Driftredovisning, Note, check_result

UNIT = 100_000  # öre in one tkr
FOOTNOTE = "Beloppen är avrundade till tkr; avrundningsdifferenser kan förekomma."


def tkr(ore: int | None) -> int | None:
    """Whole tkr: the exact öre amount rounded once, half away from zero."""
    if ore is None:
        return None
    return round_half_away(ore, UNIT) // UNIT


def in_unit(ore: int | None, unit: str) -> int | None:
    """An öre amount in a document's unit ('ore' keeps it, 'tkr' rounds it once)."""
    return tkr(ore) if unit == "tkr" else ore


def in_tkr(report: AnnualReport) -> AnnualReport:
    """The same report with every amount in whole tkr, each rounded once from öre."""
    if report.unit == "tkr":
        return report

    def statement(s):
        rr = s.id == "resultatrakning"
        rows = tuple(replace(r, amount=tkr(r.amount), previous=tkr(r.previous), budget=tkr(r.budget),
                             # a percentage is the exact figures' one
                             pinned_percent=(r.budget_percent,) if (rr and r.budget is not None) else ())
                     for r in s.rows)
        return replace(s, rows=rows)

    notes = tuple(replace(n, total=tkr(n.total), previous_total=tkr(n.previous_total),
                          lines=tuple(replace(ln, amount=tkr(ln.amount), previous=tkr(ln.previous))
                                      for ln in n.lines))
                  for n in report.noter)
    kf = report.nyckeltal
    bk = tuple(replace(r, amount=tkr(r.amount), previous=tkr(r.previous)) for r in kf.balanskrav)
    share = replace(kf.eget_kapital, eget_kapital=tkr(kf.eget_kapital.eget_kapital),
                    tilldelade_medel=tkr(kf.eget_kapital.tilldelade_medel))
    overview = tuple(replace(o, verksamhetens_intakter=tkr(o.verksamhetens_intakter),
                             verksamhetens_kostnader=tkr(o.verksamhetens_kostnader),
                             arets_resultat=tkr(o.arets_resultat), eget_kapital=tkr(o.eget_kapital),
                             tilldelade_medel=tkr(o.tilldelade_medel), likvida_medel=tkr(o.likvida_medel))
                     for o in kf.femarsoversikt)
    drift = None
    if report.driftredovisning is not None:
        drift = Driftredovisning(tuple(
            replace(r, budget=tkr(r.budget), utfall=tkr(r.utfall), avvikelse=tkr(r.avvikelse),
                    previous_utfall=tkr(r.previous_utfall))
            for r in report.driftredovisning.rows))
    return replace(report, unit="tkr",
                   resultatrakning=statement(report.resultatrakning),
                   balansrakning=statement(report.balansrakning),
                   kassaflodesanalys=statement(report.kassaflodesanalys),
                   noter=notes,
                   nyckeltal=replace(kf, balanskrav=bk, eget_kapital=share, femarsoversikt=overview),
                   driftredovisning=drift)


def _statement_misses(s) -> bool:
    layout = LAYOUTS[s.id]
    for col in ("amount", "previous", "budget"):
        vals = {r.id: getattr(r, col) for r in s.rows if r.kind != HEADING}
        if all(v is None for v in vals.values()):
            continue
        # A column with a gap (the balansräkning's Årets resultat when the comparison
        # is the ingående balanser) sums what it prints.
        for rid, _label, kind, parts in layout:
            if kind == SUM and vals.get(rid) is not None and all(p in vals for p in parts) and \
                    sum(vals[p] or 0 for p in parts) != vals[rid]:
                return True
    return False


def _lines_miss(lines, total=None, attr=("amount", "previous")) -> bool:
    """Note-like lines: a sum line is the rows since the last sum or heading; the total
    (if any) the sum of all rows."""
    for col in attr:
        acc, every, seen = 0, 0, False
        for ln in lines:
            v = getattr(ln, col)
            if ln.kind == ROW:
                acc += v or 0
                every += v or 0
                seen = seen or v is not None
            elif ln.kind == SUM:
                if v is not None and seen and v != acc:
                    return True
                acc = 0
            else:
                acc = 0
        t = total[0] if col == "amount" and total else (total[1] if total else None)
        if t is not None and seen and every != t:
            return True
    return False


def note_misses(n: Note) -> bool:
    return _lines_miss(n.lines, (n.total, n.previous_total)) if n.lines else False


def drift_misses(d: Driftredovisning | None) -> bool:
    if d is None:
        return False
    rows = [r for r in d.rows if r.kind == ROW]
    total = next((r for r in reversed(d.rows) if r.kind == SUM), None)
    if total is None:
        return False
    for col in ("budget", "utfall", "avvikelse", "previous_utfall"):
        vals = [getattr(r, col) for r in rows]
        t = getattr(total, col)
        if t is not None and all(v is not None for v in vals) and sum(vals) != t:
            return True
    return False


def balanskrav_misses(rows) -> bool:
    for col in ("amount", "previous"):
        acc = 0
        for r in rows:
            v = getattr(r, col)
            if v is None:
                break
            if r.kind == SUM:
                if v != acc:
                    return True
            else:
                acc += v
    return False


def sums_miss(values, total) -> bool:
    """A column of printed figures that does not add up to its printed total."""
    return total is not None and sum(v for v in values if v is not None) != total


def differences(t: AnnualReport) -> set[str]:
    """The tables whose printed rows miss their printed sums (ids: the statements',
    'not_<id>', 'driftredovisning', 'balanskrav'): each gets FOOTNOTE."""
    if t.unit != "tkr":
        return set()
    out = {s.id for s in t.statements if _statement_misses(s)}
    out |= {f"not_{n.id}" for n in t.noter if note_misses(n)}
    if drift_misses(t.driftredovisning):
        out.add("driftredovisning")
    if balanskrav_misses(t.nyckeltal.balanskrav):
        out.add("balanskrav")
    return out


def tkr_check(exact: AnnualReport) -> Finding:
    """The printed tkr figures are each the exact figure rounded once, and the figure
    that appears in several tables prints the same in all of them."""
    t = in_tkr(exact)
    problems: list[str] = []
    for s, e in zip(t.statements, exact.statements):
        for r, x in zip(s.rows, e.rows):
            if r.amount != tkr(x.amount) or r.previous != tkr(x.previous):
                problems.append(f"{s.title}: {r.label}")
    g = lambda s, rid: s.row(rid).amount  # noqa: E731
    if g(t.resultatrakning, "arets_resultat") != g(t.kassaflodesanalys, "arets_resultat") or \
            g(t.resultatrakning, "arets_resultat") != g(t.balansrakning, "arets_resultat"):
        problems.append("årets resultat skiljer mellan räkningarna")
    if g(t.balansrakning, "kassa_och_bank") != g(t.kassaflodesanalys, "likvida_medel_vid_arets_slut"):
        problems.append("kassa och bank skiljer från likvida medel vid årets slut")
    for n in t.noter:
        if n.total is None or not n.row_ids or n.id == "interimsskulder":
            continue
        sid, rid = n.row_ids[0]
        if getattr(t, sid).row(rid).amount != n.total:
            problems.append(f"not {n.number} mot raden")
    ok = not problems
    return check_result("tkr_avrundning", ok,
                        "Varje belopp i tkr är sitt exakta belopp avrundat en gång och visas lika i "
                        "alla tabeller." if ok else
                        "Avrundningen till tkr stämmer inte: " + "; ".join(problems) + ".")
