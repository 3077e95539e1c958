"""Arkiv → Importera SIE and Exportera SIE: choose the file, run the work in the
background, show the preview and the result. Which book a file is read into is the
core's rule (exchange.sie_target.belongs_in_book); this module only asks and shows."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from ..book import SUFFIX
from ..errors import FinsamError
from ..exchange.sie_import import import_sie
from ..exchange.sie_plan import plan_import
from ..exchange.sie_reader import read_sie
from ..exchange.sie_target import belongs_in_book
from ..exchange.sie_writer import export_sie
from .ask import choose
from .common import show_error
from .sie_import_dialog import SieImportDialog
from .start_page import current_year
from .tasks import Cancelled, run_book_job, run_in_background, write_cancellable

if TYPE_CHECKING:
    from .main_window import MainWindow


def choose_and_import(window: MainWindow) -> None:
    """Ask for a SIE file, then preview and import it."""
    sie_path, _ = QFileDialog.getOpenFileName(window, "Importera SIE-fil", "",
                                              "SIE-fil (*.se *.si *.sie);;Alla filer (*)")
    if sie_path:
        preview_and_import(window, sie_path)


OPEN_BOOK, NEW_BOOK = "open", "new"


def _year_label(start: str, end: str) -> str:
    if start[5:] == "01-01" and end[5:] == "12-31" and start[:4] == end[:4]:
        return start[:4]
    return f"{start} – {end}"


def ask_target(window: MainWindow, sie, book) -> str | None:
    """Where the file goes when both the open book and a new book can take it: the user
    chooses, knowing what happens to each. Avbryt (the default) imports nothing."""
    name = Path(sie.path).name
    namn = book.forbund().namn
    current = sie.years.get(0)
    year = f"räkenskapsåret {_year_label(*current)}" if current else "ett räkenskapsår"
    return choose(
        window, "Importera SIE – välj bok",
        f"{name} gäller {year}, som också finns i den öppna boken {namn}. Var ska filen läsas in?",
        f"• Den öppna boken: filens verifikationer läggs till i {namn} (de ingående balanserna också, "
        "om boken saknar dem). En säkerhetskopia av boken tas först. Bokförda verifikationer kan "
        "sedan inte tas bort, bara rättas.\n"
        "• En ny bok: en ny bokfil skapas av filen; du väljer var den sparas. Den öppna boken "
        "stängs och lämnas oförändrad.\n\n"
        "Inget läses in förrän du har sett förhandsgranskningen och klickat Importera.",
        [("Den &öppna boken", OPEN_BOOK), ("En &ny bok", NEW_BOOK)])


def confirm_equity_postings(window: MainWindow, plan) -> bool:
    """The file's own figures do not go together and the import would post the difference
    to the equity account: say how much and where, and import only when the user says so."""
    postings = plan.equity_postings
    if not postings:
        return True
    account = plan.equity_account
    lines = "\n".join(f"• {p.describe(account)}" for p in postings)
    box_text = (f"SIE-filen går inte ihop. Om du importerar den bokförs skillnaden på konto {account} "
                "(eget kapital) så att balansräkningen går ihop:")
    return choose(window, "Importera SIE – skillnad mot eget kapital", box_text,
                  lines + "\n\nKontrollera filen i programmet den kommer från om skillnaden är oväntad. "
                  "Avbryt läser inte in något.",
                  [("&Importera och bokför skillnaden", "yes")]) == "yes"


def preview_and_import(window: MainWindow, sie_path: str | Path) -> Path | None:
    """Read the file in the background, show the preview with its findings, and import
    only when the user confirms: into the open book or a new book, asking which when
    both can take the file; asking again before a difference goes to eget kapital.
    Returns the book's path, or None."""
    book = window.book
    try:
        sie = run_in_background(window, "Läser SIE-filen …", read_sie, str(sie_path))
    except Cancelled:
        return None
    except FinsamError as exc:
        show_error(window, exc, "SIE-filen kunde inte läsas")
        return None
    into_open = belongs_in_book(sie, book)
    if into_open and not sie.is_import_file and not sie.errors:
        choice = ask_target(window, sie, book)
        if choice is None:
            return None
        into_open = choice == OPEN_BOOK
    try:
        if into_open:
            plan = run_book_job(window, "Förbereder importen …", book, lambda b: plan_import(sie, b))
            target = f"den öppna boken ({book.forbund().namn})"
        else:
            plan = run_in_background(window, "Förbereder importen …", plan_import, sie, None)
            target = "en ny bok – du väljer var den sparas när du klickar Importera" + (
                "; den öppna boken stängs och lämnas oförändrad" if book is not None else "")
    except Cancelled:
        return None
    except FinsamError as exc:
        show_error(window, exc, "SIE-filen kunde inte läsas")
        return None
    dlg = SieImportDialog(plan, target, window)
    window.sie_preview = dlg  # for the tests and the screenshots
    if not dlg.exec() or plan.errors:
        return None
    if not confirm_equity_postings(window, plan):
        return None
    if into_open:
        into = book.path
    else:
        name, _ = QFileDialog.getSaveFileName(window, "Spara den nya boken som",
                                              str(Path(sie_path).with_suffix(SUFFIX)), f"Finsam-bok (*{SUFFIX})")
        if not name:
            return None
        into = Path(name if name.endswith(SUFFIX) else name + SUFFIX)
    try:
        # import_sie takes `progress`, so the dialog offers Avbryt: a new book is then
        # never created, the open book's transaction is rolled back before its commit.
        report = run_in_background(window, "Importerar SIE-filen …", import_sie, str(sie_path), into)
    except Cancelled:
        window.statusBar().showMessage("Importen avbröts. " + (
            "Boken är oförändrad." if into_open else "Ingen ny bok skapades."), 8000)
        return None
    except FinsamError as exc:
        show_error(window, exc, "SIE-filen kunde inte läsas in")
        return None
    if into_open:
        window.refresh_years()
    else:
        window.open_book(into)
    warnings = report.warnings
    text = (f"SIE-filen är inläst: {report.voucher_count} verifikationer, "
            f"{len(report.new_accounts)} nya konton.")
    if warnings:
        text += f"\n\n{len(warnings)} varningar och skillnader mot filens saldon:\n" + "\n".join(
            w.message for w in warnings[:12]) + ("\n…" if len(warnings) > 12 else "")
    QMessageBox.information(window, "Importera SIE", text)
    return Path(into)


def choose_and_export(window: MainWindow) -> None:
    """Ask for the räkenskapsår and the file, then write the year as SIE 4 in the
    background (Avbryt leaves no file)."""
    book = window.book
    years = book.years()
    y = current_year(book)
    labels = [yy.label for yy in years]
    label, ok = QInputDialog.getItem(window, "Exportera SIE", "Räkenskapsår", labels,
                                     labels.index(y.label) if y else 0, False)
    if not ok:
        return
    year = years[labels.index(label)]
    name, _ = QFileDialog.getSaveFileName(window, "Exportera SIE", str(book.path.with_name(
        f"{book.path.stem} {label}.se")), "SIE-fil (*.se)")
    if not name:
        return
    try:
        rep = run_book_job(window, "Exporterar SIE …", book,
                           lambda b, progress=None: write_cancellable(
                               lambda tmp: export_sie(b, b.year(year.id), tmp), name, progress))
    except Cancelled:
        return
    except FinsamError as exc:
        show_error(window, exc, "SIE-filen kunde inte skrivas")
        return
    window.statusBar().showMessage(f"{rep.vouchers} verifikationer exporterade till {name}.", 8000)
