"""Core operations: each change is one transaction, refuses with a Swedish message and
leaves nothing half-written."""

from __future__ import annotations

import pytest

from finsam_desktop.errors import InputError, RuleError
from finsam_desktop.ops.accounts import save_account
from finsam_desktop.ops.annual_report import save_signing, save_year_texts
from finsam_desktop.ops.drafts import book_draft
from finsam_desktop.ops.registers import save_member, save_project
from finsam_desktop.ops.setup import create_book
from finsam_desktop.book import VoucherRow

from conftest import VALID_ORGNR


def test_an_account_added_as_inactive_is_added_and_deactivated_together(book):
    acc = save_account(book, 6991, name="Övriga kostnader, projekt", kind="K", row_id="default",
                       active=False, new=True)
    assert (acc.number, acc.active) == (6991, False)
    with pytest.raises(InputError):
        save_account(book, 12, name="Fel", kind="K", row_id="default", active=False, new=True)
    assert book.account(12) is None


def test_signing_an_arsredovisning_needs_a_ledamot_and_a_beslutsort(book):
    y = book.years()[0]
    with pytest.raises(InputError, match="Ange minst en ledamot"):
        save_signing(book, y.id, [], [("Eva Revisor", "revisor")], place="Kramfors", date="2022-03-31",
                     place_key="beslutsort", date_key="beslutsdatum", full_year=True)
    with pytest.raises(InputError, match="Ange beslutsort."):
        save_signing(book, y.id, [("Anna Ordförande", "ordförande")], [], place=" ", date="2022-03-31",
                     place_key="beslutsort", date_key="beslutsdatum", full_year=True)
    assert book.signatories(y.id) == [] and book.year_texts(y.id) == {}
    save_signing(book, y.id, [("Anna Ordförande", "ordförande")], [("Eva Revisor", "revisor")],
                 place="Kramfors ", date="2022-03-31", place_key="beslutsort", date_key="beslutsdatum",
                 full_year=True)
    assert sorted((s.name, s.kind) for s in book.signatories(y.id)) == [("Anna Ordförande", "styrelse"),
                                                                          ("Eva Revisor", "revisor")]
    assert book.year_texts(y.id) == {"beslutsort": "Kramfors", "beslutsdatum": "2022-03-31"}


def test_year_texts_write_only_what_changed(book):
    y = book.years()[0]
    assert save_year_texts(book, y.id, {"verksamhet": "  Förbundet har fyra medlemmar. ", "handelser": ""}) \
        == ["verksamhet"]
    assert save_year_texts(book, y.id, {"verksamhet": "Förbundet har fyra medlemmar.", "handelser": ""}) == []
    assert book.year_texts(y.id) == {"verksamhet": "Förbundet har fyra medlemmar."}


def test_member_and_contribution_are_saved_together_or_not_at_all(book):
    y = book.years()[0]
    with pytest.raises(InputError, match="Driftbidraget kan inte vara negativt"):
        save_member(book, None, name="Kramfors kommun", kind="kommun", share_bp=2500, year_id=y.id,
                    contribution=-1)
    assert book.members() == []
    m = save_member(book, None, name="Kramfors kommun", kind="kommun", share_bp=2500, year_id=y.id,
                    contribution=648_000_00)
    assert book.contributions(y.id) == {m.id: 648_000_00}


def test_an_insats_without_code_is_refused(book):
    with pytest.raises(InputError, match="Insatsen måste ha en kod"):
        save_project(book, None, code=" ", name="Utan kod")


def test_booking_an_edited_draft_saves_the_edit_books_and_removes_it_at_once(book):
    did = book.save_draft("2021-03-10", "Telefon", [VoucherRow(6420, 1_000_00)])
    with pytest.raises(RuleError):
        book_draft(book, did, date="2021-03-10", text="Telefon", rows=[VoucherRow(6420, 1_000_00),
                                                                       VoucherRow(1930, -999_00)])
    assert [d["rows"] for d in book.drafts()] == [[VoucherRow(6420, 1_000_00)]]   # the edit is not kept
    v = book_draft(book, did, date="2021-03-11", text="Telefon mars",
                   rows=[VoucherRow(6420, 1_000_00), VoucherRow(1930, -1_000_00)])
    assert (v.date, v.text, book.drafts()) == ("2021-03-11", "Telefon mars", [])


def test_a_new_book_with_members_whose_andelar_are_not_100_is_not_created(tmp_path):
    p = tmp_path / "ny.finsam"
    with pytest.raises(InputError, match="Andelarna är tillsammans 75 %; de ska vara 100 %."):
        create_book(p, namn="Nytt förbund", orgnr=VALID_ORGNR, year_start="2026-01-01", year_end="2026-12-31",
                    members=[("Staten", "stat", 5000), ("Regionen", "region", 2500)])
    assert not p.exists()
    b = create_book(p, namn="Nytt förbund", orgnr=VALID_ORGNR, year_start="2026-01-01", year_end="2026-12-31",
                    members=[("Staten", "stat", 5000), ("Regionen", "region", 5000)])
    assert [(m.name, m.share_bp) for m in b.members()] == [("Staten", 5000), ("Regionen", 5000)]
    b.close()
