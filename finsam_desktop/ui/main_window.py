"""The main window's chrome: menus, toolbar, status bar and the welcome page, around the
pages of the open book (pages.PageArea). The open book and every dialog opened on it
belong to a BookSession (session.py), which closes them all when the book changes; SIE
import and export are in sie_actions.py, the PDF in pdf_export.py. Everything the window
changes goes through the core."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, QStandardPaths, Qt
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import (QApplication, QComboBox, QFileDialog, QInputDialog, QLabel, QListWidget,
                               QListWidgetItem, QMainWindow, QMessageBox, QPushButton, QStackedWidget,
                               QTableView, QVBoxLayout, QWidget)

from ..book import SUFFIX, Book
from ..demo import build_demo
from ..errors import BookFileError, FinsamError
from ..paths import resource
from . import pdf_export, print_actions, safety_actions, settings, sie_actions
from .bank_view import choose_and_import as import_bank_statement, statement_path
from .about import about_html
from .accounts_form import AccountsDialog
from .accruals_form import AccrualsDialog
from .board_report_view import BoardReportDialog
from .budget_form import BudgetDialog
from .budget_plan_view import BudgetPlanDialog
from .common import ERROR_STYLE, MUTED_STYLE, heading, muted, show_error
from .drafts_view import DraftsDialog
from .help_view import FOR_VIEW, HelpDialog
from .screen_fit import available_geometry, fit_to_screen
from .members_form import ForbundDialog, MembersDialog
from .menus import build_actions, build_menus, build_toolbar
from .underlag_actions import install_underlag_actions
from .pages import PAGES, PageArea, page_to_year
from .registers_form import RegistersDialog
from .session import BookSession, writable
from .setup_dialog import SetupDialog
from .start_page import current_year
from .tasks import run_book_job, run_in_background
from .voucher_form import VoucherDialog
from .wizard import BokslutWizard
from .wizard_reopen import ReopenYearDialog
from .templates_dialog import TemplatesDialog
from .year_dialog import NewYearDialog

APP_NAME = "Finsam Bokföring"
__all__ = ["APP_NAME", "PAGES", "MainWindow", "app_icon", "demo_path"]


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
        self.session = BookSession(self)
        self.voucher_dialog = None
        self.working_year_id: int | None = None  # chosen in the status bar; None: current_year()
        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(app_icon())
        # Low enough for any laptop (screen_fit bounds it by the screen), high enough for the
        # overview's cards on two rows in the narrowest window.
        self.setMinimumSize(QSize(900, 680))

        self.area = PageArea(self._page_built, self.show_page)
        self.book_area = self.area
        self.welcome = WelcomePage(self)
        self.central = QStackedWidget()
        self.central.addWidget(self.welcome)
        self.central.addWidget(self.book_area)
        self.setCentralWidget(self.central)

        build_actions(self)
        build_menus(self)
        build_toolbar(self)
        install_underlag_actions(self)
        self._build_status_bar()
        self._restore_geometry()
        self.setAcceptDrops(True)  # a bank statement dropped on the window is read in
        if book is not None:
            self.set_book(book)
        else:
            self._update_actions()

    # ------------------------------------------------------------------ status bar
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

    def fill_recent_menu(self) -> None:
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
    @property
    def book(self) -> Book | None:
        return self.session.book

    def set_book(self, book: Book | None) -> None:
        """Show `book` (or nothing). Every dialog and form opened on the old book is
        closed first (BookSession); pages are dropped and built again on first use."""
        self.area.clear()
        self.voucher_dialog = None
        self.working_year_id = None
        self.session.set_book(book)
        if book is not None:
            self.welcome.reload()
            self.show_page("start")
        self._update_actions()

    def open_book(self, path: str | Path, *, read_only: bool = False) -> Book | None:
        """Open the book at `path`; a file that cannot be written is opened read-only."""
        p = Path(path)
        if not self.session.confirm_close_windows():
            return None
        try:
            if not read_only and p.exists() and not writable(p):
                read_only = True
            book = Book.open(p, read_only=read_only)
        except FinsamError as exc:
            if isinstance(exc, BookFileError) and not p.exists():
                settings.remove_recent_book(str(path))
                self.welcome.reload()
            show_error(self, exc, "Boken kunde inte öppnas")
            return None
        self.set_book(book)
        safety_actions.after_open(self, book)
        return book

    def open_book_dialog(self, read_only: bool = False) -> None:
        start = str(Path(settings.last_book()).parent) if settings.last_book() else ""
        name, _ = QFileDialog.getOpenFileName(self, "Öppna bok", start,
                                              f"Finsam-bok (*{SUFFIX});;Alla filer (*)")
        if name:
            self.open_book(name, read_only=read_only)

    def new_book(self) -> None:
        dlg = SetupDialog(self)
        if dlg.exec() and dlg.book is not None:
            self.set_book(dlg.book)

    def open_demo(self) -> None:
        path = demo_path()
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            try:
                run_in_background(self, "Bygger demoboken …", lambda: build_demo(path).close())
            except FinsamError as exc:
                show_error(self, exc)
                return
        self.open_book(path)

    def close_book(self) -> None:
        if self.session.confirm_close_windows():
            self.set_book(None)

    # ------------------------------------------------------------------ pages
    @property
    def pages(self) -> dict[str, QWidget]:
        return self.area.pages

    @property
    def stack(self):
        return self.area.stack

    @property
    def nav(self):
        return self.area.nav

    def page(self, key: str) -> QWidget:
        """The page `key`, built on first use."""
        if self.book is None:
            raise RuntimeError("no book open")
        return self.area.page(key, self.book)

    def _page_built(self, _key: str, w: QWidget) -> None:
        if self.working_year_id is not None:
            page_to_year(w, self.working_year_id)
        if hasattr(w, "open_voucher"):
            w.open_voucher.connect(self.show_voucher)
        if hasattr(w, "open_drafts"):
            w.open_drafts.connect(self.show_drafts)
        if hasattr(w, "open_account"):
            w.open_account.connect(self.show_account)
        if hasattr(w, "print_requested"):
            w.print_requested.connect(lambda kind, page=w: print_actions.print_from_page(self, page, kind))

    def show_page(self, key: str) -> QWidget | None:
        if self.book is None:
            return None
        return self.area.show(key, self.book)

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
        self.area.refresh()
        self.update_status()

    def show_fix(self, target: str) -> None:
        """Where the bokslut wizard sends the user to fix a finding."""
        {"kontoplan": self.edit_chart, "accruals": self.open_accruals,
         "report": lambda: self.show_page("rapport"), "bank": lambda: self.show_account(
             self.book.account_role("bank")),
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
        self.area.to_year(year_id)
        self.update_status()

    def new_year(self) -> None:
        dlg = self.session.adopt(NewYearDialog(self.book, self))
        if dlg.exec() and dlg.year is not None:
            self.refresh_years(dlg.year.id)
            self.statusBar().showMessage(f"Räkenskapsåret {dlg.year.label} är tillagt.", 8000)
            copied = dlg.copied_lines()
            if copied:
                QMessageBox.information(self, "Nytt räkenskapsår", f"Räkenskapsåret {dlg.year.label} är tillagt "
                                        "med förslag från året före:\n\n" + "\n".join(copied))

    def refresh_years(self, select_id: int | None = None) -> None:
        """The book's years changed: every page reads them again (and shows `select_id`)."""
        self.area.reload_years(select_id)
        if select_id is not None:
            self.set_working_year(select_id)
        self.refresh()

    # ------------------------------------------------------------------ dialogs of the book
    def _host(self, dlg: QWidget) -> QWidget:
        """Put `dlg` in front of the bokslut wizard when the wizard sent the user to fix
        something, so it can be clicked and typed in rather than opening behind the modal
        wizard. A list that closes as it opens a form (Utkast) is skipped."""
        modal = QApplication.activeModalWidget()
        while isinstance(modal, DraftsDialog) and modal is not dlg:
            modal = modal.parentWidget()
        if isinstance(modal, BokslutWizard) and modal is not dlg and dlg.parentWidget() is self:
            dlg.setParent(modal, dlg.windowFlags())
        return dlg

    def _open(self, dlg, *, refresh: bool = True):
        """Show a dialog of the open book (non-modal); the session closes it with the book."""
        self._host(dlg)
        self.session.adopt(dlg)
        if refresh:
            dlg.finished.connect(lambda _r: self.refresh())
        dlg.setAttribute(Qt.WA_DeleteOnClose)
        dlg.open()
        return dlg

    def _voucher_form(self, **kwargs) -> VoucherDialog:
        dlg = self.session.adopt(self._host(VoucherDialog(self.book, self, **kwargs)))
        dlg.booked.connect(lambda _v: self.refresh())
        return dlg

    def show_drafts(self):
        """The list of drafts (Bokföring → Utkast, the start page, the bokslut wizard)."""
        dlg = DraftsDialog(self.book, self)
        dlg.open_draft.connect(self.open_draft)
        return self._open(dlg, refresh=False)

    def open_draft(self, draft: dict):
        dlg = self._voucher_form()
        dlg.draft_saved.connect(lambda _id: self.refresh())
        dlg.setAttribute(Qt.WA_DeleteOnClose)
        dlg.open_draft(draft)
        dlg.show()
        return dlg

    def show_templates(self):
        """Mallar (Ctrl+M): the chosen mall opens in a new verifikation form; only its Bokför books."""
        dlg = TemplatesDialog(self.book, self)
        dlg.chosen.connect(self.open_template)
        return self._open(dlg, refresh=False)

    def open_template(self, use):
        """A new verifikation form filled from a mall (ops.templates.TemplateUse)."""
        dlg = self._voucher_form()
        dlg.draft_saved.connect(lambda _id: self.refresh())
        dlg.setAttribute(Qt.WA_DeleteOnClose)
        dlg.new_voucher(date=use.date, text=use.text, rows=use.voucher_rows())
        dlg.show()
        dlg.raise_()
        dlg.activateWindow()
        dlg.focus_first_missing_amount()
        return dlg

    def new_voucher(self) -> None:
        if self.voucher_dialog is None or self.voucher_dialog.voucher is not None:
            if self.voucher_dialog is not None:
                self.voucher_dialog.close()
            self.voucher_dialog = self._voucher_form()
            self.voucher_dialog.draft_saved.connect(lambda _id: self.refresh())
        elif not self.voucher_dialog.isVisible():
            # Closed earlier (its work booked, saved or thrown away): start empty, in Datum.
            self.voucher_dialog.new_voucher(date=self.voucher_dialog._date_value())
        self.voucher_dialog.show()
        self.voucher_dialog.raise_()
        self.voucher_dialog.activateWindow()
        self.voucher_dialog.date_edit.setFocus()

    def show_voucher(self, voucher_id: int):
        dlg = self._voucher_form(voucher_id=voucher_id)
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

    def edit_chart(self) -> None:
        self._open(AccountsDialog(self.book, self))

    def edit_registers(self) -> None:
        self._open(RegistersDialog(self.book, self))

    def edit_members(self) -> None:
        self._open(MembersDialog(self.book, self))

    def edit_budget(self) -> None:
        y = self.working_year()
        self._open(BudgetDialog(self.book, self, year_id=y.id if y else None))

    def show_board_report(self) -> None:
        y = self.working_year()
        self._open(BoardReportDialog(self.book, self, year_id=y.id if y else None))

    def show_budget_plan(self) -> None:
        y = self.working_year()
        self._open(BudgetPlanDialog(self.book, self, year_id=y.id if y else None))

    def edit_forbund(self) -> None:
        self._open(ForbundDialog(self.book, self))

    def open_accruals(self) -> None:
        self._open(AccrualsDialog(self.book, self))

    def open_wizard(self) -> None:
        self._open(BokslutWizard(self.book, self, on_fix=self.show_fix))

    def reopen_year(self) -> None:
        """Bokslut → Öppna stängt år igen: the working year if it is closed, else the
        latest closed year. A separate, explicit action; the reason goes to the log."""
        year = self.working_year()
        if year is None or not year.is_closed:
            closed = [y for y in self.book.years() if y.is_closed]
            if not closed:
                QMessageBox.information(self, APP_NAME, "Boken har inget stängt räkenskapsår.")
                return
            year = closed[-1]
        dlg = ReopenYearDialog(self.book, year.id, self)
        dlg.finished.connect(lambda _r: self.refresh_years(year.id))
        self._open(dlg, refresh=False)

    # ------------------------------------------------------------------ files: PDF, SIE, copy
    def export_pdf(self, *, interim: bool = False) -> Path | None:
        return pdf_export.export_pdf(self, interim=interim)

    def write_pdf(self, **options) -> Path | None:
        return pdf_export.write_pdf(self, **options)

    def import_sie(self) -> None:
        sie_actions.choose_and_import(self)

    def preview_and_import_sie(self, sie_path: str | Path) -> Path | None:
        return sie_actions.preview_and_import(self, sie_path)

    def export_sie(self) -> None:
        sie_actions.choose_and_export(self)

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

    def show_help(self, topic: str | None = None) -> HelpDialog:
        """Hjälp (F1), at the page for the view in front."""
        if topic is None:
            row = self.nav.currentRow() if self.book is not None else -1
            key = PAGES[row][0] if 0 <= row < len(PAGES) else None
            topic = FOR_VIEW.get(key or "", "index.html")
        dlg = HelpDialog(self, topic)
        dlg.setAttribute(Qt.WA_DeleteOnClose)
        dlg.show()
        return dlg

    def about(self) -> None:
        QMessageBox.about(self, f"Om {APP_NAME}", about_html(self.book.path if self.book else None))

    # ------------------------------------------------------------------ window state
    def _restore_geometry(self) -> None:
        geom, state = settings.geometry()
        if geom is not None:
            self.restoreGeometry(geom)
        if geom is None or not available_geometry(self).contains(self.frameGeometry()):
            fit_to_screen(self, QSize(1280, 800))  # a 1366×768 laptop shows the status bar
        if state is not None:
            self.restoreState(state)

    def dragEnterEvent(self, event) -> None:
        if self.book is not None and not self.book.read_only and statement_path(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        path = statement_path(event.mimeData())
        if path and self.book is not None:
            event.acceptProposedAction()
            import_bank_statement(self, path)

    def quit_program(self) -> None:
        """Arkiv → Avsluta (Ctrl+Q): forms with typed work ask first."""
        if self.session.confirm_close_windows():
            self.close()

    def closeEvent(self, event) -> None:
        if event.spontaneous() and not self.session.confirm_close_windows():
            event.ignore()  # Avbryt: the program stays open with the form as it was
            return
        settings.save_geometry(self.saveGeometry(), self.saveState())
        self.session.close()
        super().closeEvent(event)


def _short_path(p: Path) -> str:
    """The book's file as the user thinks of it: the home folder written as ~."""
    try:
        return "~/" + Path(p).resolve().relative_to(Path.home().resolve()).as_posix()
    except ValueError:
        return str(p)


def demo_path() -> Path:
    """The demo book in the user's data folder."""
    base = QStandardPaths.writableLocation(QStandardPaths.AppDataLocation) or str(Path.home() / ".finsam")
    return Path(base) / f"demo{SUFFIX}"


