"""Is the book intact, and its backups: verify, refuse to work on a book that failed,
restore from a backup."""

from __future__ import annotations

from ..book import Book
from ..book.backups import KEEP_KEY, BackupInfo, keep_last
from ..book.verify import failed, verify_book
from ..errors import InputError, RuleError
from ..findings import Finding


def verify(book: Book, *, full: bool = True) -> list[Finding]:
    """Every check of `finsam verify` (full) or its quick part."""
    return verify_book(book, full=full)


def refusal(findings: list[Finding], what: str) -> str:
    errors = failed(findings)
    more = f" ({len(errors) - 1} fel till; kör finsam verify)" if len(errors) > 1 else " (kör finsam verify)"
    return f"Boken klarar inte kontrollen av bokfilen, så {what}: {errors[0].message}{more}"


def require_intact(book: Book, what: str, *, full: bool = True) -> None:
    """Refuse (RuleError, Swedish) to go on when the book fails verification."""
    findings = verify_book(book, full=full)
    if failed(findings):
        raise RuleError(refusal(findings, what))


def block_writes_if_failed(book: Book, findings: list[Finding]) -> bool:
    """After a verification: a book that failed is not written to any more this session."""
    if failed(findings):
        book.write_block = refusal(findings, "ändras den inte")
        return True
    return False


def restore(book: Book, backup_id: str) -> BackupInfo:
    """Replace the book by a backup (the book as it is is backed up first)."""
    return book.restore_from(backup_id)


def backups_kept(book: Book) -> int:
    """How many of the latest automatic backups the book keeps (besides one per month)."""
    return keep_last(book.conn)


def set_backups_kept(book: Book, count: int) -> int:
    """Keep the latest `count` automatic backups of this book (1–1000; one per month is
    kept besides). Takes effect at the next backup."""
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= 1000:
        raise InputError(f"Antalet säkerhetskopior att behålla ska vara ett heltal 1–1000 (fick {count}).",
                         field="behåll")
    with book.transaction():
        book.set_setting(KEEP_KEY, str(count))
        book.audit("backup.keep", count=count)
    return count
