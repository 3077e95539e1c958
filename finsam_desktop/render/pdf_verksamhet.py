"""The årsredovisning's parts beyond the statements, laid out from
reports.annual_extras: Organisation, God ekonomisk hushållning och måluppfyllelse (each
goal with target, outcome and verdict, and the board's judgement), the cost split
individ / struktur / administration, Verksamhet per insats (deltagare, avslutade and
kostnad per deltagare, with earlier years), earlier years entered from old reports, the
balanskrav statement, and Mellanhavanden med medlemmarna after the notes.

Amounts here are whole kronor also in a report printed in tkr: kostnad per deltagare and
the members' figures are read off and copied by the members' ekonomer as they are.
"""

from __future__ import annotations

from reportlab.platypus import KeepTogether, Paragraph, Spacer

from ..money import format_kr
from ..reports.annual_extras import ROLE_LABELS
from .pdf_context import Context
from .pdf_doc import new_body_page, part_heading, section_heading
from .pdf_styles import FRAME_WIDTH, styles
from .pdf_tables import MINUS, _escape, percent, text_table
from .pdf_text import user_text


def kr(ore: int | None) -> str:
    return "\u2013" if ore is None else format_kr(ore, minus=MINUS) + "\u00a0kr"


def _count_of(part: int, whole: int) -> str:
    """'13 (35 % av 37)' as the real reports print a share of a count."""
    if not whole:
        return str(part)
    return f"{part} ({round(100 * part / whole)}\u00a0% av {whole})"


def _organisation(ctx: Context, ex) -> list:
    st = styles()
    board = [o for o in ex.organisation if o.role in ("ledamot", "ersattare")]
    if not ex.organisation:
        return []
    parts = [section_heading("Organisation")]
    if board:
        by_member: dict[str, dict[str, list[str]]] = {}
        for o in board:
            name = f"{o.name}{', ' + o.title.lower() if o.title else ''}"
            by_member.setdefault(o.appointed_by or "–", {"ledamot": [], "ersattare": []})[o.role].append(name)
        rows = [[", ".join(v["ledamot"]) or "–", ", ".join(v["ersattare"]) or "–", m]
                for m, v in by_member.items()]
        parts.append(Paragraph(f"Styrelsen har {ctx.year.label} bestått av följande ledamöter och ersättare:",
                               st["body"]))
        parts.append(text_table(rows, [FRAME_WIDTH * 0.36, FRAME_WIDTH * 0.32, FRAME_WIDTH * 0.32],
                                header=["Ordinarie ledamöter", "Ersättare", "Utsedd av"], right_from=3))
    others = [o for o in ex.organisation if o.role not in ("ledamot", "ersattare")]
    if others:
        parts.append(Spacer(1, 8))
        rows = [[o.name, o.title or ROLE_LABELS[o.role], o.appointed_by or "Förbundet"] for o in others]
        parts.append(text_table(rows, [FRAME_WIDTH * 0.36, FRAME_WIDTH * 0.32, FRAME_WIDTH * 0.32],
                                header=["Revisorer och kansli", "Uppdrag", "Utsedd av"], right_from=3))
    return parts


def _goals(ctx: Context, ex) -> list:
    g = ex.goals
    if not g.results and not g.judgement:
        return []
    st = styles()
    parts = [section_heading("God ekonomisk hushållning och måluppfyllelse")]
    for kind, title in (("verksamhet", "Verksamhetsmål"), ("finansiell", "Finansiella mål")):
        results = g.of_kind(kind)
        if not results:
            continue
        parts.append(Paragraph(title, st["h3"]))
        rows = []
        for r in results:
            goal = r.title + (f" – {r.measure}" if r.measure else "")
            rows.append([goal, r.target_text or "–", r.outcome_text or "–",
                         r.verdict_label + ("" if r.computed else "*")])
        parts.append(text_table(rows, [FRAME_WIDTH * 0.34, FRAME_WIDTH * 0.22, FRAME_WIDTH * 0.28,
                                       FRAME_WIDTH * 0.16],
                                header=["Mål", "Målvärde", "Utfall", "Bedömning"], right_from=4))
        parts.append(Spacer(1, 6))
    if any(not r.computed for r in g.results):
        parts.append(Paragraph("* Bedömt av styrelsen; övriga bedömningar är framräknade ur räkenskaperna.",
                               st["small"]))
    parts.append(Paragraph("Styrelsens samlade bedömning", st["h3"]))
    parts += user_text(g.judgement) if g.judgement else [Paragraph("[Text saknas]", st["missing"])]
    return parts


def _cost_split(ctx: Context, ex) -> list:
    c = ex.cost_split
    if not c.total:
        return []
    st = styles()
    rows = [["Individinriktade insatser", kr(c.individ), percent(c.individ_pct, 2) + " av insatserna"],
            ["Strukturövergripande insatser", kr(c.struktur), percent(c.struktur_pct, 2) + " av insatserna"],
            ["Summa insatser", kr(c.insatser), percent(c.insatser_pct, 2) + " av kostnaderna"],
            ["Administration (kansli, styrelse, revision)", kr(c.administration),
             percent(c.administration_pct, 2) + " av kostnaderna"],
            ["Kostnader totalt", kr(c.total), percent(c.total_pct_of_allotted, 2) + " av tilldelade medel"]]
    return [section_heading("Kostnadsfördelning: individ, struktur och administration"),
            Paragraph("Fördelningen enligt Nationella rådets mall: insatsernas kostnader efter insatsens inriktning, "
                      "och administrationen som kostnaderna utan insats.", st["lead"]),
            text_table(rows, [FRAME_WIDTH * 0.46, FRAME_WIDTH * 0.22, FRAME_WIDTH * 0.32], right_from=1,
                       bold_rows=(2, 4), ruled_rows=(2, 4))]


def _insats(ins) -> list:
    st = styles()
    parts: list = [Paragraph(_escape(f"{ins.code} {ins.name}"), st["h3"]),
                   Paragraph(_escape(ins.kind.capitalize() + " insats."), st["small"])]
    if ins.text:
        parts += user_text(ins.text)
    w = FRAME_WIDTH
    rows = []
    for y in ins.years:
        rows.append([y.year_label, "–" if y.target is None else str(y.target),
                     f"{y.total}" + (f" ({percent(y.target_pct, 0)} av mål)" if y.target else ""),
                     _count_of(y.women, y.total), _count_of(y.men, y.total)])
    parts.append(text_table(rows, [w * 0.1, w * 0.14, w * 0.26, w * 0.25, w * 0.25],
                            header=["År", "Mål antal deltagare", "Deltagare", "Kvinnor", "Män"]))
    parts.append(Spacer(1, 4))
    rows = [[y.year_label, _count_of(y.ended, y.total), _count_of(y.ended_work, y.ended) if y.ended_work else "",
             _count_of(y.ended_studies, y.ended) if y.ended_studies else "",
             _count_of(y.ended_other_insats, y.ended) if y.ended_other_insats else "",
             _count_of(y.ended_other, y.ended) if y.ended_other else ""] for y in ins.years]
    parts.append(text_table(rows, [w * 0.1, w * 0.2, w * 0.17, w * 0.17, w * 0.18, w * 0.18],
                            header=["År", "Avslutade", "Till arbete", "Till studier", "Annan insats",
                                    "Annan anledning"]))
    groups = ins.current.age_groups
    if groups:
        parts.append(Spacer(1, 4))
        parts.append(text_table([[a.age_group, str(a.women), str(a.men), str(a.women + a.men), str(a.ended)]
                                 for a in groups], [w * 0.3, w * 0.17, w * 0.17, w * 0.18, w * 0.18],
                                header=[f"Åldersgrupp {ins.current.year_label}", "Kvinnor", "Män", "Deltagare",
                                        "Avslutade"]))
    parts.append(Spacer(1, 4))
    rows = [[y.year_label, kr(y.cost), str(y.total), kr(y.cost_per_participant), str(y.ended),
             kr(y.cost_per_ended)] for y in ins.years]
    parts.append(text_table(rows, [w * 0.1, w * 0.2, w * 0.14, w * 0.2, w * 0.14, w * 0.22],
                            header=["År", "Kostnad enligt bokföringen", "Deltagare", "Kostnad per deltagare",
                                    "Avslutade", "Kostnad per avslutad"]))
    parts.append(Spacer(1, 10))
    return [KeepTogether(parts)]


def _history(ctx: Context, ex) -> list:
    if not ex.history:
        return []
    st = styles()
    rows = [[str(h.year), kr(h.tilldelade_medel), kr(h.verksamhetens_kostnader), kr(h.arets_resultat),
             kr(h.eget_kapital), percent(100 * h.eget_kapital / h.tilldelade_medel if h.tilldelade_medel else None, 2)]
            for h in reversed(ex.history)]
    w = FRAME_WIDTH
    return [section_heading("Tidigare år"),
            Paragraph("Nyckeltal för år före bokens första räkenskapsår, inmatade ur respektive års årsredovisning "
                      "(" + ", ".join(h.source or str(h.year) for h in ex.history) + ").", st["lead"]),
            text_table(rows, [w * 0.1, w * 0.18, w * 0.2, w * 0.17, w * 0.17, w * 0.18],
                       header=["År", "Tilldelade medel", "Kostnader", "Resultat", "Eget kapital",
                               "Andel av tilldelade medel"])]


def verksamhet_part(ctx: Context) -> list:
    """The part 'Verksamhet och måluppfyllelse' of an årsredovisning (not a delårsrapport)."""
    ex = getattr(ctx, "extras", None)
    if ex is None or not ctx.full_year:
        return []
    st = styles()
    parts = _organisation(ctx, ex)
    parts += _goals(ctx, ex)
    if ex.balanskrav_negative or ex.balanskrav_statement:
        parts.append(section_heading("Åtgärder för att återställa balanskravsresultatet"))
        parts += (user_text(ex.balanskrav_statement) if ex.balanskrav_statement
                  else [Paragraph("[Text saknas: balanskravsresultatet är negativt och lagen kräver att "
                                  "styrelsen redovisar hur det ska återställas eller de synnerliga skälen.]",
                                  st["missing"])])
    parts += _cost_split(ctx, ex)
    if ex.verksamhet.insatser:
        parts.append(section_heading("Verksamhet per insats"))
        parts.append(Paragraph("Deltagare enligt insatsernas uppföljning (SUS); kostnaden är insatsens kostnader "
                               "enligt bokföringen, inklusive interimsskulder.", st["lead"]))
        for ins in ex.verksamhet.insatser:
            parts += _insats(ins)
    parts += _history(ctx, ex)
    if not parts:   # a book with none of these registers prints no empty part
        return []
    return new_body_page() + [part_heading("Verksamhet och måluppfyllelse")] + parts


def mellanhavanden_part(ctx: Context) -> list:
    """Mellanhavanden med medlemmarna: a table per member for the sammanställda räkenskaper."""
    ex = getattr(ctx, "extras", None)
    if ex is None or not ex.mellanhavanden.members:
        return []
    st = styles()
    mh = ex.mellanhavanden
    members = mh.members
    w = FRAME_WIDTH
    label_w = w * 0.32
    col_w = (w - label_w) / len(members)
    fields = [("Andel av förbundet", lambda m: percent(m.share_bp / 100, 2)),
              ("Driftbidrag", lambda m: kr(m.driftbidrag)),
              ("Övriga intäkter från medlemmen", lambda m: kr(m.ovriga_intakter)),
              ("Köpta tjänster från medlemmen", lambda m: kr(m.kopta_tjanster)),
              ("Insatser med medlemmen som projektägare", lambda m: kr(m.insatser_kostnad)),
              ("varav interimsskuld vid periodens slut", lambda m: kr(m.interimsskuld)),
              ("Fordringar på medlemmen", lambda m: kr(m.fordringar)),
              ("Skulder till medlemmen", lambda m: kr(m.skulder)),
              ("Andel av eget kapital", lambda m: kr(m.andel_eget_kapital))]
    rows = [[label] + [f(m) for m in members] for label, f in fields]
    parts = [section_heading("Mellanhavanden med medlemmarna"),
             Paragraph(f"Underlag för medlemmarnas sammanställda räkenskaper, {mh.year_label} till och med "
                       f"{mh.date}. Belopp i kronor.", st["lead"]),
             text_table(rows, [label_w] + [col_w] * len(members), header=["Post"] + [m.name for m in members])]
    ins_rows = [[f"{code} {name}", m.name, kr(cost), kr(owed)]
                for m in members for code, name, cost, owed in m.insatser]
    if ins_rows:
        parts += [Spacer(1, 8), text_table(ins_rows, [w * 0.4, w * 0.24, w * 0.18, w * 0.18],
                                           header=["Insats", "Projektägare (medlem)", "Kostnad", "Interimsskuld"],
                                           right_from=2)]
    return new_body_page() + [part_heading("Mellanhavanden med medlemmarna")] + parts[1:]
