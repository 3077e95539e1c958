"""Texts with live figures, and the check for figures written by hand.

A förvaltningsberättelse text may hold fields in braces, `{årets_resultat}`, filled from
the report when the document is rendered, in the document's unit (kr or tkr) and rounded
by reports.rounding like every table. Book one more verifikation and the text follows.

    fill("Årets resultat blev {resultatet}.", exact_report, "tkr")

`stale_figures(texts, exact_report)` finds every amount, percentage and year written by
hand in a text that matches no figure of the current report, and every one that matches
last year's figure of the same kind (årets resultat, eget kapital, its share of
tilldelade medel ...): the text was probably written for other figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from ..money import format_kr, round_half_away
from .keyfigures import RECOMMENDED_MAX_SHARE
from .model import HEADING, AnnualReport
from .rounding import in_unit

MINUS = "\u2212"

# The förvaltningsberättelse's sections whose texts may hold fields, with their headings
# (as render.pdf_context.FB_SECTIONS prints them).
SECTION_HEADINGS = {
    "oversikt": "Översikt över verksamhetens utveckling",
    "viktiga_forhallanden": "Viktiga förhållanden för resultat och ekonomisk ställning",
    "handelser": "Händelser av väsentlig betydelse",
    "styrning": "Styrning och uppföljning av verksamheten",
    "god_ekonomisk_hushallning": "God ekonomisk hushållning och ekonomisk ställning",
    "balanskrav": "Balanskravsresultat",
    "personal": "Väsentliga personalförhållanden",
    "forvantad_utveckling": "Förväntad utveckling",
    "disposition": "Förslag till disposition av årets resultat",
}


def _amount(ore: int | None, unit: str, *, signed: bool = True) -> str:
    if ore is None:
        return "–"
    v = in_unit(ore, unit)
    v = v if signed else abs(v)
    text = format_kr(v * 100 if unit == "tkr" else v, minus=MINUS)
    return f"{text} {'tkr' if unit == 'tkr' else 'kr'}"


def _pct(value: float | None, decimals: int = 2) -> str:
    if value is None:
        return "–"
    return f"{value:.{decimals}f}".replace(".", ",").replace("-", MINUS) + " %"


def _result(r: AnnualReport) -> int:
    return r.resultatrakning.row("arets_resultat").amount or 0


def _budget_result(r: AnnualReport) -> int | None:
    return r.resultatrakning.row("arets_resultat").budget if r.has_budget else None


def _resultatet(r: AnnualReport, unit: str) -> str:
    res = _result(r)
    return f"{'ett överskott' if res >= 0 else 'ett underskott'} på {_amount(res, unit, signed=False)}"


def _versus_budget(r: AnnualReport, unit: str) -> str:
    budget = _budget_result(r)
    if budget is None:
        return "–"
    diff = _result(r) - budget
    if in_unit(diff, unit) == 0:
        return "detsamma som budgeterat"
    return f"{_amount(diff, unit, signed=False)} {'bättre' if diff > 0 else 'sämre'} än budget"


def _over_cap(r: AnnualReport) -> int:
    eq = r.nyckeltal.eget_kapital
    return max(0, eq.eget_kapital - round(eq.tilldelade_medel * eq.rekommendation_procent / 100))


def _balanskrav(r: AnnualReport) -> int | None:
    rows = r.nyckeltal.balanskrav
    return rows[-1].amount if rows else None


# name -> (what it is, in Swedish, value(report in öre, unit) -> text)
FIELDS: dict[str, tuple[str, Callable[[AnnualReport, str], str]]] = {
    "år": ("räkenskapsåret, t.ex. 2025", lambda r, u: r.year_label),
    "period": ("rapportens period", lambda r, u: r.period.label),
    "periodens_slut": ("periodens sista dag", lambda r, u: r.period.till),
    "årets_resultat": ("årets (periodens) resultat med tecken",
                       lambda r, u: _amount(_result(r), u)),
    "periodens_resultat": ("periodens resultat med tecken (samma som årets_resultat)",
                           lambda r, u: _amount(_result(r), u)),
    "resultat_belopp": ("resultatet utan tecken", lambda r, u: _amount(_result(r), u, signed=False)),
    "resultatet": ("”ett överskott/underskott på …”", _resultatet),
    "budgeterat_resultat": ("årets budgeterade resultat", lambda r, u: _amount(_budget_result(r), u)),
    "avvikelse_mot_budget": ("”… bättre/sämre än budget”", _versus_budget),
    "eget_kapital": ("eget kapital vid periodens slut",
                     lambda r, u: _amount(r.balansrakning.row("summa_eget_kapital").amount, u)),
    "eget_kapital_andel": ("eget kapital i procent av tilldelade medel",
                           lambda r, u: _pct(r.nyckeltal.eget_kapital.andel_procent)),
    "eget_kapital_över_målet": (f"eget kapital över {RECOMMENDED_MAX_SHARE:.0f} % av tilldelade medel",
                                lambda r, u: _amount(_over_cap(r), u)),
    "tilldelade_medel": ("årets tilldelade medel (driftbidrag)",
                         lambda r, u: _amount(r.nyckeltal.eget_kapital.tilldelade_medel, u)),
    "balanskravsresultat": ("balanskravsresultatet", lambda r, u: _amount(_balanskrav(r), u)),
    "likvida_medel": ("kassa och bank vid periodens slut",
                      lambda r, u: _amount(r.balansrakning.row("kassa_och_bank").amount, u)),
    "verksamhetens_intäkter": ("verksamhetens intäkter",
                               lambda r, u: _amount(r.resultatrakning.row("verksamhetens_intakter").amount, u)),
    "verksamhetens_kostnader": ("verksamhetens kostnader",
                                lambda r, u: _amount(r.resultatrakning.row("verksamhetens_kostnader").amount, u)),
}

FIELD = re.compile(r"\{([^{}\s]+)\}")


def field_list() -> list[tuple[str, str]]:
    """[('{årets_resultat}', 'årets (periodens) resultat med tecken'), ...] for the wizard."""
    return [("{" + name + "}", what) for name, (what, _f) in FIELDS.items()]


def unknown_fields(text: str) -> list[str]:
    return [m.group(1) for m in FIELD.finditer(text or "") if m.group(1) not in FIELDS]


def fill(text: str, exact: AnnualReport, unit: str) -> str:
    """The text with every known field replaced by its figure from `exact` (the report
    in öre) in `unit` ('ore' prints kr, 'tkr' tkr). An unknown field stays as written."""
    if not text or "{" not in text:
        return text

    def one(m: re.Match) -> str:
        f = FIELDS.get(m.group(1))
        return f[1](exact, unit) if f else m.group(0)
    return FIELD.sub(one, text)


# ---------------------------------------------------------------- figures by hand
@dataclass(frozen=True)
class StaleFigure:
    key: str        # the text's key (a förvaltningsberättelse section)
    heading: str    # its heading
    written: str    # the figure as written, e.g. '247 382 kr'
    reason: str     # Swedish: why it is suspicious

    @property
    def message(self) -> str:
        return f"{self.heading}: ”{self.written}” {self.reason}"


NUMBER = r"\d{1,3}(?:[ \u00a0]\d{3})+|\d+"
PERCENT = re.compile(rf"(?<![\d,])({NUMBER})(?:,(\d+))?\s*(?:%|procent\b)")
AMOUNT = re.compile(rf"(?<![\d,.])([-−–]\s?)?({NUMBER})(?:,(\d+))?(?:\s*(tkr|tusen kronor|kr|kronor)\b)?")
YEAR = re.compile(r"(?<![\d-])((?:19|20)\d{2})(?![\d-])")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _kr(ore: int) -> int:
    return abs(round_half_away(ore, 100) // 100)


def _figures(r: AnnualReport) -> set[int]:
    """Every amount (öre, sign dropped) the report prints for the current period."""
    out: set[int] = set()
    for s in r.statements:
        for row in s.rows:
            if row.kind != HEADING:
                out |= {abs(v) for v in (row.amount, row.budget) if v is not None}
    for n in r.noter:
        out |= {abs(ln.amount) for ln in n.lines if ln.amount is not None}
        if n.total is not None:
            out.add(abs(n.total))
    if r.driftredovisning is not None:
        for d in r.driftredovisning.rows:
            out |= {abs(v) for v in (d.budget, d.utfall, d.avvikelse) if v is not None}
    kf = r.nyckeltal
    out |= {abs(k.amount) for k in kf.balanskrav}
    out |= {abs(kf.eget_kapital.eget_kapital), abs(kf.eget_kapital.tilldelade_medel), _over_cap(r)}
    for o in kf.femarsoversikt:
        out |= {abs(v) for v in (o.verksamhetens_intakter, o.verksamhetens_kostnader, o.arets_resultat,
                                 o.eget_kapital, o.tilldelade_medel, o.likvida_medel) if v is not None}
    budget = _budget_result(r)
    if budget is not None:
        out.add(abs(_result(r) - budget))
    return out


def _percents(r: AnnualReport) -> set[float]:
    out: set[float] = {RECOMMENDED_MAX_SHARE}
    kf = r.nyckeltal
    out |= {v for v in (kf.eget_kapital.andel_procent,) if v is not None}
    for o in kf.femarsoversikt:
        out |= {v for v in (o.andel_procent, o.soliditet_procent) if v is not None}
    for row in r.resultatrakning.rows:
        if row.budget_percent is not None:
            out.add(row.budget_percent)
    if r.driftredovisning is not None:
        out |= {d.andel_procent for d in r.driftredovisning.rows if d.andel_procent is not None}
    return {abs(v) for v in out}


def _previous_kinds(r: AnnualReport) -> dict[str, tuple[int | float | None, int | float | None]]:
    """{kind: (this period's figure, last year's)} for the figures a text names."""
    rr, br, kf = r.resultatrakning, r.balansrakning, r.nyckeltal
    prev_year = kf.femarsoversikt[1] if len(kf.femarsoversikt) > 1 else None
    return {
        "årets resultat": (_result(r), rr.row("arets_resultat").previous),
        "eget kapital": (br.row("summa_eget_kapital").amount, br.row("summa_eget_kapital").previous),
        "likvida medel": (br.row("kassa_och_bank").amount, br.row("kassa_och_bank").previous),
        "tilldelade medel": (kf.eget_kapital.tilldelade_medel, prev_year.tilldelade_medel if prev_year else None),
        "eget kapitals andel av tilldelade medel": (kf.eget_kapital.andel_procent,
                                                    prev_year.andel_procent if prev_year else None),
    }


def _years(r: AnnualReport) -> set[int]:
    out = {int(o.year_label[:4]) for o in r.nyckeltal.femarsoversikt if o.year_label[:4].isdigit()}
    for d in (r.period.fran, r.period.till) + ((r.previous_period.fran,) if r.previous_period else ()):
        out.add(int(d[:4]))
    y = int(r.period.till[:4])
    return out | {y - 1, y, y + 1}


def _matches_amount(ore_set: set[int], value: int, decimals: str | None, unit: str | None) -> bool:
    if unit in ("tkr", "tusen kronor"):
        written = value * 100_000 + (int(decimals[:2].ljust(2, "0")) * 1_000 if decimals else 0)
        return any(abs(round_half_away(v, 100_000) - round_half_away(written, 100_000)) < 100_000 and
                   (not decimals or abs(v - written) < 100_000 // 10 ** min(len(decimals), 2))
                   for v in ore_set)
    return any(_kr(v) == value or (unit is None and round_half_away(v, 100_000) // 100_000 == value)
               for v in ore_set)


def stale_figures(texts: dict[str, str], headings: dict[str, str], exact: AnnualReport) -> list[StaleFigure]:
    """Figures written by hand (outside fields) in the texts `texts` ({key: text}) that
    match no figure of `exact` (the report in öre), or that match last year's figure of
    the same kind while this year's differs. `headings` names each key's section."""
    figures = _figures(exact)
    percents = _percents(exact)
    years = _years(exact)
    kinds = _previous_kinds(exact)
    out: list[StaleFigure] = []
    for key, text in texts.items():
        if not text or key not in headings:
            continue
        heading = headings[key]
        plain = DATE.sub(" ", FIELD.sub(" ", text))
        taken: list[tuple[int, int]] = []

        def add(span, written, reason):
            taken.append(span)
            out.append(StaleFigure(key, heading, written.strip(), reason))

        for m in PERCENT.finditer(plain):
            taken.append(m.span())
            whole = m.group(1).replace(" ", "").replace("\u00a0", "")
            dec = m.group(2) or ""
            value = float(f"{whole}.{dec}" if dec else whole)
            same = [p for p in percents if round(p, len(dec)) == value]
            last = kinds["eget kapitals andel av tilldelade medel"]
            if last[1] is not None and round(last[1], len(dec)) == value and \
                    (last[0] is None or round(last[0], len(dec)) != value):
                out.append(StaleFigure(key, heading, m.group(0),
                                       "är förra årets eget kapitals andel av tilldelade medel."))
            elif not same:
                out.append(StaleFigure(key, heading, m.group(0), "finns inte bland rapportens procenttal."))
        for m in AMOUNT.finditer(plain):
            if any(a <= m.start() < b for a, b in taken):
                continue
            digits, dec, unit = m.group(2), m.group(3), m.group(4)
            grouped = " " in digits or "\u00a0" in digits
            value = int(digits.replace(" ", "").replace("\u00a0", ""))
            if unit is None and not grouped:
                if 1900 <= value <= 2099 and YEAR.fullmatch(digits):
                    if value not in years:
                        out.append(StaleFigure(key, heading, digits,
                                               "är ett år som rapporten inte avser."))
                continue  # a small count ("sex sammanträden", "3 insatser") is no amount
            written = m.group(0).strip()
            stale_kind = None
            for kind, (now, before) in kinds.items():
                if kind.startswith("eget kapitals andel") or before is None or now is None:
                    continue
                if _matches_amount({before}, value, dec, unit) and not _matches_amount({now}, value, dec, unit):
                    stale_kind = kind
                    break
            if stale_kind:
                out.append(StaleFigure(key, heading, written, f"är förra årets {stale_kind}."))
            elif not _matches_amount(figures, value, dec, unit):
                out.append(StaleFigure(key, heading, written, "stämmer inte med någon siffra i rapporten."))
    return out
