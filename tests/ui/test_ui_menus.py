"""The main window's actions: no two share a shortcut, every one has Swedish text, F1
is Hjälp (the manual), and Qt's own buttons speak Swedish."""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QMessageBox

from finsam_desktop.ui.help_view import TOPICS, help_file
from finsam_desktop.ui.main_window import MainWindow

from ui_helpers import booked_book, isolated_settings  # noqa: F401

# English words Qt or a careless text would show; none may appear in an action.
ENGLISH = re.compile(r"\b(File|Edit|Open|Save|Close|Cancel|Help|About|Quit|Exit|New|Print|Settings|"
                     r"Yes|No|Undo|Redo|Cut|Copy|Paste|Delete|Select All|Report|View)\b")


@pytest.fixture
def window(qtbot, book):
    w = MainWindow(book)
    qtbot.addWidget(w)
    return w


def _all_actions(w):
    acts = list(w.actions())
    for menu_action in w.menuBar().actions():
        if menu_action.menu():
            acts.append(menu_action)
            acts.extend(a for a in menu_action.menu().actions() if not a.isSeparator())
    return list(dict.fromkeys(acts))


def test_no_two_actions_share_a_shortcut(window):
    seen = {}
    for a in _all_actions(window):
        for seq in a.shortcuts():
            key = seq.toString(QKeySequence.PortableText)
            assert key not in seen, f"{key} is both {seen[key]!r} and {a.text()!r}"
            seen[key] = a.text()
    assert seen["F1"] == "&Hjälp"
    assert "Ctrl+Q" in seen and "Ctrl+Shift+N" in seen


def test_every_action_has_swedish_text(window):
    for a in _all_actions(window):
        text = a.text().replace("&", "").strip()
        assert text, "an action without text"
        assert not ENGLISH.search(text), f"English in {text!r}"
    assert not window.act_about.shortcut().toString(), "Om has no shortcut; F1 is Hjälp"


def test_f1_opens_the_manual_at_the_page_of_the_view(qtbot, window):
    window.show_page("verifikationer")
    dlg = window.show_help()
    qtbot.addWidget(dlg)
    assert dlg.browser.source().fileName() == "lopande.html"
    assert "Tab" in dlg.browser.toPlainText() and "Spara som utkast" in dlg.browser.toPlainText()
    for file, _title in TOPICS:
        assert help_file(file).exists()
        text = help_file(file).read_text(encoding="utf-8")
        for link in re.findall(r'href="([^"]+)"', text):
            assert help_file(link).exists(), f"{file} links to missing {link}"
    dlg.show_topic("kontering.html")
    plain = dlg.browser.toPlainText()
    for word in ("Driftbidrag", "projektägare", "Lön", "Arvode", "Moms"):
        assert word.lower() in plain.lower()


def test_qt_own_buttons_and_menus_are_swedish(qapp):
    from finsam_desktop.ui.app import install_swedish
    assert install_swedish(qapp)
    box = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel | QDialogButtonBox.Yes
                           | QDialogButtonBox.No)
    texts = {b.text().replace("&", "") for b in box.buttons()}
    assert {"Avbryt", "Ja", "Nej"} <= texts, texts
    edit = QLineEdit()
    menu = edit.createStandardContextMenu()
    words = [a.text().replace("&", "").split("\t")[0] for a in menu.actions() if not a.isSeparator()]
    assert "Ångra" in words and "Klistra in" in words, words
    assert QMessageBox.tr("Cancel") is not None
    box.deleteLater()
    menu.deleteLater()
