"""Hjälp (F1): the Swedish manual in resources/help/, one page per part of the
förbundschef's year, opened at the page for the view the user stands in."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialog, QHBoxLayout, QListWidget, QListWidgetItem, QTextBrowser

from ..paths import resource

# (file, title) in the order of the year.
TOPICS = (("index.html", "Översikt och tangenter"), ("lopande.html", "Löpande bokföring"),
          ("periodavslut.html", "Periodavslut"), ("delar.html", "Delårsrapport"),
          ("bokslut.html", "Bokslut och årsredovisning"), ("sie.html", "SIE"),
          ("overlamning.html", "Överlämning"), ("kontering.html", "Konteringsexempel"))

# The help page for a page of the main window (pages.PAGES keys) or a form.
FOR_VIEW = {"verifikationer": "lopande.html", "verifikation": "lopande.html", "utkast": "lopande.html",
            "huvudbok": "lopande.html", "saldobalans": "lopande.html", "kontoplan": "kontering.html",
            "rapport": "bokslut.html", "projekt": "periodavslut.html", "periodavslut": "periodavslut.html",
            "bokslut": "bokslut.html", "sie": "sie.html"}


def help_file(name: str):
    return resource("help", name)


class HelpDialog(QDialog):
    def __init__(self, parent=None, topic: str = "index.html"):
        super().__init__(parent)
        self.setWindowTitle("Hjälp – Finsam Bokföring")
        self.topics = QListWidget()
        self.topics.setMaximumWidth(230)
        for file, title in TOPICS:
            item = QListWidgetItem(title)
            item.setData(256, file)
            self.topics.addItem(item)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(True)
        self.browser.setSearchPaths([str(resource("help"))])
        self.topics.currentItemChanged.connect(self._topic_chosen)
        lay = QHBoxLayout(self)
        lay.addWidget(self.topics)
        lay.addWidget(self.browser, 1)
        self.resize(900, 620)
        self.show_topic(topic)

    def _topic_chosen(self, item, _previous) -> None:
        if item is not None:
            self.show_topic(item.data(256))

    def show_topic(self, file: str) -> None:
        self.browser.setSource(QUrl.fromLocalFile(str(help_file(file))))
        for i in range(self.topics.count()):
            if self.topics.item(i).data(256) == file and self.topics.currentRow() != i:
                self.topics.blockSignals(True)
                self.topics.setCurrentRow(i)
                self.topics.blockSignals(False)
