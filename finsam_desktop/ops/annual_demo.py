"""The demo book's årsredovisning registers: three earlier years' key figures (from
"old reports"), deltagare per insats, goals, the insatser's texts and the organisation.
Called once from demo.py while both years are still open; adds no verifikation, so the
demo's ledger figures stay as they are."""

from __future__ import annotations

from ..book import Book
from ..book.annual import HistoryYear, ParticipantFigures
from .annual import save_goal, save_history_year

# (code, year, age group, mål, kvinnor, män, arbete, studier, annan insats, annan anledning)
PARTICIPANTS = [
    ("STEG", 2024, "16–24 år", 25, 11, 16, 3, 4, 2, 3),
    ("STEG", 2024, "25–29 år", 15, 7, 8, 2, 1, 1, 2),
    ("STEG", 2025, "16–24 år", 25, 13, 17, 4, 5, 1, 3),
    ("STEG", 2025, "25–29 år", 15, 6, 7, 3, 0, 2, 1),
    ("SAMK", 2024, "", 25, 20, 11, 0, 0, 1, 3),
    ("SAMK", 2025, "", 25, 26, 11, 3, 0, 2, 8),
    ("STEGP", 2024, "", 10, 4, 6, 0, 3, 1, 1),
    ("STEGP", 2025, "", 10, 3, 5, 1, 3, 0, 1),
    ("HALSA", 2025, "", 20, 9, 5, 1, 0, 3, 2),
]

INSATS_TEXTS = {
    "STEG": ("StegVidare ger unga vuxna 16–29 år som varken arbetar eller studerar individuellt stöd av coach "
             "mot arbete eller studier. Målet är 40 deltagare per år och att minst hälften av dem som avslutas "
             "går till arbete, studier eller annan insats."),
    "SAMK": ("Samkraft är en myndighetsgemensam teamkoordinator för personer 16–64 år som är aktuella hos två "
             "eller fler myndigheter. Målet är 25 ärenden per år och minst 85 % nöjda deltagare vid avslut."),
    "STEGP": ("StegVidare Plus förstärker StegVidare för de yngsta, 16–20 år, med fokus på återgång till "
              "gymnasiestudier. Målet är 10 deltagare per år."),
    "HALSA": ("Hälsolots Ådalen prövar en hälsolots på vårdcentralen som slussar patienter med långvarig "
              "sjukskrivning vidare till rätt myndighet. Målet är 20 deltagare under 2025."),
}

# Earlier years' key figures (kr), as printed in their årsredovisningar.
HISTORY = {
    2021: dict(tilldelade=2_592_000, intakter=2_593_100, kostnader=2_791_400, ek_tillgangar=1_020_300, likvida=918_700),
    2022: dict(tilldelade=2_592_000, intakter=2_592_900, kostnader=2_540_200, ek_tillgangar=1_066_800, likvida=981_200),
    2023: dict(tilldelade=2_592_000, intakter=2_593_400, kostnader=2_610_900, ek_tillgangar=None, likvida=None),
}

JUDGEMENT = {
    2024: ("Styrelsen bedömer att förbundet under året har haft en god ekonomisk hushållning med ett undantag: "
           "det egna kapitalet överstiger Nationella rådets rekommendation om högst 20 % av tilldelade medel. "
           "Styrelsen har därför beslutat om förstärkta insatser 2025 som minskar det egna kapitalet. "
           "Verksamhetsmålen är i huvudsak uppfyllda."),
    2025: ("Styrelsen bedömer att förbundet under året har haft en god ekonomisk hushållning: de finansiella "
           "målen är uppfyllda och verksamhetsmålen i huvudsak uppfyllda. Det egna kapitalet har minskat till "
           "en nivå inom Nationella rådets rekommendation genom en planerad förstärkning av insatserna."),
}

_PLANNED = ("Det negativa balanskravsresultatet är planerat: styrelsen har beslutat att använda eget kapital över "
            "Nationella rådets rekommendation till förstärkta insatser för unga. Synnerliga skäl föreligger därför "
            "att inte återställa underskottet; ")
BALANSKRAV_STATEMENT = {
    2024: _PLANNED + "det egna kapitalet ligger fortfarande över 20 % och minskas vidare 2025.",
    2025: _PLANNED + "det egna kapitalet ligger efter årets resultat inom målet.",
}

# name, role, title, appointing member (None: förbundet itself)
ORGANISATION = [
    ("Anna Sjöberg", "ledamot", "Ordförande", "Kramfors kommun"),
    ("Lars Edlund", "ledamot", "Vice ordförande", "Region Västernorrland"),
    ("Maria Holm", "ledamot", "", "Försäkringskassan"),
    ("Johan Berglund", "ledamot", "", "Arbetsförmedlingen"),
    ("Eva Lindqvist", "ersattare", "", "Kramfors kommun"),
    ("Olle Sandberg", "ersattare", "", "Region Västernorrland"),
    ("Sara Nyström", "ersattare", "", "Försäkringskassan"),
    ("Mikael Forsberg", "ersattare", "", "Arbetsförmedlingen"),
    ("Per Nordin", "revisor", "Förtroendevald revisor", "Kramfors kommun"),
    ("Karin Öberg", "revisor", "Förtroendevald revisor", "Region Västernorrland"),
    ("Helena Westin", "forbundschef", "Förbundschef", None),
]


def add_annual_demo(book: Book) -> None:
    """Write the demo's registers into `book` (both years open, inside the caller's
    transaction)."""
    years = {int(y.label): y for y in book.years()}
    first = min(years)
    # Eget kapital and the balance at the end of the year before the book: its opening balances.
    opening = book.opening_balances(years[first].id)
    kinds = {a.number: a.kind for a in book.accounts()}
    equity = -sum(v for (acc, _p), v in opening.items() if 2000 <= acc < 2100)
    assets = sum(v for (acc, _p), v in opening.items() if kinds.get(acc) == "T")
    cash = sum(v for (acc, _p), v in opening.items() if 1900 <= acc < 2000)
    ek = equity
    figures = {}
    for yr in sorted(HISTORY, reverse=True):
        h = HISTORY[yr]
        result = (h["intakter"] - h["kostnader"]) * 100
        figures[yr] = (ek, result)
        ek -= result
    for yr, h in HISTORY.items():
        ek_end, result = figures[yr]
        save_history_year(book, HistoryYear(
            yr, h["tilldelade"] * 100, h["intakter"] * 100, -h["kostnader"] * 100, result, ek_end,
            assets if h["ek_tillgangar"] is None else h["ek_tillgangar"] * 100,
            cash if h["likvida"] is None else h["likvida"] * 100, source=f"Årsredovisning {yr}"))

    projects = {p.code: p for p in book.projects()}
    book.set_participant_figures([
        ParticipantFigures(projects[c].id, years[y].id, age, target, w, m, a, s, i, o)
        for c, y, age, target, w, m, a, s, i, o in PARTICIPANTS])
    members = {m.name: m.id for m in book.members()}
    for yr, y in years.items():
        for code, text in INSATS_TEXTS.items():
            book.set_year_text(y.id, f"insats:{code}", text)
        budget_result = -sum(b.amount for b in book.budget(y.id))
        save_goal(book, None, y.id, kind="verksamhet", title="Parterna ska få ökad kunskap om varandras uppdrag",
                  measure="Chefs- och samverkansgruppen Arbete & Hälsa träffas minst fem gånger per år.",
                  outcome="Gruppen har haft fem möten under året.", verdict="uppfyllt")
        save_goal(book, None, y.id, kind="verksamhet",
                  title="Huvuddelen av insatsernas medel ska gå till individinriktade insatser",
                  measure="Andel av insatsernas kostnader.", metric="individ_andel_min", target=7000)
        save_goal(book, None, y.id, kind="verksamhet", title="Insatserna ska nå sina mål för antal deltagare",
                  measure="Deltagare i förhållande till insatsernas mål.", metric="deltagare_mot_mal", target=10000)
        save_goal(book, None, y.id, kind="verksamhet", title="Minst 85 % nöjda deltagare vid avslut",
                  measure="Självskattningsenkät vid avslut.",
                  outcome="81 % av de svarande var nöjda; svarsfrekvensen var låg.", verdict="delvis")
        save_goal(book, None, y.id, kind="finansiell",
                  title="Eget kapital ska inte överstiga 20 % av tilldelade medel",
                  measure="Nationella rådets rekommendation.", metric="eget_kapital_max_andel", target=2000)
        save_goal(book, None, y.id, kind="finansiell", title="Eget kapital ska inte understiga 180 000 kr",
                  measure="Buffert för oförutsedda kostnader och semesterlöneskuld.", metric="eget_kapital_golv",
                  target=180_000_00)
        save_goal(book, None, y.id, kind="finansiell", title="Verksamheten ska bedrivas inom budgetramen",
                  measure="Årets resultat jämfört med budgeterat resultat.", metric="resultat_mot_budget",
                  target=budget_result)
        book.set_year_text(y.id, "maluppfyllelse_bedomning", JUDGEMENT[yr])
        book.set_year_text(y.id, "balanskrav_atgard", BALANSKRAV_STATEMENT[yr])
        book.set_organisation(y.id, [(n, r, t, members.get(m) if m else None) for n, r, t, m in ORGANISATION])
