"""The verifikation form: enter and book a new verifikation, look at a booked one, and
correct it by a rättelse (a new verifikation that reverses it)."""

from __future__ import annotations

import re
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QVBoxLayout, QWidget)

from ..book import Book, Voucher, VoucherRow
from ..book.validate import parse_date
from ..errors import FinsamError, InputError
from ..ops.drafts import book_draft
from .ask import CANCEL, SAVE, ask_unsaved
from .common import (ERROR_STYLE, MUTED_STYLE, error_label, heading, mark_field, money, primary,
                     set_error, today_iso)
from .entry_model import ACCOUNT, CREDIT, DEBIT, EntryRowsModel
from .entry_table import EntryTable
from .template_save import save_as_template
from .underlag_view import dropped_paths, open_beside


def default_entry_date(book: Book) -> str:
    """Today when today lies in an open year; otherwise the last day of the latest open
    year (or today, and the book will say why it cannot be used)."""
    today = today_iso()
    y = book.year_of_date(today)
    if y is not None and not y.is_closed:
        return today
    open_years = [y for y in book.years() if not y.is_closed]
    if open_years:
        return open_years[-1].end if open_years[-1].end < today else open_years[-1].start
    return today


def parse_entry_date(text: str, default_year: int) -> str:
    """'2021-03-15', '20210315', or short forms within the year: '0315', '03-15'."""
    s = text.strip()
    m = re.fullmatch(r"(\d{2})-?(\d{2})", s)
    if m:
        s = f"{default_year:04d}-{m.group(1)}-{m.group(2)}"
    return parse_date(s, field="datum")


def row_objects_text(per_row, limit: int = 8) -> str:
    """'Objekt: rad 1: 1 Kostnadsställe 100, 21 Avdelning A1 · rad 3: …' for the rows that
    carry objects of other dimensions than insats and motpart ('' when none does)."""
    parts = [f"rad {i}: " + ", ".join(o.label for o in objs) for i, objs in enumerate(per_row, 1) if objs]
    if not parts:
        return ""
    more = f" · och {len(parts) - limit} rader till" if len(parts) > limit else ""
    return "Objekt: " + " · ".join(parts[:limit]) + more


class VoucherDialog(QDialog):
    """New verifikation (editable), a booked one (read-only, with "Rätta"), or a rättelse
    (the reversing rows locked, date and text editable)."""

    booked = Signal(object)  # the Voucher just booked
    draft_saved = Signal(int)  # the id of the draft just saved (or booked and so removed)

    def __init__(self, book: Book, parent: QWidget | None = None, *, voucher_id: int | None = None,
                 keep_open: bool = True):
        super().__init__(parent)
        self.book = book
        self.keep_open = keep_open
        self.voucher: Voucher | None = None
        self.corrects: Voucher | None = None
        self.last_booked: Voucher | None = None
        self.draft_id: int | None = None  # the draft the form was opened from
        self.setWindowTitle("Verifikation")
        self.resize(980, 560)

        self.model = EntryRowsModel(book.accounts(), book.projects())
        self.model.counterpart_names = {c.id: c.name for c in book.counterparts()}
        self.model.changed.connect(self._update_state)
        self.table = EntryTable(self.model, self)
        self.table.delegate.set_words(
            [f"{a.number} {a.name}" for a in book.accounts(active_only=True)],
            [f"{p.code} {p.name}" for p in book.projects(active_only=True)])

        self.title = heading("Ny verifikation")
        self.info = QLabel()
        self.info.setStyleSheet(MUTED_STYLE)
        self.info.setWordWrap(True)
        self.date_edit = QLineEdit()
        self.date_edit.setPlaceholderText("ÅÅÅÅ-MM-DD")
        self.date_edit.setMaximumWidth(160)
        self.date_edit.setToolTip("Datum, t.ex. 2021-03-15 eller 0315 inom året.")
        self.date_error = error_label()
        self.text_edit = QLineEdit()
        self.text_edit.setPlaceholderText("Vad verifikationen gäller, t.ex. Faktura 1043 Kramfors kommun")
        self.date_edit.editingFinished.connect(self._date_done)
        self.date_edit.returnPressed.connect(self.text_edit.setFocus)
        self.text_edit.returnPressed.connect(self._to_rows)
        self.text_edit.textEdited.connect(lambda _t: mark_field(self.text_edit, False))

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignRight)
        date_row = QHBoxLayout()
        date_row.addWidget(self.date_edit)
        date_row.addWidget(self.date_error, 1)
        date_label = QLabel("&Datum")
        date_label.setBuddy(self.date_edit)
        form.addRow(date_label, date_row)
        form.addRow("&Text", self.text_edit)

        self.totals = QLabel()
        self.totals.setTextFormat(Qt.RichText)
        self.problem = QLabel()
        self.problem.setStyleSheet(ERROR_STYLE)
        self.problem.setWordWrap(True)
        self.remove_button = QPushButton("Ta bort rad")
        self.remove_button.setToolTip("Tar bort raden där markören står (Ctrl+Delete).")
        self.remove_button.clicked.connect(lambda: self.model.remove_row(self.table.currentIndex().row()))
        self.correct_button = QPushButton("&Rätta …")
        self.correct_button.setToolTip("Gör en rättelse: en ny verifikation som vänder alla rader.")
        self.correct_button.clicked.connect(self.start_correction)
        self.close_button = QPushButton("Stäng")
        self.close_button.clicked.connect(self.close_by_user)
        self.book_button = primary(QPushButton("&Bokför"))
        self.book_button.setToolTip("Bokför verifikationen (Ctrl+Enter). Går bara när debet och kredit är lika.")
        self.book_button.setDefault(False)
        self.book_button.setAutoDefault(False)
        self.book_button.clicked.connect(self.book_now)
        self.draft_button = QPushButton("Spara som &utkast")
        self.draft_button.setToolTip("Spara verifikationen som utkast (Ctrl+S) utan att bokföra den. "
                                     "Ett utkast får vara ofullständigt och behöver inte balansera.")
        self.draft_button.clicked.connect(self.save_as_draft)
        self.underlag_button = QPushButton("Under&lag …")
        self.underlag_button.setToolTip("Visa och bifoga underlag (PDF, JPEG, PNG); filer kan också släppas "
                                        "på formuläret. Ett nytt formulär sparas först som utkast.")
        self.underlag_button.clicked.connect(self.show_underlag)
        self.fill_button = QPushButton("Fyll i di&fferensen")
        self.fill_button.setToolTip("Sätter beloppet som får verifikationen att balansera på raden där "
                                    "markören står (Ctrl+D); raden måste ha ett konto.")
        self.fill_button.clicked.connect(self.fill_difference)
        self.template_button = QPushButton("Spara som &mall …")
        self.template_button.setToolTip("Spara text och rader som en mall för återkommande verifikationer "
                                        "(Bokföring → Mallar, Ctrl+M). Tomma belopp fylls i när mallen används.")
        self.template_button.clicked.connect(self.save_as_template)
        self.setAcceptDrops(True)
        for b in (self.remove_button, self.correct_button, self.close_button, self.draft_button,
                  self.underlag_button, self.fill_button, self.template_button):
            b.setAutoDefault(False)

        buttons = QHBoxLayout()
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.fill_button)
        buttons.addStretch(1)
        buttons.addWidget(self.template_button)
        buttons.addWidget(self.underlag_button)
        buttons.addWidget(self.correct_button)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.draft_button)
        buttons.addWidget(self.book_button)

        lay = QVBoxLayout(self)
        lay.addWidget(self.title)
        lay.addWidget(self.info)
        lay.addLayout(form)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.totals)
        lay.addWidget(self.problem)
        lay.addLayout(buttons)

        # The order the hint promises: datum, text, the grid, then the buttons.
        chain = (self.date_edit, self.text_edit, self.table, self.book_button, self.draft_button,
                 self.close_button, self.correct_button, self.template_button, self.fill_button,
                 self.remove_button)
        for a, b in zip(chain, chain[1:]):
            QWidget.setTabOrder(a, b)

        for seq in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(seq), self, activated=self.book_now)
        QShortcut(QKeySequence.Save, self, activated=self.save_as_draft)
        QShortcut(QKeySequence("Ctrl+D"), self, activated=self.fill_difference)

        if voucher_id is not None:
            self.show_voucher(voucher_id)
        else:
            self.new_voucher()

    # ------------------------------------------------------------------ modes
    def new_voucher(self, *, date: str | None = None, text: str = "",
                    rows: list[VoucherRow] | None = None) -> None:
        """An empty (or prefilled) editable form."""
        self.voucher = None
        self.corrects = None
        self.draft_id = None
        self.model.read_only = False
        if rows:
            self.model.set_rows(rows)
        else:
            self.model.clear()
        self.title.setText("Ny verifikation")
        self.date_edit.setReadOnly(False)
        self.text_edit.setReadOnly(False)
        self.date_edit.setText(date or default_entry_date(self.book))
        self.text_edit.setText(text)
        mark_field(self.date_edit, False)
        set_error(self.date_error, None)
        self.correct_button.hide()
        self.remove_button.show()
        self.fill_button.show()
        self.book_button.show()
        self.draft_button.show()
        self._update_state()
        self._mark_clean()
        self.date_edit.setFocus()
        self.date_edit.selectAll()

    def open_draft(self, draft: dict) -> None:
        """Continue a saved draft (Book.drafts()): everything in it editable; booking it
        removes the draft."""
        self.new_voucher(date=draft["date"] or None, text=draft["text"], rows=list(draft["rows"]))
        self.draft_id = draft["id"]
        if draft.get("corrects_id"):
            self.corrects = self.book.voucher(draft["corrects_id"])
        self.title.setText(f"Utkast: {draft['text'] or 'utan text'}")
        self._update_state()
        self._mark_clean()

    def show_voucher(self, voucher_id: int) -> None:
        """A booked verifikation, read-only. "Rätta" unless it is already corrected."""
        v = self.book.voucher(voucher_id)
        if v is None:
            raise FinsamError(f"Verifikationen {voucher_id} finns inte.")
        self.voucher = v
        self.corrects = None
        self.model.read_only = True
        self.model.set_rows(list(v.rows))
        self.title.setText(f"Verifikation {v.ref}")
        self.date_edit.setText(v.date)
        self.text_edit.setText(v.text)
        self.date_edit.setReadOnly(True)
        self.text_edit.setReadOnly(True)
        self.remove_button.hide()
        self.fill_button.hide()
        self.book_button.hide()
        self.draft_button.hide()
        self.draft_id = None
        corrected_by = self.book.reversal_of(v.id)
        notes = [f"Bokförd {v.booked_at[:10]}"]
        if v.source:
            notes.append(f"källa: {v.source}")
        if v.corrects_id:
            orig = self.book.voucher(v.corrects_id)
            notes.append(f"rättar {orig.ref if orig else v.corrects_id}")
        if corrected_by:
            notes.append(f"rättad genom {self.book.voucher(corrected_by).ref}")
        year = self.book.year(v.year_id)
        objects = row_objects_text(self.book.voucher_row_objects(v.id))
        self.info.setText(" · ".join(notes) + ". En bokförd verifikation kan inte ändras; "
                          "rätta den med en ny verifikation." + (f"\n{objects}" if objects else ""))
        can_correct = corrected_by is None and not self.book.read_only and any(
            not y.is_closed for y in self.book.years())
        self.correct_button.setVisible(can_correct)
        if year and year.is_closed:
            self.correct_button.setToolTip("Året är stängt; rättelsen bokförs i ett öppet år.")
        self._update_state()

    def start_correction(self) -> None:
        """Switch to a prefilled rättelse of the shown verifikation: every row reversed
        (locked), dated the original's date when its year is open, otherwise today."""
        v = self.voucher
        if v is None:
            return
        year = self.book.year(v.year_id)
        when = v.date if year and not year.is_closed else default_entry_date(self.book)
        self.voucher = None
        self.corrects = v
        self.model.read_only = True
        self.model.set_rows([VoucherRow(r.account, -r.amount, r.project_id, r.counterpart_id, r.text)
                             for r in v.rows])
        self.title.setText(f"Rättelse av {v.ref}")
        self.date_edit.setReadOnly(False)
        self.text_edit.setReadOnly(False)
        self.date_edit.setText(when)
        self.text_edit.setText(f"Rättelse av {v.ref}: {v.text}")
        self.info.setText(f"Raderna vänder verifikation {v.ref}. Kontrollera datum och text och bokför. "
                          "Därefter kan du skriva in den rätta verifikationen.")
        self.correct_button.hide()
        self.fill_button.hide()
        self.book_button.show()
        self.draft_button.show()
        self._update_state()
        self._mark_clean()
        self.date_edit.setFocus()

    # ------------------------------------------------------------------ unsaved work
    def _snapshot(self) -> tuple:
        return (self.text_edit.text().strip(), tuple(self.model.draft_rows()))

    def _mark_clean(self) -> None:
        self._clean = self._snapshot()

    def has_unsaved_work(self) -> bool:
        """Something typed that is neither booked nor saved as a draft (a date alone is not)."""
        if self.voucher is not None or self.book.read_only:
            return False
        self.table.delegate.commit_open_editor()
        now = self._snapshot()
        return now != getattr(self, "_clean", None) and bool(now[0] or now[1])

    def confirm_close(self) -> bool:
        """Before the form closes (Stäng, Esc, closing the book, quitting): typed work is
        saved as a draft, thrown away, or the close is cancelled. True when it may close."""
        if not self.isVisible() or not self.has_unsaved_work():
            return True
        text = self.text_edit.text().strip()
        answer = ask_unsaved(self, f"verifikationen ”{text}”" if text else "en verifikation")
        if answer == CANCEL:
            return False
        if answer == SAVE:
            keep, self.keep_open = self.keep_open, True
            try:
                if self.save_as_draft() is None:
                    return False  # the reason is shown in the form
            finally:
                self.keep_open = keep
        if self.corrects is None:
            self.new_voucher(date=self._date_value())  # the next Ny verifikation starts empty
        self._mark_clean()
        return True

    def close_by_user(self) -> None:
        """Stäng or Esc: asks first when typed work would be lost."""
        if self.confirm_close():
            self.reject()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key_Escape and not event.modifiers():
            self.close_by_user()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event) -> None:
        # The window's own close button (a spontaneous close) asks like Stäng; a close
        # by the program (the book closes, after BookSession asked) does not ask again.
        if event.spontaneous() and not self.confirm_close():
            event.ignore()
            return
        super().closeEvent(event)

    # ------------------------------------------------------------------ state
    def _default_year(self) -> int:
        return int(default_entry_date(self.book)[:4])

    def _date_value(self) -> str | None:
        try:
            return parse_entry_date(self.date_edit.text(), self._default_year())
        except InputError:
            return None

    def _date_done(self) -> None:
        """Check the date when the user leaves the field; write it out in full if valid."""
        if self.date_edit.isReadOnly() or not self.isVisible():
            return  # also: focus lost while the dialog closes
        text = self.date_edit.text()
        try:
            d = parse_entry_date(text, self._default_year())
            y = self.book.year_of_date(d)
            if y is None:
                raise InputError(f"Datumet {d} ligger inte i något räkenskapsår i boken.")
            if y.is_closed:
                raise InputError(f"Räkenskapsåret {y.label} är stängt; välj ett datum i ett öppet år.")
        except FinsamError as exc:
            mark_field(self.date_edit, True)
            set_error(self.date_error, exc.message)
        else:
            self.date_edit.setText(d)
            mark_field(self.date_edit, False)
            set_error(self.date_error, None)
        self._update_state()

    def _to_rows(self) -> None:
        self.table.setFocus()
        first = self.model.index(0, ACCOUNT)
        if self.table.currentIndex() == first:
            self.table.edit(first)
        else:
            self.table.setCurrentIndex(first)  # opens the cell's editor (edit trigger)

    def _update_state(self) -> None:
        debit, credit = self.model.totals()
        diff = debit - credit
        diff_html = ("<span style='color:#1e7b34'>Differens 0,00</span>" if diff == 0 else
                     f"<span style='color:#a61b1b'><b>Differens {money(abs(diff))}</b> "
                     f"({'debet' if diff > 0 else 'kredit'} är större)</span>")
        self.totals.setText(f"Summa debet <b>{money(debit)}</b> &nbsp;&nbsp; Summa kredit "
                            f"<b>{money(credit)}</b> &nbsp;&nbsp; {diff_html}")
        editable = self.voucher is None
        problems = self.model.problems() if editable else []
        if editable and diff != 0 and not problems:
            problems = ["Debet och kredit måste vara lika innan verifikationen kan bokföras."]
        date_ok = self._date_value() is not None and not self.date_error.isVisible()
        if editable and not date_ok and not problems:
            problems = ["Skriv ett giltigt datum i ett öppet räkenskapsår."]
        self.problem.setText(problems[0] if problems else "")
        self.book_button.setEnabled(editable and not problems and not self.book.read_only)
        self.draft_button.setEnabled(editable and not self.book.read_only)
        self.template_button.setEnabled(not self.book.read_only)
        if editable and self.corrects is None:
            year = self.book.year_of_date(self._date_value() or "")
            keys = ("Tab går till nästa ruta, Enter till nästa rad, Ctrl+D fyller i differensen, "
                    "Ctrl+Enter bokför, Ctrl+S sparar utkast.")
            where = f"Bokförs i räkenskapsåret {year.label}. " if year is not None else ""
            draft = "Utkast – ännu inte bokfört. " if self.draft_id is not None else ""
            self.info.setText(draft + where + keys)

    def fill_difference(self) -> int | None:
        """Fyll i differensen (Ctrl+D): the amount that balances the verifikation goes into
        the current row (debet or kredit), if the row has a konto. Returns the amount put
        there (ledger sign), None when nothing was changed (the reason is shown)."""
        if self.model.read_only or self.voucher is not None:
            return None
        self.table.delegate.commit_open_editor()
        row = self.table.currentIndex().row()
        if not 0 <= row < len(self.model.rows):
            self.problem.setText("Ställ markören på raden som ska få differensen.")
            return None
        r = self.model.rows[row]
        if r.account is None:
            self.problem.setText(f"Rad {row + 1} har inget konto; skriv kontot först, sedan Fyll i differensen.")
            return None
        amount = r.amount - self.model.difference()
        if amount == 0:
            self.problem.setText(f"Rad {row + 1} behöver inget belopp: de andra raderna balanserar redan.")
            return None
        col = DEBIT if amount > 0 else CREDIT
        self.model.setData(self.model.index(row, col), money(abs(amount)))
        self.table.setCurrentIndex(self.model.index(row, col))
        return amount

    def focus_first_missing_amount(self) -> None:
        """After a mall is put in the form: the cursor in the first row without an amount
        (the date field when every amount is there)."""
        for i, r in enumerate(self.model.rows):
            if not r.is_empty() and r.account is not None and r.amount == 0:
                self.table.setFocus()
                self.table.setCurrentIndex(self.model.index(i, DEBIT))
                return
        self.date_edit.setFocus()
        self.date_edit.selectAll()

    def save_as_template(self):
        """Spara som mall: the form's text and rows (a booked verifikation's too)."""
        self.table.delegate.commit_open_editor()
        rows = list(self.voucher.rows) if self.voucher is not None else self.model.draft_rows()
        t = save_as_template(self, self.book, self.text_edit.text().strip(), rows)
        if t is not None:
            self.info.setText(f"Mallen ”{t.name}” är sparad med {len(t.rows)} rader "
                              "(Bokföring → Mallar, Ctrl+M).")
        return t

    def can_book(self) -> bool:
        return self.book_button.isEnabled()

    # ------------------------------------------------------------------ booking
    def book_now(self) -> Voucher | None:
        """Bokför: only when it balances. A refusal is shown and everything typed stays."""
        if self.voucher is not None:
            return None
        self.table.delegate.commit_open_editor()
        if self.date_edit.hasFocus():
            self._date_done()
        self._update_state()
        if not self.can_book():
            return None
        try:
            d = parse_entry_date(self.date_edit.text(), self._default_year())
            text, rows = self.text_edit.text().strip(), self.model.voucher_rows()
            corrects_id = self.corrects.id if self.corrects else None
            if self.draft_id is not None:
                v = book_draft(self.book, self.draft_id, date=d, text=text, rows=rows, corrects_id=corrects_id)
            else:
                v = self.book.book_voucher(d, text, rows, corrects_id=corrects_id)
        except FinsamError as exc:
            if exc.field == "datum":
                mark_field(self.date_edit, True)
                set_error(self.date_error, exc.message)
            elif exc.field == "text":
                mark_field(self.text_edit, True)
                self.text_edit.setFocus()
            self.problem.setText(exc.message)
            return None
        self.last_booked = v
        corrected = self.corrects
        from_draft, self.draft_id = self.draft_id, None
        self.booked.emit(v)
        if from_draft is not None:
            self.draft_saved.emit(from_draft)
        if corrected is not None:
            # The mistake is reversed; now the right verifikation, starting from the old rows.
            self.new_voucher(date=v.date, text=corrected.text, rows=list(corrected.rows))
            self.info.setText(f"Rättelsen {v.ref} är bokförd. Skriv nu in den rätta verifikationen "
                              "(raderna är hämtade från den rättade) eller stäng.")
        elif self.keep_open:
            self.new_voucher(date=v.date)
            self.info.setText(f"Verifikation {v.ref} är bokförd. Fortsätt med nästa eller stäng.")
        else:
            self.accept()
        return v


    # ------------------------------------------------------------------ underlag
    def show_underlag(self, paths: list[str] | None = None):
        """The underlag beside the form; a form not yet saved is kept as an utkast first."""
        if self.voucher is None and self.draft_id is None and not self.book.read_only:
            keep, self.keep_open = self.keep_open, True  # saving starts a new form: open the draft again
            try:
                draft_id = self.save_as_draft()
            finally:
                self.keep_open = keep
            if draft_id is None:
                return None
            self.open_draft(next(d for d in self.book.drafts() if d["id"] == draft_id))
        return open_beside(self, self.book, voucher_id=self.voucher.id if self.voucher else None,
                           draft_id=None if self.voucher else self.draft_id, paths=paths)

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        if self.show_underlag(dropped_paths(event)) is not None:
            event.acceptProposedAction()

    # ------------------------------------------------------------------ drafts
    def save_as_draft(self) -> int | None:
        """Spara som utkast (Ctrl+S): keep what is typed, balanced or not, to finish later.
        The form then starts a new verifikation."""
        if self.voucher is not None or self.book.read_only:
            return None
        self.table.delegate.commit_open_editor()
        rows = self.model.draft_rows()
        text = self.text_edit.text().strip()
        if not rows and not text:
            self.problem.setText("Det finns inget att spara som utkast.")
            return None
        # The date as typed when it cannot be read yet: the draft keeps it.
        date = self._date_value() or self.date_edit.text().strip()
        try:
            draft_id = self.book.save_draft(date, text, rows, corrects_id=self.corrects.id if self.corrects else None,
                                            draft_id=self.draft_id)
        except FinsamError as exc:
            self.problem.setText(exc.message)
            return None
        self.draft_saved.emit(draft_id)
        if self.keep_open:
            self.new_voucher(date=self._date_value() or None)
            self.info.setText(f"Utkastet ”{text or 'utan text'}” är sparat. Du hittar det under "
                              "Bokföring → Utkast.")
        else:
            self.accept()
        return draft_id
