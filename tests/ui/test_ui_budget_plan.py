"""The desktop's ekonomisk rapport (prognosis typed in the table), the budget grid with
plan years (copy and paste from Excel, all or nothing), the chart widget in the window's
palette, and the two actions with their shortcuts."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QKeySequence, QPalette
from PySide6.QtWidgets import QMessageBox, QTableWidgetSelectionRange

from finsam_desktop.book import Book
from finsam_desktop.reports.charts import BAR, LINE, Chart, Series
from finsam_desktop.ui.board_report_view import PROGNOSIS_COL, COMMENT_COL, BoardReportDialog
from finsam_desktop.ui.budget_form import BudgetDialog
from finsam_desktop.ui.budget_plan_view import BudgetPlanDialog
from finsam_desktop.ui.charts import ChartWidget, series_colour
from finsam_desktop.ui.main_window import MainWindow
from finsam_desktop.ui.projects_view import ProjectsView
from finsam_desktop.ui.start_page import StartPage

from pdf_helpers import demo_book, pages_text  # noqa: F401  (the fixture `demo`)
from ui_helpers import isolated_settings  # noqa: F401


@pytest.fixture
def demo_copy(demo, tmp_path):
    target = tmp_path / "demo.finsam"
    demo.backup_to(target)
    b = Book.open(target)
    yield b
    b.close()


@pytest.fixture
def warnings(monkeypatch):
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text, *a, **k: said.append((title, text)))
    return said


def _row(table, label: str) -> int:
    return next(r for r in range(table.rowCount()) if table.item(r, 0).text() == label)


def test_board_report_prognosis_typed_in_the_table(qtbot, demo_copy, warnings, tmp_path):
    y = demo_copy.year_by_label("2025")
    dlg = BoardReportDialog(demo_copy, year_id=y.id, to_date="2025-09-30")
    qtbot.addWidget(dlg)
    t = dlg.table
    r = _row(t, "Löner kansli")
    assert [t.item(r, c).text() for c in range(1, 5)] == ["\u2212560\u00a0000", "\u2212420\u00a0000",
                                                          "\u2212385\u00a0600", "34\u00a0400"]
    assert t.item(r, PROGNOSIS_COL).text() == "\u2212525\u00a0600"
    assert t.item(r, PROGNOSIS_COL).flags() & Qt.ItemIsEditable
    assert not t.item(r, 1).flags() & Qt.ItemIsEditable
    before = dlg.report.prognosis.prognosis_result
    t.item(r, PROGNOSIS_COL).setText("540 000")  # a cost, typed without a minus
    qtbot.wait(1)
    rid = next(b.id for b in demo_copy.budget(y.id) if b.label == "Löner kansli")
    assert demo_copy.budget_plan(rid).prognosis == 540_000_00
    assert dlg.report.prognosis.prognosis_result == before - (540_000_00 - 525_600_00)
    r = _row(dlg.table, "Löner kansli")
    dlg.table.item(r, COMMENT_COL).setText("Vakans i oktober")
    qtbot.wait(1)
    assert demo_copy.budget_plan(rid).prognosis_comment == "Vakans i oktober"
    r = _row(dlg.table, "Löner kansli")
    dlg.table.item(r, PROGNOSIS_COL).setText("femhundra")
    qtbot.wait(1)
    assert warnings and "Löner kansli" in warnings[-1][1] and "femhundra" in warnings[-1][1]
    assert demo_copy.budget_plan(rid).prognosis == 540_000_00  # unchanged
    r = _row(dlg.table, "Löner kansli")
    dlg.table.item(r, PROGNOSIS_COL).setText("")  # cleared: computed again
    qtbot.wait(1)
    assert demo_copy.budget_plan(rid).prognosis is None
    assert dlg.report.prognosis.prognosis_result == before
    assert "541\u00a0099 kr" in dlg.summary.text() and "20,88 %" in dlg.summary.text()
    assert dlg.cumulative.chart.id == "kostnader_ackumulerat" and dlg.insatser.chart.id == "insatser"
    dlg.date.setDate(dlg.date.date().addMonths(-3))
    assert dlg.report.to_date == "2025-06-30"
    path = dlg.save_pdf(str(tmp_path / "r.pdf"))
    assert "Ekonomisk rapport per 2025-06-30" in pages_text(open(path, "rb").read())[0]


def test_board_report_is_read_only_at_year_end(qtbot, demo_copy):
    y = demo_copy.year_by_label("2025")
    dlg = BoardReportDialog(demo_copy, year_id=y.id, to_date="2025-12-31")
    qtbot.addWidget(dlg)
    r = _row(dlg.table, "Löner kansli")
    assert not dlg.table.item(r, PROGNOSIS_COL).flags() & Qt.ItemIsEditable
    assert dlg.report.prognosis.prognosis_result == dlg.report.prognosis.outcome_result == -247_382_00


def test_budget_grid_paste_from_excel_all_or_nothing(qtbot, demo_copy, warnings, tmp_path):
    y = demo_copy.year_by_label("2025")
    dlg = BudgetPlanDialog(demo_copy, year_id=y.id)
    qtbot.addWidget(dlg)
    g = dlg.grid
    r = _row(g, "Löner kansli")
    assert [g.item(r, c).text() for c in range(3, 7)] == ["Kostnad", "560\u00a0000", "576\u00a0000", "593\u00a0000"]
    assert dlg.headers[4:7] == ("Budget 2025", "Plan 2026", "Plan 2027")
    g.setCurrentCell(r, 5)
    QGuiApplication.clipboard().setText("580 000\t600 000\r\n225 000\t230 000\r\n")
    assert dlg.paste()
    rows = {b.label: b for b in demo_copy.budget(y.id)}
    assert demo_copy.budget_plan(rows["Löner kansli"].id).plan1 == 580_000_00
    assert demo_copy.budget_plan(rows["Sociala avgifter och pension"].id).plan2 == 230_000_00
    r = _row(g, "Löner kansli")
    assert g.item(r, 5).text() == "580\u00a0000"
    # a block with one bad cell saves nothing and says where
    g.setCurrentCell(r, 4)
    QGuiApplication.clipboard().setText("1\t2\nx\t4")
    assert not dlg.paste()
    assert "Rad 9" in warnings[-1][1] and "Plan 2026" not in warnings[-1][1] and "Budget 2025" in warnings[-1][1]
    assert demo_copy.budget(y.id)[[b.label for b in demo_copy.budget(y.id)].index("Löner kansli")].amount \
        == 560_000_00
    # typed in a cell: the income row keeps its sign, a profile is checked
    d = _row(g, "Driftbidrag från medlemmarna")
    g.item(d, 6).setText("2 600 000")
    qtbot.wait(1)
    assert demo_copy.budget_plan(rows["Driftbidrag från medlemmarna"].id).plan2 == -2_600_000_00
    g.setCurrentCell(d, 5)  # pasted from a plan in ledger sign (driftbidrag negative): the same
    QGuiApplication.clipboard().setText("-2 586 668\t-2 581 334")
    assert dlg.paste()
    plan = demo_copy.budget_plan(rows["Driftbidrag från medlemmarna"].id)
    assert (plan.plan1, plan.plan2) == (-2_586_668_00, -2_581_334_00)
    g.item(_row(g, "Löner kansli"), 7).setText("1,1")
    qtbot.wait(1)
    assert "tolv" in warnings[-1][1]
    g.item(_row(g, "Löner kansli"), 6).setText("")  # no amount in the plan year
    qtbot.wait(1)
    assert demo_copy.budget_plan(rows["Löner kansli"].id).plan2 is None
    g.clearSelection()
    g.setRangeSelected(QTableWidgetSelectionRange(0, 0, 1, 5), True)
    assert dlg.copy().splitlines()[0] == "Driftbidrag från medlemmarna\tVerksamhetens intäkter\t3000–3999\tIntäkt" \
        "\t2592000\t2586668"
    dlg.floor.setText("250 000")
    dlg.save_decided()
    assert dlg.plan.balance[1].golv == 250_000_00
    path = dlg.save_pdf(str(tmp_path / "plan.pdf"))
    assert "Resultat- och balansbudget 2025" in pages_text(open(path, "rb").read())[0]


def test_grid_follows_rows_added_in_the_budget_dialog(qtbot, demo_copy):
    y = demo_copy.year_by_label("2025")
    dlg = BudgetPlanDialog(demo_copy, year_id=y.id)
    qtbot.addWidget(dlg)
    n = dlg.grid.rowCount()
    dlg.edit_rows()
    rows_dlg = dlg.findChild(BudgetDialog)
    ed = rows_dlg.editor
    ed.new_record()
    ed.label.setText("Utbildningsdag")
    ed.section.setCurrentIndex(ed.section.findText("Övrigt"))
    ed.accounts.setText("6990")
    ed.amount.setText("15 000")
    assert ed.save() is not None
    rows_dlg.accept()
    qtbot.waitUntil(lambda: dlg.grid.rowCount() == n + 1)
    r = _row(dlg.grid, "Utbildningsdag")
    assert dlg.grid.item(r, 4).text() == "15\u00a0000" and dlg.plan.results[1] == -345_000_00


def test_grid_of_a_closed_year_cannot_be_edited(qtbot, demo_copy):
    dlg = BudgetPlanDialog(demo_copy, year_id=demo_copy.year_by_label("2024").id)
    qtbot.addWidget(dlg)
    assert not dlg.grid.item(0, 4).flags() & Qt.ItemIsEditable
    assert not dlg.copy_button.isEnabled() and not dlg.rows_button.isEnabled() and not dlg.paste()


def _chart() -> Chart:
    return Chart("t", "Test", ("jan", "feb", "mar"),
                 (Series("Budget", (100.0, 200.0, 300.0), BAR, 2), Series("Utfall", (50.0, 250.0, None), LINE, 0)))


@pytest.mark.parametrize("base,highlight", [("#ffffff", "#1f4e6b"), ("#1e1e1e", "#4fa3e0")])
def test_chart_widget_follows_the_palette(qtbot, base, highlight):
    w = ChartWidget(_chart())
    pal = QPalette(w.palette())
    pal.setColor(QPalette.Base, QColor(base))
    pal.setColor(QPalette.Highlight, QColor(highlight))
    pal.setColor(QPalette.Text, QColor("#000000" if base == "#ffffff" else "#eeeeee"))
    w.setPalette(pal)
    w.resize(480, 300)
    qtbot.addWidget(w)
    img = w.grab().toImage()
    assert img.pixelColor(2, 2) == QColor(base)
    colours = {img.pixelColor(x, y).name() for x in range(0, 480, 2) for y in range(0, 300, 2)}
    assert QColor(highlight).name() in colours            # the outcome line in the highlight colour
    assert series_colour(pal, 2).name() in colours        # the budget bars, lighter (or darker) than it
    assert series_colour(pal, 0) == QColor(highlight)
    light, dark = series_colour(pal, 2).lightness(), QColor(highlight).lightness()
    assert (light > dark) == (base == "#ffffff")
    assert w.accessibleName() == "" and (w.set_chart(_chart()) or w.accessibleName() == "Test")


def test_actions_open_the_report_and_the_plan(qtbot, demo_copy, isolated_settings):
    path = demo_copy.path
    demo_copy.close()
    w = MainWindow()
    qtbot.addWidget(w)
    w.open_book(path)
    assert w.act_board_report.shortcut() == QKeySequence("Ctrl+Shift+E")
    assert w.act_budget_plan.shortcut() == QKeySequence("Ctrl+Shift+V")
    w.act_board_report.trigger()
    w.act_budget_plan.trigger()
    report, = w.findChildren(BoardReportDialog)
    plan, = w.findChildren(BudgetPlanDialog)
    assert report.isVisible() and plan.isVisible()
    assert report.year.label == plan.year.label == w.working_year().label
    w.close()


def test_start_page_and_projektuppfoljning_show_their_charts(qtbot, demo_copy):
    page = StartPage(demo_copy)
    qtbot.addWidget(page)
    page.set_year(demo_copy.year_by_label("2025").id)
    assert page.cost_chart.chart.title == "Kostnader ackumulerat mot budget 2025"
    five = page.five_year_chart.chart
    # The book's two years and the three before it, entered from earlier årsredovisningar.
    assert five.categories == ("2021", "2022", "2023", "2024", "2025")
    assert dict((s.name, s.values) for s in five.series)["Årets resultat"][-1] == pytest.approx(-247.382)
    page.resize(1300, 900)
    page.show()
    qtbot.waitUntil(lambda: page.charts.isVisible())
    page.resize(1300, 480)  # a low window: the charts give way to the cards and the list
    qtbot.waitUntil(lambda: not page.charts.isVisible())
    view = ProjectsView(demo_copy)
    qtbot.addWidget(view)
    assert view.chart.chart.id == "insatser" and len(view.chart.chart.categories) == 5
