"""The two questions that keep the user's trust: "Vill du spara det du skrivit?" before
typed work would be lost, and "Bokför?" before more than one verifikation is booked at
once. Both have Swedish buttons, and the safe answer (Avbryt) is the default, so
Enter never books and never throws work away."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

SAVE, DISCARD, CANCEL = "save", "discard", "cancel"


def ask_unsaved(parent: QWidget | None, what: str) -> str:
    """Spara som utkast / Släng / Avbryt for `what` ("verifikationen ”Hyra mars”").
    Returns SAVE, DISCARD or CANCEL."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Question)
    box.setWindowTitle("Osparade uppgifter")
    box.setText(f"Du har skrivit in {what} men inte bokfört eller sparat den.")
    box.setInformativeText("Spara den som utkast för att fortsätta senare, släng den, eller avbryt "
                           "och fortsätt skriva.")
    save = box.addButton("Spara som &utkast", QMessageBox.AcceptRole)
    discard = box.addButton("&Släng", QMessageBox.DestructiveRole)
    cancel = box.addButton("Avbryt", QMessageBox.RejectRole)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    return SAVE if clicked is save else DISCARD if clicked is discard else CANCEL


def confirm_booking(parent: QWidget | None, title: str, text: str, details: str = "") -> bool:
    """Ask before booking several verifikationer at once; `text` says what will be booked.
    Avbryt is the default button: Enter alone does not book."""
    return choose(parent, title, text, details, [("&Bokför", "yes")]) == "yes"


def choose(parent: QWidget | None, title: str, text: str, details: str,
           choices: list[tuple[str, str]]) -> str | None:
    """Ask which of `choices` ((button text, answer)) the user wants; Avbryt is the
    default and the Esc button, so Enter alone chooses nothing. Returns the answer of
    the button pressed, None for Avbryt."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Question)
    box.setWindowTitle(title)
    box.setText(text)
    if details:
        box.setInformativeText(details)
    buttons = {box.addButton(label, QMessageBox.AcceptRole): answer for label, answer in choices}
    cancel = box.addButton("Avbryt", QMessageBox.RejectRole)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return buttons.get(box.clickedButton())
