"""The page Verksamhet och SUS on the demo book: deltagare, goals, SUS and mellanhavanden,
the form and the CSV import; rendered to PNG to be looked at."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QKeySequence

from finsam_desktop.demo import build_demo
from finsam_desktop.ui.main_window import PAGES, MainWindow

from ui_helpers import isolated_settings  # noqa: F401


@pytest.fixture
def demo_window(qtbot, tmp_path, isolated_settings):
    build_demo(tmp_path / "demo.finsam").close()
    w = MainWindow()
    qtbot.addWidget(w)
    w.open_book(tmp_path / "demo.finsam")
    yield w
    w.close()


def test_verksamhet_page_shows_the_years_figures_and_saves_the_form(qtbot, tmp_path, demo_window):
    assert ("verksamhet", "Verksamhet och SUS", "Ctrl+0") in PAGES
    assert demo_window.page_actions["verksamhet"].shortcut() == QKeySequence("Ctrl+0")
    page = demo_window.show_page("verksamhet")
    page.set_year(demo_window.book.year_by_label("2025").id)
    codes = [r["code"] for r in page.participants.records]
    assert codes[:3] == ["HALSA", "SAMK", "SAMK"]
    steg = next(r for r in page.participants.records if r["code"] == "STEG" and r["year"] == "2025")
    assert (steg["total"], steg["per"].replace("\xa0", " ")) == ("43", "19 940")
    assert page.sus_status.text().count("Stämmer:") == 3
    assert [r["name"] for r in page.members.records][-1] == "Kramfors kommun"
    assert page.act_import.shortcut() == QKeySequence("Ctrl+Shift+T")
    assert page.act_sus_xlsx.shortcut() == QKeySequence("Ctrl+Shift+X")
    # The form: PSYK gets deltagare; the table and the book show them.
    page.f_project.setCurrentIndex(page.f_project.findText("PSYK", flags=qtbot_match()))
    page.f_counts["women"].setValue(30)
    page.f_counts["men"].setValue(20)
    page.f_counts["ended_work"].setValue(60)
    page.save_form()
    assert "60 avslutade men bara 50 deltagare" in page.status.text()
    page.f_counts["ended_work"].setValue(5)
    page.save_form()
    psyk = next(r for r in page.participants.records if r["code"] == "PSYK")
    assert (psyk["total"], psyk["work"]) == ("50", "5")
    page.save_sus(str(tmp_path / "sus.xlsx"))
    assert (tmp_path / "sus.xlsx").stat().st_size > 0
    out = Path(tmp_path / "verksamhet.png")
    page.tabs.setCurrentIndex(0)
    demo_window.resize(1366, 768)
    assert demo_window.grab().save(str(out))


def qtbot_match():
    from PySide6.QtCore import Qt
    return Qt.MatchStartsWith


def test_a_goal_is_added_from_the_page_and_judged_from_the_figures(qtbot, demo_window):
    page = demo_window.show_page("verksamhet")
    page.set_year(demo_window.book.year_by_label("2025").id)
    page.tabs.setCurrentIndex(1)
    page.g_title.setText("Eget kapital minst 400 000 kr")
    page.g_kind.setCurrentIndex(1)
    page.g_metric.setCurrentIndex(page.g_metric.findData("eget_kapital_golv"))
    assert not page.g_verdict.isEnabled()
    page.g_target.setText("400 000")
    page.add_goal()
    row = next(r for r in page.goals.records if r["title"] == "Eget kapital minst 400 000 kr")
    assert (row["target"], row["outcome"], row["verdict"]) == ("minst 400 000 kr", "389 900 kr", "Ej uppfyllt")
    page.g_title.setText("Procent")
    page.g_metric.setCurrentIndex(page.g_metric.findData("individ_andel_min"))
    page.g_target.setText("sjuttio")
    page.add_goal()
    assert "procentsats" in page.g_error.text()
    page.g_judgement.setText("Målen är delvis uppfyllda.")
    page.save_judgement()
    assert page.judgement.text() == "Styrelsens samlade bedömning: Målen är delvis uppfyllda."


def test_organisation_tab_edits_the_years_register(qtbot, demo_window):
    book = demo_window.book
    page = demo_window.show_page("verksamhet")
    y = book.year_by_label("2025")
    page.set_year(y.id)
    assert page.org_table.rowCount() == 11
    assert page.org_table.item(0, 0).text() == "Anna Sjöberg"
    assert page.org_table.cellWidget(0, 3).currentText() == "Kramfors kommun"
    page._org_row("Ny Ersättare", "ersattare", "", book.members()[0].id)
    page.save_organisation()
    assert "11" not in page.org_error.text() and "12 personer" in page.org_error.text()
    assert book.organisation(y.id)[-1].name == "Ny Ersättare"
    assert book.organisation(y.id)[-1].member_id == book.members()[0].id
    page.org_table.item(0, 0).setText("  ")
    page.save_organisation()
    assert "Person 1 i organisationen saknar namn" in page.org_error.text()
    assert len(book.organisation(y.id)) == 12      # nothing of the refused list was saved


def test_earlier_years_are_entered_on_the_page(qtbot, demo_window):
    book = demo_window.book
    page = demo_window.show_page("verksamhet")
    assert [r["year"] for r in page.history.records] == ["2023", "2022", "2021"]
    assert page.h_year.value() == 2023
    page.h_year.setValue(2020)
    values = dict(tilldelade_medel="2 592 000", verksamhetens_intakter="2 592 500", verksamhetens_kostnader="2 500 000",
                  arets_resultat="92 500", eget_kapital="923 500", summa_tillgangar="1 100 000",
                  likvida_medel="1 000 000")
    for key, text in values.items():
        page.h_fields[key].setText(text)
    page.h_fields["summa_tillgangar"].setText("")
    page.save_history()
    assert "summa tillgångar är tomt" in page.h_error.text()
    page.h_fields["summa_tillgangar"].setText("1 100 000")
    page.h_source.setText("Årsredovisning 2020")
    page.save_history()
    h = book.history_years()[0]
    assert (h.year, h.verksamhetens_kostnader, h.eget_kapital, h.source) == (2020, -2_500_000_00, 923_500_00,
                                                                            "Årsredovisning 2020")
    assert [r["year"] for r in page.history.records][-1] == "2020"
    page.h_year.setValue(2024)
    page.save_history()
    assert "2024 finns redan i boken" in page.h_error.text()
