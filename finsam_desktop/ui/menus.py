"""The main window's actions, menus and toolbar: what the user can reach, with Swedish
texts, shortcuts and tips. An action that needs a book (or a writable book) is enabled
by the window when one is open (`needs_book`, `writes`)."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from . import print_actions, safety_actions, table_export
from .bank_view import choose_and_import as import_bank_statement
from .pages import PAGES

if TYPE_CHECKING:
    from .main_window import MainWindow


def _action(w: MainWindow, text: str, slot: Callable, shortcut: str | QKeySequence | None = None,
            tip: str = "", needs_book: bool = True, writes: bool = False) -> QAction:
    a = QAction(text, w)
    if shortcut:
        a.setShortcut(QKeySequence(shortcut))
    if tip:
        a.setStatusTip(tip)
        a.setToolTip(f"{tip} ({a.shortcut().toString(QKeySequence.NativeText)})" if shortcut else tip)
    a.triggered.connect(lambda _checked=False: slot())
    a.setProperty("needs_book", needs_book)
    a.setProperty("writes", writes)
    w.addAction(a)
    return a


def build_actions(w: MainWindow) -> None:
    """Every action of the window, with its Swedish text, shortcut and tip."""
    A = partial(_action, w)
    w.act_new_book = A("&Ny bok …", w.new_book, QKeySequence.New, "Skapa en ny bok för ett förbund",
                       needs_book=False)
    w.act_open = A("Ö&ppna …", w.open_book_dialog, QKeySequence.Open, "Öppna en bok", needs_book=False)
    w.act_open_ro = A("Öppna skrivskyddad …", lambda: w.open_book_dialog(read_only=True),
                      "Ctrl+Shift+O", "Öppna en bok utan att kunna ändra den", needs_book=False)
    w.act_backup = A("Spara &kopia som …", w.save_copy, "Ctrl+Shift+S",
                     "Spara en kopia av hela boken i en annan fil")
    safety_actions.build_actions(w, A)
    w.act_import = A("&Importera SIE …", w.import_sie, "Ctrl+I", "Läs in en SIE-fil", needs_book=False)
    w.act_export = A("&Exportera SIE …", w.export_sie, "Ctrl+E", "Skriv räkenskapsåret som SIE 4")
    w.act_close_book = A("&Stäng boken", w.close_book, "Ctrl+W", "Stäng boken")
    w.act_quit = A("&Avsluta", w.quit_program, "Ctrl+Q", "Avsluta programmet", needs_book=False)
    w.act_copy = A("&Kopiera", w.copy_selection, QKeySequence.Copy,
                   "Kopiera markerade rader som tabell (klistra in i kalkylblad)")
    w.act_find = A("&Sök verifikation", w.find_voucher, QKeySequence.Find, "Sök i verifikationslistan")
    w.act_forbund = A("&Förbundsuppgifter …", w.edit_forbund, "Ctrl+Shift+F", "Namn, organisationsnummer, adress",
                      writes=True)
    w.act_new_voucher = A("&Ny verifikation", w.new_voucher, "Ctrl+Shift+N",
                          "Skriv in och bokför en ny verifikation", writes=True)
    w.act_correct = A("&Rätta verifikation …", w.correct_voucher, "Ctrl+Shift+R",
                      "Rätta en bokförd verifikation med en rättelse", writes=True)
    w.act_drafts = A("&Utkast …", w.show_drafts, "Ctrl+Shift+U",
                     "Preliminära verifikationer som ännu inte är bokförda")
    w.act_templates = A("&Mallar …", w.show_templates, "Ctrl+M",
                        "Återkommande verifikationer (hyra, löner, arvoden): välj mall och datum", writes=True)
    w.act_new_year = A("Nytt &räkenskapsår …", w.new_year, "Ctrl+Shift+Y",
                       "Lägg till nästa räkenskapsår med preliminära ingående balanser", writes=True)
    w.act_budget = A("&Budget …", w.edit_budget, "Ctrl+B", "Budget per räkenskapsår")
    w.act_pdf = A("&Årsredovisning (PDF) …", lambda: w.export_pdf(interim=False), "Ctrl+P",
                  "Spara årsredovisningen som PDF")
    w.act_pdf_interim = A("&Delårsrapport (PDF) …", lambda: w.export_pdf(interim=True), "Ctrl+Shift+D",
                          "Spara en delårsrapport som PDF")
    w.act_board_report = A("&Ekonomisk rapport …", w.show_board_report, "Ctrl+Shift+E",
                           "Utfall mot budget och prognos för helåret, till styrelsens möte")
    w.act_budget_plan = A("&Verksamhetsplan och budget …", w.show_budget_plan, "Ctrl+Shift+V",
                          "Budgeten med två planår och balansbudget; verksamhetsplanens budgetsidor som PDF")
    w.act_chart = A("&Kontoplan", w.edit_chart, "Ctrl+K", "Konton och rapportrader")
    w.act_registers = A("&Insatser och projektägare", w.edit_registers, "Ctrl+Shift+I",
                        "Insatser, beviljade medel och projektägare")
    w.act_members = A("&Medlemmar och driftbidrag", w.edit_members, "Ctrl+Shift+M",
                      "Medlemmar, andelar och driftbidrag per år")
    w.act_accruals = A("&Periodavslut och interimsskulder …", w.open_accruals, "Ctrl+Shift+P",
                       "Boka upplupna kostnader till projektägarna vid periodens slut", writes=True)
    w.page_actions = {key: A(title, (lambda k=key: w.show_page(k)), sc, f"Visa {title.lower()}")
                      for key, title, sc in PAGES}
    w.act_bank_import = A("Läs in &kontoutdrag …", lambda: import_bank_statement(w), "Ctrl+Shift+K",
                          "Läs in bankens kontoutdrag (camt.053 eller CSV) och matcha raderna", writes=True)
    w.act_balance_sheet = A("&Balansräkning", lambda: w.show_report("balansrakning"), "Ctrl+7",
                            "Visa balansräkningen")
    w.act_cash_flow = A("&Kassaflödesanalys", lambda: w.show_report("kassaflodesanalys"), "Ctrl+8",
                        "Visa kassaflödesanalysen")
    w.act_wizard = A("&Bokslutsguide …", w.open_wizard, "Ctrl+Shift+B",
                     "Bokslut, årsredovisning och stängning av året", writes=True)
    w.act_reopen = A("Öppna stängt år &igen …", w.reopen_year, "Ctrl+Shift+L",
                     "Öppna ett stängt räkenskapsår igen; orsaken skrivs i loggen", writes=True)
    w.act_print = A("Skriv &ut (PDF) …", lambda: print_actions.print_current(w), "Ctrl+R",
                    "Den markerade verifikationen, verifikationslistan eller huvudboken som PDF")
    w.act_export_table = A("Exportera &tabellen (xlsx) …", lambda: table_export.export_table(w), "Ctrl+T",
                           "Tabellen som visas som Excel-fil, med riktiga datum och belopp")
    w.act_help = A("&Hjälp", w.show_help, QKeySequence.HelpContents, "Handboken: bokföring, periodavslut, "
                   "bokslut, SIE, överlämning och konteringsexempel", needs_book=False)
    w.act_about = A("&Om Finsam Bokföring", w.about, needs_book=False)

def build_menus(w: MainWindow) -> None:
    mb = w.menuBar()
    m = mb.addMenu("&Arkiv")
    m.addActions([w.act_new_book, w.act_open, w.act_open_ro])
    w.recent_menu = m.addMenu("S&enaste böcker")
    w.recent_menu.aboutToShow.connect(w.fill_recent_menu)
    m.addSeparator()
    m.addAction(w.act_backup)
    m.addActions([w.act_restore, w.act_verify, w.act_log])
    m.addSeparator()
    m.addActions([w.act_import, w.act_export])
    m.addSeparator()
    m.addActions([w.act_print, w.act_export_table])
    m.addSeparator()
    m.addActions([w.act_close_book, w.act_quit])
    m = mb.addMenu("&Redigera")
    m.addActions([w.act_copy, w.act_find])
    m.addSeparator()
    m.addAction(w.act_forbund)
    m = mb.addMenu("&Bokföring")
    m.addActions([w.act_new_voucher, w.act_correct, w.act_drafts, w.act_templates])
    m.addSeparator()
    m.addActions([w.page_actions["start"], w.page_actions["verifikationer"]])
    m.addSeparator()
    m.addActions([w.act_chart, w.act_registers, w.act_members, w.act_budget, w.act_budget_plan])
    m.addSeparator()
    m.addAction(w.act_new_year)
    m.addSeparator()
    m.addAction(w.act_accruals)
    m.addSeparator()
    m.addActions([w.act_bank_import, w.page_actions["bank"]])
    m = mb.addMenu("Ra&pporter")
    m.addActions([w.page_actions["huvudbok"], w.page_actions["saldobalans"]])
    m.addSeparator()
    w.page_actions["rapport"].setText("&Resultaträkning")
    m.addActions([w.page_actions["rapport"], w.act_balance_sheet, w.act_cash_flow])
    m.addSeparator()
    m.addActions([w.page_actions["projekt"], w.act_board_report])
    m.addAction(w.page_actions["verksamhet"])
    m.addSeparator()
    m.addActions([w.act_pdf, w.act_pdf_interim])
    w.wizard_menu = mb.addMenu("B&okslut")
    w.wizard_menu.addAction(w.act_wizard)
    w.wizard_menu.addSeparator()
    w.wizard_menu.addAction(w.act_reopen)
    m = mb.addMenu("&Hjälp")
    m.addAction(w.act_help)
    m.addSeparator()
    m.addAction(w.act_about)

def build_toolbar(w: MainWindow) -> None:
    tb = w.addToolBar("Verktyg")
    tb.setObjectName("toolbar")
    tb.setMovable(False)
    tb.setToolButtonStyle(Qt.ToolButtonTextOnly)
    tb.setStyleSheet("QToolBar { spacing: 4px; padding: 3px 6px; border-bottom: 1px solid #d5dbe1; }"
                     "QToolButton { padding: 4px 10px; }")
    w.act_new_voucher.setIconText("Ny verifikation")
    tb.addAction(w.act_new_voucher)
    tb.addSeparator()
    for key in ("verifikationer", "huvudbok", "saldobalans", "rapport", "projekt"):
        tb.addAction(w.page_actions[key])
    w.page_actions["rapport"].setIconText("Resultat och balans")
    tb.addSeparator()
    tb.addActions([w.act_chart, w.act_registers, w.act_members])
    w.act_registers.setIconText("Insatser")
    w.act_members.setIconText("Medlemmar")
    w.toolbar = tb
