"""The main window: menus, toolbar, status bar, a navigation list on the left and the
views of the open book on the right. Everything it changes goes through the book."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication, QIcon, QKeySequence
from PySide6.QtWidgets import (QApplication, QComboBox, QFileDialog, QInputDialog, QLabel, QListWidget,
                               QListWidgetItem, QMainWindow, QMessageBox, QPushButton,
                               QHBoxLayout, QStackedWidget, QTableView, QVBoxLayout, QWidget)

from .. import __version__
from ..book import SUFFIX, Book
from ..errors import BookFileError, FinsamError
from ..paths import resource
from . import settings
from .common import ERROR_STYLE, MUTED_STYLE, heading, muted, show_error
from .start_page import current_year
from .tasks import Cancelled, run_book_job, run_in_background, write_cancellable

APP_NAME = "Finsam Bokföring"
# The pages of a book, in the order of the navigation list: (key, title, shortcut).
PAGES = (("start", "Översikt", "Ctrl+1"), ("verifikationer", "Verifikationer", "Ctrl+2"),
         ("huvudbok", "Huvudbok", "Ctrl+3"), ("saldobalans", "Saldobalans", "Ctrl+4"),
         ("rapport", "Resultat och balans", "Ctrl+5"), ("projekt", "Projektuppföljning", "Ctrl+6"))


def app_icon() -> QIcon:
    return QIcon(str(resource("icons", "finsam.svg")))


class WelcomePage(QWidget):
    """Shown when no book is open: new, open, demo and the recent books."""

    def __init__(self, window: "MainWindow"):
        super().__init__()
        self.window = window
        lay = QVBoxLayout(self)
        lay.setContentsMargins(60, 50, 60, 40)
        lay.addWidget(heading(APP_NAME, 22))
        lay.addWidget(muted("Bokföring och årsredovisning för samordningsförbund."))
        lay.addSpacing(20)
        for text, slot in (("Ny bok …", window.new_book), ("Öppna bok …", window.open_book_dialog),
                           ("Importera SIE-fil …", window.import_sie),
                           ("Öppna demoboken", window.open_demo)):
            b = QPushButton(text)
            b.setMinimumWidth(260)
            b.setMinimumHeight(34)
            b.clicked.connect(slot)
            lay.addWidget(b, 0, Qt.AlignLeft)
        lay.addSpacing(20)
        lay.addWidget(QLabel("<b>Senaste böcker</b>"))
        self.recent = QListWidget()
        self.recent.setMaximumWidth(720)
        self.recent.itemActivated.connect(lambda item: window.open_book(item.data(Qt.UserRole)))
        lay.addWidget(self.recent, 1)
        self.reload()

    def reload(self) -> None:
        self.recent.clear()
        for p in settings.recent_books():
            item = QListWidgetItem(f"{Path(p).name}    {Path(p).parent}")
            item.setData(Qt.UserRole, p)
            self.recent.addItem(item)


class MainWindow(QMainWindow):
    def __init__(self, book: Book | None = None):
        super().__init__()
        self.book: Book | None = None
        self.pages: dict[str, QWidget] = {}
        self.voucher_dialog = None
        self.working_year_id: int | None = None  # chosen in the status bar; None: current_year()
        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(app_icon())
        self.setMinimumSize(QSize(900, 600))

        self.nav = QListWidget()
        self.nav.setFixedWidth(200)
        self.nav.setStyleSheet(
            "QListWidget { border: none; background: #eef1f4; padding-top: 8px; }"
            "QListWidget::item { padding: 9px 14px; color: #26323c; }"
            "QListWidget::item:selected { background: #d6e2ee; color: #10283d; font-weight: 600;"
            " border: none; outline: none; }")
        for _key, title, _sc in PAGES:
            self.nav.addItem(title)
        self.nav.currentRowChanged.connect(lambda r: self.show_page(PAGES[r][0]) if r >= 0 else None)
        self.stack = QStackedWidget()
        self.nav.setFocusPolicy(Qt.NoFocus)
        self.book_area = QWidget()
        area = QHBoxLayout(self.book_area)
        area.setContentsMargins(0, 0, 0, 0)
        area.setSpacing(0)
        area.addWidget(self.nav)
        area.addWidget(self.stack, 1)
        self.welcome = WelcomePage(self)
        self.central = QStackedWidget()
        self.central.addWidget(self.welcome)
        self.central.addWidget(self.book_area)
        self.setCentralWidget(self.central)

        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._build_status_bar()
        self._restore_geometry()
        if book is not None:
            self.set_book(book)
        else:
            self._update_actions()

    # ------------------------------------------------------------------ actions and menus
    def _action(self, text: str, slot: Callable, shortcut: str | QKeySequence | None = None,
                tip: str = "", needs_book: bool = True, writes: bool = False) -> QAction:
        a = QAction(text, self)
        if shortcut:
            a.setShortcut(QKeySequence(shortcut))
        if tip:
            a.setStatusTip(tip)
            a.setToolTip(f"{tip} ({a.shortcut().toString(QKeySequence.NativeText)})" if shortcut else tip)
        a.triggered.connect(lambda _checked=False: slot())
        a.setProperty("needs_book", needs_book)
        a.setProperty("writes", writes)
        self.addAction(a)
        return a

    def _build_actions(self) -> None:
        A = self._action
        self.act_new_book = A("&Ny bok …", self.new_book, QKeySequence.New, "Skapa en ny bok för ett förbund",
                              needs_book=False)
        self.act_open = A("Ö&ppna …", self.open_book_dialog, QKeySequence.Open, "Öppna en bok", needs_book=False)
        self.act_open_ro = A("Öppna skrivskyddad …", lambda: self.open_book_dialog(read_only=True),
                             "Ctrl+Shift+O", "Öppna en bok utan att kunna ändra den", needs_book=False)
        self.act_backup = A("Spara &kopia som …", self.save_copy, "Ctrl+Shift+S",
                            "Spara en kopia av hela boken i en annan fil")
        self.act_import = A("&Importera SIE …", self.import_sie, "Ctrl+I", "Läs in en SIE-fil", needs_book=False)
        self.act_export = A("&Exportera SIE …", self.export_sie, "Ctrl+E", "Skriv räkenskapsåret som SIE 4")
        self.act_close_book = A("&Stäng boken", self.close_book, "Ctrl+W", "Stäng boken")
        self.act_quit = A("&Avsluta", self.close, "Ctrl+Q", "Avsluta programmet", needs_book=False)
        self.act_copy = A("&Kopiera", self.copy_selection, QKeySequence.Copy,
                          "Kopiera markerade rader som tabell (klistra in i kalkylblad)")
        self.act_find = A("&Sök verifikation", self.find_voucher, QKeySequence.Find, "Sök i verifikationslistan")
        self.act_forbund = A("&Förbundsuppgifter …", self.edit_forbund, "Ctrl+Shift+F", "Namn, organisationsnummer, adress",
                             writes=True)
        self.act_new_voucher = A("&Ny verifikation", self.new_voucher, "Ctrl+Shift+N",
                                 "Skriv in och bokför en ny verifikation", writes=True)
        self.act_correct = A("&Rätta verifikation …", self.correct_voucher, "Ctrl+Shift+R",
                             "Rätta en bokförd verifikation med en rättelse", writes=True)
        self.act_drafts = A("&Utkast …", self.show_drafts, "Ctrl+Shift+U",
                            "Preliminära verifikationer som ännu inte är bokförda")
        self.act_new_year = A("Nytt &räkenskapsår …", self.new_year, "Ctrl+Shift+Y",
                              "Lägg till nästa räkenskapsår med preliminära ingående balanser", writes=True)
        self.act_budget = A("&Budget …", self.edit_budget, "Ctrl+B", "Budget per räkenskapsår")
        self.act_pdf = A("&Årsredovisning (PDF) …", lambda: self.export_pdf(interim=False), "Ctrl+P",
                         "Spara årsredovisningen som PDF")
        self.act_pdf_interim = A("&Delårsrapport (PDF) …", lambda: self.export_pdf(interim=True), "Ctrl+Shift+D",
                                 "Spara en delårsrapport som PDF")
        self.act_chart = A("&Kontoplan", self.edit_chart, "Ctrl+K", "Konton och rapportrader")
        self.act_registers = A("&Insatser och projektägare", self.edit_registers, "Ctrl+Shift+I",
                               "Insatser, beviljade medel och projektägare")
        self.act_members = A("&Medlemmar och driftbidrag", self.edit_members, "Ctrl+Shift+M",
                             "Medlemmar, andelar och driftbidrag per år")
        self.act_accruals = A("&Periodavslut och interimsskulder …", self.open_accruals, "Ctrl+Shift+P",
                              "Boka upplupna kostnader till projektägarna vid periodens slut", writes=True)
        self.page_actions = {key: A(title, (lambda k=key: self.show_page(k)), sc, f"Visa {title.lower()}")
                             for key, title, sc in PAGES}
        self.act_balance_sheet = A("&Balansräkning", lambda: self.show_report("balansrakning"), "Ctrl+7",
                                   "Visa balansräkningen")
        self.act_cash_flow = A("&Kassaflödesanalys", lambda: self.show_report("kassaflodesanalys"), "Ctrl+8",
                               "Visa kassaflödesanalysen")
        self.act_wizard = A("&Bokslutsguide …", self.open_wizard, "Ctrl+Shift+B",
                            "Bokslut, årsredovisning och stängning av året", writes=True)
        self.act_reopen = A("Öppna stängt år &igen …", self.reopen_year, "Ctrl+Shift+L",
                            "Öppna ett stängt räkenskapsår igen; orsaken skrivs i loggen", writes=True)
        self.act_about = A("&Om Finsam Bokföring", self.about, "F1", needs_book=False)

    def _build_menus(self) -> None:
        mb = self.menuBar()
        m = mb.addMenu("&Arkiv")
        m.addActions([self.act_new_book, self.act_open, self.act_open_ro])
        self.recent_menu = m.addMenu("S&enaste böcker")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        m.addSeparator()
        m.addAction(self.act_backup)
        m.addSeparator()
        m.addActions([self.act_import, self.act_export])
        m.addSeparator()
        m.addActions([self.act_close_book, self.act_quit])
        m = mb.addMenu("&Redigera")
        m.addActions([self.act_copy, self.act_find])
        m.addSeparator()
        m.addAction(self.act_forbund)
        m = mb.addMenu("&Bokföring")
        m.addActions([self.act_new_voucher, self.act_correct, self.act_drafts])
        m.addSeparator()
        m.addActions([self.page_actions["start"], self.page_actions["verifikationer"]])
        m.addSeparator()
        m.addActions([self.act_chart, self.act_registers, self.act_members, self.act_budget])
        m.addSeparator()
        m.addAction(self.act_new_year)
        m.addSeparator()
        m.addAction(self.act_accruals)
        if not _importable("finsam_desktop.ui.accruals_form", "AccrualsDialog"):
            self.act_accruals.setVisible(False)
            self.act_accruals.setEnabled(False)
        m = mb.addMenu("Ra&pporter")
        m.addActions([self.page_actions["huvudbok"], self.page_actions["saldobalans"]])
        m.addSeparator()
        self.page_actions["rapport"].setText("&Resultaträkning")
        m.addActions([self.page_actions["rapport"], self.act_balance_sheet, self.act_cash_flow])
        m.addSeparator()
        m.addAction(self.page_actions["projekt"])
        m.addSeparator()
        m.addActions([self.act_pdf, self.act_pdf_interim])
        self.wizard_menu = mb.addMenu("B&okslut")
        self.wizard_menu.addAction(self.act_wizard)
        self.wizard_menu.addSeparator()
        self.wizard_menu.addAction(self.act_reopen)
        if not _importable("finsam_desktop.ui.wizard", "BokslutWizard"):
            self.wizard_menu.menuAction().setVisible(False)
            self.act_wizard.setEnabled(False)
        m = mb.addMenu("&Hjälp")
        m.addAction(self.act_about)

    def _build_toolbar(self) -> None:
        tb = self.addToolBar("Verktyg")
        tb.setObjectName("toolbar")
        tb.setMovable(False)
        tb.setToolButtonStyle(Qt.ToolButtonTextOnly)
        tb.setStyleSheet("QToolBar { spacing: 4px; padding: 3px 6px; border-bottom: 1px solid #d5dbe1; }"
                         "QToolButton { padding: 4px 10px; }")
        self.act_new_voucher.setIconText("Ny verifikation")
        tb.addAction(self.act_new_voucher)
        tb.addSeparator()
        for key in ("verifikationer", "huvudbok", "saldobalans", "rapport", "projekt"):
            tb.addAction(self.page_actions[key])
        self.page_actions["rapport"].setIconText("Resultat och balans")
        tb.addSeparator()
        tb.addActions([self.act_chart, self.act_registers, self.act_members])
        self.act_registers.setIconText("Insatser")
        self.act_members.setIconText("Medlemmar")
        self.toolbar = tb

    def _build_status_bar(self) -> None:
        sb = self.statusBar()
        self.status_file = QLabel()
        self.status_forbund = QLabel()
        self.status_year = QLabel("Räkenskapsår")
        self.year_box = QComboBox()
        self.year_box.setToolTip("Det räkenskapsår du arbetar i: översikten och listorna visar det.")
        self.year_box.setSizeAdjustPolicy(QComboBox.AdjustToContents)
        self.year_box.activated.connect(lambda i: self.set_working_year(self.year_box.itemData(i)))
        self.status_warning = QLabel()
        self.status_warning.setStyleSheet(ERROR_STYLE + " font-weight: 600;")
        for w in (self.status_forbund, self.status_year, self.status_warning, self.status_file):
            w.setContentsMargins(8, 0, 8, 0)
        self.status_file.setStyleSheet(MUTED_STYLE)
        sb.addWidget(self.status_forbund)
        sb.addWidget(self.status_year)
        sb.addWidget(self.year_box)
        sb.addWidget(self.status_warning)
        sb.addPermanentWidget(self.status_file)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        items = settings.recent_books()
        if not items:
            a = self.recent_menu.addAction("(inga)")
            a.setEnabled(False)
        for i, p in enumerate(items, 1):
            a = self.recent_menu.addAction(f"&{i} {Path(p).name} – {Path(p).parent}")
            a.triggered.connect(lambda _c=False, p=p: self.open_book(p))

    def _update_actions(self) -> None:
        has_book = self.book is not None
        writable = has_book and not self.book.read_only
        for a in self.actions():
            if a.property("needs_book"):
                a.setEnabled(has_book and (writable or not a.property("writes")))
        self.act_accruals.setEnabled(writable and self.act_accruals.isVisible())
        self.act_wizard.setEnabled(writable and self.wizard_menu.menuAction().isVisible())
        self.toolbar.setVisible(has_book)
        self.central.setCurrentWidget(self.book_area if has_book else self.welcome)
        self.update_status()

    def update_status(self) -> None:
        b = self.book
        if b is None:
            for w in (self.status_file, self.status_forbund, self.status_warning):
                w.setText("")
            self.status_year.hide()
            self.year_box.hide()
            self.setWindowTitle(APP_NAME)
            return
        f = b.forbund()
        y = self.working_year()
        self.status_forbund.setText(f"{f.namn} ({f.orgnr})")
        self.status_year.setText("Räkenskapsår" if y else "Inget räkenskapsår")
        self.status_year.show()
        self.year_box.blockSignals(True)
        self.year_box.clear()
        for yy in b.years():
            self.year_box.addItem(yy.label + (" (stängt)" if yy.is_closed else ""), yy.id)
        if y is not None:
            self.year_box.setCurrentIndex(self.year_box.findData(y.id))
        self.year_box.setVisible(y is not None)
        self.year_box.blockSignals(False)
        self.status_file.setText(_short_path(b.path))
        self.status_file.setToolTip(str(b.path))
        warnings = []
        if y is not None and b.opening_balances_stale(y.id):
            prev = b.previous_year(y)
            warnings.append(f"Ingående balanser preliminära tills {prev.label if prev else 'föregående år'} "
                            "är stängt")
        if b.read_only:
            warnings.append("Boken är öppnad skrivskyddad")
        if y is not None and y.is_closed:
            warnings.append(f"Räkenskapsåret {y.label} är stängt – inget kan bokföras i det")
        if y is None or not any(not yy.is_closed for yy in b.years()):
            warnings.append("Det finns inget öppet räkenskapsår")
        self.status_warning.setText(" · ".join(dict.fromkeys(warnings)))
        self.setWindowTitle(f"{f.namn} – {APP_NAME}")

    # ------------------------------------------------------------------ the book
    def set_book(self, book: Book | None) -> None:
        """Show `book` (or nothing): pages are dropped and built again on first use."""
        old = self.book
        for page in list(self.pages.values()):
            self.stack.removeWidget(page)
            page.deleteLater()
        self.pages.clear()
        if self.voucher_dialog is not None:
            self.voucher_dialog.close()
            self.voucher_dialog = None
        self.book = book
        self.working_year_id = None
        if old is not None and old is not book:
            old.close()
        if book is not None:
            settings.add_recent_book(book.path)
            self.welcome.reload()
            self.show_page("start")
        self._update_actions()

    def open_book(self, path: str | Path, *, read_only: bool = False) -> Book | None:
        """Open the book at `path`; a file that cannot be written is opened read-only."""
        p = Path(path)
        try:
            if not read_only and p.exists() and not _writable(p):
                read_only = True
            book = Book.open(p, read_only=read_only)
        except FinsamError as exc:
            if isinstance(exc, BookFileError) and not p.exists():
                settings.remove_recent_book(str(path))
                self.welcome.reload()
            show_error(self, exc, "Boken kunde inte öppnas")
            return None
        self.set_book(book)
        return book

    def open_book_dialog(self, read_only: bool = False) -> None:
        start = str(Path(settings.last_book()).parent) if settings.last_book() else ""
        name, _ = QFileDialog.getOpenFileName(self, "Öppna bok", start,
                                              f"Finsam-bok (*{SUFFIX});;Alla filer (*)")
        if name:
            self.open_book(name, read_only=read_only)

    def new_book(self) -> None:
        from .setup_dialog import SetupDialog
        dlg = SetupDialog(self)
        if dlg.exec() and dlg.book is not None:
            self.set_book(dlg.book)

    def open_demo(self) -> None:
        path = demo_path()
        if not path.exists():
            try:
                from ..demo import build_demo
            except ImportError:
                QMessageBox.information(self, APP_NAME, "Demoboken finns inte i den här versionen.")
                return
            path.parent.mkdir(parents=True, exist_ok=True)
            try:
                run_in_background(self, "Bygger demoboken …", lambda: build_demo(path).close())
            except FinsamError as exc:
                show_error(self, exc)
                return
        self.open_book(path)

    def close_book(self) -> None:
        self.set_book(None)

    # ------------------------------------------------------------------ pages
    def page(self, key: str) -> QWidget:
        """The page `key`, built on first use."""
        if key not in self.pages:
            if self.book is None:
                raise RuntimeError("no book open")
            self.pages[key] = w = _make_page(key, self.book)
            if self.working_year_id is not None:
                self._page_to_year(w, self.working_year_id)
            if hasattr(w, "open_voucher"):
                w.open_voucher.connect(self.show_voucher)
            if hasattr(w, "open_drafts"):
                w.open_drafts.connect(self.show_drafts)
            if hasattr(w, "open_account"):
                w.open_account.connect(self.show_account)
            self.stack.addWidget(w)
        return self.pages[key]

    def show_page(self, key: str) -> QWidget | None:
        if self.book is None:
            return None
        w = self.page(key)
        self.stack.setCurrentWidget(w)
        row = [k for k, _t, _s in PAGES].index(key)
        if self.nav.currentRow() != row:
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(row)
            self.nav.blockSignals(False)
        return w

    def show_report(self, statement_id: str) -> None:
        w = self.show_page("rapport")
        if w is not None:
            w.show_statement(statement_id)

    def show_account(self, number: int) -> None:
        w = self.show_page("huvudbok")
        if w is not None:
            src = self.pages.get("saldobalans")
            if src is not None:
                w.period.reload_years(src.period.year.id if src.period.year else None)
                w.period.set_range(*src.period.range)
            w.set_account(number)

    def refresh(self) -> None:
        """Something in the book changed: read every built page again."""
        for key, w in self.pages.items():
            if key == "verifikationer":
                w.reload_projects()
                w.refresh()
            elif key == "huvudbok":
                w.reload_accounts()
                w.reload()
            elif hasattr(w, "reload"):
                w.reload()
        self.update_status()

    def show_fix(self, target: str) -> None:
        """Where the bokslut wizard sends the user to fix a finding."""
        {"kontoplan": self.edit_chart, "accruals": self.open_accruals,
         "report": lambda: self.show_page("rapport"), "bank": lambda: self.show_account(
             int(self.book.setting("bank_account", "1930") or 1930)),
         "drafts": self.show_drafts}.get(target, lambda: self.show_page("start"))()

    # ------------------------------------------------------------------ the working year
    def working_year(self):
        """The räkenskapsår the user works in: the one chosen in the status bar, else
        the year holding today (if open), else the latest open year."""
        if self.book is None:
            return None
        if self.working_year_id is not None:
            y = self.book.year(self.working_year_id)
            if y is not None:
                return y
        return current_year(self.book)

    def set_working_year(self, year_id: int | None) -> None:
        """Switch every page to `year_id` (the status bar's year chooser)."""
        if self.book is None or year_id is None:
            return
        self.working_year_id = year_id
        for w in self.pages.values():
            self._page_to_year(w, year_id)
        self.update_status()

    @staticmethod
    def _page_to_year(w: QWidget, year_id: int) -> None:
        if hasattr(w, "set_year"):
            w.set_year(year_id)
        elif hasattr(w, "period"):
            w.period.reload_years(year_id)

    def new_year(self) -> None:
        from .year_dialog import NewYearDialog
        dlg = NewYearDialog(self.book, self)
        if dlg.exec() and dlg.year is not None:
            self.refresh_years(dlg.year.id)
            self.statusBar().showMessage(f"Räkenskapsåret {dlg.year.label} är tillagt.", 8000)

    def refresh_years(self, select_id: int | None = None) -> None:
        """The book's years changed: every page reads them again (and shows `select_id`)."""
        for w in self.pages.values():
            if hasattr(w, "period"):
                w.period.reload_years(select_id)
        if select_id is not None:
            self.set_working_year(select_id)
        self.refresh()

    # ------------------------------------------------------------------ drafts
    def show_drafts(self):
        """The list of drafts (Bokföring → Utkast, the start page, the bokslut wizard)."""
        from .drafts_view import DraftsDialog
        dlg = DraftsDialog(self.book, self)
        dlg.open_draft.connect(self.open_draft)
        dlg.setAttribute(Qt.WA_DeleteOnClose)
        dlg.open()
        return dlg

    def open_draft(self, draft: dict):
        from .voucher_form import VoucherDialog
        dlg = VoucherDialog(self.book, self)
        dlg.booked.connect(lambda _v: self.refresh())
        dlg.draft_saved.connect(lambda _id: self.refresh())
        dlg.setAttribute(Qt.WA_DeleteOnClose)
        dlg.open_draft(draft)
        dlg.show()
        return dlg

    # ------------------------------------------------------------------ verifikationer
    def new_voucher(self) -> None:
        from .voucher_form import VoucherDialog
        if self.voucher_dialog is None or self.voucher_dialog.voucher is not None:
            if self.voucher_dialog is not None:
                self.voucher_dialog.close()
            self.voucher_dialog = VoucherDialog(self.book, self)
            self.voucher_dialog.booked.connect(lambda _v: self.refresh())
            self.voucher_dialog.draft_saved.connect(lambda _id: self.refresh())
        self.voucher_dialog.show()
        self.voucher_dialog.raise_()
        self.voucher_dialog.activateWindow()

    def show_voucher(self, voucher_id: int):
        from .voucher_form import VoucherDialog
        dlg = VoucherDialog(self.book, self, voucher_id=voucher_id)
        dlg.booked.connect(lambda _v: self.refresh())
        dlg.setAttribute(Qt.WA_DeleteOnClose)
        dlg.show()
        return dlg

    def correct_voucher(self) -> None:
        """Rätta: the voucher selected in the list, or one the user names ('A 12')."""
        vid = None
        page = self.pages.get("verifikationer")
        if page is not None and self.stack.currentWidget() is page:
            vid = page.selected_voucher_id()
        if vid is None:
            ref, ok = QInputDialog.getText(self, "Rätta verifikation", "Vilken verifikation ska rättas? "
                                           "(t.ex. A 12)")
            if not ok or not ref.strip():
                return
            vid = self._voucher_by_ref(ref)
            if vid is None:
                QMessageBox.warning(self, "Rätta verifikation", f"Verifikation ”{ref.strip()}” finns inte "
                                    "i det aktuella räkenskapsåret.")
                return
        dlg = self.show_voucher(vid)
        if dlg.correct_button.isVisible():
            dlg.start_correction()

    def _voucher_by_ref(self, ref: str) -> int | None:
        parts = ref.strip().upper().replace(" ", "")
        series = "".join(ch for ch in parts if not ch.isdigit()) or "A"
        digits = "".join(ch for ch in parts if ch.isdigit())
        y = self.working_year()
        if not digits or y is None:
            return None
        v = self.book.voucher_by_ref(y.id, series, int(digits))
        return v.id if v else None

    # ------------------------------------------------------------------ registers
    def _dialog(self, dlg) -> None:
        dlg.finished.connect(lambda _r: self.refresh())
        dlg.setAttribute(Qt.WA_DeleteOnClose)
        dlg.open()

    def edit_chart(self) -> None:
        from .accounts_form import AccountsDialog
        self._dialog(AccountsDialog(self.book, self))

    def edit_registers(self) -> None:
        from .registers_form import RegistersDialog
        self._dialog(RegistersDialog(self.book, self))

    def edit_members(self) -> None:
        from .members_form import MembersDialog
        self._dialog(MembersDialog(self.book, self))

    def edit_budget(self) -> None:
        from .budget_form import BudgetDialog
        y = self.working_year()
        self._dialog(BudgetDialog(self.book, self, year_id=y.id if y else None))

    def edit_forbund(self) -> None:
        from .members_form import ForbundDialog
        self._dialog(ForbundDialog(self.book, self))

    def open_accruals(self) -> None:
        try:
            from .accruals_form import AccrualsDialog
        except ImportError:
            self.act_accruals.setVisible(False)
            QMessageBox.information(self, APP_NAME, "Periodavslutet finns inte i den här versionen.")
            return
        self._dialog(AccrualsDialog(self.book, self))

    def open_wizard(self) -> None:
        try:
            from .wizard import BokslutWizard
        except ImportError:
            self.wizard_menu.menuAction().setVisible(False)
            QMessageBox.information(self, APP_NAME, "Bokslutsguiden finns inte i den här versionen.")
            return
        try:
            wiz = BokslutWizard(self.book, self, on_fix=self.show_fix)
        except TypeError:
            wiz = BokslutWizard(self.book, self)
        self._dialog(wiz)

    def reopen_year(self) -> None:
        """Bokslut → Öppna stängt år igen: the working year if it is closed, else the
        latest closed year. A separate, explicit action; the reason goes to the log."""
        from .wizard_reopen import ReopenYearDialog
        year = self.working_year()
        if year is None or not year.is_closed:
            closed = [y for y in self.book.years() if y.is_closed]
            if not closed:
                QMessageBox.information(self, APP_NAME, "Boken har inget stängt räkenskapsår.")
                return
            year = closed[-1]
        dlg = ReopenYearDialog(self.book, year.id, self)
        dlg.finished.connect(lambda _r: self.refresh_years(year.id))
        dlg.setAttribute(Qt.WA_DeleteOnClose)
        dlg.open()

    # ------------------------------------------------------------------ PDF
    def export_pdf(self, *, interim: bool = False) -> Path | None:
        """Rapporter → Årsredovisning (PDF) / Delårsrapport (PDF): choose, save, offer to open."""
        from .pdf_dialog import PdfDialog
        dlg = PdfDialog(self.book, self.working_year(), self, interim=interim)
        if not dlg.exec():
            return None
        return self.write_pdf(**dlg.options())

    def write_pdf(self, *, year_id: int, date_from: str | None = None, date_to: str | None = None,
                  tkr: bool = False, path: str | Path | None = None) -> Path | None:
        """Render the PDF in the background to `path` (asked for when None), then offer to
        open it in the system's PDF viewer."""
        from .pdf_dialog import suggested_name
        year = self.book.year(year_id)
        if path is None:
            folder = self.book.path.parent
            name, _ = QFileDialog.getSaveFileName(
                self, "Spara PDF", str(folder / suggested_name(self.book, year, date_to or year.end,
                                                               date_from is not None)), "PDF (*.pdf)")
            if not name:
                return None
            path = name if name.lower().endswith(".pdf") else name + ".pdf"
        try:
            from ..render import render_pdf
            def job(b, progress=None):
                # Rendered at a temporary name: Avbryt throws the file away, never half of it.
                write_cancellable(lambda tmp: render_pdf(b, year_id, tmp, date_from=date_from,
                                                         date_to=date_to, tkr=tkr), path, progress)
                return path

            out = run_book_job(self, "Skriver PDF …", self.book, job)
        except Cancelled:
            return None
        except FinsamError as exc:
            show_error(self, exc, "PDF-filen kunde inte skrivas")
            return None
        what = "Delårsrapporten" if date_from is not None else "Årsredovisningen"
        self.statusBar().showMessage(f"{what} är sparad i {out}.", 8000)
        if QMessageBox.question(self, "PDF sparad", f"{what} är sparad i\n{out}\n\nVill du öppna den?") \
                == QMessageBox.Yes:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(out)))
        return Path(out)

    # ------------------------------------------------------------------ files
    def save_copy(self) -> None:
        suggestion = str(self.book.path.with_name(self.book.path.stem + " kopia" + SUFFIX))
        name, _ = QFileDialog.getSaveFileName(self, "Spara kopia som", suggestion, f"Finsam-bok (*{SUFFIX})")
        if not name:
            return
        if not name.endswith(SUFFIX):
            name += SUFFIX
        try:
            run_book_job(self, "Sparar kopia …", self.book, lambda b: b.backup_to(name))
        except FinsamError as exc:
            show_error(self, exc, "Kopian kunde inte sparas")
            return
        self.statusBar().showMessage(f"En kopia av boken är sparad i {name}.", 8000)

    def import_sie(self) -> None:
        """Arkiv → Importera SIE: read the file in the background, show the preview with
        its findings, and import only when the user confirms (into the open book when the
        file's year is one of its years, otherwise into a new book)."""
        sie_path, _ = QFileDialog.getOpenFileName(self, "Importera SIE-fil", "",
                                                  "SIE-fil (*.se *.si *.sie);;Alla filer (*)")
        if sie_path:
            self.preview_and_import_sie(sie_path)

    def preview_and_import_sie(self, sie_path: str | Path) -> Path | None:
        try:
            from ..exchange.sie_import import import_sie
            from ..exchange.sie_plan import plan_import
            from ..exchange.sie_reader import read_sie
        except ImportError:
            QMessageBox.information(self, APP_NAME, "SIE-import finns inte i den här versionen.")
            return None
        from .sie_import_dialog import SieImportDialog
        try:
            sie = run_in_background(self, "Läser SIE-filen …", read_sie, str(sie_path))
            into_open = self.book is not None and not self.book.read_only and _sie_matches_book(sie, self.book)
            if into_open:
                plan = run_book_job(self, "Förbereder importen …", self.book, lambda b: plan_import(sie, b))
                target = f"den öppna boken ({self.book.forbund().namn})"
            else:
                plan = run_in_background(self, "Förbereder importen …", plan_import, sie, None)
                target = "en ny bok – du väljer var den sparas när du klickar Importera"
        except Cancelled:
            return None
        except FinsamError as exc:
            show_error(self, exc, "SIE-filen kunde inte läsas")
            return None
        dlg = SieImportDialog(plan, target, self)
        self.sie_preview = dlg  # for the tests and the screenshots
        if not dlg.exec() or plan.errors:
            return None
        if into_open:
            into = self.book.path
        else:
            name, _ = QFileDialog.getSaveFileName(self, "Spara den nya boken som",
                                                  str(Path(sie_path).with_suffix(SUFFIX)), f"Finsam-bok (*{SUFFIX})")
            if not name:
                return None
            into = Path(name if name.endswith(SUFFIX) else name + SUFFIX)
        try:
            # import_sie takes `progress`, so the dialog offers Avbryt: a new book is then
            # never created, the open book's transaction is rolled back before its commit.
            report = run_in_background(self, "Importerar SIE-filen …", import_sie, str(sie_path), into)
        except Cancelled:
            self.statusBar().showMessage("Importen avbröts. " + (
                "Boken är oförändrad." if into_open else "Ingen ny bok skapades."), 8000)
            return None
        except FinsamError as exc:
            show_error(self, exc, "SIE-filen kunde inte läsas in")
            return None
        if into_open:
            self.refresh_years()
        else:
            self.open_book(into)
        warnings = report.warnings
        text = (f"SIE-filen är inläst: {report.voucher_count} verifikationer, "
                f"{len(report.new_accounts)} nya konton.")
        if warnings:
            text += f"\n\n{len(warnings)} varningar och skillnader mot filens saldon:\n" + "\n".join(
                w.message for w in warnings[:12]) + ("\n…" if len(warnings) > 12 else "")
        QMessageBox.information(self, "Importera SIE", text)
        return Path(into)

    def export_sie(self) -> None:
        try:
            from ..exchange.sie_writer import export_sie
        except ImportError:
            QMessageBox.information(self, APP_NAME, "SIE-export finns inte i den här versionen.")
            return
        years = self.book.years()
        y = current_year(self.book)
        labels = [yy.label for yy in years]
        label, ok = QInputDialog.getItem(self, "Exportera SIE", "Räkenskapsår", labels,
                                         labels.index(y.label) if y else 0, False)
        if not ok:
            return
        year = years[labels.index(label)]
        name, _ = QFileDialog.getSaveFileName(self, "Exportera SIE", str(self.book.path.with_name(
            f"{self.book.path.stem} {label}.se")), "SIE-fil (*.se)")
        if not name:
            return
        try:
            rep = run_book_job(self, "Exporterar SIE …", self.book,
                               lambda b, progress=None: write_cancellable(
                                   lambda tmp: export_sie(b, b.year(year.id), tmp), name, progress))
        except Cancelled:
            return
        except FinsamError as exc:
            show_error(self, exc, "SIE-filen kunde inte skrivas")
            return
        self.statusBar().showMessage(f"{rep.vouchers} verifikationer exporterade till {name}.", 8000)

    # ------------------------------------------------------------------ edit, help
    def copy_selection(self) -> None:
        """Selected rows of the table in focus as tab-separated text."""
        view = QApplication.focusWidget()
        if not isinstance(view, QTableView) and self.stack.currentWidget() is not None:
            view = self.stack.currentWidget().findChild(QTableView)
        if not isinstance(view, QTableView) or view.selectionModel() is None:
            return
        model = view.model()
        rows = sorted({i.row() for i in view.selectionModel().selectedIndexes()})
        lines = ["\t".join(str(model.headerData(c, Qt.Horizontal) or "") for c in range(model.columnCount()))]
        for r in rows:
            lines.append("\t".join(str(model.index(r, c).data() or "") for c in range(model.columnCount())))
        QGuiApplication.clipboard().setText("\n".join(lines))

    def find_voucher(self) -> None:
        w = self.show_page("verifikationer")
        if w is not None:
            w.text_edit.setFocus()
            w.text_edit.selectAll()

    def about(self) -> None:
        QMessageBox.about(self, f"Om {APP_NAME}",
                          f"<h3>{APP_NAME} {__version__}</h3>"
                          "<p>Bokföring och årsredovisning för samordningsförbund (Finsam) enligt "
                          "LKBR (2018:597) och RKR:s rekommendationer.</p>"
                          "<p>Boken är en enda fil; databasen själv vägrar det som bokföringsreglerna "
                          "förbjuder. Licens: GPL-3.0-or-later.</p>")

    # ------------------------------------------------------------------ window state
    def _restore_geometry(self) -> None:
        geom, state = settings.geometry()
        if geom is not None:
            self.restoreGeometry(geom)
        else:
            self.resize(1280, 800)
        if state is not None:
            self.restoreState(state)

    def closeEvent(self, event) -> None:
        settings.save_geometry(self.saveGeometry(), self.saveState())
        if self.book is not None:
            settings.add_recent_book(self.book.path)
            self.book.close()
            self.book = None
        super().closeEvent(event)


def _make_page(key: str, book: Book) -> QWidget:
    if key == "start":
        from .start_page import StartPage
        return StartPage(book)
    if key == "verifikationer":
        from .voucher_list import VoucherListView
        return VoucherListView(book)
    if key == "huvudbok":
        from .ledger_view import LedgerView
        return LedgerView(book)
    if key == "saldobalans":
        from .balance_view import TrialBalanceView
        return TrialBalanceView(book)
    if key == "rapport":
        from .report_view import ReportView
        return ReportView(book)
    if key == "projekt":
        from .projects_view import ProjectsView
        return ProjectsView(book)
    raise KeyError(key)


def _importable(module: str, name: str) -> bool:
    """Whether an optional part of the program (accruals form, bokslut wizard) is there.
    Only looks for the module (cheap at start-up); it is imported when first used."""
    import importlib.util
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def _short_path(p: Path) -> str:
    """The book's file as the user thinks of it: the home folder written as ~."""
    try:
        return "~/" + Path(p).resolve().relative_to(Path.home().resolve()).as_posix()
    except ValueError:
        return str(p)


def _sie_matches_book(sie, book: Book) -> bool:
    """Whether the file belongs in `book`: a 4I file (transactions for an existing book)
    or a file whose current year (#RAR 0) is one of the book's years."""
    if sie.is_import_file:
        return True
    current = sie.years.get(0)
    return current is not None and any((y.start, y.end) == tuple(current) for y in book.years())


def _writable(p: Path) -> bool:
    import os
    return os.access(p, os.W_OK) and os.access(p.parent, os.W_OK)


def demo_path() -> Path:
    """The demo book in the user's data folder."""
    from PySide6.QtCore import QStandardPaths
    base = QStandardPaths.writableLocation(QStandardPaths.AppDataLocation) or str(Path.home() / ".finsam")
    return Path(base) / f"demo{SUFFIX}"


