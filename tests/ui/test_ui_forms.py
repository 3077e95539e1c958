"""Setup of a new book, kontoplan, insatser and medlemmar, driven through their widgets."""

from __future__ import annotations

from PySide6.QtCore import Qt

from finsam_desktop.book import Book
from finsam_desktop.ui.accounts_form import AccountsDialog
from finsam_desktop.book.validate import parse_share
from finsam_desktop.ui.members_form import ForbundDialog, MembersDialog
from finsam_desktop.ui.registers_form import RegistersDialog
from finsam_desktop.ui.setup_dialog import SetupDialog

from ui_helpers import VALID_ORGNR, booked_book, isolated_settings  # noqa: F401


def fill_setup(qtbot, dlg, path, orgnr=VALID_ORGNR):
    dlg.path.setText(str(path))
    qtbot.keyClicks(dlg.name, "Samordningsforbundet Test")
    qtbot.keyClicks(dlg.orgnr, orgnr)
    dlg.year_start.setText("2021-01-01")
    dlg.year_end.setText("2021-12-31")
    dlg.members.item(2, 0).setText("Region Västernorrland")
    dlg.members.item(3, 0).setText("Kramfors kommun")


def test_new_book_is_created_through_the_setup_with_members_and_chart(qtbot, tmp_path):
    dlg = SetupDialog()
    qtbot.addWidget(dlg)
    fill_setup(qtbot, dlg, tmp_path / "ny")
    assert "kontrollsiffran stämmer" in dlg.orgnr_ok.text()
    qtbot.mouseClick(dlg.create_button, Qt.LeftButton)
    book = dlg.book
    assert book is not None and book.path == tmp_path / "ny.finsam"
    assert book.forbund().namn == "Samordningsforbundet Test"
    assert book.forbund().orgnr == VALID_ORGNR
    assert [(y.start, y.end) for y in book.years()] == [("2021-01-01", "2021-12-31")]
    assert [(m.name, m.kind, m.share_bp) for m in book.members()] == [
        ("Försäkringskassan", "stat", 2500), ("Arbetsförmedlingen", "stat", 2500),
        ("Region Västernorrland", "region", 2500), ("Kramfors kommun", "kommun", 2500)]
    assert book.account(1930).name == "Bankkonto"
    book.close()


def test_setup_refuses_a_wrong_check_digit_next_to_the_field_and_writes_nothing(qtbot, tmp_path):
    dlg = SetupDialog()
    qtbot.addWidget(dlg)
    fill_setup(qtbot, dlg, tmp_path / "fel.finsam", orgnr="222000-1355")
    assert not dlg.orgnr_error.isHidden()
    qtbot.mouseClick(dlg.create_button, Qt.LeftButton)
    assert dlg.book is None
    assert "kontrollsiffran stämmer inte" in dlg.orgnr_error.text()
    assert dlg.orgnr.text() == "222000-1355"
    assert dlg.name.text() == "Samordningsforbundet Test"
    assert not (tmp_path / "fel.finsam").exists()


def test_setup_refuses_andelar_that_do_not_add_up_to_100_percent(qtbot, tmp_path):
    dlg = SetupDialog()
    qtbot.addWidget(dlg)
    fill_setup(qtbot, dlg, tmp_path / "andel.finsam")
    dlg.members.item(3, 2).setText("20")
    assert dlg.create() is None
    assert dlg.members_error.text() == "Andelarna är tillsammans 95 %; de ska vara 100 %."
    assert not (tmp_path / "andel.finsam").exists()


def test_kontoplan_adds_renames_deactivates_and_refuses_bad_numbers(qtbot, book):
    dlg = AccountsDialog(book)
    qtbot.addWidget(dlg)
    qtbot.mouseClick(dlg.new_button, Qt.LeftButton)
    qtbot.keyClicks(dlg.number, "4540")
    assert dlg.row.currentData() == "verksamhetens_kostnader"  # suggested from the number
    qtbot.keyClicks(dlg.name, "Bidrag till nya insatser")
    qtbot.mouseClick(dlg.save_button, Qt.LeftButton)
    acc = book.account(4540)
    assert acc.name == "Bidrag till nya insatser" and acc.kind == "K" and acc.row_id == "verksamhetens_kostnader"

    dlg.name.setText("Bidrag till insatser, nya")
    dlg.active.setChecked(False)
    dlg.save()
    assert book.account(4540).name == "Bidrag till insatser, nya"
    assert not book.account(4540).active

    dlg.new_account()
    dlg.number.setText("454")
    dlg.name.setText("Tre siffror")
    assert dlg.save() is None
    assert "fyra till sex siffror" in dlg.number_error.text()
    assert dlg.number.text() == "454" and dlg.name.text() == "Tre siffror"

    dlg.number.setText("1930")
    dlg.name.setText("Dubblett")
    assert dlg.save() is None
    assert dlg.number_error.text() == "Konto 1930 finns redan."


def test_kontoplan_moves_an_account_to_another_report_row(qtbot, book):
    dlg = AccountsDialog(book)
    qtbot.addWidget(dlg)
    dlg.select_account(1680)
    assert dlg.editing.number == 1680
    dlg.row.setCurrentIndex(dlg.row.findData("kortfristiga_placeringar"))
    dlg.save()
    assert book.account(1680).row_id == "kortfristiga_placeringar"
    # Only balance rows are offered for a balance account.
    labels = [dlg.row.itemText(i) for i in range(dlg.row.count())]
    assert "Kassa och bank" in labels and "Verksamhetens kostnader" not in labels


def test_used_account_cannot_be_deleted(qtbot, tmp_path):
    b = booked_book(tmp_path)
    dlg = AccountsDialog(b)
    qtbot.addWidget(dlg)
    dlg.select_account(6410)
    assert not dlg.delete_button.isEnabled()
    assert not dlg.kind.isEnabled()
    assert "kan inte tas bort" in dlg.used_note.text()
    dlg.select_account(1510)
    assert dlg.delete_button.isEnabled()


def test_insats_with_grant_and_projektagare_are_saved(qtbot, tmp_path):
    b = booked_book(tmp_path)
    dlg = RegistersDialog(b)
    qtbot.addWidget(dlg)
    owners = dlg.owners
    owners.new_record()
    owners.name.setText("Sollefteå kommun")
    owners.orgnr.setText("212000-2411")
    owners.save()
    assert b.counterpart_by_name("Sollefteå kommun").orgnr == "212000-2411"

    owners.new_record()
    owners.name.setText("Fel orgnr")
    owners.orgnr.setText("212000-2412")
    assert owners.save() is None
    assert "kontrollsiffran" in owners.fields["organisationsnummer"][1].text()

    dlg.tabs.setCurrentIndex(0)
    p = dlg.projects
    p.new_record()
    p.code.setText("SOL")
    p.name.setText("Solsidan")
    p.owner.setCurrentIndex(p.owner.findText("Sollefteå kommun"))
    p.grant.setText("150 000")
    p.save()
    sol = b.project_by_code("SOL")
    assert sol.name == "Solsidan" and b.counterpart(sol.owner_id).name == "Sollefteå kommun"
    assert b.project_grants(b.years()[0].id)[sol.id] == 150_000_00

    p.new_record()
    p.code.setText("STEG")
    p.name.setText("Dubblett")
    assert p.save() is None
    assert "STEG" in p.fields["kod"][1].text()


def test_member_share_and_driftbidrag_are_saved_per_year(qtbot, book):
    dlg = MembersDialog(book)
    qtbot.addWidget(dlg)
    ed = dlg.editor
    ed.new_record()
    ed.name.setText("Försäkringskassan")
    ed.kind.setCurrentIndex(ed.kind.findData("stat"))
    ed.share.setText("25")
    ed.contribution.setText("450 000")
    ed.save()
    m = book.members()[0]
    assert (m.name, m.kind, m.share_bp) == ("Försäkringskassan", "stat", 2500)
    assert book.contributions(book.years()[0].id) == {m.id: 450_000_00}
    ed.share.setText("tjugo")
    assert ed.save() is None
    assert "Ogiltig andel" in ed.fields["andel"][1].text()
    assert parse_share("12,5 %") == 1250


def test_forbund_settings_refuse_a_bad_orgnr_and_save_the_rest(qtbot, book):
    dlg = ForbundDialog(book)
    qtbot.addWidget(dlg)
    dlg.edits["orgnr"][0].setText("123")
    dlg.save()
    assert "tio siffror" in dlg.edits["orgnr"][1].text()
    dlg.edits["orgnr"][0].setText(book.forbund().orgnr)
    dlg.edits["ort"][0].setText("Kramfors")
    dlg.save()
    assert book.forbund().ort == "Kramfors"


def test_book_backup_is_a_complete_copy(tmp_path):
    b = booked_book(tmp_path)
    copy = b.backup_to(tmp_path / "kopia.finsam")
    with Book.open(copy) as c:
        assert c.count_vouchers() == 3
        assert c.trial_balance(c.years()[0].id) == b.trial_balance(b.years()[0].id)
