"""The underlag's storage: links in the book under triggers, bytes in the companion file,
content-addressed and append-only; the incremental copy; the migration."""

from __future__ import annotations

import sqlite3

import pytest

from conftest import VALID_ORGNR
from finsam_desktop.book import Book
from finsam_desktop.book import underlag as store
from finsam_desktop.book.schema import MIGRATIONS, SCHEMA_VERSION, V_UNDERLAG
from finsam_desktop.errors import BookFileError, RuleError
from finsam_desktop.ops import underlag as ops
from old_books import old_book
from underlag_helpers import pdf, png


def _booked(book):
    return book.book_voucher("2021-02-01", "Hyra", [(5010, 100_00), (1930, -100_00)])


def test_booked_vouchers_underlag_cannot_be_removed_or_changed_even_with_raw_sql(book):
    v = _booked(book)
    (a,) = ops.attach(book, [ops.check_underlag("faktura.pdf", pdf())], voucher_id=v.id)
    raw = sqlite3.connect(str(book.path))
    try:
        for sql in ("DELETE FROM attachment WHERE id = ?", "UPDATE attachment SET file_name = 'x.pdf' WHERE id = ?",
                    "UPDATE attachment SET voucher_id = NULL, draft_id = NULL WHERE id = ?"):
            with pytest.raises(sqlite3.DatabaseError, match="bokförd verifikation"):
                raw.execute(sql, (a.id,))
    finally:
        raw.close()
    with pytest.raises(RuleError, match="kan inte tas bort"):
        ops.remove_draft_attachment(book, a.id)
    assert [x.sha256 for x in ops.list_attachments(book, voucher_id=v.id)] == [store.sha256_hex(pdf())]


def test_blobs_are_append_only_in_the_companion_file(book):
    v = _booked(book)
    ops.attach(book, [ops.check_underlag("a.png", png(1))], voucher_id=v.id)
    path = store.companion_path(book.path)
    assert path.name == "test.finsam-underlag"
    raw = sqlite3.connect(str(path))
    try:
        with pytest.raises(sqlite3.DatabaseError, match="kan inte tas bort"):
            raw.execute("DELETE FROM blob")
        with pytest.raises(sqlite3.DatabaseError, match="kan inte ändras"):
            raw.execute("UPDATE blob SET data = x'00'")
    finally:
        raw.close()


def test_same_content_is_stored_once_and_read_back_checked(book):
    v = _booked(book)
    w = book.book_voucher("2021-02-02", "Hyra igen", [(5010, 100_00), (1930, -100_00)])
    ops.attach(book, [ops.check_underlag("a.png", png(3))], voucher_id=v.id)
    (b,) = ops.attach(book, [ops.check_underlag("kopia.png", png(3))], voucher_id=w.id)
    assert store.store_of(book).stats() == (1, len(png(3)))
    assert ops.content(book, b) == png(3)


def test_a_draft_link_can_be_removed_and_follows_the_draft_into_its_verifikation(book):
    from finsam_desktop.ops import drafts
    did = drafts.save_draft(book, "2021-03-01", "Kontorsmaterial", [(6410, 50_00), (1930, -50_00)])
    a, b = ops.attach(book, [ops.check_underlag("a.pdf", pdf("a")), ops.check_underlag("b.pdf", pdf("b"))],
                      draft_id=did)
    ops.remove_draft_attachment(book, b.id)
    v = drafts.book_draft(book, did)
    assert [x.file_name for x in ops.list_attachments(book, voucher_id=v.id)] == ["a.pdf"]
    assert ops.list_attachments(book, draft_id=did) == []


def test_deleting_a_draft_removes_its_links(book):
    from finsam_desktop.ops import drafts
    did = drafts.save_draft(book, "2021-03-01", "Utkast", [(6410, 50_00), (1930, -50_00)])
    ops.attach(book, [ops.check_underlag("a.pdf", pdf())], draft_id=did)
    drafts.delete_draft(book, did)
    assert ops.list_attachments(book) == []


def test_copy_new_blobs_copies_only_what_the_target_lacks(book, tmp_path):
    v = _booked(book)
    ops.attach(book, [ops.check_underlag(f"{i}.png", png(i)) for i in range(3)], voucher_id=v.id)
    target = tmp_path / "backup.finsam-underlag"
    assert ops.backup_underlag(book, target) == (3, sum(len(png(i)) for i in range(3)))
    assert ops.backup_underlag(book, target) == (0, 0)
    ops.attach(book, [ops.check_underlag("ny.png", png(9))], voucher_id=v.id)
    assert ops.backup_underlag(book, target) == (1, len(png(9)))
    other = Book.create(tmp_path / "annan.finsam", namn="Annan", orgnr=VALID_ORGNR,
                        year_start="2021-01-01", year_end="2021-12-31")
    try:
        w = other.book_voucher("2021-02-01", "X", [(5010, 1_00), (1930, -1_00)])
        ops.attach(other, [ops.check_underlag("x.png", png(5))], voucher_id=w.id)
        with pytest.raises(BookFileError, match="annan bok"):
            ops.backup_underlag(other, target)
    finally:
        other.close()


def test_missing_companion_file_is_a_clear_message(book):
    v = _booked(book)
    (a,) = ops.attach(book, [ops.check_underlag("a.pdf", pdf())], voucher_id=v.id)
    store.store_of(book).close()
    store.companion_path(book.path).rename(book.path.with_name("flyttad"))
    with pytest.raises(BookFileError, match="Underlagsfilen .* saknas"):
        ops.content(book, a)


def test_a_book_from_before_the_underlag_opens_and_migrates(tmp_path):
    p = tmp_path / "gammal.finsam"
    old_book(p, MIGRATIONS.index(V_UNDERLAG)).close()
    with Book.open(p) as b:
        assert b.schema_version == SCHEMA_VERSION
        assert ops.list_attachments(b) == []


def _blob_count(path) -> int:
    conn = sqlite3.connect(str(path))
    try:
        return conn.execute("SELECT count(*) FROM blob").fetchone()[0]
    finally:
        conn.close()


def test_backups_take_the_underlag_along_once_and_a_restore_brings_them_back(book):
    v = _booked(book)
    (a,) = ops.attach(book, [ops.check_underlag("faktura.pdf", pdf())], voucher_id=v.id)
    first = book.backup("manual")
    kept = first.path.parent / store.UNDERLAG_COMPANION.name
    assert _blob_count(kept) == 1
    ops.attach(book, [ops.check_underlag("kvitto.png", png())], voucher_id=v.id)
    book.backup("manual")
    # One copy per book, to which each backup adds only what is new.
    assert _blob_count(kept) == 2
    assert [p.name for p in kept.parent.glob("*" + store.STORE_SUFFIX)] == [kept.name]
    # The underlag file beside the book is lost; restoring a backup brings its files back.
    store.store_of(book).close()
    store.companion_path(book.path).unlink()
    book.restore_from(first.id)
    (restored,) = ops.list_attachments(book, voucher_id=v.id)
    assert restored.sha256 == a.sha256 and ops.content(book, restored) == pdf()
    assert _blob_count(store.companion_path(book.path)) == 2
