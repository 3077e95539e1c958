"""The underlag of a verifikation or an utkast, shown beside it: the list of files on
the left, the chosen file on the right (PDF pages rendered by PDFium, images as they
are). Files are added by the button, from the scanner's folder, or by dropping them on
the view; an utkast's files can be removed, a booked verifikation's never."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtWidgets import (QDialog, QFileDialog, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QMessageBox, QPushButton, QScrollArea, QSplitter, QVBoxLayout, QWidget)

from ..book import Book
from ..book.underlag import Attachment
from ..errors import FinsamError
from ..ops import underlag as ops
from .common import muted, show_error
from .settings import settings

FILE_FILTER = "Underlag (*.pdf *.jpg *.jpeg *.png)"
SCANNER_KEY = "underlag/scanner_folder"


def render_pages(data: bytes, mime: str, width: int, *, max_pages: int = 20) -> list[QImage]:
    """The file as images `width` pixels wide: every page of a PDF, or the image itself."""
    if mime != "application/pdf":
        img = QImage.fromData(data)
        return [img.scaledToWidth(min(width, img.width()), Qt.SmoothTransformation)] if not img.isNull() else []
    pdf = pdfium.PdfDocument(data)
    try:
        out = []
        for i in range(min(len(pdf), max_pages)):
            page = pdf[i]
            bitmap = page.render(scale=width / page.get_width(), rev_byteorder=True)
            img = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                         QImage.Format_RGB888 if bitmap.n_channels == 3 else QImage.Format_RGBA8888)
            out.append(img.copy())  # the bitmap's memory is freed with it
        return out
    finally:
        pdf.close()


def _size(n: int) -> str:
    return f"{n / 1024:.0f} kB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB".replace(".", ",")


class UnderlagView(QWidget):
    """Files of one verifikation (voucher_id) or one utkast (draft_id)."""

    def __init__(self, book: Book, parent=None, *, vertical: bool = False):
        super().__init__(parent)
        self.book = book
        self._shown_width = 0
        self.voucher_id: int | None = None
        self.draft_id: int | None = None
        self.items: list[Attachment] = []
        self.setAcceptDrops(True)
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: 600;")
        self.list = QListWidget()
        self.list.currentRowChanged.connect(self._show)
        self.pages = QLabel()
        self.pages.setAlignment(Qt.AlignHCenter | Qt.AlignTop)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.pages)
        self.scroll.setStyleSheet("QScrollArea { background: #5f6770; }")
        self.pages.setStyleSheet("background: #5f6770; color: white;")
        self.add_button = QPushButton("&Bifoga fil …")
        self.add_button.clicked.connect(self.add_files)
        self.scan_button = QPushButton("Från &skannermappen …")
        self.scan_button.clicked.connect(self.add_from_scanner)
        self.remove_button = QPushButton("&Ta bort")
        self.remove_button.clicked.connect(self.remove_current)
        self.save_button = QPushButton("&Spara som …")
        self.save_button.clicked.connect(self.save_current)
        self.info = muted("")
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.title)
        ll.addWidget(self.list, 1)
        ll.addWidget(self.info)
        buttons = (self.add_button, self.scan_button, self.remove_button, self.save_button)
        for b in buttons:
            b.setAutoDefault(False)
        if vertical:  # beside a list: the files above the page, the buttons in a row
            self.list.setMaximumHeight(84)
            row = QHBoxLayout()
            for b in buttons:
                row.addWidget(b)
            ll.addLayout(row)
        else:
            for b in buttons:
                ll.addWidget(b)
        ll.addWidget(muted("Dra och släpp PDF-, JPEG- eller PNG-filer hit."))
        split = QSplitter(Qt.Vertical if vertical else Qt.Horizontal)
        split.addWidget(left)
        split.addWidget(self.scroll)
        split.setStretchFactor(1, 1)
        split.setSizes([200, 600] if vertical else [260, 640])
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(split)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        width = self.scroll.viewport().width()
        if self.items and abs(width - self._shown_width) > 40:
            self._show(self.list.currentRow())

    # ------------------------------------------------------------------ target
    def set_voucher(self, voucher_id: int | None) -> None:
        self.voucher_id, self.draft_id = voucher_id, None
        self.reload()

    def set_draft(self, draft_id: int | None) -> None:
        self.voucher_id, self.draft_id = None, draft_id
        self.reload()

    def _target_text(self) -> str:
        if self.voucher_id is not None:
            v = self.book.voucher(self.voucher_id)
            return f"Underlag till verifikation {v.ref} ({v.date})" if v else "Underlag"
        if self.draft_id is not None:
            return "Underlag till utkastet"
        return "Ingen verifikation vald"

    def reload(self) -> None:
        has_target = self.voucher_id is not None or self.draft_id is not None
        self.items = ops.list_attachments(self.book, voucher_id=self.voucher_id, draft_id=self.draft_id) \
            if has_target else []
        self.title.setText(self._target_text())
        self.list.blockSignals(True)
        self.list.clear()
        for a in self.items:
            it = QListWidgetItem(f"{a.file_name}\n{_size(a.size)} · SHA-256 {a.sha256[:12]}…")
            it.setToolTip(f"{a.file_name}\nSHA-256 {a.sha256}\nBifogad {a.added_at[:16].replace('T', ' ')}")
            self.list.addItem(it)
        self.list.blockSignals(False)
        writable = has_target and not self.book.read_only
        self.add_button.setEnabled(writable)
        self.scan_button.setEnabled(writable)
        self.remove_button.setEnabled(writable and self.draft_id is not None and bool(self.items))
        self.remove_button.setToolTip("" if self.draft_id is not None else
                                      "En bokförd verifikations underlag kan inte tas bort.")
        self.save_button.setEnabled(bool(self.items))
        self.info.setText(f"{len(self.items)} fil{'er' if len(self.items) != 1 else ''}" if has_target else "")
        if self.items:
            self.list.setCurrentRow(0)
            self._show(0)
        else:
            self.pages.setPixmap(QPixmap())
            self.pages.setText("Inget underlag." if has_target else "")

    def _show(self, row: int) -> None:
        if not 0 <= row < len(self.items):
            return
        a = self.items[row]
        self._shown_width = self.scroll.viewport().width()
        try:
            images = render_pages(ops.content(self.book, a), a.mime, max(300, self._shown_width - 48))
        except FinsamError as exc:
            self.pages.setPixmap(QPixmap())
            self.pages.setText(exc.message)
            return
        except Exception as exc:  # a damaged PDF: say so, keep the window
            self.pages.setPixmap(QPixmap())
            self.pages.setText(f"Filen kan inte visas ({exc}). Spara den och öppna den i ett annat program.")
            return
        if not images:
            self.pages.setText("Filen kan inte visas.")
            return
        w = max(i.width() for i in images)
        h = sum(i.height() for i in images) + 12 * (len(images) + 1)
        sheet = QImage(w + 24, h, QImage.Format_RGB32)
        sheet.fill(0x5F6770)
        p = QPainter(sheet)
        y = 12
        for img in images:
            p.drawImage(12 + (w - img.width()) // 2, y, img)
            y += img.height() + 12
        p.end()
        self.pages.setText("")
        self.pages.setPixmap(QPixmap.fromImage(sheet))

    # ------------------------------------------------------------------ adding
    def attach_paths(self, paths: list[str]) -> bool:
        if not paths or (self.voucher_id is None and self.draft_id is None):
            return False
        try:
            ops.attach_files(self.book, paths, voucher_id=self.voucher_id, draft_id=self.draft_id)
        except FinsamError as exc:
            show_error(self, exc, "Underlaget bifogades inte")
            return False
        self.reload()
        self.list.setCurrentRow(len(self.items) - 1)
        return True

    def add_files(self, folder: str = "") -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Bifoga underlag", folder, FILE_FILTER)
        self.attach_paths(paths)

    def add_from_scanner(self) -> None:
        folder = str(settings().value(SCANNER_KEY, "") or "")
        if not folder or not Path(folder).is_dir():
            folder = QFileDialog.getExistingDirectory(self, "Välj skannerns mapp")
            if not folder:
                return
            settings().setValue(SCANNER_KEY, folder)
        self.add_files(folder)

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        if self.attach_paths(dropped_paths(event)):
            event.acceptProposedAction()

    # ------------------------------------------------------------------ the rest
    def remove_current(self) -> None:
        row = self.list.currentRow()
        if self.draft_id is None or not 0 <= row < len(self.items):
            return
        a = self.items[row]
        if QMessageBox.question(self, "Ta bort underlag", f"Ta bort {a.file_name} från utkastet?") != QMessageBox.Yes:
            return
        try:
            ops.remove_draft_attachment(self.book, a.id)
        except FinsamError as exc:
            show_error(self, exc)
        self.reload()

    def save_current(self) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self.items):
            return
        a = self.items[row]
        target, _ = QFileDialog.getSaveFileName(self, "Spara underlag", a.file_name, FILE_FILTER)
        if target:
            try:
                Path(target).write_bytes(ops.content(self.book, a))
            except (OSError, FinsamError) as exc:
                show_error(self, exc, "Underlaget sparades inte")


class UnderlagDialog(QDialog):
    """The viewer in its own window, beside the verifikation form or the list."""

    def __init__(self, book: Book, parent=None, *, voucher_id: int | None = None, draft_id: int | None = None):
        super().__init__(parent)
        self.setWindowTitle("Underlag")
        self.resize(980, 700)
        self.view = UnderlagView(book, self)
        lay = QVBoxLayout(self)
        lay.addWidget(self.view, 1)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        close = QPushButton("Stäng")
        close.setAutoDefault(False)
        close.clicked.connect(self.accept)
        bottom.addWidget(close)
        lay.addLayout(bottom)
        if draft_id is not None:
            self.view.set_draft(draft_id)
        else:
            self.view.set_voucher(voucher_id)


def dropped_paths(event) -> list[str]:
    """The local files of a drop."""
    return [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]


def open_beside(form: QWidget, book: Book, *, voucher_id: int | None, draft_id: int | None,
                paths: list[str] | None = None) -> UnderlagDialog:
    """The underlag window of the form's verifikation or utkast, to the right of the form
    (one per form: opened again, it shows the form's current target), attaching `paths`."""
    dlg = getattr(form, "_underlag_dialog", None)
    if dlg is None:
        dlg = UnderlagDialog(book, form, voucher_id=voucher_id, draft_id=draft_id)
        form._underlag_dialog = dlg
        geo = form.frameGeometry()
        dlg.move(geo.right() + 8, geo.top())
    elif draft_id is not None:
        dlg.view.set_draft(draft_id)
    else:
        dlg.view.set_voucher(voucher_id)
    if paths:
        dlg.view.attach_paths(paths)
    dlg.show()
    dlg.raise_()
    return dlg
