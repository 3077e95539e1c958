"""Verksamhet per insats, goals with computed verdicts and mellanhavanden per medlem,
on the demo book and on small books built for one rule."""

from __future__ import annotations

import json

import pytest

from finsam_desktop.book import Book
from finsam_desktop.book.annual import ParticipantFigures
from finsam_desktop.demo import build_demo
from finsam_desktop.errors import InputError, RuleError
from finsam_desktop.ops.annual import import_participants_csv, save_goal, save_participants
from finsam_desktop.reports.document import build_document
from finsam_desktop.reports.verksamhet import per_head
from tests.conftest import VALID_ORGNR, run_cli


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo16") / "demo.finsam"
    book = build_demo(path)
    yield book
    book.close()


@pytest.fixture(scope="module")
def doc25(demo):
    return build_document(demo, demo.year_by_label("2025").id)


def test_kostnad_per_deltagare_is_the_insats_ledger_cost_over_its_deltagare(demo, doc25):
    verk = doc25.extras.verksamhet
    steg = next(i for i in verk.insatser if i.code == "STEG")
    cur = steg.current
    # 2025: two age groups, 13+17 and 6+7 deltagare; 19 ended
    assert (cur.year_label, cur.women, cur.men, cur.total, cur.ended) == ("2025", 19, 24, 43, 19)
    assert [a.age_group for a in cur.age_groups] == ["16–24 år", "25–29 år"]
    line = next(l for l in doc25.follow_up.lines if l.code == "STEG")
    assert cur.cost == line.outcome == 857_431_00
    assert cur.cost_per_participant == 19_940_00        # 857 431 / 43 = 19 940,26
    assert cur.cost_per_ended == 45_128_00              # 857 431 / 19 = 45 128
    assert [y.year_label for y in steg.years] == ["2025", "2024"]
    assert per_head(100_50, 1) == 101_00 and per_head(100_49, 1) == 100_00 and per_head(5, 0) is None


def test_cost_split_adds_up_to_verksamhetens_kostnader(doc25):
    split = doc25.extras.cost_split
    rr = doc25.exact.resultatrakning.amounts()
    assert split.total == -rr["verksamhetens_kostnader"] == 2_836_831_00
    assert split.individ == sum(l.outcome for l in doc25.follow_up.lines if l.kind == "individinriktad")
    assert split.struktur == 132_743_00
    assert split.individ_pct == 92.76 and split.struktur_pct == 7.24


def test_goals_with_a_metric_are_judged_from_the_figures(demo, doc25):
    results = {r.title: r for r in doc25.extras.goals.results}
    share = results["Eget kapital ska inte överstiga 20 % av tilldelade medel"]
    assert share.computed and share.verdict == "uppfyllt" and share.outcome_text.startswith("15,04 %")
    floor = results["Eget kapital ska inte understiga 180 000 kr"]
    assert floor.verdict == "uppfyllt" and floor.outcome_text == "389 900 kr"
    typed = results["Minst 85 % nöjda deltagare vid avslut"]
    assert not typed.computed and typed.verdict == "delvis"
    # A floor above the equity is not met, whatever the user would like to type.
    y = demo.year_by_label("2025")
    g = save_goal(demo, None, y.id, kind="finansiell", title="Golv 400 tkr", metric="eget_kapital_golv",
                  target=400_000_00, verdict="uppfyllt")
    try:
        again = build_document(demo, y.id).extras.goals
        r = next(r for r in again.results if r.goal_id == g.id)
        assert r.verdict == "ej_uppfyllt" and r.computed
    finally:
        demo.delete_goal(g.id)


def test_mellanhavanden_add_up_to_the_statements_rows(doc25):
    mh = doc25.extras.mellanhavanden
    assert [m.name for m in mh.members] == ["Försäkringskassan", "Arbetsförmedlingen", "Region Västernorrland",
                                          "Kramfors kommun"]
    intakter = doc25.exact.note("verksamhetens_intakter")
    assert mh.total_driftbidrag == intakter.total == 2_592_000_00
    assert all(m.driftbidrag == 648_000_00 for m in mh.members)
    # Every insats is run by a member here: the members' insatser are the projektuppföljning.
    assert sum(m.insatser_kostnad for m in mh.members) == doc25.follow_up.total.outcome
    assert sum(m.interimsskuld for m in mh.members) == doc25.follow_up.total.accrued
    owed = doc25.exact.note("interimsskulder")
    per_insats = sum(ln.amount for ln in owed.lines if ln.project_id is not None)
    assert sum(m.interimsskuld for m in mh.members) == per_insats
    equity = doc25.exact.balansrakning.amounts()["summa_eget_kapital"]
    assert sum(m.andel_eget_kapital for m in mh.members) == equity == 389_900_00


def test_report_json_has_mellanhavanden_one_object_per_member(demo, capsys):
    code, out, _err = run_cli(capsys, "report", demo.path, "--year", "2025", "--json")
    assert code == 0
    data = json.loads(out)
    mh = data["mellanhavanden"]
    assert [m["medlem"] for m in mh][-1] == "Kramfors kommun"
    assert mh[3]["insatser_kostnad"] == sum(i["kostnad"] for i in mh[3]["insatser"])
    assert sum(m["driftbidrag"] for m in mh) == data["resultatrakning"]["verksamhetens_intakter"]
    assert data["maluppfyllelse"]["styrelsens_bedomning"]
    assert {v["kod"] for v in data["verksamhet"]} == {"STEG", "SAMK", "STEGP", "HALSA"}


def _small_book(tmp_path) -> Book:
    b = Book.create(tmp_path / "s.finsam", namn="Förbundet", orgnr=VALID_ORGNR, year_start="2025-01-01",
                    year_end="2025-12-31")
    b.add_project("A1", "Insats A")
    return b


def test_participants_csv_all_or_nothing_with_line_and_field(tmp_path):
    b = _small_book(tmp_path)
    good = tmp_path / "sus.csv"
    good.write_text("insats;år;åldersgrupp;mål;kvinnor;män;till_arbete;till_studier;till_annan_insats;"
                    "annan_anledning\nA1;2025;16–24 år;20;5;7;2;1;0;1\nA1;2025;25–29 år;;3;2;0;0;1;0\n",
                    encoding="utf-8")
    rows = import_participants_csv(b, good)
    assert len(rows) == 2
    assert sum(f.total for f in b.participant_figures(b.years()[0].id)) == 17
    bad = tmp_path / "bad.csv"
    bad.write_text("insats;år;kvinnor;män;till_arbete\nA1;2025;1;1;0\nA1;2025x;1;1;0\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.csv rad 3: år '2025x'") as e:
        import_participants_csv(b, bad)
    assert e.value.line == 3 and e.value.field == "år"
    more = tmp_path / "more.csv"
    more.write_text("insats,år,kvinnor,män,till_arbete\nA1,2025,1,1,3\n", encoding="utf-8")
    with pytest.raises(InputError, match="rad 2: 3 avslutade men bara 2 deltagare"):
        import_participants_csv(b, more)
    letters = tmp_path / "letters.csv"
    letters.write_text("insats;år;kvinnor;män\nA1;2025;fem;1\n", encoding="utf-8")
    with pytest.raises(InputError, match="rad 2: fältet kvinnor ska vara ett antal"):
        import_participants_csv(b, letters)
    # nothing of the refused files was saved
    assert sum(f.total for f in b.participant_figures(b.years()[0].id)) == 17
    b.close()


def test_closed_year_figures_are_locked_by_the_database(tmp_path):
    b = _small_book(tmp_path)
    y = b.years()[0]
    p = b.project_by_code("A1")
    save_participants(b, ParticipantFigures(p.id, y.id, "", 10, 4, 4, 1, 0, 0, 0))
    b.set_year_status(y.id, "closed")
    with pytest.raises(RuleError, match="stängt"):
        b.set_participant_figures([ParticipantFigures(p.id, y.id, "", 10, 5, 4, 1, 0, 0, 0)])
    with pytest.raises(RuleError, match="stängt"):
        b.add_goal(y.id, "verksamhet", "Något")
    with pytest.raises(RuleError):
        b.execute("DELETE FROM participant_figures")
    assert b.participant_figures(y.id)[0].women == 4
    b.close()


def test_more_ended_than_deltagare_is_refused_by_the_schema_too(tmp_path):
    b = _small_book(tmp_path)
    y, p = b.years()[0], b.project_by_code("A1")
    with pytest.raises(RuleError):
        b.set_participant_figures([ParticipantFigures(p.id, y.id, "", None, 1, 0, 1, 1, 0, 0)])
    b.close()


def test_pdf_prints_every_part(doc25):
    from finsam_desktop.render.pdf import render_pdf_bytes
    from tests.pdf_helpers import pages_text
    text = "\n".join(pages_text(render_pdf_bytes(doc25)))
    for heading in ("Verksamhet och måluppfyllelse", "Organisation", "God ekonomisk hushållning och måluppfyllelse",
                    "Styrelsens samlade bedömning", "Åtgärder för att återställa balanskravsresultatet",
                    "Kostnadsfördelning: individ, struktur och administration", "Verksamhet per insats",
                    "Tidigare år", "Mellanhavanden med medlemmarna"):
        assert heading in text, heading
    assert "Kostnad per deltagare" in text and "19 940 kr" in text          # STEG 2025
    assert "Kramfors kommun" in text and "1 701 948 kr" in text             # the kommun's insatser
    assert "Per Nordin" in text and "Förtroendevald revisor" in text


def test_five_year_overview_takes_the_entered_years_before_the_book(demo, doc25):
    years = doc25.exact.nyckeltal.femarsoversikt
    assert [(y.year_label, y.entered) for y in years] == [("2025", False), ("2024", False), ("2023", True),
                                                          ("2022", True), ("2021", True)]
    # The year before the book ends with the eget kapital the book opens with.
    y24 = demo.year_by_label("2024")
    opening_equity = -sum(v for (acc, _p), v in demo.opening_balances(y24.id).items() if 2000 <= acc < 2100)
    assert years[2].eget_kapital == opening_equity
    assert years[2].andel_procent == round(100 * opening_equity / 2_592_000_00, 2)
    with pytest.raises(InputError, match="2025 finns redan i boken"):
        from finsam_desktop.book.annual import HistoryYear
        demo.set_history_year(HistoryYear(2025, 1, 1, -1, 0, 0, 1, 1))
    tkr = build_document(demo, demo.year_by_label("2025").id, tkr=True).report.nyckeltal.femarsoversikt
    assert tkr[4].entered and tkr[4].tilldelade_medel == 2592


def test_workbook_sheets_for_members_insatser_drift_follow_up_and_overview(demo, tmp_path):
    from openpyxl import load_workbook
    from finsam_desktop.render.xlsx import SHEETS, write_xlsx
    y = demo.year_by_label("2025")
    doc = build_document(demo, y.id, with_ledger=True)
    wb = load_workbook(write_xlsx(doc, tmp_path / "a.xlsx"))
    assert wb.sheetnames == list(SHEETS)

    def rows(name):
        return [r for r in wb[name].iter_rows(min_row=5, values_only=True) if r and r[0] is not None]
    mh = {r[0]: r for r in rows("Mellanhavanden")}
    assert mh["Kramfors kommun"][2] == 648_000 and mh["Kramfors kommun"][5] == 1_701_948
    drift = rows("Driftredovisning")
    assert drift[-1][0] == "Resultat" and drift[-1][2] == doc.exact.resultatrakning.amounts()["arets_resultat"] / 100
    fu = rows("Projektuppföljning")
    assert fu[-1][0] == "Summa" and fu[-1][4] == doc.follow_up.total.outcome / 100
    ov = wb["Femårsöversikt"]
    assert [c.value for c in ov[4]] == ["Nyckeltal", "2025", "2024", "2023*", "2022*", "2021*"]
    steg = [r for r in rows("Verksamhet per insats") if r[0] == "STEG"]
    assert steg[0][2] == 2025 and steg[0][12] == 19_940


def test_a_book_without_the_registers_prints_no_empty_part(tmp_path):
    from finsam_desktop.render.pdf import render_pdf_bytes
    from tests.pdf_helpers import pages_text
    b = Book.create(tmp_path / "tom.finsam", namn="Tomt förbund", orgnr=VALID_ORGNR, year_start="2025-01-01",
                    year_end="2025-12-31")
    doc = build_document(b, b.years()[0].id)
    assert doc.extras.mellanhavanden.members == () and doc.extras.cost_split.total == 0
    text = "\n".join(pages_text(render_pdf_bytes(doc)))
    assert "Verksamhet och måluppfyllelse" not in text and "Mellanhavanden" not in text
    b.close()
