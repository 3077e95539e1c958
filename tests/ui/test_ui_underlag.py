"""The desktop's underlag viewer, attest and leverantörsfakturor."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence

from finsam_desktop.ops import attest as attest_ops
from finsam_desktop.ops import invoices as invoice_ops
from finsam_desktop.ops import underlag as ops
from finsam_desktop.ui.attest_dialog import AttestDialog
from finsam_desktop.ui.entry_model import ACCOUNT, CREDIT, DEBIT
from finsam_desktop.ui.invoices_dialog import InvoicesDialog, RegisterInvoiceDialog
from finsam_desktop.ui.main_window import MainWindow
from finsam_desktop.ui.underlag_view import UnderlagDialog, render_pages
from finsam_desktop.ui.voucher_form import VoucherDialog

from ui_helpers import booked_book, isolated_settings  # noqa: F401
from underlag_helpers import pdf, png


def test_pdf_and_image_underlag_are_rendered(qapp):
    (page,) = render_pages(pdf("Faktura 77"), "application/pdf", 400)
    assert abs(page.width() - 400) <= 1 and abs(page.height() - round(400 * 842 / 595)) <= 1
    # Black text on white: some pixels of the title row are dark.
    assert any(page.pixelColor(x, y).lightness() < 100 for x in range(40, 300) for y in range(40, 80))
    (img,) = render_pages(png(7), "image/png", 400)
    assert (img.width(), img.height()) == (2, 2)  # never scaled up


def test_window_has_attest_and_invoices_in_the_bokforing_menu(qtbot, tmp_path):
    w = MainWindow()
    qtbot.addWidget(w)
    w.open_book(booked_book(tmp_path).path)
    assert w.act_attest.shortcut() == QKeySequence("Ctrl+Shift+A")
    assert w.act_invoices.shortcut() == QKeySequence("Ctrl+Shift+J")
    menu = next(a.menu() for a in w.menuBar().actions() if a.text().replace("&", "") == "Bokföring")
    assert w.act_attest in menu.actions() and w.act_invoices in menu.actions()
    w.act_attest.trigger()
    assert [d for d in w.findChildren(AttestDialog) if d.isVisible()]
    w.act_invoices.trigger()
    assert [d for d in w.findChildren(InvoicesDialog) if d.isVisible()]
    w.close()


def test_attest_dialog_attests_with_the_chosen_attestant(qtbot, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr("finsam_desktop.ui.attest_dialog.show_error", lambda _p, exc, _t="": shown.append(exc.message))
    book = booked_book(tmp_path)
    y = book.years()[0]
    attest_ops.add_attestant(book, y.id, "Kristina Wallin", limit=10_000_00)
    dlg = AttestDialog(book, year_id=y.id)
    qtbot.addWidget(dlg)
    assert [u.ref for u in dlg.model.records] == ["A 2", "A 3"]  # the payments, not the driftbidrag
    dlg.attestant_box.setCurrentText("Kristina Wallin")
    dlg.table.selectRow(0)
    dlg.attest_current()  # A 2 is 25 000 kr: above the limit, refused with a message
    assert shown and "över Kristina Wallins beloppsgräns 10 000,00 kr" in shown[0]
    assert attest_ops.attest_of(book, dlg.model.records[0].voucher_id) is None
    dlg.table.selectRow(1)
    dlg.attest_current()
    assert [u.ref for u in dlg.model.records] == ["A 2"]
    assert "1 av årets 2" in dlg.summary.text()


def test_attest_dialog_register_tab_adds_an_attestant(qtbot, tmp_path):
    book = booked_book(tmp_path)
    dlg = AttestDialog(book)
    qtbot.addWidget(dlg)
    dlg.name_edit.setText("Anna Sjöberg")
    dlg.role_edit.setText("Ordförande")
    dlg.limit_edit.setText("50 000")
    dlg.add_attestant()
    (a,) = attest_ops.attestants(book, book.years()[0].id)
    assert (a.name, a.role, a.limit) == ("Anna Sjöberg", "Ordförande", 50_000_00)
    assert dlg.attestant_box.currentText() == "Anna Sjöberg"


def test_register_invoice_form_books_it_with_its_underlag_and_the_list_shows_it(qtbot, tmp_path):
    book = booked_book(tmp_path)
    f = tmp_path / "faktura.pdf"
    f.write_bytes(pdf("Faktura K-1"))
    form = RegisterInvoiceDialog(book)
    qtbot.addWidget(form)
    form.supplier.setCurrentText("Kramfors kommun")
    form.number.setText("K-1")
    form.amount.setText("1 250")
    form.moms.setText("250")
    form.files.add([str(f)])
    from PySide6.QtCore import QDate
    form.invoice_date.setDate(QDate(2021, 4, 1))
    assert form.due_date.date() == QDate(2021, 5, 1)
    form.save()
    inv = form.invoice
    assert (inv.invoice_number, inv.amount, inv.due_date) == ("K-1", 1_250_00, "2021-05-01")
    assert [a.file_name for a in ops.list_attachments(book, voucher_id=inv.voucher_id)] == ["faktura.pdf"]
    form2 = RegisterInvoiceDialog(book)
    qtbot.addWidget(form2)
    form2.supplier.setCurrentText("Kramfors kommun")
    form2.number.setText("K-1")
    form2.amount.setText("100")
    form2.save()
    assert "redan registrerad" in form2.error.text() and form2.invoice is None
    lst = InvoicesDialog(book, today="2021-05-02")
    qtbot.addWidget(lst)
    (row,) = lst.model.records
    assert row.id == inv.id and lst.model.overdue == {inv.id}
    assert lst.underlag.items[0].file_name == "faktura.pdf"
    assert "1 obetalda fakturor, 1 250,00 kr; 1 förfallna" in lst.summary.text()


def test_voucher_form_keeps_a_new_form_as_draft_and_shows_its_underlag_beside_it(qtbot, tmp_path):
    book = booked_book(tmp_path)
    f = tmp_path / "kvitto.png"
    f.write_bytes(png(4))
    form = VoucherDialog(book)
    qtbot.addWidget(form)
    form.show()
    form.model.autofill = False
    form.date_edit.setText("2021-04-01")
    form.text_edit.setText("Kontorsmaterial")
    form.model.setData(form.model.index(0, ACCOUNT), "6410")
    form.model.setData(form.model.index(0, DEBIT), "100")
    form.model.setData(form.model.index(1, ACCOUNT), "1930")
    form.model.setData(form.model.index(1, CREDIT), "100")
    viewer = form.show_underlag([str(f)])
    assert isinstance(viewer, UnderlagDialog) and form.draft_id is not None
    assert form.text_edit.text() == "Kontorsmaterial"  # the form still shows the draft
    assert [a.file_name for a in ops.list_attachments(book, draft_id=form.draft_id)] == ["kvitto.png"]
    v = form.book_now()
    assert [a.file_name for a in ops.list_attachments(book, voucher_id=v.id)] == ["kvitto.png"]
    assert not invoice_ops.invoices(book)
