"""The report as one JSON object (the `finsam report --json` contract).

Every row id of the three statements is present; amounts are integers in the report's
unit (öre from build_report, tkr after in_tkr: see "enhet")."""

from __future__ import annotations

from dataclasses import asdict

from ..reports.model import HEADING, OPENING_BALANCES_CAPTION, AnnualReport, Note, interimsskulder_per_projekt
from ..reports.rounding import differences


def _note(n: Note) -> dict:
    return {
        "nummer": n.number,
        "rubrik": n.title,
        "text": n.text,
        "rader": [{"text": ln.label, "belopp": ln.amount, "foregaende": ln.previous, "typ": ln.kind,
                   "niva": ln.indent, **({"konto": ln.account} if ln.account is not None else {}),
                   **({"insats_id": ln.project_id} if ln.project_id is not None else {})}
                  for ln in n.lines],
        "summa": n.total,
        "foregaende_summa": n.previous_total,
        "rader_i_rakningarna": [f"{sid}.{rid}" for sid, rid in n.row_ids],
    }


def _overview(o) -> dict:
    """A five-year column; "from_opening_balances": true only on the column of the year
    before the book made from its ingående balanser (its flows are null)."""
    d = asdict(o)
    if not d["from_opening_balances"]:
        del d["from_opening_balances"]
    return d


def to_json(report: AnnualReport) -> dict:
    r = report
    prev = None
    if r.previous_period is not None:
        prev = {s.id: s.previous_amounts() for s in r.statements}
        prev["period"] = {"fran": r.previous_period.fran, "till": r.previous_period.till}
        # The balansräkning's comparison date: in a delårsrapport last year's bokslutsdag.
        prev["balansdag"] = r.previous_balance_date
    elif r.previous_from_opening_balances:
        # The book's first year: the balansräkning compares with its ingående balanser
        # (dated the day before the year); the flows of that year are not known.
        prev = {s.id: s.previous_amounts() for s in r.statements}
        prev["period"] = None
        prev["balansdag"] = r.previous_balance_date
        prev["kalla"] = "ingaende_balanser"
        prev["anmarkning"] = OPENING_BALANCES_CAPTION
    noter: dict = {n.id: _note(n) for n in r.noter}
    noter["interimsskulder_per_projekt"] = interimsskulder_per_projekt(r)
    kf = r.nyckeltal
    drift = None
    if r.driftredovisning is not None:
        drift = [{"rad": d.label, "del": d.section, "budget": d.budget, "utfall": d.utfall,
                  "avvikelse": d.avvikelse, "foregaende_utfall": d.previous_utfall, "typ": d.kind}
                 for d in r.driftredovisning.rows]
    return {
        "forbund": asdict(r.forbund),
        "ar": r.year_label,
        "enhet": r.unit,
        # tables whose rounded rows miss their rounded total (each figure is rounded once)
        "avrundningsdifferenser": sorted(differences(r)),
        "stangt": r.is_closed,
        "period": {"fran": r.period.fran, "till": r.period.till},
        "resultatrakning": r.resultatrakning.amounts(),
        "balansrakning": r.balansrakning.amounts(),
        "kassaflodesanalys": r.kassaflodesanalys.amounts(),
        "budget": ({row.id: row.budget for row in r.resultatrakning.rows if row.kind != HEADING}
                   if r.has_budget else None),
        "foregaende_ar": prev,
        "noter": noter,
        "nyckeltal": {
            "balanskravsresultat": {k.id: k.amount for k in kf.balanskrav},
            "balanskravsresultat_foregaende_ar": ({k.id: k.previous for k in kf.balanskrav}
                                                  if r.previous_period else None),
            "eget_kapital_andel_av_tilldelade_medel": asdict(kf.eget_kapital),
            "femarsoversikt": [_overview(o) for o in kf.femarsoversikt],
            "driftredovisning": drift,
        },
        "eget_kapital_konvention": r.equity_convention,
        "kontroller": [{"id": c.check, "ok": c.ok, "meddelande": c.message} for c in r.kontroller],
    }
