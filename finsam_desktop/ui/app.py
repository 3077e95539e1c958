"""`finsam-desktop [BOOK] [--demo] [--screenshot FILE.png --view NAME]`: start the
desktop program, or render one view of a book to a PNG file and exit.
`--version` prints the versions, `--self-test` checks the installation (ui/selftest.py)."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from ..arguments import SwedishArgumentParser
from ..demo import build_demo
from ..errors import BookFileError, FinsamError

# The pages of ui/pages.PAGES (written out: Qt is not loaded yet) and the forms.
VIEWS = ("start", "verifikationer", "huvudbok", "saldobalans", "rapport", "projekt", "bank", "verksamhet",
         "kontoplan", "insatser", "medlemmar", "verifikation", "utkast", "budget", "nytt-ar", "sie-import",
         "mallar")


def build_parser() -> argparse.ArgumentParser:
    p = SwedishArgumentParser(prog="finsam-desktop", description="Finsam Bokföring – bokföring och "
                                "årsredovisning för samordningsförbund.")
    p.add_argument("book", nargs="?", metavar="BOK", help="boken (.finsam) som ska öppnas")
    p.add_argument("--demo", action="store_true", help="öppna demoboken (byggs första gången)")
    p.add_argument("--read-only", action="store_true", help="öppna boken skrivskyddad")
    p.add_argument("--screenshot", metavar="FIL.png", help="rita en vy till en PNG-fil och avsluta")
    p.add_argument("--view", choices=VIEWS, default="start", help="vyn som ritas med --screenshot")
    p.add_argument("--size", default="1280x800", metavar="BxH", help="fönstrets storlek med --screenshot (BxH)")
    p.add_argument("--version", action="store_true", help="visa programmets, Qt:s och Pythons version")
    p.add_argument("--self-test", action="store_true",
                   help="kontrollera installationen (demobok, fönstrets sidor, PDF, SIE) och avsluta")
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.version:
        from .about import version_text  # loads QtCore only (see below)
        _print(version_text())
        return 0
    if args.screenshot or args.self_test:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # Qt and the window are imported only now, deliberately: `--help` answers without
    # loading Qt, and QT_QPA_PLATFORM is set (for --screenshot) before Qt is loaded.
    from PySide6.QtWidgets import QApplication

    from . import settings
    if args.screenshot or args.self_test:
        # A picture or a self-test must not change the user's recent books or window geometry.
        settings.use_folder(tempfile.mkdtemp(prefix="finsam-screenshot-"), organization="FinsamScreenshot")
    from .main_window import APP_NAME, MainWindow, app_icon, demo_path

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(settings.ORGANIZATION)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setWindowIcon(app_icon())
    install_swedish(app)
    apply_style(app)

    if args.self_test:
        from .selftest import run_self_test  # with the window, after Qt (see above)
        return run_self_test(_print)
    if args.screenshot:
        try:
            path = _book_path(args, demo_path)
            from .screenshot import render_view  # with the window, after Qt (see above)
            render_view(path, args.view, Path(args.screenshot), size=_size(args.size))
        except FinsamError as exc:
            print(f"finsam-desktop: {exc.message}", file=sys.stderr)
            return 2
        return 0

    from .about import log_folder
    from .startup import ErrorLog, FileOpenFilter
    ErrorLog(log_folder()).install()
    window = MainWindow()
    app.installEventFilter(FileOpenFilter(window.open_book, window))
    window.show()
    if args.demo:
        window.open_demo()
    elif args.book:
        window.open_book(args.book, read_only=args.read_only)
    elif settings.last_book() and Path(settings.last_book()).exists():
        window.open_book(settings.last_book())
    return app.exec()


def _book_path(args, demo_path) -> Path:
    if args.book:
        return Path(args.book)
    if args.demo:
        p = demo_path()
        if not p.exists():
            p.parent.mkdir(parents=True, exist_ok=True)
            build_demo(p).close()
        return p
    raise BookFileError("Ange en bok eller --demo för att ta en skärmbild.")


def _print(text: str) -> None:
    """Print, also from the Windows build, which has no console (nothing to print to)."""
    if sys.stdout is not None:
        print(text.rstrip("\n"), flush=True)


def _size(text: str) -> tuple[int, int]:
    w, _, h = text.lower().partition("x")
    return int(w), int(h)


def install_swedish(app) -> bool:
    """Qt's own words (Avbryt, Ja/Nej, the file dialog, a text field's Ångra/Klipp ut) in
    Swedish whatever LANG says: Qt's qtbase_sv.qm from PySide6, or the copy under
    resources/translations/. True when a translation was loaded."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    from ..paths import resource
    QLocale.setDefault(QLocale(QLocale.Swedish, QLocale.Sweden))
    for folder in (QLibraryInfo.path(QLibraryInfo.TranslationsPath), str(resource("translations"))):
        translator = QTranslator(app)
        if translator.load("qtbase_sv", folder):
            app.installTranslator(translator)
            app._finsam_translator = translator  # kept alive as long as the program
            return True
    return False


def apply_style(app) -> None:
    """A calm, light look that is the same on every platform (Fusion), with a readable
    font size."""
    from PySide6.QtGui import QColor, QFont, QPalette
    if app.style().name().lower() != "fusion":
        # Only when it differs: a new style object deletes the old one under every live widget.
        app.setStyle("Fusion")
    pal = app.palette()
    pal.setColor(QPalette.Window, QColor("#f6f7f9"))
    pal.setColor(QPalette.Base, QColor("#ffffff"))
    pal.setColor(QPalette.AlternateBase, QColor("#f3f6f9"))
    pal.setColor(QPalette.Highlight, QColor("#cfe0f1"))
    pal.setColor(QPalette.HighlightedText, QColor("#10283d"))
    pal.setColor(QPalette.Button, QColor("#f0f2f5"))
    pal.setColor(QPalette.ToolTipBase, QColor("#fffef2"))
    app.setPalette(pal)
    f = app.font()
    if f.pointSizeF() < 10:
        f.setPointSizeF(10)
    f.setStyleStrategy(QFont.PreferAntialias)
    app.setFont(f)
    app.setStyleSheet("QHeaderView::section { background: #eef1f4; padding: 5px 8px; border: none;"
                      " border-bottom: 1px solid #d5dbe1; font-weight: 600; color: #2b3640; }"
                      "QTableView { border: 1px solid #d9dee3; outline: 0; selection-background-color: #cfe0f1;"
                      " selection-color: #10283d; }"
                      "QGroupBox { font-weight: 600; }")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
