"""Which book a SIE file is read into: the rule lives in the core, not in the window."""

from __future__ import annotations

from finsam_desktop.book import Book
from finsam_desktop.exchange.sie_reader import read_sie
from finsam_desktop.exchange.sie_target import belongs_in_book
from finsam_desktop.exchange.sie_writer import export_sie


def _sie_of(book: Book, tmp_path, name="bok.se"):
    path = tmp_path / name
    export_sie(book, book.years()[0], path)
    return read_sie(path)


def test_a_file_whose_current_year_is_one_of_the_books_years_goes_into_the_book(book, tmp_path):
    assert belongs_in_book(_sie_of(book, tmp_path), book)


def test_a_file_of_another_year_goes_into_a_new_book(book, tmp_path):
    other = Book.create(tmp_path / "annan.finsam", namn="Annat förbund", orgnr="222000-1354",
                        year_start="2019-01-01", year_end="2019-12-31")
    try:
        assert not belongs_in_book(_sie_of(book, tmp_path), other)
    finally:
        other.close()


def test_no_book_or_a_read_only_book_never_takes_the_import(book, tmp_path):
    sie = _sie_of(book, tmp_path)
    assert not belongs_in_book(sie, None)
    path = book.path
    book.close()
    ro = Book.open(path, read_only=True)
    try:
        assert not belongs_in_book(sie, ro)
    finally:
        ro.close()


def test_a_4i_file_always_goes_into_the_open_book(book, tmp_path):
    path = tmp_path / "trans.si"
    path.write_text('#FLAGGA 0\n#SIETYP 4\n#FORMAT PC8\n#GEN 20210401\n#FNAMN "X"\n'
                    '#VER A 1 20210401 "Faktura"\n{\n#TRANS 4530 {} 100.00\n#TRANS 1930 {} -100.00\n}\n',
                    encoding="cp437")
    sie = read_sie(path)
    assert sie.is_import_file
    assert belongs_in_book(sie, book)
