"""`finsam-desktop --self-test`: does this installation work?

Offscreen, in a temporary folder that is removed afterwards: finds the program's files,
builds a fresh demo book, opens it in the main window and draws every page, writes the
årsredovisning as PDF and the open year as SIE 4, and reads that file back into a new
book whose balances must match the file's. Each step prints one line; the exit code is
0 when all pass, 1 naming the steps that failed."""

from __future__ import annotations

import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from ..book import Book
from ..book.chart import load_default_chart
from ..demo import build_demo
from ..exchange.sie_import import import_sie
from ..exchange.sie_writer import export_sie
from ..paths import resource
from ..render.pdf import render_pdf
from ..reports.document import build_document
from .main_window import MainWindow
from .pages import PAGE_KEYS

FONTS = ("DejaVuSansCondensed.ttf", "DejaVuSansCondensed-Bold.ttf", "DejaVuSerifCondensed.ttf",
         "DejaVuSerifCondensed-Italic.ttf")


class SelfTest:
    def __init__(self, folder: Path, say: Callable[[str], None]):
        self.folder = folder
        self.say = say
        self.failed: list[str] = []
        self.book: Book | None = None
        self.year = None

    def step(self, name: str, fn: Callable[[], str]) -> None:
        try:
            detail = fn()
        except Exception as exc:  # noqa: BLE001 - a self-test reports every failure by name
            self.failed.append(name)
            self.say(f"FEL  {name}: {type(exc).__name__}: {exc}")
            self.say("     " + "".join(traceback.format_exception(exc)).strip().replace("\n", "\n     "))
        else:
            self.say(f"OK   {name}: {detail}")

    # ------------------------------------------------------------------ the steps
    def resources(self) -> str:
        missing = [f for f in FONTS if not resource("fonts", f).is_file()]
        if missing:
            raise FileNotFoundError(f"typsnitt saknas: {', '.join(missing)}")
        accounts = load_default_chart()
        if len(accounts) < 40:
            raise ValueError(f"standardkontoplanen har bara {len(accounts)} konton")
        if QIcon(str(resource("icons", "finsam.svg"))).isNull():
            raise ValueError("programikonen kan inte läsas")
        return f"{len(accounts)} konton i standardkontoplanen, {len(FONTS)} typsnitt, ikonen"

    def demo(self) -> str:
        self.book = build_demo(self.folder / "demo.finsam")
        self.year = [y for y in self.book.years() if not y.is_closed][-1]
        return f"demoboken byggd, räkenskapsår {self.year.label} öppet"

    def views(self) -> str:
        window = MainWindow()
        try:
            window.set_book(self.book)
            window.resize(1280, 800)
            window.show()
            for key in PAGE_KEYS:
                window.show_page(key)
                for _ in range(3):
                    QApplication.processEvents()
                image = window.grab().toImage()
                if image.isNull() or image.width() < 600:
                    raise ValueError(f"sidan {key} ritades inte")
        finally:
            window.set_book(None)
            window.close()
            window.deleteLater()
            QApplication.processEvents()
        # set_book(None) closed the book; open it again for the files.
        self.book = Book.open(self.folder / "demo.finsam")
        return f"{len(PAGE_KEYS)} sidor ritade ({', '.join(PAGE_KEYS)})"

    def pdf(self) -> str:
        path = render_pdf(build_document(self.book, self.year.id), self.folder / "arsredovisning.pdf")
        data = Path(path).read_bytes()
        if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:] or len(data) < 10_000:
            raise ValueError(f"PDF-filen är ofullständig ({len(data)} byte)")
        return f"årsredovisningen {self.year.label} som PDF, {len(data) // 1024} kB"

    def sie(self) -> str:
        report = export_sie(self.book, self.year, self.folder / "export.se")
        back = import_sie(report.path, self.folder / "återläst.finsam")
        sie = back.plan.sie
        if not (sie.ub and sie.res):
            raise ValueError("SIE-filen saknar utgående balanser (#UB) eller resultat (#RES)")
        if back.differences:
            raise ValueError(f"{len(back.differences)} saldon skiljer sig efter återläsningen")
        if back.voucher_count < report.vouchers:
            raise ValueError(f"{report.vouchers} verifikationer skrevs men bara {back.voucher_count} lästes")
        return (f"SIE 4 skriven och återläst, {report.vouchers} verifikationer, "
                f"{len(sie.ub) + len(sie.res)} saldon (#UB, #RES) stämmer")

    def run(self) -> int:
        self.step("Programfiler", self.resources)
        self.step("Demobok", self.demo)
        if self.book is not None:
            self.step("Fönstrets sidor", self.views)
            self.step("Årsredovisning (PDF)", self.pdf)
            self.step("SIE-export och återläsning", self.sie)
            self.book.close()
        if self.failed:
            self.say(f"Självtestet misslyckades: {', '.join(self.failed)}.")
            return 1
        self.say("Självtestet gick igenom.")
        return 0


def run_self_test(say: Callable[[str], None] = print) -> int:
    """Run every step in a temporary folder (removed afterwards); 0 when all pass."""
    with tempfile.TemporaryDirectory(prefix="finsam-selftest-") as tmp:
        return SelfTest(Path(tmp), say).run()
