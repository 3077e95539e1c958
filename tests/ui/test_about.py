"""`finsam-desktop --version` and Hjälp ▸ Om: the same facts from ui/about.py."""

from __future__ import annotations

import PySide6
from PySide6.QtCore import qVersion

from finsam_desktop import __version__
from finsam_desktop.book.schema import MIGRATIONS, SCHEMA_VERSION
from finsam_desktop.paths import resources_dir
from finsam_desktop.ui import about
from finsam_desktop.ui.app import main

from ui_helpers import isolated_settings  # noqa: F401


def test_version_prints_program_schema_qt_and_python(capsys):
    assert main(["--version"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"Finsam Bokföring {__version__}"
    assert out[1] == f"Bokfilens schemaversion {SCHEMA_VERSION}" and SCHEMA_VERSION == len(MIGRATIONS)
    assert out[2] == f"Qt {qVersion()}, PySide6 {PySide6.__version__}"
    assert out[3].startswith("Python 3.")


def test_the_about_text_names_versions_licence_folders_and_the_open_book(qapp, isolated_settings, tmp_path):
    book_path = tmp_path / "förbundet.finsam"
    facts = dict(about.about_facts(book_path))
    assert facts["Version"] == __version__
    assert facts["Bokfilens schemaversion"] == str(SCHEMA_VERSION)
    assert facts["Licens"].startswith("GPL-3.0-or-later")
    assert facts["Programfiler"] == str(resources_dir())
    assert facts["Loggmapp"] == str(about.data_folder() / "logg")
    assert facts["Öppen bok"] == str(book_path)
    assert "Öppen bok" not in dict(about.about_facts())
    html = about.about_html(book_path)
    assert f"Finsam Bokföring {__version__}" in html and "förbundet.finsam" in html
    assert "<table>" in html and html.count("<tr>") == len(facts)
