"""The board's ekonomisk rapport and the verksamhetsplan's budget pages as PDFs, from
reports.board_report / reports.budget_plan data only.

    render_board_report(build_board_report(book, y.id, "2025-09-30"), "rapport.pdf")
    render_budget_plan(build_budget_plan(book, y.id), "plan.pdf")
"""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.platypus import CondPageBreak, KeepTogether, NextPageTemplate, Paragraph, Spacer

from ..errors import FinsamError
from ..files import write_atomically
from ..reports.board_report import BoardReport, sections
from ..reports.budget_plan import BudgetPlanReport
from ..reports.charts import balance_chart
from .pdf_charts import chart_drawing
from .pdf_doc import DocInfo, ReportDocTemplate
from .pdf_styles import FRAME_WIDTH, styles
from .pdf_tables import HEADING, ROW, SUM, TOTAL, Formatter, Line, _escape, amount_table, percent

KR = Formatter("ore")


def _amount(v: int | None) -> str:
    return KR.amount(v)


def _kr(v: int | None) -> str:
    return KR.kr(v)


def _title(st, forbund: str, title: str, sub: str) -> list:
    return [Spacer(1, 10), Paragraph(_escape(forbund), st["cover_org"]), Spacer(1, 6),
            Paragraph(_escape(title), st["part"]), Paragraph(_escape(sub), st["lead"]), Spacer(1, 10),
            NextPageTemplate("body")]


def _share_sentence(andel, rek, golv, over_golv, equity) -> str:
    if andel is None:
        s = "Tilldelade medel saknas, så eget kapitals andel kan inte beräknas."
    else:
        side = "inom" if andel <= rek else "över"
        s = (f"Eget kapital {_kr(equity)} motsvarar {percent(andel, 2)} av tilldelade medel, "
             f"{side} Nationella rådets rekommendation om högst {percent(rek, 0)}.")
    if golv is not None:
        s += (f" Förbundets golv för eget kapital, {_kr(golv)}, "
              + ("hålls." if over_golv else "underskrids.") )
    return s


def board_story(r: BoardReport) -> list:
    st = styles()
    p = r.prognosis
    out = _title(st, r.forbund, f"Ekonomisk rapport per {r.to_date}",
                 f"Räkenskapsåret {r.year_label} ({p.date_from} – {p.year_end}). Budgetuppföljning och "
                 "prognos för helåret till styrelsen.")
    if not r.has_budget:
        out.append(Paragraph("Ingen budget är inlagd för året; rapporten visar bara utfallet.", st["warning"]))
    summary = [
        Line("Budgeterat resultat för året", (_amount(p.budget_result),)),
        Line(f"Budget för perioden t.o.m. {p.to_date}", (_amount(p.budget_to_date_result),)),
        Line(f"Utfall t.o.m. {p.to_date}", (_amount(p.outcome_result),)),
        Line("Prognos årets resultat", (_amount(p.prognosis_result),), SUM),
        Line("Avvikelse prognos mot budget", (_amount(p.prognosis_result - p.budget_result),)),
        Line("Balanskravsresultat (prognos)", (_amount(p.balanskravsresultat),)),
        Line("Eget kapital vid årets början", (_amount(p.eget_kapital_in),)),
        Line("Eget kapital vid årets slut, prognos", (_amount(p.eget_kapital_out),), SUM),
        Line("Tilldelade medel", (_amount(p.tilldelade_medel),)),
        Line("Eget kapital i procent av tilldelade medel (prognos)", (percent(p.andel_procent, 2),)),
    ]
    out += [Paragraph("Sammanfattning", st["h2"]), amount_table(summary, ("Belopp",), unit_label="kr",
                                                                    amount_width=90),
            Spacer(1, 6),
            Paragraph(_escape(_share_sentence(p.andel_procent, p.rekommendation_procent, p.golv, p.over_golv,
                                              p.eget_kapital_out)), st["body"]),
            Spacer(1, 8)]
    for w in r.warnings:
        out += [Paragraph(_escape(w), st["warning"]), Spacer(1, 6)]
    if r.charts:
        out.append(KeepTogether([chart_drawing(r.charts[0], FRAME_WIDTH, 210)]))
    out += [NextPageTemplate("body"), CondPageBreak(400),
            Paragraph("Utfall och prognos per budgetrad", st["h2"])]
    upto = f"{int(p.to_date[8:])}/{int(p.to_date[5:7])}"
    heads = ("Budget<br/>helår", f"Budget<br/>t.o.m. {upto}", f"Utfall<br/>t.o.m. {upto}",
             f"Avvikelse<br/>t.o.m. {upto}", "Prognos<br/>helår", "Avvikelse<br/>helår")
    lines: list[Line] = []
    comments = []
    for _sid, title, rows in sections(p):
        lines.append(Line(title, ("",) * len(heads), HEADING))
        for x in rows:
            mark = ""
            if x.override is not None or x.comment:
                comments.append((x.label, x.comment, x.override is not None))
                mark = f" ({len(comments)})"
            lines.append(Line(x.label + mark, (_amount(x.budget_year), _amount(x.budget_to_date),
                                               _amount(x.outcome_to_date), _amount(x.deviation_to_date),
                                               _amount(x.prognosis), _amount(x.deviation)), ROW, indent=1))
        lines.append(Line(f"Summa {title.lower()}", tuple(_amount(sum(getattr(x, f) for x in rows)) for f in (
            "budget_year", "budget_to_date", "outcome_to_date", "deviation_to_date", "prognosis", "deviation")),
            SUM))
    lines.append(Line("Resultat", (_amount(p.budget_result), _amount(p.budget_to_date_result),
                                   _amount(p.outcome_result), _amount(p.outcome_result - p.budget_to_date_result),
                                   _amount(p.prognosis_result), _amount(p.prognosis_result - p.budget_result)),
                      TOTAL))
    out.append(amount_table(lines, heads, unit_label="kr", amount_width=56.5))
    out.append(Spacer(1, 4))
    out.append(Paragraph("Budget för perioden: årets budget fördelad jämnt per månad eller enligt radens "
                         "månadsprofil. Prognos: utfall hittills plus återstående budget, om inte styrelsen "
                         "har satt en egen prognos för raden. Avvikelse: positiv är bättre än budget.",
                         st["small"]))
    if comments:
        block = [Spacer(1, 6), Paragraph("Kommentarer till prognosen", st["h3"])]
        for i, (label, text, own) in enumerate(comments, 1):
            lead = "styrelsens prognos" if own else "kommentar"
            block.append(Paragraph(f"({i}) {_escape(label)} – {lead}" + (f": {_escape(text)}" if text else "."),
                                   st["body"]))
        out.append(KeepTogether(block))
    for c in r.charts[1:]:
        out += [Spacer(1, 10), KeepTogether([chart_drawing(c, FRAME_WIDTH, 230)])]
    return out


def plan_story(plan: BudgetPlanReport) -> list:
    st = styles()
    year = plan.columns[plan.budget_column]
    out = _title(st, plan.forbund, f"Resultat- och balansbudget {year}",
                 f"Verksamhetsplan {year}: budget {year} och plan för "
                 f"{' och '.join(plan.columns[plan.budget_column + 1:])}.")
    heads = tuple(("Budget " if i <= plan.budget_column else "Plan ") + c for i, c in enumerate(plan.columns))
    lines: list[Line] = [Line("Resultatbudget", ("",) * len(heads), HEADING)]
    for s in plan.sections:
        lines.append(Line(s.title, ("",) * len(heads), HEADING))
        for r in s.rows:
            lines.append(Line(r.label, tuple("" if v is None else _amount(v) for v in r.amounts), ROW, indent=1))
        lines.append(Line(f"Summa {s.title.lower()}", tuple("" if v is None else _amount(v) for v in s.totals),
                          SUM))
    lines.append(Line("Årets resultat", tuple(_amount(v) for v in plan.results), TOTAL))
    out += [Paragraph("Resultatbudget", st["h2"]),
            amount_table(lines[1:], heads, unit_label="kr", amount_width=72), Spacer(1, 14)]
    b = plan.balance
    bl = [Line("Eget kapital vid årets början", tuple(_amount(x.eget_kapital_in) for x in b)),
          Line("Årets resultat", tuple(_amount(x.result) for x in b)),
          Line("Eget kapital vid årets slut", tuple(_amount(x.eget_kapital_out) for x in b), TOTAL),
          Line("Tilldelade medel", tuple(_amount(x.tilldelade_medel) for x in b)),
          Line("Eget kapital i procent av tilldelade medel", tuple(percent(x.andel_procent, 2) for x in b)),
          Line(f"Rekommendation (högst {percent(b[0].rekommendation_procent, 0)})",
               tuple("inom" if x.inom_rekommendation else ("över" if x.inom_rekommendation is False else "–")
                     for x in b))]
    if b and b[0].golv is not None:
        bl.append(Line(f"Förbundets golv ({_kr(b[0].golv)})",
                       tuple("hålls" if x.over_golv else "underskrids" for x in b)))
    out += [KeepTogether([Paragraph("Balansbudget", st["h2"]),
                          amount_table(bl, heads, unit_label="kr", amount_width=72)])]
    source = {"beslut": "det belopp styrelsen har angett för budgeten",
              "bokforing": "bokföringens ingående balans för året",
              "prognos": "prognosen för föregående års utgående eget kapital",
              "ingen": "noll (boken har inget eget kapital före året)"}[plan.equity_in_source]
    out += [Spacer(1, 4), Paragraph(f"Eget kapital vid budgetårets början är {source}. Planåren är en "
                                    "uppskattning.", st["small"]),
            Spacer(1, 12), KeepTogether([chart_drawing(balance_chart(plan), FRAME_WIDTH, 200)])]
    return out


def _render(story: list, info: DocInfo) -> bytes:
    buf = io.BytesIO()
    ReportDocTemplate(buf, info).build_story(story)
    return buf.getvalue()


def board_report_pdf_bytes(r: BoardReport) -> bytes:
    return _render(board_story(r), DocInfo(r.forbund, f"Ekonomisk rapport per {r.to_date}",
                                           f"Budgetuppföljning och prognos {r.year_label}",
                                           f"Ekonomisk rapport per {r.to_date}", False,
                                           "samordningsförbund, budgetuppföljning, prognos"))


def budget_plan_pdf_bytes(plan: BudgetPlanReport) -> bytes:
    year = plan.columns[plan.budget_column]
    return _render(plan_story(plan), DocInfo(plan.forbund, f"Resultat- och balansbudget {year}",
                                             f"Verksamhetsplan {year}, budget", f"Verksamhetsplan {year}",
                                             False, "samordningsförbund, verksamhetsplan, budget"))


def _write(path, data: bytes) -> Path:
    path = Path(path)
    if not path.parent.exists():
        raise FinsamError(f"Mappen {path.parent} finns inte; PDF-filen kan inte sparas där.", path=str(path))
    write_atomically(path, data, f"PDF-filen {path} kunde inte sparas: {{reason}}.")
    return path


def render_board_report(r: BoardReport, path) -> Path:
    return _write(path, board_report_pdf_bytes(r))


def render_budget_plan(plan: BudgetPlanReport, path) -> Path:
    return _write(path, budget_plan_pdf_bytes(plan))
