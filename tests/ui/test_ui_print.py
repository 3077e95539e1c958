"""Skriv ut (PDF) (Ctrl+R) and Exportera tabellen (xlsx) (Ctrl+T) in the desktop program,
on the demo book: the PDFs say what the book says, the workbooks hold real Excel dates
and numbers."""

from __future__ import annotations

import datetime as dt
import shutil

import openpyxl
import pdfplumber
import pytest
from PySide6.QtWidgets import QMessageBox

from finsam_desktop.book import Book, VoucherFilter
from finsam_desktop.demo import build_demo
from finsam_desktop.money import format_ore
from finsam_desktop.render.table_xlsx import DATE, INTEGER, KR_FORMAT, KRONOR, NUMBER, TEXT
from finsam_desktop.ui import print_actions, table_export
from finsam_desktop.ui.main_window import MainWindow
from finsam_desktop.ui.print_actions import PrintPeriodDialog
from finsam_desktop.ui.table_export import cell_value

from ui_helpers import isolated_settings  # noqa: F401


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.finsam"
    build_demo(path).close()
    return path


@pytest.fixture
def window(qtbot, demo_file, tmp_path, monkeypatch):
    path = tmp_path / "demo.finsam"
    for suffix in ("", "-underlag"):
        src = demo_file.with_name(demo_file.name + suffix)
        if src.exists():
            shutil.copy(src, path.with_name(path.name + suffix))
    w = MainWindow(Book.open(path))
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.No)
    year = w.book.year_by_label("2025")
    w.set_working_year(year.id)
    return w


def _save_as(monkeypatch, target):
    seen = []

    def ask(parent, caption, suggestion, *a, **k):
        seen.append(suggestion)
        return str(target), ""
    monkeypatch.setattr(print_actions.QFileDialog, "getSaveFileName", ask)
    monkeypatch.setattr(table_export.QFileDialog, "getSaveFileName", ask)
    return seen


def _pdf_text(path) -> str:
    with pdfplumber.open(path) as pdf:
        return "\n".join(p.extract_text() for p in pdf.pages)


def test_ctrl_r_on_verifikationer_prints_the_selected_verifikation(window, tmp_path, monkeypatch):
    assert window.act_print.shortcut().toString() == "Ctrl+R"
    assert window.act_export_table.shortcut().toString() == "Ctrl+T"
    arkiv = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert "Skriv &ut (PDF) …" in arkiv and "Exportera &tabellen (xlsx) …" in arkiv
    page = window.show_page("verifikationer")
    page.text_edit.setText("A 44")
    page._debounce.stop()
    page.apply_filter()
    assert page.model.rowCount() == 1
    page.table.setCurrentIndex(page.model.index(0, 0))
    seen = _save_as(monkeypatch, tmp_path / "a44.pdf")
    window.act_print.trigger()
    assert seen and seen[0].endswith("Verifikation A44 2025-03-05.pdf")
    text = _pdf_text(tmp_path / "a44.pdf")
    assert text.startswith("Verifikation A 44\n")
    assert "Registrerad av Jonas Ek" in text and "Rättad av verifikation A 57 (2025-03-20)" in text
    assert "Summa 2 062,00 2 062,00" in text
    # the page's own button does the same
    (tmp_path / "a44.pdf").unlink()
    page.print_voucher_button.click()
    assert (tmp_path / "a44.pdf").exists()


def test_verifikationslista_button_asks_for_the_period_and_prints_it(window, tmp_path, monkeypatch):
    page = window.show_page("verifikationer")
    page.table.clearSelection()
    page.table.setCurrentIndex(page.model.index(-1, -1))
    asked = []

    def exec_(dlg):
        asked.append(dlg.options())
        dlg.date_from.setDate(dlg.date_from.date().fromString("2025-02-01", "yyyy-MM-dd"))
        dlg.date_to.setDate(dlg.date_to.date().fromString("2025-02-28", "yyyy-MM-dd"))
        return 1
    monkeypatch.setattr(PrintPeriodDialog, "exec", exec_)
    _save_as(monkeypatch, tmp_path / "feb.pdf")
    page.print_list_button.click()
    y = window.book.year_by_label("2025")
    assert asked == [dict(kind="verifikationslista", year_id=y.id, date_from="2025-01-01", date_to="2025-12-31")]
    text = _pdf_text(tmp_path / "feb.pdf")
    assert "Verifikationslista 2025" in text and "Period 2025-02-01 – 2025-02-28" in text
    n = window.book.count_vouchers(VoucherFilter(year_id=y.id, date_from="2025-02-01", date_to="2025-02-28"))
    assert n > 10
    assert f"Summa {n} verifikationer" in text


def test_ctrl_r_on_huvudbok_prints_the_huvudbok_of_the_pages_period(window, tmp_path, monkeypatch):
    page = window.show_page("huvudbok")
    page.period.date_from.setDate(page.period.date_from.date().fromString("2025-04-01", "yyyy-MM-dd"))
    page.period.date_to.setDate(page.period.date_to.date().fromString("2025-06-30", "yyyy-MM-dd"))
    monkeypatch.setattr(PrintPeriodDialog, "exec", lambda dlg: 1)
    _save_as(monkeypatch, tmp_path / "hb.pdf")
    window.act_print.trigger()
    text = _pdf_text(tmp_path / "hb.pdf")
    assert "Huvudbok 2025" in text and "Period 2025-04-01 – 2025-06-30" in text
    y = window.book.year_by_label("2025")
    bank = next(t for t in window.book.trial_balance(y.id, "2025-04-01", "2025-06-30") if t.account == 1930)
    assert "2025-06-30 Utgående saldo" in text
    assert format_ore(bank.closing, minus="\u2212") in text
    assert page.print_button.text() == "Huvudbok (PDF) …"


def test_the_period_dialog_refuses_a_period_outside_the_year(qtbot, window):
    y = window.book.year_by_label("2025")
    dlg = PrintPeriodDialog(window.book, y.id, "huvudbok", "2025-01-01", "2025-12-31")
    qtbot.addWidget(dlg)
    dlg.date_to.setDate(dlg.date_to.date().fromString("2026-01-31", "yyyy-MM-dd"))
    dlg.accept()
    assert dlg.result() == 0
    assert "ligger inte inom räkenskapsåret 2025" in dlg.error.text()
    dlg.year_box.setCurrentIndex(dlg.year_box.findData(window.book.year_by_label("2024").id))
    assert dlg.options()["date_from"] == "2024-01-01" and dlg.options()["date_to"] == "2024-12-31"


def _sheet(path):
    wb = openpyxl.load_workbook(path)
    return wb.active


def test_ctrl_t_exports_the_huvudbok_with_real_dates_and_amounts(window, tmp_path, monkeypatch):
    page = window.show_page("huvudbok")
    page.set_account(1930)
    _save_as(monkeypatch, tmp_path / "hb.xlsx")
    window.act_export_table.trigger()
    ws = _sheet(tmp_path / "hb.xlsx")
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "Huvudbok"
    assert "Samordningsförbundet Mellersta Ådalen" in rows[1][0] and "konto 1930" in rows[1][0]
    assert list(rows[3]) == ["Datum", "Ver.nr", "Text", "Insats", "Debet", "Kredit", "Saldo"]
    assert ws.freeze_panes == "A5"
    body = rows[4:]
    assert body[0][2] == "Ingående saldo" and body[0][0] == dt.datetime(2025, 1, 1)
    assert body[-1][2] == "Utgående saldo" and body[-1][6] == 926_388.0
    assert all(isinstance(r[0], dt.datetime) for r in body)
    assert all(isinstance(r[6], (int, float)) for r in body)
    assert len(body) == window.book.ledger_summary(1930, "2025-01-01", "2025-12-31").count + 2
    assert ws.cell(6, 7).number_format == KR_FORMAT and ws.cell(6, 1).is_date
    # the running saldo adds up
    saldo = body[0][6]
    for r in body[1:-1]:
        saldo = round(saldo + (r[4] or 0) - (r[5] or 0), 2)
        assert r[6] == saldo


def test_ctrl_t_exports_the_saldobalans_equal_to_the_book(window, tmp_path, monkeypatch):
    window.show_page("saldobalans")
    _save_as(monkeypatch, tmp_path / "sb.xlsx")
    window.act_export_table.trigger()
    ws = _sheet(tmp_path / "sb.xlsx")
    rows = list(ws.iter_rows(min_row=5, values_only=True))
    y = window.book.year_by_label("2025")
    trial = window.book.trial_balance(y.id)
    lines = {r[0]: r for r in rows if isinstance(r[0], int)}
    assert sorted(lines) == [t.account for t in trial]
    for t in trial:
        assert (lines[t.account][2], lines[t.account][4]) == (t.opening / 100, t.closing / 100)
    assert lines[1930][4] == 926_388.0
    sums = [r for r in rows if r[1] and str(r[1]).startswith("Summa")]
    assert sums and ws.cell(5 + rows.index(sums[0]), 2).font.b


def test_ctrl_t_exports_the_verifikationer_and_the_projektuppfoljning(window, tmp_path, monkeypatch):
    window.show_page("verifikationer")
    _save_as(monkeypatch, tmp_path / "v.xlsx")
    window.act_export_table.trigger()
    rows = list(_sheet(tmp_path / "v.xlsx").iter_rows(min_row=5, values_only=True))
    y = window.book.year_by_label("2025")
    assert len(rows) == window.book.count_vouchers(VoucherFilter(year_id=y.id, date_from=y.start, date_to=y.end))
    a44 = next(r for r in rows if r[0] == "A 44")
    assert a44[1] == dt.datetime(2025, 3, 5) and a44[3] == 2_062.0
    window.show_page("projekt")
    _save_as(monkeypatch, tmp_path / "p.xlsx")
    window.act_export_table.trigger()
    rows = list(_sheet(tmp_path / "p.xlsx").iter_rows(min_row=4, values_only=True))
    assert rows[0] == ("Kod", "Insats", "Beviljat", "Utfall", "Varav interimsskuld", "Kvar", "Förbrukat (%)")
    steg = next(r for r in rows if r[0] == "STEG")
    assert steg[2:] == (870_000, 857_431, 207_074, 12_569, 98.6)


@pytest.mark.parametrize("text, amount, first, expected", [
    ("\u22121\u00a0234,50", True, False, (KRONOR, -123_450)),
    ("45\u00a0000,00", True, False, (KRONOR, 4_500_000)),
    ("870\u00a0000", True, False, (INTEGER, 870_000)),
    ("98,6 %", True, False, (NUMBER, 98.6)),
    ("2025-03-31", False, False, (DATE, "2025-03-31")),
    ("1930", False, True, (INTEGER, 1930)),
    ("1930", False, False, (TEXT, "1930")),
    ("A 12", False, True, (TEXT, "A 12")),
    ("", True, False, (TEXT, None)),
])
def test_a_shown_cell_is_read_back_into_its_value(text, amount, first, expected):
    assert cell_value(text, amount_column=amount, first_column=first) == expected


def test_ctrl_t_on_every_page_with_a_table_writes_numbers_not_text(window, tmp_path, monkeypatch):
    for key in ("start", "rapport", "bank", "verksamhet"):
        window.show_page(key)
        target = tmp_path / f"{key}.xlsx"
        _save_as(monkeypatch, target)
        window.act_export_table.trigger()
        assert target.exists(), key
        assert any(_sheet(target).cell(4, c).value for c in range(1, 4)), key   # the captions
        rows = list(_sheet(target).iter_rows(min_row=5, values_only=True))
        if key == "bank":   # every bank line of the demo is matched: the list of open lines is empty
            assert rows == []
            continue
        numbers = [v for r in rows for v in r if isinstance(v, (int, float))]
        texts = [v for r in rows for v in r if isinstance(v, str)]
        assert numbers, key
        # no amount left behind as text
        assert not [t for t in texts if table_export._MONEY.fullmatch(t.strip())], key
    rows = list(_sheet(tmp_path / "rapport.xlsx").iter_rows(min_row=5, values_only=True))
    result = next(r for r in rows if r[0] and str(r[0]).strip() == "Årets resultat")
    assert -247_382 in result


def test_a_long_table_is_read_with_a_progress_dialog_that_can_stop_it(window, tmp_path, monkeypatch):
    monkeypatch.setattr(table_export, "PROGRESS_EVERY", 50)
    window.show_page("verifikationer")
    target = tmp_path / "v.xlsx"
    seen = _save_as(monkeypatch, target)
    stopped = []

    def canceled(dlg):
        stopped.append(dlg.value())
        return True
    monkeypatch.setattr(table_export.QProgressDialog, "wasCanceled", canceled)
    assert table_export.export_table(window) is None
    assert stopped == [50] and not target.exists()
    assert seen[0].endswith("Verifikationer 2025-01-01 – 2025-12-31.xlsx")
    monkeypatch.setattr(table_export.QProgressDialog, "wasCanceled", lambda dlg: False)
    assert table_export.export_table(window) == target
    assert len(list(_sheet(target).iter_rows(min_row=5))) == 248
