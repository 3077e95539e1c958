"""What the program says about itself: `finsam-desktop --version` and Hjälp ▸ Om.

One list of facts (`about_facts`) for both, so the window and the command line never
disagree: the program's version, the schema version of the book files it writes, Qt,
PySide6 and Python, the licence, and where the program keeps its files."""

from __future__ import annotations

import platform
import sys
from pathlib import Path

import PySide6
from PySide6.QtCore import QStandardPaths, qVersion

from .. import __version__
from ..book.schema import SCHEMA_VERSION
from ..paths import resources_dir

APP_NAME = "Finsam Bokföring"
LICENCE = "GPL-3.0-or-later (typsnitten DejaVu: fri licens, se LICENSE-DejaVu.txt)"


def data_folder() -> Path:
    """The user's data folder: the demo book, and the log folder under it."""
    base = QStandardPaths.writableLocation(QStandardPaths.AppDataLocation)
    return Path(base) if base else Path.home() / ".finsam"


def log_folder() -> Path:
    """Where the desktop program writes its log (errors it could not show)."""
    return data_folder() / "logg"


def versions() -> dict[str, str]:
    return {"Version": __version__, "Bokfilens schemaversion": str(SCHEMA_VERSION), "Qt": qVersion(),
            "PySide6": PySide6.__version__,
            "Python": f"{platform.python_version()} ({platform.system()} {platform.machine()})"}


def about_facts(book_path: str | Path | None = None) -> list[tuple[str, str]]:
    """(label, value) rows, in the order they are shown (the folders need the
    QApplication's name, so only the window calls this)."""
    facts = [*versions().items(),
             ("Licens", LICENCE),
             ("Installation", "fristående paket" if getattr(sys, "frozen", False) else "Python-paket"),
             ("Programfiler", str(resources_dir())),
             ("Datamapp", str(data_folder())),
             ("Loggmapp", str(log_folder()))]
    if book_path is not None:
        facts.append(("Öppen bok", str(book_path)))
    return facts


def version_text() -> str:
    """What `finsam-desktop --version` prints."""
    facts = versions()
    return (f"{APP_NAME} {__version__}\n"
            f"Bokfilens schemaversion {facts['Bokfilens schemaversion']}\n"
            f"Qt {facts['Qt']}, PySide6 {facts['PySide6']}\n"
            f"Python {facts['Python']}\n")


def about_html(book_path: str | Path | None = None) -> str:
    """The text of Hjälp ▸ Om: what the program is, then the facts as a table."""
    from html import escape
    rows = "".join(f"<tr><td style='padding-right:12px'><b>{escape(k)}</b></td><td>{escape(v)}</td></tr>"
                   for k, v in about_facts(book_path))
    return (f"<h3>{APP_NAME} {escape(__version__)}</h3>"
            "<p>Bokföring och årsredovisning för samordningsförbund (Finsam) enligt "
            "LKBR (2018:597) och RKR:s rekommendationer.</p>"
            "<p>Boken är en enda fil; databasen själv vägrar det som bokföringsreglerna "
            "förbjuder.</p>"
            f"<table>{rows}</table>")
