"""Resultat och balans in the desktop program (rows as printed, noter, kontroller) and the
årsredovisning / delårsrapport as PDF from the Rapporter menu."""

from __future__ import annotations

from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

from finsam_desktop.reports import check_result
from finsam_desktop.ui import main_window as mw
from finsam_desktop.ui.main_window import MainWindow
from finsam_desktop.ui.pdf_dialog import PdfDialog
from finsam_desktop.ui.report_view import ReportView

from ui_helpers import booked, isolated_settings  # noqa: F401


def _labels(view, sid):
    m = view.models[sid]
    return [m.index(r, 0).data() for r in range(m.rowCount())]


def test_report_view_leaves_out_rows_with_nothing_in_either_year(qtbot, book):
    view = ReportView(book)
    qtbot.addWidget(view)
    rr = _labels(view, "resultatrakning")
    assert "Verksamhetens intäkter" in rr and "Verksamhetens kostnader" in rr
    # The book has no avskrivningar or finansiella poster in either year: not shown.
    assert "Avskrivningar" not in rr and "Finansiella intäkter" not in rr
    row = rr.index("Verksamhetens intäkter")
    assert view.models["resultatrakning"].index(row, 2).data() == "100\u00a0000"
    br = _labels(view, "balansrakning")
    assert "Kassa och bank" in br and "Förråd" not in br
    # Like the PDF: the same rows as the printed report.
    from finsam_desktop.reports import build_report
    from finsam_desktop.reports.visible import visible_rows
    report = build_report(book, book.years()[0].id)
    assert rr == [r.label for r in visible_rows(report.resultatrakning)]


def test_report_view_shows_the_notes_with_both_years_and_the_checks(qtbot, book):
    view = ReportView(book)
    qtbot.addWidget(view)
    titles = [view.tabs.tabText(i) for i in range(view.tabs.count())]
    assert titles == ["Resultaträkning", "Balansräkning", "Kassaflödesanalys", "Noter", "Kontroller"]
    html = view.notes.toPlainText()
    assert "Not 1" in html and "Verksamhetens intäkter" in html
    assert "3010 Driftbidrag Försäkringskassan\n100 000" in html   # the note line for 2021
    checks = view.check_model
    assert checks.rowCount() == len(view.report.kontroller) > 3
    assert all(checks.index(r, 0).data() == "\u2713 Stämmer" for r in range(checks.rowCount()))
    assert "stämmer" in view.checks.text()


def test_a_failed_check_is_marked_in_red_and_listed_first(qtbot, book, monkeypatch):
    import finsam_desktop.ui.report_view as report_view
    real = report_view.build_report

    def broken(*a, **k):
        r = real(*a, **k)
        bad = check_result("balansrakning_balanserar", False, "Balansräkningen balanserar inte: differens 1 kr.")
        return type(r)(**{**r.__dict__, "kontroller": (r.kontroller[0], bad)})
    monkeypatch.setattr(report_view, "build_report", broken)
    view = ReportView(book)
    qtbot.addWidget(view)
    assert view.check_model.index(0, 0).data() == "\u2717 Stämmer inte"
    assert view.check_model.index(0, 0).data(mw.Qt.ForegroundRole).color().name() == "#a61b1b"
    assert view.tabs.tabText(4) == "Kontroller (1 stämmer inte)"
    assert view.checks.text().startswith("\u2717 1 av 2 kontroller stämmer inte")


def test_annual_report_pdf_is_written_in_the_background_and_offered_to_open(qtbot, book, tmp_path, monkeypatch):
    window = MainWindow(book)
    qtbot.addWidget(window)
    opened = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    saved = tmp_path / "Årsredovisning 2021.pdf"
    monkeypatch.setattr(mw.QFileDialog, "getSaveFileName", lambda *a, **k: (str(saved), ""))
    out = window.write_pdf(year_id=book.years()[0].id, tkr=True)
    assert out == saved and saved.read_bytes().startswith(b"%PDF")
    assert opened == [str(saved)]
    import pypdf
    text = "".join(p.extract_text() for p in pypdf.PdfReader(str(saved)).pages)
    assert "Testförbundet" in text and "tkr" in text


def test_interim_report_dialog_chooses_the_period_end_and_unit(qtbot, book, tmp_path, monkeypatch):
    dlg = PdfDialog(book, book.years()[0], interim=True)
    qtbot.addWidget(dlg)
    assert dlg.kr.isChecked()                                # a delårsrapport in kr
    opts = dlg.options()
    assert opts == dict(year_id=book.years()[0].id, date_from="2021-01-01", date_to="2021-08-31", tkr=False)
    window = MainWindow(book)
    qtbot.addWidget(window)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.No)
    out = window.write_pdf(**opts, path=tmp_path / "delar.pdf")
    import pypdf
    text = "".join(p.extract_text() for p in pypdf.PdfReader(str(out)).pages)
    assert "2021-08-31" in text
    assert [a.text() for a in window.menuBar().actions()[3].menu().actions() if a.text()][-2:] == \
        ["&Årsredovisning (PDF) …", "&Delårsrapport (PDF) …"]


def test_report_view_in_tkr_rounds_each_figure_once_and_says_when_rows_miss_their_sum(qtbot, tmp_path):
    from finsam_desktop.demo import build_demo
    from finsam_desktop.reports import build_report
    from finsam_desktop.reports.rounding import FOOTNOTE, tkr

    demo = build_demo(tmp_path / "demo.finsam")
    try:
        view = ReportView(demo)
        qtbot.addWidget(view)
        view.tkr.setChecked(True)
        view.reload()
        exact = build_report(demo, view.report.year_id)
        assert view.report.unit == "tkr"
        for row in view.report.resultatrakning.rows:
            assert row.amount == tkr(exact.resultatrakning.row(row.id).amount)
        assert FOOTNOTE in view.checks.text()
    finally:
        demo.close()
