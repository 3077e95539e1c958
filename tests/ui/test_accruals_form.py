"""The period-end form: amounts typed by keyboard, "Bokför" books one verifikation with
the insats and projektägare on its rows, and the form then shows every line as decided."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QAbstractItemView, QLineEdit  # noqa: E402

from accrual_books import INSATSER, kramfors  # noqa: E402
from ui_helpers import answer_question  # noqa: E402

from finsam_desktop.ui.accruals_form import AccrualsDialog, AccrualsForm, ProjectLinesModel  # noqa: E402


def type_into(qtbot, view, row: int, col: int, text: str) -> None:
    """Select a cell, open its editor with F2, type and press Enter: what a user does."""
    view.setFocus()
    view.setCurrentIndex(view.model().index(row, col))
    qtbot.keyClick(view, Qt.Key_F2)
    editors = [w for w in view.viewport().findChildren(QLineEdit) if w.isVisible()]
    assert len(editors) == 1, "F2 opens exactly one editor"
    editor = editors[0]
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key_Return)
    # The delegate commits and closes its editor through a queued call.
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.EditingState, timeout=2000)


def test_form_books_typed_amounts_as_one_voucher(qtbot, book):
    projects = kramfors(book)
    form = AccrualsForm(book, "2021-12-31")
    qtbot.addWidget(form)
    form.resize(1180, 700)
    form.show()
    model = form.projects
    codes = [l.code for l in model.lines]
    assert codes == ["101", "102", "103"]
    # The suggestion is filled in: beviljat less bokfört.
    assert [model.amount(r) for r in range(3)] == [a for *_x, a in INSATSER]
    # The projektägare reported less for StegSam+; the typed amount wins, with öre and comma.
    type_into(qtbot, form.project_view, 2, ProjectLinesModel.AMOUNT, "150 000,50")
    type_into(qtbot, form.project_view, 2, ProjectLinesModel.COMMENT, "enligt rapport")
    # Samkraft: nothing to accrue, decided with an explicit 0.
    type_into(qtbot, form.project_view, 1, ProjectLinesModel.AMOUNT, "0")
    type_into(qtbot, form.other_view, 0, 3, "12000")         # upplupna styrelsearvoden
    assert form.summary.text() == "Att bokföra: 654\u00a0163,50 kr på 3 rader."
    asked = []
    answer_question("Bokför", asked)
    with qtbot.waitSignal(form.booked, timeout=3000) as sig:
        qtbot.mouseClick(form.book_button, Qt.LeftButton)
    assert asked and "654\u00a0163,50 kr på 3 rader" in asked[0]
    v = sig.args[0].voucher
    owner = projects["owner"].id
    assert v.date == "2021-12-31"
    assert [(r.account, r.amount, r.project_id, r.counterpart_id) for r in v.rows] == [
        (4530, 492_163_00, projects["101"].id, owner), (2990, -492_163_00, projects["101"].id, owner),
        (4530, 150_000_50, projects["103"].id, owner), (2990, -150_000_50, projects["103"].id, owner),
        (5050, 12_000_00, None, None), (2950, -12_000_00, None, None)]
    assert f"verifikation {v.ref}" in form.result.text()
    # After booking every line shows as decided and the form has nothing more to book.
    assert all(l.decided for l in model.lines)
    assert model.data(model.index(1, 8)) == "Beslutad: 0 kr"
    assert model.data(model.index(2, 7)) == "enligt rapport"
    assert not form.book_button.isEnabled()
    assert "Alla aktiva insatser har beslutad interimsskuld" in form.summary.text()


def test_form_refuses_a_bad_amount_and_keeps_the_line(qtbot, book):
    kramfors(book)
    form = AccrualsForm(book, "2021-12-31")
    qtbot.addWidget(form)
    form.show()
    type_into(qtbot, form.project_view, 0, ProjectLinesModel.AMOUNT, "tolv")
    assert "Ogiltigt belopp" in form.error.text()
    assert form.projects.amount(0) == INSATSER[0][4]


def test_reported_amount_typed_in_the_form_becomes_the_suggestion(qtbot, book):
    projects = kramfors(book)
    form = AccrualsForm(book, "2021-12-31")
    qtbot.addWidget(form)
    form.show()
    type_into(qtbot, form.project_view, 0, ProjectLinesModel.REPORTED, "400000")
    qtbot.waitUntil(lambda: form.projects.lines[0].reported == 400_000_00, timeout=2000)
    assert form.projects.amount(0) == 400_000_00
    assert book.accrual_reports("2021-12-31")[projects["101"].id][0] == 400_000_00


def test_closed_year_form_is_read_only(qtbot, book):
    kramfors(book)
    book.set_year_status(book.years()[0].id, "closed")
    dlg = AccrualsDialog(book, period_end="2021-12-31")
    qtbot.addWidget(dlg)
    assert not dlg.form.book_button.isEnabled()
    assert "stängt" in dlg.form.error.text()
    assert not dlg.form.projects.flags(dlg.form.projects.index(0, ProjectLinesModel.AMOUNT)) & Qt.ItemIsEditable
