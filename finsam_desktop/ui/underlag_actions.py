"""Bokföring → Attest … (Ctrl+Shift+A) and Leverantörsfakturor … (Ctrl+Shift+J): the
actions, in the Bokföring menu, opening their dialogs through the window so the session
owns them."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from .attest_dialog import AttestDialog
from .invoices_dialog import InvoicesDialog
from .menus import _action

if TYPE_CHECKING:
    from .main_window import MainWindow


def install_underlag_actions(w: MainWindow) -> None:
    A = partial(_action, w)
    w.act_attest = A("&Attest …", lambda: open_attest(w), "Ctrl+Shift+A",
                     "Attestera utbetalningar och leverantörsfakturor; attestordningens attestanter")
    w.act_invoices = A("Leverantörs&fakturor …", lambda: open_invoices(w), "Ctrl+Shift+J",
                       "Registrera leverantörsfakturor, se obetalda och förfallna, bokför betalningen")
    menu = next(a.menu() for a in w.menuBar().actions() if a.text().replace("&", "") == "Bokföring")
    menu.addSeparator()
    menu.addActions([w.act_invoices, w.act_attest])


def open_attest(w: MainWindow) -> AttestDialog:
    y = w.working_year()
    return w._open(AttestDialog(w.book, w, year_id=y.id if y else None))


def open_invoices(w: MainWindow) -> InvoicesDialog:
    return w._open(InvoicesDialog(w.book, w))
